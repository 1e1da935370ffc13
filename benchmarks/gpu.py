"""GPU ensemble throughput (``engine.run(backend="cuda")``) against the CPU engine, measured in the same run.

Workloads: the 1-D double-well erasure (overdamped LM, the ``double-well`` device file) and the 4-D
SQUID (BAOAB, :func:`landauer.models.squid.model.model_for` with ``dof=4``, held at rest) and an MTJ
macrospin on the sphere (stochastic Heun with spin-transfer torque, a field ramp). For each ensemble size the
end-to-end wall time of ``run()`` (transfers and Dataset included, compilation excluded by a warm-up
run) gives trajectory-steps/s; the CPU engine runs the same workload at up to ``--cpu-max``
trajectories on all its threads and the ratio is printed next to it. An RNG-only kernel (the same
xoshiro256++/ziggurat stream, no model) gives the random-number floor: when the GPU figure is close
to it the run is RNG-bound; the global-memory traffic per trajectory-step is printed to show that it
is not memory-bound (the state stays in registers; only x0 and the results cross global memory).

Refuses (exit 2, one line) when no CUDA device is present; the CUDA simulator is not a benchmark.

Usage: python benchmarks/gpu.py [--sizes 1e4,1e5,1e6,1e7] [--steps 1000] [--cpu-max 100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from typing import Any

import numba
import numpy as np

cuda: Any = None  # numba.cuda, imported when a device is present


def _refuse_without_gpu() -> dict[str, Any]:
    from landauer.engine.cuda_run import device_description, simulator
    from landauer.validation import ParameterError

    if simulator():
        sys.exit("benchmarks/gpu.py: NUMBA_ENABLE_CUDASIM is set; the simulator is not a benchmark")
    try:
        return device_description()
    except ParameterError as e:
        print(f"benchmarks/gpu.py: {e}", file=sys.stderr)
        sys.exit(2)


def erasure_1d(steps: int) -> tuple[Any, Any, Any, Any]:
    """The double-well device's erasure protocol stretched to ``steps`` steps of its own dt."""
    from landauer.devices.registry import load

    df = load("double-well")
    assert df.protocol is not None  # the shipped file has one
    lang = df.dynamics.langevin()
    prot = df.protocol.stretched(steps * lang.dt / df.protocol.duration)
    return df.device.model(), prot, lang, lambda n: np.where(np.arange(n) % 2 == 0, -1.0, 1.0)[:, None]


def squid_4d(steps: int) -> tuple[Any, Any, Any, Any]:
    """The 4-D SQUID at rest controls for ``steps`` BAOAB steps, from Boltzmann starts in well 00."""
    from landauer.engine.protocol import Protocol
    from landauer.models.squid.model import engine_protocol, langevin, model_for
    from landauer.models.squid.potential import DEFAULT_SHAPE, Controls
    from landauer.models.squid.thermal import initial_positions

    kappa, damping, dt = 0.05, 1.0, 0.05
    model = model_for(4, DEFAULT_SHAPE)
    prot = engine_protocol(Protocol.start(**Controls().as_dict()).hold(steps * dt), DEFAULT_SHAPE, 4)
    x_small, _ = initial_positions(["00"], 4096, kappa=kappa, seed=1, shape=DEFAULT_SHAPE, dof=4)
    return model, prot, langevin(damping=damping, kappa=kappa, dt=dt, dof=4), \
        lambda n: np.resize(x_small, (n, x_small.shape[1]))


def sphere_mtj(steps: int) -> tuple[Any, Any, Any, Any]:
    """A reduced MTJ macrospin (zeta = 8, alpha = 0.3, torque on) under a field ramp of ``steps`` steps."""
    from landauer.engine.protocol import Protocol
    from landauer.models.mtj.energy import axial_samples
    from landauer.models.mtj.macrospin import ReducedMacrospin

    mac = ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.2, 0.0, 0.5), stt_a0=0.15, stt_b=0.075, stt_p2=0.3)
    dt = 0.01
    prot = Protocol.start(hx=0.0, hy=0.0, hz=0.0).ramp(steps * dt, hx=0.9, hz=0.1, shape="smooth")
    m_small = axial_samples(4096, sigma=4.0, seed=2)
    return mac.model(y_threshold=0.2), prot, mac.dynamics(dt), lambda n: np.resize(m_small, (n, 3))


