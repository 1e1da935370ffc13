"""Curvature bound for the engine's step check: the largest Hessian eigenvalue where trajectories go.

For each control row ``c`` (protocol knots, at most ``MAX_ROWS`` of them evenly subsampled plus the
last), ``U`` and its Hessian are evaluated on a grid over the device's box (1-D: 4001 points; 2-D: 121^2;
3-D: 41^3; more dimensions: 20000 quasi-random points); the bound is the largest eigenvalue among the
grid points with ``U <= min U + 25 kT``. Overdamped Euler is stable for ``mu k_max dt < 2``; the engine
rejects ``> 0.5`` and warns above 0.1 (:func:`landauer.engine.integrators.check_step`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
MAX_ROWS = 64
WINDOW_KT = 25.0


@lru_cache(maxsize=16)
def _grid(box: tuple[tuple[float, float], ...]) -> Array:
    ndim = len(box)
    if ndim <= 3:
        n = {1: 4001, 2: 121, 3: 41}[ndim]
        axes = [np.linspace(lo, hi, n) for lo, hi in box]
        mesh = np.meshgrid(*axes, indexing="ij")
        return np.stack([m.ravel() for m in mesh], axis=0)
    b = np.asarray(box)
    u = np.random.default_rng(0xC0A7).random((20000, ndim))
    return (b[:, 0] + (b[:, 1] - b[:, 0]) * u).T.copy()


def curvature_bound(energy: Callable[..., Any], hessian: Callable[..., Any], box: Array, c_rows: Array,
                    p: Array, kT: float) -> float:
    """See module docstring. ``energy``/``hessian`` are vectorised ``py_func`` forms (``x`` of shape ``(ndim, n)``)."""
    X = _grid(tuple((float(lo), float(hi)) for lo, hi in box))
    ndim = X.shape[0]
    rows = c_rows[:: max(1, c_rows.shape[0] // MAX_ROWS)]
    rows = np.vstack([rows, c_rows[-1:]]) if c_rows.shape[0] else np.zeros((1, 0))
    worst = -np.inf
    for c in np.unique(rows, axis=0):
        u = np.broadcast_to(np.asarray(energy(X, c, p), dtype=float), X.shape[1:])
        inside = u <= np.nanmin(u) + WINDOW_KT * kT
        Xi = X[:, inside]
        h = np.empty((ndim, ndim, Xi.shape[1]))
        hessian(Xi, c, p, h)
        H = np.moveaxis(h, -1, 0)
        top = H[:, 0, 0] if ndim == 1 else np.linalg.eigvalsh(0.5 * (H + np.swapaxes(H, 1, 2)))[:, -1]
        worst = max(worst, float(np.max(top)))
    return worst
