"""Barriers between minima: which minima each index-1 saddle joins, and barrier heights per well.

An index-1 saddle ``s`` (in 1-D: a maximum) joins the minima ``a`` and ``b`` reached by steepest descent from
``s +- eps v``, with ``v`` its unstable eigenvector (the two branches of its unstable manifold).
The barrier between neighbouring minima is the lowest such saddle; the barrier of well ``k`` is
``Delta U_k = min_s (U_s - U_k)`` over the saddles joining ``k`` to another minimum.

Descent follows the gradient flow ``dx/dt = -M^-1 grad U`` (``M`` a diagonal mass metric, identity by
default, giving the minimum-energy path in mass-weighted coordinates), with an Armijo step control and
steps capped at ``max_step`` so the recorded path resolves the landscape (it is used for the
Mel'nikov-Meshkov action, :mod:`landauer.landscape.rates`).

Reference: D. J. Wales, Energy Landscapes (Cambridge 2003), ch. 6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.landscape.critical import CriticalPoint, Kind, newton
from landauer.landscape.potential import Potential, as_potential
from landauer.validation import ParameterError

Array = NDArray[np.float64]


def descend(
    pot: Potential,
    x0: ArrayLike,
    *,
    mass: ArrayLike | None = None,
    max_step: float = 0.05,
    gtol: float = 1e-7,
    max_iter: int = 20000,
    bounds: ArrayLike | None = None,
) -> tuple[Array, Array, bool]:
    """Follow steepest descent from ``x0`` to a minimum.

    Returns ``(x_end, path, converged)``: the polished end point, the path (``(m, ndim)``, from ``x0``)
    and whether it converged to a point with ``|grad U| < gtol`` (False if it left ``bounds``).
    """
    pot = as_potential(pot)
    x = np.asarray(x0, dtype=float).copy()
    minv = 1.0 / (np.ones(pot.ndim) if mass is None else np.asarray(mass, dtype=float))
    b = None if bounds is None else np.asarray(bounds, dtype=float)
    path = [x.copy()]
    u = pot.energy_at(x)
    eta = 1e-3
    for _ in range(max_iter):
        g = pot.gradient_at(x)
        d = -minv * g
        gn = float(np.linalg.norm(d))
        if gn < 1e-6:
            break
        step_len = min(eta * gn, max_step)
        trial = x + d * (step_len / gn)
        ut = pot.energy_at(trial)
        if ut < u - 1e-4 * step_len * float(np.dot(g, -d)) / gn:
            x, u = trial, ut
            path.append(x.copy())
            eta = min(eta * 1.5, 1e6)
            if b is not None and np.any((x < b[:, 0]) | (x > b[:, 1])):
                return x, np.array(path), False
        else:
            eta *= 0.5
            if eta < 1e-14:
                break
    xs, ok = newton(pot, x[None, :], tol=gtol, max_step=max_step)
    xf = xs[0]
    conv = bool(ok[0]) and bool(np.all(np.linalg.eigvalsh(pot.hessian_at(xf)) > 0))
    if conv:
        path.append(xf.copy())
    return xf, np.array(path), conv


@dataclass(frozen=True, eq=False)
class Connection:
    """An index-1 saddle and the two minima (indices into ``Barriers.minima``, -1 if none) it joins."""

    saddle: CriticalPoint
    a: int
    b: int
    path_a: Array
    path_b: Array

    def height_from(self, k: int, minima: Sequence[CriticalPoint]) -> float:
        """``U_s - U_k``."""
        return self.saddle.energy - minima[k].energy


@dataclass(frozen=True, eq=False)
class Barriers:
    """Minima, saddles and their connections (see module docstring)."""

    minima: tuple[CriticalPoint, ...]
    connections: tuple[Connection, ...]

    def escapes(self, k: int) -> list[Connection]:
        """Connections from minimum ``k`` to a different minimum."""
        return [c for c in self.connections if k in (c.a, c.b) and c.a != c.b and min(c.a, c.b) >= 0]

    def well(self, k: int) -> float:
        """Barrier of well ``k``: ``min (U_s - U_k)`` over its escape saddles (inf if none)."""
        esc = self.escapes(k)
        return min((c.height_from(k, self.minima) for c in esc), default=float("inf"))

    def lowest_escape(self, k: int) -> Connection | None:
        esc = self.escapes(k)
        return min(esc, key=lambda c: c.saddle.energy) if esc else None

    def pair(self, a: int, b: int) -> Connection | None:
        """The lowest saddle joining minima ``a`` and ``b`` directly (None if they are not neighbours)."""
        cand = [c for c in self.connections if {c.a, c.b} == {a, b} and a != b]
        return min(cand, key=lambda c: c.saddle.energy) if cand else None

    def index_of(self, x: ArrayLike, *, tol: float = 1e-3) -> int:
        """Index of the minimum at ``x`` (within ``tol``), or -1."""
        xa = np.asarray(x, dtype=float)
        for k, m in enumerate(self.minima):
            if np.max(np.abs(m.x - xa)) < tol:
                return k
        return -1

    def as_dicts(self, names: Sequence[str] | None = None) -> list[dict[str, Any]]:
        out = []
        for c in self.connections:
            d = c.saddle.as_dict(names)
            d.update(
                minima=[c.a, c.b],
                heights=[
                    c.height_from(c.a, self.minima) if c.a >= 0 else None,
                    c.height_from(c.b, self.minima) if c.b >= 0 else None,
                ],
            )
            out.append(d)
        return out


def barriers(
    pot: Potential,
    points: Sequence[CriticalPoint],
    *,
    mass: ArrayLike | None = None,
    eps: float = 1e-3,
    match_tol: float = 1e-4,
    bounds: ArrayLike | None = None,
) -> Barriers:
    """Connect every index-1 saddle in ``points`` to the minima it separates.

    Parameters
    ----------
    pot : Potential or Device
    points : sequence of CriticalPoint
        Output of :func:`~landauer.landscape.critical.find_critical_points`.
    mass : array_like, optional
        Diagonal metric for the descent (default identity).
    eps : float
        Displacement along the unstable eigenvector to start each descent.
    match_tol : float
        A descent end within this distance (max norm) of a listed minimum is that minimum.
    bounds : array_like, optional
        Descents that leave this box end there (index -1).
    """
    pot = as_potential(pot)
    mins = tuple(p for p in points if p.kind is Kind.MINIMUM)
    if not mins:
        raise ParameterError("no minimum among the critical points: nothing to connect")
    conns = []
    for s in (p for p in points if p.index == 1):  # index-1 saddles (in 1-D: the maxima)
        v = s.unstable_direction
        ends = []
        for sign in (1.0, -1.0):
            xf, path, ok = descend(pot, s.x + sign * eps * v, mass=mass, bounds=bounds)
            k = -1
            if ok:
                d = [float(np.max(np.abs(m.x - xf))) for m in mins]
                j = int(np.argmin(d))
                k = j if d[j] < match_tol else -1
            ends.append((k, np.vstack([s.x[None, :], path])))
        (a, pa), (b, pb) = ends
        if b >= 0 and (a < 0 or b < a):
            a, b, pa, pb = b, a, pb, pa
        conns.append(Connection(s, a, b, pa, pb))
    return Barriers(mins, tuple(conns))
