"""Point functions: registered experiments ``params -> xarray.Dataset`` of a fixed shape.

A point function is pure: it reads its parameters (a plain mapping of numbers, strings and booleans) and a
seed, runs one experiment and returns summary statistics (with standard errors) as 0-d variables, and
optionally per-trajectory arrays along ``trajectory``. Each point declares its parameters (name, unit,
default) and outputs, so a study naming an unknown parameter fails before anything runs.

Two kinds:

* plain points ``func(params, seed) -> Dataset``;
* ensemble points ``simulate(params, n, seed) -> raw Dataset over trajectory`` with ``summarise(params, raw)
  -> Dataset``. They get the ensemble parameters ``trajectories``, ``target_se_kT``, ``max_trajectories``
  and ``keep_trajectories`` for free; with ``target_se_kT > 0`` the point runs batches of ``trajectories``
  with spawned seeds until the standard error of the mean work reaches the target or the cap is hit.

User points live in any importable module; a study names them ``"package.module:name"``.

Progress: an ensemble point reports its finished trajectories (after each batch) to whatever the runner
installed with :func:`reporting`, and a point function may pass :func:`engine_progress` to the engine's
``progress`` argument (true in the serial executor with progress bars on).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import xarray as xr

from landauer.validation import ParameterError

Value = float | int | str | bool


@dataclass(frozen=True)
class Param:
    """One declared parameter of a point: ``name``, default (its type is the parameter's type), unit."""

    name: str
    default: Value
    unit: str = ""
    doc: str = ""
    choices: tuple[str, ...] | None = None
    minimum: float | None = None  # inclusive lower bound for numbers
    positive: bool = False

    @property
    def kind(self) -> type:
        return type(self.default)

    def coerce(self, value: Any, *, where: str) -> Value:
        """Convert a study value to this parameter's type, or raise naming ``where``."""
        kind = self.kind
        if kind is bool:
            if not isinstance(value, bool):
                raise ParameterError(f"{where}: must be true or false, got {value!r}")
            return value
        if kind is str:
            if not isinstance(value, str):
                raise ParameterError(f"{where}: must be a string, got {value!r}")
            if self.choices is not None and value not in self.choices:
                raise ParameterError(f"{where}: unknown value {value!r}; choose one of {', '.join(self.choices)}")
            return value
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise ParameterError(f"{where}: must be a number, got {value!r}")
        f = float(value)
        if not math.isfinite(f):
            raise ParameterError(f"{where}: must be finite, got {value!r}")
        if self.positive and f <= 0:
            raise ParameterError(f"{where}: must be > 0, got {value!r}")
        if self.minimum is not None and f < self.minimum:
            raise ParameterError(f"{where}: must be >= {self.minimum:g}, got {value!r}")
        if kind is int:
            if not f.is_integer():
                raise ParameterError(f"{where}: must be an integer, got {value!r}")
            return int(f)
        return f


@dataclass(frozen=True)
class Output:
    """One declared output variable: 0-d, or ``("trajectory",)`` for per-trajectory arrays."""

    name: str
    unit: str = ""
    long_name: str = ""
    per_trajectory: bool = False
    dtype: str = "float64"


_ENGINE_PROGRESS: ContextVar[bool] = ContextVar("landauer_sweep_engine_progress", default=False)
_TRAJECTORY_SINK: ContextVar[Callable[[int], None] | None] = ContextVar("landauer_sweep_trajectories",
                                                                        default=None)


def engine_progress() -> bool:
    """Whether a point should show the engine's own progress bar (pass it as ``progress=``)."""
    return _ENGINE_PROGRESS.get()


@contextmanager
def reporting(*, engine: bool = False, trajectories: Callable[[int], None] | None = None) -> Iterator[None]:
    """Within the block, points show the engine's progress bar (``engine``) and report each finished
    batch of trajectories to ``trajectories(n)``."""
    a = _ENGINE_PROGRESS.set(engine)
    b = _TRAJECTORY_SINK.set(trajectories)
    try:
        yield
    finally:
        _TRAJECTORY_SINK.reset(b)
        _ENGINE_PROGRESS.reset(a)


def _report(n: int) -> None:
    sink = _TRAJECTORY_SINK.get()
    if sink is not None:
        try:
            sink(n)
        except Exception:  # noqa: BLE001 - progress is never worth a failed point
            pass


ENSEMBLE_PARAMS = (
    Param("trajectories", 1000, "", "trajectories (the batch size when target_se_kT > 0)", minimum=2),
    Param("target_se_kT", 0.0, "kT", "adaptive precision: run batches until SE(<W>) <= this (0: off)", minimum=0),
    Param("max_trajectories", 100_000, "", "cap on trajectories in adaptive mode", minimum=2),
    Param("keep_trajectories", False, "", "store the per-trajectory arrays (not with target_se_kT)"),
)

ENSEMBLE_OUTPUTS = (
    Output("batches", "1", "batches run (1 without target_se_kT)"),
    Output("converged", "1", "1 if SE(<W>) reached target_se_kT, 0 if the cap stopped it (NaN: not adaptive)"),
)


@dataclass(frozen=True)
class PointSpec:
    """A registered point function and its declared parameters and outputs."""

    name: str
    func: Callable[..., xr.Dataset]
    params: tuple[Param, ...]
    outputs: tuple[Output, ...]
    doc: str = ""
    summarise: Callable[[Mapping[str, Value], xr.Dataset], xr.Dataset] | None = None
    work_var: str = "W"
    context_params: Callable[[Mapping[str, Any], str], tuple[Param, ...]] | None = None
    param_index: dict[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "param_index", {p.name: p for p in self.all_params})

    @property
    def ensemble(self) -> bool:
        return self.summarise is not None

    @property
    def all_outputs(self) -> tuple[Output, ...]:
        return self.outputs + (ENSEMBLE_OUTPUTS if self.ensemble else ())

    @property
    def all_params(self) -> tuple[Param, ...]:
        return self.params + (ENSEMBLE_PARAMS if self.ensemble else ())

    def bind(self, given: Mapping[str, Any], *, where: str = "fixed.") -> PointSpec:
        """This spec with the parameters that depend on ``given`` (e.g. a device file's own parameters)
        declared too; a name the point already declares keeps the point's meaning. Errors name
        ``where`` + the key."""
        if self.context_params is None:
            return self
        extra = tuple(p for p in self.context_params(given, where) if p.name not in self.param_index)
        return replace(self, params=self.params + extra, context_params=None) if extra else self

    def check_name(self, name: str, *, where: str) -> Param:
        """The declared parameter ``name`` or a one-line error naming it."""
        try:
            return self.param_index[name]
        except KeyError:
            known = ", ".join(sorted(self.param_index))
            raise ParameterError(f"{where}: unknown parameter {name!r} of point {self.name!r} (known: {known})"
                                 ) from None

    def resolve(self, given: Mapping[str, Any], *, where: str = "") -> dict[str, Value]:
        """Defaults overlaid with ``given`` (checked, coerced); raises on unknown names."""
        out: dict[str, Value] = {p.name: p.default for p in self.all_params}
        for k, v in given.items():
            out[k] = self.check_name(k, where=f"{where}{k}").coerce(v, where=f"{where}{k}")
        if self.ensemble and out["target_se_kT"] and out["keep_trajectories"]:
            raise ParameterError(f"{where}keep_trajectories: not available with target_se_kT (variable length)")
        return out

    def output_shapes(self, params: Mapping[str, Value]) -> dict[str, tuple[int, ...]]:
        """Shape of each output for these (fixed) parameters; per-trajectory outputs only when kept."""
        shapes: dict[str, tuple[int, ...]] = {}
        for o in self.all_outputs:
            if o.per_trajectory:
                if self.ensemble and params.get("keep_trajectories"):
                    shapes[o.name] = (int(params["trajectories"]),)
            else:
                shapes[o.name] = ()
        return shapes

    def __call__(self, params: Mapping[str, Value], seed_key: tuple[int, ...]) -> xr.Dataset:
        """Run the point with the seed derived from ``seed_key`` (``(master seed, grid index)``)."""
        if not self.ensemble:
            return self.func(params, point_seed(seed_key))
        assert self.summarise is not None
        target = float(params["target_se_kT"])
        n = int(params["trajectories"])
        if target <= 0:
            raw = self.func(params, n, point_seed(seed_key))
            _report(n)
            out = self.summarise(params, raw)
            if params["keep_trajectories"]:
                keep = raw[[o.name for o in self.outputs if o.per_trajectory]]
                out = out.merge(keep.drop_vars(list(keep.coords)))
            return out.assign(batches=((), 1.0), converged=((), np.nan))
        cap = int(params["max_trajectories"])
        batches: list[xr.Dataset] = []
        total = 0
        k = 0
        while True:
            size = min(n, cap - total)
            batches.append(self.func(params, size, point_seed((*seed_key, k))))
            _report(size)
            total += size
            k += 1
            w = np.concatenate([b[self.work_var].values for b in batches])
            se = float(w.std(ddof=1) / math.sqrt(w.size))
            if se <= target or total >= cap:
                break
        raw = xr.concat(batches, dim="trajectory")
        return self.summarise(params, raw).assign(batches=((), float(k)), converged=((), float(se <= target)))


def point_seed(seed_key: Sequence[int]) -> int:
    """A 63-bit integer seed from ``SeedSequence(master, spawn_key=rest)``: independent streams per key."""
    master, *rest = (int(k) for k in seed_key)
    ss = np.random.SeedSequence(master, spawn_key=tuple(rest))
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


_REGISTRY: dict[str, PointSpec] = {}
_BUILTIN_LOADED = False


def point(
    name: str,
    *,
    params: Sequence[Param],
    outputs: Sequence[Output],
    summarise: Callable[[Mapping[str, Value], xr.Dataset], xr.Dataset] | None = None,
    work_var: str = "W",
    context_params: Callable[[Mapping[str, Any], str], tuple[Param, ...]] | None = None,
) -> Callable[[Callable[..., xr.Dataset]], Callable[..., xr.Dataset]]:
    """Register ``func`` as point ``name`` (decorator). With ``summarise`` it is an ensemble point.

    ``context_params(given, where)`` declares further parameters that depend on the study's fixed values
    ``given`` (for ``erase``: the device file's own parameters, with the file's values as defaults); its
    errors name the key as ``where + key``.
    """

    def deco(func: Callable[..., xr.Dataset]) -> Callable[..., xr.Dataset]:
        _REGISTRY[name] = PointSpec(name=name, func=func, params=tuple(params), outputs=tuple(outputs),
                                    doc=(func.__doc__ or "").strip(), summarise=summarise, work_var=work_var,
                                    context_params=context_params)
        return func

    return deco


def _load_builtin() -> None:
    global _BUILTIN_LOADED
    if not _BUILTIN_LOADED:
        importlib.import_module("landauer.sweep.builtin")
        _BUILTIN_LOADED = True


def get_point(name: str) -> PointSpec:
    """The registered point ``name``; ``"pkg.module:name"`` imports ``pkg.module`` (which registers
    ``name``) first, in the client and in every worker."""
    _load_builtin()
    key = name
    if ":" in name:
        module, key = name.split(":", 1)
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise ParameterError(f"study.point: cannot import {module!r} ({exc})") from None
    try:
        return _REGISTRY[key]
    except KeyError:
        raise ParameterError(f"study.point: unknown point {name!r}; choose one of {', '.join(sorted(_REGISTRY))}"
                             " or 'module:name'") from None


def registered() -> dict[str, PointSpec]:
    """All registered points (the built-in ones loaded)."""
    _load_builtin()
    return dict(_REGISTRY)
