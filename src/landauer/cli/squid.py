"""``landauer squid ...``: landscape analysis, CE and NAND runs, robustness for coupled rf-SQUIDs."""

from __future__ import annotations

from typing import Any

import click

from landauer.cli._common import (
    FLOAT,
    JSON,
    NO_PROGRESS,
    check_out_file,
    emit,
    out_option,
    plan_ensemble,
    real,
    seed_option,
    temperature_option,
    trajectories_option,
)


def _params(L: float, C: float, R: float, temperature: float, beta: float, gamma: float) -> Any:
    from landauer.models.squid.params import PH, SquidParams

    return SquidParams.from_dimensionless(L=L * PH, C=C * 1e-15, R=R, T=temperature, beta=beta, gamma=gamma)


def _device_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--L", "L", type=real(0, lo_open=True, unit="pH"), default=10.0, show_default=True,
                     help="rf-loop inductance (pH)"),
        click.option("--C", "C", type=real(0, lo_open=True, unit="fF"), default=500.0, show_default=True,
                     help="junction capacitance (fF)"),
        click.option("--R", "R", type=real(0, lo_open=True, unit="ohm"), default=30.0, show_default=True,
                     help="junction shunt (ohm)"),
        temperature_option(4.2, old=("--T",)),
        click.option("--beta", type=real(0, lo_open=True), default=2.3, show_default=True,
                     help="barrier parameter"),
        click.option("--gamma", type=real(0, lo_open=True), default=20.0, show_default=True,
                     help="dc-loop stiffness L/2l"),
        JSON,
        out_option(),
    ]):
        f = opt(f)
    return f


def _thermal_options(f: Any) -> Any:
    for opt in reversed([
        trajectories_option(0, minimum=0, old=("--n",),
                            help="Trajectories per input (0: quasi-static only, no thermal run)."),
        seed_option(0),
        NO_PROGRESS,
    ]):
        f = opt(f)
    return f


def _plan(prots: list[Any], n: int, dt: float, dof: int) -> None:
    """Up-front memory/time estimate of the thermal run (4 inputs x n trajectories, all steps)."""
    steps = sum(float(getattr(p, "duration", 0.0)) for p in prots) / dt
    plan_ensemble(trajectories=4 * n, steps=steps, ndim=2 * dof, cost=2.0 * dof,
                  traj_flag="-n/--trajectories", step_flags="--ramp/--hold", what="the thermal run")


@click.group("squid")
def squid() -> None:
    """Two coupled CJJ rf-SQUIDs: control erasure (CE) and NAND (arXiv:2406.12153)."""


@squid.command("landscape")
@_device_options
@click.option("--phi1x", type=FLOAT, default=0.0, help="tilt flux of SQUID 1 (rad)")
@click.option("--phi2x", type=FLOAT, default=0.0, help="tilt flux of SQUID 2 (rad)")
@click.option("--phi1xdc", type=FLOAT, default=0.0, help="barrier flux of SQUID 1 (rad)")
@click.option("--phi2xdc", type=FLOAT, default=0.0, help="barrier flux of SQUID 2 (rad)")
@click.option("--mu", type=FLOAT, default=0.0, help="coupling M12/L (+mu convention)")
@click.option("--ce", "ce_text", default=None, help="use the hold controls of CE i,c,t (e.g. 2,0,0)")
@click.option("--preset", type=click.Choice(["effective", "robust"]), default="effective", show_default=True)
@click.option("--dof", type=click.Choice(["2", "4"]), default="2", show_default=True)
def landscape_cmd(L: float, C: float, R: float, temperature: float, beta: float, gamma: float, phi1x: float,
                  phi2x: float, phi1xdc: float, phi2xdc: float, mu: float, ce_text: str | None, preset: str,
                  dof: str, as_json: bool, out_file: str | None) -> None:
    """Fixed points (type, position, energy in U0 and kT) and barriers of the landscape."""
    from landauer.models.squid import Controls, Shape, parse_ce
    from landauer.models.squid.analysis import analyze
    from landauer.models.squid.protocols import PRESETS

    check_out_file(out_file)
    p = _params(L, C, R, temperature, beta, gamma)
    c = parse_ce(ce_text).controls(PRESETS[preset]) if ce_text else Controls(phi1x, phi2x, phi1xdc, phi2xdc, mu)
    info = analyze(c, Shape(beta=p.beta, gamma=p.gamma, xi_on=dof == "4"), dof=int(dof))
    out = info.as_dict(kappa=p.kappa)
    out["U0_over_kT"] = p.U0_over_kT
    if as_json or out_file:
        emit(out, as_json=as_json, out_file=out_file)
    if as_json:
        return
    from landauer.cli._common import fmt

    click.echo(f"U0/kT = {p.U0_over_kT:.2f}; controls {fmt(c.as_dict())}")
    for fp in out["fixed_points"]:
        pos = ", ".join(f"{v:+.4f}" for v in fp["position"].values())
        click.echo(f"  {fp['kind']:<13} ({pos})  U = {fp['energy_U0']:.5f} U0 = {fp['energy_kT']:.2f} kT"
                   + (f"  state {fp['state']}" if "state" in fp else ""))
    for w, d in out["wells"].items():
        click.echo(f"  well {w}: barrier {d['barrier_U0']:.5f} U0 = {d['barrier_kT']:.2f} kT")


