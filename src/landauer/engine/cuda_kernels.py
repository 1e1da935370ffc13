"""CUDA ensemble kernels for the Euclidean integrators: one GPU thread per trajectory.

:func:`ensemble_kernel` builds (once per process and model) a ``numba.cuda`` kernel that runs whole
trajectories: initial momenta or LM noise, ``n_steps`` integrator steps with the protocol evaluated
in-kernel from its knots, passage tracking, snapshots and the final energy. It is the GPU twin of the
CPU lane kernels (:mod:`landauer.engine.lanes`) and follows them step for step:

- the same per-trajectory stream: trajectory ``j`` draws from xoshiro256++ seeded by
  ``stream_state(key, j)`` and turns it into normals with the same ziggurat
  (:func:`landauer.engine.rng.next_normal_pair`, pairs consumed in order, the second buffered), so the
  noise of trajectory ``j`` is the CPU's, number for number;
- the same step arithmetic and energetics (specs/core.md section 1): at step ``k`` the controller
  switches ``lambda_k -> lambda_{k+1}`` and does work ``U(x_k; lambda_{k+1}) - U(x_k; lambda_k)``,
  then the system moves at fixed ``lambda_{k+1}``; BAOAB accumulates the heat of its O sub-steps;
- the same protocol evaluation as :func:`landauer.engine.kernels.control_at` (:func:`_control` is a
  copy of its arithmetic; piecewise linear or smoothstep ``u^2 (3 - 2u)`` between knots).

Results therefore agree with the CPU backend to rounding (not bitwise: the GPU compiler contracts
``a*b + c`` into FMAs differently and ``exp``/``log`` come from libdevice). The model's module-level
``@njit`` functions are called from the kernel; ``numba-cuda`` compiles them (and the stream code,
with the ziggurat tables as constant arrays) for the device. The state lives in ``cuda.local.array``
(registers after promotion); the only global-memory traffic is the initial and final state, so a run
is RNG/ALU-bound, not memory-bound.

Under the CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``) the same kernel runs as Python, calling the
CPU-compiled model and stream functions; the tests use it to check the driver logic against the CPU.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

_KERNELS: dict[tuple[Any, ...], Any] = {}
cuda: Any = None  # numba.cuda, imported on first use (optional dependency)
BIG = 1e150  # |x| beyond this counts as non-finite (as in the CPU kernels)


def ensemble_kernel(energy: Any, gradient: Any, classify: Any, *, kind: str, ndim: int, nc: int,
                    npar: int) -> Any:
    """The CUDA kernel for these model functions, integrator kind and sizes (built once per process).

    ``kind`` is ``"overdamped"`` (Euler or LM, chosen at launch), ``"baoab"`` or ``"underdamped-euler"``.
    Launch as ``kernel[blocks, threads](...)`` with the arguments listed in the inner docstring.
    """
    key = (energy, gradient, classify, kind, ndim, nc, npar)
    if key in _KERNELS:
        return _KERNELS[key]
    global cuda  # module-level, so that the simulator can swap in its fake ``cuda`` (it patches globals)
    from numba import cuda, float64, uint64

    from landauer.engine.rng import next_normal_pair, stream_state

    D = int(ndim)
    NC = int(nc)
    NCL = max(1, NC)
    NPL = max(1, int(npar))
    NP = int(npar)
    OVER = kind == "overdamped"
    BAOAB = kind == "baoab"
    MOM = not OVER
    if kind not in ("overdamped", "baoab", "underdamped-euler"):
        raise ValueError(f"unknown kernel kind {kind!r}")
    _energy, _gradient, _classify = energy, gradient, classify

    @cuda.jit(device=True)
    def _control(k, dt, duration, times, vals, smooth, seg, c):
        """Controls at ``t_k = k dt`` into ``c`` (the arithmetic of ``kernels.control_at``)."""
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
        for i in range(NC):  # a compile-time trip count: the control arrays stay in registers
            c[i] = vals[s, i] + u * (vals[s + 1, i] - vals[s, i])
        return seg

    @cuda.jit(device=True)
    def _normal(S, ZB, m):
        """The ``m``-th normal of the stream: odd ``m`` is the buffered second of a pair."""
        if m % 2 == 1:
            return ZB[0]
        z1, z2, s0, s1, s2, s3 = next_normal_pair(S[0], S[1], S[2], S[3])
        S[0] = s0
        S[1] = s1
        S[2] = s2
        S[3] = s3
        ZB[0] = z2
        return z1

    @cuda.jit
    def kernel(offset, n, k0, k1, X0, P0, draw_p, lm, p, times, vals, smooth, nsteps, dt, duration,
               drift, amp, mass, oc1, oc2, fric, uamp, kT, snap_steps, track, stop,
               XF, PF, W, Q, dE, STI, STF, FP, ERR, SNAPS, PSNAPS):
        """Trajectories ``offset + i`` for ``i < n``; all outputs indexed by ``i``."""
        i = cuda.grid(1)
        if i >= n:
            return
        S = cuda.local.array(4, uint64)
        ZB = cuda.local.array(1, float64)
        x = cuda.local.array(D, float64)
        xn = cuda.local.array(D, float64)
        pm = cuda.local.array(D, float64)
        g = cuda.local.array(D, float64)
        zp = cuda.local.array(D, float64)
        z = cuda.local.array(D, float64)
        cn = cuda.local.array(NCL, float64)
        co = cuda.local.array(NCL, float64)
        pl = cuda.local.array(NPL, float64)
        s0, s1, s2, s3 = stream_state(k0, k1, offset + i)
        S[0] = s0
        S[1] = s1
        S[2] = s2
        S[3] = s3
        ZB[0] = 0.0
        for q in range(NP):
            pl[q] = p[q]
        for d in range(D):
            x[d] = X0[i, d]
            pm[d] = P0[i, d]
            zp[d] = 0.0
        m = 0  # normals consumed so far
        if MOM and draw_p:
            for d in range(D):
                pm[d] = math.sqrt(mass[d] * kT) * _normal(S, ZB, m)
                m += 1
        if OVER and lm:
            for d in range(D):
                zp[d] = _normal(S, ZB, m)
                m += 1
        sti = _classify(x, pl)
        ke = 0.0
        if MOM:
            for d in range(D):
                ke += 0.5 * pm[d] * pm[d] / mass[d]
        seg = _control(0, dt, duration, times, vals, smooth, 0, co)
        e0 = ke + _energy(x, co, pl)
        _gradient(x, co, pl, g)
        nsnap = snap_steps.shape[0]
        si = 0
        while si < nsnap and snap_steps[si] == 0:
            for d in range(D):
                SNAPS[i, si, d] = x[d]
                if MOM:
                    PSNAPS[i, si, d] = pm[d]
            si += 1
        fp = -1
        err = -1
        live = True
        aw = 0.0
        aq = 0.0
        half = 0.5 * dt
        for k in range(nsteps):
            seg = _control(k + 1, dt, duration, times, vals, smooth, seg, cn)
            changed = False
            for q in range(NC):
                if cn[q] != co[q]:
                    changed = True
            for d in range(D):
                z[d] = _normal(S, ZB, m)
                m += 1
            dw = 0.0
            if changed:
                dw = _energy(x, cn, pl) - _energy(x, co, pl)
            ok = True
            if OVER:
                _gradient(x, cn, pl, g)
                for d in range(D):
                    if lm:
                        xn[d] = x[d] + (-drift[d] * g[d] + amp[d] * (z[d] + zp[d]))
                        zp[d] = z[d]
                    else:
                        xn[d] = x[d] + (-drift[d] * g[d] + amp[d] * z[d])
                    if not abs(xn[d]) < BIG:
                        ok = False
                for d in range(D):
                    x[d] = xn[d]
            elif BAOAB:
                if changed:
                    _gradient(x, cn, pl, g)
                for d in range(D):
                    pm[d] = pm[d] - half * g[d]
                    x[d] = x[d] + half * pm[d] / mass[d]
                for d in range(D):
                    pn = oc1[d] * pm[d] + oc2[d] * z[d]
                    aq = aq + 0.5 * (pm[d] * pm[d] - pn * pn) / mass[d]
                    pm[d] = pn
                for d in range(D):
                    x[d] = x[d] + half * pm[d] / mass[d]
                    if not abs(x[d]) < BIG:
                        ok = False
            else:
                _gradient(x, cn, pl, g)
                for d in range(D):
                    xn[d] = x[d] + pm[d] / mass[d] * dt
                    pn = pm[d] + (-g[d] - fric[d] / mass[d] * pm[d]) * dt + uamp[d] * z[d]
                    if not (abs(xn[d]) < BIG and abs(pn) < BIG):
                        ok = False
                    pm[d] = pn
                for d in range(D):
                    x[d] = xn[d]
            aw = aw + dw
            if not ok:
                err = k + 1
                live = False
            if track and live:
                if _classify(x, pl) != sti and fp < 0:
                    fp = k + 1
                    if stop:
                        live = False
            if BAOAB:
                _gradient(x, cn, pl, g)
                if live:
                    for d in range(D):
                        pm[d] = pm[d] - half * g[d]
            for q in range(NC):
                co[q] = cn[q]
            while si < nsnap and snap_steps[si] == k + 1:
                if live:
                    for d in range(D):
                        SNAPS[i, si, d] = x[d]
                        if MOM:
                            PSNAPS[i, si, d] = pm[d]
                si += 1
            if not live:
                break
        kend = fp if (stop and fp >= 0) else nsteps
        _control(kend, dt, duration, times, vals, smooth, 0, cn)
        ke = 0.0
        if MOM:
            for d in range(D):
                ke += 0.5 * pm[d] * pm[d] / mass[d]
        dE[i] = ke + _energy(x, cn, pl) - e0
        STI[i] = sti
        STF[i] = _classify(x, pl)
        FP[i] = fp
        ERR[i] = err
        W[i] = aw
        Q[i] = aq
        for d in range(D):
            XF[i, d] = x[d]
            PF[i, d] = pm[d]

    _KERNELS[key] = kernel
    return kernel


def step_coefficients(method_lm: bool, dt: float, kT: float, mob: np.ndarray, mass: np.ndarray,
                      fric: np.ndarray) -> dict[str, np.ndarray]:
    """Per-coordinate step coefficients, computed as the CPU kernels compute them.

    Overdamped: ``drift = mu dt``, ``amp = sqrt(2 mu kT dt)`` (halved for Leimkuhler-Matthews, whose
    noise is ``amp (z_k + z_{k-1})``). BAOAB's O step: ``c1 = exp(-gamma dt / m)``,
    ``c2 = sqrt((1 - c1^2) m kT)``. Underdamped Euler: ``sqrt(2 gamma kT dt)``.
    """
    amp = np.sqrt(2.0 * mob * kT * dt)
    if method_lm:
        amp = amp * 0.5
    oc1 = np.exp(-fric / mass * dt)
    return {"drift": mob * dt, "amp": amp, "oc1": oc1, "oc2": np.sqrt((1.0 - oc1 * oc1) * mass * kT),
            "uamp": np.sqrt(2.0 * fric * kT * dt)}
