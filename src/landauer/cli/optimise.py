"""``landauer optimise``: the cheapest protocol of a given duration on a device, against its bound."""

from __future__ import annotations

import json

import click

from landauer.cli._common import FLOAT, emit


def _problem(device: str, *, tau: float, knots: int | None, error_target: float | None, dt: float | None):  # noqa: ANN202
    """Resolve ``--device``: the closed-form harmonic tasks by name, otherwise a device file or shipped name."""
    from landauer.optimise import problems

    kw: dict[str, object] = {"tau": tau}
    if knots is not None:
        kw["knots"] = knots
    if dt is not None:
        kw["dt"] = dt
    if device in ("harmonic-drag", "harmonic-stiffen"):
        if error_target is not None:
            raise click.BadParameter(f"{device} has no logical error; drop it", param_hint="'--error-target'")
        return problems.builtin(device, **kw)
    if device == "mtj":  # the macrospin reset (sphere dynamics; tau and dt in t0 = 1/(gamma mu0 H_K))
        return problems.builtin(device, error_target=0.01 if error_target is None else error_target, **kw)
    from landauer.devices.registry import load
    from landauer.optimise.devicefile import problem_from_file

    devfile = load(device)
    if devfile.target is None and error_target is not None:
        raise click.BadParameter(f"{device} has no [task] target state; drop it", param_hint="'--error-target'")
    if devfile.target is not None and error_target is None:
        error_target = 0.01
    return problem_from_file(devfile, error_target=error_target, **kw)  # type: ignore[arg-type]


@click.command()
@click.option("--device", required=True,
              help="Device file, shipped device name (double-well, harmonic-drag, ...), harmonic-stiffen or mtj "
                   "(the macrospin reset; --tau and --dt in t0 = 1/(gamma mu0 H_K)). harmonic-drag and "
                   "harmonic-stiffen use their exact oracle and closed-form optimum.")
@click.option("--tau", type=FLOAT, required=True, help="Protocol duration (the device's time unit).")
@click.option("--knots", type=int, default=None, help="Knots per control (default: the device's).")
@click.option("--error-target", type=FLOAT, default=None,
              help="Largest acceptable error rate (devices with a [task] target; default 0.01).")
@click.option("-n", "--trajectories", type=int, default=1000, show_default=True,
              help="Trajectories in the common-random-number ensemble of the search.")
@click.option("--eval-trajectories", type=int, default=None,
              help="Trajectories of the independent evaluation (default: 10 x --trajectories).")
@click.option("--seed", type=int, default=1, show_default=True, help="Search seed; the evaluation uses an independent seed spawned from it "
              "(landauer.stats.child_seed(seed, 0)).")
@click.option("--method", type=click.Choice(["powell", "nelder-mead"]), default="powell", show_default=True)
@click.option("--max-evaluations", type=int, default=300, show_default=True,
              help="Budget of ensemble evaluations for the search.")
@click.option("--dt", type=FLOAT, default=None, help="Time step (default: the device's).")
@click.option("--oracle", is_flag=True, help="Search with the device's exact mean-work oracle when it has one.")
@click.option("--figure", "figure_file", type=click.Path(dir_okay=False), default=None,
              help="Save the optimal schedule beside the baseline (PNG/PDF/SVG).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Write the result as JSON to this file (atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--no-progress", is_flag=True)
def optimise(device: str, tau: float, knots: int | None, error_target: float | None, trajectories: int,
             eval_trajectories: int | None, seed: int, method: str, max_evaluations: int, dt: float | None,
             oracle: bool, figure_file: str | None, out_file: str | None, as_json: bool,
             no_progress: bool) -> None:
    """Optimise a protocol of duration TAU on DEVICE: mean work at an error target, with an
    independent-seed evaluation beside the device's own protocol and the bound."""
    from landauer.io import atomic_write_text
    from landauer.optimise import optimise as run_optimise
    from landauer.reproduce import _jsonable
    from landauer.validation import check_int, check_positive, check_probability

    check_positive("--tau", tau)
    n = check_int("--trajectories", trajectories, minimum=2)
    n_eval = check_int("--eval-trajectories", eval_trajectories if eval_trajectories is not None else 10 * n,
                       minimum=2)
    check_int("--max-evaluations", max_evaluations, minimum=1)
    if knots is not None:
        check_int("--knots", knots, minimum=2)
    if error_target is not None:
        check_probability("--error-target", error_target)
    if dt is not None:
        check_positive("--dt", dt)
    problem = _problem(device, tau=tau, knots=knots, error_target=error_target, dt=dt)
    if oracle and problem.exact is None:
        raise click.BadParameter(f"{device} has no exact oracle", param_hint="'--oracle'")
    res = run_optimise(problem, n=n, seed=seed, eval_n=n_eval, method=method, max_evaluations=max_evaluations,
                       use_exact=oracle, progress=not no_progress)
    data = {"device": device, "tau": tau, "knots": problem.family.knots, "trajectories": n,
            "error_target": problem.error_target, **res.as_dict()}
    if figure_file:
        from landauer.optimise.figures import schedule_figure

        fig = schedule_figure(res.protocol, problem.baseline, title=f"{device}, tau = {tau:g}")
        fig.savefig(figure_file, dpi=150)
    if out_file:
        atomic_write_text(out_file, json.dumps(_jsonable(data), indent=2) + "\n")
    if not as_json:
        sched = data.pop("protocol")
        data["knot_times"] = sched["knot_times"]
        for name, val in sched.items():
            if name != "knot_times":
                data[f"knots_{name}"] = [round(v, 4) for v in val["values"]]
    emit(data, as_json=as_json,
         title=f"optimal protocol on {device} (tau = {tau:g}; energies in kT, independent evaluation)")


def register(group: click.Group) -> None:
    group.add_command(optimise)
