"""Sweep runner: scaling of a 12-point sweep over 1 and 2 local workers, and the per-point store overhead.

All in one run, on this machine:
  * reference: a hand-written loop over the same 12 points in one process, one thread (no Dask, no store);
  * ``--serial`` sweep (in-process, with the Zarr store): its excess over the reference is the store cost;
  * LocalCluster with 1 and with 2 worker processes (one thread each; kernels warmed up on every worker
    first): wall time, speed-up and scaling efficiency ``T1 / (2 T2)``;
  * the per-point write (data region + done flag) timed directly, median and max.
The load average is printed before and after: on a shared machine it bounds what 2 workers can gain.

Usage: python benchmarks/sweep.py [--point double_well.erase] [--points 12] [--trajectories 1000] [--json]
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
    "double_well.erase": ("tau = {{log = [2, 8], num = {n}}}", "trajectories = {traj}"),
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--point", choices=sorted(GRIDS), default="double_well.erase")
    ap.add_argument("--points", type=int, default=12)
    ap.add_argument("--trajectories", type=int, default=1000, help="trajectories (erase) or devices (aqfp)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from distributed import Client

    from landauer.sweep import load, run_study
    from landauer.sweep import store as store_mod
    from landauer.sweep.cluster import _local_cluster

    res: dict[str, Any] = {"point": args.point, "points": args.points, "trajectories": args.trajectories,
                           "cpu_count": os.cpu_count(), "load_before": os.getloadavg()}
    tmp = Path(tempfile.mkdtemp(prefix="landauer-sweep-bench-"))
    try:
        warm = _study(tmp, "warm", args.point, 2, 20)
        run_study(warm, serial=True, progress=False)  # compile in this process
        ref_study = _study(tmp, "ref", args.point, args.points, args.trajectories)
        res["reference_loop_s"] = _reference(ref_study)
        t0 = time.perf_counter()
        run_study(_study(tmp, "serial", args.point, args.points, args.trajectories), serial=True, progress=False)
        res["serial_sweep_s"] = time.perf_counter() - t0  # note: in-process Numba may use every core here
        for workers in (1, 2):
            with _local_cluster(workers) as cluster, Client(cluster) as client:
                from landauer.sweep.cluster import check_address

                addr = check_address(cluster.scheduler_address)
                # warm every worker (imports, kernel compilation or cache load) outside the timing
                client.run(_warm_worker, str(warm))
                t0 = time.perf_counter()
                out = run_study(_study(tmp, f"w{workers}", args.point, args.points, args.trajectories),
                                scheduler=addr, progress=False)
                res[f"workers_{workers}_s"] = time.perf_counter() - t0
                assert out.stored == args.points and out.failed == 0
        res["speedup_2_workers"] = res["workers_1_s"] / res["workers_2_s"]
        res["scaling_efficiency"] = res["speedup_2_workers"] / 2.0
        res["cluster_1_worker_vs_reference"] = res["workers_1_s"] / res["reference_loop_s"]
        # per-point store write, timed directly on a fresh store of the same study
        st = load(_study(tmp, "writes", args.point, args.points, args.trajectories))
        store_mod.create(st)
        ds = st.spec(st.params_at(0), st.seed_key(0)).load()
        times = []
        for k in range(st.size):
            t0 = time.perf_counter()
            store_mod.write_point(st, k, ds, 0.0)
            times.append(time.perf_counter() - t0)
        res["store_write_median_ms"] = 1e3 * statistics.median(times)
        res["store_write_max_ms"] = 1e3 * max(times)
        res["point_median_s"] = res["reference_loop_s"] / args.points
        res["store_overhead_fraction"] = res["store_write_median_ms"] / 1e3 / res["point_median_s"]
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
