"""``erase``: Landauer erasure of a bit in the 1-D double well (lower, tilt, raise, untilt).

Energies in kT; ``tau`` in diffusion times ``x_m^2 gamma / kT`` (the SI duration is the ``tau_s`` output).
Statistics from :func:`landauer.erasure.summarise`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

PARAMS = (
    Param("tau", 16.0, "x_m^2 gamma/kT", "total protocol duration (four equal stages)", positive=True),
    Param("temperature_K", 300.0, "K", "bath temperature", positive=True),
    Param("barrier_kT", 10.0, "kT", "barrier height at rest", positive=True),
    Param("tilt_kT", 10.0, "kT/x_m", "tilt amplitude during erasure", positive=True),
    Param("well_position_m", 1e-6, "m", "distance x_m of each minimum from the barrier", positive=True),
    Param("friction_N_s_per_m", 1.88e-8, "N s/m", "viscous friction gamma", positive=True),
    Param("dt", 3e-4, "x_m^2 gamma/kT", "integration time step", positive=True),
    Param("integrator", "overdamped-lm", "", "overdamped integrator",
          choices=("overdamped-lm", "overdamped-euler")),
    Param("device", "double-well", "", "device (only the built-in double well until device files land)",
          choices=("double-well",)),
)

OUTPUTS = (
    Output("mean_work", "kT", "mean work <W> done on the memory"),
    Output("mean_work_se", "kT", "standard error of <W>"),
    Output("mean_heat", "kT", "mean heat <Q> to the bath"),
    Output("eps", "1", "residual error: fraction not in state 0"),
    Output("w_min_eps", "kT", "ln 2 + eps ln eps + (1-eps) ln(1-eps)"),
    Output("excess_work", "kT", "<W> - W_min(eps)"),
    Output("finite_time_bound", "kT", "W_2^2/(mu tau) (Proesmans et al. 2020)"),
    Output("mean_exp_minus_w", "1", "<exp(-W/kT)> (Jarzynski: 1)"),
    Output("mean_exp_minus_w_se", "1", "standard error of <exp(-W/kT)>"),
    Output("mean_work_zJ", "zJ", "mean work in SI"),
    Output("tau_s", "s", "protocol duration in SI"),
    Output("trajectories_run", "1", "trajectories in the ensemble"),
    Output("W", "kT", "work per trajectory", per_trajectory=True),
    Output("state_final", "1", "final logical state per trajectory", per_trajectory=True, dtype="int64"),
)


def _params(p: Mapping[str, Value]):  # noqa: ANN202
    from landauer.models.double_well import DoubleWellParams

    return DoubleWellParams(temperature=float(p["temperature_K"]), barrier_kT=float(p["barrier_kT"]),
                            tilt_kT=float(p["tilt_kT"]), well_position=float(p["well_position_m"]),
                            friction=float(p["friction_N_s_per_m"]))


def _summarise(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    from landauer import erasure
    from landauer.constants import k_B

    tau = float(p["tau"])
    s = erasure.summarise(work_kT=raw.W.values, heat_kT=raw.Q.values, state_final=raw.state_final.values,
                          target_state=0, tau=tau, x_initial=raw.x_initial.values, x_final=raw.x_final.values,
                          mobility=1.0)
    dw = _params(p)
    values = {
        "mean_work": s.mean_work, "mean_work_se": s.mean_work_se, "mean_heat": s.mean_heat, "eps": s.eps,
        "w_min_eps": s.w_min_eps, "excess_work": s.excess_work,
        "finite_time_bound": np.nan if s.finite_time_bound is None else s.finite_time_bound,
        "mean_exp_minus_w": s.mean_exp_minus_w, "mean_exp_minus_w_se": s.mean_exp_minus_w_se,
        "mean_work_zJ": s.mean_work * k_B * dw.temperature / 1e-21, "tau_s": tau * dw.scales.time,
        "trajectories_run": float(s.n),
    }
    return xr.Dataset({k: ((), float(v)) for k, v in values.items()})


@point("erase", params=PARAMS, outputs=OUTPUTS, summarise=_summarise)
def erase(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """Erasure ensemble of ``n`` trajectories from a random equilibrium bit (double well)."""
    from landauer.models.double_well import erase as run_erase

    ds = run_erase(_params(p), tau=float(p["tau"]), n_trajectories=n, seed=seed, dt=float(p["dt"]),
                   integrator=str(p["integrator"]))
    return ds[["W", "Q", "state_final", "x_initial", "x_final"]]