@squid.command("ce")
@_device_options
@click.option("--bit", "bit", type=click.IntRange(1, 2), required=True, help="erased bit i")
@click.option("--control", type=click.IntRange(0, 1), required=True, help="control value c of the other bit")
@click.option("--target", type=click.IntRange(0, 1), required=True, help="target value t")
@click.option("--preset", type=click.Choice(["effective", "robust"]), default="effective", show_default=True)
@click.option("--ramp", type=real(0, lo_open=True, unit="t_c"), default=100.0, show_default=True,
              help="ramp duration (t_c)")
@click.option("--hold", type=real(0, unit="t_c"), default=None,
              help="hold (t_c); default 10x the measured capture time")
@_thermal_options
@click.option("--dof", type=click.Choice(["2", "4"]), default="2", show_default=True)
def ce_cmd(L: float, C: float, R: float, temperature: float, beta: float, gamma: float, bit: int, control: int,
           target: int, preset: str, ramp: float, hold: float | None, trajectories: int, dof: str, seed: int,
           as_json: bool, out_file: str | None, no_progress: bool) -> None:
    """Run CE(bit, control, target): quasi-static truth table, and a thermal run with --n."""
    from landauer.models.squid import CE, Schedule, Shape, ce_protocol
    from landauer.models.squid.nand import landauer_cost, summarize
    from landauer.models.squid.protocols import PRESETS
    from landauer.models.squid.quasistatic import truth_table
    from landauer.models.squid.robustness import hold_time
    from landauer.models.squid.thermal import Thermal, run_sequence

    check_out_file(out_file)
    n = trajectories
    p = _params(L, C, R, temperature, beta, gamma)
    ce = CE(bit, control, target)
    amp = PRESETS[preset]
    shape = Shape(beta=p.beta, gamma=p.gamma)
    h = hold_time(ce, damping=p.damping, amplitudes=amp, shape=shape, factor=10.0) if hold is None else hold
    prot = ce_protocol(ce, amplitudes=amp, schedule=Schedule(ramp=ramp, hold=h))
    out: dict[str, Any] = {"ce": ce.name, "notation": ce.notation, "ideal": ce.mapping(),
                           "controls": ce.controls(amp).as_dict(), "hold_tc": h,
                           "quasi_static": truth_table(prot, shape=shape)}
    if n > 0:
        th = Thermal.from_params(p, dof=int(dof), dt=0.05 if dof == "2" else 0.01)
        _plan([prot], n, th.dt, int(dof))
        ds = run_sequence([prot], thermal=th, inputs=["00", "01", "10", "11"], n_per_input=n, seed=seed,
                          progress=not no_progress)
        s = summarize(ds, [ce])
        out["thermal"] = s.as_dict()
        out["mean_work_uniform_kT"] = s.average()[0]
        out["landauer_cost_uniform_kT"] = landauer_cost([ce])
    emit(out, as_json=as_json, title=f"{ce.name}: {ce.notation}", out_file=out_file)


