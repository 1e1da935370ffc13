"""Escape rates over a barrier: transition-state theory, Kramers-Langer and the Mel'nikov-Meshkov
turnover; dwell times are their inverses.

Dynamics ``M x'' = -grad U - F x' + noise`` (diagonal mass ``M`` and friction coefficient ``F``, so
the damping rate of coordinate ``k`` is ``F_k/M_k``), or overdamped ``x' = -mu grad U + noise``.
With ``H_m``, ``H_s`` the Hessians at the minimum and the index-1 saddle and ``Delta U = U_s - U_m``:

- multi-D TST (upper bound on the classical rate):
  ``Gamma_TST = (omega_b / 2 pi) sqrt(det H_m / |det H_s|) exp(-Delta U/kT)``, ``omega_b^2`` the
  negative eigenvalue of ``M^-1 H_s`` in magnitude; in 1-D ``(omega_0/2 pi) exp(-Delta U/kT)``;
- Kramers-Langer (moderate-to-strong damping): the same with ``omega_b -> lambda_+``, the positive root
  of ``det(lambda^2 M + lambda F + H_s) = 0`` (isotropic: ``lambda_+ = sqrt(g^2/4 + omega_b^2) - g/2``;
  overdamped: the unstable eigenvalue of ``mu H_s``);
- Mel'nikov-Meshkov (all damping): ``Gamma = A(delta) Gamma_KL`` with
  ``A(delta) = exp[(1/2 pi) int_-inf^inf dy ln(1 - exp(-delta (y^2 + 1/4))) / (y^2 + 1/4)]`` and
  ``delta = Delta E / kT`` the energy lost by friction along the undamped orbit at the barrier energy
  (``A -> delta`` for ``delta -> 0``, ``A -> 1`` for ``delta -> inf``).

References: H. A. Kramers, Physica 7, 284 (1940); J. S. Langer, Ann. Phys. 54, 258 (1969);
V. I. Mel'nikov, S. V. Meshkov, J. Chem. Phys. 85, 1018 (1986); P. Hanggi, P. Talkner, M. Borkovec,
Rev. Mod. Phys. 62, 251 (1990), Eqs. (4.8), (4.48), (5.56).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate

from landauer.landscape.barriers import Barriers, Connection
from landauer.landscape.critical import CriticalPoint
from landauer.landscape.potential import Potential, as_potential
from landauer.validation import ParameterError, check_positive

Array = NDArray[np.float64]
RateMethod = Literal["tst", "kramers-langer", "melnikov-meshkov"]


def _diag(v: ArrayLike | None, n: int, name: str) -> Array:
    a = np.ones(n) if v is None else np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy()
    check_positive(name, a)
    return a


def tst_rate_1d(*, barrier: float, curvature: float, kT: float, mass: float = 1.0) -> float:
    """``(omega_0/2 pi) exp(-barrier/kT)`` with ``omega_0 = sqrt(curvature/mass)`` (1-D TST)."""
    check_positive("kT", kT)
    check_positive("curvature", curvature)
    check_positive("mass", mass)
    return math.sqrt(curvature / mass) / (2 * math.pi) * math.exp(-barrier / kT)


def unstable_rate(hessian_saddle: ArrayLike, *, mass: ArrayLike | None = None,
                  friction: ArrayLike | None = None, mobility: ArrayLike | None = None) -> float:
    """``lambda_+``: growth rate of the unstable mode at the saddle.

    Underdamped (``friction`` given; ``friction = 0`` gives ``omega_b``): the largest real root of
    ``det(lambda^2 M + lambda F + H_s) = 0``. Overdamped (``mobility`` given): the unstable eigenvalue
    of ``diag(mu) H_s``.
    """
    H = np.asarray(hessian_saddle, dtype=float)
    n = H.shape[0]
    if mobility is not None:
        mu = _diag(mobility, n, "mobility")
        ev = np.linalg.eigvals(mu[:, None] * H)
        lam = -float(np.min(ev.real))
    else:
        m = _diag(mass, n, "mass")
        f = np.zeros(n) if friction is None else np.broadcast_to(np.asarray(friction, float), (n,))
        check_positive("friction", f, allow_zero=True)
        A = np.zeros((2 * n, 2 * n))
        A[:n, n:] = np.eye(n)
        A[n:, :n] = -H / m[:, None]
        A[n:, n:] = -np.diag(f / m)
        ev = np.linalg.eigvals(A)
        lam = float(np.max(ev.real))
    if lam <= 0:
        raise ParameterError("the saddle Hessian has no unstable direction")
    return lam


def _prefactor(hm: Array, hs: Array) -> float:
    dm = float(np.linalg.det(hm))
    ds = float(np.linalg.det(hs))
    if dm <= 0 or ds >= 0:
        raise ParameterError("need a minimum (det H > 0) and an index-1 saddle (det H < 0)")
    return math.sqrt(dm / abs(ds))


def tst_rate(*, barrier: float, hessian_min: ArrayLike, hessian_saddle: ArrayLike, kT: float,
             mass: ArrayLike | None = None) -> float:
    """Multi-D TST rate (module docstring)."""
    check_positive("kT", kT)
    hm, hs = np.atleast_2d(hessian_min).astype(float), np.atleast_2d(hessian_saddle).astype(float)
    wb = unstable_rate(hs, mass=mass, friction=None)
    return wb / (2 * math.pi) * _prefactor(hm, hs) * math.exp(-barrier / kT)


def kramers_langer_rate(*, barrier: float, hessian_min: ArrayLike, hessian_saddle: ArrayLike, kT: float,
                        mass: ArrayLike | None = None, friction: ArrayLike | None = None,
                        mobility: ArrayLike | None = None) -> float:
    """Kramers-Langer rate (module docstring); give ``friction`` (underdamped) or ``mobility``."""
    check_positive("kT", kT)
    if (friction is None) == (mobility is None):
        raise ParameterError("give exactly one of friction (underdamped) or mobility (overdamped)")
    hm, hs = np.atleast_2d(hessian_min).astype(float), np.atleast_2d(hessian_saddle).astype(float)
    lam = unstable_rate(hs, mass=mass, friction=friction, mobility=mobility)
    return lam / (2 * math.pi) * _prefactor(hm, hs) * math.exp(-barrier / kT)


def melnikov_meshkov_factor(delta: float) -> float:
    """Turnover factor ``A(delta)`` (module docstring); ``delta`` = energy loss per orbit / kT."""
    check_positive("delta", delta)

    def f(y: float) -> float:
        s = y * y + 0.25
        return math.log(-math.expm1(-delta * s)) / s

    val, _ = integrate.quad(f, 0.0, np.inf, limit=200)
    return math.exp(val / math.pi)


def orbit_energy_loss(pot: Potential, path: ArrayLike, *, energy: float, mass: ArrayLike | None = None,
                      friction: ArrayLike | None = None) -> float:
    """Energy lost to friction on an undamped orbit at ``energy`` that runs out and back along ``path``.

    ``Delta E = 2 int sqrt(2 (E - U)) sum_k (F_k/M_k) u_k^2 ds`` over the parts of the polyline with
    ``U < E``, in mass-weighted coordinates ``y = sqrt(M) x`` (``u`` the unit tangent). For a 1-D
    well this is exactly ``gamma * (orbit action)``.
    """
    P = np.asarray(path, dtype=float)
    n = pot.ndim
    m = _diag(mass, n, "mass")
    f = _diag(friction, n, "friction") if friction is not None else np.ones(n)
    Y = P * np.sqrt(m)
    # refine the polyline so the integrand is resolved
    seg = np.linalg.norm(np.diff(Y, axis=0), axis=1)
    keep = seg > 0
    A, B, seg = P[:-1][keep], P[1:][keep], seg[keep]
    total = 0.0
    for a, b, L in zip(A, B, seg, strict=True):
        k = max(2, int(math.ceil(L / 2e-3)))
        t = (np.arange(k) + 0.5) / k
        X = a + t[:, None] * (b - a)
        U = pot.energies(X)
        dy = (b - a) * np.sqrt(m)
        u = dy / np.linalg.norm(dy)
        damp = float(np.sum(f / m * u * u))
        total += float(np.sum(np.sqrt(2 * np.clip(energy - U, 0.0, None)))) * (L / k) * damp
    return 2.0 * total


def orbit_path(pot: Potential, connection: Connection, well: int, *, step: float = 2e-3,
               max_length: float = 50.0) -> Array:
    """Path of the barrier-energy orbit of ``well`` through ``connection``'s saddle: the descent path
    from the saddle to the minimum, extended straight beyond the minimum (along saddle -> minimum)
    until ``U`` regains the saddle energy. Approximate in curved landscapes; exact in 1-D."""
    path = connection.path_a if well == connection.a else connection.path_b
    xs, xm = connection.saddle.x, path[-1]
    # keep the descent while it advances along saddle -> minimum short of the minimum (drop the
    # zig-zag of the final steps around it), then close at the minimum
    u = (xm - xs) / np.linalg.norm(xm - xs)
    proj = (path - xs) @ u
    bad = (np.diff(proj) <= 0) | (proj[1:] >= proj[-1])
    stop = int(np.argmax(bad)) if np.any(bad) else proj.size - 1
    path = np.vstack([path[: stop + 1], xm[None, :]])
    d = xm - xs
    d /= np.linalg.norm(d)
    es = connection.saddle.energy
    n = int(max_length / step)
    ext = xm + step * np.arange(1, n + 1)[:, None] * d
    U = pot.energies(ext)
    above = np.flatnonzero(U >= es)
    if above.size == 0:
        raise ParameterError("the orbit at the barrier energy does not close within max_length")
    return np.vstack([path, ext[: above[0] + 1]])


def escape_rate(
    pot: Potential,
    barriers: Barriers,
    well: int,
    *,
    kT: float,
    method: RateMethod = "kramers-langer",
    mass: ArrayLike | None = None,
    friction: ArrayLike | None = None,
    mobility: ArrayLike | None = None,
    all_saddles: bool = True,
) -> float:
    """Total escape rate from minimum ``well`` (summed over its saddles, or the lowest only)."""
    pot = as_potential(pot)
    conns = barriers.escapes(well)
    if not conns:
        return 0.0
    if not all_saddles:
        low = barriers.lowest_escape(well)
        conns = [low] if low is not None else []
    mn: CriticalPoint = barriers.minima[well]
    total = 0.0
    for c in conns:
        dU = c.saddle.energy - mn.energy
        if method == "tst":
            total += tst_rate(barrier=dU, hessian_min=mn.hessian, hessian_saddle=c.saddle.hessian, kT=kT,
                              mass=mass)
            continue
        r = kramers_langer_rate(barrier=dU, hessian_min=mn.hessian, hessian_saddle=c.saddle.hessian, kT=kT,
                                mass=mass, friction=friction, mobility=mobility)
        if method == "melnikov-meshkov":
            if friction is None:
                raise ParameterError("the Mel'nikov-Meshkov factor needs underdamped friction")
            loss = orbit_energy_loss(pot, orbit_path(pot, c, well), energy=c.saddle.energy, mass=mass,
                                     friction=friction)
            r *= melnikov_meshkov_factor(loss / kT)
        elif method != "kramers-langer":
            raise ParameterError(
                f"unknown rate method {method!r}; choose tst, kramers-langer, melnikov-meshkov")
        total += r
    return total


def dwell_time(rate: float) -> float:
    """Mean dwell time ``1/rate`` (inf for a zero rate)."""
    return math.inf if rate <= 0 else 1.0 / rate