def _rate(model: Any, prot: Any, lang: Any, x0: Any, n: int, backend: str, repeats: int) -> tuple[float, int]:
    from landauer.engine import run

    times = []
    nsteps = 0
    for r in range(repeats):
        t = time.perf_counter()
        ds = run(model, prot, dynamics=lang, n_trajectories=n, seed=100 + r, x0=x0(n), backend=backend)
        times.append(time.perf_counter() - t)
        nsteps = int(ds.attrs["n_steps"])
    return n * nsteps / min(times), nsteps


def rng_floor(n: int, steps: int, ndim: int) -> float:
    """Normals/s of the same stream code alone on the device (``ndim`` per trajectory-step)."""
    global cuda  # module-level name, as numba's simulator expects (it swaps the module in globals)
    from numba import cuda, uint64

    from landauer.engine.rng import next_normal_pair, seed_key, stream_state

    @cuda.jit
    def draw(k0, k1, m, out):  # noqa: ANN001, ANN202
        i = cuda.grid(1)
        if i >= out.shape[0]:
            return
        S = cuda.local.array(4, uint64)
        S[0], S[1], S[2], S[3] = stream_state(k0, k1, i)
        acc = 0.0
        for _ in range((m + 1) // 2):
            z1, z2, S[0], S[1], S[2], S[3] = next_normal_pair(S[0], S[1], S[2], S[3])
            acc += z1 + z2
        out[i] = acc

    key = seed_key(1)
    out = cuda.device_array(n)
    m = steps * ndim
    draw[(n + 127) // 128, 128](key[0], key[1], m, out)  # compile
    cuda.synchronize()
    t = time.perf_counter()
    draw[(n + 127) // 128, 128](key[0], key[1], m, out)
    cuda.synchronize()
    return n * m / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1e4,1e5,1e6,1e7")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--cpu-max", type=float, default=1e5)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    dev = _refuse_without_gpu()
    from landauer.engine.cuda_run import bytes_per_trajectory

    sizes = [int(float(s)) for s in args.sizes.split(",")]
    res: dict[str, Any] = {"device": dev, "cpu_threads": numba.get_num_threads(), "steps": args.steps,
                           "workloads": {}}
    for name, make in (("erasure-1d", erasure_1d), ("squid-4d", squid_4d), ("sphere-mtj", sphere_mtj)):
        model, prot, lang, x0 = make(args.steps)
        _rate(model, prot, lang, x0, 256, "cuda", 1)  # compile the GPU kernel
        _rate(model, prot, lang, x0, 256, "cpu", 1)  # load/compile the CPU kernel
        ncpu = int(min(args.cpu_max, max(sizes)))
        cpu, nsteps = _rate(model, prot, lang, x0, ncpu, "cpu", args.repeats)
        rows = []
        for n in sizes:
            gpu, _ = _rate(model, prot, lang, x0, n, "cuda", args.repeats)
            rows.append({"trajectories": n, "gpu_traj_steps_per_s": gpu, "ratio_to_cpu": gpu / cpu})
        floor = rng_floor(max(sizes), nsteps, model.ndim) / model.ndim
        res["workloads"][name] = {
            "ndim": model.ndim, "n_steps": nsteps, "cpu_trajectories": ncpu, "cpu_traj_steps_per_s": cpu,
            "rng_floor_traj_steps_per_s": floor, "rows": rows,
            "global_bytes_per_traj_step": bytes_per_trajectory(model.ndim, 0) / nsteps,
            "bound": ("RNG-bound" if rows[-1]["gpu_traj_steps_per_s"] > 0.5 * floor else "ALU-bound (model)")
            + "; not memory-bound (state in registers)",
        }
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"device: {dev['name']} (sm {dev['compute_capability']}, {dev['memory_total'] / 2**30:.1f} GiB); "
          f"CPU engine on {res['cpu_threads']} threads")
    for name, w in res["workloads"].items():
        print(f"\n{name} ({w['ndim']}-D, {w['n_steps']} steps): CPU {w['cpu_traj_steps_per_s']:.3g} traj-steps/s "
              f"at {w['cpu_trajectories']} trajectories; RNG floor {w['rng_floor_traj_steps_per_s']:.3g}; "
              f"{w['global_bytes_per_traj_step']:.2g} B global memory per traj-step; {w['bound']}")
        for r in w["rows"]:
            exp = int(math.log10(r["trajectories"]))
            print(f"  n = 1e{exp}: GPU {r['gpu_traj_steps_per_s']:.3g} traj-steps/s "
                  f"({r['gpu_traj_steps_per_s'] * w['ndim']:.3g} coordinate-steps/s), {r['ratio_to_cpu']:.3g}x CPU")


if __name__ == "__main__":
    main()
