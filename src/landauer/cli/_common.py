"""What every CLI module shares: one flag vocabulary, parameter types, checks before computing, output.

* Types: :data:`FLOAT` (finite), :func:`real` (finite with bounds, in the user's unit), :data:`COUNT`
  (non-negative integer; ``1e6`` accepted), :data:`SEED`.
* Options: :func:`temperature_option` (``-T/--temperature``, K), :func:`trajectories_option`
  (``-n/--trajectories``), :func:`seed_option`, :data:`JSON`, :func:`out_option`, :data:`NO_PROGRESS`,
  :func:`alias` (hidden deprecated spellings such as ``--T``).
* Checks before any work: :func:`check_out_file` / :func:`check_out_dir`, :func:`plan` (memory and
  run-time estimate: refuse above the machine's memory naming the flag; a notice with an ETA for long runs).
* Output: :func:`emit` prints a ``rich`` table (human) or JSON (``--json``, unchanged layout) and writes
  the JSON to ``--out`` where a command has no richer output file.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

import click

from landauer.reproduce import _jsonable
from landauer.validation import ParameterError

# --------------------------------------------------------------------------------------------- types


class Real(click.ParamType):
    """A finite float, optionally bounded; errors quote the value as typed (so in the user's unit)."""

    name = "float"

    def __init__(self, *, lo: float | None = None, hi: float | None = None, lo_open: bool = False,
                 hi_open: bool = False, unit: str = "") -> None:
        self.lo, self.hi, self.lo_open, self.hi_open, self.unit = lo, hi, lo_open, hi_open, unit

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, float | int) and not isinstance(value, bool):
            f = float(value)
        else:
            text = str(value).strip()
            try:
                f = float(text)
            except ValueError:
                hint = " (use a decimal point, not a comma)" if "," in text and _number(text.replace(",", ".")) \
                    else ""
                self.fail(f"{value!r} is not a number{hint}", param, ctx)
        if not math.isfinite(f):
            self.fail(f"{value!r} is not finite", param, ctx)
        unit = f" {self.unit}" if self.unit else ""
        if self.lo is not None and (f < self.lo or (self.lo_open and f == self.lo)):
            rel = ">" if self.lo_open else ">="
            self.fail(f"must be {rel} {self.lo:g}{unit}, got {value}{unit}", param, ctx)
        if self.hi is not None and (f > self.hi or (self.hi_open and f == self.hi)):
            rel = "<" if self.hi_open else "<="
            self.fail(f"must be {rel} {self.hi:g}{unit}, got {value}{unit}", param, ctx)
        return f + 0.0  # -0.0 -> 0.0

    def __repr__(self) -> str:
        return "REAL"


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def real(lo: float | None = None, hi: float | None = None, *, lo_open: bool = False, hi_open: bool = False,
         unit: str = "") -> Real:
    """A bounded finite float type; ``real(0, lo_open=True, unit='nm')`` is a positive length in nm."""
    return Real(lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open, unit=unit)


def finite_float(name: str = "float") -> click.ParamType:
    """A click float type that rejects NaN and infinities with a one-line error."""
    return Real()


FLOAT = Real()
POSITIVE = Real(lo=0.0, lo_open=True)
NONNEG = Real(lo=0.0)


