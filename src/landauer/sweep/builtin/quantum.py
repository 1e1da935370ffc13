"""``quantum.erase``: qubit erasure by a finite thermal XX chain (Goold et al., PRL 114, 060602).

Energies in units of the chain coupling J; deterministic (the seed is unused).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

_OUT = (
    Output("beta_Q", "1", "beta <Q>: mean heat to the chain in units of kT"),
    Output("delta_S", "1", "entropy decrease of the qubit (nats)"),
    Output("B_Q", "1", "Landauer bound beta <Q> >= Delta S (+ correction)"),
    Output("B_RW", "1", "Reeb-Wolf bound"),
    Output("R", "1", "beta <Q> / Delta S"),
    Output("mean_exp_minus_beta_Q", "1", "<exp(-beta Q)>"),
    Output("S_final", "1", "final qubit entropy (nats)"),
)


@point("quantum.erase", outputs=_OUT, params=(
    Param("N", 1, "", "environment spins", minimum=1),
    Param("beta", 1.0, "1/J", "inverse temperature", positive=True),
    Param("alpha", 0.95, "1", "amplitude of |1>", minimum=0.0),
    Param("Jt", 7.0, "1", "interaction time J t", positive=True),
    Param("J0", 0.1, "J", "system-chain coupling"),
    Param("B", 1.0, "J", "chain field"),
    Param("B0", 1.0, "J", "system field"),
    Param("method", "exact", "", "solver", choices=("exact", "free-fermion", "closed-form")),
))
def erase(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Heat, entropy change and the bounds B_Q and B_RW after an interaction time Jt."""
    from landauer.models.quantum import XXChainModel
    from landauer.models.quantum.api import erase as q_erase

    model = XXChainModel(N=int(p["N"]), beta=float(p["beta"]), B0=float(p["B0"]), B=float(p["B"]),
                         J0=float(p["J0"]))
    r = q_erase(model, Jt=float(p["Jt"]), alpha=float(p["alpha"]), method=str(p["method"]))
    values = {"beta_Q": r.beta_heat, "delta_S": r.delta_S, "B_Q": r.B_Q, "B_RW": r.B_RW, "R": r.R,
              "mean_exp_minus_beta_Q": r.mean_exp_heat, "S_final": r.entropy_final}
    return xr.Dataset({k: ((), np.nan if v is None else float(v)) for k, v in values.items()})
