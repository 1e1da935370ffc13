"""``erase``: Landauer erasure of a bit in any device file (a shipped name such as ``double-well``, or a
path), with the file's protocol stretched to ``tau`` (see :func:`landauer.erasure.erase`).

Energies in kT. A relative device path in a study is resolved against the study file's folder.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import xarray as xr

from landauer.constants import k_B
from landauer.sweep.builtin._summary import ERASURE_OUTPUTS, erasure_values
from landauer.sweep.points import Output, Param, Value, point

PARAMS = (
    Param("device", "double-well", "", "device file: shipped name or path"),
    Param("tau", 0.0, "model time", "total protocol duration (0: the file's own)", minimum=0.0),
    Param("target", "", "", "target state name (empty: the file's [task] target)"),
)

OUTPUTS = (
    *ERASURE_OUTPUTS,
    Output("mean_work_J", "J", "mean work in SI (at the file's temperature)"),
    Output("tau_s", "s", "protocol duration in SI (NaN if the file gives no time unit)"),
)


@functools.lru_cache(maxsize=8)
def _device_file(name: str) -> Any:
    from landauer.devices.registry import load

    return load(name)


def _summarise(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    from landauer.stats import EnsembleSummary

    df = _device_file(str(p["device"]))
    dyn = df.dynamics
    mob = dyn.mobility if (dyn.kind == "overdamped" and df.device.ndim == 1
                           and not isinstance(dyn.mobility, tuple)) else None
    target = str(p["target"]) or df.target
    s = EnsembleSummary.from_dataset(raw, target=target, kT=dyn.kT, mobility=mob, bits=df.bits)
    tau = float(raw.attrs.get("duration", float("nan")))
    extra = {"mean_work_J": s.mean_work * k_B * dyn.temperature_K,
             "tau_s": tau * dyn.time_unit_s if dyn.time_unit_s is not None else float("nan")}
    return erasure_values(s).assign({k: ((), float(v)) for k, v in extra.items()})


@point("erase", params=PARAMS, outputs=OUTPUTS, summarise=_summarise)
def erase(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """Erasure ensemble of a device file's device from equilibrium."""
    from landauer.erasure import erase as run_erase

    tau = float(p["tau"]) or None
    run = run_erase(_device_file(str(p["device"])), tau=tau, n_trajectories=n, seed=seed,
                    target=str(p["target"]) or None)
    ds = run.dataset
    keep = [v for v in ("W", "Q", "state_initial", "state_final", "x_initial", "x_final") if v in ds]
    out = ds[keep]
    out.attrs.update({k: ds.attrs[k] for k in ("states", "energy_unit", "duration", "tau", "kT") if k in ds.attrs})
    return out