class Count(click.ParamType):
    """A whole number >= ``minimum`` (``1e6`` and ``1_000_000`` accepted); no upper bound here, the
    command's :func:`plan` refuses what the machine cannot hold."""

    name = "integer"

    def __init__(self, minimum: int = 0, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            n = value
        else:
            text = str(value).strip().replace("_", "")
            try:
                n = int(text)
            except ValueError:
                try:
                    f = float(text)
                except ValueError:
                    self.fail(f"{value!r} is not a whole number", param, ctx)
                if not math.isfinite(f) or not f.is_integer():
                    self.fail(f"{value!r} is not a whole number", param, ctx)
                n = int(f)
        if n < self.minimum:
            what = "a seed must be >= 0" if self.minimum == 0 and param is not None and param.name == "seed" \
                else f"must be >= {self.minimum}"
            self.fail(f"{what}, got {value}", param, ctx)
        if self.maximum is not None and n > self.maximum:
            self.fail(f"must be <= {self.maximum}, got {value}", param, ctx)
        return n

    def __repr__(self) -> str:
        return "COUNT"


COUNT = Count(0)
SEED = Count(0, 2**63 - 1)

# --------------------------------------------------------------------------------------------- options


def alias(*decls: str, dest: str, type: Any = None, is_flag: bool = False,  # noqa: A002
          use: str | None = None) -> Callable[[Any], Any]:
    """A hidden, deprecated spelling that fills parameter ``dest`` of the documented flag ``use``.

    The alias has its own (unexposed) slot; when given, its callback writes ``dest`` directly, which click
    keeps over the documented option's default.
    """

    def fill(ctx: Any, param: Any, value: Any) -> Any:
        if value is not None and value is not False:
            click.echo(f"warning: {decls[0]} is deprecated; use {use or 'the documented flag'}", err=True)
            ctx.params[dest] = value
            ctx.meta.setdefault("landauer_alias", {})[dest] = value
        return value

    kw: dict[str, Any] = {"hidden": True, "default": None, "callback": fill, "expose_value": False}
    if is_flag:
        kw["is_flag"] = True
    else:
        kw["type"] = type
    return click.option(*decls, f"_alias_{dest}_{decls[0].lstrip('-').replace('-', '_')}", **kw)


def takes_alias(ctx: Any, param: Any, value: Any) -> Any:
    """Callback of a documented option: a value given through its hidden alias wins over the default
    (click < 8.2 would otherwise overwrite it with the default)."""
    from click.core import ParameterSource

    given = ctx.meta.get("landauer_alias", {})
    if param.name in given and ctx.get_parameter_source(param.name) in (None, ParameterSource.DEFAULT):
        return given[param.name]
    return value


def temperature_option(default: float, *, old: tuple[str, ...] = (), help: str = "Temperature (K).") -> Any:  # noqa: A002
    """``-T/--temperature`` in kelvin, > 0 (plus hidden deprecated spellings ``old``)."""
    def deco(f: Any) -> Any:
        for o in old:
            f = alias(o, dest="temperature", type=real(0, lo_open=True, unit="K"), use="-T/--temperature")(f)
        return click.option("-T", "--temperature", "temperature", type=real(0, lo_open=True, unit="K"),
                            default=default, show_default=True, help=help, callback=takes_alias)(f)
    return deco


def trajectories_option(default: int, *, minimum: int = 1, old: tuple[str, ...] = (),
                        help: str = "Number of trajectories.") -> Any:  # noqa: A002
    """``-n/--trajectories`` (plus hidden deprecated spellings ``old``)."""
    def deco(f: Any) -> Any:
        for o in old:
            f = alias(o, dest="trajectories", type=Count(minimum), use="-n/--trajectories")(f)
        return click.option("-n", "--trajectories", "trajectories", type=Count(minimum), default=default,
                            show_default=True, help=help, callback=takes_alias)(f)
    return deco


def seed_option(default: int = 0) -> Any:
    return click.option("--seed", type=SEED, default=default, show_default=True,
                        help="Random seed (a non-negative integer; same seed, same result).")


JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
NO_PROGRESS = click.option("--no-progress", is_flag=True, help="Hide progress bars.")


def out_option(help: str = "Also write the JSON result to this file (atomically).") -> Any:  # noqa: A002
    return click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None, help=help)


# --------------------------------------------------------------------------------------------- checks


def check_out_file(path: str | None, flag: str = "--out") -> None:
    """Before any work: a file can be written at ``path`` (parent a writable directory, not a file)."""
    if path is not None:
        from landauer.io import check_writable_file

        check_writable_file(path, flag)


def check_out_dir(path: str | None, flag: str = "--out") -> None:
    """Before any work: ``path`` is, or can be created as, a writable directory."""
    if path is not None:
        from landauer.io import check_writable_dir

        check_writable_dir(path, flag)


