"""The one place where the optimiser touches the engine's model and run() signatures (engine v2:
``energy(x, c, p)``, ``Model(..., params=, defaults=)``, ``run(..., record=, stop=)``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.engine.protocol import Protocol


def build_model(
    *, name: str, coordinates: tuple[str, ...], controls: tuple[str, ...], energy: Any, gradient: Any,
    classify: Any, params: Mapping[str, float], defaults: Mapping[str, float],
    max_curvature: Callable[..., float], citation: str = "",
) -> Model:
    """A :class:`~landauer.engine.model.Model` from v2-signature functions."""
    return Model(name, tuple(coordinates), tuple(controls), energy, gradient, classify, params=dict(params),
                 defaults=dict(defaults), max_curvature=max_curvature, citation=citation)


def energy_batch(model: Model, x: NDArray[np.float64], c: NDArray[np.float64]) -> NDArray[np.float64]:
    """``U(x_i; c)`` for positions ``x`` of shape ``(n, ndim)`` (vectorised through the pure-Python twin)."""
    xt = np.ascontiguousarray(np.asarray(x, dtype=float).T)
    u = model.energy.py_func(xt, np.asarray(c, dtype=float), model.param_vector())
    return np.asarray(u, dtype=float) * np.ones(xt.shape[1])


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


def run_snapshots(model: Model, protocol: Protocol, *, dynamics: Any, n: int, seed: int,
                  x0: NDArray[np.float64], times: NDArray[np.float64]) -> NDArray[np.float64]:
    """Positions at ``times``, shape ``(len(times), n, ndim)``."""
    from landauer.engine.record import Record
    from landauer.engine.simulate import run

    ds = run(model, protocol, dynamics=dynamics, n_trajectories=n, seed=seed, x0=x0,
             record=Record(snapshots=tuple(float(t) for t in times)))
    return np.asarray(ds.x.values, dtype=float)
