"""Objectives for protocol optimisation: ensemble mean work with common random numbers, and exact oracles.

Common random numbers (CRN): every candidate protocol is run from the same initial positions with the same
noise streams (the engine keys trajectory ``j``'s stream by ``(seed, j)``), so the difference between two
candidates' mean works is resolved far below either one's standard error and the objective is a smooth
(deterministic) function of the protocol. The in-sample optimum is biased low (the optimiser fits the
sample); the reported cost is always an independent evaluation on another seed (:func:`evaluate`).

The error rate enters as a penalty on a one-sided upper confidence limit of the in-sample rate, not on
the rate itself::

    J = <W> + penalty * max(0, eps_up(k, n) - max(eps_target, eps_up(0, n))),
    eps_up(k, n) = Clopper-Pearson upper limit of k errors in n at one-sided level Phi(z)
                 = Beta^{-1}(Phi(z); k + 1, n - k)   (1 for k = n).

Why the margin: with CRN the optimiser fits the particular noise streams, and a schedule that sits on the
in-sample constraint (``k = eps_target n``) fails more often on fresh trajectories (measured on the double
well: fresh-seed 0.014-0.025 at an in-sample 0.01). Demanding that the target lie above the candidate's
upper limit makes it a statistical statement: for a fixed candidate, ``P(eps_up < eps) <= 1 - Phi(z)``
(Clopper & Pearson, Biometrika 26, 404 (1934)). Unlike ``eps_hat + z SE(eps_hat)`` it is not zero at
``k = 0``. A candidate is *feasible* when ``eps_up <= eps_target``; if even ``k = 0`` is infeasible
(``n < ln(1/(1 - Phi(z))) / eps_target``: 184 trajectories at a 1 % target and ``z = 1``) the penalty
ranks candidates by their error count (the excess over the zero-error limit is penalised, so ``J = <W>``
at ``k = 0``), and the result says the search found no feasible point.
Whether the target is met is decided only by the independent evaluation. With the default ``z = 1`` every
measured double-well search (tau = 1, 2, 4, 16; 200-500 trajectories) met its target on fresh seeds within
3 SE (largest excess +1.3 SE; without the margin up to +7 SE); ``z = 2`` is safer but leaves no feasible
candidate below ``3.8 / eps_target`` trajectories.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from landauer.engine.protocol import Protocol
from landauer.engine.simulate import SimulationError
from landauer.optimise._engine import Ensemble, run_ensemble
from landauer.optimise.family import KnotFamily
from landauer.stats import clopper_pearson_upper
from landauer.validation import ParameterError

INFEASIBLE = 1e6  # objective of a candidate the engine rejects (kT)
ERROR_Z = 1.0  # default one-sided confidence of the in-sample error margin, in normal quantiles (84 %)


@dataclass(frozen=True)
class Problem:
    """An optimisation task on one device: minimise the mean work of a protocol of duration ``family.tau``.

    Attributes
    ----------
    name : str
        Device / task name (for reports).
    model : landauer.engine.Model
        The engine model; controls not in ``family`` are held at ``model.defaults``.
    dynamics : landauer.engine.Langevin
        Dynamics settings (kT = 1: energies in kT).
    family : KnotFamily
        The protocol family searched.
    baseline : Protocol
        The device's own protocol of the same duration (the reference the optimum is compared with).
    initial : callable
        ``initial(n, seed) -> x0`` of shape ``(n, ndim)``: equilibrium samples at the start controls.
    target_state : int or None
        Logical state every trajectory should end in (erasure), or None (no error rate).
    error_target : float or None
        Largest acceptable error rate ``eps`` (fraction not in ``target_state``).
    delta_f : float
        Free-energy change of the task (kT), the quasi-static bound on the mean work.
    bound : callable or None
        ``bound(ensemble, tau) -> float``: a lower bound on the mean work (kT) given the run's outcome
        (e.g. ``W_min(eps) + W_2^2 / (mu tau)``), or None.
    exact : callable or None
        ``exact(protocol) -> float``: the exact mean work of a protocol under ``dynamics`` (an oracle), or None.
    known_optimum : float or None
        The closed-form optimal mean work of this task when one exists (kT).
    penalty : float
        Penalty per unit of error rate above ``error_target`` (kT), applied to the in-sample upper
        confidence limit of the error rate (:func:`error_upper_limit`).
    error_z : float
        One-sided confidence of that limit in normal quantiles (default 1: 84 %; 2: 97.7 %; 0: the bare
        ``eps_hat``, the unmargined constraint).
    eval_dynamics : landauer.engine.Langevin or None
        Dynamics of the final independent evaluation when it should be finer than the search's.
    """

    name: str
    model: Any
    dynamics: Any
    family: KnotFamily
    baseline: Protocol
    initial: Callable[[int, int], NDArray[np.float64]]
    target_state: int | None = None
    error_target: float | None = None
    delta_f: float = 0.0
    bound: Callable[[Ensemble, float], float] | None = None
    exact: Callable[[Protocol], float] | None = None
    known_optimum: float | None = None
    penalty: float = 1000.0
    eval_dynamics: Any = None
    error_z: float = ERROR_Z

    def error_rate(self, ens: Ensemble) -> float:
        if self.target_state is None:
            return 0.0
        return float(np.mean(ens.state_final != self.target_state))

    def run(self, protocol: Protocol, *, n: int, seed: int, x0: NDArray[np.float64] | None = None) -> Ensemble:
        x = self.initial(n, seed) if x0 is None else x0
        return run_ensemble(self.model, protocol, dynamics=self.dynamics, n=n, seed=seed, x0=x)


@dataclass
class CRNObjective:
    """``theta -> J(theta)`` on a fixed ensemble (same ``x0`` and noise streams for every candidate).

    Every evaluation is kept (``history``: ``(J, mean W, eps_hat)``; ``thetas``; ``feasible``), so the search
    can report the best *evaluated* point (:meth:`best`) rather than wherever the optimiser stopped.
    """

    problem: Problem
    n: int
    seed: int
    on_evaluation: Callable[[float], None] | None = None
    evaluations: int = 0
    history: list[tuple[float, float, float]] = field(default_factory=list)  # (J, mean W, eps)
    thetas: list[NDArray[np.float64]] = field(default_factory=list)
    feasible: list[bool] = field(default_factory=list)  # eps_up <= target (True without a target)
    _x0: NDArray[np.float64] | None = None

    def __post_init__(self) -> None:
        if self.n < 2:
            raise ParameterError("the CRN ensemble needs at least 2 trajectories")
        self._x0 = self.problem.initial(self.n, self.seed)

    def ensemble(self, protocol: Protocol) -> Ensemble:
        return self.problem.run(protocol, n=self.n, seed=self.seed, x0=self._x0)

    def __call__(self, theta: ArrayLike) -> float:
        pr = self.problem
        th = np.array(theta, dtype=float)
        try:
            with warnings.catch_warnings():  # coarse-step warnings: the final evaluation reports its own
                warnings.simplefilter("ignore", UserWarning)
                ens = self.ensemble(pr.family.protocol(th))
        except (ParameterError, SimulationError):  # unstable step or diverging trajectory: reject
            w, eps, j, ok = math.inf, 1.0, INFEASIBLE, False
        else:
            w = float(ens.work.mean())
            eps = pr.error_rate(ens)
            if pr.error_target is None:
                j, ok = w, True
            else:
                up = error_upper_limit(round(eps * self.n), self.n, pr.error_z)
                # below the zero-error limit no candidate can go: penalise only the excess over it
                floor = max(pr.error_target, error_upper_limit(0, self.n, pr.error_z))
                j, ok = w + penalty_term(up, floor, pr.penalty), up <= pr.error_target
        self.evaluations += 1
        self.history.append((j, w, eps))
        self.thetas.append(th)
        self.feasible.append(ok)
        if self.on_evaluation is not None:
            self.on_evaluation(j)
        return j

    def best(self) -> tuple[NDArray[np.float64], float, bool]:
        """``(theta, J, feasible)`` of the best evaluated candidate: the lowest mean work among the feasible
        ones, else (none feasible) the lowest penalised objective ``J``."""
        if not self.history:
            raise ValueError("no candidate evaluated yet")
        idx = [i for i, ok in enumerate(self.feasible) if ok] or range(len(self.history))
        i = min(idx, key=lambda m: self.history[m][0])  # J = <W> for a feasible candidate
        return self.thetas[i], self.history[i][0], self.feasible[i]


@dataclass
class ExactObjective:
    """``theta -> exact mean work`` from the problem's oracle (no noise; for testing the machinery)."""

    problem: Problem
    evaluations: int = 0
    on_evaluation: Callable[[float], None] | None = None

    def __post_init__(self) -> None:
        if self.problem.exact is None:
            raise ParameterError(f"problem {self.problem.name} has no exact oracle")

    def __call__(self, theta: ArrayLike) -> float:
        assert self.problem.exact is not None
        j = float(self.problem.exact(self.problem.family.protocol(theta)))
        self.evaluations += 1
        if self.on_evaluation is not None:
            self.on_evaluation(j)
        return j


