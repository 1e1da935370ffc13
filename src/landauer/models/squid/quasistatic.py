"""Quasi-static (infinitely slow, noise-free) response of the SQUID landscape to a protocol.

At each of ``n_steps`` control values along each stage the configuration relaxes by gradient flow
``x <- x - eta grad U`` (overdamped, ``eta`` below the stability limit) until ``|grad U| < tol``: it
tracks its minimum while the minimum exists and slides to another one when it is annihilated. The
final logical state of each start defines the protocol's quasi-static truth table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit
from numpy.typing import ArrayLike, NDArray

from landauer.engine.protocol import Protocol
from landauer.landscape import Kind, find_critical_points
from landauer.models.squid.kernels import nb_gradient_2d, nb_gradient_4d
from landauer.models.squid.model import engine_values, lam_of, model_for
from landauer.models.squid.potential import (
    DEFAULT_SHAPE,
    PHYSICAL_CONTROLS,
    Controls,
    Shape,
    label,
    landscape_2d,
    state_of,
)

Array = NDArray[np.float64]


@njit(cache=True)
def _relax_2d(x, lam, eta, tol, maxit):  # noqa: ANN001, ANN202
    g = np.empty(2)
    n_used = 0
    for k in range(x.shape[0]):
        xi = x[k]
        for it in range(maxit):
            nb_gradient_2d(xi, lam[:5], lam[5:], g)
            if g[0] * g[0] + g[1] * g[1] < tol * tol:
                break
            xi[0] -= eta * g[0]
            xi[1] -= eta * g[1]
            n_used = max(n_used, it)
    return n_used


@njit(cache=True)
def _relax_4d(x, lam, eta, tol, maxit):  # noqa: ANN001, ANN202
    g = np.empty(4)
    n_used = 0
    for k in range(x.shape[0]):
        xi = x[k]
        for it in range(maxit):
            nb_gradient_4d(xi, lam[:5], lam[5:], g)
            s = 0.0
            for d in range(4):
                s += g[d] * g[d]
            if s < tol * tol:
                break
            for d in range(4):
                xi[d] -= eta * g[d]
            n_used = max(n_used, it)
    return n_used


def rest_minima(shape: Shape = DEFAULT_SHAPE, dof: int = 2) -> dict[str, Array]:
    """Positions of the four rest minima, keyed by state label (4-DOF: with ``phi_dc = 0`` relaxed)."""
    pts = find_critical_points(landscape_2d(Controls(), shape), bounds=[(-4, 4), (-4, 4)])
    mins = {label(int(state_of(p.x))): p.x for p in pts if p.kind is Kind.MINIMUM}
    if len(mins) != 4:
        raise ValueError(f"the rest landscape at beta = {shape.beta} does not have four wells")
    if dof == 4:
        out = {}
        for k, v in mins.items():
            x = np.array([[v[0], v[1], 0.0, 0.0]])
            _relax_4d(x, lam_of(Controls(), shape, 4), 0.02, 1e-11, 200000)
            out[k] = x[0]
        return out
    return mins


def track(protocol: Protocol, x0: ArrayLike, *, shape: Shape = DEFAULT_SHAPE, dof: int = 2,
          steps_per_stage: int = 200, tol: float = 1e-9, maxit: int = 2_000_000) -> tuple[Array, Array]:
    """Follow the configurations ``x0`` (``(n, dof)``) through ``protocol`` (over the physical
    controls) quasi-statically.

    Returns ``(x_final, x_at_knots)`` with ``x_at_knots[k]`` the configurations at knot ``k`` of the
    protocol (after relaxing there).
    """
    model = model_for(dof, shape)
    prot = protocol.with_controls(PHYSICAL_CONTROLS, {k: 0.0 for k in PHYSICAL_CONTROLS})
    X = np.array(x0, dtype=float).reshape(-1, dof)
    relax = _relax_2d if dof == 2 else _relax_4d
    rows = engine_values(np.asarray(prot.values, dtype=float), shape, dof)
    # stability of the gradient flow: eta * max curvature < 1
    eta = 0.5 / max(1.0, model.curvature_bound(rows[:, :5], 0.0))
    relax(X, rows[0], eta, tol, maxit)
    knots = [X.copy()]
    for k in range(len(prot.times) - 1):
        a = np.asarray(prot.values[k], dtype=float)
        b = np.asarray(prot.values[k + 1], dtype=float)
        n = 1 if np.array_equal(a, b) else steps_per_stage
        for u in np.linspace(0.0, 1.0, n + 1)[1:]:
            relax(X, engine_values(a + u * (b - a), shape, dof)[0], eta, tol, maxit)
        knots.append(X.copy())
    return X, np.array(knots)


def truth_table(protocol: Protocol, *, shape: Shape = DEFAULT_SHAPE, dof: int = 2,
                steps_per_stage: int = 200) -> dict[str, str]:
    """Quasi-static logical map ``{input label: output label}`` of a protocol started in each rest well."""
    mins = rest_minima(shape, dof)
    keys = sorted(mins)
    xf, _ = track(protocol, np.array([mins[k] for k in keys]), shape=shape, dof=dof,
                  steps_per_stage=steps_per_stage)
    return {k: label(int(s)) for k, s in zip(keys, state_of(xf), strict=True)}


def trace(protocols: Sequence[Protocol], *, shape: Shape = DEFAULT_SHAPE, dof: int = 2,
          steps_per_stage: int = 200) -> dict[str, list[str]]:
    """State of each input after each protocol in turn (a NAND trace): ``{input: [s0, s1, ...]}``."""
    mins = rest_minima(shape, dof)
    keys = sorted(mins)
    X = np.array([mins[k] for k in keys])
    out = {k: [k] for k in keys}
    for p in protocols:
        X, _ = track(p, X, shape=shape, dof=dof, steps_per_stage=steps_per_stage)
        for k, s in zip(keys, state_of(X), strict=True):
            out[k].append(label(int(s)))
    return out
