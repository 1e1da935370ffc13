"""Independent oracle for the quantum erasure: QuTiP builds the propagator, partial traces and entropies.

Goold, Paternostro, Modi, PRL 114, 060602 (2015), Eqs. 4, 7, 9-10. The oracle below shares no code with
landauer.models.quantum except the inputs: the Hamiltonian is assembled here from QuTiP operators, the
propagator is ``(-i H t).expm()`` (Pade, not our eigendecomposition), reduced states come from
``Qobj.ptrace`` and entropies from ``qutip.entropy_vn``. It checks, for several (N, beta, alpha, Jt, J,
B0, B, J0):

* ``<Q> = tr[H_E (rho'_E - rho_E)]`` (Eq. 4), ``S(rho'_S)``, ``rho'_S``;
* ``<e^{-beta Q}> = tr[M rho_S]`` with ``M = tr_E[U^dag (1 (x) rho_E) U]`` (Eq. 7);

against the exact path and free fermions, at every J (time ``t = Jt / J``). Tolerance 1e-9: both sides
are exact up to rounding at dimension <= 64 (expm's Pade error is ~1e-13 here).
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip as qt

from landauer.models.quantum import XXChainModel, pure_state
from landauer.models.quantum.api import erase

TOL = 1e-9


def _oracle(N: int, beta: float, J: float, B0: float, B: float, J0: float, alpha: float, Jt: float
            ) -> dict[str, object]:
    """Everything from QuTiP primitives, written from Eqs. 9-10 directly."""
    dims = N + 1
    sx, sy, sz, i2 = qt.sigmax(), qt.sigmay(), qt.sigmaz(), qt.qeye(2)

    def site(op: qt.Qobj, k: int) -> qt.Qobj:  # k = 0 is the system qubit
        return qt.tensor([op if j == k else i2 for j in range(dims)])

    H_S = B0 * site(sz, 0)
    H_E = sum(B * site(sz, k) for k in range(1, dims))
    for k in range(1, dims - 1):
        H_E += J * (site(sx, k) * site(sx, k + 1) + site(sy, k) * site(sy, k + 1))
    H_SE = J0 * (site(sx, 0) * site(sx, 1) + site(sy, 0) * site(sy, 1))
    H = H_S + H_E + H_SE
    U = (-1j * H * (Jt / J)).expm()
    # thermal environment from H_E restricted to E
    H_E_only = H_E.ptrace(list(range(1, dims))) / 2  # tr_S(1 (x) H_E) = 2 H_E
    rho_E = (-beta * H_E_only).expm()
    rho_E = rho_E / rho_E.tr()
    a = alpha
    psi = a * qt.basis(2, 0) + np.sqrt(1 - a * a) * qt.basis(2, 1)
    rho_S = psi * psi.dag()
    rho0 = qt.tensor(rho_S, rho_E)
    rho_f = U * rho0 * U.dag()
    rho_S_f = rho_f.ptrace(0)
    rho_E_f = rho_f.ptrace(list(range(1, dims)))
    heat = float(np.real((H_E_only * (rho_E_f - rho_E)).tr()))
    M = (U.dag() * qt.tensor(qt.qeye(2), rho_E) * U).ptrace(0)
    mean_exp = float(np.real((M * rho_S).tr()))
    return {"heat": heat, "S_final": qt.entropy_vn(rho_S_f), "rho_S_final": rho_S_f.full(), "mean_exp": mean_exp}


CASES = [
    # N, beta, J, B0, B, J0, alpha, Jt
    (1, 1.0, 1.0, 1.0, 1.0, 0.1, 0.95, 7.0),
    (2, 10.0, 1.0, 1.0, 1.0, 0.1, 0.3, 20.0),
    (3, 1.0, 2.0, 1.0, 1.0, 0.1, 0.9, 7.0),  # the J != 1 case
    (3, 0.4, 1.5, 0.7, 1.3, 0.25, 0.6, 3.3),
    (4, 2.5, 0.8, -0.4, 0.9, 0.5, 0.99, 11.0),
    (5, 1.0, 1.0, 1.0, 1.0, 0.1, 0.5, 31.0),
]


@pytest.mark.parametrize(("N", "beta", "J", "B0", "B", "J0", "alpha", "Jt"), CASES)
def test_exact_and_free_fermions_match_qutip_oracle(N: int, beta: float, J: float, B0: float, B: float,
                                                     J0: float, alpha: float, Jt: float) -> None:
    ref = _oracle(N, beta, J, B0, B, J0, alpha, Jt)
    model = XXChainModel(N=N, beta=beta, J=J, B0=B0, B=B, J0=J0)
    for method in ("exact", "free_fermion"):
        r = erase(model, alpha=alpha, Jt=Jt, method=method)
        assert abs(r.heat - ref["heat"]) < TOL, (method, r.heat, ref["heat"])
        assert abs(r.entropy_final - ref["S_final"]) < TOL, method
        assert abs(r.mean_exp_heat - ref["mean_exp"]) < TOL, method
        np.testing.assert_allclose(r.rho_S_final, ref["rho_S_final"], atol=TOL, rtol=0)
    # the oracle is not trivially satisfied: the initial state is not stationary
    assert abs(ref["S_final"] - 0.0) > 1e-3 or abs(ref["heat"]) > 1e-3


def test_oracle_detects_a_wrong_time() -> None:
    """Negative control: evolving for Jt instead of Jt/J (the issue's defect) is caught by the oracle."""
    ref = _oracle(3, 1.0, 2.0, 1.0, 1.0, 0.1, 0.9, 7.0)
    wrong = erase(XXChainModel(N=3, beta=1.0, J=2.0), alpha=0.9, Jt=14.0, method="exact")  # t = 7, not 3.5
    assert abs(wrong.heat - ref["heat"]) > 1e-3
    assert pure_state(0.9).shape == (2, 2)
