"""Protocol optimisation: wall time and ensemble evaluations to converge, with and without common random
numbers, for the harmonic drag (exact oracle available) and the double-well erasure.

Harmonic drag (tau = 4, K = 3, Powell): the same search on a CRN ensemble and on fresh seeds for every
candidate (the reference); the exact moment oracle scores each candidate's true mean work, so we report
the true gap W(best-so-far) - W* and the number of evaluations until it stays below ``--gap``.
Double well (tau = --tau): CRN search; evaluations until the best-so-far in-sample objective stays within
``--gap`` of its final value; the cost of one ensemble evaluation (the baseline's) as the reference unit.
Geodesic start (``--geo-taus``): the slow-driving geodesic (:mod:`landauer.optimise.dw_geometry`; its friction
grid's wall time reported) projected onto the knot family as the optimiser's starting point, against the
default start (the better of the linear and the four-stage protocol; the reference) on the same CRN ensemble
and budget: evaluations until the best-so-far stays within ``--gap`` of the better final value of the two, and
fresh-seed evaluations of both optima, the geodesic itself and the four-stage protocol (paired). For the
harmonic drag the geodesic (constant friction) is the linear protocol, which is already the default start.
``--sweep`` adds optimised erasure costs at several tau against the finite-time bound.

Usage: python benchmarks/optimise.py [--quick] [--tau 4] [--geo-taus 4,16] [--sweep 1,2,4,8,16] [--json]
       [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import replace
from typing import Any

import numpy as np

from landauer.optimise import problems
from landauer.optimise.objective import CRNObjective, Problem
from landauer.optimise.optimiser import minimise
from landauer.stats import child_seed, spawn_seeds


class Traced:
    """Wraps an objective and records each candidate (to score it afterwards with an oracle)."""

    def __init__(self, fun: Any) -> None:
        self.fun = fun
        self.thetas: list[np.ndarray] = []
        self.values: list[float] = []

    def __call__(self, th: np.ndarray) -> float:
        v = float(self.fun(th))
        self.thetas.append(np.array(th))
        self.values.append(v)
        return v


class FreshSeeds:
    """The non-CRN reference: every evaluation draws a new ensemble (seed incremented)."""

    def __init__(self, problem: Problem, n: int, seed: int) -> None:
        self.problem, self.n, self.seed, self.count = problem, n, seed, 0

    def __call__(self, th: np.ndarray) -> float:
        self.count += 1
        s = child_seed(self.seed, self.count)
        return float(self.problem.run(self.problem.family.protocol(th), n=self.n, seed=s).work.mean())


def evaluations_to_converge(values: list[float], scores: list[float], target: float, gap: float) -> int | None:
    """First evaluation after which the in-sample best-so-far candidate's score stays within ``gap`` of
    ``target``; None if never."""
    best = np.inf
    best_score = np.inf
    ok_from: int | None = None
    for i, (v, s) in enumerate(zip(values, scores, strict=True)):
        if v < best:
            best, best_score = v, s
        if abs(best_score - target) <= gap:
            ok_from = i + 1 if ok_from is None else ok_from
        else:
            ok_from = None
    return ok_from


def harmonic(n: int, budget: int, gap: float, repeats: int) -> dict[str, Any]:
    tau = 4.0
    pr = problems.harmonic_drag(tau=tau, knots=3)
    exact = pr.exact
    assert exact is not None and pr.known_optimum is not None
    pr.run(pr.baseline, n=16, seed=0)  # compile outside the timings
    w_star = exact(pr.family.protocol(minimise(lambda th: exact(pr.family.protocol(th)),
                                               pr.family.theta_linear(), method="l-bfgs-b").theta))
    out: dict[str, Any] = {"harmonic_tau": tau, "harmonic_trajectories": n, "harmonic_repeats": repeats,
                           "harmonic_W_star_discrete_kT": w_star, "harmonic_W_star_closed_form_kT": pr.known_optimum}
    # the geodesic start: friction of the centre control estimated with the engine at three points of the
    # path (constant in theory, so the geodesic is the linear drag up to the estimates' noise)
    from landauer.engine.simulate import Langevin
    from landauer.optimise.geometry import friction_tensor, geodesic_1d

    t0 = time.perf_counter()
    cs = np.array([0.0, 2.5, 5.0])
    zs = [friction_tensor(pr.model, {"centre": c, "k": 1.0}, ["centre"], dynamics=Langevin(kT=1.0, dt=1e-3),
                          seed=s, n_trajectories=256, duration=20.0, x_start=[c], burn_in=5.0).zeta[0, 0]
          for c, s in zip(cs, spawn_seeds(3, 3), strict=True)]
    geo = geodesic_1d("centre", lambda c: float(np.interp(c, cs, zs)), 0.0, 5.0)
    fam = pr.family
    geo_start = fam.theta_from_values(fam.values_of(geo.protocol(tau)))
    out["harmonic_geodesic_friction_centre"] = [float(z) for z in zs]
    out["harmonic_geodesic_wall_s"] = time.perf_counter() - t0
    out["harmonic_geodesic_start_minus_linear"] = float(np.max(np.abs(geo_start - fam.theta_linear())))
    for label in ("crn", "crn_geodesic_start", "fresh_seeds"):
        gaps, evals, to_gap, walls = [], [], [], []
        for seed in spawn_seeds(1, repeats):
            fun = FreshSeeds(pr, n, seed) if label == "fresh_seeds" else CRNObjective(pr, n=n, seed=seed)
            tr = Traced(fun)
            t0 = time.perf_counter()
            start = geo_start if label == "crn_geodesic_start" else fam.theta_linear()
            s = minimise(tr, start, method="powell", max_evaluations=budget)
            walls.append(time.perf_counter() - t0)
            scores = [exact(pr.family.protocol(th)) for th in tr.thetas]
            gaps.append(exact(pr.family.protocol(s.theta)) - w_star)
            evals.append(s.evaluations)
            k = evaluations_to_converge(tr.values, scores, w_star, gap)
            to_gap.append(np.nan if k is None else k)
        for key, vals in (("true_gap_kT", gaps), ("evaluations", evals), ("evaluations_to_gap", to_gap),
                          ("wall_s", walls)):
            v = np.asarray(vals, dtype=float)
            out[f"harmonic_{label}_{key}_min_median_max"] = [float(np.nanmin(v)) if np.any(np.isfinite(v)) else None,
                                                             float(np.nanmedian(v)) if np.any(np.isfinite(v)) else None,
                                                             float(np.nanmax(v)) if np.any(np.isfinite(v)) else None]
        out[f"harmonic_{label}_never_within_gap"] = int(np.sum(np.isnan(np.asarray(to_gap, dtype=float))))
    return out


def double_well(tau: float, n: int, budget: int, gap: float, eval_n: int) -> dict[str, Any]:
    from landauer.optimise.objective import evaluate_pair

    pr = problems.double_well(tau=tau, knots=5)
    pr.run(pr.baseline, n=16, seed=0)  # compile outside the timings
    t0 = time.perf_counter()
    pr.run(pr.baseline, n=n, seed=1)
    one = time.perf_counter() - t0
    obj = CRNObjective(pr, n=n, seed=1)
    fam = pr.family
    tr = Traced(obj)
    start = fam.theta_from_values(fam.values_of(pr.baseline))
    t0 = time.perf_counter()
    s = minimise(tr, start, method="powell", max_evaluations=budget)
    wall = time.perf_counter() - t0
    conv = evaluations_to_converge(tr.values, tr.values, s.value, gap)
    judge = pr if pr.eval_dynamics is None else replace(pr, dynamics=pr.eval_dynamics)
    opt, base, g, g_se = evaluate_pair(judge, fam.protocol(s.theta), pr.baseline, n=eval_n, seed=2)
    return {
        "double_well_tau": tau, "double_well_trajectories": n, "double_well_one_evaluation_s": one,
        "double_well_evaluations": s.evaluations, "double_well_wall_s": wall,
        "double_well_wall_in_evaluations": wall / one, "double_well_evaluations_to_gap": conv,
        "double_well_converged": s.converged, "double_well_in_sample_kT": s.value,
        "double_well_work_kT": opt.work, "double_well_work_se_kT": opt.work_se,
        "double_well_error_rate": opt.error_rate, "double_well_bound_kT": opt.bound,
        "double_well_baseline_work_kT": base.work, "double_well_baseline_work_se_kT": base.work_se,
        "double_well_baseline_error_rate": base.error_rate, "double_well_baseline_bound_kT": base.bound,
        "double_well_gain_kT": g, "double_well_gain_se_kT": g_se,
        "double_well_schedule": fam.describe(s.theta),
    }


def double_well_geodesic_start(taus: list[float], n: int, budget: int, gap: float, eval_n: int,
                               quick: bool) -> dict[str, Any]:
    from landauer.optimise import dw_geometry as dg
    from landauer.optimise.objective import evaluate_pair

    t0 = time.perf_counter()
    geos, _, _ = dg.build(spec=dg.QUICK if quick else dg.FULL, seed=21)
    geo = geos[dg.GEODESIC]
    out: dict[str, Any] = {"geodesic_grid_wall_s": time.perf_counter() - t0, "geodesic_length": geo.length,
                           "geodesic_length_se": geo.length_se, "geodesic_exact_length": geo.exact_length}
    seeds = spawn_seeds(22, 2 * len(taus))
    for i, tau in enumerate(taus):
        pr = problems.double_well(tau=tau, knots=5)
        fam = pr.family
        pr.run(pr.baseline, n=16, seed=0)  # compile outside the timings
        t0 = time.perf_counter()
        pr.run(pr.baseline, n=n, seed=seeds[2 * i])
        one = time.perf_counter() - t0
        runs = {}
        for label in ("default_start", "geodesic_start"):
            tr = Traced(CRNObjective(pr, n=n, seed=seeds[2 * i]))
            t0 = time.perf_counter()
            if label == "default_start":  # as optimise(): the better in-sample of linear and four-stage
                start = min([fam.theta_linear(), fam.theta_from_values(fam.values_of(pr.baseline))], key=tr)
            else:
                start = dg.start_theta(pr, geo)
            s = minimise(tr, start, method="powell", max_evaluations=budget)
            runs[label] = (tr, s, time.perf_counter() - t0)
        target = min(min(r[0].values) for r in runs.values())  # the best in-sample value either search saw
        judge = pr if pr.eval_dynamics is None else replace(pr, dynamics=pr.eval_dynamics)
        key = f"tau{tau:g}"
        out[f"{key}_one_evaluation_s"] = one
        out[f"{key}_geodesic_start_initial_in_sample_kT"] = runs["geodesic_start"][0].values[0]
        for label, (tr, s, wall) in runs.items():
            opt, base, g, g_se = evaluate_pair(judge, fam.protocol(s.theta), pr.baseline, n=eval_n,
                                               seed=seeds[2 * i + 1])
            out.update({
                f"{key}_{label}_evaluations": s.evaluations, f"{key}_{label}_wall_s": wall,
                f"{key}_{label}_in_sample_kT": s.value,
                f"{key}_{label}_best_seen_in_sample_kT": min(tr.values),
                f"{key}_{label}_evaluations_to_gap": evaluations_to_converge(tr.values, tr.values, target, gap),
                f"{key}_{label}_evaluations_to_own_final": evaluations_to_converge(tr.values, tr.values,
                                                                                   min(tr.values), gap),
                f"{key}_{label}_work_kT": opt.work, f"{key}_{label}_work_se_kT": opt.work_se,
                f"{key}_{label}_error_rate": opt.error_rate, f"{key}_{label}_bound_kT": opt.bound,
                f"{key}_{label}_gain_vs_four_stage_kT": g, f"{key}_{label}_gain_se_kT": g_se,
            })
        geo_ev, base, g, g_se = evaluate_pair(judge, geo.protocol(tau), pr.baseline, n=eval_n, seed=seeds[2 * i + 1])
        out.update({f"{key}_geodesic_work_kT": geo_ev.work, f"{key}_geodesic_work_se_kT": geo_ev.work_se,
                    f"{key}_geodesic_error_rate": geo_ev.error_rate, f"{key}_geodesic_bound_kT": geo_ev.bound,
                    f"{key}_geodesic_predicted_kT": geo.predicted_work(tau),
                    f"{key}_four_stage_work_kT": base.work, f"{key}_four_stage_work_se_kT": base.work_se,
                    f"{key}_geodesic_gain_vs_four_stage_kT": g, f"{key}_geodesic_gain_se_kT": g_se})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="Small ensembles and budgets (smoke run).")
    ap.add_argument("--tau", type=float, default=4.0, help="Double-well duration (diffusion times).")
    ap.add_argument("--gap", type=float, default=0.01, help="Convergence tolerance, kT.")
    ap.add_argument("--repeats", type=int, default=5, help="Harmonic searches per variant (seeds).")
    ap.add_argument("--sweep", type=str, default="", help="Comma-separated taus for the erasure sweep.")
    ap.add_argument("--geo-taus", type=str, default="4,16",
                    help="Comma-separated taus for the geodesic-start comparison ('' to skip).")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=str, default=None, help="Also write the JSON here.")
    args = ap.parse_args()
    n_h, n_dw, budget, eval_n = (200, 100, 60, 1000) if args.quick else (1000, 500, 300, 10_000)
    res: dict[str, Any] = {"cpu_count": os.cpu_count(), "load_average_1min": os.getloadavg()[0]}
    res.update(harmonic(n_h, budget, args.gap, 2 if args.quick else args.repeats))
    res.update(double_well(args.tau, n_dw, budget, args.gap, eval_n))
    if args.geo_taus:
        res.update(double_well_geodesic_start([float(t) for t in args.geo_taus.split(",")], n_dw, budget, args.gap,
                                              eval_n, args.quick))
    if args.sweep:
        from landauer.optimise.sweep import tau_sweep

        taus = [float(t) for t in args.sweep.split(",")]
        res["erasure_sweep"] = tau_sweep(problems.double_well, taus, n=n_dw, seed=11, eval_n=eval_n,
                                         max_evaluations=budget)
    res["load_average_1min_end"] = os.getloadavg()[0]
    text = json.dumps(res, indent=2, default=float)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text + "\n")
    if args.json:
        print(text)
        return
    for k, v in res.items():
        if k in ("double_well_schedule", "erasure_sweep"):
            continue
        if isinstance(v, list):
            v = "[" + ", ".join("nan" if x is None else f"{x:.4g}" for x in v) + "]"
        print(f"{k:48s} {v:.4g}" if isinstance(v, float) else f"{k:48s} {v}")
    for row in res.get("erasure_sweep", []):
        print(f"tau {row['tau']:>6g}: W = {row['work_kT']:.4f} +- {row['work_se_kT']:.4f} kT at eps = "
              f"{row['error_rate']:.4f} (bound {row['bound_kT']:.4f}); baseline {row['baseline_work_kT']:.4f} "
              f"+- {row['baseline_work_se_kT']:.4f} at eps = {row['baseline_error_rate']:.4f}")


if __name__ == "__main__":
    main()