def penalty_term(eps: float, target: float | None, weight: float) -> float:
    """``weight * max(0, eps - target)`` (0 without a target)."""
    if target is None:
        return 0.0
    return weight * max(0.0, eps - target)


def error_upper_limit(k: int, n: int, z: float = ERROR_Z) -> float:
    """One-sided Clopper-Pearson upper confidence limit of a binomial rate: ``k`` errors in ``n`` trials.

    ``eps_up = Beta^{-1}(Phi(z); k + 1, n - k)`` (1 for ``k = n``): the rate below which a fraction
    ``Phi(z)`` of the binomial's confidence lies; for ``k = 0`` it is ``1 - (1 - Phi(z))^(1/n)``
    (about ``1.84 / n`` at ``z = 1``, ``3.8 / n`` at ``z = 2``). ``z <= 0`` returns the bare estimate ``k / n`` (no margin).
    """
    if not 0 <= k <= n or n < 1:
        raise ParameterError(f"need 0 <= k <= n and n >= 1, got k = {k}, n = {n}")
    if z <= 0.0:
        return k / n
    return clopper_pearson_upper(k, n, confidence=float(special.ndtr(z)))


@dataclass(frozen=True)
class Evaluation:
    """An independent-seed evaluation of one protocol (energies in kT)."""

    work: float
    work_se: float
    error_rate: float
    error_rate_se: float
    n: int
    seed: int
    bound: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"work_kT": self.work, "work_se_kT": self.work_se, "error_rate": self.error_rate,
                "error_rate_se": self.error_rate_se, "n": self.n, "seed": self.seed, "bound_kT": self.bound}


