"""``aqfp.terminate`` and ``aqfp.mismatch``: mismatch-driven dissipation of an aQFP terminate (kT) and
the Monte Carlo worst-device statistics of a chip (:mod:`landauer.models.aqfp`)."""

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
