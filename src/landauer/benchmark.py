"""Engine throughput benchmark: 1-D quartic double-well erasure with per-trajectory work accounting.

Everything is measured in one process, on the same problem (``trajectories x steps`` overdamped
Euler-Maruyama steps of the double-well erasure, work accounted every step), and reported per CPU second
(``time.process_time``) so that a loaded, shared machine does not flatter or penalise a figure:

- ``engine``: :func:`landauer.engine.run` on one thread, and on ``threads`` threads (wall and CPU time);
- ``rng_floor``: drawing the same normals alone (the same per-trajectory xoshiro256++/ziggurat streams,
  summed so the work is not optimised away), the cheaper of two layouts: the engine's lanes and one stream
  at a time; ``floor_fraction = engine / rng_floor`` (both single-thread, per CPU second);
- ``scalar_v1_layout``: a per-trajectory scalar kernel with the time loop inside (the v1 engine's layout),
  same streams and arithmetic: the speed-up of the lane layout measured in the same run;
- ``numpy``: an in-place NumPy implementation with preallocated buffers (no temporaries per step), its
  minor page faults counted with ``resource.getrusage``; ``ratio = engine / numpy`` per CPU second;
- peers (``diffrax`` with ``UnsafeBrownianPath``, a JAX ``lax.scan`` loop) when importable, else skipped.

The machine load (``os.getloadavg``) is recorded before and after. This is a measurement, not a test.
"""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit, prange

from landauer.engine.rng import (
    ZIG_K,
    _candidate,
    _normal_slow,
    next_normal_pair,
    next_u64,
    seed_key,
    stream_state,
)
from landauer.models.double_well import DoubleWellParams, erasure_protocol

TAU = 0.3  # protocol duration (diffusion times); dt = tau / steps
PARAMS = DoubleWellParams(barrier_kT=5.0, tilt_kT=5.0)
MODEL = PARAMS.model()