def summarise(problem: Problem, ens: Ensemble, *, seed: int) -> Evaluation:
    w = ens.work
    n = w.size
    eps = problem.error_rate(ens)
    bound = None if problem.bound is None else float(problem.bound(ens, problem.family.tau))
    return Evaluation(work=float(w.mean()), work_se=float(w.std(ddof=1) / np.sqrt(n)), error_rate=eps,
                      error_rate_se=float(np.sqrt(max(eps * (1 - eps), 1.0 / n) / n)), n=n, seed=seed,
                      bound=bound)


def evaluate_pair(problem: Problem, protocol: Protocol, reference: Protocol, *, n: int, seed: int
                  ) -> tuple[Evaluation, Evaluation, float, float]:
    """Evaluate ``protocol`` and ``reference`` on the same fresh ensemble (seed ``seed``).

    Returns both evaluations and the paired difference ``<W_protocol - W_reference>`` with its standard
    error (the same initial positions and noise make the difference far more precise than either mean).
    """
    x0 = problem.initial(n, seed)
    a = problem.run(protocol, n=n, seed=seed, x0=x0)
    b = problem.run(reference, n=n, seed=seed, x0=x0)
    d = a.work - b.work
    return (summarise(problem, a, seed=seed), summarise(problem, b, seed=seed), float(d.mean()),
            float(d.std(ddof=1) / np.sqrt(d.size)))
