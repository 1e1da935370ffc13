"""Pauli master equation against closed-form sequential-tunnelling currents (to 1e-12 of Gamma).

* Single level, U = 0 (e.g. Bruus & Flensberg, *Many-body quantum theory*, ch. 10; Bonet, Deshmukh &
  Ralph, PRB 65, 045317 (2002)):
  ``J_sigma = Gamma_L Gamma_R / (Gamma_L + Gamma_R) [f(eps - mu_L) - f(eps - mu_R)] / hbar``.
* Single level, U -> infinity (Bonet et al. 2002; spec section 7.6):
  ``J_L = P_0 sum_sigma Gamma_L [f_L - (1 - f_L) a_sigma / b_sigma]`` with
  ``a_sigma = sum_alpha Gamma_alpha f_alpha``, ``b_sigma = sum_alpha Gamma_alpha (1 - f_alpha)``,
  ``P_0 = 1 / (1 + sum_sigma a_sigma / b_sigma)``.
* Non-interacting dimer: the U = 0 formula summed over the bonding/antibonding orbitals k with
  ``Gamma^k_L = Gamma_L |<1|k>|^2`` and ``Gamma^k_R = Gamma_R |<2|k>|^2``. This needs the
  orbital-resolved basis of the degenerate N = 2, S^z = 0 states (spec section 3).
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.transport.hamiltonian import DimerCouplings, diagonalise
from landauer.models.transport.params import Alignment, SpinEngineParams
from landauer.models.transport.pauli import solve, solve_master
from landauer.models.transport.rates import Channels, fermi

KT = 25.0
GL = np.array([0.07, 0.02])  # up, down
GR = np.array([0.03, 0.05])
MU_L = np.array([3.0, -5.0])
MU_R = np.array([-1.5, 2.0])


def _single_level(eps: float, U: float) -> np.ndarray:
    """Currents from L for a single level: site 0 coupled to both leads, site 1 far away and empty.

    A drain channel on site 1 (lead 'X') makes the site-1-occupied states transient, so the steady
    state is unique; it carries no current because site 1 lies 1e5 meV above every mu.
    """
    spec = diagonalise(np.array([eps]), np.array([1e5]), DimerCouplings(U=U))
    ch = Channels(
        site=(0, 0, 0, 0, 1, 1),
        spin=(1, -1, 1, -1, 1, -1),
        lead=("L", "L", "R", "R", "X", "X"),
        mu=np.array([[MU_L[0], MU_L[1], MU_R[0], MU_R[1], 0.0, 0.0]]),
        kT=np.full(6, KT),
        gamma=np.array([GL[0], GL[1], GR[0], GR[1], 1e-3, 1e-3]),
    )
    return solve_master(spec, ch).particle[0]


@pytest.mark.parametrize("eps", [-40.0, -3.0, 0.0, 2.5, 30.0])
def test_single_level_noninteracting(eps: float) -> None:
    jn = _single_level(eps, U=0.0)
    fl = fermi((eps - MU_L) / KT)
    fr = fermi((eps - MU_R) / KT)
    expected = GL * GR / (GL + GR) * (fl - fr)
    np.testing.assert_allclose(jn[:2], expected, rtol=0, atol=1e-12 * GL.max())
    np.testing.assert_allclose(jn[2:4], -expected, rtol=0, atol=1e-12 * GL.max())
    # negative control: the U -> infinity closed form (blocking of the other spin) is a different answer
    a = GL * fl + GR * fr
    b = GL * (1 - fl) + GR * (1 - fr)
    blocked = np.sum(GL * (fl - (1 - fl) * a / b)) / (1.0 + np.sum(a / b))
    assert abs(jn[:2].sum() - blocked) > 1e-4 * GL.max()


@pytest.mark.parametrize("eps", [-40.0, -3.0, 0.0, 2.5, 30.0])
def test_single_level_infinite_U(eps: float) -> None:
    jn = _single_level(eps, U=1e5)
    fl = fermi((eps - MU_L) / KT)
    fr = fermi((eps - MU_R) / KT)
    a = GL * fl + GR * fr
    b = GL * (1 - fl) + GR * (1 - fr)
    p0 = 1.0 / (1.0 + np.sum(a / b))
    expected_l = p0 * np.sum(GL * (fl - (1 - fl) * a / b))
    assert abs(jn[:2].sum() - expected_l) < 1e-12 * GL.max()
    # and the result is not the U = 0 one (the test discriminates)
    assert abs(_single_level(eps, U=0.0)[:2].sum() - expected_l) > 1e-6 * GL.max() or abs(eps) > 20


@pytest.mark.parametrize(
    ("alignment", "asym", "v"),
    [(Alignment.P, 0.5, 0.7), (Alignment.AP, -0.75, -2.0), (Alignment.P, 0.0, 3.0)],
)
def test_noninteracting_dimer_sum_over_orbitals(alignment: Alignment, asym: float, v: float) -> None:
    p = SpinEngineParams(
        e0=-1.0, asym=asym, t=2.0, U=0.0, U_inter=0.0, J_heis=0.0, sp=6.0, ap_ratio=0.4,
        pL=0.3, pR=0.2, gamma_L=0.04, gamma_R=0.03, alignment=alignment,
    )
    ss = solve(p, [v], warn=False)
    e1 = p.e0 + p.asym / 2 + p.lever[2] * v
    e2 = p.e0 - p.asym / 2 + p.lever[3] * v
    w, u = np.linalg.eigh(np.array([[e1, -p.t], [-p.t, e2]]))
    kt = ss.kT[0]
    expected = np.zeros(2)
    for j, s in enumerate((1, -1)):
        gl = p.gamma_L * (1 + s * p.pL)
        gr = p.gamma_R * (1 + s * p.s_R * p.pR)
        for k in range(2):
            gkl, gkr = gl * u[0, k] ** 2, gr * u[1, k] ** 2
            fl = fermi((w[k] - ss.mu[0, j]) / kt)
            fr = fermi((w[k] - ss.mu[0, 2 + j]) / kt)
            expected[j] += gkl * gkr / (gkl + gkr) * (fl - fr)
    np.testing.assert_allclose(ss.particle[0, :2], expected, rtol=0, atol=1e-12 * 0.04)
    # negative control: weighting the orbitals by the wrong site (L on site 2) changes the answer
    wrong = np.zeros(2)
    for j, s in enumerate((1, -1)):
        gl = p.gamma_L * (1 + s * p.pL)
        gr = p.gamma_R * (1 + s * p.s_R * p.pR)
        for k in range(2):
            gkl, gkr = gl * u[1, k] ** 2, gr * u[0, k] ** 2
            fl = fermi((w[k] - ss.mu[0, j]) / kt)
            fr = fermi((w[k] - ss.mu[0, 2 + j]) / kt)
            wrong[j] += gkl * gkr / (gkl + gkr) * (fl - fr)
    assert np.max(np.abs(ss.particle[0, :2] - wrong)) > 1e-6 * 0.04 or asym == 0.0


def test_noninteracting_dimer_needs_orbital_basis() -> None:
    """The degenerate N = 2, S^z = 0 pair is detected and resolved (else the sum rule fails)."""
    p = SpinEngineParams(e0=0.0, asym=0.3, t=2.0, U=0.0, U_inter=0.0, J_heis=0.0, sp=4.0)
    spec_deg = solve(p, [0.0], warn=False)
    from landauer.models.transport.pauli import spectrum

    assert spectrum(p, np.array([0.0])).degenerate[0]
    assert np.all(np.isfinite(spec_deg.particle))
