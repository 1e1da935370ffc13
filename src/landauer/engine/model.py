"""The model interface every substrate implements to run on the engine.

A model is data plus compiled functions, in dimensionless units:

- ``energy(x, lam) -> float``: potential ``U(x; lambda)``;
- ``gradient(x, lam, g) -> None``: writes ``dU/dx`` into ``g``;
- ``classify(x) -> int``: the logical state of a configuration (e.g. the sign of a coordinate);
- ``max_curvature(lam_table, kT) -> float``: an estimate of the largest Hessian eigenvalue over the
  region trajectories visit (energy within ~25 kT of the minimum) for the controls of a run; used to
  reject unstable time steps.

``energy``, ``gradient`` and ``classify`` are Numba ``@njit`` functions taking 1-D float arrays ``x``
(length ``ndim``) and ``lam`` (length ``len(controls)``). The engine compiles one ensemble kernel per
(model functions, integrator) and inlines them: new substrates plug in without editing the engine.
Write them element-wise in the coordinates (``x[0]``, ``x[1]``, ...) so that their pure-Python
``py_func`` also accepts ``x`` of shape ``(ndim, n)``: the NumPy reference integrators
(:mod:`landauer.engine.reference`) use that to vectorise over trajectories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.validation import ParameterError


@dataclass(frozen=True, eq=False)
class Model:
    """A potential-energy model for the Langevin engine (see module docstring)."""

    name: str
    coordinates: tuple[str, ...]
    controls: tuple[str, ...]
    energy: Any
    gradient: Any
    classify: Any
    max_curvature: Callable[..., float] | None = None
    defaults: Mapping[str, float] = field(default_factory=dict)
    citation: str = ""
    params: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 1 <= len(self.coordinates) <= 32:
            raise ParameterError(f"a model needs 1 to 32 coordinates, got {len(self.coordinates)}")
        for fn in ("energy", "gradient", "classify"):
            if not hasattr(getattr(self, fn), "py_func"):
                raise ParameterError(f"model {self.name}: {fn} must be a numba @njit function")

    def param_vector(self) -> NDArray[np.float64]:
        """Fixed parameters in declaration order (the ``p`` argument of the model functions)."""
        return np.array([float(v) for v in self.params.values()], dtype=float)

    def with_params(self, **kw: float) -> Model:
        """The same model (same compiled functions) with some parameters changed."""
        unknown = set(kw) - set(self.params)
        if unknown:
            raise ParameterError(f"unknown parameter(s) {sorted(unknown)} for model {self.name}")
        from dataclasses import replace

        return replace(self, params={**self.params, **{k: float(v) for k, v in kw.items()}})

    @property
    def ndim(self) -> int:
        return len(self.coordinates)

    def lam_vector(self, **controls: float) -> NDArray[np.float64]:
        """Control vector in the model's order, filling unspecified controls from ``defaults``."""
        unknown = set(controls) - set(self.controls)
        if unknown:
            raise ParameterError(f"unknown control(s) {sorted(unknown)} for model {self.name}")
        vals = {**self.defaults, **controls}
        missing = [c for c in self.controls if c not in vals]
        if missing:
            raise ParameterError(f"model {self.name} needs control(s) {missing}")
        return np.array([float(vals[c]) for c in self.controls])

    def energy_of(self, x: NDArray[np.float64], lam: NDArray[np.float64]) -> NDArray[np.float64]:
        """``U`` for each row of ``x`` (shape ``(n, ndim)``) at one control vector (Python loop)."""
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        return np.array([self.energy(row, lam) for row in xs])

    def gradient_of(self, x: NDArray[np.float64], lam: NDArray[np.float64]) -> NDArray[np.float64]:
        """``dU/dx`` for each row of ``x`` (shape ``(n, ndim)``)."""
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        out = np.empty_like(xs)
        for i, row in enumerate(xs):
            self.gradient(row, lam, out[i])
        return out

    def classify_of(self, x: NDArray[np.float64]) -> NDArray[np.int64]:
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        return np.array([self.classify(row) for row in xs], dtype=np.int64)

    def describe(self) -> dict[str, Any]:
        return {"model": self.name, "coordinates": list(self.coordinates), "controls": list(self.controls)}
