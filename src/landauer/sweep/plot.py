"""A figure of one stored output against one grid parameter, one line per value of another (error bars)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from landauer.validation import ParameterError


def _label(ds: xr.Dataset, name: str) -> str:
    unit = str(ds[name].attrs.get("units", ""))
    return f"{name} [{unit}]" if unit and unit != "1" else name


def error_variable(ds: xr.Dataset, y: str) -> str | None:
    """The standard-error variable of ``y`` by naming convention (``y_se``, ``se_y``, ``y_stderr``)."""
    for cand in (f"{y}_se", f"se_{y}", f"{y}_stderr"):
        if cand in ds.data_vars:
            return cand
    if y.startswith("mean_") and f"se_{y[5:]}" in ds.data_vars:
        return f"se_{y[5:]}"
    return None


def figure(ds: xr.Dataset, *, x: str, y: str, hue: str | None = None, yerr: str | None = None,
           sel: Mapping[str, Any] | None = None, logx: bool = False, logy: bool = False) -> Any:
    """Matplotlib figure of ``y`` against ``x`` (points not done are left out)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for flag, name in (("--x", x), ("--hue", hue)):
        if name is not None and name not in ds.coords:
            raise ParameterError(f"{flag}: {name!r} is not a grid parameter (choose from {', '.join(map(str, ds.coords))})")
    if y not in ds.data_vars:
        raise ParameterError(f"--y: {y!r} is not a stored output (choose from {', '.join(map(str, ds.data_vars))})")
    err = yerr or error_variable(ds, y)
    if yerr is not None and yerr not in ds.data_vars:
        raise ParameterError(f"--yerr: {yerr!r} is not a stored output")
    for k, v in (sel or {}).items():
        if k not in ds.coords:
            raise ParameterError(f"--sel: {k!r} is not a grid parameter")
        ds = _select(ds, k, v)
    done = ds["done"].load()
    ds = ds.drop_vars([v for v in ("error", "seed") if v in ds]).load()
    ds = ds.assign({str(k): v.where(done) for k, v in ds.data_vars.items() if v.dtype.kind == "f"})
    xdim = ds[x].dims[0]
    hdim = ds[hue].dims[0] if hue is not None else None
    rest = [d for d in ds["done"].dims if d not in (xdim, hdim) and ds.sizes[d] > 1]
    if rest:
        raise ParameterError(f"--sel: the grid also varies {', '.join(map(str, rest))}; pick values with --sel NAME=VALUE")
    ds = ds.squeeze([d for d in ds["done"].dims if d not in (xdim, hdim)], drop=False)
    fig, ax = plt.subplots(figsize=(5.5, 4.0))
    groups = [(None, ds)] if hdim is None else [(ds[hue].values[i], ds.isel({hdim: i})) for i in range(ds.sizes[hdim])]
    for value, g in groups:
        order = np.argsort(g[x].values)
        xv = np.asarray(g[x].values, dtype=float)[order]
        yv = np.asarray(g[y].values, dtype=float)[order]
        ev = None if err is None else np.asarray(g[err].values, dtype=float)[order]
        unit = "" if hue is None else str(ds[hue].attrs.get("units", ""))
        unit = "" if unit in ("", "1") else f" {unit}"
        label = None if value is None else f"{hue} = {value:g}{unit}" \
            if isinstance(value, float | int | np.number) else f"{hue} = {value}"
        ax.errorbar(xv, yv, yerr=ev, marker="o", ms=4, capsize=3, label=label)
    ax.set_xlabel(_label(ds, x))
    ax.set_ylabel(_label(ds, y))
    if logx:
        from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullFormatter

        ax.set_xscale("log")
        ticks = np.unique(np.asarray(ds[x].values, dtype=float))
        if ticks.size <= 12:
            ax.xaxis.set_major_locator(FixedLocator(ticks.tolist()))
            ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
            ax.xaxis.set_minor_formatter(NullFormatter())
    if logy:
        ax.set_yscale("log")
    if hue is not None:
        ax.legend(fontsize=8)
    ax.set_title(f"{ds.attrs.get('point', '')}: {y}" + ("" if err is None else f" (error bars: {err})"), fontsize=9)
    fig.tight_layout()
    return fig


def _select(ds: xr.Dataset, name: str, value: str) -> xr.Dataset:
    coord = ds[name]
    vals = coord.values
    try:
        match = np.isclose(vals.astype(float), float(value)) if vals.dtype.kind in "iuf" else vals.astype(str) == value
    except ValueError:
        raise ParameterError(f"--sel: {name}={value!r} is not a number") from None
    idx = np.flatnonzero(match)
    if idx.size != 1:
        raise ParameterError(f"--sel: {name}={value} is not on the grid ({', '.join(map(str, vals))})")
    return ds.isel({coord.dims[0]: int(idx[0])})
