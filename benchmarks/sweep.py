"""Sweep runner: scaling of a 12-point sweep over 1 and 2 local workers, and the per-point store overhead.

All in one run, on this machine:
  * reference: a hand-written loop over the same 12 points in one process, one thread (no Dask, no store);
  * ``--serial`` sweep (in-process, with the Zarr store): its excess over the reference is the store cost;
  * LocalCluster with 1 and with 2 worker processes (one thread each; kernels warmed up on every worker
    first): wall time, speed-up and scaling efficiency ``T1 / (2 T2)``;
  * the per-point write (data region + done flag) timed directly, median and max (wall and CPU time).
CPU-time-normalised figures, for a loaded machine where wall times mostly measure the other jobs:
  * ``cpu_s``: CPU seconds of the worker processes (sum, from ``time.process_time`` on each worker) and of
    this client process during each timed run; ``cores_used = worker CPU / wall`` is the parallelism the
    run actually obtained (at most the worker count);
  * ``cpu_per_point_s`` and ``cpu_overhead_2_vs_1 = worker CPU(2) / worker CPU(1)``: 1 means a second
    worker adds no work (the ideal), whatever the load did to the wall time. Since
    ``speed-up = cores_used(2) / cores_used(1) / cpu_overhead_2_vs_1``, a speed-up below 2 splits into
    cores the run did not get (load, or waiting on the scheduler) and extra CPU work per sweep;
  * ``cpu_1_worker_vs_reference``: CPU of the 1-worker sweep over the in-process loop's (Dask's cost).
The load average (1 min) is printed before and after each phase: on a shared machine it bounds what 2
workers can gain.

Usage: python benchmarks/sweep.py [--point double_well.erase] [--points 12] [--trajectories 20000] [--json]

The default points (tau from 4 to 16 diffusion times, 20000 trajectories) take about a second of CPU each,
the size where a sweep is worth distributing; the store write is then a few per cent of a point.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

STUDY = """[study]
point = "{point}"
store = "{store}"
seed = 3
[grid]
{axis}
[fixed]
{fixed}
"""

GRIDS = {  # (grid axis with N values, fixed parameters)
    "double_well.erase": ("tau = {{log = [4, 16], num = {n}}}", "trajectories = {traj}"),
    "aqfp.mismatch": ("sigma_J = {{linear = [0.005, 0.03], num = {n}}}", "devices = {traj}"),
}


def _study(tmp: Path, name: str, point: str, n: int, traj: int) -> Path:
    axis, fixed = GRIDS[point]
    f = tmp / f"{name}.toml"
    f.write_text(STUDY.format(point=point, store=tmp / f"{name}.zarr", axis=axis.format(n=n),
                              fixed=fixed.format(traj=traj)))
    return f


def _reference(study: Path) -> float:
    """The same points by a plain loop in this process, one thread, results kept in memory."""
    from threadpoolctl import threadpool_limits

    from landauer.sweep import load
    from landauer.sweep.runner import _numba_threads

    st = load(study)
    t0 = time.perf_counter()
    with threadpool_limits(limits=1):
        _numba_threads(1)
        _ = [st.spec(st.params_at(k), st.seed_key(k)).load() for k in range(st.size)]
    dt = time.perf_counter() - t0
    _numba_threads(os.cpu_count() or 1)
    return dt


def _cpu() -> float:
    return time.process_time()


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--point", choices=sorted(GRIDS), default="double_well.erase")
    ap.add_argument("--points", type=int, default=12)
    ap.add_argument("--trajectories", type=int, default=20000, help="trajectories (erase) or devices (aqfp)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from distributed import Client

    from landauer.sweep import load, run_study
    from landauer.sweep import store as store_mod
    from landauer.sweep.cluster import _local_cluster

    res: dict[str, Any] = {"point": args.point, "points": args.points, "trajectories": args.trajectories,
                           "cpu_count": os.cpu_count(), "threads_per_worker": 1, "numba_threads_per_worker": 1,
                           "load_before": os.getloadavg()}
    tmp = Path(tempfile.mkdtemp(prefix="landauer-sweep-bench-"))
    try:
        warm = _study(tmp, "warm", args.point, 2, 20)
        run_study(warm, serial=True, progress=False)  # compile in this process
        ref_study = _study(tmp, "ref", args.point, args.points, args.trajectories)
        c0 = _cpu()
        res["reference_loop_s"] = _reference(ref_study)
        res["reference_loop_cpu_s"] = _cpu() - c0
        res["reference_load"] = _load()
        t0, c0 = time.perf_counter(), _cpu()
        run_study(_study(tmp, "serial", args.point, args.points, args.trajectories), serial=True, progress=False)
        res["serial_sweep_s"] = time.perf_counter() - t0  # note: in-process Numba may use every core here
        res["serial_sweep_cpu_s"] = _cpu() - c0
        for workers in (1, 2):
            with _local_cluster(workers) as cluster, Client(cluster) as client:
                from landauer.sweep.cluster import check_address

                addr = check_address(cluster.scheduler_address)
                # warm every worker (imports, kernel compilation or cache load) outside the timing
                client.run(_warm_worker, str(warm))
                w0 = sum(client.run(_cpu).values())
                t0, c0 = time.perf_counter(), _cpu()
                out = run_study(_study(tmp, f"w{workers}", args.point, args.points, args.trajectories),
                                scheduler=addr, progress=False)
                wall = time.perf_counter() - t0
                res[f"workers_{workers}_s"] = wall
                res[f"workers_{workers}_client_cpu_s"] = _cpu() - c0
                res[f"workers_{workers}_cpu_s"] = sum(client.run(_cpu).values()) - w0
                res[f"workers_{workers}_cores_used"] = res[f"workers_{workers}_cpu_s"] / wall
                res[f"workers_{workers}_cpu_per_point_s"] = res[f"workers_{workers}_cpu_s"] / args.points
                res[f"workers_{workers}_load"] = _load()
                assert out.stored == args.points and out.failed == 0
        res["speedup_2_workers"] = res["workers_1_s"] / res["workers_2_s"]
        res["scaling_efficiency"] = res["speedup_2_workers"] / 2.0
        res["cluster_1_worker_vs_reference"] = res["workers_1_s"] / res["reference_loop_s"]
        res["cpu_overhead_2_vs_1"] = res["workers_2_cpu_s"] / res["workers_1_cpu_s"]
        res["cpu_1_worker_vs_reference"] = res["workers_1_cpu_s"] / res["reference_loop_cpu_s"]
        # per-point store write, timed directly on a fresh store of the same study
        st = load(_study(tmp, "writes", args.point, args.points, args.trajectories))
        store_mod.create(st)
        ds = st.spec(st.params_at(0), st.seed_key(0)).load()
        times, cpus = [], []
        for k in range(st.size):
            t0, c0 = time.perf_counter(), _cpu()
            store_mod.write_point(st, k, ds, 0.0)
            times.append(time.perf_counter() - t0)
            cpus.append(_cpu() - c0)
        res["store_write_median_ms"] = 1e3 * statistics.median(times)
        res["store_write_max_ms"] = 1e3 * max(times)
        res["store_write_cpu_median_ms"] = 1e3 * statistics.median(cpus)
        res["point_mean_s"] = res["reference_loop_s"] / args.points
        res["point_mean_cpu_s"] = res["reference_loop_cpu_s"] / args.points
        res["store_overhead_fraction"] = res["store_write_median_ms"] / 1e3 / res["point_mean_s"]
        res["store_overhead_fraction_cpu"] = res["store_write_cpu_median_ms"] / 1e3 / res["point_mean_cpu_s"]
        res["load_after"] = os.getloadavg()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    for k, v in res.items():
        print(f"{k:32s} {v:.4g}" if isinstance(v, float) else f"{k:32s} {v}")


def _warm_worker(study: str) -> None:
    from landauer.sweep import load
    from landauer.sweep.runner import execute_point

    st = load(study)
    execute_point(st.point, st.params_at(0), st.seed_key(0), True)


if __name__ == "__main__":
    main()
