"""Readable NumPy twin of the sphere kernel (:mod:`landauer.engine.sphere`), vectorised over trajectories.

Same equations, same noise (trajectory ``j`` takes normals ``3k, 3k+1, 3k+2`` of stream ``(seed, j)`` at step
``k``), same control switching, energetics and passage rule; only the arithmetic order differs, so the two
agree to rounding (tests use 1e-10). The model functions' pure-Python ``py_func`` are called on arrays of
shape ``(3, n)``, which the element-wise contract allows. For short runs only (it holds all the normals).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.engine.protocol import Protocol
from landauer.engine.rng import normals, seed_key
from landauer.engine.sphere import SphereLangevin, initial_directions


def _rhs(m: NDArray[np.float64], h: NDArray[np.float64], alpha: float) -> NDArray[np.float64]:
    c = np.cross(m, h, axis=0)
    return -(c + alpha * np.cross(m, c, axis=0)) / (1.0 + alpha * alpha)


def _stt(m: NDArray[np.float64], dyn: SphereLangevin) -> NDArray[np.float64]:
    e = np.asarray(dyn.stt_direction)[:, None] * np.ones_like(m)
    aj = dyn.stt_a0 / (1.0 + dyn.stt_p2 * np.sum(m * e, axis=0))
    return aj * np.cross(m, e, axis=0) + dyn.stt_b * e


def _states(classify: Any, m: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.int64]:
    try:
        return np.asarray(classify(m, p), dtype=np.int64) * np.ones(m.shape[1], dtype=np.int64)
    except ValueError:  # a classifier with a scalar conditional: one column at a time
        return np.array([classify(m[:, j], p) for j in range(m.shape[1])], dtype=np.int64)


def reference_run(
    model: Any,
    protocol: Protocol,
    *,
    dynamics: SphereLangevin,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike,
    stop_at_passage: bool = False,
) -> dict[str, NDArray[Any]]:
    """``x_final`` (n, 3), ``W``, ``Q``, ``dE``, ``W_stt``, ``state_final`` and passage step ``fp`` (-1 if none)."""
    n = n_trajectories
    prot = protocol.with_controls(model.controls, model.defaults)
    nsteps = prot.n_steps(dynamics.dt)
    dt = prot.duration / nsteps
    c = prot.values_at(np.arange(nsteps + 1) * dt)
    p = np.asarray(model.param_vector(), dtype=float)
    energy = model.energy.py_func
    grad = model.gradient.py_func
    classify = model.classify.py_func
    key = seed_key(seed)
    z = np.stack([normals(key, j, 3 * nsteps + 1)[: 3 * nsteps] for j in range(n)])  # (n, 3 nsteps)
    amp = dynamics.noise_amplitude(dt)
    alpha, inv_mu = dynamics.alpha, 1.0 / dynamics.moment
    m = initial_directions(x0, n).T.copy()  # (3, n)
    st0 = _states(classify, m, p)
    e_start = energy(m, c[0], p) * np.ones(n)
    e_cur = e_start.copy()
    W = np.zeros(n)
    Q = np.zeros(n)
    Ws = np.zeros(n)
    fp = np.full(n, -1, dtype=np.int64)
    live = np.ones(n, dtype=bool)
    g = np.empty((3, n))
    k2 = np.empty((3, n))
    for k in range(nsteps):
        en = energy(m, c[k + 1], p) * np.ones(n)
        th = amp * z[:, 3 * k : 3 * k + 3].T
        grad(m, c[k + 1], p, g)
        h1 = th - g * inv_mu
        if dynamics.stt_on:
            h1 = h1 + _stt(m, dynamics)
        f1 = _rhs(m, h1, alpha)
        mp = m + f1 * dt
        grad(mp, c[k + 1], p, k2)
        h2 = th - k2 * inv_mu
        if dynamics.stt_on:
            h2 = h2 + _stt(mp, dynamics)
        f2 = _rhs(mp, h2, alpha)
        ws = np.zeros(n)
        if dynamics.stt_on:
            v = _rhs(m, _stt(m, dynamics), alpha) + _rhs(mp, _stt(mp, dynamics), alpha)
            ws = 0.25 * dt * np.sum((g + k2) * v, axis=0)
        new = m + 0.5 * (f1 + f2) * dt
        new = new / np.linalg.norm(new, axis=0)
        e1 = energy(new, c[k + 1], p) * np.ones(n)
        W = np.where(live, W + en - e_cur, W)
        Q = np.where(live, Q + en - e1 + ws, Q)
        Ws = np.where(live, Ws + ws, Ws)
        e_cur = np.where(live, e1, e_cur)
        m = np.where(live, new, m)
        hit = live & (_states(classify, m, p) != st0) & (fp < 0)
        fp[hit] = k + 1
        if stop_at_passage:
            live &= ~hit
    return {
        "x_final": m.T.copy(),
        "W": W,
        "Q": Q,
        "dE": e_cur - e_start,
        "W_stt": Ws,
        "state_final": _states(classify, m, p),
        "fp": fp,
    }