def available_memory() -> int:
    """Bytes this process can still allocate: MemAvailable (Linux), else the physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 8 * 2**30


def _bytes(n: float) -> str:
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n:.0f} B"


def duration(seconds: float) -> str:
    """A human duration: '45 s', '12 min', '3.2 h', '5.1 days', '2.3e+03 years'."""
    for unit, size in (("years", 3.15576e7), ("days", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.2g} s"


NOTICE_S = 60.0
"""Runs estimated to take longer than this print a notice with the ETA on stderr."""
REFUSE_S = 3.15576e7
"""Runs estimated to take longer than a year are refused: no estimate is that far off."""


def plan(*, memory: float = 0.0, seconds: float = 0.0, flags: str, what: str) -> None:
    """Refuse a run above the machine's memory or beyond a year; announce one longer than a minute.

    ``memory`` (bytes) and ``seconds`` are the command's up-front estimates; ``flags`` names the flags
    that set the size ("--trajectories", "--tau/--dt"); ``what`` says what is being estimated.
    """
    avail = available_memory()
    if memory > avail:
        raise ParameterError(f"{flags}: {what} needs about {_bytes(memory)} of memory, more than this machine "
                             f"has available ({_bytes(avail)}); reduce {flags}")
    if seconds > REFUSE_S:
        raise ParameterError(f"{flags}: {what} would take about {duration(seconds)} on this machine; "
                             f"reduce {flags}")
    if seconds > NOTICE_S:
        click.echo(f"notice: {what}: about {duration(seconds)} on {os.cpu_count()} cores "
                   f"(a rough estimate)", err=True)


PARTICLE_STEPS_PER_S_PER_CORE = 3e7
"""Order-of-magnitude engine throughput used for ETAs (1-D overdamped; higher dimensions are slower)."""


def eta_particle_steps(particle_steps: float, *, cost: float = 1.0) -> float:
    """Seconds for ``particle_steps`` engine steps (``cost``: relative cost of one step of the model)."""
    return particle_steps * cost / (PARTICLE_STEPS_PER_S_PER_CORE * (os.cpu_count() or 1))


# --------------------------------------------------------------------------------------------- output


def emit(data: Mapping[str, Any], *, as_json: bool, title: str | None = None, out_file: str | None = None) -> None:
    """Print ``data`` as JSON (``--json``) or as a table; with ``out_file`` also write the JSON there."""
    text = json.dumps(_jsonable(dict(data)), indent=2)
    if out_file:
        from landauer.io import atomic_write_text

        atomic_write_text(out_file, text + "\n")
    if as_json:
        click.echo(text)
        return
    table(data, title=title)


def table(data: Mapping[str, Any], *, title: str | None = None) -> None:
    """A two-column ``rich`` table; nested mappings become indented rows, ``None`` values are left out."""
    from rich.console import Console
    from rich.table import Table

    if title:
        click.echo(title)
    t = Table(box=None, show_header=False, pad_edge=True, padding=(0, 0, 0, 2))
    t.add_column("key", style="cyan", no_wrap=True)
    t.add_column("value", overflow="fold")
    for key, value in _rows(data, 0):
        t.add_row(key, value)
    width = None if sys.stdout.isatty() else 140
    console = Console(file=sys.stdout, highlight=False, width=width, soft_wrap=False)
    with console.capture() as cap:
        console.print(t)
    click.echo("\n".join(line.rstrip() for line in cap.get().splitlines()))


def _rows(data: Mapping[str, Any], depth: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    pad = "  " * depth
    for key, value in data.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, Mapping) and value:
            if all(not isinstance(v, Mapping | list | tuple) for v in value.values()) and len(value) <= 6:
                rows.append((pad + str(key), ", ".join(f"{k}={fmt(v)}" for k, v in value.items())))
            else:
                rows.append((pad + str(key), ""))
                rows.extend(_rows(value, depth + 1))
        elif isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value):
            for i, v in enumerate(value):
                rows.append((f"{pad}{key}[{i}]", ""))
                rows.extend(_rows(v, depth + 1))
        else:
            rows.append((pad + str(key), fmt(value)))
    return rows


def fmt(v: Any) -> str:
    """One value for humans: 6 significant digits, no '-0', no 'np.float64(...)', lists comma-joined."""
    import numpy as np

    if isinstance(v, bool | np.bool_):
        return "yes" if v else "no"
    if isinstance(v, int | np.integer):
        return str(int(v))
    if isinstance(v, float | np.floating):
        f = float(v)
        if f == 0.0:
            return "0"
        if f != f:
            return "n/a"
        return f"{f:.6g}"
    if isinstance(v, complex | np.complexfloating):
        return f"{fmt(v.real)}{'+' if v.imag >= 0 else '-'}{fmt(abs(v.imag))}j"
    if isinstance(v, np.ndarray):
        return fmt(v.tolist())
    if isinstance(v, list | tuple):
        return ", ".join(fmt(x) for x in v) if v else "(none)"
    if isinstance(v, Mapping):
        return ", ".join(f"{k}={fmt(x)}" for k, x in v.items())
    return str(v)


def plan_ensemble(*, trajectories: int, steps: float, ndim: int = 1, cost: float = 1.0,
                  traj_flag: str = "-n/--trajectories", step_flags: str = "the duration",
                  what: str = "the ensemble") -> None:
    """:func:`plan` for an engine ensemble: memory of the per-trajectory results, time of all steps.

    Per trajectory the Dataset keeps W, Q, dE, W_shadow, t_passage, two states and initial/final
    coordinates (float64), and the summary makes about two more copies: ~(7 + 2 ndim) x 8 x 3 bytes.
    """
    memory = float(trajectories) * (7 + 2 * ndim) * 8 * 3
    desc = f"{what} ({float(trajectories):.3g} trajectories x {float(steps):.3g} steps)"
    avail = available_memory()
    if memory > avail:
        plan(memory=memory, flags=traj_flag, what=desc)
    plan(seconds=eta_particle_steps(float(trajectories) * float(steps), cost=cost),
         flags=f"{step_flags} or {traj_flag}", what=desc)
