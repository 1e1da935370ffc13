"""Exact linear response of the Pauli master equation to the channel chemical potentials.

``L_ij = dJ^N_i / d mu_j`` (units (meV/hbar)/meV) from differentiating the steady state
``W(mu) P = 0, sum P = 1``: with ``dW/dmu_j`` built from ``df/dmu = f (1 - f) / k_B T``,

.. math::
    W\\, \\partial_j P = -(\\partial_j W) P, \\quad \\sum_a \\partial_j P_a = 0,\\qquad
    \\partial_j J_i = \\sum_{a\\to b} G_i [\\delta_{ij} f'(P_a + P_b) + f\\,\\partial_j P_a
    - (1-f)\\,\\partial_j P_b].

At equilibrium L is symmetric (Onsager, Phys. Rev. 37, 405 (1931)) and positive semi-definite, with
the zero mode "all mu shifted together" (Schnakenberg, RMP 48, 571 (1976)).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from landauer.models.transport.hamiltonian import Spectrum
from landauer.models.transport.rates import Channels, fermi


def response_matrix(spectrum: Spectrum, channels: Channels, index: int = 0) -> NDArray[np.float64]:
    """L_ij = dJ^N_i/dmu_j at bias point ``index`` (nch x nch), exact (no finite differences)."""
    en = spectrum.energies[index]
    de = en[:, None] - en[None, :]
    nch = channels.nch
    gs, fs, dfs = [], [], []
    rate = np.zeros((16, 16))
    for c in range(nch):
        amp = spectrum.creation(channels.site[c], channels.spin[c])[index]
        m = amp.real**2 + amp.imag**2
        m[m < 1e-28] = 0.0
        g = channels.coupling(c, de[None])[0] * m
        x = (de - channels.mu[index, c]) / channels.kT[c]
        f, fbar = fermi(x), fermi(-x)
        rate += g * f + (g * fbar).T
        gs.append(g)
        fs.append(f)
        dfs.append(f * fbar / channels.kT[c])
    gen = rate - np.diag(rate.sum(axis=0))
    aug = gen.copy()
    aug[0, :] = 1.0
    rhs = np.zeros(16)
    rhs[0] = 1.0
    pop = np.linalg.solve(aug, rhs)
    out = np.zeros((nch, nch))
    dpops = []
    for j in range(nch):
        dw = gs[j] * dfs[j] - (gs[j] * dfs[j]).T  # in-rates grow, out-rates (1 - f) shrink
        dgen = dw - np.diag(dw.sum(axis=0))
        b = -dgen @ pop
        b[0] = 0.0
        dpops.append(np.linalg.solve(aug, b))
    for i in range(nch):
        g, f = gs[i], fs[i]
        for j in range(nch):
            dp = dpops[j]
            val = np.sum(g * (f * dp[None, :] - (1 - f) * dp[:, None]))
            if i == j:
                val += np.sum(g * dfs[i] * (pop[None, :] + pop[:, None]))
            out[i, j] = val
    return out
