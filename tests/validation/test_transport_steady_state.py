"""Steady state of the Pauli master equation at low temperature (issue 14, defect 2).

Detailed balance (Schnakenberg, RMP 48, 571 (1976)): with one temperature and one chemical potential
the steady state is the grand-canonical Gibbs state ``P_a = exp(-(E_a - mu N_a)/kT)/Z``. The dimer
below (found by random search at T = 5.4 K) has rates spanning ~200 decades; the former solver
(normalisation row + LU) returned populations down to -25 that summed to one.

Tolerance: the energies carry a rounding error ~eps |E|max, so ``x = E/kT`` and hence every
Boltzmann weight carry a relative error ~eps |E|max/kT; we allow 8 eps (16 + |E|max/kT) relative per
component (3000 random dimers at 5-400 K reached at most 0.92 of the unit eps (16 + |E|max/kT)).
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.transport.markov import IllPosedSteadyState, stationary
from landauer.models.transport.params import Alignment, SpinEngineParams
from landauer.models.transport.pauli import gibbs, solve, spectrum

EPS = float(np.finfo(float).eps)

COLD = dict(
    e0=-18.57813179059217, asym=-0.8786284943791429, t=0.135594980343548, U=187.51047175918143,
    U_inter=46.97286412528857, J_heis=-0.36693779018060635, J_ising=0.6702414109723054,
    D_z=-2.007344846738108, B1=-1.5059763091334442, B2=-2.5164419619370575, sp=0.0,
    ap_ratio=-0.8636714018490543, pL=-0.2712796662829209, pR=-0.6355589525774252,
    gamma_L=0.1396733222671076, gamma_R=0.16569502744327286, T_L=5.398379859025639,
    T_R=5.398379859025639, alignment=Alignment.AP, spinterface=False, SP=-1.5158137761327668,
    E0=2.5362229988373146, sp_width=6.432791236901192, spinterface_follows_electrode=False,
)


def gibbs_tolerance(energies: np.ndarray, kT: float) -> float:
    """Relative tolerance 8 eps (16 + |E|max/kT) (see the module docstring)."""
    return 8 * EPS * (16 + max(1.0, float(np.abs(energies).max())) / kT)


def test_cold_dimer_reaches_gibbs_state() -> None:
    p = SpinEngineParams(**COLD)  # type: ignore[arg-type]
    ss = solve(p, [0.0], warn=False)
    spec = spectrum(p, np.zeros(1))
    g = gibbs(spec.energies, spec.n, mu=0.0, kT=float(ss.kT[0]))
    assert np.all(ss.populations >= 0)
    rel = np.abs(ss.populations - g) / (g + 1e-250)
    assert rel.max() <= gibbs_tolerance(spec.energies, float(ss.kT[0]))


def test_detailed_balance_chain_spanning_300_decades() -> None:
    """Birth-death chain with ratios r_k = W_{k+1,k}/W_{k,k+1} = 1e-60: P_k proportional to 1e-60 k."""
    n = 6
    w = np.zeros((1, n, n))
    for k in range(n - 1):
        w[0, k + 1, k] = 1e-60 * (k + 1.0)  # up
        w[0, k, k + 1] = 1.0 * (k + 1.0)  # down
    p = stationary(w)[0]
    expect = 10.0 ** (-60.0 * np.arange(n))
    expect /= expect.sum()
    np.testing.assert_allclose(p, expect, rtol=1e-13)


def test_unique_absorbing_state_is_well_posed() -> None:
    w = np.zeros((1, 3, 3))
    w[0, 1, 0] = 2.0  # 0 -> 1
    w[0, 2, 1] = 1.0  # 1 -> 2; state 2 never leaves
    np.testing.assert_array_equal(stationary(w)[0], [0.0, 0.0, 1.0])


def test_two_closed_classes_raise() -> None:
    w = np.zeros((1, 4, 4))
    w[0, 1, 0] = w[0, 0, 1] = 1.0
    w[0, 3, 2] = w[0, 2, 3] = 1.0
    with pytest.raises(IllPosedSteadyState, match="closed sets"):
        stationary(w)
