"""The aQFP potential: Eq. 1, its reduction (Eq. 2) and the exact minimisation over ``phi``.

All energies here are in units of ``E_J = Phi_0 I_c / 2 pi`` and phases in rad (dimensionless);
convert with :class:`~landauer.models.aqfp.params.AqfpParams`.

Eq. 1 (centre node eliminated exactly; Ko & Lee 1992, Takeuchi et al. 2013)::

    U(theta, phi) = -2 cos(theta) cos(phi) + (phi - phix/2)^2 / beta_L + (theta - theta_s)^2 / B

Stationarity in ``phi`` gives ``phi = phix/2 - beta_L cos(theta) sin(phi)`` (unique for ``beta_L < 1``);
to first order ``phi ~ phix/2 - beta_L cos(theta) sin(phix/2)`` and (Eq. 2)::

    U_eff(theta) ~ -2 cos(theta) cos(phix/2) - beta_L cos^2(theta) sin^2(phix/2) + (theta - theta_s)^2 / B.

``reduced_energy(method="exact")`` minimises over ``phi`` to machine precision instead. Because the
reduction minimises over ``phi`` at fixed ``theta``, the stationary points of ``U_eff`` are exactly
those of ``U`` (minima and index-1 saddles), so barriers computed here are exact.

Crossings: at ``theta = +-pi/2``, ``phi = phix/2`` exactly and ``U = (theta - theta_s)^2 / B`` for every
``phix``; hence (Eq. 3, reconstructed) ``Delta U = U(-pi/2) - U(+pi/2) = 2 pi theta_s / B``
(``= Phi_0 I_s / 2`` in SI with ``I_s = 2 I_c theta_s / B``).

References: Q. Herr, arXiv:2504.04284 (2025), Eqs. 1-3 and Fig. 2; H. L. Ko, G. S. Lee, IEEE TAS 2,
156 (1992); N. Takeuchi et al., IEEE TAS 23, 1700304 (2013).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

from landauer.models.aqfp.params import AqfpParams
from landauer.validation import ParameterError, check_positive

Array = NDArray[np.float64]
#: Half-width of the theta range searched for the logical wells (excludes flux-trapped states).
THETA_RANGE = math.pi + 0.6


@dataclass(frozen=True)
class Stationary:
    """Stationary points of the reduced potential ``U_eff(theta)`` at one exciter phase."""

    minima: Array  # theta of each minimum, ascending
    minima_energy: Array
    maxima: Array  # theta of each maximum (index-1 saddles of U), ascending
    maxima_energy: Array

    @property
    def n_minima(self) -> int:
        return int(self.minima.size)


@dataclass(frozen=True)
class ReducedPotential:
    """Eq. 1 for given ``beta_L`` and ``B`` (dimensionless), with ``phix`` and ``theta_s`` as arguments."""

    beta_L: float
    B: float

    def __post_init__(self) -> None:
        check_positive("beta_L", self.beta_L)
        check_positive("B", self.B)
        if self.beta_L >= 1.0:
            raise ParameterError(f"beta_L = {self.beta_L:g} >= 1: phi is multivalued, Eq. 1 reduction fails")

    @classmethod
    def from_params(cls, params: AqfpParams) -> ReducedPotential:
        return cls(beta_L=params.beta_L, B=params.B)

    # --- Eq. 1 and derivatives ----------------------------------------------------------------
    def energy(self, theta: ArrayLike, phi: ArrayLike, *, phix: float, theta_s: float = 0.0) -> Array:
        """Eq. 1, ``U/E_J``."""
        t, p = np.asarray(theta, float), np.asarray(phi, float)
        return (-2.0 * np.cos(t) * np.cos(p) + (p - 0.5 * phix) ** 2 / self.beta_L
                + (t - theta_s) ** 2 / self.B)

    def gradient(self, theta: ArrayLike, phi: ArrayLike, *, phix: float, theta_s: float = 0.0
                 ) -> tuple[Array, Array]:
        """``(dU/dtheta, dU/dphi)``."""
        t, p = np.asarray(theta, float), np.asarray(phi, float)
        gt = 2.0 * np.sin(t) * np.cos(p) + 2.0 * (t - theta_s) / self.B
        gp = 2.0 * np.cos(t) * np.sin(p) + 2.0 * (p - 0.5 * phix) / self.beta_L
        return gt, gp

    def hessian(self, theta: ArrayLike, phi: ArrayLike) -> tuple[Array, Array, Array]:
        """``(U_tt, U_tp, U_pp)`` (independent of ``phix`` and ``theta_s``)."""
        t, p = np.asarray(theta, float), np.asarray(phi, float)
        cc = 2.0 * np.cos(t) * np.cos(p)
        return cc + 2.0 / self.B, -2.0 * np.sin(t) * np.sin(p), cc + 2.0 / self.beta_L

    # --- reduction over phi ---------------------------------------------------------------------
    def phi_star(self, theta: ArrayLike, *, phix: float) -> Array:
        """Exact ``argmin_phi U``: root of ``phi - phix/2 + beta_L cos(theta) sin(phi) = 0`` (Newton)."""
        t = np.asarray(theta, float)
        c = self.beta_L * np.cos(t)
        p = 0.5 * phix - c * math.sin(0.5 * phix)
        for _ in range(30):
            g = p - 0.5 * phix + c * np.sin(p)
            step = g / (1.0 + c * np.cos(p))
            p = p - step
            if np.all(np.abs(step) < 1e-15):
                break
        return p

    def phi_eq2(self, theta: ArrayLike, *, phix: float) -> Array:
        """First-order ``phi ~ phix/2 - beta_L cos(theta) sin(phix/2)`` used to derive Eq. 2."""
        return 0.5 * phix - self.beta_L * np.cos(np.asarray(theta, float)) * math.sin(0.5 * phix)

    def reduced_energy(self, theta: ArrayLike, *, phix: float, theta_s: float = 0.0,
                       method: Literal["exact", "eq2"] = "exact") -> Array:
        """``U_eff(theta)``: exact minimum over ``phi`` or the paper's Eq. 2."""
        t = np.asarray(theta, float)
        if method == "exact":
            return self.energy(t, self.phi_star(t, phix=phix), phix=phix, theta_s=theta_s)
        if method != "eq2":
            raise ParameterError(f"unknown reduction method {method!r}; choose exact or eq2")
        c, s = math.cos(0.5 * phix), math.sin(0.5 * phix)
        return -2.0 * np.cos(t) * c - self.beta_L * np.cos(t) ** 2 * s * s + (t - theta_s) ** 2 / self.B

    def reduced_slope(self, theta: ArrayLike, *, phix: float, theta_s: float = 0.0) -> Array:
        """``dU_eff/dtheta = dU/dtheta`` at ``phi*`` (envelope theorem)."""
        t = np.asarray(theta, float)
        return self.gradient(t, self.phi_star(t, phix=phix), phix=phix, theta_s=theta_s)[0]

    def reduced_curvature(self, theta: ArrayLike, *, phix: float) -> Array:
        """``d2U_eff/dtheta2 = U_tt - U_tp^2 / U_pp`` at ``phi*``."""
        t = np.asarray(theta, float)
        utt, utp, upp = self.hessian(t, self.phi_star(t, phix=phix))
        return utt - utp * utp / upp

    # --- landscape -------------------------------------------------------------------------------
    def stationary(self, *, phix: float, theta_s: float = 0.0, points: int = 1601) -> Stationary:
        """Minima and maxima of ``U_eff`` on ``|theta| < pi + 0.6`` (the logical branch), bracketed on a
        grid and polished with Brent's method on the exact slope."""
        grid = np.linspace(-THETA_RANGE, THETA_RANGE, points)
        d = self.reduced_slope(grid, phix=phix, theta_s=theta_s)

        def f(x: float) -> float:
            return float(self.reduced_slope(x, phix=phix, theta_s=theta_s))

        roots = []
        for i in np.flatnonzero(np.sign(d[:-1]) * np.sign(d[1:]) <= 0):
            if d[i] == 0.0:
                roots.append(float(grid[i]))
            elif d[i + 1] != 0.0:
                roots.append(optimize.brentq(f, grid[i], grid[i + 1], xtol=1e-14, rtol=1e-14))
        r = np.unique(np.round(np.asarray(roots, float), 12))
        curv = self.reduced_curvature(r, phix=phix) if r.size else np.zeros(0)
        u = self.reduced_energy(r, phix=phix, theta_s=theta_s) if r.size else np.zeros(0)
        mins, maxs = curv > 0, curv < 0
        return Stationary(r[mins], u[mins], r[maxs], u[maxs])

    def wells(self, *, phix: float, theta_s: float = 0.0) -> WellPair | None:
        """The two logical wells (outermost minima on either side of 0) and the barrier between them,
        or ``None`` while the potential has no well at negative or at positive ``theta``."""
        st = self.stationary(phix=phix, theta_s=theta_s)
        if st.n_minima < 2 or st.minima[0] >= 0 or st.minima[-1] <= 0:
            return None
        between = (st.maxima > st.minima[0]) & (st.maxima < st.minima[-1])
        top = float(st.maxima_energy[between].max())
        return WellPair(theta_minus=float(st.minima[0]), theta_plus=float(st.minima[-1]),
                        u_minus=float(st.minima_energy[0]), u_plus=float(st.minima_energy[-1]),
                        u_barrier=top, n_minima=st.n_minima)


