"""Engine throughput benchmark: 1-D quartic double-well erasure with per-trajectory work accounting.

The engine's compiled kernel and a plain-NumPy vectorised Euler-Maruyama implementation of the same model
and protocol run in the same process; throughput is reported in particle-steps per second with their ratio.
When the optional ``bench`` extra is installed, the field's generic SDE solvers (torchsde, diffrax) run the
same problem too. This is a measurement script, not a test.
"""

from __future__ import annotations

import os
import platform
import time
from typing import Any

import numpy as np

from landauer.models.double_well import DoubleWellParams, erasure_protocol

PARAMS = DoubleWellParams(barrier_kT=5.0, tilt_kT=5.0)
MODEL = PARAMS.model()

TAU = 0.3  # protocol duration (diffusion times); with dt = tau / steps


def _setup(trajectories: int, steps: int) -> tuple[np.ndarray, np.ndarray, float]:
    prot = erasure_protocol(PARAMS, tau=TAU).with_controls(MODEL.controls, MODEL.defaults)
    dt = TAU / steps
    tab = prot.table(dt)  # columns (a, b, f): the param a is constant
    lam = np.column_stack([np.full(tab.shape[0], PARAMS.barrier_kT), tab])
    x0 = np.random.default_rng(0).choice([-1.0, 1.0], size=(trajectories, 1))
    return lam, x0, dt


def run_engine(trajectories: int, steps: int) -> tuple[float, float]:
    """Seconds for the engine (compilation excluded) and the mean work, in kT."""
    from landauer.engine.simulate import Langevin, run

    prot = erasure_protocol(PARAMS, tau=TAU)
    dyn = Langevin(kT=1.0, dt=TAU / steps)
    lam, x0, _ = _setup(trajectories, steps)
    run(MODEL, prot, dynamics=dyn, n_trajectories=64, seed=1, x0=x0[:64])  # compile
    t0 = time.perf_counter()
    ds = run(MODEL, prot, dynamics=dyn, n_trajectories=trajectories, seed=1, x0=x0)
    return time.perf_counter() - t0, float(ds.W.mean())


def run_numpy(trajectories: int, steps: int) -> tuple[float, float]:
    """Plain-NumPy vectorised Euler-Maruyama of the same erasure with work accounting."""
    lam, x0, dt = _setup(trajectories, steps)
    rng = np.random.default_rng(1)
    t0 = time.perf_counter()
    x = x0[:, 0].copy()
    w = np.zeros_like(x)
    amp = np.sqrt(2.0 * dt)
    for k in range(steps):
        a0, b0, f0 = lam[k]
        a1, b1, f1 = lam[k + 1]
        x2 = x * x
        w += (a1 - a0) * x2 * x2 - (b1 - b0) * x2 - (f1 - f0) * x
        g = (4.0 * a1 * x2 - 2.0 * b1) * x - f1
        x += -g * dt + amp * rng.standard_normal(x.size)
    return time.perf_counter() - t0, float(w.mean())


def run_torchsde(trajectories: int, steps: int) -> tuple[float, float] | None:
    """torchsde (Euler, Ito, diagonal noise) on the same drift; work accumulated from the saved path."""
    try:
        import torch
        import torchsde
    except ImportError:
        return None
    lam, x0, dt = _setup(trajectories, steps)
    lam_t = torch.tensor(lam)

    class SDE(torch.nn.Module):
        noise_type = "diagonal"
        sde_type = "ito"

        def f(self, t: Any, y: Any) -> Any:
            k = torch.clamp((t / dt).round().long() + 1, max=steps)
            a, b, f = lam_t[k]
            return -((4.0 * a * y * y - 2.0 * b) * y - f)

        def g(self, t: Any, y: Any) -> Any:
            return torch.full_like(y, float(np.sqrt(2.0)))

    y0 = torch.tensor(x0)
    ts = torch.linspace(0.0, TAU, steps + 1, dtype=torch.float64)
    t0 = time.perf_counter()
    with torch.no_grad():
        ys = torchsde.sdeint(SDE(), y0, ts, method="euler", dt=dt)[:, :, 0]
        x2 = ys[:-1] ** 2
        dl = lam_t[1:] - lam_t[:-1]
        w = (dl[:, 0:1] * x2 * x2 - dl[:, 1:2] * x2 - dl[:, 2:3] * ys[:-1]).sum(0)
    return time.perf_counter() - t0, float(w.mean())


