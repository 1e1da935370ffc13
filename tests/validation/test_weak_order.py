"""Weak order of each integrator from a log-log slope (specs/core.md 3 and 4.8).

Observable f = x(T)^2 for a harmonic well (U = x^2/2, kT = 1, T = 1) from a fixed start. The NumPy
reference integrators (cross-checked step for step against the compiled kernels in
test_kernel_vs_reference.py) are driven by COUPLED noise: each coarse increment is built from the fine
ones, so the differences d(h) = E f(X^h) - E f(X^{h/2}) ~ C h^p (1 - 2^-p) have a small variance. The slope
p of log|d| vs log h is fitted by weighted least squares with per-point standard errors from the
per-trajectory differences, with the first pre-asymptotic term of the weak-error expansion
e(h) = C h^p (1 + D h + ...) included as a fitted parameter (log|d| = log C' + p log h + D h); p must match
the declared weak order within 4 standard errors.
Kloeden & Platen (1992) ch. 14; Leimkuhler & Matthews, AMRX 2013 (BAOAB: weak order 2).
"""

import numpy as np
import pytest

from engine_models import HARMONIC
from landauer.engine import reference as ref
from landauer.engine.integrators import Integrator

T = 1.0
# (coarsest number of steps, levels, trajectories). BAOAB's error constant is small for a harmonic well:
# it starts coarser, and below h = 1/16 its differences drop under the statistical resolution, so it uses
# four levels and a two-parameter fit (the expansion term needs at least four differences).
SETUP = {"overdamped-euler": (8, 6, 40_000), "underdamped-euler": (8, 6, 40_000), "baoab": (2, 4, 160_000)}


def _coarsen(noise: np.ndarray, factor: int, *, baoab: bool, c1: float) -> np.ndarray:
    """Combine ``factor`` fine unit-variance increments into one coarse one (unit variance)."""
    s, d, n = noise.shape
    blocks = noise.reshape(s // factor, factor, d, n)
    if not baoab:
        return blocks.sum(axis=1) / np.sqrt(factor)
    # O-steps compose as an AR(1): weights c1^(factor-1-j), normalised to unit variance
    w = c1 ** np.arange(factor - 1, -1, -1)
    return np.tensordot(w, blocks, axes=(0, 1)) / np.sqrt(np.sum(w**2))


def _observable(integrator: Integrator, steps: int, fine: np.ndarray, gamma: float) -> np.ndarray:
    dt = T / steps
    FINE, _, N = fine.shape
    lam = np.tile([1.0, 0.0], (steps + 1, 1))
    x0 = np.ones((N, 1))
    if integrator is Integrator.OVERDAMPED_EULER:
        noise = _coarsen(fine, FINE // steps, baoab=False, c1=0.0)
        r = ref.overdamped_euler(HARMONIC, x0, lam, dt=dt, mobility=np.ones(1), kT=1.0, noise=noise)
    else:
        baoab = integrator is Integrator.BAOAB
        c1 = float(np.exp(-gamma * T / FINE))
        noise = _coarsen(fine, FINE // steps, baoab=baoab, c1=c1)
        fn = ref.baoab if baoab else ref.underdamped_euler
        r = fn(HARMONIC, x0, np.zeros((N, 1)), lam, dt=dt, mass=np.ones(1), friction=gamma * np.ones(1),
               kT=1.0, noise=noise)
    return r.x[:, 0] ** 2


@pytest.mark.parametrize("integrator", [Integrator.OVERDAMPED_EULER, Integrator.BAOAB,
                                        Integrator.UNDERDAMPED_EULER])
def test_weak_order_slope(integrator):
    gamma = 1.0
    coarsest, levels, N = SETUP[integrator.value]
    steps = [coarsest * 2**j for j in range(levels)]
    fine = np.random.default_rng(17).standard_normal((steps[-1], 1, N))
    f = [_observable(integrator, s, fine, gamma) for s in steps]
    h = np.array([T / s for s in steps[:-1]])
    diffs = [f[j] - f[j + 1] for j in range(levels - 1)]
    d = np.array([x.mean() for x in diffs])
    se = np.array([x.std(ddof=1) / np.sqrt(N) for x in diffs])
    assert np.all(np.abs(d) > 3 * se), (d, se)  # every difference is resolved
    y = np.log(np.abs(d))
    sy = se / np.abs(d)
    cols = [np.ones_like(h), np.log(h)] + ([h] if h.size >= 4 else [])
    A = np.stack(cols, axis=1)
    cov = np.linalg.inv(A.T @ (A / sy[:, None] ** 2))
    slope = (cov @ (A.T @ (y / sy**2)))[1]
    slope_se = np.sqrt(cov[1, 1])
    assert abs(slope - integrator.weak_order) < 4 * slope_se, (slope, slope_se)
    assert slope_se < 0.25  # the fit is informative
