"""Default logical states of a device: the basins of attraction of the rest landscape's minima.

The minima are found with :func:`landauer.landscape.find_critical_points` in the device's box and
numbered in the order of their position along the first coordinate, then the second, ...; values of a
coordinate closer than a quarter of the smallest distance between two minima count as equal (so the four
minima of two coupled double wells number ``(-,-), (-,+), (+,-), (+,+)`` as ``0, 1, 2, 3`` even when the
coupling shifts them slightly).

- 1-D: the basins are exactly the intervals between the maxima separating consecutive minima; the
  classifier compares ``x`` with those maxima.
- n-D: each point goes to the minimum ``k`` minimising ``|x - m_k|^2 - w_k`` (a power diagram). The
  weights make the boundary between two minima joined by an index-1 saddle pass through that saddle
  (least squares when there are more saddles than free weights); without saddles it is the Voronoi
  partition. Exact for mirror-symmetric wells; near the saddle it follows the true separatrix to first
  order only, which is what a logical read-out needs (trajectories far from a minimum are rare).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from landauer.landscape import CriticalPoint, Kind, Potential, barriers, find_critical_points
from landauer.validation import ParameterError


def ordered_minima(points: Sequence[CriticalPoint]) -> list[CriticalPoint]:
    """The minima among ``points`` in state order (module docstring)."""
    mins = [q for q in points if q.kind is Kind.MINIMUM]
    if len(mins) < 2:
        return mins
    X = np.array([m.x for m in mins])
    d = np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1))
    tol = 0.25 * float(np.min(d[np.triu_indices(len(mins), 1)]))
    keys = np.empty_like(X)
    for j in range(X.shape[1]):  # snap each coordinate to the first value of its cluster
        order = np.argsort(X[:, j], kind="stable")
        start = X[order[0], j]
        prev = start
        for i in order:
            if X[i, j] - prev >= tol:
                start = X[i, j]
            keys[i, j] = start
            prev = X[i, j]
    return [mins[i] for i in sorted(range(len(mins)), key=lambda i: tuple(keys[i]))]


def default_classifier(pot: Potential, box: NDArray[np.float64]) -> tuple[str, int]:
    """Source of ``classify(x, p)`` for the basins of ``pot``'s minima in ``box``, and their number."""
    from landauer.devices.expression import nearest_source, thresholds_source  # SymPy only when compiling

    pts = find_critical_points(pot, bounds=box.tolist())
    mins = ordered_minima(pts)
    if not mins:
        raise ParameterError("the rest landscape has no minimum inside the device's bounds; "
                             "give bounds or explicit state conditions")
    if pot.ndim == 1:
        xs = [float(m.x[0]) for m in mins]
        cuts = []
        for a, b in zip(xs[:-1], xs[1:], strict=True):
            between = [q for q in pts if q.kind is not Kind.MINIMUM and a < q.x[0] < b]
            cuts.append(float(max(between, key=lambda q: q.energy).x[0]) if between else 0.5 * (a + b))
        return thresholds_source(cuts), len(mins)
    if len(mins) == 1:
        return nearest_source([mins[0].x.tolist()], [0.0]), 1
    order = {id(m): k for k, m in enumerate(mins)}
    bar = barriers(pot, pts, bounds=box)
    idx = [order[id(m)] for m in bar.minima]  # barriers() keeps find_critical_points' order
    rows, rhs = [], []
    for c in bar.connections:
        if c.a < 0 or c.b < 0 or c.a == c.b:
            continue
        a, b = idx[c.a], idx[c.b]
        ma, mb, s = mins[a].x, mins[b].x, c.saddle.x
        row = np.zeros(len(mins))
        row[a], row[b] = 1.0, -1.0
        rows.append(row)
        rhs.append(float(np.sum((s - ma) ** 2) - np.sum((s - mb) ** 2)))
    w = np.zeros(len(mins))
    if rows:
        A = np.vstack([*rows, np.eye(len(mins))[0]])  # anchor w_0 = 0
        w = np.linalg.lstsq(A, np.array([*rhs, 0.0]), rcond=None)[0]
    return nearest_source([m.x.tolist() for m in mins], w.tolist()), len(mins)
