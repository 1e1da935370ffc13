"""Small engine models shared by the foundation's tests (compiled kernels are cached per process)."""

from __future__ import annotations

import numpy as np
from numba import njit

from landauer.engine.model import Model
from landauer.models import double_well


@njit(inline="always")
def harmonic_energy(x, lam, p):  # noqa: ANN001, ANN201
    """U = k/2 (x - c)^2 with controls (k, c)."""
    d = x[0] - lam[1]
    return 0.5 * lam[0] * d * d


@njit(inline="always")
def harmonic_gradient(x, lam, p, g):  # noqa: ANN001, ANN201
    g[0] = lam[0] * (x[0] - lam[1])


@njit(inline="always")
def sign_state(x, p):  # noqa: ANN001, ANN201
    return 0 if x[0] < 0.0 else 1


@njit(inline="always")
def past_right_minimum(x, p):  # noqa: ANN001, ANN201
    """State 1 once the particle reaches the right minimum x = +1 (absorbing boundary for MFPT)."""
    return 1 if x[0] >= 1.0 else 0


HARMONIC = Model(
    "harmonic",
    ("x",),
    ("k", "c"),
    harmonic_energy,
    harmonic_gradient,
    sign_state,
    max_curvature=lambda c, p, kT: float(np.max(c[:, 0])),
    defaults={"k": 1.0, "c": 0.0},
)

DOUBLE_WELL = double_well.MODEL  # param a = 8; use double_well.DoubleWellParams(...).model() for others

DOUBLE_WELL_MFPT = Model(
    "double-well-mfpt",
    ("x",),
    ("b", "f"),
    double_well.energy,
    double_well.gradient,
    past_right_minimum,
    params=double_well.MODEL.params,
    defaults=double_well.MODEL.defaults,
    max_curvature=double_well.max_curvature,
)
