"""Onsager reciprocity and positivity of linear response around equilibrium.

L_ij = dJ^N_i / dmu_j over the four channels (L up, L down, R up, R down) at sp = 0, V = 0, one T.
Onsager (Phys. Rev. 37, 405 (1931)); for master equations with local detailed balance the response
matrix is symmetric and L + L^T is positive semi-definite (Schnakenberg, RMP 48, 571 (1976)). L has the
exact zero mode "all mu shifted together". The lever arms do not enter the zero-bias conductance
[derived: at equilibrium dJ/d(eps_i) = 0 and L annihilates the uniform shift, so only
lever[0] - lever[5] = 1 matters].
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from landauer.models.transport.observables import current
from landauer.models.transport.params import Alignment, SpinEngineParams, paper_params
from landauer.models.transport.pauli import solve_master, spectrum
from landauer.models.transport.rates import build_channels
from landauer.models.transport.response import response_matrix

H = 1e-3  # meV, central differences: truncation ~ (H/kT)^2 ~ 2e-9, round-off ~ 1e-16 Gamma/H


def exact_response(p: SpinEngineParams) -> np.ndarray:
    eq = p.replace(sp=0.0, T_R=p.T_L)
    return response_matrix(spectrum(eq, np.zeros(1)), build_channels(eq, np.zeros(1)))


def fd_response(p: SpinEngineParams) -> np.ndarray:
    eq = p.replace(sp=0.0, T_R=p.T_L)
    spec = spectrum(eq, np.zeros(8))
    base = build_channels(eq, np.zeros(8))
    mu = base.mu.copy()
    for j in range(4):
        mu[2 * j, j] += H
        mu[2 * j + 1, j] -= H
    st = solve_master(spec, dataclasses.replace(base, mu=mu))
    return np.stack([(st.particle[2 * j] - st.particle[2 * j + 1]) / (2 * H) for j in range(4)],
                    axis=1)


CASES = [
    paper_params(Alignment.P),
    paper_params(Alignment.AP),
    SpinEngineParams(e0=-3.0, asym=1.0, t=1.5, U=50.0, U_inter=8.0, J_heis=0.7, J_ising=0.4, D_z=0.6,
                     B1=0.8, B2=-0.3, pL=0.6, pR=-0.4, gamma_L=0.08, gamma_R=0.02, T_L=40.0,
                     T_R=40.0, spinterface=True, SP=3.0, sp_width=6.0, alignment=Alignment.AP),
]


@pytest.mark.parametrize("p", CASES)
def test_onsager_symmetry_and_positivity(p: SpinEngineParams) -> None:
    L = exact_response(p)
    norm = np.abs(L).max()
    assert norm > 0
    np.testing.assert_allclose(L, L.T, rtol=0, atol=1e-7 * norm)
    # J^N points into the dimer: raising mu_j pushes particles in, so L itself is >= 0
    eig = np.linalg.eigvalsh(0.5 * (L + L.T))
    assert np.all(eig >= -1e-12 * norm)
    assert eig[-1] > 1e-3 * norm
    np.testing.assert_allclose(L @ np.ones(4), 0.0, atol=1e-12 * norm)


@pytest.mark.parametrize("p", CASES)
def test_exact_response_matches_finite_differences(p: SpinEngineParams) -> None:
    L = exact_response(p)
    fd = fd_response(p)
    np.testing.assert_allclose(fd, L, rtol=0, atol=1e-7 * np.abs(L).max())


def test_response_is_not_symmetric_far_from_equilibrium() -> None:
    """Control: with a spin accumulation and a bias the same matrix is not symmetric."""
    p = CASES[2].replace(sp=8.0)
    v = np.array([3.0])
    L = response_matrix(spectrum(p, v), build_channels(p, v))
    assert np.abs(L - L.T).max() > 1e-4 * np.abs(L).max()


@pytest.mark.parametrize("p", CASES)
def test_zero_bias_conductance_independent_of_lever_arms(p: SpinEngineParams) -> None:
    eq = p.replace(sp=0.0, T_R=p.T_L)
    dv = 1e-3
    g0 = (current(eq, dv)[0] - current(eq, -dv)[0]) / (2 * dv)
    other = eq.replace(lever=(0.8, 0.5, 0.3, 0.1, 0.0, -0.2))
    g1 = (current(other, dv)[0] - current(other, -dv)[0]) / (2 * dv)
    assert g0 > 0
    assert abs(g1 - g0) < 1e-6 * g0
    # and equals the Onsager prediction G = -(L_LL-block contracted with dmu/dV) (per mV, in A)
    from landauer.models.transport.pauli import CURRENT_A

    L = exact_response(p)
    dmu = np.array([0.5, 0.5, -0.5, -0.5])
    g_onsager = CURRENT_A * (L[:2] @ dmu).sum()
    assert abs(g_onsager - g0) < 1e-6 * g0
