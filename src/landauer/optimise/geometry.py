"""Slow-driving geometry: the friction tensor from equilibrium simulations and geodesic protocols.

For slow protocols the mean excess work is ``<W_ex> ~ int_0^tau lambda'^T zeta(lambda) lambda' dt``
with the friction tensor (D. A. Sivak & G. E. Crooks, PRL 108, 190602 (2012))

    zeta_ij(lambda) = beta int_0^inf <delta X_i(0) delta X_j(t)>_lambda dt,   X_i = -dU/dlambda_i,

the integrated equilibrium autocovariance of the conjugate forces at fixed controls. Minimising
``<W_ex>`` over paths from ``a`` to ``b`` gives the geodesic of ``zeta`` traversed at constant excess
power, whose cost is ``L^2 / tau`` with the thermodynamic length ``L = int sqrt(dlambda^T zeta dlambda)``.

Estimation: equilibrium trajectories at fixed ``lambda`` (started from Boltzmann samples, or from a burn-in
run), positions every ``sample_interval``; ``X_i`` by central differences of ``U`` in ``lambda_i``; the
autocovariance averaged over time origins, integrated by the trapezoid rule up to ``max_lag``; the
standard error from the spread over independent blocks of trajectories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize
from scipy.interpolate import RegularGridInterpolator

from landauer.engine.protocol import Protocol
from landauer.optimise._engine import energy_batch, run_snapshots
from landauer.stats import child_seed
from landauer.validation import ParameterError, check_int, check_positive

Metric = Callable[[NDArray[np.float64]], NDArray[np.float64]]
BURN_IN_SEED_INDEX = 0  # the burn-in run uses child_seed(seed, 0); the sampled run uses seed itself


@dataclass(frozen=True)
class FrictionEstimate:
    """Friction tensor at one control point (units: energy * time / control^2; kT = 1 inside)."""

    controls: tuple[str, ...]
    point: dict[str, float]
    zeta: NDArray[np.float64]
    se: NDArray[np.float64]
    force_variance: NDArray[np.float64]  # <delta X_i^2>
    n_trajectories: int
    duration: float
    max_lag: float

    @property
    def correlation_time(self) -> NDArray[np.float64]:
        """Integrated autocorrelation time ``zeta_ii / (beta <dX_i^2>)`` per control (kT = 1)."""
        return np.asarray(np.diag(self.zeta) / self.force_variance)


def _control_vector(model: Any, point: Mapping[str, float]) -> NDArray[np.float64]:
    unknown = set(point) - set(model.controls)
    if unknown:
        raise ParameterError(f"unknown control(s) {sorted(unknown)}; the model has {list(model.controls)}")
    vals = {**dict(model.defaults), **{k: float(v) for k, v in point.items()}}
    missing = [c for c in model.controls if c not in vals]
    if missing:
        raise ParameterError(f"no value for control(s) {missing}")
    return np.array([vals[c] for c in model.controls])


def conjugate_forces(model: Any, x: NDArray[np.float64], c: NDArray[np.float64], names: Sequence[str],
                     *, h: float = 1e-5) -> NDArray[np.float64]:
    """``X_i = -dU/dlambda_i`` at positions ``x`` (``(..., ndim)``), shape ``(len(names), ...)``."""
    flat = x.reshape(-1, x.shape[-1])
    out = np.empty((len(names), flat.shape[0]))
    for i, name in enumerate(names):
        j = list(model.controls).index(name)
        step = h * max(1.0, abs(c[j]))
        cp, cm = c.copy(), c.copy()
        cp[j] += step
        cm[j] -= step
        out[i] = -(energy_batch(model, flat, cp) - energy_batch(model, flat, cm)) / (2 * step)
    return out.reshape(len(names), *x.shape[:-1])


def _integrated_covariance(dx: NDArray[np.float64], dt: float, lags: int) -> NDArray[np.float64]:
    """``int_0^{lags dt} C_ij(t) dt`` (trapezoid, symmetrised) for ``dx`` of shape ``(m, T, n)``."""
    m, T, _ = dx.shape
    nfft = 1 << int(np.ceil(np.log2(2 * T)))
    F = np.fft.rfft(dx, n=nfft, axis=1)
    out = np.empty((m, m))
    counts = (T - np.arange(lags + 1)).astype(float)
    for i in range(m):
        for j in range(i, m):
            cc = np.fft.irfft(np.conj(F[i]) * F[j], n=nfft, axis=0)[: lags + 1].sum(axis=1)
            cc2 = np.fft.irfft(np.conj(F[j]) * F[i], n=nfft, axis=0)[: lags + 1].sum(axis=1)
            c = 0.5 * (cc + cc2) / (counts * dx.shape[2])
            val = dt * (0.5 * c[0] + c[1:].sum())
            out[i, j] = out[j, i] = val
    return out


def friction_tensor(
    model: Any, point: Mapping[str, float], names: Sequence[str], *, dynamics: Any, seed: int,
    n_trajectories: int = 256, duration: float = 20.0, sample_interval: float = 0.05,
    max_lag: float | None = None, x0: ArrayLike | None = None, x_start: ArrayLike | None = None,
    burn_in: float = 5.0, blocks: int = 16,
) -> FrictionEstimate:
    """Estimate ``zeta_ij`` at the control point ``point`` for the controls ``names``.

    Parameters
    ----------
    model, dynamics
        Engine model and :class:`~landauer.engine.Langevin` settings (energies in kT: ``beta = 1/kT``).
    point : mapping
        Control values (others from ``model.defaults``).
    names : sequence of str
        Controls whose friction is wanted (the tensor's rows and columns, in this order).
    n_trajectories, duration, sample_interval
        Equilibrium ensemble: that many trajectories of that length, positions every ``sample_interval``.
    max_lag : float, optional
        Upper limit of the autocovariance integral (default ``duration / 4``); it should cover several
        correlation times.
    x0 : array_like, optional
        Equilibrium initial positions ``(n, ndim)``. Otherwise ``x_start`` (one position) is relaxed for
        ``burn_in`` first.
    blocks : int
        Number of independent blocks of trajectories for the standard error.
    """
    n = check_int("n_trajectories", n_trajectories, minimum=2)
    blocks = check_int("blocks", blocks, minimum=2)
    if n < 2 * blocks:
        raise ParameterError(f"need at least {2 * blocks} trajectories for {blocks} blocks")
    check_positive("duration", duration)
    check_positive("sample_interval", sample_interval)
    lag_t = duration / 4.0 if max_lag is None else float(max_lag)
    if not 0 < lag_t < duration:
        raise ParameterError("max_lag must lie between 0 and the duration")
    c = _control_vector(model, point)
    full = dict(zip(model.controls, c.tolist(), strict=True))
    if x0 is None:
        if x_start is None:
            raise ParameterError("give equilibrium x0 or a starting position x_start for the burn-in")
        start = np.broadcast_to(np.asarray(x_start, dtype=float), (n, model.ndim))
        burn = Protocol.start(**full).hold(burn_in)
        x_init = run_snapshots(model, burn, dynamics=dynamics, n=n, seed=child_seed(seed, BURN_IN_SEED_INDEX),
                               x0=start, times=np.array([burn_in]))[-1]
    else:
        x_init = np.asarray(x0, dtype=float).reshape(n, model.ndim)
    times = np.arange(0.0, duration + 0.5 * sample_interval, sample_interval)
    xs = run_snapshots(model, Protocol.start(**full).hold(times[-1]), dynamics=dynamics, n=n, seed=seed,
                       x0=x_init, times=times)
    X = conjugate_forces(model, xs, c, names)  # (m, T, n)
    dX = X - X.mean(axis=(1, 2), keepdims=True)
    lags = max(1, int(round(lag_t / sample_interval)))
    beta = 1.0 / float(dynamics.kT)
    per_block = np.array([beta * _integrated_covariance(dX[:, :, idx], sample_interval, lags)
                          for idx in np.array_split(np.arange(n), blocks)])
    zeta = per_block.mean(axis=0)
    se = per_block.std(axis=0, ddof=1) / np.sqrt(blocks)
    return FrictionEstimate(controls=tuple(names), point=full, zeta=zeta, se=se,
                            force_variance=np.asarray(dX.var(axis=(1, 2))), n_trajectories=n,
                            duration=float(times[-1]), max_lag=lags * sample_interval)


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


def _segment_lengths(metric: Metric, path: NDArray[np.float64]) -> NDArray[np.float64]:
    d = np.diff(path, axis=0)
    mid = 0.5 * (path[1:] + path[:-1])
    return np.array([np.sqrt(max(float(dk @ metric(mk) @ dk), 0.0)) for dk, mk in zip(d, mid, strict=True)])


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
             bounds: Sequence[tuple[float, float]] | None = None) -> Geodesic:
    """The geodesic of ``metric`` from ``a`` to ``b``: minimise ``sum_k (points - 1) dlambda_k^T zeta dlambda_k``
    (the discretised energy functional, whose minimisers are constant-speed geodesics) over the interior
    points with L-BFGS-B, starting from the straight line; then time it at constant excess power.
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
        val = 0.0
        grad = np.zeros_like(p)
        for s_, (dk, mk) in enumerate(zip(d, mid, strict=True)):
            g = metric(mk)
            val += float(dk @ g @ dk)
            gd = 2.0 * (g @ dk)
            grad[s_ + 1] += gd
            grad[s_] -= gd
            dq = np.empty(m)
            for i in range(m):
                h = 1e-6 * max(1.0, abs(mk[i]))
                e = np.zeros(m)
                e[i] = h
                dq[i] = float(dk @ (metric(mk + e) - metric(mk - e)) @ dk) / (2 * h)
            grad[s_] += 0.5 * dq
            grad[s_ + 1] += 0.5 * dq
        return (k - 1) * val, (k - 1) * grad[1:-1].ravel()

    bnds = None if bounds is None else list(bounds) * (k - 2)
    res = optimize.minimize(action, line[1:-1].ravel(), jac=True, method="L-BFGS-B", bounds=bnds)
    return constant_speed(controls, metric, full(np.asarray(res.x)))


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
    interp = RegularGridInterpolator(ax, z, bounds_error=False, fill_value=None)
    lo = np.array([a[0] for a in ax])
    hi = np.array([a[-1] for a in ax])

    def metric(v: NDArray[np.float64]) -> NDArray[np.float64]:
        out = interp(np.clip(v, lo, hi)[None, :])[0]
        return np.asarray(0.5 * (out + out.T))

    return metric
