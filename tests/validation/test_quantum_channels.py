"""Generalised amplitude damping (GAD) form of the reduced dynamics, for any N.

Goold et al., PRL 114, 060602, Eq. 11, general form of specs/quantum_erasure.md section 5:
phi = [e^{-iht}]_00, nbar_E = u^dag C_E u, 1 - p = nbar_E / (1 - |phi|^2); rho'_11 = |phi|^2 rho_11 + nbar_E,
rho'_10 = phi rho_10 (spec section 9.3: GAD vs ED rho'_S to 1e-10, sum A^dag A = 1 to 1e-12,
kraus_to_super agrees). The paper's restriction B0 = B, J0 = J is unnecessary: checked here with
B0 != B and J0 != J.
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip as qt

from landauer.models.quantum import ExactErasure, XXChainModel, pure_state
from landauer.models.quantum.channels import (
    GADChannel,
    bounds_from_kraus,
    gad_for_model,
    gad_from_exact,
    gad_from_kraus,
)
from landauer.validation import ParameterError


def _random_states() -> list[np.ndarray]:
    return [qt.rand_dm(2, seed=s).full() for s in (1, 2, 3)] + [pure_state(0.8)]


@pytest.mark.parametrize("N", [1, 2, 3, 5])
@pytest.mark.parametrize("params", [(1.0, 1.0, 0.1, 1.0), (0.7, 1.2, 0.35, 3.0)])
def test_gad_reproduces_exact_reduced_state(N: int, params: tuple[float, float, float, float]) -> None:
    B0, B, J0, beta = params
    model = XXChainModel(N=N, beta=beta, B0=B0, B=B, J0=J0)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    for jt in (0.8, 7.0, 19.0):
        gad = gad_for_model(model, jt)
        ops = gad.kraus()
        assert np.max(np.abs(sum(a.conj().T @ a for a in ops) - np.eye(2))) < 1e-12
        for rho in _random_states():
            rho_ed = ex.evolve(rho, jt, joint_entropy=False).rho_S_final
            assert np.max(np.abs(gad.apply(rho) - rho_ed)) < 1e-10
        assert np.max(np.abs(gad.M() - ex.M(jt))) < 1e-10
        # the same phi, p read off the exact reduced map
        from_ed = gad_from_exact(ex, jt)
        assert abs(from_ed.phi - gad.phi) < 1e-10 and abs(from_ed.p - gad.p) < 1e-9
        # superoperators of the GAD set and of the exact Kraus set agree
        s_gad = qt.kraus_to_super([qt.Qobj(a) for a in ops]).full()
        s_ed = qt.kraus_to_super([qt.Qobj(a) for a in ex.kraus(jt)]).full()
        assert np.max(np.abs(s_gad - s_ed)) < 1e-10


def test_gad_from_kraus_roundtrip() -> None:
    ch = GADChannel(phi=0.3 - 0.4j, p=0.27)
    back = gad_from_kraus(ch.kraus())
    assert abs(back.phi - ch.phi) < 1e-14 and abs(back.p - ch.p) < 1e-14


def test_bounds_from_user_kraus_match_exact() -> None:
    model = XXChainModel(N=3, beta=2.0)
    ex = ExactErasure(*model.hamiltonians(), beta=2.0)
    rho = pure_state(0.9)
    r = ex.evolve(rho, 7.0)
    kb = bounds_from_kraus(ex.kraus(7.0), rho, d=8, time_reversal_symmetric=True)
    assert abs(kb.delta_S - r.delta_S) < 1e-10
    assert abs(kb.B_RW - r.B_RW) < 1e-10
    assert kb.B_Q is not None and abs(kb.B_Q - r.B_Q) < 1e-10
    assert bounds_from_kraus(ex.kraus(7.0), rho, d=8).B_Q is None


def test_bad_kraus_rejected() -> None:
    with pytest.raises(ParameterError, match="trace preserving"):
        bounds_from_kraus([np.eye(2) * 0.5], np.eye(2) / 2, d=2)
    with pytest.raises(ParameterError, match="p must lie"):
        GADChannel(phi=0.5, p=1.5)
