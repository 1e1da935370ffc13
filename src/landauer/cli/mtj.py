"""``landauer mtj``: macrospin Landauer reset, M-H/TMR loops and the MOKE calibration pipeline."""

from __future__ import annotations

import click

from landauer.cli._common import FLOAT, emit


@click.group("mtj")
def mtj() -> None:
    """Magnetic-tunnel-junction free layer (stochastic macrospin, Wang et al. 2026)."""


def _params(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float):  # noqa: ANN202
    from landauer.models.mtj.params import MTJParams

    return MTJParams(temperature=temperature, diameter=diameter_nm * 1e-9, alpha=alpha, mu0_Hk=mu0_hk_mT * 1e-3,
                     Ms=ms)


_common = [
    click.option("--temperature", "-T", type=FLOAT, default=300.0, show_default=True, help="Temperature (K)."),
    click.option("--diameter", "diameter_nm", type=FLOAT, default=50.0, show_default=True,
                 help="Free-layer diameter (nm)."),
    click.option("--alpha", type=FLOAT, default=1.0, show_default=True,
                 help="Gilbert damping (quasi-static results are alpha-independent; 0.01 is ~50x slower)."),
    click.option("--hk", "mu0_hk_mT", type=FLOAT, default=80.0, show_default=True, help="mu0 H_K (mT)."),
    click.option("--ms", type=FLOAT, default=1.1e6, show_default=True, help="Ms (A/m)."),
    click.option("--trajectories", "-n", type=int, default=1000, show_default=True),
    click.option("--seed", type=int, default=1, show_default=True),
    click.option("--json", "as_json", is_flag=True, help="Print JSON."),
]


def common(f):  # noqa: ANN001, ANN201
    for opt in reversed(_common):
        f = opt(f)
    return f


@mtj.command()
@common
@click.option("--stage-time", "stage_ns", type=FLOAT, default=21.3, show_default=True,
              help="Duration of each of the 4 stages (ns); several values with --sweep.")
@click.option("--sweep", "sweep_ns", type=str, default=None,
              help="Comma-separated stage times (ns) for a duration sweep with the 1/tau fit.")
@click.option("--hx", type=FLOAT, default=1.5, show_default=True, help="Hard-axis field (units of H_K).")
@click.option("--bias", "hb", type=FLOAT, default=0.3, show_default=True, help="Easy-axis bias (units of H_K).")
def erase(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float, trajectories: int,
          seed: int, as_json: bool, stage_ns: float, sweep_ns: str | None, hx: float, hb: float) -> None:
    """4-stage field-driven Landauer reset: mean work vs kT ln 2 and the eps-corrected bound."""
    from landauer.constants import LN2
    from landauer.models.mtj.macrospin import ReducedMacrospin
    from landauer.models.mtj.reset import ResetProtocol, fit_excess, quasistatic_window, run_reset, summarize
    from landauer.models.mtj.reset import sweep as run_sweep

    p = _params(temperature, diameter_nm, alpha, mu0_hk_mT, ms)
    system = ReducedMacrospin.from_params(p)
    rp = ResetProtocol(hx=hx, hb=hb, tau_stage=stage_ns * 1e-9 / p.t0)
    win = quasistatic_window(p)
    info = {"sigma_kT": p.sigma, "t0_ns": p.t0 * 1e9, "t_rel_ns": win["t_rel_s"] * 1e9,
            "dwell_time_s": win["dwell_s"], "kTln2_kT": LN2}
    if sweep_ns:
        try:
            taus = [float(x) * 1e-9 / p.t0 for x in sweep_ns.split(",")]
        except ValueError:
            raise click.BadParameter(f"--sweep must be comma-separated numbers, got {sweep_ns!r}") from None
        sw = run_sweep(system, rp, taus, n_trajectories=trajectories, seed=seed, params=p)
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
        emit(out, as_json=as_json, title="MTJ reset duration sweep (energies in kT)")
        return
    s = summarize(run_reset(system, rp, n_trajectories=trajectories, seed=seed), rp.tau_stage)
    out = dict(info)
    out.update(stage_time_ns=stage_ns, mean_W_kT=s.mean_W, se_W_kT=s.se_W, sd_W_kT=s.sd_W,
               mean_W_zJ=s.mean_W * p.kT / 1e-21, mean_W_kTln2=s.mean_W / LN2, eps=s.eps_hat,
               success=s.success, W_min_eps_kT=s.W_min_eps, jarzynski_restricted=s.jarzynski_restricted,
               jarzynski_restricted_se=s.jarzynski_restricted_se)
    emit(out, as_json=as_json, title="MTJ 4-stage reset (energies in kT)")


