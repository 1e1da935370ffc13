"""Quantum macrospin of spin S.

- Pauli master equation with W_{n<-m} = r sum_a |<n|S_a|m>|^2 Phi(E_m - E_n), Phi(D) = D/(1 - e^{-D}):
  detailed balance makes the steady state Gibbs (to 1e-10).
- S = 1/2 (no barrier): slow bias ramp + fast removal gives W -> W_min(eps), eps = 1/(1 + e^{2 xi_b}).
- Quasi-static work with quantum partition functions; eps_S -> eps_classical and W_qs(S) -> classical
  W_min(eps) as S -> infinity (sigma, xi fixed).
- Alicki, J. Phys. A 12, L103 (1979): W = sum int p dE; finite-time W >= W_min(eps) (second law).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.bounds import erasure_with_error
from landauer.models.mtj.energy import wrong_well_fraction
from landauer.models.mtj.quantum_spin import (
    gibbs,
    hamiltonian,
    pauli_reset,
    quasistatic_work,
    rate_matrix,
    restricted_magnetisation,
    spin_operators,
    steady_state,
)


@pytest.mark.parametrize(("S", "hx", "hy"), [(0.5, 0.3, 0.1), (3.0, 0.4, -0.2), (7.5, 1.2, 0.05)])
def test_pauli_steady_state_is_gibbs(S: float, hx: float, hy: float) -> None:
    E, V = np.linalg.eigh(hamiltonian(S, sigma=6.0, hx=hx, hy=hy))
    ops = [V.T @ o @ V for o in spin_operators(S)]
    L = rate_matrix(E, ops, 0.07)
    assert np.allclose(L.sum(axis=0), 0.0, atol=1e-12)
    assert np.max(np.abs(steady_state(L) - gibbs(E))) < 1e-10


def test_spin_operators_commutator() -> None:
    sx, sy, sz = spin_operators(2.5)
    # [S_x, S_perp] = i S_y with S_y the diagonal (quantisation) axis
    assert np.allclose(sx @ sz - sz @ sx, 1j * sy, atol=1e-12)
    assert np.allclose(sx @ sx + sy @ sy + (sz @ sz).real, 2.5 * 3.5 * np.eye(6), atol=1e-12)


def test_spin_half_two_stage_reset_closed_form() -> None:
    sigma, hb = 5.0, 0.1
    eps = 1.0 / (1.0 + math.exp(2 * (2 * sigma * hb)))
    w_qs, eps_q = quasistatic_work(0.5, sigma=sigma, hb=hb)
    assert eps_q == pytest.approx(eps, rel=1e-12)
    assert w_qs == pytest.approx(erasure_with_error(eps), abs=1e-12)
    slow = pauli_reset(0.5, sigma=sigma, hx=0.0, hb=hb, tau_stage=3000.0, two_stage=True, steps_per_stage=2000)
    fast = pauli_reset(0.5, sigma=sigma, hx=0.0, hb=hb, tau_stage=300.0, two_stage=True, steps_per_stage=2000)
    assert slow["eps"] == pytest.approx(eps, rel=0.01)
    assert erasure_with_error(slow["eps"]) <= slow["W"] < fast["W"]
    # excess work ~ B/tau: ten times slower, about ten times less (within 30 %)
    ratio = (slow["W"] - erasure_with_error(eps)) / (fast["W"] - erasure_with_error(eps))
    assert 0.07 < ratio < 0.13, ratio


def test_classical_limit() -> None:
    sigma, hb = 10.0, 0.1
    eps_cl = wrong_well_fraction(sigma=sigma, xi=2 * sigma * hb)
    errs = [abs(quasistatic_work(S, sigma=sigma, hb=hb)[1] - eps_cl) for S in (10.0, 100.0, 1000.0)]
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 2e-3 * eps_cl * 10  # O(1/S) convergence
    w, _ = quasistatic_work(1000.0, sigma=sigma, hb=hb)
    assert w == pytest.approx(erasure_with_error(eps_cl), abs=1e-3)


@pytest.mark.parametrize("S", [1.0, 3.0])
def test_finite_time_pauli_respects_bound(S: float) -> None:
    r = pauli_reset(S, sigma=10.0, hx=1.5, hb=0.1, tau_stage=300.0, steps_per_stage=50)
    assert r["W"] >= r["W_min"] - 1e-9
    assert abs(r["W"] - r["Q"]) < 0.01  # dE = 0 over the cycle up to the step discretisation
    assert r["eps"] < 0.1


def test_low_temperature_steps() -> None:
    h = np.linspace(0.0, 0.95, 400)
    cold = restricted_magnetisation(5.0, hy=h, kT_over_hw=0.005)
    # staircase: at kT << hbar omega_K almost all values sit on multiples of 1/S
    dist = np.min(np.abs(cold[:, None] * 5 - np.arange(-5, 1)[None, :]), axis=1)
    assert np.mean(dist < 0.02) > 0.95
    assert len(np.unique(np.round(cold * 5))) >= 3
    warm = restricted_magnetisation(5.0, hy=h, kT_over_hw=3.0)
    assert np.mean(np.min(np.abs(warm[:, None] * 5 - np.arange(-5, 1)[None, :]), axis=1) < 0.02) < 0.5


def test_restricted_magnetisation_temperature_set_by_sigma() -> None:
    """sigma = D S^2/kT sets the temperature: sigma = S/(2 kT_over_hw) gives the same curve, and a
    different sigma a different one (issue 14: sigma used to be ignored); at sigma = 500 the restricted
    state is the ground level of -(sigma/S^2) m^2 - (2 sigma/S) h m over m < 0."""
    h = np.linspace(0.0, 0.9, 50)
    a = restricted_magnetisation(5.0, hy=h, sigma=500.0)
    b = restricted_magnetisation(5.0, hy=h, kT_over_hw=5.0 / (2 * 500.0))
    np.testing.assert_array_equal(a, b)
    warm = restricted_magnetisation(5.0, hy=h, sigma=0.5)
    assert np.max(np.abs(a - warm)) > 0.05
    # exact cold limit: the restricted ground level argmin_m [-(m/S)^2 - 2 h m/S] over m = -5..-1, wherever
    # the next level lies more than 20 kT above it (sigma = 500 multiplies these reduced energies)
    m = np.arange(-5, 0, 1.0)
    e = 500.0 * (-(m[None, :] ** 2) / 25 - 2 * h[:, None] * m[None, :] / 5)
    srt = np.sort(e, axis=1)
    clear = srt[:, 1] - srt[:, 0] > 20
    assert clear.sum() > 40
    np.testing.assert_allclose(a[clear], m[np.argmin(e, axis=1)][clear] / 5, atol=1e-6)
    with pytest.raises(ValueError):
        restricted_magnetisation(5.0, hy=h, sigma=1.0, kT_over_hw=1.0)
