"""The Zarr store of a study: a template written first, then one region per finished point.

Layout (open with ``xarray.open_zarr(path)``): one variable per declared output over the grid dimensions
(plus ``trajectory`` for kept per-trajectory arrays), chunked one chunk per point; ``done`` (bool),
``error`` (string, empty unless the point failed), ``seed`` (the point's 63-bit seed), ``elapsed_s`` (the
point's wall time on its worker). Attributes: ``landauer_version``, ``git_revision``, ``created_utc``,
``study_text``, ``study_identity`` (canonical JSON of what determines the results), ``point``.

Only the client writes, one point at a time: the point's data first, then its ``done`` flag, so a crash
leaves only whole points (a point whose data landed but not its flag is simply run again).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from landauer._version import __version__, git_revision
from landauer.sweep.study import Study
from landauer.validation import ParameterError

TRAJ = "trajectory"


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Cc]onsolidated metadata.*")
        warnings.filterwarnings("ignore", message=".*does not have a Zarr V3 specification.*")
        yield


def _coord(values: tuple[Any, ...]) -> np.ndarray:
    arr = np.asarray(values)
    return arr.astype(object) if arr.dtype.kind == "U" else arr


def template(study: Study) -> xr.Dataset:
    """The empty store of ``study`` (NaN outputs, nothing done)."""
    dims, shape = study.dims, study.shape
    coords: dict[str, Any] = {}
    for axis in study.axes:
        if axis.zipped:
            coords[axis.dim] = (axis.dim, np.arange(axis.size))
            for name, vals in axis.values.items():
                coords[name] = (axis.dim, _coord(vals), _param_attrs(study, name))
        else:
            coords[axis.dim] = (axis.dim, _coord(axis.values[axis.dim]), _param_attrs(study, axis.dim))
    data: dict[str, Any] = {}
    outs = {o.name: o for o in study.spec.all_outputs}
    for name, oshape in study.output_shapes().items():
        o = outs[name]
        full = shape + oshape
        odims = dims + ((TRAJ,) if oshape else ())
        dtype = np.dtype(o.dtype)
        fill = np.nan if dtype.kind == "f" else -1
        data[name] = (odims, np.full(full, fill, dtype=dtype), {"units": o.unit, "long_name": o.long_name})
    data["done"] = (dims, np.zeros(shape, dtype=bool), {"long_name": "point finished and stored"})
    data["error"] = (dims, np.full(shape, "", dtype=object), {"long_name": "error message of a failed point"})
    seeds = np.array([study.point_seed(k) for k in range(study.size)], dtype=np.uint64).reshape(shape)
    data["seed"] = (dims, seeds, {"long_name": "point seed: SeedSequence(study seed, spawn_key=(flat index,))"})
    data["elapsed_s"] = (dims, np.full(shape, np.nan), {"units": "s", "long_name": "wall time of the point"})
    attrs = {
        "title": study.description or f"landauer sweep of {study.point}",
        "point": study.point, "landauer_version": __version__, "git_revision": git_revision(),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"), "study_source": study.source,
        "study_text": study.text, "study_identity": study.identity_json(),
        "fixed_parameters": json.dumps(study.fixed, sort_keys=True),
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _param_attrs(study: Study, name: str) -> dict[str, str]:
    p = study.spec.param_index[name]
    return {"units": p.unit, "long_name": p.doc}


def create(study: Study) -> None:
    """Write the template atomically (to a temporary sibling, then renamed into place)."""
    path = study.store
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp-template")
    if tmp.exists():
        shutil.rmtree(tmp)
    ds = template(study)
    enc: dict[str, dict[str, Any]] = {}
    for name, var in ds.data_vars.items():
        enc[str(name)] = {"chunks": tuple(1 if d != TRAJ else var.sizes[d] for d in var.dims)}
    with _quiet():
        ds.to_zarr(tmp, mode="w-", encoding=enc, consolidated=True)
    tmp.rename(path)


def check_compatible(study: Study) -> None:
    """Refuse a store that was made by a study with a different identity (one line naming what differs)."""
    path = study.store
    try:
        with _quiet():
            attrs = xr.open_zarr(path, consolidated=True).attrs
    except Exception as exc:  # noqa: BLE001 - any unreadable store is refused the same way
        raise ParameterError(f"study.store: {str(path)!r} exists but is not a landauer sweep store ({exc})"
                             ) from None
    if "study_identity" not in attrs:
        raise ParameterError(f"study.store: {str(path)!r} exists but is not a landauer sweep store")
    old = json.loads(attrs["study_identity"])
    new = json.loads(study.identity_json())
    if old != new:
        raise ParameterError(f"study.store: {str(path)!r} holds a different study ({_diff(old, new)}); "
                             "finished points would not match: use a new store or restore the study file")


def _diff(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> str:
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            return _diff(a, b, f"{prefix}{key}.")
        if key == "axes":
            return f"grid: {_axes_text(a)} -> {_axes_text(b)}"
        return f"{prefix}{key}: {a!r} -> {b!r}"
    return "identical"


def _axes_text(axes: Any) -> str:
    if not isinstance(axes, list):
        return repr(axes)
    return "; ".join(f"{ax['dim']}={ax['values']}" if len(ax["values"]) > 1 else f"{ax['dim']}={next(iter(ax['values'].values()))}"
                     for ax in axes)


def open_or_create(study: Study) -> np.ndarray:
    """Create the store if absent, else check it; return the flat ``done`` mask."""
    if not study.store.exists():
        create(study)
        return np.zeros(study.size, dtype=bool)
    check_compatible(study)
    return done_mask(study)


def done_mask(study: Study) -> np.ndarray:
    """The flat ``done`` mask of the store."""
    with _quiet():
        done = xr.open_zarr(study.store, consolidated=True)["done"].values
    return np.asarray(done, dtype=bool).reshape(-1)


LOCK = ".landauer-sweep.lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def locked(study: Study) -> Iterator[None]:
    """Hold the store's lock file while this run writes (a second concurrent run is refused).

    A lock left by a run that died on this host (its process is gone) is taken over; one from another
    host must be removed by hand (the message names the file).
    """
    path = study.store / LOCK
    me = {"host": socket.gethostname(), "pid": os.getpid(),
          "started_utc": datetime.now(UTC).isoformat(timespec="seconds")}
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                other = json.loads(path.read_text())
            except (OSError, ValueError):
                other = {}
            if other.get("host") == me["host"] and isinstance(other.get("pid"), int) and not _alive(other["pid"]):
                path.unlink(missing_ok=True)  # stale: its run is gone
                continue
            raise ParameterError(
                f"study.store: {str(study.store)!r} is being written by another run (pid {other.get('pid')} on "
                f"{other.get('host')} since {other.get('started_utc')}); if that run is gone, delete {path}"
            ) from None
        with os.fdopen(fd, "w") as f:
            json.dump(me, f)
        break
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _region(study: Study, flat: int) -> dict[str, slice]:
    return {d: slice(i, i + 1) for d, i in zip(study.dims, study.grid_index(flat), strict=True)}


def write_point(study: Study, flat: int, result: xr.Dataset, elapsed: float) -> None:
    """Store one finished point into its region, then mark it done."""
    shapes = study.output_shapes()
    names = {str(v) for v in result.data_vars}
    missing = set(shapes) - names
    extra = names - set(shapes)
    if missing or extra:
        what = f"missing {sorted(missing)}" if missing else f"undeclared {sorted(extra)}"
        raise ValueError(f"point {study.point!r} returned outputs that do not match its declaration ({what})")
    lead = (1,) * len(study.dims)
    data: dict[str, Any] = {}
    for name, shape in shapes.items():
        arr = np.asarray(result[name].values)
        if arr.shape != shape:
            raise ValueError(f"output {name!r} has shape {arr.shape}, declared {shape}")
        dims = study.dims + ((TRAJ,) if shape else ())
        data[name] = (dims, arr.reshape(lead + shape))
    data["elapsed_s"] = (study.dims, np.full(lead, float(elapsed)))
    data["error"] = (study.dims, np.full(lead, "", dtype=object))
    region = _region(study, flat)
    with _quiet():
        xr.Dataset(data).to_zarr(study.store, region=region, mode="r+")
        xr.Dataset({"done": (study.dims, np.ones(lead, dtype=bool))}).to_zarr(study.store, region=region, mode="r+")


def write_error(study: Study, flat: int, message: str) -> None:
    """Record a failed point's error message (it stays not done, so a re-run retries it)."""
    lead = (1,) * len(study.dims)
    with _quiet():
        xr.Dataset({"error": (study.dims, np.full(lead, message, dtype=object))}).to_zarr(
            study.store, region=_region(study, flat), mode="r+")


