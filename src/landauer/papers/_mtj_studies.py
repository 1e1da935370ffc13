"""The MTJ reproduction's reset studies, run through the sweep runner (point ``mtj.reset``).

The duration sweep and the dt-convergence / finite-bias checks of :mod:`landauer.papers.mtj` are study files
(zipped grids) run serially into a temporary Zarr store: point k draws from ``SeedSequence(master,
spawn_key=(k,))`` (``child_seed(master, k)``), an adaptive point's batch b from ``spawn_key=(k, b)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr

from landauer.constants import LN2

#: Bias and stage time of the finite-bias case: eps_hat ~ 0.15 (h_b = 0.04, tau_s = 300 t0: measured
#: 0.155 with 800 trajectories, against the h_x = 0 equilibrium 0.051), so failed erasures are sampled and
#: the FULL Jarzynski average <exp(-W/kT)> = 1 (Delta F = 0 over the cycle) is a sharp check.
HB_FINITE = 0.04
TAU_FINITE = 300.0
#: Cap on the trajectories of one adaptive sweep point (batches of ``n_sweep`` until SE(<W>) <= se_target).
MAX_TRAJECTORIES = 20_000
#: Integration step of the duration sweep (reduced time; the dt check halves it).
DTAU = 0.01

RESET_STUDY = """[study]
point = "mtj.reset"
store = "reset-sweep.zarr"
seed = {seed}
description = "MTJ reproduction: 4-stage reset against the stage duration (reduced time, alpha = 1)"
[grid.zip.tau_stage]
tau_stage_t0 = {taus}
target_se_kT = {targets}
[fixed]
{device}
dtau = {dtau}
trajectories = {n}
max_trajectories = {cap}
"""

CHECKS_STUDY = """[study]
point = "mtj.reset"
store = "reset-checks.zarr"
seed = {seed}
description = "MTJ reproduction: the sweep's shortest fitted duration at half the step; finite-bias erasure"
[grid.zip.case]
tau_stage_t0 = {taus}
dtau = {dtaus}
hb = {hbs}
target_se_kT = {targets}
trajectories = {ns}
[fixed]
{device}
max_trajectories = {cap}
"""


def device_toml(params: Any, rp: Any) -> str:
    """The [fixed] device lines of the mtj.reset studies (the reproduction's device, alpha = 1)."""
    return (f"temperature_K = {params.temperature!r}\ndiameter_nm = {params.diameter * 1e9!r}\n"
            f"alpha = {params.alpha!r}\nmu0_hk_mT = {params.mu0_Hk * 1e3!r}\nMs_A_per_m = {params.Ms!r}\n"
            f"hx = {rp.hx!r}")


def run_study(text: str, *, label: str, progress: bool, sigma: float) -> xr.Dataset:
    """Run a study serially into a temporary store; return it loaded (RuntimeError on a failed point)."""
    from landauer.sweep import run_in_memory

    out = run_in_memory(text, name=f"mtj-{label}", progress=progress)
    if not np.allclose(out["sigma_kT"].values, sigma, rtol=1e-9):
        raise RuntimeError(f"mtj {label}: the study's device has sigma {out['sigma_kT'].values}, not {sigma}")
    return out


def reset_sweep(params: Any, rp: Any, sz: dict[str, Any], *, seed: int, progress: bool) -> xr.Dataset:
    """The duration sweep through the sweep runner (point ``mtj.reset``, serial, temporary store): the
    top decade of stage times runs batches of ``n_sweep`` until SE(<W>) <= ``se_target`` (point k seeded by
    ``child_seed(seed, k)``, batch b by ``SeedSequence(seed, spawn_key=(k, b))``); a Dataset over ``tau_stage``."""
    taus = [float(t) for t in sz["taus"]]
    targets = [sz["se_target"] if t in fitted_taus(sz) else 0.0 for t in taus]
    text = RESET_STUDY.format(seed=seed, taus=taus, targets=targets, device=device_toml(params, rp) +
                              f"\nhb = {rp.hb!r}", n=sz["n_sweep"], cap=MAX_TRAJECTORIES,
                              dtau=DTAU)
    st = run_study(text, label="reset-sweep", progress=progress, sigma=params.sigma)
    keys = ("mean_W", "se_W", "sd_W", "eps_hat", "W_min_eps", "jarzynski_restricted", "jarzynski_restricted_se",
            "jarzynski_full", "jarzynski_full_se", "batches", "converged")
    sw = xr.Dataset({k: ("tau_stage", st[k].values.astype(float), st[k].attrs) for k in keys},
                    coords={"tau_stage": ("tau_stage", st["tau_reduced"].values.astype(float),
                                          {"units": "t0 = 1/(gamma mu0 H_K)"})})
    sw["success"] = 1.0 - sw["eps_hat"]
    sw["n"] = ("tau_stage", st["trajectories_run"].values.astype(float))
    sw["target_se_kT"] = ("tau_stage", np.asarray(targets), {"units": "kT", "long_name": "0: fixed ensemble"})
    sw["seed"] = ("tau_stage", st["seed"].values.astype(np.uint64))
    sw.attrs.update({k: st.attrs[k] for k in ("landauer_version", "git_revision", "study_text")},
                    model="mtj-reset-sweep", seed=seed, hx=rp.hx, hb=rp.hb, sigma=params.sigma, alpha=params.alpha,
                    dtau=DTAU, kTln2=LN2)
    return sw


def fitted_taus(sz: dict[str, Any]) -> list[float]:
    """The top decade of stage times: the 1/tau fit's range, sized adaptively."""
    taus = [float(t) for t in sz["taus"]]
    return [t for t in taus if t >= max(taus) / 10.0 * (1 - 1e-12)]


def reset_checks(params: Any, rp: Any, sz: dict[str, Any], *, seed: int, progress: bool) -> xr.Dataset:
    """Case 0: the shortest fitted stage time (largest excess) at half the sweep's step, sized to sqrt(2) x the
    sweep's SE target (half the trajectories of a step twice as expensive; compared with the sweep's own point,
    so the difference has SE ~ 1.7 x the target: dt convergence near the precision of the fit); case 1: the
    finite-bias erasure (h_b = HB_FINITE, tau_s = TAU_FINITE, ``n_fb``). One zipped study, point ``mtj.reset``."""
    text = CHECKS_STUDY.format(seed=seed, taus=[min(fitted_taus(sz)), TAU_FINITE], dtaus=[DTAU / 2, DTAU],
                               hbs=[rp.hb, HB_FINITE], targets=[math.sqrt(2) * sz["se_target"], 0.0], ns=[sz["n_sweep"], sz["n_fb"]],
                               device=device_toml(params, rp), cap=MAX_TRAJECTORIES)
    return run_study(text, label="reset-checks", progress=progress, sigma=params.sigma)
