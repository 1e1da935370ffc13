"""Input checks shared by every parameter dataclass: one clear ``ValueError`` naming the field."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np


class ParameterError(ValueError):
    """A user-supplied parameter is invalid. The message names the parameter and the problem."""


def check_finite(name: str, value: Any) -> None:
    """Raise :class:`ParameterError` unless every element of ``value`` is finite."""
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite, got {value!r}")


def check_positive(name: str, value: Any, *, allow_zero: bool = False) -> None:
    """Raise unless ``value`` is finite and > 0 (or >= 0 with ``allow_zero``)."""
    check_finite(name, value)
    arr = np.asarray(value, dtype=float)
    bad = np.any(arr < 0) if allow_zero else np.any(arr <= 0)
    if bad:
        rel = ">= 0" if allow_zero else "> 0"
        raise ParameterError(f"{name} must be {rel}, got {value!r}")


def check_temperature(temperature: Any, name: str = "temperature") -> None:
    """Temperatures are absolute (kelvin), finite and strictly positive."""
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number in kelvin, got {temperature!r}") from None
    if not math.isfinite(t) or t <= 0:
        raise ParameterError(f"{name} must be a finite positive temperature in K, got {temperature!r}")


def check_probability(name: str, value: Any, *, open_interval: bool = False) -> None:
    """Raise unless ``value`` lies in [0, 1] (or (0, 1) with ``open_interval``)."""
    check_finite(name, value)
    arr = np.asarray(value, dtype=float)
    bad = np.any((arr <= 0) | (arr >= 1)) if open_interval else np.any((arr < 0) | (arr > 1))
    if bad:
        rng = "(0, 1)" if open_interval else "[0, 1]"
        raise ParameterError(f"{name} must lie in {rng}, got {value!r}")


def check_choice(name: str, value: str, choices: Iterable[str]) -> None:
    """Raise unless ``value`` is one of ``choices``."""
    options = list(choices)
    if value not in options:
        raise ParameterError(f"unknown {name} {value!r}; choose one of {', '.join(options)}")


def check_int(name: str, value: Any, *, minimum: int = 0) -> int:
    """Return ``value`` as an int, raising unless it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not float(value).is_integer():
        raise ParameterError(f"{name} must be an integer, got {value!r}")
    iv = int(value)
    if iv < minimum:
        raise ParameterError(f"{name} must be >= {minimum}, got {value!r}")
    return iv
