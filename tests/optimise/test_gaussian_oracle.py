"""The harmonic-trap moment equations against closed forms and against the stochastic engine.

Closed forms: T. Schmiedl & U. Seifert, PRL 98, 108301 (2007) (k = gamma = kT = 1):
linear drag W = lambda_f^2/tau (1 - (1 - e^{-tau})/tau); optimal drag W* = lambda_f^2/(tau + 2).
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.engine.protocol import Protocol
from landauer.models import harmonic
from landauer.optimise import problems
from landauer.optimise.gaussian import harmonic_mean_work


@pytest.mark.parametrize("tau", [1.0, 4.0, 16.0])
def test_linear_drag_closed_form(tau: float) -> None:
    p = Protocol.start(centre=0.0).ramp(tau, centre=5.0)
    w, _, _ = harmonic_mean_work(p, dt=1e-4, scheme="exact")
    # step-sampled controls: O(dt) error, below 1e-4 relative at dt = 1e-4
    assert w == pytest.approx(harmonic.drag_linear_work(5.0, tau), rel=1e-4)


@pytest.mark.parametrize("tau", [1.0, 4.0, 16.0])
def test_optimal_drag_closed_form(tau: float) -> None:
    j = harmonic.drag_optimal_jump(5.0, tau)
    pr = problems.harmonic_drag(tau=tau, knots=2)
    p = pr.family.protocol(pr.family.theta_from_values(np.array([[j], [5.0 - j]])))
    w, _, _ = harmonic_mean_work(p, dt=1e-4, scheme="exact")
    assert w == pytest.approx(harmonic.drag_optimal_work(5.0, tau), rel=2e-4)


def test_stiffness_optimal_protocol_reaches_closed_form() -> None:
    """The closed-form optimal k(t), sampled finely, costs the closed-form optimal work."""
    tau, k_i, k_f = 2.0, 1.0, 4.0
    t = np.linspace(0.0, tau, 401)
    k = harmonic.stiffness_optimal_protocol(np.clip(t, 1e-12, tau - 1e-12), k_i, k_f, tau)
    pr = problems.harmonic_stiffen(tau=tau, knots=t.size, k_i=k_i, k_f=k_f)
    p = pr.family.protocol(pr.family.theta_from_values(k[:, None]))
    w, _, v = harmonic_mean_work(p, dt=1e-4, scheme="exact")
    assert w == pytest.approx(harmonic.stiffness_optimal_work(k_i, k_f, tau), rel=1e-3)
    assert np.sqrt(v) == pytest.approx(harmonic.stiffness_optimal_final_width(k_i, k_f, tau), rel=1e-3)


def test_engine_matches_discrete_oracle() -> None:
    """The engine's Euler ensemble mean equals the Euler moment recursion within 3 SE (exact at any dt)."""
    tau = 1.0
    pr = problems.harmonic_drag(tau=tau, knots=3, dt=0.01)
    p = pr.family.protocol(pr.family.theta_from_values(np.array([[1.0], [3.0], [4.5]])))
    ens = pr.run(p, n=4000, seed=11)
    se = ens.work.std(ddof=1) / np.sqrt(ens.work.size)
    w_exact = harmonic_mean_work(p, dt=0.01, scheme="overdamped-euler")[0]
    assert abs(ens.work.mean() - w_exact) < 3 * se
