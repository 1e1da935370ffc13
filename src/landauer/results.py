"""Results as :class:`xarray.Dataset` with units and provenance; NetCDF save/load (atomic).

Conventions: every data variable carries a ``units`` attribute; dataset attrs carry the model name,
all parameters in SI (as ``param_<name>``), the seed, the package version and the git revision.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import numpy as np
import xarray as xr

from landauer._version import __version__, git_revision
from landauer.io import atomic_path


def provenance(
    *, model: str, parameters: Mapping[str, Any], seed: int | None, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Attributes recording what produced a result (NetCDF-safe scalar/str values only)."""
    attrs: dict[str, Any] = {
        "model": model,
        "seed": -1 if seed is None else int(seed),
        "landauer_version": __version__,
        "git_revision": git_revision(),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for key, value in parameters.items():
        attrs[f"param_{key}"] = _netcdf_safe(value)
    for key, value in (extra or {}).items():
        attrs[key] = _netcdf_safe(value)
    return attrs


def _netcdf_safe(value: Any) -> Any:
    if isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, int | float | str | np.integer | np.floating):
        return value
    if isinstance(value, list | tuple | np.ndarray):
        arr = np.asarray(value)
        if arr.dtype.kind in "iuf" and arr.ndim == 1:
            return arr
    return json.dumps(value, default=str)


def save(ds: xr.Dataset, path: str | os.PathLike[str]) -> None:
    """Write ``ds`` to NetCDF (h5netcdf engine) atomically."""
    with atomic_path(path, suffix=".nc.tmp") as tmp:
        ds.to_netcdf(tmp, engine="h5netcdf")


def load(path: str | os.PathLike[str]) -> xr.Dataset:
    """Load a NetCDF dataset written by :func:`save` fully into memory."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such results file: {path}")
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        return ds.load()
