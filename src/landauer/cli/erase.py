"""``landauer erase <model>``: run an erasure ensemble and print its figures of merit."""

from __future__ import annotations

import click

from landauer.cli._common import FLOAT, SEED, Count, check_out_file, emit, plan_ensemble

MODELS = ("double-well",)


@click.command()
@click.argument("model", type=click.Choice(MODELS))
@click.option("--tau", type=FLOAT, default=16.0, show_default=True,
              help="Protocol duration in diffusion times x_m^2 gamma / kT.")
@click.option("-n", "--trajectories", type=Count(2), default=10_000, show_default=True)
@click.option("--seed", type=SEED, default=1, show_default=True)
@click.option("--temperature", "-T", type=FLOAT, default=300.0, show_default=True, help="K.")
@click.option("--barrier", type=FLOAT, default=10.0, show_default=True, help="Barrier height at rest, kT.")
@click.option("--tilt", type=FLOAT, default=10.0, show_default=True, help="Tilt amplitude, kT per x_m.")
@click.option("--dt", type=FLOAT, default=3e-4, show_default=True, help="Time step (diffusion times).")
@click.option("--integrator", type=click.Choice(["overdamped-lm", "overdamped-euler"]),
              default="overdamped-lm", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Write the per-trajectory Dataset to this NetCDF file (atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--no-progress", is_flag=True)
def erase(model: str, tau: float, trajectories: int, seed: int, temperature: float, barrier: float,
          tilt: float, dt: float, integrator: str, out_file: str | None, as_json: bool,
          no_progress: bool) -> None:
    """Erase a bit in MODEL and compare the work with Landauer's bound."""
    from landauer import erasure, results
    from landauer.constants import kT
    from landauer.models.double_well import DoubleWellParams
    from landauer.models.double_well import erase as run_erase
    from landauer.validation import check_int

    n = check_int("--trajectories", trajectories, minimum=2)
    # CLI checks before any work (cli helper): output path, memory and run time
    check_out_file(out_file)
    plan_ensemble(trajectories=n, steps=tau / dt, step_flags="--tau/--dt", what="the erasure ensemble")
    params = DoubleWellParams(temperature=temperature, barrier_kT=barrier, tilt_kT=tilt)
    ds = run_erase(params, tau=tau, n_trajectories=n, seed=seed, dt=dt, integrator=integrator,
                   progress=not no_progress)
    s = erasure.summarise(work_kT=ds.W.values, heat_kT=ds.Q.values, state_final=ds.state_final.values,
                          target_state=0, tau=tau, x_initial=ds.x_initial.values, x_final=ds.x_final.values,
                          mobility=1.0)
    if out_file:
        results.save(ds, out_file)
    unit = kT(temperature)
    emit(
        {
            "model": model,
            "tau": tau,
            "tau_s": tau * params.scales.time,
            "trajectories": n,
            "mean_work_kT": s.mean_work,
            "mean_work_se_kT": s.mean_work_se,
            "mean_work_zJ": s.mean_work * unit / 1e-21,
            "mean_work_kTln2": s.mean_work / 0.6931471805599453,
            "mean_heat_kT": s.mean_heat,
            "residual_error": s.eps,
            "success_probability": s.success_probability,
            "eps_corrected_bound_kT": s.w_min_eps,
            "finite_time_bound_kT": s.finite_time_bound,
            "landauer_kT": 0.6931471805599453,
            "jarzynski_mean_exp": s.mean_exp_minus_w,
            "out": out_file,
        },
        as_json=as_json,
        title=f"erasure of a bit in the {model} at {temperature:g} K (energies: W > 0 is work done on it)",
    )


def register(group: click.Group) -> None:
    group.add_command(erase)
