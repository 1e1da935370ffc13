"""Benchmark: spin-engine I(V) sweep, 1000 bias points for P and AP (Pauli master equation).

Our figure is the batched solver (all bias points diagonalised and solved as stacked NumPy arrays).
The reference, computed in the same run, is the same model solved point by point (one call per bias
point), and the two sweeps are cross-checked to 1e-12 of e*Gamma/hbar. ``ratio`` = reference time /
our time (> 1: the batched sweep is faster).

QmeQ (Kirsanskas et al., CPC 221, 317 (2017)) is not run: per the spec it does not pip-install on
Python 3.11 and needs a pinned git-source build (setuptools<61, Cython 3, numpy<2, scipy<1.12) in a
side environment; that build was not attempted here (PyPI-only network, time budget). Our analytic
limits (tests/validation/test_transport_analytic.py) stand in for the cross-check.

Usage: python benchmarks/transport.py [--points 1000] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from landauer.models.transport.audit import gamma_max
from landauer.models.transport.params import paper_params
from landauer.models.transport.pauli import solve


def _best_time(func, repeats: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    v = np.linspace(-10.0, 10.0, args.points)
    params = [paper_params(s) for s in ("P", "AP")]

    def ours() -> list[np.ndarray]:
        return [solve(p, v, warn=False).lead_particle("L") for p in params]

    def reference() -> list[np.ndarray]:
        return [np.array([solve(p, [x], warn=False).lead_particle("L")[0] for x in v])
                for p in params]

    a, b = ours(), reference()
    diff = max(float(np.max(np.abs(x - y))) / gamma_max(p) for x, y, p in zip(a, b, params,
                                                                                strict=True))
    t_ours = _best_time(ours, args.repeats)
    t_ref = _best_time(reference, max(1, args.repeats - 2))
    result = {
        "benchmark": "transport I(V) sweep, P and AP",
        "bias_points_per_state": args.points,
        "ours_s": t_ours,
        "reference_point_by_point_s": t_ref,
        "ratio": t_ref / t_ours,
        "points_per_s": 2 * args.points / t_ours,
        "max_abs_difference_rel_gamma": diff,
        "agree_to_1e-12": diff < 1e-12,
        "qmeq": "not run: needs a pinned git-source side build (see module docstring)",
        "cores": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, val in result.items():
            print(f"{k:32s} {val}")


if __name__ == "__main__":
    main()
