"""Property tests: physicality of reduced states, Jensen (B_Q <= beta<Q>) and beta<Q> >= B_RW.

Goold et al. PRL 114, 060602 Eq. 8 (Jensen); Reeb-Wolf NJP 16, 103011 Thms 3/6 and Goold Eq. 14
(finite-size bound, d = 2^N, both branches); spec section 9.5-9.6: tolerance 1e-9 on the inequalities,
1e-12 on trace, hermiticity and positivity; M > 0 with tr M = 2.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from landauer.models.quantum import ExactErasure, XXChainModel

_CACHE: dict[tuple[int, float], ExactErasure] = {}


def _solver(N: int, beta: float) -> ExactErasure:
    if (N, beta) not in _CACHE:
        m = XXChainModel(N=N, beta=beta)
        _CACHE[(N, beta)] = ExactErasure(*m.hamiltonians(), beta=beta)
    return _CACHE[(N, beta)]


@st.composite
def qubit_states(draw: st.DrawFn) -> np.ndarray:
    """Any qubit state: Bloch vector of length <= 1."""
    r = draw(st.floats(0.0, 1.0))
    th = draw(st.floats(0.0, np.pi))
    ph = draw(st.floats(0.0, 2 * np.pi))
    x, y, z = r * np.sin(th) * np.cos(ph), r * np.sin(th) * np.sin(ph), r * np.cos(th)
    return 0.5 * np.array([[1 + z, x - 1j * y], [x + 1j * y, 1 - z]])


@settings(max_examples=60, deadline=None)
@given(N=st.sampled_from([1, 2, 4]), beta=st.sampled_from([1.0, 10.0]), rho=qubit_states(),
       jt=st.floats(0.5, 40.0))
def test_bounds_and_physicality(N: int, beta: float, rho: np.ndarray, jt: float) -> None:
    r = _solver(N, beta).evolve(rho, jt)
    rf = r.rho_S_final
    assert abs(np.trace(rf).real - 1.0) < 1e-12
    assert np.max(np.abs(rf - rf.conj().T)) < 1e-12
    assert np.linalg.eigvalsh(rf)[0] > -1e-12
    assert r.B_Q <= r.beta_heat + 1e-9
    assert r.B_RW <= r.beta_heat + 1e-9
    assert abs(np.trace(r.M).real - 2.0) < 1e-12
    assert np.linalg.eigvalsh(r.M)[0] > 0
    assert r.mutual_information is not None and r.mutual_information > -1e-12
