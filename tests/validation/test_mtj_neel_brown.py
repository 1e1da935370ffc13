"""Neel-Brown thermal switching of the macrospin (specs/mtj.md section 10.2).

Exact mean first-passage time for the axially symmetric Fokker-Planck equation in z = m_y
(W. F. Brown, Phys. Rev. 130, 1677 (1963); Coffey & Kalmykov, J. Appl. Phys. 112, 121301 (2012)):
T = 2 tau_N int_a^{z0} dz e^{phi(z)}/(1 - z^2) int_z^1 e^{-phi(y)} dy, phi = -sigma z^2 - xi z,
tau_N = (1 + alpha^2) sigma / alpha (units of 1/(gamma mu0 H_K)). Start at m = +y, absorb at m_y = -0.5.
Tolerance |T_hat/T - 1| <= 4 SE with SE from the sample SD of the first-passage times. Brown's
high-barrier asymptote is only O(1/sigma) accurate: checked against the exact integral.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.simulate import run
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.theory import brown_rates, mfpt_axial


def _dwell(sigma: float, xi: float, alpha: float, n: int, seed: int) -> tuple[float, float, float]:
    exact = mfpt_axial(sigma=sigma, xi=xi, alpha=alpha, z0=1.0, absorb=-0.5)
    system = ReducedMacrospin(zeta=2 * sigma, alpha=alpha)
    prot = Protocol.start(hy=xi / (2 * sigma)).hold(14.0 * exact)
    # absorbing level m_y = -0.5: the bit boundary of this run
    ds = run(system.model(y_threshold=-0.5), prot, dynamics=system.dynamics(), n_trajectories=n, seed=seed,
             x0=np.array([0.0, 1.0, 0.0]), record=Record(passage=True), stop=Stop(at_passage=True))
    t = ds["t_passage"].values
    assert np.all(np.isfinite(t)), "some trajectories never switched"
    return float(t.mean()), float(t.std(ddof=1) / math.sqrt(t.size)), exact


@pytest.mark.parametrize(("sigma", "xi"), [(6.0, 0.0), (6.0, -1.5)])
def test_neel_brown_mfpt_alpha1(sigma: float, xi: float) -> None:
    mean, se, exact = _dwell(sigma, xi, 1.0, n=1500, seed=17)
    assert abs(mean / exact - 1.0) <= 4 * se / exact, (mean, exact, se)


@pytest.mark.slow
def test_neel_brown_mfpt_alpha_small() -> None:
    mean, se, exact = _dwell(5.0, 0.0, 0.05, n=800, seed=3)
    assert abs(mean / exact - 1.0) <= 4 * se / exact, (mean, exact, se)


def test_brown_asymptote_is_order_one_over_sigma() -> None:
    # exact MFPT to m_y = -0.5 times Brown's Gamma_+ tends to 1 with an O(1/sigma) correction c/sigma
    corr = []
    for sigma in (15.0, 18.8, 30.0):
        exact = mfpt_axial(sigma=sigma, xi=0.0, alpha=1.0)
        gamma_plus, gamma_minus = brown_rates(sigma=sigma, h=0.0, alpha=1.0)
        assert gamma_plus == pytest.approx(gamma_minus)
        corr.append((exact * gamma_plus - 1.0) * sigma)
    assert all(0.5 < c < 1.5 for c in corr), corr
    assert np.ptp(corr) < 0.1, corr
