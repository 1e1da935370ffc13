"""Study files: a point function, a grid of parameters, fixed parameters, a master seed and a store.

.. code-block:: toml

    [study]
    point = "erase"                          # a registered point, or "package.module:name"
    store = "runs/dw.zarr"                   # relative to the study file
    seed = 7                                 # master seed (integer >= 0)
    [grid]                                   # product of the axes, in file order
    tau = {log = [2, 64], num = 6}           # 2, 4, ..., 64 (geometric)
    temperature_K = [250, 300, 350]          # an explicit list
    [grid.zip]                               # lists of equal length that advance together: one axis "zip"
    barrier_kT = [5, 10]
    tilt_kT = [5, 10]
    [fixed]
    trajectories = 2000

Ranges: ``{log = [a, b], num = n}`` (geometric, ``a, b > 0``) and ``{linear = [a, b], num = n}``; both include
the end points. Several zipped axes: ``[grid.zip.NAME]`` sub-tables, one axis ``NAME`` each.

Point ``k`` (flat C-order index over the grid) draws its randomness from
``numpy.random.SeedSequence(seed, spawn_key=(k,))`` only, so results do not depend on scheduling, worker
count or resumption.
"""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from landauer.sweep.points import PointSpec, Value, get_point, point_seed
from landauer.validation import ParameterError

FORMAT = 1
_STUDY_KEYS = {"point", "store", "seed", "device", "description"}


@dataclass(frozen=True)
class Axis:
    """One grid dimension: a product axis (one parameter) or a zipped axis (several, same length)."""

    dim: str
    values: dict[str, tuple[Value, ...]]

    @property
    def size(self) -> int:
        return len(next(iter(self.values.values())))

    @property
    def zipped(self) -> bool:
        return len(self.values) > 1 or next(iter(self.values)) != self.dim