@dataclass(frozen=True)
class WellPair:
    """The two logical wells at one exciter phase (energies in ``E_J``)."""

    theta_minus: float
    theta_plus: float
    u_minus: float
    u_plus: float
    u_barrier: float
    n_minima: int

    @property
    def splitting(self) -> float:
        """``U(-) - U(+)``: > 0 when the positive well is the lower one."""
        return self.u_minus - self.u_plus

    @property
    def barrier_lower(self) -> float:
        """Barrier seen from the lower well."""
        return self.u_barrier - min(self.u_minus, self.u_plus)

    @property
    def barrier_upper(self) -> float:
        """Barrier seen from the upper well (escape of a wrong state)."""
        return self.u_barrier - max(self.u_minus, self.u_plus)


def crossing_difference(*, theta_s: float, B: float) -> float:
    """Eq. 3: ``Delta U / E_J = U(-pi/2) - U(+pi/2) = 2 pi theta_s / B`` (independent of ``phix``)."""
    return 2.0 * math.pi * theta_s / B


def crossing_exciter(*, theta_s: float, B: float) -> float:
    """Exciter phase ``phix`` at which the curve's minimum sits at ``theta = +pi/2``:
    ``cos(phix/2) = -(pi/2 - theta_s)/B``. Raises if ``B`` is too small for that."""
    c = -(0.5 * math.pi - theta_s) / B
    if abs(c) > 1:
        raise ParameterError(f"no exciter phase puts the minimum at pi/2 for B = {B:g}")
    return 2.0 * math.acos(c)


