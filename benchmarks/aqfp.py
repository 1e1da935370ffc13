"""aQFP throughput: mismatch Monte Carlo (devices/s) and the Langevin buffer chain (particle-steps/s),
each against a plain-NumPy implementation of the same computation run in the same process.

Usage::

    python benchmarks/aqfp.py [--case mc|chain|all] [--devices N] [--trajectories N] [--steps N] [--json]

Output (JSON with ``--json``): per case our throughput, the reference throughput and their ratio;
the top-level ``ratio`` is that of the selected case (``all``: one entry per case).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
import warnings
from typing import Any

import numpy as np


def bench_mismatch(n_devices: int) -> dict[str, Any]:
    """Compiled Monte Carlo (histogram, minimum, failures, BER sum) vs NumPy sampling and reductions."""
    from landauer.models.aqfp.mismatch import MismatchSpec, device_ber, monte_carlo, sample_alpha_numpy

    spec = MismatchSpec()
    monte_carlo(spec, n_devices=1 << 16, seed=0)  # compile / load the cache
    t0 = time.perf_counter()
    ours = monte_carlo(spec, n_devices=n_devices, seed=1, keep=0)
    t_ours = time.perf_counter() - t0
    n_ref = min(n_devices, 4_000_000)
    t0 = time.perf_counter()
    a, dj = sample_alpha_numpy(spec, n_devices=n_ref, seed=1)
    np.histogram(a, bins=400, range=(-0.5, 1.5))
    float(a.min()), int(np.sum(a <= 0)), float(np.nansum(device_ber(a, spec.delta_u_kT))), float(dj.mean())
    t_ref = time.perf_counter() - t0
    r_ours, r_ref = ours.n_devices / t_ours, n_ref / t_ref
    from landauer.models.aqfp.orderstats import chip_statistics

    chip_statistics(spec, 1e6)  # warm the quadrature code paths
    t0 = time.perf_counter()
    chip_statistics(spec, 1e9)
    t_chip = time.perf_counter() - t0
    return {
        "devices": ours.n_devices,
        "ours_devices_per_s": r_ours,
        "numpy_devices_per_s": r_ref,
        "ratio": r_ours / r_ref,
        "seconds_for_1e7": 1e7 / r_ours,
        "chip_statistics_1e9_by_quadrature_s": t_chip,
    }


def _numpy_baoab(
    model: Any,
    lam: np.ndarray,
    x: np.ndarray,
    p: np.ndarray,
    *,
    dt: float,
    mass: float,
    fric: float,
    kT: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Plain NumPy BAOAB over trajectories (x, p of shape (ndim, n)), with the work of control changes."""
    energy, gradient = model.energy.py_func, model.gradient.py_func
    c1 = math.exp(-fric / mass * dt)
    c2 = math.sqrt((1 - c1 * c1) * mass * kT)
    g = np.empty_like(x)
    gradient(x, lam[0], g)
    w = np.zeros(x.shape[1])
    for k in range(lam.shape[0] - 1):
        if np.any(lam[k + 1] != lam[k]):
            w += energy(x, lam[k + 1]) - energy(x, lam[k])
            gradient(x, lam[k + 1], g)
        p -= 0.5 * dt * g
        x += 0.5 * dt * p / mass
        p[:] = c1 * p + c2 * rng.standard_normal(p.shape)
        x += 0.5 * dt * p / mass
        gradient(x, lam[k + 1], g)
        p -= 0.5 * dt * g
    return w


def bench_chain(n_traj: int, n_steps: int, n_gates: int = 4) -> dict[str, Any]:
    """Engine BAOAB (compiled, parallel) vs the NumPy BAOAB on a four-phase-clocked buffer chain."""
    from landauer.engine.protocol import Protocol
    from landauer.engine.simulate import Langevin, run
    from landauer.models.aqfp.dynamics import DynamicsUnits, chain_model
    from landauer.models.aqfp.params import AqfpParams

    p = AqfpParams.supercritical()
    model = chain_model(p, n_gates)
    u = DynamicsUnits.of(p, model)
    q = n_steps * u.dt / 4
    prot = (
        Protocol.start(ex0=0.0, ex1=0.0, ex2=0.0, ex3=0.0, src=1.0)
        .ramp(q, ex1=math.pi)
        .ramp(q, ex2=math.pi)
        .ramp(q, ex3=math.pi, ex1=0.0)
        .ramp(q, ex0=math.pi, ex2=0.0)
    )
    dyn = Langevin(kT=u.kT, dt=u.dt, integrator="baoab", mass=u.mass, friction=u.friction)
    run(model, prot, dynamics=dyn, n_trajectories=4, seed=0, x0=np.zeros(model.ndim))  # compile
    t0 = time.perf_counter()
    run(model, prot, dynamics=dyn, n_trajectories=n_traj, seed=1, x0=np.zeros(model.ndim))
    t_ours = time.perf_counter() - t0
    lam = prot.with_controls(model.controls, model.defaults).table(u.dt)
    n_ref = max(64, min(n_traj, 2000))
    ref_steps = min(lam.shape[0] - 1, 2000)
    x = np.zeros((model.ndim, n_ref))
    pm = np.sqrt(u.mass * u.kT) * np.random.default_rng(2).standard_normal(x.shape)
    t0 = time.perf_counter()
    _numpy_baoab(
        model,
        lam[: ref_steps + 1],
        x,
        pm,
        dt=u.dt,
        mass=u.mass,
        fric=u.friction,
        kT=u.kT,
        rng=np.random.default_rng(3),
    )
    t_ref = time.perf_counter() - t0
    ours = n_traj * (lam.shape[0] - 1) * model.ndim / t_ours
    ref = n_ref * ref_steps * model.ndim / t_ref
    return {
        "gates": n_gates,
        "coordinates": model.ndim,
        "trajectories": n_traj,
        "steps": lam.shape[0] - 1,
        "ours_particle_steps_per_s": ours,
        "numpy_particle_steps_per_s": ref,
        "ratio": ours / ref,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", choices=["mc", "chain", "all"], default="all")
    ap.add_argument("--devices", type=int, default=10_000_000)
    ap.add_argument("--trajectories", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    out: dict[str, Any] = {"cores": os.cpu_count()}
    if args.case in ("mc", "all"):
        out["mismatch_mc"] = bench_mismatch(args.devices)
    if args.case in ("chain", "all"):
        out["langevin_chain"] = bench_chain(args.trajectories, args.steps)
    cases = [k for k in ("mismatch_mc", "langevin_chain") if k in out]
    out["ratio"] = out[cases[0]]["ratio"] if len(cases) == 1 else {k: out[k]["ratio"] for k in cases}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k in cases:
            print(
                k,
                ", ".join(f"{a}={b:.4g}" if isinstance(b, float) else f"{a}={b}" for a, b in out[k].items()),
            )


if __name__ == "__main__":
    main()
