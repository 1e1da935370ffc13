"""aQFP points (:mod:`landauer.models.aqfp`):

- ``aqfp.terminate``: mismatch-driven dissipation of a terminate (deterministic quadrature, kT);
- ``aqfp.mismatch``: Monte Carlo worst-device statistics of a chip;
- ``aqfp.cycle``: Langevin energy per gate per clock cycle of a chain or terminate vs rise time, data,
  junction asymmetry and temperature (an ensemble point: ``target_se_kT`` works);
- ``aqfp.ber``: adiabatic bit-error rate of one gate under a weak signal vs temperature and ramp.
"""

from __future__ import annotations

from collections.abc import Mapping

import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

_TERM_KEYS = ("mean_abs_delta", "paper_energy_kT", "paper_ratio", "crossing_energy_kT",
              "two_state_paper_tilt_kT", "freeze_phix", "freeze_tilt_per_delta_kT", "two_state_freeze_kT",
              "two_state_freeze_ratio", "two_state_freeze_efficiency")
_TERM_UNITS = {"paper_energy_kT": "kT", "crossing_energy_kT": "kT", "two_state_paper_tilt_kT": "kT",
               "two_state_freeze_kT": "kT", "freeze_tilt_per_delta_kT": "kT", "freeze_phix": "rad"}


