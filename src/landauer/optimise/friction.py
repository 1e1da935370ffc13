"""Friction tensor of slow driving (Sivak & Crooks, PRL 108, 190602 (2012)) from equilibrium engine runs,
and its exact one-dimensional quadrature.

``zeta_ij(lambda) = beta int_0^inf <delta X_i(0) delta X_j(t)>_lambda dt``, ``X_i = -dU/dlambda_i``.
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

from landauer.engine.protocol import Protocol
from landauer.optimise._engine import energy_batch, run_snapshots
from landauer.stats import child_seed
from landauer.validation import ParameterError, check_int, check_positive

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
