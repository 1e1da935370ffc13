"""Core commands: bound, reproduce, bench (erase lives in erase.py)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import click

from landauer.cli._common import (
    JSON,
    NO_PROGRESS,
    Count,
    check_out_dir,
    check_out_file,
    emit,
    eta_particle_steps,
    out_option,
    plan,
    real,
    seed_option,
    temperature_option,
    trajectories_option,
)
from landauer.validation import ParameterError


@click.command()
@temperature_option(300.0)
@click.option("--bits", type=real(0.0), default=1.0, show_default=True,
              help="Number of bits erased (>= 0; fractional = entropy in bits).")
@click.option("--error", "eps", type=real(0.0, 0.5), default=0.0, show_default=True,
              help="Residual error probability eps of the erasure (0 <= eps <= 1/2).")
@JSON
@out_option()
def bound(temperature: float, bits: float, eps: float, as_json: bool, out_file: str | None) -> None:
    """Landauer's bound kT ln 2 per bit (optionally with residual error eps)."""
    from landauer import bounds
    from landauer.constants import e, kT

    check_out_file(out_file)

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
        out_file=out_file,
    )


@click.command()
@click.argument("target")
@click.option("--quick", is_flag=True, help="Small ensembles and short sweeps (minutes).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="landauer-output",
              show_default=True, help="Output directory; results go to OUT/<paper>/.")
@seed_option(20261122)
@click.option("--resume", is_flag=True,
              help="Skip papers whose results in OUT are complete for the same --quick, --seed and version.")
@NO_PROGRESS
@click.option("--report", "html_report", is_flag=True, help="Also write OUT/report.html (see `landauer report`).")
def reproduce(target: str, quick: bool, out_dir: str, seed: int, resume: bool, no_progress: bool,
              html_report: bool) -> None:
    """Reproduce a paper: TARGET is a paper name, 'list' or 'all'.

    Results go to OUT/<paper>/ (written atomically). A directory there holding files landauer did not
    write is never replaced: the run stops before computing and says which files are in the way.
    """
    from landauer import reproduce as rp
    from landauer.io import foreign_files
    from landauer.report import write_report, write_run_metadata

    if target == "list":
        for name in rp.available():
            mod = rp.load_paper(name)
            click.echo(f"{name:<20} {getattr(mod, 'TITLE', '')}")
        return
    names = rp.available() if target == "all" else [target]
    for name in names:
        rp.load_paper(name)  # unknown names fail before any work
    check_out_dir(out_dir)
    blocked = {n: foreign_files(Path(out_dir) / n) for n in names}
    blocked = {n: f for n, f in blocked.items() if f}
    if blocked:
        n, f = next(iter(blocked.items()))
        shown = ", ".join(f[:3]) + (f" and {len(f) - 3} more" if len(f) > 3 else "")
        raise ParameterError(f"--out: {Path(out_dir) / n} holds files landauer did not write ({shown}); "
                             "they would be lost when the results are replaced. Move them away, or give "
                             "another --out directory")
    failed: list[str] = []
    for name in names:
        if resume and rp.completed(out_dir, name, quick=quick, seed=seed):
            click.echo(f"{name}: already complete in {Path(out_dir) / name} (--resume), skipped", err=True)
            continue
        mod = rp.load_paper(name)
        t0 = time.perf_counter()
        click.echo(f"reproducing {name}{' (quick)' if quick else ''} ...", err=True)
        try:
            report = mod.run(quick=quick, seed=seed, progress=not no_progress)
            dest = report.write(out_dir)
            write_run_metadata(dest, wall_s=time.perf_counter() - t0, seed=seed, quick=quick)
        except Exception as exc:  # with 'all', one broken paper must not hide the others
            if target != "all" or isinstance(exc, OSError | MemoryError):
                raise
            failed.append(name)
            click.echo(f"{name}: FAILED ({type(exc).__name__}: {exc})", err=True)
            continue
        counts = Counter(r.verdict for r in report.results.values())
        shown = ", ".join(f"{counts[v]} {v}" for v in ("agree", "disagree", "inconclusive", "pass", "fail")
                          if counts[v])
        click.echo(
            f"{name}: {len(report.results)} results ({shown or 'no verdicts'}) "
            f"-> {dest}/summary.json  [{time.perf_counter() - t0:.1f} s]"
        )
    if html_report and len(failed) < len(names):
        click.echo(f"report -> {write_report(out_dir)}")
    if failed:
        raise click.ClickException(f"reproduction failed for: {', '.join(failed)}")


@click.command()
@trajectories_option(100_000, minimum=2)
@click.option("--steps", type=Count(1), default=1000, show_default=True, help="Time steps per trajectory.")
@JSON
@out_option()
def bench(trajectories: int, steps: int, as_json: bool, out_file: str | None) -> None:
    """Engine throughput vs the plain-NumPy reference (1-D double-well erasure)."""
    from landauer.benchmark import run_engine_benchmark

    check_out_file(out_file)
    # engine + NumPy reference hold a few float64 arrays per trajectory; the reference is ~50x slower
    plan(memory=trajectories * 8 * 12, seconds=eta_particle_steps(trajectories * steps, cost=50.0),
         flags="-n/--trajectories and --steps", what=f"the benchmark ({trajectories:.3g} x {steps:.3g} steps)")
    result = run_engine_benchmark(trajectories=trajectories, steps=steps, peers=False)
    emit(result, as_json=as_json, title="engine benchmark (particle-steps/s)", out_file=out_file)


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

