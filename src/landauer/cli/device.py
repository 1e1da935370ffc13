"""``landauer devices`` (the shipped device files) and ``landauer landscape --device FILE`` (minima,
saddles, barriers and Kramers times of a device's landscape)."""

from __future__ import annotations

import json

import click

from landauer.cli._common import emit


@click.command("devices")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def devices(as_json: bool) -> None:
    """List the shipped device files (usable as `--device NAME`)."""
    from landauer.devices.registry import describe_shipped

    rows = describe_shipped()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(r["name"]) for r in rows), default=4)
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {r['description']}")
        click.echo(f"{'':<{width}}  U({r['coordinates']}) = {r['energy']}   [{r['path']}]")


@click.command("landscape")
@click.option("--device", "device", metavar="FILE|NAME", required=True,
              help="Device file (TOML) or shipped device name.")
@click.option("--controls", "controls", multiple=True, metavar="NAME=VALUE",
              help="Control values (repeatable or comma-separated); others at their rest values.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def landscape(device: str, controls: tuple[str, ...], as_json: bool) -> None:
    """Minima (logical states), saddles, barriers (kT and J) and Kramers escape times of a device."""
    from landauer.devices.registry import load
    from landauer.devices.report import landscape_report, parse_assignments

    df = load(device)
    ctrl = parse_assignments(controls, what="--controls")
    rep = landscape_report(df, ctrl)
    if as_json:
        emit(rep, as_json=True)
        return
    click.echo(f"landscape of {rep['device']} at {rep['controls']} (energies in {rep['energy_unit']}, "
               f"kT = {rep['kT']:.6g})")
    for m in rep["minima"]:
        pos = ", ".join(f"{k}={v:.6g}" for k, v in m["position"].items())
        bar = "none" if m["barrier_kT"] is None else f"{m['barrier_kT']:.6g} kT ({m['barrier_J']:.4g} J)"
        t = "inf" if m["kramers_time"] is None else f"{m['kramers_time']:.4g}"
        ts = "" if m["kramers_time_s"] is None else f" = {m['kramers_time_s']:.4g} s"
        click.echo(f"  state {m['state']}: minimum at ({pos}), U = {m['energy']:.6g}; barrier {bar}; "
                   f"Kramers time {t}{ts}")
    for s in rep["saddles"]:
        pos = ", ".join(f"{k}={v:.6g}" for k, v in s["position"].items())
        click.echo(f"  saddle at ({pos}), U = {s['energy']:.6g}, joins states {s['joins'][0]} and {s['joins'][1]}")


def register(group: click.Group) -> None:
    group.add_command(devices)
    group.add_command(landscape)
