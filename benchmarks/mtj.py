"""sLLG ensemble throughput per CPU second against cmtj, plus a switching-probability cross-check.

Both codes run the thermal macrospin of specs/mtj.md (Ms = 1.1e6 A/m, K = 4.4e4 J/m^3 along y, 50 nm x
0.9 nm disc, T = 300 K, alpha = 0.1, dt = 0.01 t0 = 0.71 ps, stochastic Heun / Euler-Heun), zero field.

- **Ours**: the engine's sphere kernel (:mod:`landauer.engine.sphere`) through ``engine.run``, timed with
  one Numba thread and with two, both as steps per CPU second (``time.process_time``, so other load on
  the machine does not count) and per wall second.
- **Random-number floor**: the same lane layout drawing the three normals per step and nothing else
  (what a step costs at minimum with this generator), measured in the same run.
- **cmtj** (Mojsiejuk et al., npj Comput. Mater. 9, 54 (2023); GPL-2.0, used only as an external peer, no
  code copied): one trajectory in one single-threaded process, steps per CPU second of that process.
  Found by ``import cmtj``, else in the interpreter named by ``CMTJ_PYTHON``, else ``/tmp/cmtjvenv``.
- **Cross-check**: probability that ``m_y < 0`` after 100 t0 in a reversing easy-axis field (h_y = -0.7)
  from both codes, compared with a two-proportion z-test.

Load averages before and after are printed: CPU-time figures are robust to load, wall figures are not.

Usage: ``python benchmarks/mtj.py [--json] [--trajectories N] [--steps S] [--peer-steps S] [--switch-n N]``
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from typing import Any

import numba
import numpy as np
from numba import njit, prange

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.rng import seed_key, stream_state
from landauer.engine.simulate import run
from landauer.engine.sphere_kernel import LANES, lane_normal_pairs
from landauer.models.mtj.energy import axial_samples
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams

PEER = r"""
import json, math, sys, time
import cmtj
from cmtj import AxialDriver, CVector, Junction, Layer, ScalarDriver, SolverMode

cfg = json.loads(sys.argv[1])

def junction(seed, hy):
    mu0 = 4e-7 * math.pi
    layer = Layer("free", CVector(0, 1, 0), CVector(0, 1, 0), cfg["Ms"] * mu0, cfg["t"], cfg["area"],
                  [CVector(0, 0, 0)] * 3, cfg["alpha"])
    j = Junction([layer])
    j.setLayerAnisotropyDriver("free", ScalarDriver.getConstantDriver(cfg["K"]))
    j.setLayerTemperatureDriver("free", ScalarDriver.getConstantDriver(cfg["T"]))
    j.setLayerExternalFieldDriver("all", AxialDriver(ScalarDriver.getConstantDriver(0.0),
        ScalarDriver.getConstantDriver(hy), ScalarDriver.getConstantDriver(0.0)))
    j.setLayerSeed("free", seed)
    return j

def throughput(seed):
    j = junction(seed, 0.0)
    total = cfg["steps"] * cfg["dt"]
    c0, t0 = time.process_time(), time.perf_counter()
    j.runSimulation(total, cfg["dt"], total / 4, solverMode=SolverMode.EulerHeun)
    return time.process_time() - c0, time.perf_counter() - t0

def switched(seed):
    j = junction(seed, cfg["hy_switch"])
    # cmtj logs at t = 0, w, 2w, ... < totalTime (not at the end): log every step, run one step longer
    j.runSimulation(cfg["t_switch"] + cfg["dt"], cfg["dt"], cfg["dt"], solverMode=SolverMode.EulerHeun)
    log = j.getLog()
    k = min(range(len(log["time"])), key=lambda i: abs(log["time"][i] - cfg["t_switch"]))
    return 1 if log["free_my"][k] < 0 else 0

if __name__ == "__main__":
    throughput(0)  # warm-up
    runs = [throughput(s) for s in range(1, 1 + cfg["repeats"])]
    sw = [switched(s) for s in range(1000, 1000 + cfg["n_switch"])]
    print(json.dumps({"cpu": [r[0] for r in runs], "wall": [r[1] for r in runs], "switched": sum(sw),
                      "n": len(sw), "version": getattr(cmtj, "__version__", "unknown")}))