@squid.command("nand")
@_device_options
@click.option("--complete", is_flag=True, help="complete NAND (5 CEs) instead of partial (3 CEs)")
@click.option("--preset", type=click.Choice(["effective", "robust"]), default="effective", show_default=True)
@_thermal_options
@click.option("--p", "p_text", default=None, help="input distribution p00,p01,p10,p11 (default uniform)")
def nand_cmd(L: float, C: float, R: float, temperature: float, beta: float, gamma: float, complete: bool,
             preset: str, trajectories: int, p_text: str | None, seed: int, as_json: bool, out_file: str | None,
             no_progress: bool) -> None:
    """NAND from CEs: quasi-static trace, and with --n a thermal run with work vs the Landauer cost."""
    from landauer.models.squid import Schedule, Shape, ce_protocol
    from landauer.models.squid.nand import (
        as_distribution,
        ideal_trace,
        landauer_cost,
        nand_sequence,
        summarize,
    )
    from landauer.models.squid.protocols import PRESETS
    from landauer.models.squid.quasistatic import trace
    from landauer.models.squid.robustness import hold_time
    from landauer.models.squid.thermal import Thermal, run_sequence
    from landauer.validation import ParameterError

    check_out_file(out_file)
    n = trajectories
    par = _params(L, C, R, temperature, beta, gamma)
    try:
        dist = as_distribution(None if p_text is None else [float(v) for v in p_text.split(",")])
    except ValueError as exc:
        raise ParameterError(f"--p: {exc}") from None
    ces = nand_sequence(complete=complete)
    amp = PRESETS[preset]
    shape = Shape(beta=par.beta, gamma=par.gamma)
    h = hold_time(ces[0], damping=par.damping, amplitudes=amp, shape=shape, factor=10.0)
    prots = [ce_protocol(c, amplitudes=amp, schedule=Schedule(hold=h)) for c in ces]
    out: dict[str, Any] = {"steps": [c.name for c in ces], "ideal_trace": ideal_trace(ces),
                           "quasi_static_trace": trace(prots, shape=shape), "hold_tc": h,
                           "landauer_cost_kT": landauer_cost(ces, dist)}
    if n > 0:
        th = Thermal.from_params(par)
        _plan(prots, n, th.dt, th.dof)
        ds = run_sequence(prots, thermal=th, inputs=["00", "01", "10", "11"], n_per_input=n, seed=seed,
                          progress=not no_progress)
        s = summarize(ds, ces, nand="complete" if complete else "partial")
        out["thermal"] = s.as_dict()
        out["mean_work_kT"], out["mean_work_stderr_kT"] = s.average(dist)
    emit(out, as_json=as_json, title=("complete" if complete else "partial") + " NAND", out_file=out_file)


@squid.command("robustness")
@_device_options
@click.option("--ce", "ce_text", default="2,0,0", show_default=True, help="CE i,c,t")
@click.option("--preset", type=click.Choice(["effective", "robust"]), default="effective", show_default=True)
@click.option("--method", type=click.Choice(["tst-1d", "kramers-langer", "melnikov-meshkov"]), default="tst-1d",
              show_default=True, help="dwell-time rate")
def robustness_cmd(L: float, C: float, R: float, temperature: float, beta: float, gamma: float, ce_text: str,
                   preset: str, method: str, as_json: bool, out_file: str | None) -> None:
    """tau_CE (App. A and measured capture), dwell times and robustness R = min dwell / tau_CE."""
    from landauer.models.squid import Shape, parse_ce
    from landauer.models.squid.protocols import PRESETS
    from landauer.models.squid.robustness import robustness

    check_out_file(out_file)
    p = _params(L, C, R, temperature, beta, gamma)
    r = robustness(parse_ce(ce_text), damping=p.damping, kappa=p.kappa, amplitudes=PRESETS[preset],
                   shape=Shape(beta=p.beta, gamma=p.gamma), method=method)  # type: ignore[arg-type]
    out = {"damping": p.damping, "U0_over_kT": p.U0_over_kT, "t_c_s": p.t_c, **r.as_dict()}
    emit(out, as_json=as_json, title=f"robustness of CE({ce_text})", out_file=out_file)


def register(group: click.Group) -> None:
    group.add_command(squid)
