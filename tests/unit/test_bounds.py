"""Bounds against closed forms (citations in landauer.bounds)."""

import math

import numpy as np
import pytest

from landauer import bounds
from landauer.constants import e, kT, landauer_bound
from landauer.validation import ParameterError


def test_landauer_at_300K():
    # specs/core.md 2: kT ln 2 at 300 K = 2.871 zJ = 17.92 meV
    assert landauer_bound(300.0) == pytest.approx(2.871e-21, rel=2e-4)
    assert landauer_bound(300.0) / e * 1e3 == pytest.approx(17.92, rel=3e-4)


@pytest.mark.parametrize("bad", [-1.0, 0.0, float("nan"), float("inf"), "hot"])
def test_bad_temperature_is_a_clear_error(bad):
    with pytest.raises(ParameterError, match="temperature"):
        kT(bad)


def test_logical_map_cost_erasure_and_identity():
    assert bounds.logical_map_cost([0, 0], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert bounds.logical_map_cost([0, 1], [0.3, 0.7]) == pytest.approx(0.0)
    # NAND on uniform inputs: outputs (1,1,1,0) -> H(uniform 4) - H(3/4, 1/4)
    h_out = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert bounds.logical_map_cost([1, 1, 1, 0], [0.25] * 4) == pytest.approx(2 * math.log(2) - h_out)


def test_logical_map_cost_stochastic_matrix():
    T = np.array([[0.9, 0.9], [0.1, 0.1]])
    assert bounds.logical_map_cost(T, [0.5, 0.5]) == pytest.approx(bounds.erasure_with_error(0.1))


def test_logical_map_rejects_bad_input():
    with pytest.raises(ParameterError, match="sum to 1"):
        bounds.logical_map_cost([0, 0], [0.5, 0.6])
    with pytest.raises(ParameterError, match="columns"):
        bounds.logical_map_cost(np.array([[0.5, 0.5], [0.4, 0.5]]), [0.5, 0.5])


def test_erasure_with_error_limits():
    assert bounds.erasure_with_error(0.0) == pytest.approx(math.log(2))
    assert bounds.erasure_with_error(0.5) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ParameterError):
        bounds.erasure_with_error(1.5)


def test_wasserstein_shift_and_scale():
    rng = np.random.default_rng(0)
    a = rng.normal(size=200_000)
    # W2 between N(0,1) and N(c, s^2) is c^2 + (1-s)^2 (Gaussian closed form)
    assert bounds.wasserstein2_samples(a, a + 0.7) == pytest.approx(0.49, rel=1e-9)
    x = np.linspace(-10, 10, 20001)
    g = lambda m, s: np.exp(-((x - m) ** 2) / (2 * s * s))  # noqa: E731
    assert bounds.wasserstein2_grid(x, g(0, 1), g(1.0, 2.0)) == pytest.approx(1.0 + 1.0, rel=1e-3)


def test_finite_time_bound_units():
    assert bounds.finite_time_bound(2.0, mobility=0.5, tau=4.0) == pytest.approx(1.0)
    with pytest.raises(ParameterError, match="tau"):
        bounds.finite_time_bound(1.0, mobility=1.0, tau=0.0)


def test_jarzynski_estimators_gaussian_work():
    # Gaussian work with mean m, variance s2 satisfies Jarzynski with dF = m - s2/2
    rng = np.random.default_rng(3)
    w = rng.normal(2.0, 1.0, size=200_000)
    est = bounds.jarzynski_free_energy(w)
    assert abs(est.value - 1.5) < 4 * est.stderr
    # Crooks: reverse work of the Gaussian pair is N(-(m - 2 s2/2)... ) = N(-(2 dF - m), s2)
    wr = rng.normal(-(2 * 1.5 - 2.0), 1.0, size=200_000)
    bar = bounds.crooks_free_energy(w, wr)
    assert abs(bar.value - 1.5) < 4 * bar.stderr
    assert bar.stderr < est.stderr  # BAR uses both directions
