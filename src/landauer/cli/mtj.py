"""``landauer mtj``: macrospin Landauer reset, M-H/TMR loops and the MOKE calibration pipeline."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import click

from landauer.cli._common import (
    FLOAT,
    JSON,
    NO_PROGRESS,
    Count,
    check_out_file,
    emit,
    out_option,
    plan,
    plan_ensemble,
    real,
    seed_option,
    temperature_option,
    trajectories_option,
)
from landauer.validation import ParameterError

SIGMA_MAX = 700.0
"""Largest barrier E_b/kT the macrospin CLI accepts: exp(sigma) (dwell time) overflows a double beyond."""


@click.group("mtj")
def mtj() -> None:
    """Magnetic-tunnel-junction free layer (stochastic macrospin, Wang et al. 2026)."""


def _params(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float):  # noqa: ANN202
    from landauer.models.mtj.params import MTJParams

    p = MTJParams(temperature=temperature, diameter=diameter_nm * 1e-9, alpha=alpha, mu0_Hk=mu0_hk_mT * 1e-3,
                  Ms=ms)
    if not p.sigma <= SIGMA_MAX:
        raise ParameterError(f"-T/--temperature {temperature:g} K: the barrier E_b/kT = {p.sigma:.3g} is beyond "
                             f"the thermal range of the macrospin model (<= {SIGMA_MAX:g}); raise -T or reduce "
                             "--diameter, --hk or --ms")
    return p


_common = [
    temperature_option(300.0),
    click.option("--diameter", "diameter_nm", type=real(0, lo_open=True, unit="nm"), default=50.0,
                 show_default=True, help="Free-layer diameter (nm)."),
    click.option("--alpha", type=real(0, lo_open=True), default=1.0, show_default=True,
                 help="Gilbert damping (quasi-static results are alpha-independent; 0.01 is ~50x slower)."),
    click.option("--hk", "mu0_hk_mT", type=real(0, lo_open=True, unit="mT"), default=80.0, show_default=True,
                 help="mu0 H_K (mT)."),
    click.option("--ms", type=real(0, lo_open=True, unit="A/m"), default=1.1e6, show_default=True,
                 help="Ms (A/m)."),
    trajectories_option(1000, minimum=2),
    seed_option(1),
    JSON,
    out_option(),
    NO_PROGRESS,
]

SPHERE_COST = 5.0
"""Cost of one stochastic-LLG step relative to a 1-D overdamped step (for run-time estimates)."""
DTAU = 0.01
"""The fixed reduced time step of the macrospin runs (units of t0)."""


def common(f):  # noqa: ANN001, ANN201
    for opt in reversed(_common):
        f = opt(f)
    return f


@mtj.command()
@common
@click.option("--stage-time", "stage_ns", type=real(0, lo_open=True, unit="ns"), default=21.3, show_default=True,
              help="Duration of each of the 4 stages (ns); several values with --sweep.")
@click.option("--sweep", "sweep_ns", type=str, default=None,
              help="Comma-separated stage times (ns) for a duration sweep with the 1/tau fit.")
@click.option("--hx", type=FLOAT, default=1.5, show_default=True, help="Hard-axis field (units of H_K).")
@click.option("--bias", "hb", type=FLOAT, default=0.3, show_default=True, help="Easy-axis bias (units of H_K).")
def erase(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float, trajectories: int,
          seed: int, as_json: bool, out_file: str | None, no_progress: bool, stage_ns: float, sweep_ns: str | None,
          hx: float, hb: float) -> None:
    """4-stage field-driven Landauer reset: mean work vs kT ln 2 and the eps-corrected bound."""
    from landauer.constants import LN2
    from landauer.models.mtj.macrospin import ReducedMacrospin
    from landauer.models.mtj.reset import ResetProtocol, fit_excess, quasistatic_window, run_reset, summarize
    from landauer.models.mtj.reset import sweep as run_sweep

    check_out_file(out_file)
    stages_ns = [stage_ns] if sweep_ns is None else _stage_times(sweep_ns)
    p = _params(temperature, diameter_nm, alpha, mu0_hk_mT, ms)
    steps = sum(4 * t * 1e-9 / p.t0 / DTAU for t in stages_ns)
    plan_ensemble(trajectories=trajectories, steps=steps, ndim=3, cost=SPHERE_COST,
                  step_flags="--sweep" if sweep_ns is not None else "--stage-time", what="the reset ensemble")
    system = ReducedMacrospin.from_params(p)
    rp = ResetProtocol(hx=hx, hb=hb, tau_stage=stage_ns * 1e-9 / p.t0)
    win = quasistatic_window(p)
    info = {"sigma_kT": p.sigma, "t0_ns": p.t0 * 1e9, "t_rel_ns": win["t_rel_s"] * 1e9,
            "dwell_time_s": win["dwell_s"], "kTln2_kT": LN2}
    if sweep_ns is not None:
        taus = [t * 1e-9 / p.t0 for t in stages_ns]
        with _dt_in_user_units(p.t0, "--sweep"):
            sw = run_sweep(system, rp, taus, n_trajectories=trajectories, seed=seed, params=p,
                           progress=not no_progress)
        out = dict(info)
        out["stage_time_ns"] = [t * p.t0 * 1e9 for t in sw.tau_stage.values]
        out["mean_W_kT"] = sw.mean_W.values.tolist()
        out["se_W_kT"] = sw.se_W.values.tolist()
        out["W_min_eps_kT"] = sw.W_min_eps.values.tolist()
        out["success"] = sw.success.values.tolist()
        if len(taus) >= 2:
            fit = fit_excess(sw.tau_stage.values, sw.mean_W.values, sw.se_W.values, decades=math_log10_span(taus))
            out["W_inf_kT"], out["W_inf_se_kT"] = fit.W_inf, fit.W_inf_se
            out["excess_B_kT_ns"] = fit.B * p.t0 * 1e9
            out["stage_time_for_0.01kT_excess_ns"] = fit.tau_for_excess(0.01) * p.t0 * 1e9
        emit(out, as_json=as_json, title="MTJ reset duration sweep (energies in kT)", out_file=out_file)
        return
    with _dt_in_user_units(p.t0, "--stage-time"):
        ds = run_reset(system, rp, n_trajectories=trajectories, seed=seed, progress=not no_progress)
    s = summarize(ds, rp.tau_stage)
    out = dict(info)
    out.update(stage_time_ns=stage_ns, mean_W_kT=s.mean_W, se_W_kT=s.se_W, sd_W_kT=s.sd_W,
               mean_W_zJ=s.mean_W * p.kT / 1e-21, mean_W_kTln2=s.mean_W / LN2, eps=s.eps_hat,
               success=s.success, W_min_eps_kT=s.W_min_eps, jarzynski_restricted=s.jarzynski_restricted,
               jarzynski_restricted_se=s.jarzynski_restricted_se)
    emit(out, as_json=as_json, title="MTJ 4-stage reset (energies in kT)", out_file=out_file)


@contextlib.contextmanager
def _dt_in_user_units(t0_s: float, time_flag: str) -> Iterator[None]:
    """Re-word the engine's step-size errors (reduced units) in ns and the flags that set them."""
    try:
        yield
    except ParameterError as exc:
        msg = str(exc)
        step_ns = DTAU * t0_s * 1e9
        if "too coarse" in msg:
            m = re.search(r"max\|h_eff\| = ([0-9.eE+-]+)", msg)
            h = f" (|h_eff| up to {float(m.group(1)) / DTAU:.3g} H_K)" if m else ""
            raise ParameterError(f"--hx/--bias: the fields are too strong for the fixed time step "
                                 f"{step_ns:.3g} ns{h}; reduce --hx or --bias") from None
        if "longer than the protocol duration" in msg:
            raise ParameterError(f"{time_flag}: shorter than the fixed time step {step_ns:.3g} ns "
                                 f"(0.01 t0, and t0 = 1/(gamma mu0 H_K) grows as --hk shrinks); raise "
                                 f"{time_flag} or --hk") from None
        raise


