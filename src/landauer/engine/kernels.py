"""Compiled ensemble kernels (Numba, parallel over trajectories, time loop inside).

One kernel is built per (model functions, integrator) by closing over the model's ``@njit``
functions, so LLVM inlines the potential into the inner loop. Each trajectory ``offset + i`` draws its
noise from its own stream (:mod:`landauer.engine.rng`), so results depend only on the seed.

The protocol is evaluated inside the kernel from its knots (:func:`control_at`, the same arithmetic as
:meth:`~landauer.engine.protocol.Protocol.values_at`), so memory does not grow with the number of steps;
the model's fixed params ``p`` are passed to every model function.

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


@njit("int64(int64, float64, float64, float64[::1], float64[:, ::1], int64[::1], int64, float64[::1])",
      cache=True)
def control_at(k, dt, duration, times, vals, smooth, seg, c):  # noqa: ANN001, ANN201
    """Write the controls at ``t_k = k dt`` into ``c``; ``seg`` is a search hint (returned updated).

    Same arithmetic as :meth:`Protocol.values_at` (bitwise). It is compiled eagerly, on its own and without
    fast-math: compiled lazily from inside a kernel it would inherit the kernel's ``contract`` flag, and
    the FMA of ``v0 + u (v1 - v0)`` would move controls by an ulp. ``seg`` must not exceed the segment of
    ``t_k`` (pass 0 to search from the start).
    """
    t = k * dt
    if t > duration:
        t = duration
    if t < 0.0:
        t = 0.0
    nk = times.shape[0]
    while seg + 1 < nk and times[seg + 1] <= t:
        seg += 1
    s = seg if seg < nk - 2 else nk - 2
    span = times[s + 1] - times[s]
    u = (t - times[s]) / span if span > 0.0 else 1.0
    if smooth[s]:
        u = u * u * (3.0 - 2.0 * u)
    for i in range(c.shape[0]):
        c[i] = vals[s, i] + u * (vals[s + 1, i] - vals[s, i])
    return seg


@njit(inline="always")
def _differ(a, b) -> bool:  # noqa: ANN001
    for i in range(a.shape[0]):
        if a[i] != b[i]:
            return True
    return False

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
    def kernel(offset, x0, ptimes, pvals, psmooth, nsteps, dt, duration, p, mob, kT, key,  # noqa: ANN001
               snap_steps, track, stop, lm, W, dE, st_i, st_f, err, fp, xf, snaps):
        n = x0.shape[0]
        nc = pvals.shape[1]
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
            ca = np.empty(nc)
            cb = np.empty(nc)
            seg = control_at(0, dt, duration, ptimes, pvals, psmooth, 0, ca)
            st_i[i] = classify(x, p)
            e0 = energy(x, ca, p)
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
                cprev, cnext = (ca, cb) if k % 2 == 0 else (cb, ca)
                seg = control_at(k + 1, dt, duration, ptimes, pvals, psmooth, seg, cnext)
                if _differ(cprev, cnext):
                    w += energy(x, cnext, p) - energy(x, cprev, p)
                gradient(x, cnext, p, g)
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
                if track and first < 0 and classify(x, p) != s_init:
                    first = k + 1
                    if stop:
                        break
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    si += 1
            W[i] = w
            control_at(k_end(first, stop, nsteps), dt, duration, ptimes, pvals, psmooth, 0, ca)
            dE[i] = energy(x, ca, p) - e0
            st_f[i] = classify(x, p)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x

    return kernel


def _make_baoab(energy: Any, gradient: Any, classify: Any, ndim: int) -> Callable[..., None]:
    @njit(parallel=True, fastmath={"contract"})
    def kernel(offset, x0, p0, draw_p, ptimes, pvals, psmooth, nsteps, dt, duration, prm, mass,  # noqa: ANN001
               fric, kT, key, snap_steps, track, stop, W, Q, dE, st_i, st_f, err, fp, xf, pf, snaps, psnaps):
        n = x0.shape[0]
        nc = pvals.shape[1]
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
            ca = np.empty(nc)
            cb = np.empty(nc)
            seg = control_at(0, dt, duration, ptimes, pvals, psmooth, 0, ca)
            st_i[i] = classify(x, prm)
            e0 = _kinetic(p, mass) + energy(x, ca, prm)
            gradient(x, ca, prm, g)
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
                cprev, cnext = (ca, cb) if k % 2 == 0 else (cb, ca)
                seg = control_at(k + 1, dt, duration, ptimes, pvals, psmooth, seg, cnext)
                if _differ(cprev, cnext):
                    w += energy(x, cnext, prm) - energy(x, cprev, prm)
                    gradient(x, cnext, prm, g)
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
                if track and first < 0 and classify(x, prm) != s_init:
                    first = k + 1
                    if stop:
                        break
                gradient(x, cnext, prm, g)
                for d in range(ndim):  # B
                    p[d] -= half * g[d]
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    psnaps[i, si, :] = p
                    si += 1
            ke = _kinetic(p, mass)
            W[i] = w
            Q[i] = q
            control_at(k_end(first, stop, nsteps), dt, duration, ptimes, pvals, psmooth, 0, ca)
            dE[i] = ke + energy(x, ca, prm) - e0
            st_f[i] = classify(x, prm)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x
            pf[i, :] = p

    return kernel


def _make_underdamped_euler(energy: Any, gradient: Any, classify: Any, ndim: int) -> Callable[..., None]:
    @njit(parallel=True, fastmath={"contract"})
    def kernel(offset, x0, p0, draw_p, ptimes, pvals, psmooth, nsteps, dt, duration, prm, mass,  # noqa: ANN001
               fric, kT, key, snap_steps, track, stop, W, Q, dE, st_i, st_f, err, fp, xf, pf, snaps, psnaps):
        n = x0.shape[0]
        nc = pvals.shape[1]
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
            ca = np.empty(nc)
            cb = np.empty(nc)
            seg = control_at(0, dt, duration, ptimes, pvals, psmooth, 0, ca)
            st_i[i] = classify(x, prm)
            e0 = _kinetic(p, mass) + energy(x, ca, prm)
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
                cprev, cnext = (ca, cb) if k % 2 == 0 else (cb, ca)
                seg = control_at(k + 1, dt, duration, ptimes, pvals, psmooth, seg, cnext)
                if _differ(cprev, cnext):
                    w += energy(x, cnext, prm) - energy(x, cprev, prm)
                gradient(x, cnext, prm, g)
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
                if track and first < 0 and classify(x, prm) != s_init:
                    first = k + 1
                    if stop:
                        break
                while si < nsnap and snap_steps[si] == k + 1:
                    snaps[i, si, :] = x
                    psnaps[i, si, :] = p
                    si += 1
            ke = _kinetic(p, mass)
            control_at(k_end(first, stop, nsteps), dt, duration, ptimes, pvals, psmooth, 0, ca)
            de = ke + energy(x, ca, prm) - e0
            W[i] = w
            dE[i] = de
            Q[i] = w - de
            st_f[i] = classify(x, prm)
            err[i] = bad
            fp[i] = first
            xf[i, :] = x
            pf[i, :] = p

    return kernel
