"""Engine throughput vs the plain-NumPy reference (and torchsde/diffrax if the bench extra is installed).

Usage: python benchmarks/engine.py [--trajectories N] [--steps S] [--json]
"""

from __future__ import annotations

import argparse
import json

from landauer.benchmark import run_engine_benchmark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trajectories", type=int, default=100_000)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = run_engine_benchmark(trajectories=args.trajectories, steps=args.steps, peers=True)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    for k, v in res.items():
        print(f"{k:32s} {v:.4g}" if isinstance(v, float) else f"{k:32s} {v}")


if __name__ == "__main__":
    main()