def _stage_times(text: str) -> list[float]:
    """Parse ``--sweep`` (comma-separated stage times in ns, each finite and > 0)."""
    import math

    parts = [t.strip() for t in text.split(",")]
    if not text.strip() or any(not t for t in parts):
        raise click.BadParameter(f"give comma-separated stage times in ns (e.g. 5,10,20), got {text!r}",
                                 param_hint="'--sweep'")
    vals = []
    for t in parts:
        try:
            v = float(t)
        except ValueError:
            raise click.BadParameter(f"{t!r} is not a number (stage times in ns, comma-separated)",
                                     param_hint="'--sweep'") from None
        if not math.isfinite(v) or v <= 0:
            raise click.BadParameter(f"stage times must be finite and > 0 ns, got {t}", param_hint="'--sweep'")
        vals.append(v)
    return vals


def math_log10_span(taus: list[float]) -> float:
    import math

    return max(1.0, math.log10(max(taus) / min(taus))) if min(taus) > 0 else 1.0


@mtj.command()
@common
@click.option("--sweep-time", "sweep_ns", type=real(0, lo_open=True, unit="ns"), default=14.2, show_default=True,
              help="Time per field leg of length H_max (ns).")
@click.option("--hmax", type=real(0, lo_open=True), default=1.5, show_default=True, help="Sweep amplitude (units of H_K).")
@click.option("--tmr", type=real(0), default=1.5, show_default=True, help="TMR ratio (1.5 = 150 %).")
@click.option("--tmr-form", type=click.Choice(["conductance", "linear"]), default="conductance", show_default=True)
def loops(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float, trajectories: int,
          seed: int, as_json: bool, out_file: str | None, no_progress: bool, sweep_ns: float, hmax: float, tmr: float,
          tmr_form: str) -> None:
    """Easy- and hard-axis M-H and TMR-H loops from the ensemble, with loop works."""
    from landauer.models.mtj.loops import axis_loop
    from landauer.models.mtj.macrospin import ReducedMacrospin

    check_out_file(out_file)
    p = _params(temperature, diameter_nm, alpha, mu0_hk_mT, ms)
    # two axes, each a full loop (4 legs of length H_max)
    plan_ensemble(trajectories=trajectories, steps=2 * 4 * sweep_ns * 1e-9 / p.t0 / DTAU, ndim=3,
                  cost=SPHERE_COST, step_flags="--sweep-time", what="the loop ensembles")
    system = ReducedMacrospin.from_params(p)
    out: dict = {"sigma_kT": p.sigma, "tmr_form": tmr_form}
    for axis in ("easy", "hard"):
        with _dt_in_user_units(p.t0, "--sweep-time"):
            d = axis_loop(system, axis=axis, h_max=hmax, tau_sweep=sweep_ns * 1e-9 / p.t0, n_trajectories=trajectories,
                          seed=seed, tmr=tmr, form=tmr_form)  # type: ignore[arg-type]
        out[f"{axis}_loop_work_kT"] = d.attrs["W_loop_kT"]
        out[f"{axis}_mean_work_kT"] = d.attrs["W_mean_kT"]
        out[f"{axis}_mean_work_se_kT"] = d.attrs["W_se_kT"]
        out[f"{axis}_R_min_RP"] = float(d.R_mean.min())
        out[f"{axis}_R_max_RP"] = float(d.R_mean.max())
    emit(out, as_json=as_json, title="MTJ loops (works in kT, resistance in R_P)", out_file=out_file)


