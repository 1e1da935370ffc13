"""Compiled ensemble kernels (Numba, parallel over trajectories, time loop inside).

One kernel is built per (model functions, integrator) by closing over the model's ``@njit``
functions, so LLVM inlines the potential into the inner loop. Each trajectory ``offset + i`` draws its
noise from its own stream (:mod:`landauer.engine.rng`), so results depend only on the seed.

Energetics (specs/core.md section 1): at the start of step ``k`` the controller switches
``lambda_k -> lambda_{k+1}`` and does work ``U(x_k; lambda_{k+1}) - U(x_k; lambda_k)``; the system then
moves at fixed ``lambda_{k+1}``. Overdamped kernels return ``W`` and ``dE`` (heat ``Q = W - dE``).
The BAOAB kernel measures the heat ``Q`` released into the bath by its O sub-steps
(``-Delta KE``) and the caller derives the shadow work ``W_shadow = dE + Q - W`` of the deterministic
B/A sub-steps. Non-finite states stop a trajectory and report the step in ``err``.
With ``track`` set, ``fp`` receives the first step at which ``classify(x)`` differs from the initial
state (-1 if never), and with ``stop`` the trajectory ends there (first-passage / dwell-time runs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit, prange

from landauer.engine.integrators import Integrator
from landauer.engine.rng import next_normal_pair, stream_state

_BIG = 1e150


@njit(inline="always")
def k_end(first: int, stop: bool, nsteps: int) -> int:
    """Index of the control vector in force at the end of a trajectory (earlier if stopped at passage)."""
    return first if (stop and first >= 0) else nsteps

@njit(inline="always")
def _normal(
    have: bool, zb: float, s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[float, bool, float, np.uint64, np.uint64, np.uint64, np.uint64]:
    """Next standard normal of a stream whose pair generator is buffered in ``(have, zb)``."""
    if have:
        return zb, False, zb, s0, s1, s2, s3
    z, zb, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
    return z, True, zb, s0, s1, s2, s3


@njit(inline="always")
def _kinetic(p: np.ndarray, mass: np.ndarray) -> float:
    ke = 0.0
    for d in range(p.shape[0]):
        ke += 0.5 * p[d] * p[d] / mass[d]
    return ke

_CACHE: dict[tuple[Any, ...], Callable[..., None]] = {}


def get_kernel(
    energy: Any, gradient: Any, classify: Any, ndim: int, integrator: Integrator
) -> Callable[..., None]:
    """The compiled kernel for these model functions and integrator (built once per process)."""
    factory = {
        Integrator.OVERDAMPED_EULER: _make_overdamped_euler,
        Integrator.OVERDAMPED_LM: _make_overdamped_euler,  # same kernel, runtime flag
        Integrator.BAOAB: _make_baoab,
        Integrator.UNDERDAMPED_EULER: _make_underdamped_euler,
    }[integrator]
    key = (energy, gradient, classify, ndim, factory)
    if key not in _CACHE:
        _CACHE[key] = factory(energy, gradient, classify, ndim)
    return _CACHE[key]


def _make_overdamped_euler(energy: Any, gradient: Any, classify: Any, ndim: int) -> Callable[..., None]:
    @njit(parallel=True, fastmath={"contract"})
    def kernel(offset, x0, lam, changes, dt, mob, kT, key, snap_steps, track, stop, lm,  # noqa: ANN001
               W, dE, st_i, st_f, err, fp, xf, snaps):
        n = x0.shape[0]
        nsteps = lam.shape[0] - 1
        nsnap = snap_steps.shape[0]
        drift = mob * dt
        amp = np.sqrt(2.0 * mob * kT * dt)
        if lm:  # Leimkuhler-Matthews: the noise of a step is the mean of two consecutive draws
            amp = amp * 0.5
        for i in prange(n):
            s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
            x = x0[i].copy()
            g = np.empty(ndim)
            zprev = np.zeros(ndim)
            st_i[i] = classify(x)
            e0 = energy(x, lam[0])
            w = 0.0
            zb = 0.0
            have = False
            si = 0
            bad = -1
            first = -1
            s_init = st_i[i]
            while si < nsnap and snap_steps[si] == 0:
                snaps[i, si, :] = x
                si += 1
            if lm:
                for d in range(ndim):
                    zprev[d], have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
            for k in range(nsteps):
                if changes[k]:
                    w += energy(x, lam[k + 1]) - energy(x, lam[k])
                gradient(x, lam[k + 1], g)
                ok = True
                for d in range(ndim):
                    z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                    if lm:
                        x[d] += -drift[d] * g[d] + amp[d] * (z + zprev[d])
                        zprev[d] = z
                    else:
                        x[d] += -drift[d] * g[d] + amp[d] * z
                    ok = ok and abs(x[d]) < _BIG
                if not ok:
                    bad = k + 1
                    break
                if track and first < 0 and classify(x) != s_init:
                    first = k + 1
                    if stop:
                        break
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    si += 1
            W[i] = w
            dE[i] = energy(x, lam[k_end(first, stop, nsteps)]) - e0
            st_f[i] = classify(x)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x

    return kernel


def _make_baoab(energy: Any, gradient: Any, classify: Any, ndim: int) -> Callable[..., None]:
    @njit(parallel=True, fastmath={"contract"})
    def kernel(offset, x0, p0, draw_p, lam, changes, dt, mass, fric, kT, key, snap_steps,  # noqa: ANN001
               track, stop, W, Q, dE, st_i, st_f, err, fp, xf, pf, snaps, psnaps):
        n = x0.shape[0]
        nsteps = lam.shape[0] - 1
        nsnap = snap_steps.shape[0]
        c1 = np.exp(-fric / mass * dt)
        c2 = np.sqrt((1.0 - c1 * c1) * mass * kT)
        half = 0.5 * dt
        for i in prange(n):
            s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
            x = x0[i].copy()
            p = p0[i].copy()
            g = np.empty(ndim)
            zb = 0.0
            have = False
            if draw_p:
                for d in range(ndim):
                    z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                    p[d] = np.sqrt(mass[d] * kT) * z
            st_i[i] = classify(x)
            e0 = _kinetic(p, mass) + energy(x, lam[0])
            gradient(x, lam[0], g)
            w = 0.0
            q = 0.0
            si = 0
            bad = -1
            first = -1
            s_init = st_i[i]
            while si < nsnap and snap_steps[si] == 0:
                snaps[i, si, :] = x
                psnaps[i, si, :] = p
                si += 1
            for k in range(nsteps):
                if changes[k]:
                    w += energy(x, lam[k + 1]) - energy(x, lam[k])
                    gradient(x, lam[k + 1], g)
                for d in range(ndim):  # B, A
                    p[d] -= half * g[d]
                    x[d] += half * p[d] / mass[d]
                for d in range(ndim):  # O: exact Ornstein-Uhlenbeck; heat into the bath = -dKE
                    z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                    pn = c1[d] * p[d] + c2[d] * z
                    q += 0.5 * (p[d] * p[d] - pn * pn) / mass[d]
                    p[d] = pn
                ok = True
                for d in range(ndim):  # A
                    x[d] += half * p[d] / mass[d]
                    ok = ok and abs(x[d]) < _BIG
                if not ok:
                    bad = k + 1
                    break
                if track and first < 0 and classify(x) != s_init:
                    first = k + 1
                    if stop:
                        break
                gradient(x, lam[k + 1], g)
                for d in range(ndim):  # B
                    p[d] -= half * g[d]
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    psnaps[i, si, :] = p
                    si += 1
            ke = _kinetic(p, mass)
            W[i] = w
            Q[i] = q
            dE[i] = ke + energy(x, lam[k_end(first, stop, nsteps)]) - e0
            st_f[i] = classify(x)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x
            pf[i, :] = p

    return kernel


def _make_underdamped_euler(energy: Any, gradient: Any, classify: Any, ndim: int) -> Callable[..., None]:
    @njit(parallel=True, fastmath={"contract"})
    def kernel(offset, x0, p0, draw_p, lam, changes, dt, mass, fric, kT, key, snap_steps,  # noqa: ANN001
               track, stop, W, Q, dE, st_i, st_f, err, fp, xf, pf, snaps, psnaps):
        n = x0.shape[0]
        nsteps = lam.shape[0] - 1
        nsnap = snap_steps.shape[0]
        amp = np.sqrt(2.0 * fric * kT * dt)
        for i in prange(n):
            s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
            x = x0[i].copy()
            p = p0[i].copy()
            g = np.empty(ndim)
            zb = 0.0
            have = False
            if draw_p:
                for d in range(ndim):
                    z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                    p[d] = np.sqrt(mass[d] * kT) * z
            st_i[i] = classify(x)
            e0 = _kinetic(p, mass) + energy(x, lam[0])
            w = 0.0
            si = 0
            bad = -1
            first = -1
            s_init = st_i[i]
            while si < nsnap and snap_steps[si] == 0:
                snaps[i, si, :] = x
                psnaps[i, si, :] = p
                si += 1
            for k in range(nsteps):
                if changes[k]:
                    w += energy(x, lam[k + 1]) - energy(x, lam[k])
                gradient(x, lam[k + 1], g)
                ok = True
                for d in range(ndim):
                    z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                    pd = p[d]
                    x[d] += pd / mass[d] * dt
                    p[d] = pd + (-g[d] - fric[d] / mass[d] * pd) * dt + amp[d] * z
                    ok = ok and abs(x[d]) < _BIG and abs(p[d]) < _BIG
                if not ok:
                    bad = k + 1
                    break
                if track and first < 0 and classify(x) != s_init:
                    first = k + 1
                    if stop:
                        break
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    psnaps[i, si, :] = p
                    si += 1
            ke = _kinetic(p, mass)
            de = ke + energy(x, lam[k_end(first, stop, nsteps)]) - e0
            W[i] = w
            dE[i] = de
            Q[i] = w - de
            st_f[i] = classify(x)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x
            pf[i, :] = p

    return kernel