@point("aqfp.terminate", outputs=tuple(Output(k, _TERM_UNITS.get(k, "1")) for k in _TERM_KEYS), params=(
    Param("temperature_K", 4.2, "K", "temperature", positive=True),
    Param("sigma_J", 0.01, "1", "junction I_c spread (1 sigma)", positive=True),
    Param("freeze_barrier_kT", 3.0, "kT", "barrier at which the terminate freezes out", positive=True),
))
def terminate(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Mean dissipation per cycle of a mismatched terminate (deterministic quadrature; seed unused)."""
    from landauer.models.aqfp.params import AqfpParams
    from landauer.models.aqfp.terminate import terminate_dissipation

    T = float(p["temperature_K"])
    r = terminate_dissipation(AqfpParams(temperature=T), sigma_J=float(p["sigma_J"]),
                              freeze_barrier_kT=float(p["freeze_barrier_kT"]),
                              dynamics_params=AqfpParams.supercritical(temperature=T))
    return xr.Dataset({k: ((), float(getattr(r, k))) for k in _TERM_KEYS})


@point("aqfp.mismatch", params=(
    Param("temperature_K", 4.2, "K", "temperature", positive=True),
    Param("sigma_J", 0.01, "1", "junction I_c spread (1 sigma)", positive=True),
    Param("sigma_L", 0.05, "1", "inductor spread (1 sigma)", positive=True),
    Param("devices", 1 << 16, "", "Monte Carlo devices (rounded up to whole chunks of 65536)", minimum=1),
), outputs=(
    Output("min_alpha", "1", "worst device's margin alpha"),
    Output("median_alpha", "1", "median margin"),
    Output("fail_fraction", "1", "fraction of devices with alpha <= 0"),
    Output("mean_abs_dI", "1", "mean |dI_1 - dI_2| (terminate tilt)"),
    Output("devices_run", "1", "devices sampled"),
))
def mismatch(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Monte Carlo over mismatched devices (compiled kernel, seeded)."""
    from landauer.models.aqfp.mismatch import MismatchSpec, monte_carlo
    from landauer.models.aqfp.params import AqfpParams

    spec = MismatchSpec.from_params(AqfpParams(temperature=float(p["temperature_K"])),
                                    sigma_J=float(p["sigma_J"]), sigma_L=float(p["sigma_L"]))
    mc = monte_carlo(spec, n_devices=int(p["devices"]), seed=seed)
    values = {"min_alpha": mc.min_alpha, "median_alpha": mc.quantile(0.5), "fail_fraction": mc.n_fail / mc.n_devices,
              "mean_abs_dI": mc.mean_abs_dI, "devices_run": mc.n_devices}
    return xr.Dataset({k: ((), float(v)) for k, v in values.items()})


# --- Langevin dynamics (supercritical set): energy per cycle of a chain or terminate, adiabatic BER -----
CYCLE_PARAMS = (
    Param("t_rise", 800.0, "1/omega_p", "excitation rise time (each quarter of the four-phase clock)", positive=True),
    Param("temperature_K", 4.2, "K", "temperature", positive=True),
    Param("gates", 1, "", "gates in the chain", minimum=1),
    Param("sink", False, "", "an ideal downstream gate after the last one (false: the last gate is a terminate)"),
    Param("bit", True, "", "bit sent every cycle: true (logical 1, data +1) or false (logical 0, data -1)"),
    Param("asym", 0.0, "1", "junction asymmetry dI_1 - dI_2 of every gate (tilts a terminate)"),
    Param("cycles", 1, "", "measured clock cycles after the fill", minimum=1),
    Param("h", 0.099, "1", "time step: dt sqrt(k_max/m) = h", positive=True),
)

CYCLE_OUTPUTS = (
    Output("mean_work", "kT", "Sekimoto work per gate per cycle in periodic steady state"),
    Output("mean_work_se", "kT", "standard error of mean_work"),
    Output("mean_shadow", "kT", "shadow work of the BAOAB splitting per gate per cycle"),
    Output("mean_heat", "kT", "heat per gate per cycle"),
    Output("error_fraction", "1", "fraction of trajectories with an excited gate in the wrong state"),
    Output("t_rise_s", "s", "rise time in SI"),
    Output("trajectories_run", "1", "trajectories in the ensemble"),
    Output("W", "kT", "work per gate per cycle, per trajectory", per_trajectory=True),
    Output("error", "1", "1 where an excited gate ends in the wrong state", per_trajectory=True, dtype="int64"),
)


def _cycle_summary(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    from landauer.models.aqfp.experiments import summarise_cycle

    s = summarise_cycle(raw, t_rise=float(p["t_rise"]), n_gates=int(p["gates"]), n_cycles=int(p["cycles"]))
    values = {"mean_work": s.work_kT, "mean_work_se": s.work_stderr_kT, "mean_shadow": s.shadow_kT,
              "mean_heat": s.heat_kT, "error_fraction": s.error_fraction, "t_rise_s": s.t_rise_s,
              "trajectories_run": s.n_trajectories}
    return xr.Dataset({k: ((), float(v)) for k, v in values.items()})


@point("aqfp.cycle", params=CYCLE_PARAMS, outputs=CYCLE_OUTPUTS, summarise=_cycle_summary)
def cycle(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """Energy per gate per clock cycle of an aQFP chain or terminate (supercritical set, RCSJ Langevin,
    BAOAB): :func:`landauer.models.aqfp.experiments.cycle_ensemble`."""
    from landauer.models.aqfp.experiments import cycle_ensemble
    from landauer.models.aqfp.params import AqfpParams

    ds = cycle_ensemble(AqfpParams.supercritical(temperature=float(p["temperature_K"])), n_gates=int(p["gates"]),
                        t_rise=float(p["t_rise"]), n_cycles=int(p["cycles"]), n_trajectories=n, seed=seed,
                        sink=bool(p["sink"]), data_value=1 if p["bit"] else -1, asym=float(p["asym"]), h=float(p["h"]))
    return ds


@point("aqfp.ber", params=(
    Param("temperature_K", 4.2, "K", "temperature", positive=True),
    Param("theta_s", 0.003, "rad", "signal phase of the source", positive=True),
    Param("t_slow", 3000.0, "1/omega_p", "duration of the slow window of the excitation ramp", positive=True),
    Param("trajectories", 800, "", "gates switched", minimum=1),
    Param("h", 0.099, "1", "time step: dt sqrt(k_max/m) = h", positive=True),
), outputs=(
    Output("ber", "1", "fraction of gates switched into the wrong state"),
    Output("ber_se", "1", "binomial standard error (at least that of one error)"),
    Output("errors", "1", "gates in the wrong state"),
    Output("ber_master_equation", "1", "two-state master equation along the ramp (Mel'nikov-Meshkov rates)"),
    Output("ber_freeze_out", "1", "sharp Kramers freeze-out"),
    Output("ber_crossing_estimate", "1", "the paper's 1/(1 + exp(Delta U/kT)) (Eq. 3)"),
    Output("splitting_over_crossing", "1", "well splitting at freeze-out over the crossing Delta U"),
    Output("trajectories_run", "1", "gates switched"),
))
def ber(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Adiabatic switching of one aQFP under a weak signal (supercritical set): simulated error fraction
    beside the freeze-out predictions (:mod:`landauer.models.aqfp.freeze`)."""
    import math

    from landauer.models.aqfp.experiments import ber_run
    from landauer.models.aqfp.freeze import ber_ramp, freeze_out
    from landauer.models.aqfp.params import AqfpParams

    par = AqfpParams.supercritical(temperature=float(p["temperature_K"]))
    theta_s, n = float(p["theta_s"]), int(p["trajectories"])
    ramp = ber_ramp(par, theta_s=theta_s, t_slow=float(p["t_slow"]))
    fo = freeze_out(par, theta_s=theta_s, ramp=ramp)
    frac, wrong = ber_run(par, theta_s=theta_s, ramp=ramp, n_trajectories=n, seed=seed, h=float(p["h"]))
    values = {"ber": frac, "ber_se": math.sqrt(max(frac * (1 - frac), 1.0 / n) / n), "errors": wrong,
              "ber_master_equation": fo.ber_master, "ber_freeze_out": fo.ber_freeze,
              "ber_crossing_estimate": fo.ber_crossing, "splitting_over_crossing": fo.splitting_over_crossing,
              "trajectories_run": n}
    return xr.Dataset({k: ((), float(v)) for k, v in values.items()})
