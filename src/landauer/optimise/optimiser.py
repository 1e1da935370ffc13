"""Direct protocol optimisation: minimise a (CRN or exact) objective over a knot family with SciPy, then
report an independent-seed evaluation of the optimum beside the device's own protocol.

The search runs in the family's scaled coordinates (every knot value in [0, 1] between its bounds) with
a derivative-free SciPy method (Powell by default; Nelder-Mead on request; L-BFGS-B with finite
differences for the exact, noise-free oracle). The in-sample value is never reported as the cost: the
optimum and the baseline are re-run on a fresh seed (paired: same initial positions and noise), and
both means, their standard errors and the paired difference are returned.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from landauer.engine.protocol import Protocol
from landauer.optimise.objective import CRNObjective, Evaluation, ExactObjective, Problem, evaluate_pair
from landauer.progress import progress_bar
from landauer.stats import child_seed
from landauer.validation import ParameterError, check_int

METHODS = ("powell", "nelder-mead", "l-bfgs-b")
EVAL_SEED_INDEX = 0  # default evaluation seed: child_seed(seed, EVAL_SEED_INDEX), independent of the search's


@dataclass(frozen=True)
class Search:
    """Outcome of one minimisation in scaled coordinates."""

    theta: NDArray[np.float64]
    value: float
    evaluations: int
    wall_s: float
    converged: bool


def minimise(
    fun: Callable[[NDArray[np.float64]], float], theta0: ArrayLike, *, method: str = "powell",
    max_evaluations: int = 2000, xtol: float = 1e-3, ftol: float = 1e-6,
) -> Search:
    """Minimise ``fun`` over the unit box from ``theta0``.

    ``xtol`` is the tolerance on the scaled knot values (1e-3 of each control's range); ``ftol`` the
    relative tolerance on the objective.
    """
    if method not in METHODS:
        raise ParameterError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    check_int("max_evaluations", max_evaluations, minimum=1)
    x0 = np.clip(np.asarray(theta0, dtype=float), 0.0, 1.0)
    bounds = [(0.0, 1.0)] * x0.size
    t0 = time.perf_counter()
    count = [0]

    def f(th: NDArray[np.float64]) -> float:
        count[0] += 1
        return float(fun(np.clip(th, 0.0, 1.0)))

    if method == "powell":
        res = optimize.minimize(f, x0, method="Powell", bounds=bounds,
                                options={"xtol": xtol, "ftol": ftol, "maxfev": max_evaluations})
    elif method == "nelder-mead":
        simplex = np.vstack([x0] + [np.clip(x0 + 0.1 * np.eye(x0.size)[i] * (1 if x0[i] < 0.9 else -1), 0, 1)
                                    for i in range(x0.size)])
        res = optimize.minimize(f, x0, method="Nelder-Mead", bounds=bounds,
                                options={"xatol": xtol, "fatol": ftol, "maxfev": max_evaluations,
                                         "initial_simplex": simplex, "adaptive": x0.size > 4})
    else:
        res = optimize.minimize(f, x0, method="L-BFGS-B", bounds=bounds,
                                options={"maxfun": max_evaluations, "ftol": ftol * 1e-3, "eps": 1e-6})
    return Search(theta=np.clip(np.asarray(res.x, dtype=float), 0.0, 1.0), value=float(res.fun),
                  evaluations=count[0], wall_s=time.perf_counter() - t0, converged=bool(res.success))


@dataclass(frozen=True)
class OptimisationResult:
    """An optimised protocol with its independent evaluation (energies in kT)."""

    problem: str
    tau: float
    theta: NDArray[np.float64]
    protocol: Protocol
    schedule: dict[str, Any]
    search: Search
    in_sample: float
    optimum: Evaluation
    baseline: Evaluation
    gain: float  # <W_opt - W_baseline>, paired, on the evaluation seed
    gain_se: float
    known_optimum: float | None
    delta_f: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem, "tau": self.tau,
            "work_kT": self.optimum.work, "work_se_kT": self.optimum.work_se,
            "error_rate": self.optimum.error_rate, "error_rate_se": self.optimum.error_rate_se,
            "bound_kT": self.optimum.bound if self.optimum.bound is not None else self.known_optimum,
            "known_optimum_kT": self.known_optimum, "delta_f_kT": self.delta_f,
            "baseline_work_kT": self.baseline.work, "baseline_work_se_kT": self.baseline.work_se,
            "baseline_error_rate": self.baseline.error_rate, "baseline_bound_kT": self.baseline.bound,
            "gain_kT": self.gain, "gain_se_kT": self.gain_se,
            "in_sample_objective_kT": self.in_sample,
            "evaluation_trajectories": self.optimum.n, "evaluation_seed": self.optimum.seed,
            "ensemble_evaluations": self.search.evaluations, "optimiser_wall_s": self.search.wall_s,
            "converged": self.search.converged, "protocol": self.schedule,
        }


def optimise(
    problem: Problem, *, n: int, seed: int, eval_n: int | None = None, eval_seed: int | None = None,
    method: str = "powell", max_evaluations: int = 400, theta0: ArrayLike | None = None,
    use_exact: bool = False, progress: bool = False, xtol: float = 1e-3, eval_dynamics: Any = None,
    extra_starts: Sequence[ArrayLike] = (),
) -> OptimisationResult:
    """Optimise ``problem``'s protocol on a CRN ensemble of ``n`` trajectories (seed ``seed``), then
    evaluate the optimum and the baseline on ``eval_n`` fresh trajectories (seed ``eval_seed``; default
    ``landauer.stats.child_seed(seed, 0)``, a stream independent of the search's, never ``seed + 1``).

    With ``use_exact`` the search uses the problem's exact oracle instead of the ensemble (the final
    evaluation is still an independent stochastic run). Without ``theta0`` the search starts from the
    best (in-sample) of the linear protocol, the baseline projected onto the family and ``extra_starts``
    (scaled parameter vectors, e.g. a slow-driving geodesic projected with
    :func:`landauer.optimise.dw_geometry.start_theta`).
    ``eval_dynamics`` (e.g. a finer ``dt``) replaces the problem's dynamics for the final evaluation.
    """
    n = check_int("n", n, minimum=2)
    eval_n = check_int("eval_n", eval_n if eval_n is not None else n, minimum=2)
    eval_seed = child_seed(seed, EVAL_SEED_INDEX) if eval_seed is None else eval_seed
    if eval_seed == seed:
        raise ParameterError("the evaluation seed must differ from the optimisation seed")
    fam = problem.family
    with progress_bar(total=max_evaluations, desc=f"optimise {problem.name}", enabled=progress,
                      unit="ens") as bar:
        def tick(_: float) -> None:
            bar.update(1)

        obj: CRNObjective | ExactObjective
        if use_exact:
            obj = ExactObjective(problem, on_evaluation=tick)
        else:
            obj = CRNObjective(problem, n=n, seed=seed, on_evaluation=tick)
        if theta0 is not None:
            start = np.asarray(theta0, dtype=float)
        else:
            cands = [fam.theta_linear(), fam.theta_from_values(fam.values_of(problem.baseline)),
                     *(np.asarray(t, dtype=float) for t in extra_starts)]
            start = min(cands, key=lambda th: obj(th))
        search = minimise(obj, start, method=method, max_evaluations=max_evaluations, xtol=xtol)
    prot = fam.protocol(search.theta)
    eval_dynamics = problem.eval_dynamics if eval_dynamics is None else eval_dynamics
    judge = problem if eval_dynamics is None else replace(problem, dynamics=eval_dynamics)
    opt, base, gain, gain_se = evaluate_pair(judge, prot, problem.baseline, n=eval_n, seed=eval_seed)
    return OptimisationResult(
        problem=problem.name, tau=fam.tau, theta=search.theta, protocol=prot,
        schedule=fam.describe(search.theta), search=search, in_sample=search.value, optimum=opt,
        baseline=base, gain=gain, gain_se=gain_se, known_optimum=problem.known_optimum,
        delta_f=problem.delta_f,
    )