@mtj.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--meta", "meta_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Calibration of YOUR devices: metadata CSV (key,value,uncertainty); required with FILES.")
@click.option("--synthetic", is_flag=True,
              help="Run on the shipped synthetic dataset with its own calibration (not with FILES or --meta).")
@click.option("--dead-layer-mode", type=click.Choice(["both", "none", "Ms_only", "V_only"]), default="both",
              show_default=True)
@click.option("--draws", type=Count(100), default=10_000, show_default=True, help="Monte Carlo draws (>= 100).")
@seed_option(0)
@JSON
@out_option()
def moke(files: tuple[str, ...], meta_path: str | None, synthetic: bool, dead_layer_mode: str, draws: int,
         seed: int, as_json: bool, out_file: str | None) -> None:
    """Dissipated energy per device from MOKE loops FILES (<dev>_easy.csv and <dev>_hard.csv).

    CSV columns: mu0H_mT, kerr_mrad, optional kerr_err_mrad and time_s, rows in sweep order. The energy
    scale comes from the device calibration in --meta (area, moment, theta_sat, ...): it is required for
    your files; --synthetic runs the shipped dataset with its own calibration.
    """
    from landauer.models.mtj import moke as mk

    if synthetic and (files or meta_path):
        raise click.UsageError("--synthetic runs the shipped dataset with its own calibration; "
                               "give either --synthetic or your FILES with --meta, not both")
    if not files and not synthetic:
        raise click.UsageError("give loop FILES with --meta (their calibration), or --synthetic")
    if files and not meta_path:
        raise click.UsageError("--meta is required with FILES: the energies scale with your devices' "
                               "calibration (area, moment, theta_sat); the synthetic dataset's would give "
                               "plausible but wrong numbers")
    check_out_file(out_file)
    paths: list = list(files) if files else mk.shipped_files()
    meta = mk.MokeMetadata.from_csv(meta_path) if meta_path else mk.MokeMetadata.synthetic_default()
    rows = max(_count_lines(p) for p in paths)
    # per device and axis: draws x rows float64 noise, the noisy loop and its product with the field (~4 copies)
    plan(memory=float(draws) * rows * 8 * 4, flags="--draws", what=f"the Monte Carlo ({draws:.3g} draws x {rows} rows)")
    res = mk.run_pipeline(paths, meta, mode=dead_layer_mode, n_draws=draws, seed=seed)  # type: ignore[arg-type]
    _check_finite_result(res, paths)
    if as_json:
        emit(res, as_json=True, out_file=out_file)
        return
    from landauer.cli._common import table

    table({d["device"]: f"E = {d['E_signed_zJ']:.3f} +- {d['E_signed_zJ_err']:.3f} zJ "
           f"({d['E_signed_kTln2']:.3f} kT ln 2); easy {d['E_easy_kT']:.2f} kT, hard {d['E_hard_kT']:.2f} kT"
           for d in res["devices"]}, title="devices")
    emit({k: v for k, v in res.items() if k != "devices"}, as_json=False, title="ensemble", out_file=out_file)


