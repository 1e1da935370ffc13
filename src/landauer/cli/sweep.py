"""``landauer sweep run|status|plot|points``: declarative parameter sweeps (see docs/sweeps.md)."""

from __future__ import annotations

import json
import sys

import click

from landauer.cli._common import emit


@click.group("sweep")
def sweep() -> None:
    """Parameter sweeps from a study file, on Dask, into a resumable Zarr store."""


@sweep.command("run")
@click.argument("study_file", metavar="STUDY.toml", type=click.Path(dir_okay=False))
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Existing Dask scheduler (tls://host:8786; tcp:// only to loopback unless --insecure).")
@click.option("--scheduler-file", default=None, type=click.Path(dir_okay=False),
              help="Dask scheduler file of an existing cluster.")
@click.option("--workers", type=int, default=None, help="Local cluster worker processes [default: one per core].")
@click.option("--serial", is_flag=True, help="Run in this process, without Dask.")
@click.option("--insecure", is_flag=True,
              help="Allow plain tcp:// to another host (the protocol carries pickles: anyone on the path runs code).")
@click.option("--store", "store_path", default=None, help="Store path [default: the study's store].")
@click.option("--set", "assignments", multiple=True, metavar="TABLE.KEY=VALUE",
              help="Replace a study value with a TOML value, e.g. fixed.trajectories=200 or 'grid.tau=[2, 4]' "
                   "(repeatable; give a new --store).")
@click.option("--no-progress", is_flag=True)
def run_cmd(study_file: str, scheduler: str | None, scheduler_file: str | None, workers: int | None, serial: bool,
            insecure: bool, store_path: str | None, assignments: tuple[str, ...], no_progress: bool) -> None:
    """Run (or resume) STUDY.toml: done points are skipped, each finished point is stored at once."""
    from landauer.sweep import run_study, status
    from landauer.validation import ParameterError

    overrides = {}
    for a in assignments:
        key, eq, value = a.partition("=")
        if not eq or not key.strip():
            raise ParameterError(f"--set: expected TABLE.KEY=VALUE, got {a!r}")
        overrides[key.strip()] = value.strip()
    out = run_study(study_file, scheduler=scheduler, scheduler_file=scheduler_file, workers=workers, serial=serial,
                    insecure=insecure, progress=not no_progress, store_path=store_path, overrides=overrides)
    st = status(out.store)
    click.echo(f"{out.store}: {st['done']}/{st['total']} points done ({out.stored} now, {out.skipped} before), "
               f"{st['failed']} failed", err=True)
    if out.interrupted:
        click.echo("interrupted: run the same command again to resume", err=True)
        sys.exit(130)
    if st["failed"]:
        click.echo(f"{st['failed']} points failed; `landauer sweep status {out.store}` lists the errors "
                   "(a re-run retries them)", err=True)
        sys.exit(1)


@sweep.command("status")
@click.argument("store_path", metavar="STORE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys total, done, failed, pending, errors).")
def status_cmd(store_path: str, as_json: bool) -> None:
    """Points done, failed and pending in STORE, and the error of each failed point."""
    from landauer.sweep import status

    st = status(store_path)
    if as_json:
        click.echo(json.dumps(st, indent=2))
        return
    errors = st.pop("errors")
    emit(st, as_json=False, title=f"sweep store {store_path}")
    for e in errors:
        where = ", ".join(f"{k}={v}" for k, v in e["point"].items())
        click.echo(f"  failed at {where}: {e['error']}")


@sweep.command("plot")
@click.argument("store_path", metavar="STORE")
@click.option("--x", "x", required=True, help="Grid parameter on the x axis.")
@click.option("--y", "y", required=True, help="Stored output on the y axis.")
@click.option("--hue", default=None, help="Grid parameter: one line per value.")
@click.option("--yerr", default=None, help="Error-bar variable [default: the output's standard error].")
@click.option("--sel", multiple=True, metavar="NAME=VALUE", help="Fix another grid parameter (repeatable).")
@click.option("--logx", is_flag=True)
@click.option("--logy", is_flag=True)
@click.option("--out", "out_file", default=None, type=click.Path(dir_okay=False),
              help="Figure file [default: STORE-Y-vs-X.png beside the store].")
def plot_cmd(store_path: str, x: str, y: str, hue: str | None, yerr: str | None, sel: tuple[str, ...], logx: bool,
             logy: bool, out_file: str | None) -> None:
    """Plot a stored output against a grid parameter, with error bars and units."""
    from pathlib import Path

    from landauer.sweep import open_store, status
    from landauer.sweep.plot import figure
    from landauer.validation import ParameterError

    status(store_path)  # one-line error for a missing or foreign store
    pairs = {}
    for s in sel:
        if "=" not in s:
            raise ParameterError(f"--sel: expected NAME=VALUE, got {s!r}")
        k, v = s.split("=", 1)
        pairs[k] = v
    fig = figure(open_store(store_path), x=x, y=y, hue=hue, yerr=yerr, sel=pairs, logx=logx, logy=logy)
    path = Path(out_file) if out_file else Path(store_path).with_name(f"{Path(store_path).stem}-{y}-vs-{x}.png")
    fig.savefig(path, dpi=150)
    click.echo(str(path))


@sweep.command("points")
@click.argument("name", required=False)
def points_cmd(name: str | None) -> None:
    """List the registered points, or the parameters and outputs of point NAME."""
    from landauer.sweep import get_point, registered

    if name is None:
        for n, spec in sorted(registered().items()):
            click.echo(f"  {n:<16} {spec.doc.splitlines()[0] if spec.doc else ''}")
        return
    spec = get_point(name)
    click.echo(f"{name}: {spec.doc}")
    click.echo("parameters:")
    for p in spec.all_params:
        click.echo(f"  {p.name:<20} default {p.default!r:<16} {p.unit:<14} {p.doc}")
    if spec.context_params is not None:
        extra = [p for p in spec.bind({}, where="").all_params if p.name not in spec.param_index]
        click.echo("  ... and the parameters of the study's device file, e.g. of the default one:")
        for p in extra:
            click.echo(f"  {p.name:<20} default {p.default!r:<16} {p.unit:<14} {p.doc}")
    click.echo("outputs:")
    for o in spec.all_outputs:
        click.echo(f"  {o.name:<24} {o.unit:<8} {o.long_name}" + (" (per trajectory)" if o.per_trajectory else ""))


def register(group: click.Group) -> None:
    group.add_command(sweep)
