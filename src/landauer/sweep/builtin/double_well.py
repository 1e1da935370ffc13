"""``double_well.erase``: Landauer erasure in the built-in SI double well (lower, tilt, raise, untilt).

Energies in kT; ``tau`` in diffusion times ``x_m^2 gamma / kT`` (the SI duration is the ``tau_s`` output).
Wraps :func:`landauer.models.double_well.erase`; statistics from :func:`landauer.erasure.summarise`.
"""

from __future__ import annotations

from collections.abc import Mapping

import xarray as xr

from landauer.sweep.builtin._summary import ERASURE_OUTPUTS, erasure_values
from landauer.sweep.points import Output, Param, Value, engine_progress, point

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
)

OUTPUTS = (
    *ERASURE_OUTPUTS,
    Output("w2_squared", "x_m^2", "squared 2-Wasserstein distance between initial and final positions"),
    Output("mean_work_zJ", "zJ", "mean work in SI"),
    Output("tau_s", "s", "protocol duration in SI"),
    Output("Q", "kT", "heat per trajectory", per_trajectory=True),
    Output("dE", "kT", "energy change per trajectory", per_trajectory=True),
    Output("state_initial", "1", "initial logical state per trajectory", per_trajectory=True, dtype="int64"),
    Output("x_initial", "x_m", "initial position per trajectory", per_trajectory=True),
    Output("x_final", "x_m", "final position per trajectory", per_trajectory=True),
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
    extra = {"w2_squared": float("nan") if s.w2_squared is None else float(s.w2_squared),
             "mean_work_zJ": s.mean_work * k_B * dw.temperature / 1e-21, "tau_s": tau * dw.scales.time}
    return erasure_values(s).assign({k: ((), v) for k, v in extra.items()})


@point("double_well.erase", params=PARAMS, outputs=OUTPUTS, summarise=_summarise)
def erase(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """Erasure ensemble of the SI double well from a random equilibrium bit."""
    from landauer.models.double_well import erase as run_erase

    ds = run_erase(_params(p), tau=float(p["tau"]), n_trajectories=n, seed=seed, dt=float(p["dt"]),
                   integrator=str(p["integrator"]), progress=engine_progress())
    out = ds[["W", "Q", "dE", "state_initial", "state_final"]]
    return out.assign(x_initial=("trajectory", ds.x_initial.values[:, 0]),
                      x_final=("trajectory", ds.x_final.values[:, 0]))
