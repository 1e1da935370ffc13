"""Tunnelling channels and sequential-tunnelling (Pauli) rates, with optional spinterface filters.

One channel per (lead alpha, spin sigma); lead L couples to PM1 (site 0) and R to PM2 (site 1). For a
transition a (N) -> b (N+1) through channel c with ``M = |<b|d^dagger_{i(c) sigma}|a>|^2`` and
``dE = E_b - E_a`` (Fermi's golden rule, e.g. Bruus & Flensberg ch. 10; Kirsanskas et al.,
CPC 221, 317 (2017)):

.. math::
    W^{in}_c = \\Gamma_c(dE)\\, M\\, f_c(dE - \\mu_c)/\\hbar,\\qquad
    W^{out}_c = \\Gamma_c(dE)\\, M\\, [1 - f_c(dE - \\mu_c)]/\\hbar.

Rates are returned in units of meV/hbar (1 meV/hbar = 1.519e12 s^-1). The spinterface filter
``Gamma_c(E) = Gamma_c g(E - E0 - sigma s'_alpha SP/2 - eta_SP eV)`` multiplies in- and out-rates alike,
so it cannot break local detailed balance ``W_in/W_out = exp(-(dE - mu_c)/k_B T_c)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

from landauer.constants import e, k_B
from landauer.models.transport.params import SpinEngineParams

#: k_B in meV/K.
K_B_MEV: float = k_B / e * 1e3


@dataclass(frozen=True)
class Channels:
    """Tunnelling channels, batched over bias points.

    Attributes
    ----------
    site, spin : tuple of int
        Dimer site (0, 1) and spin (+1, -1) of each channel.
    lead : tuple of str
        'L' or 'R' for each channel.
    mu : ndarray (nV, nch)
        Chemical potentials (meV).
    kT : ndarray (nch,)
        Thermal energies k_B T of the channel's lead (meV).
    gamma : ndarray (nch,)
        Energy-independent couplings Gamma_c (meV).
    filter_centre : ndarray (nV, nch) or None
        Centre of the spinterface band for each channel (meV), None without spinterfaces.
    width, edge, floor : float
        Spinterface box width and edge smoothing (meV) and floor.
    """

    site: tuple[int, ...]
    spin: tuple[int, ...]
    lead: tuple[str, ...]
    mu: NDArray[np.float64]
    kT: NDArray[np.float64]
    gamma: NDArray[np.float64]
    filter_centre: NDArray[np.float64] | None = None
    width: float = 10.0
    edge: float = 0.5
    floor: float = 1e-3

    @property
    def nch(self) -> int:
        return len(self.site)

    def coupling(self, c: int, energy: NDArray[np.float64]) -> NDArray[np.float64]:
        """Gamma_c(E) (meV) for transition energies ``energy`` of shape (nV, ...)."""
        if self.filter_centre is None:
            return np.full(energy.shape, self.gamma[c])
        x = energy - self.filter_centre[:, c].reshape((-1,) + (1,) * (energy.ndim - 1))
        half = self.width / 2
        box = expit((x + half) / self.edge) * expit((half - x) / self.edge)
        return self.gamma[c] * (self.floor + (1.0 - self.floor) * box)


def fermi(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Fermi function 1/(1 + e^x) of the reduced energy x = (E - mu)/k_B T, overflow-safe."""
    return expit(-x)


CHANNEL_ORDER: tuple[tuple[str, int], ...] = (("L", +1), ("L", -1), ("R", +1), ("R", -1))


def lead_chemical_potentials(p: SpinEngineParams, v: NDArray[np.float64]) -> NDArray[np.float64]:
    """mu_{alpha sigma}(V) (meV), shape (nV, 4), order L up, L down, R up, R down."""
    v = np.atleast_1d(np.asarray(v, dtype=float))
    mu_l = p.lever[0] * v
    mu_r = p.lever[5] * v
    half_l = p.sp / 2
    half_r = p.s_R * p.ap_ratio * p.sp / 2
    return np.stack([mu_l + half_l, mu_l - half_l, mu_r + half_r, mu_r - half_r], axis=1)


def build_channels(p: SpinEngineParams, v: NDArray[np.float64]) -> Channels:
    """The four channels (L up, L down, R up, R down) of the model at bias points ``v`` (mV)."""
    v = np.atleast_1d(np.asarray(v, dtype=float))
    mu = lead_chemical_potentials(p, v)
    gamma = np.array(
        [
            p.gamma_L * (1 + p.pL),
            p.gamma_L * (1 - p.pL),
            p.gamma_R * (1 + p.s_R * p.pR),
            p.gamma_R * (1 - p.s_R * p.pR),
        ]
    )
    kt = np.array([p.T_L, p.T_L, p.T_R, p.T_R]) * K_B_MEV
    centre = None
    if p.spinterface:
        s_prime_r = p.s_R if p.spinterface_follows_electrode else 1
        shift_l = p.lever[1] * v
        shift_r = p.lever[4] * v
        centre = np.stack(
            [
                p.E0 + p.SP / 2 + shift_l,
                p.E0 - p.SP / 2 + shift_l,
                p.E0 + s_prime_r * p.SP / 2 + shift_r,
                p.E0 - s_prime_r * p.SP / 2 + shift_r,
            ],
            axis=1,
        )
    return Channels(
        site=(0, 0, 1, 1),
        spin=(+1, -1, +1, -1),
        lead=("L", "L", "R", "R"),
        mu=mu,
        kT=kt,
        gamma=gamma,
        filter_centre=centre,
        width=p.sp_width,
        edge=p.sp_edge,
        floor=p.sp_floor,
    )
