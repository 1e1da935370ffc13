"""``squid.ce`` and ``squid.nand``: control erasure and NAND in two coupled CJJ rf-SQUIDs (kT).

Each runs ``trajectories`` trajectories per input (00, 01, 10, 11) through
:func:`landauer.models.squid.thermal.run_sequence` and summarises with
:func:`landauer.models.squid.nand.summarize`; the mean work is over uniformly distributed inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

INPUTS = ("00", "01", "10", "11")

DEVICE = (
    Param("L_pH", 10.0, "pH", "rf-loop inductance", positive=True),
    Param("C_fF", 500.0, "fF", "junction capacitance", positive=True),
    Param("R_ohm", 30.0, "ohm", "junction shunt", positive=True),
    Param("temperature_K", 4.2, "K", "temperature", positive=True),
    Param("beta", 2.3, "1", "barrier parameter", positive=True),
    Param("gamma", 20.0, "1", "dc-loop stiffness L/2l", positive=True),
    Param("preset", "effective", "", "control amplitudes", choices=("effective", "robust")),
    Param("trajectories", 200, "", "trajectories per input", minimum=2),
)

COMMON_OUT = (
    Output("mean_work", "kT", "mean work over uniform inputs"),
    Output("mean_work_se", "kT", "its standard error"),
    Output("landauer_cost", "kT", "Landauer cost of the logical map (uniform inputs)"),
    Output("min_success", "1", "smallest success probability over inputs"),
    Output("hold_tc", "t_c", "hold duration"),
    *(Output(f"success_{i}", "1", f"success probability from input {i}") for i in INPUTS),
    *(Output(f"mean_work_{i}", "kT", f"mean work from input {i}") for i in INPUTS),
    *(Output(f"mean_work_se_{i}", "kT", f"standard error of the mean work from input {i}") for i in INPUTS),
)


def _setup(p: Mapping[str, Value]) -> tuple[Any, Any, Any]:
    from landauer.models.squid import Shape
    from landauer.models.squid.params import PH, SquidParams
    from landauer.models.squid.protocols import PRESETS

    par = SquidParams.from_dimensionless(L=float(p["L_pH"]) * PH, C=float(p["C_fF"]) * 1e-15,
                                         R=float(p["R_ohm"]), T=float(p["temperature_K"]), beta=float(p["beta"]),
                                         gamma=float(p["gamma"]))
    return par, PRESETS[str(p["preset"])], Shape(beta=par.beta, gamma=par.gamma)


def _summary(s: Any, cost: float, hold: float, extra: dict[str, float]) -> xr.Dataset:
    mw, se = s.average()
    values = {"mean_work": mw, "mean_work_se": se, "landauer_cost": cost,
              "min_success": min(s.success.values()), "hold_tc": hold, **extra}
    for i in INPUTS:
        values[f"success_{i}"] = s.success.get(i, np.nan)
        values[f"mean_work_{i}"] = s.mean_work.get(i, np.nan)
        values[f"mean_work_se_{i}"] = s.work_stderr.get(i, np.nan)
    return xr.Dataset({k: ((), float(v)) for k, v in values.items()})


@point("squid.ce", outputs=COMMON_OUT, params=(
    *DEVICE,
    Param("bit", 2, "", "erased bit (1 or 2)", minimum=1),
    Param("control", 0, "", "control value c of the other bit", minimum=0),
    Param("target", 0, "", "target value t", minimum=0),
    Param("ramp_tc", 100.0, "t_c", "ramp duration", positive=True),
    Param("hold_tc", 0.0, "t_c", "hold duration (0: 10x the measured capture time)", minimum=0.0),
    Param("dof", 2, "", "degrees of freedom (2 or 4)", minimum=2),
))
def ce(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """CE(bit, control, target) thermal run; work and success per input."""
    from landauer.models.squid import CE, Schedule, ce_protocol
    from landauer.models.squid.nand import landauer_cost, summarize
    from landauer.models.squid.robustness import hold_time
    from landauer.models.squid.thermal import Thermal, run_sequence

    par, amp, shape = _setup(p)
    c = CE(int(p["bit"]), int(p["control"]), int(p["target"]))
    h = float(p["hold_tc"]) or hold_time(c, damping=par.damping, amplitudes=amp, shape=shape, factor=10.0)
    prot = ce_protocol(c, amplitudes=amp, schedule=Schedule(ramp=float(p["ramp_tc"]), hold=h))
    dof = int(p["dof"])
    th = Thermal.from_params(par, dof=dof, dt=0.05 if dof == 2 else 0.01)
    ds = run_sequence([prot], thermal=th, inputs=list(INPUTS), n_per_input=int(p["trajectories"]), seed=seed)
    return _summary(summarize(ds, [c]), landauer_cost([c]), h, {})


@point("squid.nand", outputs=(*COMMON_OUT, Output("min_nand_success", "1", "smallest NAND-output success")),
       params=(*DEVICE, Param("complete", False, "", "complete NAND (5 CEs) instead of partial (3)")))
def nand(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """NAND from a CE sequence: work against the Landauer cost, success per input."""
    from landauer.models.squid import Schedule, ce_protocol
    from landauer.models.squid.nand import landauer_cost, nand_sequence, summarize
    from landauer.models.squid.robustness import hold_time
    from landauer.models.squid.thermal import Thermal, run_sequence

    par, amp, shape = _setup(p)
    complete = bool(p["complete"])
    ces = nand_sequence(complete=complete)
    h = hold_time(ces[0], damping=par.damping, amplitudes=amp, shape=shape, factor=10.0)
    prots = [ce_protocol(c, amplitudes=amp, schedule=Schedule(hold=h)) for c in ces]
    ds = run_sequence(prots, thermal=Thermal.from_params(par), inputs=list(INPUTS),
                      n_per_input=int(p["trajectories"]), seed=seed)
    s = summarize(ds, ces, nand="complete" if complete else "partial")
    return _summary(s, landauer_cost(ces), h, {"min_nand_success": min(s.nand_success.values())})
