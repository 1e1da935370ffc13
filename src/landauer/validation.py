"""Input checks shared by every parameter dataclass: one clear ``ValueError`` naming the field."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np


class ParameterError(ValueError):
    """A user-supplied parameter is invalid. The message names the parameter and the problem.

    ``name`` (optional) is the parameter as the library calls it (``n_trajectories``); the CLI maps it
    to the flag the user typed (``-n``). Without it the CLI maps a field name leading the message.
    """

    def __init__(self, message: str, *, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


def _reject_non_numeric(name: str, value: Any) -> None:
    """Strings, bytes and booleans are not numbers here, even where ``float()`` would take them."""
    if isinstance(value, str | bytes | bool | np.bool_):
        raise ParameterError(f"{name} must be a number, got {value!r}", name=name)
    if isinstance(value, list | tuple | np.ndarray):
        arr = np.asarray(value)
        if arr.dtype.kind not in "iuf":
            raise ParameterError(f"{name} must be numeric, got {value!r}", name=name)


def check_finite(name: str, value: Any) -> None:
    """Raise :class:`ParameterError` unless every element of ``value`` is a finite number."""
    _reject_non_numeric(name, value)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number, got {value!r}", name=name) from None
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite, got {value!r}", name=name)


def check_positive(name: str, value: Any, *, allow_zero: bool = False) -> None:
    """Raise unless ``value`` is finite and > 0 (or >= 0 with ``allow_zero``)."""
    check_finite(name, value)
    arr = np.asarray(value, dtype=float)
    bad = np.any(arr < 0) if allow_zero else np.any(arr <= 0)
    if bad:
        rel = ">= 0" if allow_zero else "> 0"
        raise ParameterError(f"{name} must be {rel}, got {value!r}", name=name)


def check_temperature(temperature: Any, name: str = "temperature") -> None:
    """Temperatures are absolute (kelvin), finite and strictly positive (numbers, not strings)."""
    _reject_non_numeric(name, temperature)
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number in kelvin, got {temperature!r}", name=name) from None
    if not math.isfinite(t) or t <= 0:
        raise ParameterError(f"{name} must be a finite positive temperature in K, got {temperature!r}",
                             name=name)


def check_probability(name: str, value: Any, *, open_interval: bool = False) -> None:
    """Raise unless ``value`` lies in [0, 1] (or (0, 1) with ``open_interval``)."""
    check_finite(name, value)
    arr = np.asarray(value, dtype=float)
    bad = np.any((arr <= 0) | (arr >= 1)) if open_interval else np.any((arr < 0) | (arr > 1))
    if bad:
        rng = "(0, 1)" if open_interval else "[0, 1]"
        raise ParameterError(f"{name} must lie in {rng}, got {value!r}", name=name)


def check_choice(name: str, value: str, choices: Iterable[str]) -> None:
    """Raise unless ``value`` is one of ``choices``."""
    options = list(choices)
    if value not in options:
        raise ParameterError(f"unknown {name} {value!r}; choose one of {', '.join(options)}", name=name)


def check_int(name: str, value: Any, *, minimum: int = 0) -> int:
    """Return ``value`` as an int, raising unless it is an integer >= ``minimum``."""
    if value is None or isinstance(value, str | bytes | bool | np.bool_):
        raise ParameterError(f"{name} must be an integer, got {value!r}", name=name)
    try:
        ok = float(value).is_integer()
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ParameterError(f"{name} must be an integer, got {value!r}", name=name)
    iv = int(value)
    if iv < minimum:
        raise ParameterError(f"{name} must be >= {minimum}, got {value!r}", name=name)
    return iv


def check_seed(seed: Any, name: str = "seed") -> int:
    """Return ``seed`` as a non-negative int; ``None``, floats, strings and negatives are errors."""
    if seed is None:
        raise ParameterError(f"{name} must be a non-negative integer (runs are reproducible by design), "
                             "got None", name=name)
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, int | np.integer):
        raise ParameterError(f"{name} must be a non-negative integer, got {seed!r}", name=name)
    if seed < 0:
        raise ParameterError(f"{name} must be a non-negative integer, got {seed!r}", name=name)
    return int(seed)
