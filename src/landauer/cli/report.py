"""``landauer report DIR``: one self-contained HTML page from a reproduction's output directory."""

from __future__ import annotations

import click


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, dir_okay=True))
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="HTML file to write (default: DIR/report.html).")
def report(directory: str, out_file: str | None) -> None:
    """Write an HTML report (results, verdicts, figures, data links) for the reproductions in DIRECTORY."""
    from landauer.report import write_report

    dest = write_report(directory, out_file)
    click.echo(f"report -> {dest}")


def register(group: click.Group) -> None:
    group.add_command(report)
