"""Slow-driving geometry: the friction tensor from equilibrium simulations and geodesic protocols.

For slow protocols the mean excess work is ``<W_ex> ~ int_0^tau lambda'^T zeta(lambda) lambda' dt``
with the friction tensor (D. A. Sivak & G. E. Crooks, PRL 108, 190602 (2012))

    zeta_ij(lambda) = beta int_0^inf <delta X_i(0) delta X_j(t)>_lambda dt,   X_i = -dU/dlambda_i,

the integrated equilibrium autocovariance of the conjugate forces at fixed controls. Minimising
``<W_ex>`` over paths from ``a`` to ``b`` gives the geodesic of ``zeta`` traversed at constant excess
power, whose cost is ``L^2 / tau`` with the thermodynamic length ``L = int sqrt(dlambda^T zeta dlambda)``.

The estimate of ``zeta`` and its exact 1-D quadrature live in :mod:`landauer.optimise.friction` (re-exported
here). Estimation: equilibrium trajectories at fixed ``lambda`` (started from Boltzmann samples, or from a burn-in
run), positions every ``sample_interval``; ``X_i`` by central differences of ``U`` in ``lambda_i``; the
autocovariance averaged over time origins, integrated by the trapezoid rule up to ``max_lag``; the
standard error from the spread over independent blocks of trajectories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from landauer.engine.protocol import Protocol
from landauer.optimise.friction import (  # noqa: F401  (re-exported: the friction half of the geometry)
    FrictionEstimate,
    conjugate_forces,
    friction_quadrature_1d,
    friction_tensor,
)
from landauer.validation import ParameterError, check_int, check_positive

Metric = Callable[[NDArray[np.float64]], NDArray[np.float64]]


# --- geodesics ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geodesic:
    """A path through control space traversed at constant excess power.

    ``path[k]`` is reached at time ``fraction[k] * tau``; ``length`` is the thermodynamic length, so the
    slow-driving excess work of the schedule is ``length^2 / tau``.
    """

    controls: tuple[str, ...]
    path: NDArray[np.float64]
    fraction: NDArray[np.float64]
    length: float

    def excess_work(self, tau: float) -> float:
        check_positive("tau", tau)
        return self.length**2 / tau

    def protocol(self, tau: float) -> Protocol:
        """The schedule as an engine protocol of duration ``tau`` (piecewise linear between path points)."""
        check_positive("tau", tau)
        t = tuple(float(v) for v in self.fraction * tau)
        return Protocol(controls=self.controls, times=t, values=tuple(tuple(r) for r in self.path.tolist()))


def _many(metric: Metric, points: NDArray[np.float64]) -> NDArray[np.float64]:
    """``metric`` at each row of ``points``, shape ``(k, m, m)`` (one vectorised call when the metric offers
    ``metric.batch``, as :func:`grid_metric`'s does)."""
    batch = getattr(metric, "batch", None)
    if batch is not None:
        return np.asarray(batch(points))
    return np.array([metric(v) for v in points])


def _segment_lengths(metric: Metric, path: NDArray[np.float64]) -> NDArray[np.float64]:
    d = np.diff(path, axis=0)
    q = np.einsum("ki,kij,kj->k", d, _many(metric, 0.5 * (path[1:] + path[:-1])), d)
    return np.asarray(np.sqrt(np.maximum(q, 0.0)))


def constant_speed(controls: Sequence[str], metric: Metric, path: ArrayLike) -> Geodesic:
    """Time fractions that traverse ``path`` at constant excess power (proportional to arc length)."""
    p = np.atleast_2d(np.asarray(path, dtype=float))
    if p.shape[0] < 2:
        raise ParameterError("a path needs at least two points")
    seg = _segment_lengths(metric, p)
    total = float(seg.sum())
    if total <= 0:
        raise ParameterError("the path has zero thermodynamic length")
    frac = np.concatenate([[0.0], np.cumsum(seg) / total])
    frac[-1] = 1.0
    return Geodesic(controls=tuple(controls), path=p, fraction=frac, length=total)


def geodesic(controls: Sequence[str], metric: Metric, a: ArrayLike, b: ArrayLike, *, points: int = 17,
             bounds: Sequence[tuple[float, float]] | None = None, starts: Sequence[ArrayLike] = (),
             densify: int = 1) -> Geodesic:
    """The geodesic of ``metric`` from ``a`` to ``b``: minimise ``sum_k (points - 1) dlambda_k^T zeta dlambda_k``
    (the discretised energy functional, whose minimisers are constant-speed geodesics) over the interior
    points with L-BFGS-B, starting from the straight line and from each path in ``starts`` (any number of
    points from ``a`` to ``b``, resampled); the shortest of the solutions and the starts wins. Each candidate is timed at constant
    excess power on the path refined ``densify`` times (linear interpolation between the solved points), so
    that a long step cannot skip a region of large friction unnoticed.
    ``metric(lambda) -> (m, m)`` must be symmetric positive definite.
    """
    pa = np.asarray(a, dtype=float).ravel()
    pb = np.asarray(b, dtype=float).ravel()
    m = pa.size
    if pb.size != m or len(controls) != m:
        raise ParameterError("a, b and controls must have the same length")
    k = check_int("points", points, minimum=3)
    s = np.linspace(0.0, 1.0, k)[:, None]
    line = pa + s * (pb - pa)

    def full(z: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.vstack([pa, z.reshape(k - 2, m), pb])

    def action(z: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        # value and analytic gradient: the metric's derivative by central differences at each midpoint
        p = full(z)
        d = np.diff(p, axis=0)
        mid = 0.5 * (p[1:] + p[:-1])
        h = 1e-6 * np.maximum(1.0, np.abs(mid))  # (k-1, m)
        shifted = [mid] + [mid + sgn * h[:, i:i + 1] * np.eye(m)[i] for i in range(m) for sgn in (1.0, -1.0)]
        gs = _many(metric, np.vstack(shifted)).reshape(1 + 2 * m, k - 1, m, m)
        val = float(np.einsum("ki,kij,kj->", d, gs[0], d))
        gd = 2.0 * np.einsum("kij,kj->ki", gs[0], d)
        grad = np.zeros_like(p)
        grad[1:] += gd
        grad[:-1] -= gd
        dq = np.column_stack([np.einsum("ki,kij,kj->k", d, gs[1 + 2 * i] - gs[2 + 2 * i], d) / (2 * h[:, i])
                              for i in range(m)])
        grad[:-1] += 0.5 * dq
        grad[1:] += 0.5 * dq
        return (k - 1) * val, (k - 1) * grad[1:-1].ravel()

    bnds = None if bounds is None else list(bounds) * (k - 2)
    inits = [line]
    for st in starts:
        sp = np.atleast_2d(np.asarray(st, dtype=float))
        arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(sp, axis=0), axis=1))])
        inits.append(np.column_stack([np.interp(s[:, 0] * arc[-1], arc, sp[:, i]) for i in range(m)]))
    fine = np.linspace(0.0, 1.0, (k - 1) * check_int("densify", densify, minimum=1) + 1)
    best: Geodesic | None = None
    for init in inits:
        res = optimize.minimize(action, init[1:-1].ravel(), jac=True, method="L-BFGS-B", bounds=bnds)
        for sol in (full(np.asarray(res.x)), init):  # a start that the solver did not improve stays a candidate
            dense = np.column_stack([np.interp(fine, s[:, 0], sol[:, i]) for i in range(m)])
            g = constant_speed(controls, metric, dense)
            if best is None or g.length < best.length:
                best = g
    assert best is not None
    return best


