"""Plain-NumPy reference integrators, vectorised over trajectories, with noise supplied by the caller.

They implement exactly the same steps and energetics as the compiled kernels
(:mod:`landauer.engine.lanes`) in readable form; tests feed them the kernels' own random streams
(:func:`landauer.engine.rng.normals`) and compare trajectories to rounding. Unlike the kernels they
accumulate the heat step by step (``Q += U(x_k; lambda_{k+1}) - U(x_{k+1}; lambda_{k+1})`` overdamped),
which makes the first law ``W = dE + Q`` an independent check.

Model functions are called through ``py_func`` on arrays of shape ``(ndim, n)``, with the model's params;
``lam`` is the control table ``protocol.table(dt)`` (the kernels evaluate the same values in place).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from landauer.engine.model import Model

Array = NDArray[np.float64]


@dataclass
class ReferenceResult:
    W: Array
    Q: Array
    dE: Array
    W_shadow: Array
    x: Array  # final positions, shape (n, ndim)
    p: Array | None = None


def _U(model: Model, x: Array, lam: Array) -> Array:
    return np.asarray(model.energy.py_func(x, lam, model.param_vector()), dtype=float) * np.ones(x.shape[1])


def _grad(model: Model, x: Array, lam: Array) -> Array:
    g = np.empty_like(x)
    model.gradient.py_func(x, lam, model.param_vector(), g)
    return g


def overdamped_euler(
    model: Model, x0: Array, lam: Array, *, dt: float, mobility: Array, kT: float, noise: Array,
    leimkuhler_matthews: bool = False,
) -> ReferenceResult:
    """Euler-Maruyama ``x += -mu grad U(x; lambda_{k+1}) dt + sqrt(2 mu kT dt) xi_k``.

    ``noise`` has shape ``(n_steps, ndim, n)``; ``x0`` shape ``(n, ndim)``; ``lam`` the control table.
    With ``leimkuhler_matthews`` the step noise is ``(xi_k + xi_{k+1})/2`` and ``noise`` has
    ``n_steps + 1`` rows.
    """
    x = np.array(x0, dtype=float).T.copy()
    mob = np.asarray(mobility, dtype=float)[:, None]
    amp = np.sqrt(2.0 * mob * kT * dt)
    n = x.shape[1]
    W = np.zeros(n)
    Q = np.zeros(n)
    e0 = _U(model, x, lam[0])
    for k in range(lam.shape[0] - 1):
        e_old = _U(model, x, lam[k])
        e_new = _U(model, x, lam[k + 1])
        W += e_new - e_old
        xi = 0.5 * (noise[k] + noise[k + 1]) if leimkuhler_matthews else noise[k]
        x = x - mob * _grad(model, x, lam[k + 1]) * dt + amp * xi
        Q += e_new - _U(model, x, lam[k + 1])
    dE = _U(model, x, lam[-1]) - e0
    return ReferenceResult(W, Q, dE, np.zeros(n), x.T.copy())


def _kinetic(p: Array, mass: Array) -> Array:
    return np.sum(0.5 * p * p / mass, axis=0)


def baoab(
    model: Model, x0: Array, p0: Array, lam: Array, *, dt: float, mass: Array, friction: Array, kT: float,
    noise: Array,
) -> ReferenceResult:
    """BAOAB splitting (Leimkuhler & Matthews 2013) with heat from the O sub-step and shadow work.

    Heat into the bath ``Q = -sum Delta KE_O``; shadow work ``W_shadow = dE + Q - W``.
    """
    x = np.array(x0, dtype=float).T.copy()
    p = np.array(p0, dtype=float).T.copy()
    m = np.asarray(mass, dtype=float)[:, None]
    gam = np.asarray(friction, dtype=float)[:, None]
    c1 = np.exp(-gam / m * dt)
    c2 = np.sqrt((1.0 - c1**2) * m * kT)
    n = x.shape[1]
    W = np.zeros(n)
    Q = np.zeros(n)
    e0 = _kinetic(p, m) + _U(model, x, lam[0])
    for k in range(lam.shape[0] - 1):
        W += _U(model, x, lam[k + 1]) - _U(model, x, lam[k])
        p = p - 0.5 * dt * _grad(model, x, lam[k + 1])
        x = x + 0.5 * dt * p / m
        ke = _kinetic(p, m)
        p = c1 * p + c2 * noise[k]
        Q += ke - _kinetic(p, m)
        x = x + 0.5 * dt * p / m
        p = p - 0.5 * dt * _grad(model, x, lam[k + 1])
    dE = _kinetic(p, m) + _U(model, x, lam[-1]) - e0
    return ReferenceResult(W, Q, dE, dE + Q - W, x.T.copy(), p.T.copy())


def underdamped_euler(
    model: Model, x0: Array, p0: Array, lam: Array, *, dt: float, mass: Array, friction: Array, kT: float,
    noise: Array,
) -> ReferenceResult:
    """Euler-Maruyama for the underdamped Langevin equation; heat accumulated step by step."""
    x = np.array(x0, dtype=float).T.copy()
    p = np.array(p0, dtype=float).T.copy()
    m = np.asarray(mass, dtype=float)[:, None]
    gam = np.asarray(friction, dtype=float)[:, None]
    amp = np.sqrt(2.0 * gam * kT * dt)
    n = x.shape[1]
    W = np.zeros(n)
    Q = np.zeros(n)
    e0 = _kinetic(p, m) + _U(model, x, lam[0])
    for k in range(lam.shape[0] - 1):
        e_new = _kinetic(p, m) + _U(model, x, lam[k + 1])
        W += _U(model, x, lam[k + 1]) - _U(model, x, lam[k])
        g = _grad(model, x, lam[k + 1])
        x, p = x + p / m * dt, p + (-g - gam / m * p) * dt + amp * noise[k]
        Q += e_new - (_kinetic(p, m) + _U(model, x, lam[k + 1]))
    dE = _kinetic(p, m) + _U(model, x, lam[-1]) - e0
    return ReferenceResult(W, Q, dE, np.zeros(n), x.T.copy(), p.T.copy())


def kernel_noise(key: NDArray[np.uint64], n: int, n_steps: int, ndim: int, *, skip: int = 0) -> Array:
    """The kernels' noise for trajectories ``0..n-1`` reshaped to ``(n_steps, ndim, n)``.

    ``skip`` normals are consumed first (the underdamped kernels draw ``ndim`` Maxwell momenta).
    """
    from landauer.engine.rng import normals

    z = np.stack([normals(key, j, skip + n_steps * ndim)[skip:] for j in range(n)])
    return z.reshape(n, n_steps, ndim).transpose(1, 2, 0).copy()