def _count_lines(path: object) -> int:
    with open(str(path), "rb") as fh:
        return sum(1 for _ in fh)


def _check_finite_result(res: dict, paths: list) -> None:
    """A non-finite energy is an error naming the device and the loop rows that overflow, never a NaN."""
    import math
    from pathlib import Path

    import numpy as np

    from landauer.models.mtj import moke as mk

    for d in res["devices"]:
        bad = [k for k, v in d.items() if isinstance(v, float) and not math.isfinite(v)
               and not k.startswith("closure")]
        if not bad:
            continue
        where = []
        for p in paths:
            if Path(str(p)).name.startswith(f"{d['device']}_"):
                loop = mk.read_loop(p)
                with np.errstate(all="ignore"):
                    terms = 0.5 * (loop.theta[1:] + loop.theta[:-1]) * np.diff(loop.H)
                    sq = (loop.theta * loop.H) ** 2
                rows_bad = sorted({int(i) + 2 for i in np.flatnonzero(~np.isfinite(terms))}
                                  | {int(i) + 2 for i in np.flatnonzero(~np.isfinite(sq))})
                if rows_bad:
                    where.append(f"{Path(str(p)).name} rows {', '.join(map(str, rows_bad[:5]))}")
        hint = "; overflow in " + "; ".join(where) if where else ""
        raise ParameterError(f"device {d['device']}: energy is not finite ({bad[0]}){hint}: "
                             "check those values and units")


def register(group: click.Group) -> None:
    group.add_command(mtj)
