"""The landscape of a device file at given controls: minima (as logical states), saddles, barriers in kT
and joules, and Kramers-Langer escape times in model units and seconds.

Rates: :func:`landauer.landscape.escape_rate` (Kramers-Langer, summed over a well's saddles) with the
file's dynamics: overdamped mobility, or underdamped mass and friction. Energies ``E`` of the device are
in its energy unit; barriers in kT are ``Delta U / kT`` and in joules ``Delta U x energy unit`` (kT =
``k_B T`` when the device's energies are in kT).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from landauer.constants import k_B
from landauer.devices.files import DeviceFile
from landauer.devices.states import ordered_minima
from landauer.landscape import barriers as connect
from landauer.landscape import dwell_time, escape_rate, find_critical_points
from landauer.validation import ParameterError


def parse_assignments(items: tuple[str, ...] | list[str], *, what: str = "--controls") -> dict[str, float]:
    """``["b=0", "f=1,g=2"]`` -> ``{"b": 0.0, "f": 1.0, "g": 2.0}`` (one-line errors naming ``what``)."""
    out: dict[str, float] = {}
    for item in items:
        for part in str(item).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise ParameterError(f"{what}: expected NAME=VALUE, got {part!r}")
            k, v = (s.strip() for s in part.split("=", 1))
            try:
                f = float(v)
            except ValueError:
                raise ParameterError(f"{what}: {k} = {v!r} is not a number") from None
            if not np.isfinite(f):
                raise ParameterError(f"{what}: {k} = {v!r} is not finite")
            out[k] = f
    return out


def landscape_report(df: DeviceFile, controls: Mapping[str, float] | None = None) -> dict[str, Any]:
    """Minima, saddles, barriers and escape times of ``df``'s device at ``controls`` (rest by default)."""
    dev = df.device
    c = dev.control_vector(controls)
    ctrl = dict(zip(dev.controls, c.tolist(), strict=True))
    pot = dev.potential(ctrl)
    pts = find_critical_points(pot, bounds=dev.bounds.tolist())
    mins = ordered_minima(pts)
    if not mins:
        raise ParameterError(f"device {dev.name} has no minimum inside its bounds at controls {ctrl}")
    bar = connect(pot, pts, bounds=dev.bounds)
    dyn = df.dynamics
    kT = dyn.kT
    unit_J = df.energy_unit_J if df.energy_unit_J is not None else k_B * dyn.temperature_K
    t_s = dyn.time_unit_s
    names = dev.coordinates

    def state(x: np.ndarray) -> str:
        k = int(dev.classify(x)[0])
        return dev.states[k] if 0 <= k < len(dev.states) else str(k)

    rate_kw: dict[str, Any] = ({"mobility": dyn.mobility} if dyn.kind == "overdamped"
                               else {"mass": dyn.mass, "friction": dyn.friction})
    minima = []
    for m in mins:
        k = bar.index_of(m.x)
        dU = bar.well(k)
        rate = escape_rate(pot, bar, k, kT=kT, **rate_kw) if np.isfinite(dU) else 0.0
        tau = dwell_time(rate)
        minima.append({
            "state": state(m.x), "position": dict(zip(names, m.x.tolist(), strict=True)),
            "energy": m.energy, "barrier_kT": dU / kT if np.isfinite(dU) else None,
            "barrier_J": dU * unit_J if np.isfinite(dU) else None,
            "escape_rate": rate, "kramers_time": tau if np.isfinite(tau) else None,
            "kramers_time_s": tau * t_s if (t_s is not None and np.isfinite(tau)) else None,
        })
    saddles = []
    for conn in bar.connections:
        s = conn.saddle
        joins = [state(bar.minima[j].x) if j >= 0 else None for j in (conn.a, conn.b)]
        saddles.append({
            "position": dict(zip(names, s.x.tolist(), strict=True)), "energy": s.energy, "joins": joins,
            "heights_kT": [(s.energy - bar.minima[j].energy) / kT if j >= 0 else None for j in (conn.a, conn.b)],
            "unstable_eigenvalue": float(s.eigenvalues[0]),
        })
    return {
        "device": dev.name, "path": str(df.path), "energy": dev.energy_expression,
        "energy_unit": dev.energy_unit, "kT": kT, "temperature_K": dyn.temperature_K, "controls": ctrl,
        "params": dict(dev.params), "states": list(dev.states), "minima": minima, "saddles": saddles,
        "rate_method": "kramers-langer", "time_unit_s": t_s,
        "other_critical_points": sum(1 for p in pts if p.index > 1),
    }