def adiabatic_ber(delta_u_over_kT: ArrayLike) -> Array:
    """Occupancy of the upper well in equilibrium, ``1 / (1 + exp(Delta U/kT))`` (paper, Eq. 3)."""
    return np.asarray(special.expit(-np.asarray(delta_u_over_kT, float)))


def log10_adiabatic_ber(delta_u_over_kT: ArrayLike) -> Array:
    """``log10`` of :func:`adiabatic_ber`, accurate far below the float range."""
    x = np.asarray(delta_u_over_kT, float)
    return -np.logaddexp(0.0, x) / math.log(10.0)


def eliminate_ports(port_betas: ArrayLike, port_phases: ArrayLike) -> tuple[float, float, float]:
    """Combine port inductors to neighbour centre-node phases into one: ``(beta_q, theta_s, C)`` with
    ``sum_p (psi - psi_p)^2 / (2 beta_p) = (psi - theta_s)^2 / (2 beta_q) + C``,
    ``1/beta_q = sum 1/beta_p`` and ``theta_s = beta_q sum psi_p / beta_p`` (Eq. 1's signal phase)."""
    b = np.asarray(port_betas, float)
    ps = np.asarray(port_phases, float)
    check_positive("port_betas", b)
    if b.shape != ps.shape:
        raise ParameterError("one neighbour phase per port")
    bq = 1.0 / float(np.sum(1.0 / b))
    ts = bq * float(np.sum(ps / b))
    const = 0.5 * float(np.sum(ps * ps / b)) - 0.5 * ts * ts / bq
    return bq, ts, const


def energy_with_centre_node(theta1: float, theta2: float, psi: float, *, phix: float, beta_L: float,
                            port_betas: ArrayLike, port_phases: ArrayLike) -> float:
    """The QFP before elimination (E_J units): junctions, the two loop inductors to the centre node
    ``psi`` carrying the exciter flux, and the port inductors from ``psi`` to the neighbours' phases::

        U = -cos th1 - cos th2 + (th1 - psi - phix/2)^2/(2 beta_L) + (th2 - psi + phix/2)^2/(2 beta_L)
            + sum_p (psi - psi_p)^2 / (2 beta_p)
    """
    b = np.asarray(port_betas, float)
    ps = np.asarray(port_phases, float)
    return float(-math.cos(theta1) - math.cos(theta2) + (theta1 - psi - 0.5 * phix) ** 2 / (2 * beta_L)
                 + (theta2 - psi + 0.5 * phix) ** 2 / (2 * beta_L) + np.sum((psi - ps) ** 2 / (2 * b)))


def landscape_potential(rp: ReducedPotential, *, phix: float, theta_s: float = 0.0) -> Any:
    """Eq. 1 in ``(theta, phi)`` as a vectorised :class:`landauer.landscape.Potential`."""
    from landauer.landscape import Potential

    def energy(x: Array) -> Array:
        return rp.energy(x[..., 0], x[..., 1], phix=phix, theta_s=theta_s)

    def gradient(x: Array) -> Array:
        gt, gp = rp.gradient(x[..., 0], x[..., 1], phix=phix, theta_s=theta_s)
        return np.stack([gt, gp], axis=-1)

    def hessian(x: Array) -> Array:
        htt, htp, hpp = rp.hessian(x[..., 0], x[..., 1])
        return np.stack([np.stack([htt, htp], -1), np.stack([htp, hpp], -1)], -2)

    return Potential(energy=energy, gradient=gradient, hessian=hessian, ndim=2, vectorized=True,
                     names=("theta", "phi"))