@dataclass(frozen=True)
class Study:
    """A parsed, validated study: everything needed to run and store every point."""

    text: str
    source: str
    point: str
    spec: PointSpec
    store: Path
    seed: int
    axes: tuple[Axis, ...]
    fixed: dict[str, Value]  # every parameter not on the grid, defaults filled in
    description: str = ""

    @property
    def dims(self) -> tuple[str, ...]:
        return tuple(a.dim for a in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(a.size for a in self.axes)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def grid_index(self, flat: int) -> tuple[int, ...]:
        return tuple(int(i) for i in np.unravel_index(flat, self.shape))

    def params_at(self, flat: int) -> dict[str, Value]:
        """All parameters of point ``flat`` (fixed values overlaid with this point's grid values)."""
        out = dict(self.fixed)
        for axis, i in zip(self.axes, self.grid_index(flat), strict=True):
            for name, vals in axis.values.items():
                out[name] = vals[i]
        return out

    def seed_key(self, flat: int) -> tuple[int, int]:
        return (self.seed, flat)

    def point_seed(self, flat: int) -> int:
        return point_seed(self.seed_key(flat))

    def output_shapes(self) -> dict[str, tuple[int, ...]]:
        return self.spec.output_shapes(self.params_at(0))

    def identity(self) -> dict[str, Any]:
        """What determines every point's result; a store made from a different identity is refused.

        A ``device`` parameter's files enter by their content (SHA-256), so an edited device file is
        refused like an edited study."""
        ident: dict[str, Any] = {
            "format": FORMAT, "point": self.point, "seed": self.seed,
            "axes": [{"dim": a.dim, "values": {k: list(v) for k, v in a.values.items()}} for a in self.axes],
            "fixed": dict(sorted(self.fixed.items())),
            "outputs": {k: list(v) for k, v in sorted(self.output_shapes().items())},
        }
        files = self.device_files()
        if files:
            ident["device_files"] = files
        return ident

    def device_files(self) -> dict[str, str]:
        """SHA-256 (first 16 hex digits) of each device file named by a ``device`` parameter."""
        from landauer.devices.registry import resolve

        names = [self.fixed["device"]] if "device" in self.fixed else [
            v for a in self.axes for v in a.values.get("device", ())]
        out: dict[str, str] = {}
        for name in names:
            if isinstance(name, str):
                try:
                    out[name] = hashlib.sha256(resolve(name).read_bytes()).hexdigest()[:16]
                except (ParameterError, OSError):
                    continue  # the point reports a missing file as its error
        return out

    def identity_json(self) -> str:
        return json.dumps(self.identity(), sort_keys=True)


def load(path: str | Path, *, store: str | Path | None = None,
         overrides: Mapping[str, str] | None = None) -> Study:
    """Read and validate the study file ``path`` (a one-line :class:`ParameterError` on any problem)."""
    p = Path(path)
    try:
        text = p.read_text()
    except FileNotFoundError:
        raise ParameterError(f"study file {str(path)!r} not found") from None
    base = p.resolve().parent
    return parse(text, source=str(path), base=base, store=store, overrides=overrides)


def parse(text: str, *, source: str = "<study>", base: Path | None = None,
          store: str | Path | None = None, overrides: Mapping[str, str] | None = None) -> Study:
    """Validate a study given as TOML text; ``store`` overrides ``[study] store``; ``overrides`` maps
    dotted keys (``"fixed.trajectories"``, ``"grid.tau"``) to TOML values (``"200"``, ``"[2, 4]"``) that
    replace or add the file's (``landauer sweep run --set KEY=VALUE``)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{source}: not valid TOML ({exc})") from None
    if overrides:
        _apply_overrides(doc, overrides)
        text = text.rstrip("\n") + "\n" + "".join(f"# --set {k}={v}\n" for k, v in overrides.items())
    extra = set(doc) - {"study", "grid", "fixed"}
    if extra:
        raise ParameterError(f"{source}: unknown table {sorted(extra)[0]!r} (use [study], [grid], [fixed])")
    st = _table(doc, "study")
    unknown = set(st) - _STUDY_KEYS
    if unknown:
        raise ParameterError(f"study.{sorted(unknown)[0]}: unknown key (known: {', '.join(sorted(_STUDY_KEYS))})")
    name = st.get("point")
    if not isinstance(name, str) or not name:
        raise ParameterError("study.point: missing (a registered point such as 'erase', or 'module:name')")
    spec = get_point(name)
    seed = st.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"study.seed: must be an integer >= 0, got {seed!r}")
    store_value = store if store is not None else st.get("store")
    if not isinstance(store_value, str | Path) or not str(store_value):
        raise ParameterError("study.store: missing (path of the Zarr store, relative to the study file)")
    store_path = Path(store_value)
    if not store_path.is_absolute() and base is not None and store is None:
        store_path = base / store_path
    fixed_in = dict(_table(doc, "fixed"))
    if "device" in st:
        if "device" in fixed_in:
            raise ParameterError("study.device: also given in [fixed]; give it once")
        spec.check_name("device", where="study.device")
        fixed_in["device"] = st["device"]
    dev = fixed_in.get("device")
    if isinstance(dev, str):
        fixed_in["device"] = _device_path(dev, base)
    grid = _table(doc, "grid")
    if "device" not in grid:
        spec = spec.bind(fixed_in, where="study." if "device" in st else "fixed.")
    axes = tuple(Axis(a.dim, {k: tuple(_device_path(v, base) if k == "device" and isinstance(v, str) else v
                                         for v in vals) for k, vals in a.values.items()})
                 for a in _axes(grid, spec))
    on_grid = {n for a in axes for n in a.values}
    for k in fixed_in:
        if k in on_grid:
            raise ParameterError(f"fixed.{k}: also on the grid; give it in one place")
    fixed = spec.resolve(fixed_in, where="fixed.")
    for k in on_grid:
        fixed.pop(k)
    study = Study(text=text, source=source, point=name, spec=spec, store=store_path, seed=seed, axes=axes,
                  fixed=fixed, description=str(st.get("description", "")))
    for flat in (0, study.size - 1):  # the cross-parameter checks of the point (e.g. adaptive + keep)
        spec.resolve({k: v for k, v in study.params_at(flat).items() if k in on_grid}, where="grid.")
    return study


def _device_path(dev: str, base: Path | None) -> str:
    """A device file path relative to the study's folder made absolute (workers need no knowledge of that
    folder); ``NAME.toml`` not found there but shipped (``landauer devices``) means the shipped one."""
    if not (dev.endswith(".toml") or "/" in dev) or Path(dev).is_absolute():
        return dev
    if base is not None and (base / dev).exists():
        return str((base / dev).resolve())
    from landauer.devices.registry import shipped

    stem = dev[: -len(".toml")] if dev.endswith(".toml") else ""
    return stem if "/" not in dev and stem in shipped() else dev


def _apply_overrides(doc: dict[str, Any], overrides: Mapping[str, str]) -> None:
    for key, value in overrides.items():
        parts = key.split(".")
        if len(parts) < 2 or parts[0] not in ("study", "grid", "fixed") or not all(parts):
            raise ParameterError(f"--set {key}: name a key as TABLE.KEY with TABLE study, grid or fixed "
                                 "(e.g. fixed.trajectories=200, grid.tau=[2, 4])")
        try:
            parsed = tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            raise ParameterError(f"--set {key}: {value!r} is not a TOML value (strings need quotes: "
                                 "'\"double-well\"')") from None
        table = doc
        for part in parts[:-1]:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                raise ParameterError(f"--set {key}: {part!r} is not a table in the study file")
        table[parts[-1]] = parsed


def _table(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    t = doc.get(key, {})
    if not isinstance(t, dict):
        raise ParameterError(f"{key}: must be a table [{key}]")
    return t


def _axes(grid: Mapping[str, Any], spec: PointSpec) -> tuple[Axis, ...]:
    axes: list[Axis] = []
    for key, raw in grid.items():
        if key == "zip":
            if not isinstance(raw, dict) or not raw:
                raise ParameterError("grid.zip: must be a table of lists ([grid.zip]) or of tables")
            if all(isinstance(v, dict) and not _is_range(v) for v in raw.values()):
                axes.extend(_zip_axis(str(d), sub, spec, f"grid.zip.{d}.") for d, sub in raw.items())
            else:
                axes.append(_zip_axis("zip", raw, spec, "grid.zip."))
            continue
        param = spec.check_name(key, where=f"grid.{key}")
        vals = tuple(param.coerce(v, where=f"grid.{key}") for v in _values(raw, f"grid.{key}"))
        if len(set(vals)) != len(vals):
            raise ParameterError(f"grid.{key}: repeated values {list(vals)!r}")
        axes.append(Axis(dim=key, values={key: vals}))
    if not axes:
        raise ParameterError("grid: empty (a study needs at least one grid axis with at least one value)")
    names = [n for a in axes for n in a.values]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ParameterError(f"grid.{sorted(dup)[0]}: appears on two axes")
    dims = [a.dim for a in axes]
    clash = [d for a in axes if a.zipped for d in [a.dim] if d in names or dims.count(d) > 1]
    if clash:
        raise ParameterError(f"grid.zip.{clash[0]}: axis name clashes with a parameter or another axis")
    return tuple(axes)


def _zip_axis(dim: str, table: Mapping[str, Any], spec: PointSpec, where: str) -> Axis:
    if not isinstance(table, dict) or not table:
        raise ParameterError(f"{where.rstrip('.')}: must be a non-empty table of equal-length lists")
    values: dict[str, tuple[Value, ...]] = {}
    for key, raw in table.items():
        param = spec.check_name(key, where=f"{where}{key}")
        values[key] = tuple(param.coerce(v, where=f"{where}{key}") for v in _values(raw, f"{where}{key}"))
    lengths = {k: len(v) for k, v in values.items()}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{k}: {n}" for k, n in lengths.items())
        raise ParameterError(f"{where.rstrip('.')}: zipped lists differ in length ({desc})")
    rows = list(zip(*values.values(), strict=True))
    if len(set(rows)) != len(rows):
        raise ParameterError(f"{where.rstrip('.')}: repeated combinations of values")
    return Axis(dim=dim, values=values)


def _is_range(v: Any) -> bool:
    return isinstance(v, dict) and ("log" in v or "linear" in v)


def _values(raw: Any, where: str) -> list[Any]:
    if isinstance(raw, list):
        vals = raw
    elif isinstance(raw, dict):
        vals = _range(raw, where)
    else:
        raise ParameterError(f"{where}: must be a list or a range {{log = [a, b], num = n}}, got {raw!r}")
    if not vals:
        raise ParameterError(f"{where}: empty list (the grid would have no points)")
    for v in vals:
        if isinstance(v, float) and not math.isfinite(v):
            raise ParameterError(f"{where}: must be finite, got {v!r}")
    return vals


def _range(raw: Mapping[str, Any], where: str) -> list[float]:
    kinds = [k for k in ("log", "linear") if k in raw]
    unknown = set(raw) - {"log", "linear", "num"}
    if len(kinds) != 1 or unknown:
        raise ParameterError(f"{where}: a range is {{log = [a, b], num = n}} or {{linear = [a, b], num = n}}")
    ends, num = raw[kinds[0]], raw.get("num")
    if (not isinstance(ends, list) or len(ends) != 2
            or not all(isinstance(e, int | float) and not isinstance(e, bool) for e in ends)):
        raise ParameterError(f"{where}.{kinds[0]}: must be two numbers [start, stop], got {ends!r}")
    if not all(math.isfinite(e) for e in ends):
        raise ParameterError(f"{where}.{kinds[0]}: must be finite, got {ends!r}")
    if isinstance(num, bool) or not isinstance(num, int) or num < 1:
        raise ParameterError(f"{where}.num: must be an integer >= 1, got {num!r}")
    a, b = float(ends[0]), float(ends[1])
    if kinds[0] == "log":
        if a <= 0 or b <= 0:
            raise ParameterError(f"{where}.log: end points must be > 0, got {ends!r}")
        return [float(v) for v in np.geomspace(a, b, num)]
    return [float(v) for v in np.linspace(a, b, num)]
