"""Core commands: bound, reproduce, bench (erase lives in erase.py)."""

from __future__ import annotations

import json
import time

import click

from landauer.cli._common import FLOAT, emit


@click.command()
@click.option("--temperature", "-T", type=FLOAT, default=300.0, show_default=True, help="Temperature in K.")
@click.option("--bits", type=FLOAT, default=1.0, show_default=True, help="Number of bits erased.")
@click.option("--error", "eps", type=FLOAT, default=0.0, show_default=True,
              help="Residual error probability eps of the erasure (0 <= eps <= 1/2).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def bound(temperature: float, bits: float, eps: float, as_json: bool) -> None:
    """Landauer's bound kT ln 2 per bit (optionally with residual error eps)."""
    from landauer import bounds
    from landauer.constants import e, kT
    from landauer.validation import ParameterError

    if not 0.0 <= eps <= 0.5:
        raise ParameterError(f"--error eps must lie in [0, 1/2], got {eps}")

    w_kT = bits * bounds.erasure_with_error(eps)
    w_J = w_kT * kT(temperature)
    emit(
        {
            "temperature_K": temperature,
            "bits": bits,
            "residual_error": eps,
            "bound_J": w_J,
            "bound_zJ": w_J / 1e-21,
            "bound_meV": w_J / e * 1e3,
            "bound_kT": w_kT,
            "bound_kTln2": w_kT / bounds.LN2,
        },
        as_json=as_json,
        title=f"Landauer bound at {temperature:g} K",
    )


@click.command()
@click.argument("target")
@click.option("--quick", is_flag=True, help="Small ensembles and short sweeps (minutes).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="landauer-output",
              show_default=True, help="Output directory; results go to OUT/<paper>/.")
@click.option("--seed", type=int, default=20261122, show_default=True, help="Master random seed.")
@click.option("--no-progress", is_flag=True, help="Hide progress bars.")
@click.option("--report", "html_report", is_flag=True, help="Also write OUT/report.html (see `landauer report`).")
def reproduce(target: str, quick: bool, out_dir: str, seed: int, no_progress: bool, html_report: bool) -> None:
    """Reproduce a paper: TARGET is a paper name, 'list' or 'all'."""
    from landauer import reproduce as rp
    from landauer.report import write_report, write_run_metadata

    if target == "list":
        for name in rp.available():
            mod = rp.load_paper(name)
            click.echo(f"{name:<20} {getattr(mod, 'TITLE', '')}")
        return
    names = rp.available() if target == "all" else [target]
    failed: list[str] = []
    for name in names:
        mod = rp.load_paper(name)
        t0 = time.perf_counter()
        click.echo(f"reproducing {name}{' (quick)' if quick else ''} ...", err=True)
        try:
            report = mod.run(quick=quick, seed=seed, progress=not no_progress)
            dest = report.write(out_dir)
            write_run_metadata(dest, wall_s=time.perf_counter() - t0, seed=seed, quick=quick)
        except Exception as exc:  # with 'all', one broken paper must not hide the others
            if target != "all":
                raise
            failed.append(name)
            click.echo(f"{name}: FAILED ({type(exc).__name__}: {exc})", err=True)
            continue
        agree = sum(r.verdict == "agree" for r in report.results.values())
        disagree = sum(r.verdict == "disagree" for r in report.results.values())
        click.echo(
            f"{name}: {len(report.results)} results ({agree} agree, {disagree} disagree with the paper) "
            f"-> {dest}/summary.json  [{time.perf_counter() - t0:.1f} s]"
        )
    if html_report and len(failed) < len(names):
        click.echo(f"report -> {write_report(out_dir)}")
    if failed:
        raise click.ClickException(f"reproduction failed for: {', '.join(failed)}")


@click.command()
@click.option("--trajectories", type=int, default=100_000, show_default=True)
@click.option("--steps", type=int, default=1000, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def bench(trajectories: int, steps: int, as_json: bool) -> None:
    """Engine throughput vs the plain-NumPy reference (1-D double-well erasure)."""
    from landauer.benchmark import run_engine_benchmark

    result = run_engine_benchmark(trajectories=trajectories, steps=steps, peers=False)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        emit(result, as_json=False, title="engine benchmark (particle-steps/s)")


@click.command()
@click.argument("paper", required=False)
def cite(paper: str | None) -> None:
    """Print the references behind each reproduced paper (or one PAPER)."""
    from landauer import reproduce as rp

    for name in [paper] if paper else rp.available():
        mod = rp.load_paper(name)
        click.echo(f"{name}: {getattr(mod, 'TITLE', '')}\n  {getattr(mod, 'CITATION', '(no citation given)')}")


def register(group: click.Group) -> None:
    group.add_command(cite)
    group.add_command(bound)
    group.add_command(reproduce)
    group.add_command(bench)

