"""``landauer erase [NAME] --device FILE``: erase a bit in any device file and print its figures of merit."""

from __future__ import annotations

import click

from landauer.cli._common import FLOAT, SEED, Count, check_out_file, emit, plan_ensemble
from landauer.constants import LN2
from landauer.validation import ParameterError


@click.command()
@click.argument("name", required=False)
@click.option("--device", "device", metavar="FILE|NAME", default=None,
              help="Device file (TOML) or shipped device name (see `landauer devices`).")
@click.option("--tau", type=FLOAT, default=None,
              help="Total protocol duration in the device's time unit (default: the file's protocol).")
@click.option("-n", "--trajectories", type=Count(2), default=None, help="Ensemble size (default: file, else 10000).")
@click.option("--seed", type=SEED, default=None, help="Master seed (default: file, else 1).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Override device parameters (repeatable, or comma-separated).")
@click.option("--dt", type=FLOAT, default=None, help="Time step override (device time units).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Write the per-trajectory Dataset to this NetCDF file (atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--no-progress", is_flag=True)
@click.option("--backend", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True,
              help="Run the ensemble on the CPU or on an NVIDIA GPU (needs the gpu extra).")
def erase(name: str | None, device: str | None, tau: float | None, trajectories: int | None, seed: int | None,
          params: tuple[str, ...], dt: float | None, out_file: str | None, as_json: bool,
          no_progress: bool, backend: str) -> None:
    """Erase a bit in a device (NAME or --device FILE; e.g. double-well) and compare the work with the bounds."""

    from landauer import erasure, results
    from landauer.devices.registry import load
    from landauer.devices.report import parse_assignments
    from landauer.validation import check_positive

    if name and device and name != device:
        raise click.UsageError(f"give the device once: NAME {name!r} or --device {device!r}")
    which = device or name
    if not which:
        raise click.UsageError("name a device: landauer erase --device FILE (or a shipped name, see "
                               "`landauer devices`)")
    if tau is not None:
        check_positive("--tau", tau)
    check_out_file(out_file)
    if backend != "cpu":
        from landauer.engine.cuda_run import check_backend

        try:
            check_backend(backend)
        except ParameterError as e:
            raise click.BadParameter(str(e), param_hint="'--backend'") from None
    df = load(which)
    over = parse_assignments(params, what="--param")
    if dt is not None:
        check_positive("--dt", dt)
    df = df.with_overrides(params=over, dt=dt)
    duration = tau if tau is not None else (df.protocol.duration if df.protocol is not None else 0.0)
    plan_ensemble(trajectories=trajectories or 10_000, steps=duration / df.dynamics.dt, ndim=df.device.ndim,
                  step_flags="--tau/--dt", what="the erasure ensemble")
    run = erasure.erase(df, tau=tau, n_trajectories=trajectories, seed=seed, progress=not no_progress,
                        backend=backend)
    if out_file:
        results.save(run.dataset, out_file)
    data = run.to_dict()
    data["mean_work_kTln2"] = run.summary.mean_work / LN2
    data["out"] = out_file
    emit(data, as_json=as_json,
         title=f"erasure in {df.name} to state {df.target!r} at {df.dynamics.temperature_K:g} K "
               "(energies in kT; W > 0 is work done on the device)")


def register(group: click.Group) -> None:
    group.add_command(erase)
