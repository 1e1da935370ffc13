"""The potential interface of the landscape tools: energy, gradient and Hessian as plain callables.

A :class:`Potential` bundles three functions of the coordinates ``x`` (controls are bound by the
caller, e.g. with a closure or :func:`functools.partial`)::

    energy(x)   -> float            U(x)
    gradient(x) -> array (ndim,)    dU/dx
    hessian(x)  -> array (ndim, ndim)  d2U/dx_i dx_j

With ``vectorized=True`` the functions also accept a stack ``x`` of shape ``(..., ndim)`` and return
shapes ``(...)``, ``(..., ndim)`` and ``(..., ndim, ndim)``; the multi-start Newton then runs all
starts at once (much faster). :func:`check_derivatives` compares the analytic derivatives with
central finite differences. A :class:`landauer.devices.Device` serves as a potential too: every
landscape function accepts one (at its rest controls; ``device.potential(controls)`` for others) through
:func:`as_potential`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import ParameterError, check_finite

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Potential:
    """A potential with analytic first and second derivatives (see module docstring).

    Parameters
    ----------
    energy, gradient, hessian : callable
        ``U(x)``, ``dU/dx`` and the Hessian; ``x`` has shape ``(ndim,)`` (or ``(..., ndim)`` if
        ``vectorized``).
    ndim : int
        Number of coordinates.
    vectorized : bool
        Whether the callables broadcast over leading axes of ``x``.
    names : tuple of str
        Coordinate names (for reports); default ``x0, x1, ...``.
    """

    energy: Callable[[Any], Any]
    gradient: Callable[[Any], Any]
    hessian: Callable[[Any], Any]
    ndim: int
    vectorized: bool = False
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.ndim, int) or self.ndim < 1:
            raise ParameterError(f"ndim must be a positive integer, got {self.ndim!r}")
        if self.names and len(self.names) != self.ndim:
            raise ParameterError(f"names must have {self.ndim} entries, got {len(self.names)}")

    @property
    def coordinate_names(self) -> tuple[str, ...]:
        return self.names or tuple(f"x{i}" for i in range(self.ndim))

    # Batched evaluation on X of shape (n, ndim) ------------------------------------------------
    def energies(self, X: Array) -> Array:
        X = np.asarray(X, dtype=float).reshape(-1, self.ndim)
        if self.vectorized:
            return np.asarray(self.energy(X), dtype=float).reshape(X.shape[0])
        return np.array([float(self.energy(x)) for x in X])

    def gradients(self, X: Array) -> Array:
        X = np.asarray(X, dtype=float).reshape(-1, self.ndim)
        if self.vectorized:
            return np.asarray(self.gradient(X), dtype=float).reshape(X.shape[0], self.ndim)
        return np.array([np.asarray(self.gradient(x), dtype=float) for x in X]).reshape(-1, self.ndim)

    def hessians(self, X: Array) -> Array:
        X = np.asarray(X, dtype=float).reshape(-1, self.ndim)
        if self.vectorized:
            return np.asarray(self.hessian(X), dtype=float).reshape(X.shape[0], self.ndim, self.ndim)
        return np.array([np.asarray(self.hessian(x), dtype=float) for x in X]).reshape(
            -1, self.ndim, self.ndim
        )

    def energy_at(self, x: ArrayLike) -> float:
        return float(self.energies(np.asarray(x, dtype=float)[None, :])[0])

    def gradient_at(self, x: ArrayLike) -> Array:
        return self.gradients(np.asarray(x, dtype=float)[None, :])[0]

    def hessian_at(self, x: ArrayLike) -> Array:
        return self.hessians(np.asarray(x, dtype=float)[None, :])[0]


def as_potential(obj: Any) -> Potential:
    """``obj`` as a :class:`Potential`: a Potential itself, or anything with a ``potential()`` method
    (e.g. a :class:`landauer.devices.Device`, taken at its rest controls)."""
    if isinstance(obj, Potential):
        return obj
    make = getattr(obj, "potential", None)
    if callable(make):
        pot = make()
        if isinstance(pot, Potential):
            return pot
    raise ParameterError(f"expected a Potential or a Device, got {type(obj).__name__}")


def as_bounds(bounds: Sequence[Sequence[float]], ndim: int) -> Array:
    """Validate a box ``[(lo, hi), ...]`` (one pair per coordinate) and return it as ``(ndim, 2)``."""
    b = np.asarray(bounds, dtype=float)
    if b.shape != (ndim, 2):
        raise ParameterError(f"bounds must be {ndim} pairs (lo, hi), got shape {b.shape}")
    check_finite("bounds", b)
    if np.any(b[:, 1] <= b[:, 0]):
        raise ParameterError("bounds need lo < hi for every coordinate")
    return b


def check_derivatives(pot: Potential, x: ArrayLike, *, h: float = 1e-5) -> tuple[float, float]:
    """Largest absolute mismatch of the analytic gradient and Hessian with central differences at ``x``.

    Returns ``(gradient_error, hessian_error)``; both should be ``O(h^2)`` times the third/fourth
    derivatives (about 1e-8 for smooth O(1) potentials at the default ``h``).
    """
    pot = as_potential(pot)
    x = np.asarray(x, dtype=float)
    n = pot.ndim
    g = pot.gradient_at(x)
    H = pot.hessian_at(x)
    g_fd = np.empty(n)
    H_fd = np.empty((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h
        g_fd[i] = (pot.energy_at(x + e) - pot.energy_at(x - e)) / (2 * h)
        H_fd[:, i] = (pot.gradient_at(x + e) - pot.gradient_at(x - e)) / (2 * h)
    return float(np.max(np.abs(g - g_fd))), float(np.max(np.abs(H - H_fd)))