"""


@njit(parallel=True, cache=True)
def _draw_only(n: int, nsteps: int, key: Any, out: Any) -> None:
    """Three normals per trajectory-step from the per-trajectory streams, drawn as the kernel draws them."""
    nb = (n + LANES - 1) // LANES
    for b in prange(nb):
        S0 = np.empty(LANES, dtype=np.uint64)
        S1 = np.empty(LANES, dtype=np.uint64)
        S2 = np.empty(LANES, dtype=np.uint64)
        S3 = np.empty(LANES, dtype=np.uint64)
        RR = np.empty(LANES, dtype=np.uint64)
        RA = np.empty(LANES, dtype=np.int64)
        RB = np.empty(LANES, dtype=np.int64)
        Z0 = np.empty(LANES)
        Z1 = np.empty(LANES)
        acc = np.zeros(LANES)
        for l in range(LANES):  # noqa: E741
            S0[l], S1[l], S2[l], S3[l] = stream_state(key[0], key[1], b * LANES + l)
        for _ in range(3 * nsteps // 2):
            lane_normal_pairs(S0, S1, S2, S3, RR, RA, RB, Z0, Z1)
            for l in range(LANES):  # noqa: E741
                acc[l] += Z0[l] + Z1[l]
        for l in range(LANES):  # noqa: E741
            if b * LANES + l < n:
                out[b * LANES + l] = acc[l]


def _peer_python() -> str | None:
    try:
        import cmtj  # noqa: F401

        return sys.executable
    except ImportError:
        pass
    env = os.environ.get("CMTJ_PYTHON")
    if env:
        return env
    side = "/tmp/cmtjvenv/bin/python"
    return side if os.path.exists(side) else None


def _timed(fn: Any, repeats: int) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - t0)
    return cpu, wall


def _mmm(xs: list[float]) -> list[float]:
    return [float(min(xs)), float(np.median(xs)), float(max(xs))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trajectories", type=int, default=4096)
    ap.add_argument("--steps", type=int, default=10000)
    ap.add_argument("--peer-steps", type=int, default=1000000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--switch-n", type=int, default=400, help="cmtj runs for the switching cross-check (0: skip)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    p = MTJParams(alpha=0.1)
    system = ReducedMacrospin.from_params(p)
    dtau = 0.01
    n, steps = args.trajectories, args.steps
    work = n * steps
    load_before = os.getloadavg()
    m0 = axial_samples(n, sigma=p.sigma, seed=1, hemisphere=1)
    model, dyn = system.model(), system.dynamics(dtau)

    def ours() -> None:
        run(model, Protocol.start(hy=0.0).hold(steps * dtau), dynamics=dyn, n_trajectories=n, seed=2, x0=m0,
            record=Record())

    key = seed_key(2)
    sink = np.empty(n)
    out: dict[str, Any] = {"problem": {"trajectories": n, "steps": steps, "dt_t0": dtau, "dt_s": dtau * p.t0,
                                       "alpha": p.alpha, "sigma": p.sigma}, "cores": os.cpu_count()}
    threads_max = numba.config.NUMBA_NUM_THREADS
    run(model, Protocol.start(hy=0.0).hold(10 * dtau), dynamics=dyn, n_trajectories=16, seed=0, x0=m0[:16])
    _draw_only(LANES, 4, key, sink)
    for threads in sorted({1, min(2, threads_max)}):
        numba.set_num_threads(threads)
        cpu, wall = _timed(ours, args.repeats)
        fcpu, _ = _timed(lambda: _draw_only(n, steps, key, sink), args.repeats)
        out[f"threads_{threads}"] = {
            "msteps_per_cpu_s": _mmm([work / c / 1e6 for c in cpu]),
            "msteps_per_wall_s": _mmm([work / w / 1e6 for w in wall]),
            "rng_floor_msteps_per_cpu_s": _mmm([work / c / 1e6 for c in fcpu]),
        }
    numba.set_num_threads(threads_max)
    single = out["threads_1"]
    ours_cpu = single["msteps_per_cpu_s"][1]
    out["engine_msteps_per_cpu_s"] = ours_cpu
    out["rng_floor_msteps_per_cpu_s"] = single["rng_floor_msteps_per_cpu_s"][1]
    out["floor_fraction"] = ours_cpu / out["rng_floor_msteps_per_cpu_s"]
    if "threads_2" in out:
        out["two_thread_wall_speedup"] = out["threads_2"]["msteps_per_wall_s"][1] / single["msteps_per_wall_s"][1]

    # switching probability: reversing field h_y = -0.7 from +y for 100 t0 (P ~ 0.3)
    hy, t_sw, n_sw = -0.7, 100.0, 20000
    ds = run(model, Protocol.start(hy=hy).hold(t_sw), dynamics=dyn, n_trajectories=n_sw, seed=3, x0=[0.0, 1.0, 0.0])
    p_ours = float(np.mean(ds["x_final"].values[:, 1] < 0))
    out.update(p_switch_ours=p_ours, n_switch_ours=n_sw)

    py = _peer_python()
    if py is None:
        out.update(ratio=None, note="cmtj not available: pip install cmtj (GPL-2.0) in a side venv, set CMTJ_PYTHON")
    else:
        cfg = {"Ms": p.Ms, "t": p.t_eff, "area": math.pi * p.diameter**2 / 4, "alpha": p.alpha, "K": p.K,
               "T": p.temperature, "dt": dtau * p.t0, "steps": args.peer_steps, "repeats": args.repeats,
               "hy_switch": hy * p.Hk, "t_switch": t_sw * p.t0, "n_switch": args.switch_n}
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        res = subprocess.run([py, "-c", PEER, json.dumps(cfg)], capture_output=True, text=True, check=True, env=env)
        peer = json.loads(res.stdout.strip().splitlines()[-1])
        peer_cpu = _mmm([args.peer_steps / c / 1e6 for c in peer["cpu"]])
        out.update(cmtj_version=peer["version"], cmtj_msteps_per_cpu_s=peer_cpu,
                   cmtj_msteps_per_wall_s=_mmm([args.peer_steps / w / 1e6 for w in peer["wall"]]),
                   ratio=ours_cpu / peer_cpu[1])
        if peer["n"]:
            p_peer = peer["switched"] / peer["n"]
            se = math.sqrt(p_ours * (1 - p_ours) / n_sw + p_peer * (1 - p_peer) / peer["n"])
            out.update(p_switch_cmtj=p_peer, n_switch_cmtj=peer["n"], switch_z=(p_ours - p_peer) / se if se else 0.0,
                       switch_agree=bool(abs(p_ours - p_peer) <= 4 * se))
    out["threads"] = 1
    out["load_average_before"] = [round(x, 2) for x in load_before]
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:30s} {v:.6g}" if isinstance(v, float) else f"{k:30s} {v}")


if __name__ == "__main__":
    main()
