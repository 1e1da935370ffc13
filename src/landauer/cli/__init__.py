"""The ``landauer`` command line: thin wrappers that parse, call the library and print.

Every module in this package that defines ``register(group)`` adds its commands; substrate modules
(``mtj.py``, ``squid.py``, ...) plug in without editing this file. Heavy imports happen inside commands.

Error policy (one boundary, :func:`main`): a user error (bad value, unreadable or malformed file, an
output path that cannot be written, a run too big for the machine, a numerical overflow) prints ONE line
``error: ...`` on stderr naming the flag as the user typed it, and exits with status 2; Ctrl-C exits
with 130 after one line, leaving no partial file. ``--debug`` (anywhere on the command line) or
``LANDAUER_DEBUG=1`` shows the traceback. Warnings print as one line ``warning: ...``.
"""

from __future__ import annotations

import csv
import functools
import importlib
import os
import pkgutil
import re
import sys
import traceback
import warnings
from typing import Any

import click

from landauer._version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="landauer")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (or LANDAUER_DEBUG=1).")
def cli(debug: bool) -> None:
    """landauer: the thermodynamics of computing (work, heat and errors against kT ln 2)."""


# internal (library) names -> the click parameter that sets them, where they differ
ALIASES: dict[str, str] = {
    "n_trajectories": "trajectories", "n_per_input": "trajectories", "n": "trajectories",
    "n_devices": "n_mc", "n_draws": "draws", "n_starts": "starts", "tau_stage": "stage_ns",
    "tau_sweep": "sweep_ns", "temperature_K": "temperature", "T": "temperature", "kT": "temperature",
    "mu0_Hk": "mu0_hk_mT", "Hk": "mu0_hk_mT", "Ms": "ms", "diameter": "diameter_nm",
    "t_rise": "rise_ps",
}

_ARGV: list[str] = []


def _spelled(param: click.Parameter) -> str:
    """The flag as the user typed it (if they did), else its long spelling."""
    opts = [*param.opts, *param.secondary_opts]
    for a in _ARGV:
        head = a.split("=", 1)[0]
        if head in opts:
            return head
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0] if longs else (param.opts[0] if param.opts else str(param.name))


def _flag_for(word: str, cmd: click.Command) -> str | None:
    byname = {p.name: p for p in cmd.params if isinstance(p, click.Option | click.Argument) and p.name}
    w = word.lstrip("-").replace("-", "_")
    for cand in (w, ALIASES.get(w), w.lower()):
        if cand and cand in byname:
            p = byname[cand]
            return p.human_readable_name.upper() if isinstance(p, click.Argument) else _spelled(p)
    return None


def translate(message: str, cmd: click.Command, name: str | None = None) -> str:
    """Replace the library's name of a parameter with the command's flag as the user typed it."""
    if name:
        flag = _flag_for(name, cmd)
        if flag:
            pat = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])")
            return pat.sub(flag, message, count=1) if pat.search(message) else f"{flag}: {message}"
    m = re.match(r"^\s*([A-Za-z_][\w]*)\b", message)
    if m:
        flag = _flag_for(m.group(1), cmd)
        if flag and not message.startswith("-"):
            return flag + message[m.end(1):]
    return message


def _guard(cmd: click.Command) -> None:
    """Wrap every command callback so library errors are re-worded with the command's flags."""
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _guard(sub)
    cb = cmd.callback
    if cb is None or getattr(cb, "_landauer_guarded", False):
        return

    @functools.wraps(cb)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        from landauer.validation import ParameterError

        try:
            return cb(*args, **kwargs)
        except ParameterError as exc:
            new = ParameterError(translate(str(exc), cmd, exc.name), name=exc.name)
            raise new.with_traceback(exc.__traceback__) from exc
        except ValueError as exc:
            if type(exc) is not ValueError:
                raise
            raise ValueError(translate(str(exc), cmd)).with_traceback(exc.__traceback__) from exc

    guarded._landauer_guarded = True  # type: ignore[attr-defined]
    cmd.callback = guarded


def _register_all() -> None:
    for mod in pkgutil.iter_modules(__path__):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(cli)
    _short_help(cli)
    _guard(cli)


def _short_help(group: click.Group) -> None:
    """Group help lists each command's whole first paragraph (click would cut it at ~45 characters)."""
    for cmd in group.commands.values():
        if cmd.short_help is None and cmd.help:
            cmd.short_help = " ".join(cmd.help.strip().split("\n\n")[0].split())
        if isinstance(cmd, click.Group):
            _short_help(cmd)


_register_all()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        text = f"{exc.strerror}:{where}" if not text or "Errno" in text else text
        text = re.sub(r"^\[Errno \d+\]\s*", "", text)
    if isinstance(exc, MemoryError):
        text = ("not enough memory for this run" + (f" ({text})" if text else "")
                + "; reduce the ensemble (-n/--trajectories) or the duration")
    if isinstance(exc, OverflowError):
        text = f"numerical overflow ({text or 'value out of range'}): a parameter is outside the model's range"
    if isinstance(exc, UnicodeDecodeError):
        text = f"input is not UTF-8 text ({exc.reason} at byte {exc.start})"
    if isinstance(exc, KeyError):
        text = f"unknown key {exc.args[0]!r}" if exc.args else "unknown key"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[0].strip() if lines else type(exc).__name__


def _format_warning(message: Any, category: type[Warning], filename: str, lineno: int,
                    file: Any = None, line: str | None = None) -> None:
    text = str(message).strip().splitlines()
    click.echo(f"warning: {text[0] if text else category.__name__}", err=True)


def _user_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [ValueError, OSError, MemoryError, OverflowError, KeyError,
                                         csv.Error, ArithmeticError]
    try:
        from landauer.engine import SimulationError

        errors.append(SimulationError)
    except ImportError:  # pragma: no cover - engine always present
        pass
    return tuple(errors)


def main(argv: list[str] | None = None) -> None:
    """Console entry point with the project's error policy (exit 2, one line, no traceback)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = bool(os.environ.get("LANDAUER_DEBUG")) or "--debug" in args
    if "--" in args:  # --debug may appear anywhere before a literal '--'
        cut = args.index("--")
        args = [a for a in args[:cut] if a != "--debug"] + args[cut:]
    else:
        args = [a for a in args if a != "--debug"]
    _ARGV[:] = args
    old_show = warnings.showwarning
    if not debug:
        warnings.showwarning = _format_warning
    rc = 0
    try:
        rv = cli.main(args=args, prog_name="landauer", standalone_mode=False)
        rc = rv if isinstance(rv, int) else 0
    except (KeyboardInterrupt, click.exceptions.Abort):
        if debug:
            traceback.print_exc()
        click.echo("interrupted (nothing half-written was left behind)", err=True)
        rc = 130
    except click.exceptions.Exit as exc:
        rc = exc.exit_code
    except click.ClickException as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"error: {exc.format_message()}", err=True)
        rc = 2
    except _user_errors() as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"error: {_one_line(exc)}", err=True)
        rc = 2
    except Exception as exc:  # a bug: say so in one line; --debug shows where
        if debug:
            raise
        click.echo(f"internal error: {type(exc).__name__}: {_one_line(exc)} "
                   "(rerun with --debug for the traceback and please report it)", err=True)
        rc = 1
    finally:
        warnings.showwarning = old_show
    sys.exit(rc)
