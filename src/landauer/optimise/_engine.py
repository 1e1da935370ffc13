"""The one place where the optimiser touches the engine's model and run() signatures.

Engine v2 (``energy(x, c, p)``, ``Model(..., params=, defaults=)``, ``run(..., record=, stop=)``) is the
target; while the engine on this branch is still v1 (``energy(x, lam)``), :func:`build_model` wraps a v2
model's functions with its parameter vector closed over, so v2 models run unchanged on either engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.engine.protocol import Protocol


def _engine_is_v2() -> bool:
    """True once the Euclidean engine passes the parameter vector ``p`` to the model functions."""
    import inspect

    from landauer.engine import simulate

    return "param_vector" in inspect.getsource(simulate)


V2 = _engine_is_v2()


def build_model(
    *, name: str, coordinates: tuple[str, ...], controls: tuple[str, ...], energy: Any, gradient: Any,
    classify: Any, params: Mapping[str, float], defaults: Mapping[str, float],
    max_curvature: Callable[..., float], citation: str = "",
) -> Model:
    """A :class:`~landauer.engine.model.Model` from v2-signature functions, on whichever engine is installed."""
    if V2:
        return Model(name, coordinates, controls, energy, gradient, classify,  # type: ignore[call-arg]
                     params=params, defaults=defaults, max_curvature=max_curvature, citation=citation)
    pv = np.array([float(v) for v in params.values()], dtype=np.float64)
    e2, g2, c2 = energy, gradient, classify

    @njit(inline="always")
    def e1(x, lam):  # noqa: ANN001, ANN202
        return e2(x, lam, pv)

    @njit(inline="always")
    def g1(x, lam, g):  # noqa: ANN001, ANN202
        g2(x, lam, pv, g)

    @njit(inline="always")
    def c1(x):  # noqa: ANN001, ANN202
        return c2(x, pv)

    def mc(lam: NDArray[np.float64], kT: float) -> float:
        return float(max_curvature(lam, pv, kT))

    model = Model(name, coordinates, controls, e1, g1, c1, max_curvature=mc, defaults=dict(defaults),
                  citation=citation)
    _V2_FUNCS[id(model)] = (energy, pv)
    return model


_V2_FUNCS: dict[int, tuple[Any, NDArray[np.float64]]] = {}


def energy_batch(model: Model, x: NDArray[np.float64], c: NDArray[np.float64]) -> NDArray[np.float64]:
    """``U(x_i; c)`` for positions ``x`` of shape ``(n, ndim)`` (vectorised through the pure-Python twin)."""
    xt = np.ascontiguousarray(np.asarray(x, dtype=float).T)
    cv = np.asarray(c, dtype=float)
    if V2:
        u = model.energy.py_func(xt, cv, model.param_vector())  # type: ignore[attr-defined]
    elif id(model) in _V2_FUNCS:
        fn, pv = _V2_FUNCS[id(model)]
        u = fn.py_func(xt, cv, pv)
    else:
        u = model.energy.py_func(xt, cv)
    return np.asarray(u, dtype=float) * np.ones(xt.shape[1])


def run_snapshots(model: Model, protocol: Protocol, *, dynamics: Any, n: int, seed: int,
                  x0: NDArray[np.float64], times: NDArray[np.float64]) -> NDArray[np.float64]:
    """Positions at ``times``, shape ``(len(times), n, ndim)``."""
    from landauer.engine.simulate import run

    if V2:
        from landauer.engine.record import Record

        ds = run(model, protocol, dynamics=dynamics, n_trajectories=n, seed=seed, x0=x0,  # type: ignore[call-arg]
                 record=Record(snapshots=tuple(float(t) for t in times), final=True))
    else:
        ds = run(model, protocol, dynamics=dynamics, n_trajectories=n, seed=seed, x0=x0, snapshot_times=times)
    return np.asarray(ds.x.values, dtype=float)


@dataclass(frozen=True)
class Ensemble:
    """What the optimiser needs from one ensemble run (energies in the model's unit, kT)."""

    work: NDArray[np.float64]
    state_final: NDArray[np.int64]
    x_final: NDArray[np.float64]
    x_initial: NDArray[np.float64]


def run_ensemble(model: Model, protocol: Protocol, *, dynamics: Any, n: int, seed: int,
                 x0: NDArray[np.float64]) -> Ensemble:
    """Run ``n`` trajectories from ``x0`` with trajectory ``j`` on stream ``(seed, j)``."""
    from landauer.engine.simulate import run

    ds = run(model, protocol, dynamics=dynamics, n_trajectories=n, seed=seed, x0=x0, energy_unit="kT")
    return Ensemble(work=np.asarray(ds.W.values, dtype=float),
                    state_final=np.asarray(ds.state_final.values, dtype=np.int64),
                    x_final=np.asarray(ds.x_final.values, dtype=float),
                    x_initial=np.asarray(x0, dtype=float))
