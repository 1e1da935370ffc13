"""Pauli master equation in the many-body eigenbasis: steady state, currents and entropy production.

Master equation for the eigenstate populations ``P_a`` (Kirsanskas et al., CPC 221, 317 (2017), Pauli
approach; Schnakenberg, RMP 48, 571 (1976)):

.. math::
    \\dot P_b = \\sum_a (W_{ba} P_a - W_{ab} P_b), \\qquad \\sum_a P_a = 1,

with ``W = sum_c (W^in_c + W^out_c)`` from :mod:`.rates`. For every channel c (lead alpha, spin sigma)
the edge flux of a -> b (N -> N+1) is ``F = W^in_{ba} P_a - W^out_{ab} P_b``; the particle and energy
currents into the dimer are ``J^N_c = sum F`` and ``J^E_c = sum (E_b - E_a) F``. The heat current out of
the lead is ``J^Q_c = J^E_c - mu_c J^N_c`` and the entropy production rate (units of k_B) is

.. math::
    \\sigma = -\\sum_c J^Q_c / k_B T_c
          = \\sum_{c,\\,a\\to b} F \\ln\\frac{W^{in}_{ba} P_a}{W^{out}_{ab} P_b} \\ge 0,

the second (Schnakenberg) form keeping one edge per channel; at steady state the two agree exactly.
All rates and currents are in units of meV/hbar; :data:`CURRENT_A` etc. convert to SI.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.constants import e, hbar, k_B
from landauer.models.transport.hamiltonian import DimerCouplings, Spectrum, diagonalise
from landauer.models.transport.markov import stationary
from landauer.models.transport.params import SpinEngineParams
from landauer.models.transport.rates import Channels, build_channels, fermi

#: Rate unit: 1 meV/hbar in s^-1.
RATE_PER_S: float = 1e-3 * e / hbar
#: Charge current of one particle per (hbar/meV), in A (243.41 nA).
CURRENT_A: float = e * RATE_PER_S
#: Power of 1 meV x 1 meV/hbar, in W.
POWER_W: float = 1e-3 * e * RATE_PER_S
#: Entropy production of 1 k_B x 1 meV/hbar, in W/K.
ENTROPY_W_PER_K: float = k_B * RATE_PER_S


class TransportValidityWarning(UserWarning):
    """The Pauli (sequential-tunnelling) approximation is outside its range of validity."""


@dataclass(frozen=True)
class SteadyState:
    """Steady state of the Pauli master equation at each bias point (currents in meV/hbar).

    Attributes
    ----------
    populations : ndarray (nV, 16)
        Eigenstate populations.
    particle : ndarray (nV, nch)
        J^N_c: particles per (hbar/meV) entering the dimer from channel c.
    energy : ndarray (nV, nch)
        J^E_c: energy current into the dimer (meV x meV/hbar).
    mu : ndarray (nV, nch)
        Channel chemical potentials (meV).
    kT : ndarray (nch,)
        Channel thermal energies (meV).
    sigma_schnakenberg : ndarray (nV,)
        Entropy production (k_B meV/hbar) from edge fluxes and forces.
    min_edge_term : ndarray (nV,)
        Smallest single Schnakenberg term (>= 0 up to round-off).
    """

    populations: NDArray[np.float64]
    particle: NDArray[np.float64]
    energy: NDArray[np.float64]
    mu: NDArray[np.float64]
    kT: NDArray[np.float64]
    spin: tuple[int, ...]
    lead: tuple[str, ...]
    sigma_schnakenberg: NDArray[np.float64]
    min_edge_term: NDArray[np.float64]

    @property
    def heat(self) -> NDArray[np.float64]:
        """J^Q_c = J^E_c - mu_c J^N_c: heat leaving reservoir c into the dimer (meV^2/hbar)."""
        return self.energy - self.mu * self.particle

    @property
    def sigma(self) -> NDArray[np.float64]:
        """Entropy production rate -sum_c J^Q_c / k_B T_c (k_B x meV/hbar)."""
        return -(self.heat / self.kT[None, :]).sum(axis=1)

    def lead_particle(self, lead: str) -> NDArray[np.float64]:
        """Particle current into the dimer from ``lead`` ('L' or 'R'), summed over spin."""
        cols = [i for i, a in enumerate(self.lead) if a == lead]
        return self.particle[:, cols].sum(axis=1)

    def lead_spin(self, lead: str) -> NDArray[np.float64]:
        """Spin current J^s = J^N_up - J^N_down into the dimer from ``lead``."""
        cols = [i for i, a in enumerate(self.lead) if a == lead]
        return sum(self.spin[i] * self.particle[:, i] for i in cols)  # type: ignore[return-value]


def solve_master(spectrum: Spectrum, channels: Channels) -> SteadyState:
    """Steady state and currents for a diagonalised dimer coupled through ``channels``.

    Raises :class:`~landauer.models.transport.markov.IllPosedSteadyState` (a ``ValueError``) when
    the rate graph has more than one closed set of states (no unique steady state).
    """
    en = spectrum.energies
    nv = en.shape[0]
    de = en[:, :, None] - en[:, None, :]  # [b, a] = E_b - E_a
    rate = np.zeros((nv, 16, 16))
    parts = []
    for c in range(channels.nch):
        amp = spectrum.creation(channels.site[c], channels.spin[c])
        m = (amp.real**2 + amp.imag**2)
        m[m < 1e-28] = 0.0
        g = channels.coupling(c, de) * m
        x = (de - channels.mu[:, c, None, None]) / channels.kT[c]
        f = fermi(x)
        w_in = g * f
        w_out = g * fermi(-x)
        rate += w_in + np.swapaxes(w_out, 1, 2)
        parts.append((g, x, w_in, w_out))
    pop = stationary(rate)  # GTH state reduction: non-negative, residual-checked (see .markov)
    jn = np.empty((nv, channels.nch))
    je = np.empty((nv, channels.nch))
    sig = np.zeros(nv)
    min_term = np.full(nv, np.inf)
    logp = np.log(np.clip(pop, 1e-300, None))
    for c, (g, x, w_in, w_out) in enumerate(parts):
        flux = w_in * pop[:, None, :] - w_out * pop[:, :, None]
        jn[:, c] = flux.sum(axis=(1, 2))
        je[:, c] = (de * flux).sum(axis=(1, 2))
        force = -x + logp[:, None, :] - logp[:, :, None]
        term = np.where(g > 0, flux * force, 0.0)
        sig += term.sum(axis=(1, 2))
        min_term = np.minimum(min_term, np.where(g > 0, term, np.inf).min(axis=(1, 2)))
    return SteadyState(
        populations=pop,
        particle=jn,
        energy=je,
        mu=channels.mu,
        kT=channels.kT,
        spin=channels.spin,
        lead=channels.lead,
        sigma_schnakenberg=sig,
        min_edge_term=min_term,
    )


def couplings(p: SpinEngineParams) -> DimerCouplings:
    """Bias-independent dimer couplings of ``p``."""
    return DimerCouplings(
        t=p.t, U=p.U, U_inter=p.U_inter, J_heis=p.J_heis, J_ising=p.J_ising, D_z=p.D_z,
        B1=p.B1, B2=p.B2,
    )


def dimer_levels(p: SpinEngineParams, v: ArrayLike) -> tuple[NDArray[np.float64], ...]:
    """eps_1(V), eps_2(V) = e0 +- ASYM/2 + eta_PM1,2 eV (meV)."""
    v = np.atleast_1d(np.asarray(v, dtype=float))
    return p.e0 + p.asym / 2 + p.lever[2] * v, p.e0 - p.asym / 2 + p.lever[3] * v


def spectrum(p: SpinEngineParams, v: ArrayLike) -> Spectrum:
    """Eigenbasis of H_D at bias points ``v`` (mV)."""
    e1, e2 = dimer_levels(p, v)
    return diagonalise(e1, e2, couplings(p))


@dataclass(frozen=True)
class Validity:
    """Figures of merit of the Pauli approximation (dimensionless ratios)."""

    hopping_over_gamma: float
    gamma_over_kT: float
    min_spacing_over_gamma: float
    resolved_degeneracy: bool

    @property
    def ok(self) -> bool:
        hop_ok = self.hopping_over_gamma == 0 or self.hopping_over_gamma >= 10
        return hop_ok and self.gamma_over_kT <= 0.1 and self.min_spacing_over_gamma >= 10


def validity(
    p: SpinEngineParams, spec: Spectrum, populations: NDArray[np.float64] | None = None,
    *, populated: float = 1e-3,
) -> Validity:
    """Check t >> Gamma, Gamma << k_B T and in-block level spacings >> Gamma.

    Spacings count only between adjacent eigenstates of one (N, S^z) block of which at least one has
    population above ``populated`` (coherences between empty states do not affect the currents);
    without ``populations`` every pair counts. Exact degeneracies (resolved by the orbital label) are
    reported separately.
    """
    from landauer.models.transport.rates import K_B_MEV

    gmax = max(p.gamma_L * (1 + abs(p.pL)), p.gamma_R * (1 + abs(p.pR)))
    kt = K_B_MEV * min(p.T_L, p.T_R)
    same = (spec.n[1:] == spec.n[:-1]) & (spec.two_sz[1:] == spec.two_sz[:-1])
    gaps = np.diff(spec.energies, axis=1)
    exact = gaps <= 1e-9 * (1.0 + np.abs(spec.energies[:, 1:]))
    relevant = same[None, :] & ~exact
    if populations is not None:
        busy = np.maximum(populations[:, 1:], populations[:, :-1]) > populated
        relevant &= busy
    min_gap = float(np.min(np.where(relevant, gaps, np.inf))) if relevant.any() else np.inf
    return Validity(
        hopping_over_gamma=p.t / gmax,
        gamma_over_kT=gmax / kt,
        min_spacing_over_gamma=min_gap / gmax,
        resolved_degeneracy=bool(spec.degenerate.any()),
    )


def solve(p: SpinEngineParams, v: ArrayLike, *, warn: bool = True) -> SteadyState:
    """Steady state of the model ``p`` at bias points ``v`` (mV).

    Warns with :class:`TransportValidityWarning` when the sequential-tunnelling approximation is
    outside its validity range (t < 10 Gamma, Gamma > 0.1 k_B T, in-block spacing < 10 Gamma).
    """
    v = np.atleast_1d(np.asarray(v, dtype=float))
    spec = spectrum(p, v)
    state = solve_master(spec, build_channels(p, v))
    if warn:
        val = validity(p, spec, state.populations)
        if not val.ok:
            warnings.warn(
                "Pauli master equation outside its validity range: "
                f"t/Gamma = {val.hopping_over_gamma:.3g} (want >= 10 or t = 0), "
                f"Gamma/kT = {val.gamma_over_kT:.3g} (want <= 0.1), "
                f"min in-block spacing/Gamma = {val.min_spacing_over_gamma:.3g} (want >= 10)",
                TransportValidityWarning,
                stacklevel=2,
            )
    return state


def gibbs(energies: NDArray[np.float64], n: NDArray[np.int64], *, mu: float, kT: float
          ) -> NDArray[np.float64]:
    """Grand-canonical populations exp(-(E_a - mu N_a)/kT)/Z (for the detailed-balance checks)."""
    x = -(energies - mu * n) / kT
    x = x - x.max(axis=-1, keepdims=True)
    w = np.exp(x)
    return w / w.sum(axis=-1, keepdims=True)
