"""Ensemble sLLG throughput vs cmtj on the same macrospin physics, plus a switching-probability cross-check.

Both run the thermal macrospin of specs/mtj.md (Ms = 1.1e6 A/m, K = 4.4e4 J/m^3 along y, 50 nm x 0.9 nm
disc, T = 300 K, dt = 0.01 t0 = 0.71 ps, stochastic Heun / Euler-Heun). Ours: one compiled ensemble
kernel over all cores (steps/s summed over trajectories). cmtj (Mojsiejuk et al., npj Comput. Mater. 9,
54 (2023); GPL-2.0, used only as an external peer, no code copied): one trajectory per process, one process
per core, in parallel. Cross-check: probability that m_y < 0 after a fixed time in a reversing easy-axis
field, from both codes, compared with a two-proportion z-test.

cmtj is found by ``import cmtj`` or, failing that, in the interpreter named by ``CMTJ_PYTHON`` (a separate
virtual environment with ``pip install cmtj``). Output JSON has top-level key ``ratio``.

Usage: ``python benchmarks/mtj.py [--json] [--trajectories N] [--steps S]``
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np

from landauer.engine.protocol import Protocol
from landauer.models.mtj.energy import axial_samples
from landauer.models.mtj.ensemble import ReducedMacrospin, simulate
from landauer.models.mtj.params import MTJParams

PEER = r"""
import json, math, sys, time
from multiprocessing import Pool
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
    t0 = time.perf_counter()
    j.runSimulation(total, cfg["dt"], total / 4, solverMode=SolverMode.EulerHeun)
    return time.perf_counter() - t0

def switched(seed):
    j = junction(seed, cfg["hy_switch"])
    # cmtj logs at t = 0, w, 2w, ... < totalTime (not at the end): log every step, run one step longer
    j.runSimulation(cfg["t_switch"] + cfg["dt"], cfg["dt"], cfg["dt"], solverMode=SolverMode.EulerHeun)
    log = j.getLog()
    k = min(range(len(log["time"])), key=lambda i: abs(log["time"][i] - cfg["t_switch"]))
    return 1 if log["free_my"][k] < 0 else 0

if __name__ == "__main__":
    with Pool(cfg["procs"]) as pool:
        t0 = time.perf_counter()
        times = pool.map(throughput, range(cfg["procs"]))
        wall = time.perf_counter() - t0
        sw = pool.map(switched, range(1000, 1000 + cfg["n_switch"]))
    print(json.dumps({"wall": wall, "per_process": times, "switched": sum(sw), "n": len(sw),
                      "version": getattr(cmtj, "__version__", "unknown")}))
"""


def _peer_python() -> str | None:
    try:
        import cmtj  # noqa: F401

        return sys.executable
    except ImportError:
        return os.environ.get("CMTJ_PYTHON")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trajectories", type=int, default=4000)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--peer-steps", type=int, default=200000)
    ap.add_argument("--switch-n", type=int, default=400, help="cmtj runs for the switching cross-check")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    p = MTJParams(alpha=0.1)
    system = ReducedMacrospin.from_params(p)
    dtau = 0.01
    cores = os.cpu_count() or 1

    # ours: compile, then time
    m0 = axial_samples(args.trajectories, sigma=p.sigma, seed=1, hemisphere=1)
    simulate(system, Protocol.start(hy=0.0).hold(10 * dtau), n_trajectories=16, seed=0, m0=m0[:16])
    t0 = time.perf_counter()
    simulate(system, Protocol.start(hy=0.0).hold(args.steps * dtau), n_trajectories=args.trajectories, seed=2,
             m0=m0)
    ours = args.trajectories * args.steps / (time.perf_counter() - t0)

    # switching probability: reversing field h_y = -0.7 from +y for 100 t0 (P ~ 0.3)
    hy, t_sw = -0.7, 100.0
    n_sw = 20000
    ds = simulate(system, Protocol.start(hy=hy).hold(t_sw), n_trajectories=n_sw, seed=3, m0=[0.0, 1.0, 0.0])
    p_ours = float(np.mean(ds["m_final"].values[:, 1] < 0))

    out: dict = {"cores": cores, "ours_steps_per_s": ours, "dt_s": dtau * p.t0, "alpha": p.alpha,
                 "sigma": p.sigma, "p_switch_ours": p_ours, "n_switch_ours": n_sw}
    py = _peer_python()
    if py is None:
        out.update(ratio=None, note="cmtj not available: pip install cmtj (GPL-2.0) or set CMTJ_PYTHON")
    else:
        cfg = {"Ms": p.Ms, "t": p.t_eff, "area": math.pi * p.diameter**2 / 4, "alpha": p.alpha, "K": p.K,
               "T": p.temperature, "dt": dtau * p.t0, "steps": args.peer_steps, "procs": cores,
               "hy_switch": hy * p.Hk, "t_switch": t_sw * p.t0, "n_switch": args.switch_n}
        res = subprocess.run([py, "-c", PEER, json.dumps(cfg)], capture_output=True, text=True, check=True)
        peer = json.loads(res.stdout.strip().splitlines()[-1])
        peer_rate = cores * args.peer_steps / peer["wall"]
        p_peer = peer["switched"] / peer["n"]
        se = math.sqrt(p_ours * (1 - p_ours) / n_sw + p_peer * (1 - p_peer) / peer["n"])
        out.update(cmtj_version=peer["version"], cmtj_steps_per_s=peer_rate,
                   cmtj_steps_per_s_per_process=args.peer_steps / float(np.mean(peer["per_process"])),
                   ratio=ours / peer_rate, p_switch_cmtj=p_peer, n_switch_cmtj=peer["n"],
                   switch_z=(p_ours - p_peer) / se if se > 0 else 0.0,
                   switch_agree=bool(abs(p_ours - p_peer) <= 4 * se))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:32s} {v:.6g}" if isinstance(v, float) else f"{k:32s} {v}")


if __name__ == "__main__":
    main()