def _setup(trajectories: int, steps: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Control table (columns b, f), initial positions and dt of the benchmark problem."""
    prot = erasure_protocol(PARAMS, tau=TAU).with_controls(MODEL.controls, MODEL.defaults)
    dt = TAU / steps
    x0 = np.random.default_rng(0).choice([-1.0, 1.0], size=(trajectories, 1))
    return prot.table(dt), x0, dt


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall s, CPU s of this process, result)."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w0, time.process_time() - c0, out


# --- random-number floor and the v1 layout, same streams -----------------------------------------
LANES = 64


@njit(parallel=True, cache=True)
def _rng_floor_lanes(key, n, nsteps):  # noqa: ANN001, ANN202
    """Draw ``nsteps`` normals for each of ``n`` streams exactly as the lane kernels do (blocks of 64 lanes
    in flat buffers, ziggurat fast path for every lane, rejections replayed through the slow path)."""
    nb = (n + LANES - 1) // LANES
    acc = np.zeros(nb)
    lo32 = np.uint64(0xFFFFFFFF)
    u32 = np.uint64(32)
    for b in prange(nb):
        U = np.empty(4 * LANES, dtype=np.uint64)
        F = np.zeros(3 * LANES)
        C = np.zeros(LANES, dtype=np.int64)
        for l in range(LANES):
            U[l], U[LANES + l], U[2 * LANES + l], U[3 * LANES + l] = stream_state(key[0], key[1], b * LANES + l)
        for _ in range(nsteps // 2):
            for l in range(LANES):
                r, s0, s1, s2, s3 = next_u64(U[l], U[LANES + l], U[2 * LANES + l], U[3 * LANES + l])
                U[l] = s0
                U[LANES + l] = s1
                U[2 * LANES + l] = s2
                U[3 * LANES + l] = s3
                idx1, j1, z1 = _candidate(np.int64(r & lo32))
                idx2, j2, z2 = _candidate(np.int64(r >> u32))
                F[l] = z1
                F[LANES + l] = z2
                C[l] = idx1 | (np.int64(j1 >= ZIG_K[idx1]) << 8) | (idx2 << 9) | (np.int64(j2 >= ZIG_K[idx2]) << 17)
            for l in range(LANES):
                c = C[l]
                if c & 0x20100:
                    s0, s1, s2, s3 = U[l], U[LANES + l], U[2 * LANES + l], U[3 * LANES + l]
                    if c & 0x100:
                        F[l], s0, s1, s2, s3 = _normal_slow(c & 255, F[l], s0, s1, s2, s3)
                    if c & 0x20000:
                        F[LANES + l], s0, s1, s2, s3 = _normal_slow((c >> 9) & 255, F[LANES + l], s0, s1, s2, s3)
                    U[l], U[LANES + l], U[2 * LANES + l], U[3 * LANES + l] = s0, s1, s2, s3
            for l in range(LANES):
                F[2 * LANES + l] += F[l] + F[LANES + l]
        acc[b] = F[2 * LANES:].sum()
    return acc.sum()


@njit(parallel=True, cache=True)
def _rng_floor_streams(key, n, nsteps):  # noqa: ANN001, ANN202
    """The same normals drawn one stream at a time (scalar loop; no lane buffers)."""
    acc = np.zeros(n)
    for i in prange(n):
        s0, s1, s2, s3 = stream_state(key[0], key[1], i)
        a = 0.0
        for _ in range(nsteps // 2):
            z1, z2, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
            a += z1 + z2
        acc[i] = a
    return acc.sum()


@njit(parallel=True, fastmath={"contract"}, cache=True)
def _scalar_v1(key, x0, b_tab, f_tab, a, dt):  # noqa: ANN001, ANN202
    """The v1 layout: one trajectory at a time, time loop inside, controls from a table."""
    n = x0.shape[0]
    nsteps = b_tab.shape[0] - 1
    amp = np.sqrt(2.0 * dt)
    W = np.empty(n)
    for i in prange(n):
        s0, s1, s2, s3 = stream_state(key[0], key[1], i)
        x = x0[i]
        w = 0.0
        have = False
        zb = 0.0
        for k in range(nsteps):
            b0, b1, f0, f1 = b_tab[k], b_tab[k + 1], f_tab[k], f_tab[k + 1]
            if b0 != b1 or f0 != f1:
                x2 = x * x
                w += (a * x2 * x2 - b1 * x2 - f1 * x) - (a * x2 * x2 - b0 * x2 - f0 * x)
            g = (4.0 * a * x * x - 2.0 * b1) * x - f1
            if have:
                z = zb
                have = False
            else:
                z, zb, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
                have = True
            x += -dt * g + amp * z
        W[i] = w
    return W


# --- the fair NumPy reference ---------------------------------------------------------------------
def run_numpy(trajectories: int, steps: int) -> tuple[float, float, float, int]:
    """In-place NumPy Euler-Maruyama with work accounting; (wall s, CPU s, mean work, minor page faults)."""
    tab, x0, dt = _setup(trajectories, steps)
    a = PARAMS.barrier_kT
    rng = np.random.default_rng(1)
    x = x0[:, 0].copy()
    w = np.zeros_like(x)
    x2 = np.empty_like(x)
    t1 = np.empty_like(x)
    t2 = np.empty_like(x)
    z = np.empty_like(x)
    amp = np.sqrt(2.0 * dt)
    f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    def loop() -> None:
        for k in range(steps):
            b0, f0_ = tab[k]
            b1, f1 = tab[k + 1]
            np.multiply(x, x, out=x2)
            if b1 != b0 or f1 != f0_:  # dW = -(b1 - b0) x^2 - (f1 - f0) x
                np.multiply(x2, -(b1 - b0), out=t1)
                np.multiply(x, -(f1 - f0_), out=t2)
                np.add(w, t1, out=w)
                np.add(w, t2, out=w)
            np.multiply(x2, 4.0 * a, out=t1)  # gradient (4 a x^2 - 2 b) x - f
            np.subtract(t1, 2.0 * b1, out=t1)
            np.multiply(t1, x, out=t1)
            np.subtract(t1, f1, out=t1)
            rng.standard_normal(out=z)
            np.multiply(t1, -dt, out=t1)
            np.multiply(z, amp, out=z)
            np.add(x, t1, out=x)
            np.add(x, z, out=x)

    wall, cpu, _ = _timed(loop)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0
    return wall, cpu, float(w.mean()), int(faults)


# --- peers (optional) -----------------------------------------------------------------------------
def run_jax_scan(trajectories: int, steps: int) -> tuple[float, float, float] | None:
    """A JAX ``lax.scan`` Euler loop vectorised over trajectories (jit; compile excluded)."""
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    tab, x0, dt = _setup(trajectories, steps)
    a = PARAMS.barrier_kT
    tab_j = jnp.asarray(tab)

    def solve(x: Any, key: Any) -> Any:
        def body(carry: Any, k: Any) -> Any:
            x, w, key = carry
            key, sub = jax.random.split(key)
            b0, f0 = tab_j[k]
            b1, f1 = tab_j[k + 1]
            x2 = x * x
            w = w - (b1 - b0) * x2 - (f1 - f0) * x
            g = (4.0 * a * x2 - 2.0 * b1) * x - f1
            x = x - dt * g + jnp.sqrt(2.0 * dt) * jax.random.normal(sub, x.shape, dtype=x.dtype)
            return (x, w, key), None

        (x, w, _), _ = jax.lax.scan(body, (x, jnp.zeros_like(x), key), jnp.arange(steps))
        return w

    fn = jax.jit(solve)
    x = jnp.asarray(x0[:, 0])
    fn(x[:64], jax.random.PRNGKey(0)).block_until_ready()
    fn(x, jax.random.PRNGKey(0)).block_until_ready()  # compile for the full size
    wall, cpu, w = _timed(lambda: fn(x, jax.random.PRNGKey(1)).block_until_ready())
    return wall, cpu, float(w.mean())


def run_diffrax(trajectories: int, steps: int) -> tuple[float, float, float] | None:
    """diffrax Euler with ``UnsafeBrownianPath`` (its fast path for fixed steps), vmapped; work from the
    saved path."""
    try:
        import diffrax
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    tab, x0, dt = _setup(trajectories, steps)
    a = PARAMS.barrier_kT
    tab_j = jnp.asarray(tab)

    def drift(t: Any, y: Any, args: Any) -> Any:
        k = jnp.minimum(jnp.round(t / dt).astype(int) + 1, steps)
        b, f = tab_j[k]
        return -((4.0 * a * y * y - 2.0 * b) * y - f)

    def solve(y0: Any, key: Any) -> Any:
        bm = diffrax.UnsafeBrownianPath(shape=(), key=key)
        terms = diffrax.MultiTerm(diffrax.ODETerm(drift), diffrax.ControlTerm(lambda t, y, a_: jnp.sqrt(2.0), bm))
        sol = diffrax.diffeqsolve(terms, diffrax.Euler(), 0.0, TAU, dt, y0,
                                  saveat=diffrax.SaveAt(ts=jnp.linspace(0.0, TAU, steps + 1)), max_steps=steps + 8)
        ys = sol.ys[:-1]
        dl = tab_j[1:] - tab_j[:-1]
        return jnp.sum(-dl[:, 0] * ys**2 - dl[:, 1] * ys)

    fn = jax.jit(jax.vmap(solve))
    keys = jax.random.split(jax.random.PRNGKey(0), trajectories)
    y0 = jnp.asarray(x0[:, 0])
    fn(y0, keys).block_until_ready()
    wall, cpu, w = _timed(lambda: fn(y0, keys).block_until_ready())
    return wall, cpu, float(w.mean())


# --- the record -------------------------------------------------------------------------------------
def run_engine_benchmark(*, trajectories: int = 100_000, steps: int = 1000, threads: int = 2,
                         peers: bool = True) -> dict[str, Any]:
    """Measure the engine, the RNG floor, the v1 layout and NumPy (and peers); return the JSON-able record.

    Rates are in millions of particle-steps per second; ``*_per_cpu_s`` figures divide by the CPU time of
    the process (single-thread runs unless named ``_2t``/``threads``).
    """
    import numba

    from landauer.engine.simulate import Langevin, run

    load_before = os.getloadavg()
    work = trajectories * steps
    tab, x0, dt = _setup(trajectories, steps)
    prot = erasure_protocol(PARAMS, tau=TAU)
    dyn = Langevin(kT=1.0, dt=dt)
    key = seed_key(1)
    b_tab = np.ascontiguousarray(tab[:, 0])
    f_tab = np.ascontiguousarray(tab[:, 1])
    before = numba.get_num_threads()
    # warm-up (compilation or cache load) outside the timings
    run(MODEL, prot, dynamics=dyn, n_trajectories=64, seed=1, x0=x0[:64])
    _rng_floor_lanes(key, 64, 16)
    _rng_floor_streams(key, 64, 16)
    _scalar_v1(key, x0[:64, 0].copy(), b_tab, f_tab, PARAMS.barrier_kT, dt)
    try:
        numba.set_num_threads(1)
        e1_wall, e1_cpu, ds = _timed(lambda: run(MODEL, prot, dynamics=dyn, n_trajectories=trajectories, seed=1,
                                                 x0=x0))
        r1_cpu = _timed(lambda: _rng_floor_lanes(key, trajectories, steps))[1]
        r2_cpu = _timed(lambda: _rng_floor_streams(key, trajectories, steps))[1]
        r_cpu = min(r1_cpu, r2_cpu)  # the floor is the cheaper way to draw the same normals
        v_wall, v_cpu, wv1 = _timed(lambda: _scalar_v1(key, x0[:, 0].copy(), b_tab, f_tab, PARAMS.barrier_kT, dt))
        nt = max(1, min(threads, int(numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]
        numba.set_num_threads(nt)
        e2_wall, e2_cpu, _ = _timed(lambda: run(MODEL, prot, dynamics=dyn, n_trajectories=trajectories, seed=1,
                                                x0=x0))
    finally:
        numba.set_num_threads(before)
    n_wall, n_cpu, w_np, faults = run_numpy(trajectories, steps)
    m = 1e-6
    eng = work / e1_cpu * m
    floor = work / r_cpu * m
    nump = work / n_cpu * m
    out: dict[str, Any] = {
        "benchmark": "1-D double-well erasure, overdamped Euler, per-trajectory work accounting",
        "trajectories": trajectories,
        "steps": steps,
        "particle_steps": work,
        "machine": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "threads": nt,
        "loadavg_before": [round(v, 2) for v in load_before],
        "engine_msteps_per_cpu_s": eng,
        "engine_msteps_per_wall_s_1t": work / e1_wall * m,
        "rng_floor_msteps_per_cpu_s": floor,
        "rng_floor_lanes_msteps_per_cpu_s": work / r1_cpu * m,
        "rng_floor_streams_msteps_per_cpu_s": work / r2_cpu * m,
        "floor_fraction": eng / floor,
        "scalar_v1_layout_msteps_per_cpu_s": work / v_cpu * m,
        "lane_speedup_over_v1_layout": (work / e1_cpu) / (work / v_cpu),
        "engine_msteps_per_wall_s_threads": work / e2_wall * m,
        "engine_msteps_per_cpu_s_threads": work / e2_cpu * m,
        "thread_speedup_wall": e1_wall / e2_wall,
        "numpy_msteps_per_cpu_s": nump,
        "numpy_minor_page_faults": faults,
        "ratio": eng / nump,
        "engine_mean_work_kT": float(ds.W.mean()),
        "scalar_v1_layout_mean_work_kT": float(np.mean(wv1)),
        "numpy_mean_work_kT": w_np,
    }
    if peers:
        n_peer = max(1000, trajectories // 10)
        for name, fn in (("jax_scan", run_jax_scan), ("diffrax_unsafe_bm", run_diffrax)):
            res = fn(n_peer, steps)
            if res is None:
                out[f"{name}_msteps_per_cpu_s"] = None
                out[f"{name}_note"] = "not installed (pip install -e '.[bench]')"
            else:
                out[f"{name}_msteps_per_cpu_s"] = n_peer * steps / res[1] * m
                out[f"{name}_mean_work_kT"] = res[2]
                out[f"ratio_vs_{name}"] = eng / (n_peer * steps / res[1] * m)
    out["loadavg_after"] = [round(v, 2) for v in os.getloadavg()]
    return out
