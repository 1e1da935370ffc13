"""The ``landauer`` command line: thin wrappers that parse, call the library and print.

Every module in this package that defines ``register(group)`` adds its commands; substrate modules
(``mtj.py``, ``squid.py``, ...) plug in without editing this file. Heavy imports happen inside commands.
User errors print one line on stderr and exit with status 2, without a traceback
(set ``LANDAUER_DEBUG=1`` to see it).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from landauer._version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="landauer")
def cli() -> None:
    """landauer: the thermodynamics of computing (work, heat and errors against kT ln 2)."""


def _register_all() -> None:
    for mod in pkgutil.iter_modules(__path__):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(cli)


_register_all()


def main(argv: list[str] | None = None) -> None:
    """Console entry point with the project's error policy (exit 2, one line, no traceback)."""
    try:
        rv = cli.main(args=argv, prog_name="landauer", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(2)
    except (ValueError, FileNotFoundError, IsADirectoryError, PermissionError, KeyError) as exc:
        if os.environ.get("LANDAUER_DEBUG"):
            raise
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        click.echo(f"error: {msg}", err=True)
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)