def run_diffrax(trajectories: int, steps: int) -> tuple[float, float] | None:
    """diffrax (JAX, Euler, vmapped over trajectories) on the same drift; work from the saved path."""
    try:
        import diffrax
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    lam, x0, dt = _setup(trajectories, steps)
    lam_j = jnp.asarray(lam)

    def drift(t: Any, y: Any, args: Any) -> Any:
        k = jnp.minimum(jnp.round(t / dt).astype(int) + 1, steps)
        a, b, f = lam_j[k]
        return -((4.0 * a * y * y - 2.0 * b) * y - f)

    def solve(y0: Any, key: Any) -> Any:
        bm = diffrax.VirtualBrownianTree(0.0, TAU, tol=dt / 2, shape=(), key=key)
        terms = diffrax.MultiTerm(diffrax.ODETerm(drift),
                                  diffrax.ControlTerm(lambda t, y, a: jnp.sqrt(2.0), bm))
        sol = diffrax.diffeqsolve(terms, diffrax.Euler(), 0.0, TAU, dt, y0,
                                  saveat=diffrax.SaveAt(ts=jnp.linspace(0.0, TAU, steps + 1)), max_steps=steps + 8)
        ys = sol.ys[:-1]
        dl = lam_j[1:] - lam_j[:-1]
        return jnp.sum(dl[:, 0] * ys**4 - dl[:, 1] * ys**2 - dl[:, 2] * ys)

    fn = jax.jit(jax.vmap(solve))
    keys = jax.random.split(jax.random.PRNGKey(0), trajectories)
    y0 = jnp.asarray(x0[:, 0])
    fn(y0[:8], keys[:8]).block_until_ready()
    t0 = time.perf_counter()
    w = fn(y0, keys).block_until_ready()
    return time.perf_counter() - t0, float(w.mean())


def run_engine_benchmark(*, trajectories: int = 100_000, steps: int = 1000, peers: bool = True) -> dict[str, Any]:
    """Run the engine and the NumPy reference (and peers if installed); return the JSON-able record."""
    import numba

    work = trajectories * steps
    t_eng, w_eng = run_engine(trajectories, steps)
    n_np = trajectories  # same ensemble: a smaller one would sit in cache and flatter the reference
    t_np, w_np = run_numpy(n_np, steps)
    rate_eng = work / t_eng
    rate_np = n_np * steps / t_np
    out: dict[str, Any] = {
        "benchmark": "1-D double-well erasure, overdamped Euler, per-trajectory work",
        "trajectories": trajectories,
        "steps": steps,
        "cores": os.cpu_count(),
        "numba_threads": numba.get_num_threads(),
        "machine": platform.processor() or platform.machine(),
        "engine_particle_steps_per_s": rate_eng,
        "numpy_particle_steps_per_s": rate_np,
        "ratio": rate_eng / rate_np,
        "engine_mean_work_kT": w_eng,
        "numpy_mean_work_kT": w_np,
    }
    if peers:
        n_peer = max(1000, trajectories // 20)
        for name, fn in (("torchsde", run_torchsde), ("diffrax", run_diffrax)):
            res = fn(n_peer, steps)
            if res is None:
                out[f"{name}_particle_steps_per_s"] = None
                out[f"{name}_note"] = "not installed (pip install -e '.[bench]')"
            else:
                out[f"{name}_particle_steps_per_s"] = n_peer * steps / res[0]
                out[f"{name}_mean_work_kT"] = res[1]
                out[f"ratio_vs_{name}"] = rate_eng / (n_peer * steps / res[0])
    return out
