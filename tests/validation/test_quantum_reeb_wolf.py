"""Reeb-Wolf bookkeeping identity and finite-size bound, by exact diagonalisation.

Reeb, Wolf, NJP 16, 103011 (2014), Thm 3: beta<Q> = Delta S + I(S':E') + D(rho'_E || rho_E). With I and D
written out, beta<Q> - (Delta S + I + D) reduces algebraically to S(rho_0) - S(rho'), so this is a
BOOKKEEPING test: it passes for any unitary (it checks that the entropies of the full final state are
computed consistently, and that I, D >= 0), not that the dynamics are right. The independent check of
the evolution itself is tests/validation/test_quantum_qutip_oracle.py (QuTiP propagator, ptrace,
entropy). Bound (Thm 6 and Goold et al. Eq. 14): beta<Q> >= B_RW(Delta S; R(d)),
R(d) = max_{0<r<1/2} r(1-r) ln^2[(1-r)(d-1)/r] <= ln^2(d-1)/4 + 1. Tolerance 1e-9 (spec section 9.4).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.models.quantum import ExactErasure, XXChainModel, pure_state, reeb_wolf_R

TOL = 1e-9


def _mixed() -> np.ndarray:
    return np.array([[0.35, 0.1 + 0.25j], [0.1 - 0.25j, 0.65]])


@pytest.mark.parametrize("N", [1, 2, 4])
@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_reeb_wolf_bookkeeping_identity(N: int, beta: float) -> None:
    model = XXChainModel(N=N, beta=beta)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    for rho in (pure_state(0.95), pure_state(0.3), _mixed(), np.eye(2) / 2):
        for jt in (0.5, 7.0, 31.0):
            r = ex.evolve(rho, jt)
            assert r.mutual_information is not None and r.relative_entropy is not None
            rhs = r.delta_S + r.mutual_information + r.relative_entropy
            assert abs(r.beta_heat - rhs) < TOL
            assert r.mutual_information > -TOL and r.relative_entropy > -TOL


def test_reeb_wolf_bookkeeping_general_system_environment() -> None:
    """A non-XX model with complex couplings and a 3-level system, to exercise the general API."""
    import qutip as qt

    H_S = qt.Qobj(np.diag([0.0, 0.7, 1.9]))
    H_E = qt.rand_herm(4, seed=3)
    H_SE = 0.4 * qt.tensor(qt.jmat(1, "x"), qt.rand_herm(4, seed=4)) + 0.2 * qt.tensor(
        qt.jmat(1, "y"), qt.rand_herm(4, seed=5)
    )
    ex = ExactErasure(H_S, H_E, H_SE, beta=2.3)
    rho = qt.rand_dm(3, seed=7)
    r = ex.evolve(rho, 2.5)
    assert r.mutual_information is not None and r.relative_entropy is not None
    assert abs(r.beta_heat - (r.delta_S + r.mutual_information + r.relative_entropy)) < TOL
    assert r.B_Q <= r.beta_heat + TOL
    assert r.B_RW <= r.beta_heat + TOL
    assert abs(np.trace(r.M).real - 3.0) < 1e-12


@pytest.mark.parametrize("d", [2, 3, 4, 8, 16, 64, 2**20, 1e300])
def test_R_upper_bound_and_maximality(d: float) -> None:
    R = reeb_wolf_R(d)
    L = math.log(d - 1) if d < 1e300 else math.log(d)
    assert R <= L**2 / 4 + 1 + 1e-12
    r = np.linspace(1e-6, 0.5 - 1e-9, 20001)
    f = r * (1 - r) * (np.log((1 - r) / r) + L) ** 2
    assert R >= f.max() - 1e-12
    assert R - f.max() < 1e-6 * max(1.0, R)


def test_R_log_d_matches_d_and_d1_is_infinite() -> None:
    assert reeb_wolf_R(2**30) == pytest.approx(reeb_wolf_R(log_d=30 * math.log(2)), rel=1e-12)
    assert math.isinf(reeb_wolf_R(1))
    R1000 = reeb_wolf_R(log_d=1000 * math.log(2))  # d = 2^1000 ~ 1e301
    assert 1000 * math.log(2) ** 2 * 1000 / 4 < R1000 < (1000 * math.log(2)) ** 2 / 4 + 1
