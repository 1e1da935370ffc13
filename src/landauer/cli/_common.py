"""Helpers shared by CLI modules: JSON output and result printing."""

from __future__ import annotations

import json
from typing import Any

import click

from landauer.reproduce import _jsonable


def emit(data: dict[str, Any], *, as_json: bool, title: str | None = None) -> None:
    """Print ``data`` as JSON (``--json``) or as an aligned key/value table."""
    if as_json:
        click.echo(json.dumps(_jsonable(data), indent=2))
        return
    if title:
        click.echo(title)
    width = max((len(k) for k in data), default=0)
    for key, value in data.items():
        if isinstance(value, float):
            text = f"{value:.6g}"
        elif isinstance(value, dict):
            text = ", ".join(f"{k}={_fmt(v)}" for k, v in value.items())
        else:
            text = str(value)
        click.echo(f"  {key:<{width}}  {text}")


def _fmt(v: Any) -> str:
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def finite_float(name: str) -> click.ParamType:
    """A click float type that rejects NaN and infinities with a one-line error."""

    class _Finite(click.ParamType):
        name = "float"

        def convert(self, value: Any, param: Any, ctx: Any) -> float:
            try:
                f = float(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not a number", param, ctx)
            if f != f or f in (float("inf"), float("-inf")):
                self.fail(f"{value!r} is not finite", param, ctx)
            return f

    return _Finite()


FLOAT = finite_float("float")
