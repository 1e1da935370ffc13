"""Free-fermion (Jordan-Wigner) path vs exact diagonalisation, N = 1..6, beta = 1 and 10.

specs/quantum_erasure.md section 7 and 9.2: <Q> = tr[h_E (C(t)_EE - C_E)], n_S = C(t)_00, phi = U_00,
S(rho'_S), <e^{-beta Q}> in the GAD form and by the Gaussian-overlap determinant (Klich,
cond-mat/0209642), all within 1e-9 of ED. Also the light-cone independence of N (section 7):
N = 200 vs N = 1000 agree to 1e-10 for Jt <= 45.
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.quantum import ExactErasure, FreeFermionErasure, XXChainModel, pure_state

TOL = 1e-9


@pytest.mark.parametrize("N", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_free_fermion_matches_exact(N: int, beta: float) -> None:
    model = XXChainModel(N=N, beta=beta)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    ff = FreeFermionErasure(model)
    mixed = np.array([[0.6, 0.3j], [-0.3j, 0.4]])
    for rho in (pure_state(0.0), pure_state(0.5), pure_state(0.95), mixed):
        for jt in (0.7, 7.0, 23.0):
            a, b = ex.evolve(rho, jt, joint_entropy=False), ff.evolve(rho, jt)
            assert abs(a.beta_heat - b.beta_heat) < TOL
            assert abs(a.rho_S_final[0, 0] - b.rho_S_final[0, 0]) < TOL  # n_S
            assert np.max(np.abs(a.rho_S_final - b.rho_S_final)) < TOL
            assert abs(a.entropy_final - b.entropy_final) < TOL
            assert abs(a.B_Q - b.B_Q) < TOL
            assert abs(a.B_Q + ff.log_mean_exp_determinant(rho, jt)) < TOL
            assert abs(a.B_RW - b.B_RW) < TOL
            assert np.max(np.abs(a.M - b.M)) < TOL


@pytest.mark.parametrize("N", [2, 5])
def test_phi_is_the_single_particle_amplitude(N: int) -> None:
    """phi = [exp(-i h t)]_00 equals rho'_10 / rho_10 from ED (lab frame)."""
    model = XXChainModel(N=N, beta=2.0, B0=0.8, B=1.1, J0=0.3)
    ex = ExactErasure(*model.hamiltonians(), beta=2.0)
    ff = FreeFermionErasure(model)
    rho = pure_state(0.6)
    for jt in (1.0, 9.0):
        phi_ed = ex.evolve(rho, jt, joint_entropy=False).rho_S_final[0, 1] / rho[0, 1]
        assert abs(phi_ed - ff.gad_parameters(jt)[0]) < TOL


@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_light_cone_independence_of_N(beta: float) -> None:
    rho = pure_state(0.95)
    small = FreeFermionErasure(XXChainModel(N=200, beta=beta))
    large = FreeFermionErasure(XXChainModel(N=1000, beta=beta))
    for jt in (10.0, 45.0):
        a, b = small.evolve(rho, jt), large.evolve(rho, jt)
        assert abs(a.beta_heat - b.beta_heat) < 1e-10
        assert abs(a.B_Q - b.B_Q) < 1e-10
        assert abs(a.entropy_final - b.entropy_final) < 1e-10
