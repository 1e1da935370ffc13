"""``transport.iv``: one bias point of the spin-engine dimer (Pauli master equation), SI outputs.

The paper's parameter set (:func:`landauer.models.transport.params.paper_params`) with a few overrides;
``dIdV`` by a central difference of +-``dv_mV``. Deterministic (the seed is unused).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

_VARS = ("current", "power_el", "spin_input", "efficiency", "entropy_production")
_UNITS = {"current": "A", "power_el": "W", "spin_input": "W", "efficiency": "1", "entropy_production": "W/K",
          "dIdV": "S"}


@point("transport.iv", outputs=tuple(Output(k, _UNITS[k]) for k in (*_VARS, "dIdV")), params=(
    Param("V_mV", 0.0, "mV", "bias"),
    Param("alignment", "P", "", "lead magnetisations", choices=("P", "AP")),
    Param("sp_meV", 0.0, "meV", "left-lead spin splitting (0: the paper's value)"),
    Param("temperature_K", 295.0, "K", "lead temperature (both leads)", positive=True),
    Param("dv_mV", 0.01, "mV", "step of the dI/dV difference", positive=True),
))
def iv(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Charge current, electrical power, spin input, efficiency and entropy production at one bias."""
    from landauer.models.transport.observables import iv_dataset
    from landauer.models.transport.params import paper_params

    over: dict[str, float] = {"T_L": float(p["temperature_K"]), "T_R": float(p["temperature_K"])}
    if float(p["sp_meV"]):
        over["sp"] = float(p["sp_meV"])
    par = paper_params(str(p["alignment"]), **over)
    v0, dv = float(p["V_mV"]), float(p["dv_mV"])
    ds = iv_dataset(par, np.array([v0 - dv, v0, v0 + dv]))
    values = {k: float(ds[k].values[1]) for k in _VARS}
    values["dIdV"] = float((ds.current.values[2] - ds.current.values[0]) / (2 * dv * 1e-3))
    return xr.Dataset({k: ((), v) for k, v in values.items()})
