"""The erasure outputs every erasure point shares, from one :class:`landauer.stats.EnsembleSummary`."""

from __future__ import annotations

import math

import xarray as xr

from landauer.stats import EnsembleSummary
from landauer.sweep.points import Output

ERASURE_OUTPUTS = (
    Output("mean_work", "kT", "mean work <W> done on the memory"),
    Output("mean_work_se", "kT", "standard error of <W>"),
    Output("mean_heat", "kT", "mean heat <Q> to the bath"),
    Output("mean_heat_se", "kT", "standard error of <Q>"),
    Output("eps", "1", "residual error: fraction not in the target state"),
    Output("success_probability", "1", "fraction in the target state"),
    Output("success_probability_se", "1", "its standard error"),
    Output("eps_corrected_bound", "kT", "W_min(eps) = ln 2 + eps ln eps + (1-eps) ln(1-eps)"),
    Output("excess_work", "kT", "<W> - W_min(eps)"),
    Output("excess_work_se", "kT", "standard error of the excess work"),
    Output("finite_time_bound", "kT", "W_2^2/(mu tau) (Proesmans et al. 2020; NaN if not 1-D overdamped)"),
    Output("mean_exp_minus_w", "1", "<exp(-W/kT)> (Jarzynski)"),
    Output("mean_exp_minus_w_se", "1", "standard error of <exp(-W/kT)>"),
    Output("trajectories_run", "1", "trajectories in the ensemble"),
    Output("W", "kT", "work per trajectory", per_trajectory=True),
    Output("state_final", "1", "final logical state per trajectory", per_trajectory=True, dtype="int64"),
)


def _f(v: float | None) -> float:
    return math.nan if v is None else float(v)


def erasure_values(s: EnsembleSummary) -> xr.Dataset:
    """The 0-d erasure outputs of a summary (energies in kT)."""
    me = s.mean_exp_minus_work
    values = {
        "mean_work": s.mean_work, "mean_work_se": s.mean_work_se, "mean_heat": s.mean_heat,
        "mean_heat_se": s.mean_heat_se, "eps": s.eps, "success_probability": s.success_probability,
        "success_probability_se": s.success.stderr, "eps_corrected_bound": s.eps_corrected_bound,
        "excess_work": s.excess_work, "excess_work_se": s.excess_work_se,
        "finite_time_bound": _f(s.finite_time_bound), "mean_exp_minus_w": me.value,
        "mean_exp_minus_w_se": me.stderr, "trajectories_run": float(s.n),
    }
    return xr.Dataset({k: ((), _f(v)) for k, v in values.items()})
