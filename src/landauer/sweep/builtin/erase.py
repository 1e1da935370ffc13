"""``erase``: Landauer erasure of a bit in any device file (a shipped name such as ``double-well``, or a
path), with the file's protocol stretched to ``tau`` (see :func:`landauer.erasure.erase`).

A study may override the bath temperature ``temperature_K``, the time step ``dt`` and every parameter the
device file declares in ``[device.params]`` (by its name, e.g. ``a`` for the shipped double well; the
file's value is the default). A device parameter whose name the point already uses (``tau``, ``dt``, ...)
keeps the point's meaning and cannot be overridden from a study.

**Temperature.** The device stays the physical object the file describes: its energies, lengths, times and
mobility keep their values in the file's units, and only the bath changes. Energies written in kT are in
units of ``E_u = k_B T_file`` (``T_file`` the file's ``[dynamics] temperature_K``), or ``E_u =
energy_unit_J`` when the file gives one; at temperature ``T`` the engine's thermal energy is
``kT = k_B T / E_u`` (so a barrier of 8 kT at 300 K is ``8 * 300/350 = 6.86`` kT at 350 K). All outputs are
in units of ``k_B T`` at the run's temperature; ``mean_work_J`` in joules.

A relative device path in a study is resolved against the study file's folder.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import xarray as xr

from landauer.constants import k_B
from landauer.sweep.builtin._summary import ERASURE_OUTPUTS, erasure_values
from landauer.sweep.points import Output, Param, Value, engine_progress, point
from landauer.validation import ParameterError

PARAMS = (
    Param("device", "double-well", "", "device file: shipped name or path"),
    Param("tau", 0.0, "model time", "total protocol duration (0: the file's own)", minimum=0.0),
    Param("temperature_K", 0.0, "K", "bath temperature (0: the file's [dynamics] temperature_K)", minimum=0.0),
    Param("dt", 0.0, "model time", "integration time step (0: the file's [dynamics] dt)", minimum=0.0),
    Param("target", "", "", "target state name (empty: the file's [task] target)"),
)
_OWN = frozenset(p.name for p in PARAMS)

OUTPUTS = (
    *ERASURE_OUTPUTS,
    Output("mean_work_J", "J", "mean work in SI (k_B T per kT at the run's temperature)"),
    Output("tau_s", "s", "protocol duration in SI (NaN if the file gives no time unit)"),
    Output("bath_temperature_K", "K", "bath temperature of the run"),
)


@functools.lru_cache(maxsize=8)
def _device_file(name: str) -> Any:
    from landauer.devices.registry import load

    return load(name)


def device_params(given: Mapping[str, Any], where: str) -> tuple[Param, ...]:
    """The device file's ``[device.params]`` as point parameters (defaults: the file's values)."""
    name = given.get("device", PARAMS[0].default)
    if not isinstance(name, str):
        raise ParameterError(f"{where}device: must be a string (a shipped device name or a path), got {name!r}")
    try:
        df = _device_file(name)
    except ParameterError as exc:
        raise ParameterError(f"{where}device: {exc}") from None
    if df.protocol is None:
        raise ParameterError(f"{where}device: {df.path} has no [[protocol]]; the erase point runs the file's protocol")
    return tuple(Param(k, float(v), "device units", f"[device.params] {k} of {df.name} (file: {v:g})")
                 for k, v in df.device.params.items() if k not in _OWN)


def configured(p: Mapping[str, Value]) -> Any:
    """The device file of point parameters ``p`` with its parameters, temperature and step overridden."""
    df = _device_file(str(p["device"]))
    over = {k: float(v) for k, v in p.items() if k in df.device.params and k not in _OWN}
    temperature, dt = float(p["temperature_K"]), float(p["dt"])
    return df.with_overrides(params=over, temperature_K=temperature if temperature > 0 else None,
                             dt=dt if dt > 0 else None)


def _summarise(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    from landauer.stats import EnsembleSummary

    df = configured(p)
    dyn = df.dynamics
    # the mobility in length^2 / (kT time), since the raw energies are already in kT
    mob = dyn.mobility * dyn.kT if (dyn.kind == "overdamped" and df.device.ndim == 1
                                    and not isinstance(dyn.mobility, tuple)) else None
    target = str(p["target"]) or df.target
    s = EnsembleSummary.from_dataset(raw, target=target, kT=1.0, mobility=mob, bits=df.bits)
    tau = float(raw.attrs.get("duration", float("nan")))
    extra = {"mean_work_J": s.mean_work * k_B * dyn.temperature_K,
             "tau_s": tau * dyn.time_unit_s if dyn.time_unit_s is not None else float("nan"),
             "bath_temperature_K": dyn.temperature_K}
    return erasure_values(s).assign({k: ((), float(v)) for k, v in extra.items()})


@point("erase", params=PARAMS, outputs=OUTPUTS, summarise=_summarise, context_params=device_params)
def erase(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """Erasure ensemble of a device file's device from equilibrium (energies in kT of the run)."""
    from landauer.erasure import erase as run_erase

    df = configured(p)
    tau = float(p["tau"]) or None
    run = run_erase(df, tau=tau, n_trajectories=n, seed=seed, target=str(p["target"]) or None,
                    progress=engine_progress())
    ds = run.dataset
    kT = df.dynamics.kT
    keep = [v for v in ("state_initial", "state_final", "x_initial", "x_final") if v in ds]
    out = ds[keep].assign(W=ds["W"] / kT, Q=ds["Q"] / kT)
    out.attrs.update({k: ds.attrs[k] for k in ("states", "duration", "tau") if k in ds.attrs})
    out.attrs.update(energy_unit="kT", kT=1.0)
    return out
