"""Slow-driving geometry (Sivak & Crooks, PRL 108, 190602 (2012)) on the harmonic trap.

Closed forms (overdamped, gamma = 1): zeta_centre = gamma (= beta Var(X) tau_X = beta k kT * gamma/k, for any k),
zeta_k = gamma kT / (4 k^3), zeta_centre,k = 0. The stiffness geodesic (sqrt(zeta) ∝ k^{-3/2}) is
k(t) = (k_0^{-1/2} + (k_1^{-1/2} - k_0^{-1/2}) t/tau)^{-2}.
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.engine.simulate import Langevin
from landauer.models import harmonic
from landauer.optimise import problems
from landauer.optimise.geometry import constant_speed, friction_tensor, geodesic, geodesic_1d


@pytest.mark.parametrize("k", [1.0, 2.0])
def test_friction_tensor_of_the_harmonic_trap(k: float) -> None:
    model = problems.harmonic_model()
    x0 = np.random.default_rng(1).normal(0.0, 1.0 / np.sqrt(k), (512, 1))
    est = friction_tensor(model, {"k": k, "centre": 0.0}, ["centre", "k"], dynamics=Langevin(kT=1.0, dt=1e-3),
                          seed=3, n_trajectories=512, duration=20.0, x0=x0)
    assert abs(est.zeta[0, 0] - harmonic.friction_centre()) < 3 * est.se[0, 0]
    assert abs(est.zeta[1, 1] - harmonic.friction_stiffness(k)) < 3 * est.se[1, 1]
    assert abs(est.zeta[0, 1]) < 3 * est.se[0, 1]
    # the force autocorrelation time of the centre is the trap's relaxation time gamma/k
    assert est.correlation_time[0] == pytest.approx(1.0 / k, abs=3 * est.se[0, 0] / k)


def test_friction_with_burn_in_start() -> None:
    model = problems.harmonic_model()
    est = friction_tensor(model, {"centre": 1.0}, ["centre"], dynamics=Langevin(kT=1.0, dt=2e-3), seed=4,
                          n_trajectories=256, duration=16.0, x_start=[1.0], burn_in=4.0)
    assert abs(est.zeta[0, 0] - 1.0) < 3 * est.se[0, 0]


def _k_geodesic(t: np.ndarray, k0: float, k1: float) -> np.ndarray:
    return (k0**-0.5 + (k1**-0.5 - k0**-0.5) * t) ** -2


def test_one_control_geodesic_closed_form() -> None:
    g = geodesic_1d("k", lambda k: harmonic.friction_stiffness(k), 1.0, 4.0, points=401)
    np.testing.assert_allclose(g.path[:, 0], _k_geodesic(g.fraction, 1.0, 4.0), rtol=2e-3)
    # thermodynamic length int sqrt(1/(4k^3)) dk = k0^{-1/2} - k1^{-1/2}
    assert g.length == pytest.approx(1.0 - 0.5, rel=1e-4)


def test_multi_control_geodesic_solver_on_a_known_metric() -> None:
    """The energy-functional solver reproduces the 1-D closed form, and in 2-D (k, centre) with
    zeta = diag(1/(4k^3), 1) it is no longer than the straight line."""
    def metric1(v: np.ndarray) -> np.ndarray:
        return np.array([[harmonic.friction_stiffness(float(v[0]))]])

    g1 = geodesic(("k",), metric1, [1.0], [4.0], points=17)
    np.testing.assert_allclose(g1.path[:, 0], _k_geodesic(g1.fraction, 1.0, 4.0), rtol=5e-3)

    def metric2(v: np.ndarray) -> np.ndarray:
        return np.diag([harmonic.friction_stiffness(float(v[0])), 1.0])

    a, b = [1.0, 0.0], [4.0, 1.0]
    g2 = geodesic(("k", "centre"), metric2, a, b, points=17)
    line = constant_speed(("k", "centre"), metric2, np.linspace(a, b, 17))
    assert g2.length <= line.length + 1e-9
    assert np.all(np.diff(g2.fraction) > 0)


def test_geodesic_drag_predicts_the_slow_excess_work() -> None:
    """For the drag zeta = gamma is constant: the geodesic is the linear protocol with excess work
    L^2/tau = lambda_f^2/tau, the leading term of the exact linear-protocol work."""
    g = geodesic_1d("centre", lambda c: harmonic.friction_centre(), 0.0, 5.0)
    tau = 64.0
    exact = harmonic.drag_linear_work(5.0, tau)
    assert g.excess_work(tau) == pytest.approx(25.0 / tau, rel=1e-9)
    # W_lin = (25/tau)(1 - 1/tau + O(e^-tau/tau)): relative difference 1/tau
    assert (g.excess_work(tau) - exact) / exact == pytest.approx(1.0 / (tau - 1.0), rel=1e-6)


@pytest.mark.parametrize("tau", [16.0, 64.0])
def test_stiffness_geodesic_is_nearly_optimal_when_slow(tau: float) -> None:
    """Exact (moment-equation) work of the geodesic stiffening 1 -> 4: between the Schmiedl-Seifert optimum
    and the linear ramp, with excess work -> L^2/tau (relative difference O(1/tau))."""
    from landauer.engine.protocol import Protocol
    from landauer.optimise.gaussian import harmonic_mean_work

    g = geodesic_1d("k", lambda k: harmonic.friction_stiffness(k), 1.0, 4.0, points=401)
    dt = 1e-3 * tau / 16
    w_geo = harmonic_mean_work(g.protocol(tau), dt=dt, scheme="exact")[0]
    w_lin = harmonic_mean_work(Protocol.start(k=1.0).ramp(tau, k=4.0), dt=dt, scheme="exact")[0]
    w_opt = harmonic.stiffness_optimal_work(1.0, 4.0, tau)
    d_f = 0.5 * np.log(4.0)
    assert w_opt < w_geo < w_lin
    assert abs((w_geo - d_f) - g.excess_work(tau)) < 2.0 / tau * g.excess_work(tau)
