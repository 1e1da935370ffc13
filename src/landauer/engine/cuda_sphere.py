"""``backend="cuda"`` on the unit sphere: the stochastic Heun integrator, one GPU thread per trajectory.

The GPU twin of :mod:`landauer.engine.sphere_kernel` (equations in :mod:`landauer.engine.sphere`): the
same stream ``(seed, j)`` (three normals per step, consumed in the CPU's order), the same control
evaluation (:func:`landauer.engine.sphere_kernel.controls_at`, copied), the same Heun predictor and
corrector with spin-transfer torque, renormalisation, energetics and passage/snapshot order. Results
agree with the CPU backend per trajectory to rounding (the CPU kernel is compiled with ``contract``,
``arcp`` and ``nsz``; the GPU contracts FMAs its own way).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from landauer.engine.record import Record, Stop
from landauer.validation import ParameterError, check_int

_KERNELS: dict[tuple[Any, ...], Any] = {}
cuda: Any = None  # numba.cuda, imported on first use (module-level for the simulator)


def sphere_kernel(energy: Any, gradient: Any, classify: Any, *, nc: int, npar: int) -> Any:
    """The CUDA Heun kernel for these model functions (built once per process)."""
    key = (energy, gradient, classify, nc, npar)
    if key in _KERNELS:
        return _KERNELS[key]
    global cuda
    from numba import cuda, float64, uint64

    from landauer.engine.rng import next_normal_pair, stream_state

    NC = int(nc)
    NCL = max(1, NC)
    NP = int(npar)
    NPL = max(1, NP)
    _energy, _gradient, _classify = energy, gradient, classify

    @cuda.jit(device=True)
    def _controls(t, seg, times, vals, smooth, out):
        nseg = times.shape[0] - 1
        while seg < nseg - 1 and t > times[seg + 1]:
            seg += 1
        span = times[seg + 1] - times[seg]
        if span > 0.0:
            u = (t - times[seg]) / span
            if u > 1.0:
                u = 1.0
            elif u < 0.0:
                u = 0.0
        else:
            u = 1.0
        if smooth[seg]:
            u = u * u * (3.0 - 2.0 * u)
        for j in range(NC):
            out[j] = vals[seg, j] + u * (vals[seg + 1, j] - vals[seg, j])
        return seg

    @cuda.jit(device=True)
    def _normal(S, ZB, m):
        if m % 2 == 1:
            return ZB[0]
        z1, z2, s0, s1, s2, s3 = next_normal_pair(S[0], S[1], S[2], S[3])
        S[0] = s0
        S[1] = s1
        S[2] = s2
        S[3] = s3
        ZB[0] = z2
        return z1

    @cuda.jit(device=True)
    def _rhs(m, h, ac, alpha, o):
        """``o = -(1+alpha^2)^-1 [m x h + alpha m x (m x h)]``."""
        cx = m[1] * h[2] - m[2] * h[1]
        cy = m[2] * h[0] - m[0] * h[2]
        cz = m[0] * h[1] - m[1] * h[0]
        o[0] = -ac * (cx + alpha * (m[1] * cz - m[2] * cy))
        o[1] = -ac * (cy + alpha * (m[2] * cx - m[0] * cz))
        o[2] = -ac * (cz + alpha * (m[0] * cy - m[1] * cx))

    @cuda.jit(device=True)
    def _stt(m, stt, s):
        """Slonczewski field ``a_J (m x e) + b_J e``, ``a_J = a0 / (1 + P^2 m.e)``."""
        ex, ey, ez = stt[3], stt[4], stt[5]
        aj = stt[0] / (1.0 + stt[2] * (m[0] * ex + m[1] * ey + m[2] * ez))
        s[0] = aj * (m[1] * ez - m[2] * ey) + stt[1] * ex
        s[1] = aj * (m[2] * ex - m[0] * ez) + stt[1] * ey
        s[2] = aj * (m[0] * ey - m[1] * ex) + stt[1] * ez

    @cuda.jit
    def kernel(offset, n, k0, k1, M0, p, times, vals, smooth, nsteps, dt, alpha, inv_mom, amp, stt,
               snap_steps, track, stop, MF, W, Q, WS, dE, STI, STF, FP, ERR, SNAPS):
        i = cuda.grid(1)
        if i >= n:
            return
        S = cuda.local.array(4, uint64)
        ZB = cuda.local.array(1, float64)
        m = cuda.local.array(3, float64)
        pr = cuda.local.array(3, float64)
        g = cuda.local.array(3, float64)
        kk = cuda.local.array(3, float64)
        h = cuda.local.array(3, float64)
        f = cuda.local.array(3, float64)
        q = cuda.local.array(3, float64)
        sa = cuda.local.array(3, float64)
        sb = cuda.local.array(3, float64)
        u = cuda.local.array(3, float64)
        v = cuda.local.array(3, float64)
        z = cuda.local.array(3, float64)
        cn = cuda.local.array(NCL, float64)
        co = cuda.local.array(NCL, float64)
        pl = cuda.local.array(NPL, float64)
        s0, s1, s2, s3 = stream_state(k0, k1, offset + i)
        S[0] = s0
        S[1] = s1
        S[2] = s2
        S[3] = s3
        ZB[0] = 0.0
        for j in range(NP):
            pl[j] = p[j]
        for d in range(3):
            m[d] = M0[i, d]
        for j in range(NC):
            co[j] = vals[0, j]
        e0 = _energy(m, co, pl)
        sti = _classify(m, pl)
        ae = e0
        aw = 0.0
        aq = 0.0
        aws = 0.0
        fp = -1
        err = -1
        live = True
        ac = 1.0 / (1.0 + alpha * alpha)
        use_stt = stt[6] != 0.0
        nsnap = snap_steps.shape[0]
        seg = _controls(0.0, 0, times, vals, smooth, co)
        si = 0
        while si < nsnap and snap_steps[si] <= 0:
            si += 1
        nn = 0
        for k in range(nsteps):
            seg = _controls((k + 1) * dt, seg, times, vals, smooth, cn)
            changed = False
            for j in range(NC):
                if cn[j] != co[j]:
                    changed = True
                co[j] = cn[j]
            for d in range(3):
                z[d] = _normal(S, ZB, nn)
                nn += 1
            if live:
                if changed:
                    en = _energy(m, cn, pl)
                    dw = en - ae
                else:
                    en = ae
                    dw = 0.0
                _gradient(m, cn, pl, g)
                for d in range(3):
                    h[d] = amp * z[d] - g[d] * inv_mom
                if use_stt:
                    _stt(m, stt, sa)
                    for d in range(3):
                        h[d] += sa[d]
                _rhs(m, h, ac, alpha, f)
                for d in range(3):
                    pr[d] = m[d] + f[d] * dt
                _gradient(pr, cn, pl, kk)
                for d in range(3):
                    h[d] = amp * z[d] - kk[d] * inv_mom
                if use_stt:
                    _stt(pr, stt, sb)
                    for d in range(3):
                        h[d] += sb[d]
                _rhs(pr, h, ac, alpha, q)
                ws = 0.0
                if use_stt:
                    _rhs(m, sa, ac, alpha, u)
                    _rhs(pr, sb, ac, alpha, v)
                    ws = 0.25 * dt * ((g[0] + kk[0]) * (u[0] + v[0]) + (g[1] + kk[1]) * (u[1] + v[1])
                                      + (g[2] + kk[2]) * (u[2] + v[2]))
                nx = m[0] + 0.5 * (f[0] + q[0]) * dt
                ny = m[1] + 0.5 * (f[1] + q[1]) * dt
                nz = m[2] + 0.5 * (f[2] + q[2]) * dt
                inv = 1.0 / math.sqrt(nx * nx + ny * ny + nz * nz)
                m[0] = nx * inv
                m[1] = ny * inv
                m[2] = nz * inv
                e1 = _energy(m, cn, pl)
                if not (abs(m[0]) < 2.0 and abs(m[1]) < 2.0 and abs(m[2]) < 2.0) and err < 0:
                    err = k + 1
                aw = aw + dw
                aq = aq + (en - e1 + ws)
                aws = aws + ws
                ae = e1
            while si < nsnap and snap_steps[si] == k + 1:
                if live:
                    for d in range(3):
                        SNAPS[i, si, d] = m[d]
                si += 1
            if track and live:
                if _classify(m, pl) != sti and fp < 0:
                    fp = k + 1
                    if stop:
                        live = False
            if not live or err >= 0:
                break
        for d in range(3):
            MF[i, d] = m[d]
        W[i] = aw
        Q[i] = aq
        WS[i] = aws
        dE[i] = ae - e0
        STI[i] = sti
        STF[i] = _classify(m, pl)
        FP[i] = fp
        ERR[i] = err

    _KERNELS[key] = kernel
    return kernel


def run_sphere_cuda(model: Any, protocol: Any, *, dynamics: Any, n_trajectories: int, seed: int, x0: ArrayLike,
                    p0: ArrayLike | None = None, record: Record | None = None, stop: Stop | None = None,
                    progress: bool = False, energy_unit: str = "model energy unit",
                    parameters: dict[str, Any] | None = None, chunk: int | None = None) -> xr.Dataset:
    """:func:`landauer.engine.sphere.run_ensemble` on the GPU (same arguments and Dataset)."""
    from landauer.engine.cuda_run import chunk_size, cuda_module, device_description, simulator
    from landauer.engine.rng import seed_key
    from landauer.engine.simulate import SimulationError
    from landauer.engine.sphere import (
        COORDINATES,
        SphereLangevin,
        _check_memory,
        check_step,
        field_bound,
        initial_directions,
        knots,
        snapshot_steps,
        sphere_dataset,
    )

    record = Record() if record is None else record
    stop = Stop() if stop is None else stop
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    if p0 is not None:
        raise ParameterError("p0 must be None on the sphere (there are no momenta)")
    if not isinstance(dynamics, SphereLangevin):
        raise ParameterError("dynamics for a sphere model must be a SphereLangevin")
    if tuple(model.coordinates) != COORDINATES:
        raise ParameterError(f"a sphere model needs coordinates {COORDINATES}, got {tuple(model.coordinates)}")
    cu = cuda_module()
    prot = protocol.with_controls(model.controls, model.defaults)
    nsteps = prot.n_steps(dynamics.dt)
    dt = prot.duration / nsteps
    times, vals, smooth = knots(prot)
    p = np.ascontiguousarray(np.asarray(model.param_vector(), dtype=float).reshape(-1))
    npar = int(p.size)
    if p.size == 0:
        p = np.zeros(1)
    check_step(dynamics, dt, field_bound(model, prot, p, dynamics.kT))
    m = initial_directions(x0, n)
    x_init = m.copy()
    snaps_at = snapshot_steps(record.snapshot_array(), dt, nsteps)
    _check_memory(n, snaps_at.size)
    track = bool(record.passage or stop.at_passage)
    key = seed_key(seed)
    kernel = sphere_kernel(model.energy, model.gradient, model.classify, nc=len(model.controls), npar=npar)
    info = device_description()
    nsnap = int(snaps_at.size)
    MF = np.empty((n, 3))
    W, Q, WS, dE = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    STI, STF = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    FP, ERR = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    snaps = np.full((n, nsnap, 3), np.nan)
    if nsnap and snaps_at[0] == 0:
        snaps[:, 0, :] = m
    consts = [cu.to_device(np.ascontiguousarray(a)) for a in (
        p, times, vals, np.asarray(smooth, dtype=np.int64), np.asarray(dynamics.stt_vector(), dtype=float),
        snaps_at.astype(np.int64))]
    size = chunk_size(n, 3, nsnap, chunk)
    threads = 32 if simulator() else 128
    amp = float(dynamics.noise_amplitude(dt))
    outs_host = (MF, W, Q, WS, dE, STI, STF, FP, ERR, snaps)
    for lo in range(0, n, size):
        hi = min(n, lo + size)
        outs = [cu.to_device(a[lo:hi] if a.size else np.zeros((1,) * a.ndim, dtype=a.dtype)) for a in outs_host]
        kernel[(hi - lo + threads - 1) // threads, threads](
            np.int64(lo), np.int64(hi - lo), key[0], key[1], cu.to_device(np.ascontiguousarray(m[lo:hi])), consts[0],
            consts[1], consts[2], consts[3], np.int64(nsteps), float(dt), float(dynamics.alpha),
            1.0 / dynamics.moment, amp, consts[4], consts[5], track, bool(stop.at_passage), *outs)
        for host, dev in zip(outs_host, outs, strict=True):
            if host.size:
                host[lo:hi] = dev.copy_to_host()
    bad = np.flatnonzero(ERR >= 0)
    if bad.size:
        j = int(bad[0])
        raise SimulationError(f"trajectory {j} became non-finite at step {int(ERR[j])} (t = {ERR[j] * dt:.6g}); "
                              f"{bad.size} trajectories failed: reduce dt or check the model")
    return sphere_dataset(
        model, prot, dynamics, seed=seed, energy_unit=energy_unit, parameters=parameters, record=record,
        track=track, dt=dt, nsteps=nsteps, snaps_at=snaps_at, x_init=x_init, W=W, Q=Q, WS=WS, dE=dE, STI=STI,
        STF=STF, FP=FP, m_final=MF, snaps=snaps, extra={"backend": "cuda", "cuda_device": info["name"]})
