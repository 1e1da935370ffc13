"""``mtj.reset``: the 4-stage field-driven reset of a macrospin MTJ free layer (energies in kT).

Wraps :func:`landauer.models.mtj.reset.run_reset` and :func:`~landauer.models.mtj.reset.summarize`. The
stage duration is ``stage_time_ns`` (SI), or ``tau_stage_t0`` in reduced time ``t0 = 1/(gamma mu0 H_K)``
when that is > 0 (the MTJ reproduction sweeps in reduced time). The outputs carry what the chi2-gated fit
``<W> - W_min(eps_hat) = c0 + B/tau`` needs (``mean_W``, ``se_W``, ``W_min_eps``, ``tau_reduced``).
"""

from __future__ import annotations

from collections.abc import Mapping

import xarray as xr

from landauer.sweep.points import Output, Param, Value, point

PARAMS = (
    Param("stage_time_ns", 21.3, "ns", "duration of each of the 4 stages", positive=True),
    Param("temperature_K", 300.0, "K", "bath temperature", positive=True),
    Param("diameter_nm", 50.0, "nm", "free-layer diameter", positive=True),
    Param("alpha", 1.0, "1", "Gilbert damping", positive=True),
    Param("mu0_hk_mT", 80.0, "mT", "mu0 H_K", positive=True),
    Param("Ms_A_per_m", 1.1e6, "A/m", "saturation magnetisation", positive=True),
    Param("hx", 1.5, "H_K", "hard-axis field amplitude", positive=True),
    Param("hb", 0.3, "H_K", "easy-axis bias (resets to bit 1)", minimum=0.0),
    Param("dtau", 0.01, "t0", "integration step", positive=True),
    Param("tau_stage_t0", 0.0, "t0", "stage duration in reduced time; > 0 overrides stage_time_ns", minimum=0.0),
)

OUTPUTS = (
    Output("mean_W", "kT", "mean work"),
    Output("se_W", "kT", "standard error of the mean work"),
    Output("sd_W", "kT", "standard deviation of the work"),
    Output("eps_hat", "1", "residual error"),
    Output("W_min_eps", "kT", "error-corrected Landauer bound"),
    Output("jarzynski_restricted", "1", "<exp(-W) 1[success]>"),
    Output("jarzynski_restricted_se", "1", "its standard error"),
    Output("jarzynski_full", "1", "<exp(-W)>"),
    Output("jarzynski_full_se", "1", "its standard error"),
    Output("sigma_kT", "kT", "barrier K V / kT"),
    Output("tau_reduced", "t0", "stage duration in reduced time t0 = 1/(gamma mu0 H_K)"),
    Output("trajectories_run", "1", "trajectories in the ensemble"),
    Output("W", "kT", "work per trajectory", per_trajectory=True),
)


def _device(p: Mapping[str, Value]):  # noqa: ANN202
    from landauer.models.mtj.params import MTJParams

    return MTJParams(temperature=float(p["temperature_K"]), diameter=float(p["diameter_nm"]) * 1e-9,
                     alpha=float(p["alpha"]), mu0_Hk=float(p["mu0_hk_mT"]) * 1e-3, Ms=float(p["Ms_A_per_m"]))


def _tau_stage(p: Mapping[str, Value], t0: float) -> float:
    """Stage duration in units of t0: ``tau_stage_t0`` if > 0, else ``stage_time_ns`` converted."""
    tau = float(p["tau_stage_t0"])
    return tau if tau > 0 else float(p["stage_time_ns"]) * 1e-9 / t0


def _summarise(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    from landauer.models.mtj.reset import summarize

    dev = _device(p)
    tau = _tau_stage(p, dev.t0)
    s = summarize(raw, tau)
    keys = ("mean_W", "se_W", "sd_W", "eps_hat", "W_min_eps", "jarzynski_restricted", "jarzynski_restricted_se",
            "jarzynski_full", "jarzynski_full_se")
    values = {k: float(getattr(s, k)) for k in keys}
    values.update(sigma_kT=float(dev.sigma), tau_reduced=tau, trajectories_run=float(s.n))
    return xr.Dataset({k: ((), v) for k, v in values.items()})


@point("mtj.reset", params=PARAMS, outputs=OUTPUTS, summarise=_summarise)
def reset(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """One reset ensemble from Boltzmann initial states (random bit)."""
    from landauer.models.mtj import ReducedMacrospin
    from landauer.models.mtj.reset import ResetProtocol, run_reset

    dev = _device(p)
    rp = ResetProtocol(hx=float(p["hx"]), hb=float(p["hb"]), tau_stage=_tau_stage(p, dev.t0))
    ds = run_reset(ReducedMacrospin.from_params(dev), rp, n_trajectories=n, seed=seed, dtau=float(p["dtau"]))
    return ds[["W", "state_final"]]