def geodesic_1d(control: str, zeta: Callable[[float], float], a: float, b: float, *, points: int = 201
                ) -> Geodesic:
    """One control: ``lambda(t)`` with ``d lambda/dt ∝ zeta(lambda)^{-1/2}`` (exact up to the quadrature)."""
    lam = np.linspace(a, b, check_int("points", points, minimum=2))[:, None]
    return constant_speed((control,), lambda v: np.array([[zeta(float(v[0]))]]), lam)


def grid_metric(axes: Sequence[ArrayLike], zeta_grid: ArrayLike) -> Metric:
    """A metric interpolated (linearly) from estimates on a regular grid: ``zeta_grid`` of shape
    ``(len(axes[0]), ..., m, m)``; points outside the grid take the nearest edge value."""
    ax = [np.asarray(a, dtype=float) for a in axes]
    z = np.asarray(zeta_grid, dtype=float)
    m = len(ax)
    if z.shape != (*[a.size for a in ax], m, m):
        raise ParameterError(f"zeta_grid needs shape {(*[a.size for a in ax], m, m)}, got {z.shape}")
    lo = np.array([a[0] for a in ax])
    hi = np.array([a[-1] for a in ax])
    zs = 0.5 * (z + np.swapaxes(z, -1, -2))

    def batch(vs: NDArray[np.float64]) -> NDArray[np.float64]:
        # multilinear interpolation (the RegularGridInterpolator's "linear"), vectorised over the rows
        v = np.clip(np.atleast_2d(np.asarray(vs, dtype=float)), lo, hi)
        idx, frac = [], []
        for d, a in enumerate(ax):
            if a.size == 1:
                idx.append(np.zeros(len(v), dtype=int))
                frac.append(np.zeros(len(v)))
                continue
            i = np.clip(np.searchsorted(a, v[:, d], side="right") - 1, 0, a.size - 2)
            idx.append(i)
            frac.append((v[:, d] - a[i]) / (a[i + 1] - a[i]))
        out = np.zeros((len(v), m, m))
        for corner in np.ndindex(*(2,) * m):
            w = np.ones(len(v))
            pos = []
            for d, c in enumerate(corner):
                w = w * (frac[d] if c else 1.0 - frac[d])
                pos.append(np.minimum(idx[d] + c, ax[d].size - 1))
            out += w[:, None, None] * zs[tuple(pos)]
        return out

    def metric(v: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(batch(np.asarray(v, dtype=float)[None, :])[0])

    metric.batch = batch  # type: ignore[attr-defined]
    return metric


def concatenate(segments: Sequence[Geodesic]) -> Geodesic:
    """Segments joined end to end and traversed at one constant excess power: segment ``k`` gets the
    fraction ``L_k / sum L`` of the time, so the slow-driving cost is ``(sum L_k)^2 / tau`` (the minimum for a
    path through these segments' waypoints)."""
    if not segments:
        raise ParameterError("nothing to concatenate")
    controls = segments[0].controls
    if any(g.controls != controls for g in segments):
        raise ParameterError("all segments need the same controls")
    total = float(sum(g.length for g in segments))
    if total <= 0:
        raise ParameterError("the path has zero thermodynamic length")
    paths, fracs, done = [segments[0].path[:1]], [np.zeros(1)], 0.0
    for g in segments:
        if not np.allclose(g.path[0], paths[-1][-1]):
            raise ParameterError("consecutive segments must share their end points")
        paths.append(g.path[1:])
        fracs.append((done + g.fraction[1:] * g.length) / total)
        done += g.length
    frac = np.concatenate(fracs)
    frac[-1] = 1.0
    return Geodesic(controls=controls, path=np.vstack(paths), fraction=frac, length=total)


def path_length_se(axes: Sequence[ArrayLike], zeta_grid: ArrayLike, se_grid: ArrayLike, path: ArrayLike, *,
                   seed: int, resamples: int = 200) -> float:
    """Standard error of a fixed path's thermodynamic length from the grid estimates' standard errors:
    parametric bootstrap (every grid element redrawn from ``N(zeta, se^2)``, symmetric, diagonal kept above
    1e-3 of its estimate), the length of ``path`` recomputed in each resampled :func:`grid_metric`."""
    z = np.asarray(zeta_grid, dtype=float)
    e = np.asarray(se_grid, dtype=float)
    p = np.atleast_2d(np.asarray(path, dtype=float))
    rng = np.random.default_rng(np.random.SeedSequence([check_int("seed", seed, minimum=0), 0x6E0]))
    m = z.shape[-1]
    eye = np.eye(m, dtype=bool)
    out = []
    for _ in range(check_int("resamples", resamples, minimum=2)):
        noise = rng.standard_normal(z.shape)
        noise = 0.5 * (noise + np.swapaxes(noise, -1, -2)) * np.where(eye, 1.0, np.sqrt(2.0))
        zr = z + e * noise
        zr = np.where(eye, np.maximum(zr, 1e-3 * np.abs(z)), zr)
        out.append(_segment_lengths(grid_metric(axes, zr), p).sum())
    return float(np.std(out, ddof=1))
