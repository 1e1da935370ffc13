"""A device: one potential ``U(x; c, p)`` that serves both the Langevin engine and the landscape tools.

``U`` is a SymPy expression in the coordinates ``x``, time-dependent controls ``c`` and fixed parameters
``p`` (energies in the device's energy unit, kT unless the file says otherwise). SymPy derives the gradient
and Hessian; :mod:`landauer.devices.codegen` writes them as ``@njit(cache=True)`` functions into a cached
module. The engine runs :meth:`Device.model`; the landscape tools take :meth:`Device.potential` (or the
device itself, at its rest controls). Logical states default to the basins of the rest landscape's minima,
numbered ``"0", "1", ...`` in the order of the minima along the first coordinate (then the second, ...).

Examples
--------
>>> dw = Device.from_expression(energy="a*x**4 - b*x**2 - f*x", coordinates=["x"],
...                             params={"a": 8.0}, controls={"b": 16.0, "f": 0.0}, bounds=[(-3, 3)])
>>> dw.states
('0', '1')
>>> [round(float(m.x[0]), 6) for m in dw.minima()]
[-1.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.devices import codegen
from landauer.devices.curvature import curvature_bound
from landauer.devices.states import default_classifier, ordered_minima
from landauer.landscape import Barriers, CriticalPoint, Potential, barriers, find_critical_points
from landauer.validation import ParameterError, check_finite

Array = NDArray[np.float64]
DEFAULT_HALF_WIDTH = 5.0


def _floats(values: Mapping[str, Any] | None, what: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in (values or {}).items():
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            raise ParameterError(f"{what} {k!r} must be a number, got {v!r}")
        check_finite(f"{what} {k!r}", v)
        out[str(k)] = float(v)
    return out


@dataclass(frozen=True, eq=False)
class Device:
    """A potential with derived derivatives, named controls and parameters, and logical states.

    Build with :meth:`from_expression` (or :func:`landauer.devices.load` from a TOML file).

    Attributes
    ----------
    name, energy_expression : str
    coordinates, controls : tuple of str
        Coordinate names and time-dependent control names (engine vector order).
    params : dict
        Fixed parameters (engine vector order = insertion order).
    rest : dict
        Control values at rest (the engine model's ``defaults``).
    bounds : ndarray, shape (ndim, 2)
        Box searched by the landscape tools and by the curvature bound.
    states : tuple of str
        Logical state names; ``classify`` returns their index.
    module : module
        Generated module with ``energy``, ``gradient``, ``hessian``, ``classify`` (Numba).
    """

    name: str
    energy_expression: str
    coordinates: tuple[str, ...]
    controls: tuple[str, ...]
    params: Mapping[str, float]
    rest: Mapping[str, float]
    bounds: Array
    states: tuple[str, ...]
    module: ModuleType = field(repr=False)
    state_rule: str = "basins"
    citation: str = ""
    energy_unit: str = "kT"

    # --- construction ---------------------------------------------------------------------------
    @classmethod
    def from_expression(
        cls,
        *,
        energy: str,
        coordinates: Sequence[str],
        params: Mapping[str, float] | None = None,
        controls: Mapping[str, float] | None = None,
        states: Sequence[str] | Mapping[str, str] | None = None,
        bounds: Sequence[Sequence[float]] | None = None,
        name: str = "device",
        citation: str = "",
        energy_unit: str = "kT",
    ) -> Device:
        """Compile a device from an expression string.

        Parameters
        ----------
        energy : str
            ``U`` in SymPy syntax (``**`` or ``^`` for powers; ``sin``, ``cos``, ``exp``, ``sqrt``, ...).
        coordinates : sequence of str
            Coordinate names, in vector order.
        params : mapping
            Fixed parameters and their values.
        controls : mapping
            Time-dependent controls and their rest values.
        states : sequence of str or mapping, optional
            None: basins of the rest minima named ``"0", "1", ...``; a sequence: names for those basins
            (same order); a mapping ``name -> condition`` (e.g. ``{"left": "x < 0", "right": "x >= 0"}``):
            explicit classifier, first true condition wins, -1 if none holds.
        bounds : sequence of (lo, hi), optional
            Landscape search box; default ``(-5, 5)`` per coordinate.
        """
        p = _floats(params, "parameter")
        c = _floats(controls, "control")
        coords = tuple(str(v) for v in coordinates)
        if not coords:
            raise ParameterError("a device needs at least one coordinate")
        ndim = len(coords)
        box = np.array(bounds if bounds is not None else [(-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH)] * ndim,
                       dtype=float)
        if box.shape != (ndim, 2) or not np.all(np.isfinite(box)) or np.any(box[:, 1] <= box[:, 0]):
            raise ParameterError(f"bounds must be {ndim} pairs (lo, hi) with lo < hi, got {bounds!r}")
        what = f"device {name!r}: U = {energy}"
        key = codegen.compiled_key(energy, coords, c, p, states, box, what)
        hit = codegen.read_compiled(key)
        if hit is None:
            hit = _compile(energy, coords, c, p, states, box, what, name)
            codegen.write_compiled(key, hit)
        names = tuple(hit["states"])
        module = codegen.load_module(hit["source"])
        return cls(name=name, energy_expression=energy, coordinates=coords, controls=tuple(c),
                   params=p, rest=c, bounds=box, states=names, module=module, state_rule=hit["rule"],
                   citation=citation, energy_unit=energy_unit)

    # --- vectors ----------------------------------------------------------------------------------
    @property
    def ndim(self) -> int:
        return len(self.coordinates)

    def control_vector(self, controls: Mapping[str, float] | None = None) -> Array:
        """Controls in vector order: rest values overridden by ``controls``."""
        given = dict(controls or {})
        unknown = sorted(set(given) - set(self.controls))
        if unknown:
            raise ParameterError(f"unknown control(s) {unknown} for device {self.name}; it has "
                                 f"{list(self.controls)}")
        vals = {**self.rest, **_floats(given, "control")}
        return np.array([vals[k] for k in self.controls], dtype=float)

    def param_vector(self) -> Array:
        return np.array(list(self.params.values()), dtype=float)

    def with_params(self, **params: float) -> Device:
        """The same device with some parameters changed (same compiled functions; states unchanged)."""
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise ParameterError(f"unknown parameter(s) {unknown} for device {self.name}; it has "
                                 f"{list(self.params)}")
        return replace(self, params={**self.params, **_floats(params, "parameter")})

    def with_rest(self, **controls: float) -> Device:
        """The same device with other rest control values."""
        self.control_vector(controls)
        return replace(self, rest={**self.rest, **_floats(controls, "control")})

    # --- engine -----------------------------------------------------------------------------------
    def model(self) -> Any:
        """The engine :class:`~landauer.engine.Model` of this device."""
        from landauer.engine.model import Model

        return Model(self.name, self.coordinates, self.controls, self.module.energy, self.module.gradient,
                     self.module.classify, params=dict(self.params), defaults=dict(self.rest),
                     max_curvature=self.max_curvature, citation=self.citation)

    def max_curvature(self, c_knots: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
        """Largest Hessian eigenvalue where ``U`` is within 25 kT of its minimum in :attr:`bounds`, over the
        control rows ``c_knots`` (the engine's step check); see :func:`~landauer.devices.curvature.curvature_bound`."""
        return curvature_bound(self.module.energy.py_func, self.module.hessian.py_func, self.bounds,
                               np.atleast_2d(np.asarray(c_knots, dtype=float)), np.asarray(p, dtype=float),
                               kT)

    # --- landscape --------------------------------------------------------------------------------
    def potential(self, controls: Mapping[str, float] | None = None) -> Potential:
        """The landscape :class:`~landauer.landscape.Potential` at ``controls`` (rest by default)."""
        return _potential(self.module, self.ndim, self.control_vector(controls), self.param_vector(),
                          self.coordinates, compiled=True)

    def energy(self, x: ArrayLike, controls: Mapping[str, float] | None = None) -> Array:
        """``U`` at positions ``x`` (shape ``(..., ndim)``)."""
        return np.asarray(self.potential(controls).energy(np.asarray(x, dtype=float)))

    def gradient(self, x: ArrayLike, controls: Mapping[str, float] | None = None) -> Array:
        return np.asarray(self.potential(controls).gradient(np.asarray(x, dtype=float)))

    def hessian(self, x: ArrayLike, controls: Mapping[str, float] | None = None) -> Array:
        return np.asarray(self.potential(controls).hessian(np.asarray(x, dtype=float)))

    def classify(self, x: ArrayLike) -> NDArray[np.int64]:
        """Logical state index of each row of ``x`` (shape ``(n, ndim)`` or ``(ndim,)``)."""
        xs = np.atleast_2d(np.asarray(x, dtype=float))
        f = self.module.classify
        p = self.param_vector()
        return np.array([f(np.ascontiguousarray(r), p) for r in xs], dtype=np.int64)

    def critical_points(self, controls: Mapping[str, float] | None = None, **kw: Any) -> list[CriticalPoint]:
        """All critical points in :attr:`bounds` (see :func:`~landauer.landscape.find_critical_points`)."""
        return find_critical_points(self.potential(controls), bounds=self.bounds.tolist(), **kw)

    def minima(self, controls: Mapping[str, float] | None = None) -> list[CriticalPoint]:
        """Minima ordered like the default states (first coordinate, then the next ...)."""
        return ordered_minima(self.critical_points(controls))

    def barriers(self, controls: Mapping[str, float] | None = None, *, mass: ArrayLike | None = None
                 ) -> Barriers:
        """Minima, saddles and which minima each saddle joins (:func:`~landauer.landscape.barriers`)."""
        pot = self.potential(controls)
        return barriers(pot, find_critical_points(pot, bounds=self.bounds.tolist()), mass=mass, bounds=self.bounds)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "energy": self.energy_expression, "energy_unit": self.energy_unit,
                "coordinates": list(self.coordinates), "controls": dict(self.rest),
                "params": dict(self.params), "states": list(self.states), "state_rule": self.state_rule,
                "bounds": self.bounds.tolist()}


def _potential(fns: Any, ndim: int, c: Array, p: Array, names: Sequence[str], *, compiled: bool = False
               ) -> Potential:
    """A vectorised landscape Potential from generated functions (``py_func`` of compiled ones)."""
    fe = fns.energy.py_func if compiled else fns.energy
    fg = fns.gradient.py_func if compiled else fns.gradient
    fh = fns.hessian.py_func if compiled else fns.hessian

    def energy(X: Array) -> Array:
        X = np.asarray(X, dtype=float)
        u = fe(np.moveaxis(X, -1, 0), c, p)
        return np.broadcast_to(np.asarray(u, dtype=float), X.shape[:-1])

    def gradient(X: Array) -> Array:
        X = np.asarray(X, dtype=float)
        g = np.empty((ndim, *X.shape[:-1]))
        fg(np.moveaxis(X, -1, 0), c, p, g)
        return np.moveaxis(g, 0, -1)

    def hessian(X: Array) -> Array:
        X = np.asarray(X, dtype=float)
        h = np.empty((ndim, ndim, *X.shape[:-1]))
        fh(np.moveaxis(X, -1, 0), c, p, h)
        return np.moveaxis(np.moveaxis(h, 0, -1), 0, -1)

    return Potential(energy, gradient, hessian, ndim=ndim, vectorized=True, names=tuple(names))


def _compile(energy: str, coords: tuple[str, ...], c: dict[str, float], p: dict[str, float],
             states: Sequence[str] | Mapping[str, str] | None, box: NDArray[np.float64], what: str,
             name: str) -> dict[str, Any]:
    """Generate the device module's source with SymPy (and, without explicit conditions, the basin
    classifier from the rest landscape): ``{"source", "states", "rule"}``."""
    from landauer.devices import expression  # SymPy: imported only when a device is first compiled

    syms = expression.Symbols(coords, tuple(c), tuple(p))
    ndim = len(coords)
    psrc = expression.potential_source(energy, syms)
    if isinstance(states, Mapping):
        if not states:
            raise ParameterError("states: give at least one named condition")
        csrc = expression.conditions_source({str(k): str(v) for k, v in states.items()}, syms)
        names = tuple(str(k) for k in states)
        rule = "conditions"
    else:
        py = codegen.python_namespace(codegen.module_source(psrc, what=what))
        pot = _potential(py, ndim, np.array([c[k] for k in syms.controls]),
                         np.array([p[k] for k in syms.params]), syms.coordinates)
        csrc, n_states = default_classifier(pot, box)
        names = tuple(str(k) for k in range(n_states))
        if states is not None:
            given = tuple(str(s) for s in states)
            if len(given) != n_states:
                raise ParameterError(f"states: {len(given)} name(s) given but the rest landscape of "
                                     f"{name!r} has {n_states} minima")
            names = given
        rule = "basins"
    if len(set(names)) != len(names):
        raise ParameterError(f"state names must be unique, got {list(names)}")
    return {"source": codegen.module_source(psrc + "\n\n" + csrc, what=what), "states": list(names), "rule": rule}
