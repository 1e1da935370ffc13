"""The aQFP chain's analytic gradient equals central finite differences of its energy (issue 14).

Model: landauer.models.aqfp.dynamics (RCSJ chain with the centre nodes eliminated by a Schur
complement; the gradient is hand-written beside the energy). Central differences with step h have
truncation error h^2 |U'''|/6 ~ 1e-11 and round-off eps |U|/h ~ 1e-10 at h = 1e-5, so the two agree to
1e-7 (absolute, |grad| ~ 1-10). Random configurations and controls, chains of 1, 2 and 4 gates with
NOT couplings and a junction asymmetry; a perturbed gradient is caught (negative control).
Written against the compiled functions' ``py_func`` so it works with the v1 ``(x, lam)`` and v2
``(x, c, p)`` model contracts alike.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from landauer.models.aqfp.dynamics import chain_model
from landauer.models.aqfp.params import AqfpParams

H = 1e-5
TOL = 1e-7


def _funcs(model):  # noqa: ANN001, ANN202
    e = getattr(model.energy, "py_func", model.energy)
    g = getattr(model.gradient, "py_func", model.gradient)
    extra = (np.asarray(model.param_vector(), float),) if len(inspect.signature(e).parameters) == 3 else ()
    return (lambda x, c: float(e(x, c, *extra))), (lambda x, c, out: g(x, c, *extra, out))


def _fd(energy, x: np.ndarray, c: np.ndarray) -> np.ndarray:  # noqa: ANN001
    out = np.empty_like(x)
    for k in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[k] += H
        xm[k] -= H
        out[k] = (energy(xp, c) - energy(xm, c)) / (2 * H)
    return out


@pytest.mark.parametrize(("n_gates", "signs"), [(1, None), (2, (-1,)), (4, (1, -1, -1))])
def test_chain_gradient_matches_finite_differences(n_gates: int, signs: tuple[int, ...] | None) -> None:
    model = chain_model(AqfpParams.supercritical(), n_gates, signs=signs)
    energy, gradient = _funcs(model)
    rng = np.random.default_rng(11 + n_gates)
    for _ in range(20):
        x = rng.uniform(-np.pi, np.pi, size=2 * n_gates)
        c = np.concatenate([rng.uniform(0, np.pi, 4), rng.uniform(-1, 1, 2), rng.uniform(-0.05, 0.05, 1)])
        g = np.empty_like(x)
        gradient(x, c, g)
        fd = _fd(energy, x, c)
        assert np.max(np.abs(g - fd)) < TOL, (g, fd)
        assert np.max(np.abs(g)) > 1e-3  # not a trivially flat point


def test_negative_control_detects_a_wrong_coupling() -> None:
    model = chain_model(AqfpParams.supercritical(), 2, signs=(-1,))
    energy, gradient = _funcs(model)
    x = np.array([0.3, -0.2, 1.1, 0.4])
    c = np.array([0.5, 1.0, 0.0, 0.0, 0.2, 0.0, 0.01])
    g = np.empty_like(x)
    gradient(x, c, g)
    g[2] *= 1.001  # a 0.1 % error in one component
    assert np.max(np.abs(g - _fd(energy, x, c))) > 10 * TOL
