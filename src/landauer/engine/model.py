"""The model interface every substrate implements to run on the engine: compiled functions + params.

A model is data plus compiled functions, in dimensionless units:

- ``energy(x, c, p) -> float``: potential ``U(x; c, p)``;
- ``gradient(x, c, p, g) -> None``: writes ``dU/dx`` into ``g``;
- ``classify(x, p) -> int``: the logical state of a configuration (e.g. the sign of a coordinate).

``x`` holds the coordinates (length ``ndim``), ``c`` the time-dependent controls in ``model.controls``
order (evaluated by the engine from the protocol at every step), ``p`` the fixed parameters in
``model.params`` order (device constants: never part of a protocol). The functions are MODULE-LEVEL
Numba ``@njit`` functions (importable as ``module.qualname``, so compiled kernels can be cached on
disk); the engine compiles one ensemble kernel per (model functions, integrator) and inlines them, so new
substrates plug in without editing the engine. Write them element-wise in the coordinates (``x[0]``,
``x[1]``, ...) so that their pure-Python ``py_func`` also accepts ``x`` of shape ``(ndim, n)``: the
NumPy reference integrators (:mod:`landauer.engine.reference`) use that to vectorise over trajectories.

``max_curvature(c_knots, p, kT) -> float`` (optional) bounds the largest Hessian eigenvalue over the
region trajectories visit (energy within ~25 kT of the minimum) for the control vectors ``c_knots``
(shape ``(K, n_controls)``: the protocol's knots and a few points inside each segment). The engine uses
it to reject unstable time steps; without it the engine estimates the curvature by finite differences
of the gradient at the initial positions.

Examples
--------
>>> from landauer.models.double_well import MODEL
>>> MODEL.params, MODEL.controls
({'a': 8.0}, ('b', 'f'))
>>> MODEL.with_params(a=5.0).param_vector().tolist()
[5.0]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.validation import ParameterError

CurvatureFn = Callable[[NDArray[np.float64], NDArray[np.float64], float], float]


@dataclass(frozen=True, eq=False, init=False)
class Model:
    """A potential-energy model for the Langevin engine (see module docstring).

    Parameters
    ----------
    name : str
        Short name (provenance, progress bars).
    coordinates, controls : sequence of str
        Coordinate names (1 to 32) and time-dependent control names (the protocol's).
    energy, gradient, classify
        Module-level ``@njit`` functions with the signatures of the module docstring.
    params : mapping of str to float
        Fixed parameters, in the order the compiled functions index ``p``.
    defaults : mapping of str to float
        Rest values of the controls (used for controls a protocol does not mention).
    max_curvature : callable, optional
        ``(c_knots, p, kT) -> float``, see the module docstring.
    citation : str
        Literature reference (``landauer cite``).
    """

    name: str
    coordinates: tuple[str, ...]
    controls: tuple[str, ...]
    energy: Any
    gradient: Any
    classify: Any
    params: Mapping[str, float] = field(default_factory=dict)
    defaults: Mapping[str, float] = field(default_factory=dict)
    max_curvature: CurvatureFn | None = None
    citation: str = ""

    def __init__(
        self,
        name: str,
        coordinates: tuple[str, ...] | list[str],
        controls: tuple[str, ...] | list[str],
        energy: Any,
        gradient: Any,
        classify: Any,
        *,
        params: Mapping[str, float] | None = None,
        defaults: Mapping[str, float] | None = None,
        max_curvature: CurvatureFn | None = None,
        citation: str = "",
    ) -> None:
        s = object.__setattr__
        s(self, "name", str(name))
        s(self, "coordinates", tuple(coordinates))
        s(self, "controls", tuple(controls))
        s(self, "energy", energy)
        s(self, "gradient", gradient)
        s(self, "classify", classify)
        s(self, "params", MappingProxyType({str(k): float(v) for k, v in (params or {}).items()}))
        s(self, "defaults", MappingProxyType({str(k): float(v) for k, v in (defaults or {}).items()}))
        s(self, "max_curvature", max_curvature)
        s(self, "citation", citation)
        self._validate()

    def _validate(self) -> None:
        if not 1 <= len(self.coordinates) <= 32:
            raise ParameterError(f"a model needs 1 to 32 coordinates, got {len(self.coordinates)}")
        for fn in ("energy", "gradient", "classify"):
            if not hasattr(getattr(self, fn), "py_func"):
                raise ParameterError(f"model {self.name}: {fn} must be a numba @njit function")
        if len(set(self.controls)) != len(self.controls):
            raise ParameterError(f"model {self.name}: control names must be unique")
        clash = set(self.controls) & set(self.params)
        if clash:
            raise ParameterError(f"model {self.name}: {sorted(clash)} cannot be both a control and a param")
        unknown = set(self.defaults) - set(self.controls)
        if unknown:
            raise ParameterError(f"model {self.name}: defaults for unknown control(s) {sorted(unknown)}")
        bad = [k for k, v in self.params.items() if not np.isfinite(v)]
        if bad:
            raise ParameterError(f"model {self.name}: param(s) {bad} must be finite")

    @property
    def ndim(self) -> int:
        return len(self.coordinates)

    def with_params(self, **values: float) -> Model:
        """A copy with some params replaced (same compiled functions: no recompilation)."""
        unknown = set(values) - set(self.params)
        if unknown:
            raise ParameterError(f"unknown param(s) {sorted(unknown)} for model {self.name}; "
                                 f"it has {list(self.params)}")
        new = {**self.params, **{k: float(v) for k, v in values.items()}}
        return dataclasses.replace(self, params=new)

    def param_vector(self) -> NDArray[np.float64]:
        """The params as the float64 vector ``p`` the compiled functions receive."""
        return np.array(list(self.params.values()), dtype=np.float64)

    def control_vector(self, **controls: float) -> NDArray[np.float64]:
        """Control vector in the model's order, filling unspecified controls from ``defaults``."""
        unknown = set(controls) - set(self.controls)
        if unknown:
            hint = " (a param: use with_params)" if unknown & set(self.params) else ""
            raise ParameterError(f"unknown control(s) {sorted(unknown)} for model {self.name}{hint}")
        vals = {**self.defaults, **controls}
        missing = [c for c in self.controls if c not in vals]
        if missing:
            raise ParameterError(f"model {self.name} needs control(s) {missing}")
        return np.array([float(vals[c]) for c in self.controls])

    lam_vector = control_vector  # v1 name

    def _p(self, p: NDArray[np.float64] | None) -> NDArray[np.float64]:
        return self.param_vector() if p is None else np.asarray(p, dtype=np.float64)

    def energy_of(
        self, x: NDArray[np.float64], c: NDArray[np.float64], p: NDArray[np.float64] | None = None
    ) -> NDArray[np.float64]:
        """``U`` for each row of ``x`` (shape ``(n, ndim)``) at one control vector (Python loop)."""
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        pv = self._p(p)
        cv = np.asarray(c, dtype=float)
        return np.array([self.energy(row, cv, pv) for row in xs])

    def gradient_of(
        self, x: NDArray[np.float64], c: NDArray[np.float64], p: NDArray[np.float64] | None = None
    ) -> NDArray[np.float64]:
        """``dU/dx`` for each row of ``x`` (shape ``(n, ndim)``)."""
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        pv = self._p(p)
        cv = np.asarray(c, dtype=float)
        out = np.empty_like(xs)
        for i, row in enumerate(xs):
            self.gradient(row, cv, pv, out[i])
        return out

    def classify_of(self, x: NDArray[np.float64], p: NDArray[np.float64] | None = None) -> NDArray[np.int64]:
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        pv = self._p(p)
        return np.array([self.classify(row, pv) for row in xs], dtype=np.int64)

    def curvature_bound(self, c_knots: NDArray[np.float64], kT: float,
                        x_probe: NDArray[np.float64] | None = None) -> float:
        """``max_curvature(c_knots, p, kT)``, or a finite-difference estimate at ``x_probe`` without one.

        The fallback bounds the Hessian's largest eigenvalue by the Gershgorin row sums of a central
        finite-difference Hessian of ``gradient`` at up to 64 probe positions, for every control row.
        """
        p = self.param_vector()
        c = np.atleast_2d(np.asarray(c_knots, dtype=float))
        if self.max_curvature is not None:
            return float(self.max_curvature(c, p, kT))
        xs = np.zeros((1, self.ndim)) if x_probe is None else np.atleast_2d(x_probe)[:64]
        h = 1e-5
        worst = 0.0
        g1 = np.empty(self.ndim)
        g2 = np.empty(self.ndim)
        for row in c:
            for x in xs:
                H = np.empty((self.ndim, self.ndim))
                for d in range(self.ndim):
                    xp = np.array(x, dtype=float)
                    xm = xp.copy()
                    xp[d] += h
                    xm[d] -= h
                    self.gradient(xp, row, p, g1)
                    self.gradient(xm, row, p, g2)
                    H[d] = (g1 - g2) / (2 * h)
                worst = max(worst, float(np.max(np.sum(np.abs(0.5 * (H + H.T)), axis=1))))
        return worst

    def describe(self) -> dict[str, Any]:
        return {"model": self.name, "coordinates": list(self.coordinates), "controls": list(self.controls),
                "params": dict(self.params)}
