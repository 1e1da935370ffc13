"""Sweep stores in the report: a Zarr store with a boolean ``done`` mask over the swept dimensions.

The sweep runner writes one store per study; points not yet computed have ``done == False`` and are left
out. Everything here is guarded: a store that cannot be read shows up as a message, never as a failure of
the whole report.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from landauer.report.collect import FigureItem, format_value

MAX_ROWS = 60


@dataclass
class Sweep:
    name: str
    dims: str
    done: int
    total: int
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    truncated: bool = False
    figure: FigureItem | None = None
    problems: list[str] = field(default_factory=list)


def find_sweeps(root: Path) -> list[Path]:
    """Zarr stores (directories named ``*.zarr``) at most two levels below ``root``."""
    found = [p for pattern in ("*.zarr", "*/*.zarr") for p in root.glob(pattern) if p.is_dir()]
    return sorted(found)


def load_sweep(path: Path) -> Sweep:
    name = str(path.name)
    try:
        import xarray as xr

        try:  # the sweep runner consolidates its metadata; other stores may not
            ds = xr.open_zarr(path, consolidated=True)
        except Exception:
            ds = xr.open_zarr(path, consolidated=False)
    except Exception as exc:  # guarded: unreadable or missing zarr support
        return Sweep(name, "?", 0, 0, problems=[f"could not open the store: {type(exc).__name__}: {exc}"])
    try:
        return _summarise(name, ds)
    except Exception as exc:
        return Sweep(name, "?", 0, 0, problems=[f"could not summarise the store: {type(exc).__name__}: {exc}"])
    finally:
        ds.close()


def _summarise(name: str, ds: Any) -> Sweep:
    import numpy as np

    if "done" not in ds:
        return Sweep(name, ", ".join(map(str, ds.dims)), 0, 0,
                     problems=["no 'done' mask: not a sweep store written by the sweep runner"])
    done = ds["done"].load()
    dims = list(done.dims)
    dims_text = ", ".join(f"{d} ({ds.sizes[d]})" for d in dims) or "none"
    scalars = [v for v in ds.data_vars if v != "done" and set(ds[v].dims) <= set(dims)
               and ds[v].dtype.kind in "biuf"]
    sweep = Sweep(name, dims_text, int(done.values.sum()), int(done.size))
    flat = done.stack(point=dims) if dims else done.expand_dims(point=[0])
    idx = np.flatnonzero(flat.values)
    sweep.truncated = idx.size > MAX_ROWS
    sub = ds[scalars].load() if scalars else None
    sweep.header = [*dims, *[_label(ds[v]) for v in scalars]]
    for i in idx[:MAX_ROWS]:
        pos = np.unravel_index(i, done.shape) if dims else ()
        sel = dict(zip(dims, pos, strict=True))
        coords = [format_value(ds[d].values[p].item() if d in ds.coords else int(p)) for d, p in sel.items()]
        vals = [format_value(sub[v].isel(sel).values.item()) for v in scalars] if sub is not None else []
        sweep.rows.append(coords + vals)
    if "error" in ds and dims:
        errors = np.asarray(ds["error"].values, dtype=object)
        for i in np.flatnonzero([bool(e) and str(e) not in ("nan", "None") for e in errors.reshape(-1)])[:10]:
            pos = np.unravel_index(i, done.shape)
            where = ", ".join(f"{d} = {format_value(ds[d].values[p].item() if d in ds.coords else int(p))}"
                              for d, p in zip(dims, pos, strict=True))
            sweep.problems.append(f"failed point {where}: {errors.reshape(-1)[i]}")
    if scalars and sweep.done and len(dims) in (1, 2):
        sweep.figure = _figure(name, ds, done, dims, scalars)
    return sweep


def _label(da: Any) -> str:
    units = da.attrs.get("units")
    return f"{da.name} ({units})" if units else str(da.name)


def _figure(name: str, ds: Any, done: Any, dims: list[str], scalars: list[str]) -> FigureItem:
    from matplotlib.figure import Figure

    from landauer.plotting import apply_style

    fig = Figure(figsize=(6.4, 4.0))
    ax = fig.add_subplot()
    var = ds[scalars[0]].where(done)
    if len(dims) == 1:
        x = ds[dims[0]] if dims[0] in ds.coords else range(ds.sizes[dims[0]])
        for v in scalars[:4]:
            ax.plot(x, ds[v].where(done), "o-", ms=3, label=_label(ds[v]))
        ax.set_xlabel(_label(ds[dims[0]]) if dims[0] in ds.coords else dims[0])
        ax.set_ylabel(_label(ds[scalars[0]]) if len(scalars) == 1 else "value")
        ax.legend(fontsize=8)
        what = ", ".join(scalars[:4]) + f" against {dims[0]}"
    else:
        mesh = ax.pcolormesh(var.transpose(dims[0], dims[1]).values, shading="auto")
        fig.colorbar(mesh, ax=ax, label=_label(ds[scalars[0]]))
        ax.set_xlabel(dims[1])
        ax.set_ylabel(dims[0])
        what = f"{scalars[0]} over {dims[0]} and {dims[1]}"
    apply_style(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    src = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return FigureItem(name, f"Sweep {name}: {what} (points not done are blank)",
                      f"Sweep plot of {what}", src, "")
