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
    zeta_half: NDArray[np.float64] | None = None  # the same integral up to max_lag / 2

    @property
    def correlation_time(self) -> NDArray[np.float64]:
        """Integrated autocorrelation time ``zeta_ii / (beta <dX_i^2>)`` per control (kT = 1)."""
        return np.asarray(np.diag(self.zeta) / self.force_variance)

    def resolved(self, *, k: float = 3.0, rel: float = 0.1, max_rel_se: float = 0.25) -> NDArray[np.bool_]:
        """Per element: has the integral converged by ``max_lag``, and is it measured? True where the integrals
        to ``max_lag / 2`` and ``max_lag`` agree within ``k`` SE plus ``rel`` of the value and (diagonal) the
        SE is below ``max_rel_se`` of the value. Where the forces decorrelate more slowly than the run
        resolves (metastable populations, a fold), the integral still grows with the lag, or rare hops make
        it noisy, and the slow-driving metric is not estimated: False there."""
        if self.zeta_half is None:
            return np.ones_like(self.zeta, dtype=bool)
        ok = np.abs(self.zeta - self.zeta_half) <= k * self.se + rel * np.abs(self.zeta)
        diag = np.diag(self.zeta)
        precise = np.diag(self.se) <= max_rel_se * np.abs(diag)
        return np.asarray(ok & precise[:, None] & precise[None, :])


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


def _integrated_covariance(dx: NDArray[np.float64], dt: float, stops: Sequence[int]) -> NDArray[np.float64]:
    """``int_0^{s dt} C_ij(t) dt`` (trapezoid, symmetrised) for each ``s`` in ``stops``, for ``dx`` of shape
    ``(m, T, n)``; shape ``(len(stops), m, m)``."""
    m, T, _ = dx.shape
    lags = max(stops)
    nfft = 1 << int(np.ceil(np.log2(2 * T)))
    F = np.fft.rfft(dx, n=nfft, axis=1)
    out = np.empty((len(stops), m, m))
    counts = (T - np.arange(lags + 1)).astype(float)
    for i in range(m):
        for j in range(i, m):
            cc = np.fft.irfft(np.conj(F[i]) * F[j], n=nfft, axis=0)[: lags + 1].sum(axis=1)
            cc2 = np.fft.irfft(np.conj(F[j]) * F[i], n=nfft, axis=0)[: lags + 1].sum(axis=1)
            c = 0.5 * (cc + cc2) / (counts * dx.shape[2])
            cum = np.concatenate([[0.0], np.cumsum(0.5 * dt * (c[1:] + c[:-1]))])
            out[:, i, j] = out[:, j, i] = cum[list(stops)]
    return out


def friction_tensor(
    model: Any, point: Mapping[str, float], names: Sequence[str], *, dynamics: Any, seed: int,
    n_trajectories: int = 256, duration: float = 20.0, sample_interval: float = 0.05,
    max_lag: float | None = None, x0: ArrayLike | None = None, x_start: ArrayLike | None = None,
    burn_in: float = 5.0, blocks: int = 16,
    keep: Callable[[NDArray[np.float64]], NDArray[np.bool_]] | None = None,
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
    keep : callable, optional
        ``keep(xs) -> (n,) bool`` on the sampled positions ``xs`` (``(times, n, ndim)``): only those
        trajectories enter the estimate (e.g. the ones that never left a metastable basin, for the friction
        of a local equilibrium). ``n_trajectories`` of the result counts the kept ones.
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
    if keep is not None:
        mask = np.asarray(keep(xs), dtype=bool)
        xs = xs[:, mask]
        n = int(mask.sum())
        if n < 2 * blocks:
            raise ParameterError(f"only {n} trajectories kept; need at least {2 * blocks} for {blocks} blocks")
    X = conjugate_forces(model, xs, c, names)  # (m, T, n)
    dX = X - X.mean(axis=(1, 2), keepdims=True)
    lags = max(1, int(round(lag_t / sample_interval)))
    beta = 1.0 / float(dynamics.kT)
    both = np.array([beta * _integrated_covariance(dX[:, :, idx], sample_interval, (max(1, lags // 2), lags))
                     for idx in np.array_split(np.arange(n), blocks)])  # (blocks, 2, m, m)
    zeta = both[:, 1].mean(axis=0)
    se = both[:, 1].std(axis=0, ddof=1) / np.sqrt(blocks)
    return FrictionEstimate(controls=tuple(names), point=full, zeta=zeta, se=se,
                            force_variance=np.asarray(dX.var(axis=(1, 2))), n_trajectories=n,
                            duration=float(times[-1]), max_lag=lags * sample_interval,
                            zeta_half=both[:, 0].mean(axis=0))


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


def friction_quadrature_1d(x: ArrayLike, energy: ArrayLike, forces: ArrayLike, *, kT: float = 1.0,
                           gamma: float = 1.0) -> NDArray[np.float64]:
    """Exact friction tensor of overdamped diffusion in one dimension (the check on the engine estimate).

    With ``p`` the Boltzmann density of ``energy`` on the grid ``x`` (reflecting ends: restrict the grid to a
    basin for a metastable local equilibrium), ``D = kT/gamma``, ``dX_i = X_i - <X_i>`` and
    ``Phi_i(x) = int_{-inf}^x p dX_i dy`` the generator's inverse gives

        zeta_ij = beta int_0^inf <dX_i(0) dX_j(t)> dt = (beta / D) int Phi_i Phi_j / p dx

    (``-L g_i = dX_i`` solved by ``p g_i' = -Phi_i / D``). ``Phi`` is accumulated from the nearer end of the
    grid so that the tails do not lose it to rounding; the grid should end where ``beta U`` is some tens of kT
    above its minimum (points where ``p`` underflows to zero are dropped). ``forces``: ``(m, len(x))``. Units
    of ``zeta``: energy time / control^2.
    """
    from scipy.integrate import cumulative_trapezoid

    xs = np.asarray(x, dtype=float)
    u = np.asarray(energy, dtype=float)
    X = np.atleast_2d(np.asarray(forces, dtype=float))
    if xs.ndim != 1 or u.shape != xs.shape or X.shape[1] != xs.size:
        raise ParameterError("x, energy and forces need matching shapes (n,), (n,), (m, n)")
    check_positive("kT", kT)
    check_positive("gamma", gamma)
    beta, D = 1.0 / kT, kT / gamma
    p = np.exp(-beta * (u - u.min()))
    p /= np.trapezoid(p, xs)
    dX = X - np.trapezoid(p * X, xs, axis=1)[:, None]
    left = cumulative_trapezoid(p * dX, xs, axis=1, initial=0.0)
    right = cumulative_trapezoid((p * dX)[:, ::-1], xs[::-1], axis=1, initial=0.0)[:, ::-1]  # -int_x^end
    cdf = cumulative_trapezoid(p, xs, initial=0.0)
    phi = np.where(cdf < 0.5, left, right)
    m = X.shape[0]
    inv = np.divide(1.0, p, out=np.zeros_like(p), where=p > 0)
    return np.array([[beta / D * np.trapezoid(phi[i] * phi[j] * inv, xs) for j in range(m)] for i in range(m)])
