"""Heat distribution P(Q): exact two-point-measurement atoms and the free-fermion FFT density.

Goold et al., PRL 114, 060602, Eqs. 3-7: P(Q) is normalised, has first moment <Q> = tr[H_E(rho'_E -
rho_E)] and sum P e^{-beta Q} = tr[M rho_S]. Free-fermion G(u) = sum_s rho_ss det[1 - C_s^T +
e^{iu h_E(t)} e^{-iu h_E} C_s^T] (Klich, cond-mat/0209642) equals the ED G(u) = sum P e^{iuQ};
the FFT density equals the Gaussian-broadened ED atoms at N = 4 (spec section 9.7; tolerances as given
there: 1e-12 sum, 1e-10 moments, 1e-9 FFT mean, 1e-8 density).
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.quantum import ExactErasure, FreeFermionErasure, XXChainModel, pure_state
from landauer.models.quantum.heat_distribution import (
    CharacteristicFunction,
    broadened_density,
    characteristic_from_atoms,
    heat_density_fft,
)

MIXED = np.array([[0.6, 0.3j], [-0.3j, 0.4]])


@pytest.mark.parametrize("N", [1, 3, 4])
@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_exact_atoms_moments(N: int, beta: float) -> None:
    model = XXChainModel(N=N, beta=beta)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    for rho in (pure_state(0.95), MIXED):
        for jt in (2.0, 7.0):
            Q, P = ex.heat_atoms(rho, jt)
            r = ex.evolve(rho, jt, joint_entropy=False)
            assert np.all(P >= -1e-15)
            assert abs(P.sum() - 1.0) < 1e-12
            assert abs(Q @ P - r.heat) < 1e-10
            assert abs(ex.log_mean_exp_from_atoms(rho, jt) - np.log(r.mean_exp_heat)) < 1e-10
            # relative check of sum P e^{-beta Q} itself (it can be ~1e-8 at beta = 10)
            direct = np.sum(P * np.exp(-beta * Q)) if beta * np.max(-Q) < 700 else None
            if direct is not None:
                assert abs(direct - r.mean_exp_heat) < 1e-10 * max(1.0, r.mean_exp_heat)


@pytest.mark.parametrize("N", [1, 2, 4, 6])
@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_free_fermion_characteristic_function(N: int, beta: float) -> None:
    model = XXChainModel(N=N, beta=beta)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    ff = FreeFermionErasure(model)
    u = np.array([0.37, -1.3, 2.9])
    for rho in (pure_state(0.3), MIXED):
        Q, P = ex.heat_atoms(rho, 7.0)
        G = CharacteristicFunction(ff, rho, 7.0)
        assert np.max(np.abs(G(u) - characteristic_from_atoms(Q, P, u))) < 1e-9
        assert abs(G(-0.8) - np.conj(G(0.8))) < 1e-14


@pytest.mark.parametrize("beta", [1.0, 10.0])
def test_fft_density_matches_broadened_atoms_N4(beta: float) -> None:
    model = XXChainModel(N=4, beta=beta)
    ex = ExactErasure(*model.hamiltonians(), beta=beta)
    ff = FreeFermionErasure(model)
    rho = pure_state(0.95)
    dens = heat_density_fft(ff, rho, 7.0)
    Qa, Pa = ex.heat_atoms(rho, 7.0)
    ref = broadened_density(Qa, Pa, dens.Q, dens.sigma)
    assert np.max(np.abs(dens.P - ref)) < 1e-8
    assert dens.normalisation_error < 1e-10
    assert abs(dens.mean() - ff.evolve(rho, 7.0).heat) < 1e-9


def test_fft_density_window_doubling_N40() -> None:
    """The adaptive window (|Q| bound too costly): accepted only once doubling changes P by < 1e-8."""
    ff = FreeFermionErasure(XXChainModel(N=40, beta=1.0))
    rho = pure_state(0.9)
    dens = heat_density_fft(ff, rho, 5.0, max_evaluations=512)
    assert dens.doubling_change is not None and dens.doubling_change < 1e-8
    assert dens.normalisation_error < 1e-10
    assert abs(dens.mean() - ff.evolve(rho, 5.0).heat) < 1e-9
    assert np.min(dens.P) > -1e-10
