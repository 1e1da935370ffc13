"""Engine throughput: single-thread per CPU second against the random-number floor, the v1 layout and an
in-place NumPy reference (all measured in the same run), the multi-thread figure, and JAX/diffrax peers if
the bench extra is installed. See :mod:`landauer.benchmark` for what each figure means.

Usage: python benchmarks/engine.py [--trajectories N] [--steps S] [--threads T] [--no-peers] [--json]
"""

from __future__ import annotations

import argparse
import json

from landauer.benchmark import run_engine_benchmark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trajectories", type=int, default=100_000)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = run_engine_benchmark(trajectories=args.trajectories, steps=args.steps, threads=args.threads,
                               peers=not args.no_peers)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    for k, v in res.items():
        print(f"{k:36s} {v:.4g}" if isinstance(v, float) else f"{k:36s} {v}")


if __name__ == "__main__":
    main()
