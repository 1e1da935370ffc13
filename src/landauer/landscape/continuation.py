"""Fixed points against one control: bifurcation diagrams and folds.

A *family* is a callable ``p -> Potential``. :func:`bifurcation_diagram` finds the critical points at
each value of ``p`` (multi-start Newton, seeded also with the previous value's points: natural-parameter
continuation). Where the number of critical points changes between neighbouring values, a fold
(saddle-node) lies in between; :func:`locate_fold` brackets it by bisection on the count of critical
points near the vanishing pair and polishes it on the augmented system
``{grad U(x, p) = 0, det H(x, p) = 0}`` (``ndim + 1`` equations in ``(x, p)``).

Reference: Yu. A. Kuznetsov, Elements of Applied Bifurcation Theory, 3rd ed. (Springer 2004), ch. 10.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from landauer.landscape.critical import CriticalPoint, Kind, find_critical_points, make_point
from landauer.landscape.potential import Potential, as_bounds
from landauer.validation import ParameterError, check_finite

Array = NDArray[np.float64]
Family = Callable[[float], Potential]


@dataclass(frozen=True)
class Fold:
    """A fold at control value ``p``: critical point ``x`` with ``det H = 0`` (energy ``energy``)."""

    p: float
    x: Array
    energy: float
    kinds: tuple[str, ...]  # kinds of the two points that merge (from the side where they exist)


@dataclass(frozen=True, eq=False)
class Diagram:
    """Critical points at each control value, and the folds between them."""

    parameter: str
    values: Array
    points: tuple[tuple[CriticalPoint, ...], ...]
    folds: tuple[Fold, ...] = field(default=())

    def count(self, kind: Kind | None = None) -> NDArray[np.int64]:
        return np.array([sum(kind is None or p.kind is kind for p in pts) for pts in self.points])

    def scatter(self, *, kind: Kind | None = None, coordinate: int = 0) -> tuple[Array, Array, Array]:
        """``(p, x_coordinate, energy)`` of every point (of one kind), for plotting."""
        rows = [(v, p.x[coordinate], p.energy) for v, pts in zip(self.values, self.points, strict=True)
                for p in pts if kind is None or p.kind is kind]
        if not rows:
            return np.zeros(0), np.zeros(0), np.zeros(0)
        a = np.array(rows)
        return a[:, 0], a[:, 1], a[:, 2]


def bifurcation_diagram(
    family: Family,
    values: ArrayLike,
    *,
    bounds: Sequence[Sequence[float]],
    parameter: str = "p",
    n_per_axis: int | Sequence[int] | None = None,
    fold_tol: float = 1e-6,
    locate_folds: bool = True,
) -> Diagram:
    """Critical points of ``family(p)`` for each ``p`` in ``values`` (module docstring)."""
    vals = np.asarray(values, dtype=float)
    check_finite("values", vals)
    if vals.ndim != 1 or vals.size < 1:
        raise ParameterError("values must be a non-empty 1-D sequence")
    all_pts: list[tuple[CriticalPoint, ...]] = []
    prev: Array | None = None
    for v in vals:
        pts = find_critical_points(family(float(v)), bounds=bounds, n_per_axis=n_per_axis,
                                   extra_starts=prev, fold_tol=fold_tol)
        all_pts.append(tuple(pts))
        prev = np.array([p.x for p in pts]) if pts else None
    folds: list[Fold] = []
    if locate_folds:
        for k in range(vals.size - 1):
            a, b = all_pts[k], all_pts[k + 1]
            if len(a) == len(b):
                continue
            rich, lo_side = (a, True) if len(a) > len(b) else (b, False)
            poor = b if lo_side else a
            for x0 in _vanishing_pairs(rich, poor):
                f = locate_fold(family, x0, float(vals[k]), float(vals[k + 1]), bounds=bounds)
                if f is not None and not any(abs(f.p - g.p) < 1e-9 and np.allclose(f.x, g.x, atol=1e-4)
                                             for g in folds):
                    folds.append(f)
    return Diagram(parameter, vals, tuple(all_pts), tuple(folds))


def _vanishing_pairs(rich: Sequence[CriticalPoint], poor: Sequence[CriticalPoint]) -> list[Array]:
    """Midpoints of pairs of points on the rich side with no counterpart on the poor side."""
    lonely = [p for p in rich if not poor or min(np.max(np.abs(p.x - q.x)) for q in poor) > 0.05]
    used: set[int] = set()
    mids = []
    for i, p in enumerate(lonely):
        if i in used:
            continue
        others = [(float(np.linalg.norm(p.x - q.x)), j) for j, q in enumerate(lonely)
                  if j != i and j not in used]
        if others:
            _, j = min(others)
            used |= {i, j}
            mids.append(0.5 * (p.x + lonely[j].x))
        else:
            used.add(i)
            mids.append(p.x)
    return mids


def _count_near(pot: Potential, x0: Array, radius: float) -> tuple[int, list[CriticalPoint]]:
    box = [(c - radius, c + radius) for c in x0]
    pts = find_critical_points(pot, bounds=box, n_per_axis=7, extra_starts=x0[None, :])
    return len(pts), pts


def locate_fold(
    family: Family,
    x0: ArrayLike,
    p_lo: float,
    p_hi: float,
    *,
    bounds: Sequence[Sequence[float]],
    radius: float = 0.3,
    rtol: float = 1e-7,
) -> Fold | None:
    """Bisect for the control value where a pair of critical points near ``x0`` merges, then polish.

    The local count of critical points (within ``radius`` of ``x0``) must differ at the two ends.
    Returns None if it does not.
    """
    as_bounds(bounds, len(np.atleast_1d(x0)))
    xc = np.asarray(x0, dtype=float)
    n_lo, pts_lo = _count_near(family(p_lo), xc, radius)
    n_hi, pts_hi = _count_near(family(p_hi), xc, radius)
    if n_lo == n_hi:
        return None
    lo, hi = p_lo, p_hi
    rich_pts = pts_lo if n_lo > n_hi else pts_hi
    n_rich = max(n_lo, n_hi)
    rich_is_lo = n_lo > n_hi
    for _ in range(200):
        if abs(hi - lo) <= rtol * max(1.0, abs(lo), abs(hi)):
            break
        mid = 0.5 * (lo + hi)
        n_mid, pts = _count_near(family(mid), xc, radius)
        if (n_mid >= n_rich) == rich_is_lo:
            lo = mid
        else:
            hi = mid
        if n_mid >= n_rich:
            rich_pts = pts
    p_edge = lo if rich_is_lo else hi
    # the merging pair: the two closest points on the rich side near x0
    pair = sorted(rich_pts, key=lambda q: float(np.linalg.norm(q.x - xc)))[:2]
    kinds = tuple(q.kind.value for q in pair)
    xg = np.mean([q.x for q in pair], axis=0) if pair else xc
    fold = _polish(family, xg, p_edge, p_lo, p_hi)
    xf, pf = fold if fold is not None else (xg, p_edge)
    pt = make_point(family(pf), xf)
    return Fold(float(pf), np.asarray(xf), pt.energy, kinds)


def solve_fold(family: Family, x0: ArrayLike, p0: float, *, p_range: tuple[float, float] | None = None
               ) -> Fold | None:
    """Solve ``{grad U(x, p) = 0, det H(x, p) = 0}`` from a guess ``(x0, p0)`` near a fold.

    Returns None if the solver fails, lands outside ``p_range`` or moves ``x`` by more than 0.1.
    """
    x = np.asarray(x0, dtype=float)
    lo, hi = p_range if p_range is not None else (p0 - 1.0, p0 + 1.0)
    res = _polish(family, x, float(p0), lo, hi)
    if res is None:
        return None
    xf, pf = res
    pt = make_point(family(pf), xf)
    return Fold(float(pf), np.asarray(xf), pt.energy, ())


def _polish(family: Family, x0: Array, p0: float, p_lo: float, p_hi: float) -> tuple[Array, float] | None:
    n = x0.size

    def F(z: Array) -> Array:
        pot = family(float(z[n]))
        H = pot.hessian_at(z[:n])
        return np.concatenate([pot.gradient_at(z[:n]), [np.linalg.det(H)]])

    sol = optimize.root(F, np.concatenate([x0, [p0]]), method="hybr", options={"xtol": 1e-13})
    if not sol.success:
        return None
    z = sol.x
    span = abs(p_hi - p_lo)
    if not (min(p_lo, p_hi) - 1e-6 * span <= z[n] <= max(p_lo, p_hi) + 1e-6 * span):
        return None
    if np.max(np.abs(F(z))) > 1e-8 or np.linalg.norm(z[:n] - x0) > 0.1:
        return None
    return z[:n], float(z[n])