def status(path: str | Path) -> dict[str, Any]:
    """``total``, ``done``, ``failed``, ``pending`` and the ``errors`` (grid point -> message) of a store."""
    p = Path(path)
    if not p.exists():
        raise ParameterError(f"STORE: {str(path)!r} not found")
    try:
        with _quiet():
            ds = xr.open_zarr(p, consolidated=True)
    except Exception as exc:  # noqa: BLE001
        raise ParameterError(f"STORE: {str(path)!r} is not a Zarr store ({exc})") from None
    if "done" not in ds or "study_identity" not in ds.attrs:
        raise ParameterError(f"STORE: {str(path)!r} is not a landauer sweep store")
    done = np.asarray(ds["done"].values, dtype=bool)
    err = np.array([str(e) for e in np.asarray(ds["error"].values).flat], dtype=object).reshape(done.shape)
    failed = (~done) & (err != "")
    errors = []
    for idx in zip(*np.nonzero(failed), strict=True):
        point = {d: _scalar(ds[d].values[i]) for d, i in zip(ds["done"].dims, idx, strict=True)}
        errors.append({"point": point, "error": str(err[idx])})
    elapsed = np.asarray(ds["elapsed_s"].values)[done]
    return {
        "store": str(p), "point": ds.attrs.get("point"), "total": int(done.size), "done": int(done.sum()),
        "failed": int(failed.sum()), "pending": int(done.size - done.sum() - failed.sum()),
        "point_seconds_total": float(elapsed.sum()) if elapsed.size else 0.0, "errors": errors,
    }


def _scalar(v: Any) -> Any:
    return v.item() if hasattr(v, "item") else v
