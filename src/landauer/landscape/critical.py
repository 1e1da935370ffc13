"""Critical points of a potential: multi-start damped Newton on the gradient, deduplication and
classification by the Hessian's signature.

Every critical point ``grad U = 0`` in a box is a fixed point of the noise-free dynamics. Newton's
method on ``grad U`` (Jacobian = Hessian) converges to minima, saddles and maxima alike; started from a
regular grid fine enough that every basin of attraction of Newton's map is sampled it finds them all.
Steps are damped by backtracking on the merit ``|grad U|^2`` and capped in length.

Classification (``n_-`` = number of negative Hessian eigenvalues):
minimum (``n_- = 0``), index-1 saddle (``n_- = 1``), higher saddle (``1 < n_- < ndim``), maximum
(``n_- = ndim``). A point with ``min |eig| <= fold_tol * max(1, max |eig|)`` is flagged as a fold
(``det H ~ 0``: saddle-node or pitchfork), where two branches meet.

Reference: J. Nocedal, S. Wright, Numerical Optimization, 2nd ed. (Springer 2006), ch. 11.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.landscape.potential import Potential, as_bounds, as_potential
from landauer.validation import ParameterError, check_int, check_positive

Array = NDArray[np.float64]


class Kind(enum.Enum):
    """Type of a critical point by Hessian signature."""

    MINIMUM = "minimum"
    SADDLE = "saddle"  # index 1
    HIGHER_SADDLE = "higher-saddle"  # 1 < index < ndim
    MAXIMUM = "maximum"


@dataclass(frozen=True, eq=False)
class CriticalPoint:
    """One critical point ``grad U(x) = 0``.

    Attributes
    ----------
    x : ndarray
        Position.
    energy : float
        ``U(x)``.
    eigenvalues, eigenvectors : ndarray
        Hessian eigenpairs, ascending (``eigenvectors[:, k]`` belongs to ``eigenvalues[k]``).
    kind : Kind
    index : int
        Number of negative eigenvalues.
    fold : bool
        ``det H ~ 0`` (see module docstring).
    residual : float
        ``|grad U(x)|`` at convergence.
    """

    x: Array
    energy: float
    eigenvalues: Array
    eigenvectors: Array
    kind: Kind
    index: int
    fold: bool
    residual: float = 0.0
    hessian: Array = field(default_factory=lambda: np.zeros((0, 0)))

    @property
    def det(self) -> float:
        return float(np.prod(self.eigenvalues))

    @property
    def unstable_direction(self) -> Array:
        """Eigenvector of the lowest eigenvalue (the unstable mode of an index-1 saddle)."""
        return np.asarray(self.eigenvectors[:, 0])

    def as_dict(self, names: Sequence[str] | None = None) -> dict[str, Any]:
        keys = list(names) if names is not None else [f"x{i}" for i in range(self.x.size)]
        return {
            "kind": self.kind.value,
            "position": {k: float(v) for k, v in zip(keys, self.x, strict=True)},
            "energy": self.energy,
            "eigenvalues": [float(v) for v in self.eigenvalues],
            "fold": self.fold,
        }


def classify_hessian(H: ArrayLike, *, fold_tol: float = 1e-6) -> tuple[Kind, int, bool]:
    """``(kind, index, fold)`` of a symmetric Hessian (see module docstring)."""
    ev = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return _classify_eigs(ev, fold_tol)


def _classify_eigs(ev: Array, fold_tol: float) -> tuple[Kind, int, bool]:
    n = ev.size
    index = int(np.sum(ev < 0))
    fold = bool(np.min(np.abs(ev)) <= fold_tol * max(1.0, float(np.max(np.abs(ev)))))
    if index == 0:
        kind = Kind.MINIMUM
    elif index == n:
        kind = Kind.MAXIMUM
    elif index == 1:
        kind = Kind.SADDLE
    else:
        kind = Kind.HIGHER_SADDLE
    return kind, index, fold


def make_point(pot: Potential, x: ArrayLike, *, fold_tol: float = 1e-6) -> CriticalPoint:
    """Evaluate energy and Hessian at ``x`` and classify (no check that ``grad U(x) = 0``)."""
    pot = as_potential(pot)
    x = np.asarray(x, dtype=float).copy()
    H = pot.hessian_at(x)
    H = 0.5 * (H + H.T)
    ev, vec = np.linalg.eigh(H)
    kind, index, fold = _classify_eigs(ev, fold_tol)
    res = float(np.linalg.norm(pot.gradient_at(x)))
    return CriticalPoint(x, pot.energy_at(x), ev, vec, kind, index, fold, res, H)


def newton(
    pot: Potential,
    starts: ArrayLike,
    *,
    tol: float = 1e-10,
    max_iter: int = 60,
    max_step: float = 0.5,
    box: ArrayLike | None = None,
) -> tuple[Array, NDArray[np.bool_]]:
    """Damped Newton iteration on ``grad U = 0`` from each row of ``starts`` (shape ``(n, ndim)``).

    Each step ``dx = -H^+ g`` (pseudo-inverse, so singular Hessians do not stop it) is capped at
    ``max_step`` in length and halved up to 8 times until ``|g|^2`` decreases.
    Starts that leave ``box`` (``(ndim, 2)``, optional) are abandoned.
    Returns the final positions and a mask of those with ``|grad U| < tol``.
    """
    bx = None if box is None else np.asarray(box, dtype=float)
    X = np.array(starts, dtype=float).reshape(-1, pot.ndim)
    g = pot.gradients(X)
    merit = np.sum(g * g, axis=1)
    active = np.isfinite(merit)
    for _ in range(max_iter):
        active &= merit >= tol * tol
        if not np.any(active):
            break
        idx = np.flatnonzero(active)
        H = pot.hessians(X[idx])
        step = -np.einsum("nij,nj->ni", np.linalg.pinv(H, rcond=1e-13), g[idx])
        length = np.linalg.norm(step, axis=1)
        step *= np.minimum(1.0, max_step / np.maximum(length, 1e-300))[:, None]
        pending = np.ones(idx.size, dtype=bool)
        for _half in range(9):
            trial = X[idx] + step
            gt = pot.gradients(trial)
            mt = np.sum(gt * gt, axis=1)
            ok = pending & np.isfinite(mt) & (mt < merit[idx])
            sel = idx[ok]
            X[sel] = trial[ok]
            g[sel] = gt[ok]
            merit[sel] = mt[ok]
            pending &= ~ok
            if not np.any(pending):
                break
            step[pending] *= 0.5
        # stalled starts: take the last (tiny) step anyway, to escape flat regions
        if np.any(pending):
            sel = idx[pending]
            X[sel] = X[sel] + step[pending]
            g[sel] = pot.gradients(X[sel])
            merit[sel] = np.sum(g[sel] * g[sel], axis=1)
        active &= np.isfinite(merit)
        if bx is not None:
            active &= np.all((X >= bx[:, 0]) & (X <= bx[:, 1]), axis=1)
    return X, np.isfinite(merit) & (merit < tol * tol)


def grid_starts(bounds: ArrayLike, n_per_axis: int | Sequence[int]) -> Array:
    """Regular grid of start points over the box (cell centres), shape ``(prod(n), ndim)``."""
    b = np.asarray(bounds, dtype=float)
    ns = np.broadcast_to(np.asarray(n_per_axis, dtype=int), (b.shape[0],))
    axes = [lo + (hi - lo) * (np.arange(k) + 0.5) / k for (lo, hi), k in zip(b, ns, strict=True)]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([m.ravel() for m in mesh], axis=1)


def find_critical_points(
    pot: Potential,
    *,
    bounds: Sequence[Sequence[float]],
    n_per_axis: int | Sequence[int] | None = None,
    n_random: int = 0,
    extra_starts: ArrayLike | None = None,
    seed: int = 0,
    tol: float = 1e-10,
    dedup_tol: float = 1e-6,
    fold_tol: float = 1e-6,
    max_step: float | None = None,
) -> list[CriticalPoint]:
    """All critical points of ``pot`` inside the box ``bounds``, classified and sorted by energy.

    Parameters
    ----------
    pot : Potential
    bounds : sequence of (lo, hi)
        The search box, one pair per coordinate; points converging outside it are dropped.
    n_per_axis : int or sequence, optional
        Grid of Newton starts per axis (default: 24 in 1-D, 16 in 2-D, 8 in 3-D, 5 beyond).
    n_random : int
        Extra uniformly random starts (``seed`` fixes them).
    extra_starts : array_like, optional
        Additional starts, e.g. the points of a nearby control value during continuation.
    tol : float
        Convergence: ``|grad U| < tol``.
    dedup_tol : float
        Points closer than this (max norm) are one point.
    fold_tol : float
        Relative threshold on the smallest ``|eigenvalue|`` for the fold flag.
    max_step : float, optional
        Newton step cap (default: a tenth of the box diagonal).
    """
    pot = as_potential(pot)
    b = as_bounds(bounds, pot.ndim)
    check_positive("tol", tol)
    check_positive("dedup_tol", dedup_tol)
    if n_per_axis is None:
        n_per_axis = {1: 24, 2: 16, 3: 8}.get(pot.ndim, 5)
    parts = [grid_starts(b, n_per_axis)]
    if n_random:
        k = check_int("n_random", n_random)
        rng = np.random.default_rng(seed)
        parts.append(b[:, 0] + (b[:, 1] - b[:, 0]) * rng.random((k, pot.ndim)))
    if extra_starts is not None:
        extra = np.asarray(extra_starts, dtype=float).reshape(-1, pot.ndim)
        if extra.size:
            parts.append(extra)
    starts = np.vstack(parts)
    if max_step is None:
        max_step = 0.1 * float(np.linalg.norm(b[:, 1] - b[:, 0]))
    width = b[:, 1] - b[:, 0]
    far = np.stack([b[:, 0] - 0.5 * width, b[:, 1] + 0.5 * width], axis=1)
    X, ok = newton(pot, starts, tol=tol, max_step=max_step, box=far)
    margin = 1e-9 * width
    inside = np.all((X >= b[:, 0] - margin) & (X <= b[:, 1] + margin), axis=1)
    return points_from(pot, X[ok & inside], dedup_tol=dedup_tol, fold_tol=fold_tol)


def points_from(pot: Potential, X: ArrayLike, *, dedup_tol: float = 1e-6, fold_tol: float = 1e-6
                ) -> list[CriticalPoint]:
    """Deduplicate converged positions and classify them; sorted by energy."""
    X = np.asarray(X, dtype=float).reshape(-1, pot.ndim)
    unique: list[Array] = []
    for x in X[np.argsort(np.linalg.norm(pot.gradients(X), axis=1))] if X.size else []:
        if not any(np.max(np.abs(x - u)) < dedup_tol for u in unique):
            unique.append(x)
    pts = [make_point(pot, x, fold_tol=fold_tol) for x in unique]
    return sorted(pts, key=lambda p: (p.energy, tuple(p.x)))


def minima(points: Sequence[CriticalPoint]) -> list[CriticalPoint]:
    return [p for p in points if p.kind is Kind.MINIMUM]


def saddles(points: Sequence[CriticalPoint]) -> list[CriticalPoint]:
    return [p for p in points if p.kind is Kind.SADDLE]


def nearest(points: Sequence[CriticalPoint], x: ArrayLike, *, kind: Kind | None = None) -> CriticalPoint:
    """The point (optionally of one kind) closest to ``x``."""
    cand = [p for p in points if kind is None or p.kind is kind]
    if not cand:
        raise ParameterError(f"no critical point of kind {kind.value if kind else 'any'}")
    xa = np.asarray(x, dtype=float)
    return min(cand, key=lambda p: float(np.linalg.norm(p.x - xa)))