def math_log10_span(taus: list[float]) -> float:
    import math

    return max(1.0, math.log10(max(taus) / min(taus))) if min(taus) > 0 else 1.0


@mtj.command()
@common
@click.option("--sweep-time", "sweep_ns", type=FLOAT, default=14.2, show_default=True,
              help="Time per field leg of length H_max (ns).")
@click.option("--hmax", type=FLOAT, default=1.5, show_default=True, help="Sweep amplitude (units of H_K).")
@click.option("--tmr", type=FLOAT, default=1.5, show_default=True, help="TMR ratio (1.5 = 150 %).")
@click.option("--tmr-form", type=click.Choice(["conductance", "linear"]), default="conductance", show_default=True)
def loops(temperature: float, diameter_nm: float, alpha: float, mu0_hk_mT: float, ms: float, trajectories: int,
          seed: int, as_json: bool, sweep_ns: float, hmax: float, tmr: float, tmr_form: str) -> None:
    """Easy- and hard-axis M-H and TMR-H loops from the ensemble, with loop works."""
    from landauer.models.mtj.loops import axis_loop
    from landauer.models.mtj.macrospin import ReducedMacrospin

    p = _params(temperature, diameter_nm, alpha, mu0_hk_mT, ms)
    system = ReducedMacrospin.from_params(p)
    out: dict = {"sigma_kT": p.sigma, "tmr_form": tmr_form}
    for axis in ("easy", "hard"):
        d = axis_loop(system, axis=axis, h_max=hmax, tau_sweep=sweep_ns * 1e-9 / p.t0, n_trajectories=trajectories,
                      seed=seed, tmr=tmr, form=tmr_form)  # type: ignore[arg-type]
        out[f"{axis}_loop_work_kT"] = d.attrs["W_loop_kT"]
        out[f"{axis}_mean_work_kT"] = d.attrs["W_mean_kT"]
        out[f"{axis}_mean_work_se_kT"] = d.attrs["W_se_kT"]
        out[f"{axis}_R_min_RP"] = float(d.R_mean.min())
        out[f"{axis}_R_max_RP"] = float(d.R_mean.max())
    emit(out, as_json=as_json, title="MTJ loops (works in kT, resistance in R_P)")


@mtj.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--meta", "meta_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Metadata CSV (key,value,uncertainty); default: the synthetic dataset's metadata.")
@click.option("--synthetic", is_flag=True, help="Run on the shipped synthetic dataset.")
@click.option("--dead-layer-mode", type=click.Choice(["both", "none", "Ms_only", "V_only"]), default="both",
              show_default=True)
@click.option("--draws", type=int, default=10_000, show_default=True, help="Monte Carlo draws.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def moke(files: tuple[str, ...], meta_path: str | None, synthetic: bool, dead_layer_mode: str, draws: int,
         seed: int, as_json: bool) -> None:
    """Dissipated energy per device from MOKE loops FILES (<dev>_easy.csv and <dev>_hard.csv).

    CSV columns: mu0H_mT, kerr_mrad, optional kerr_err_mrad and time_s, rows in sweep order.
    """
    from landauer.models.mtj import moke as mk

    paths: list = list(files)
    if synthetic:
        paths += mk.shipped_files()
    if not paths:
        raise click.UsageError("give loop FILES or --synthetic")
    meta = mk.MokeMetadata.from_csv(meta_path) if meta_path else mk.MokeMetadata.synthetic_default()
    res = mk.run_pipeline(paths, meta, mode=dead_layer_mode, n_draws=draws, seed=seed)  # type: ignore[arg-type]
    if as_json:
        emit(res, as_json=True)
        return
    for d in res["devices"]:
        click.echo(f"  {d['device']:<20} E = {d['E_signed_zJ']:.3f} +- {d['E_signed_zJ_err']:.3f} zJ "
                   f"({d['E_signed_kTln2']:.3f} kT ln 2); easy {d['E_easy_kT']:.2f} kT, hard {d['E_hard_kT']:.2f} kT")
    emit({k: v for k, v in res.items() if k != "devices"}, as_json=False, title="ensemble")


def register(group: click.Group) -> None:
    group.add_command(mtj)
