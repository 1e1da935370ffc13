"""Dissipation-robustness trade-off of the SQUID control erasures (CE) and NAND: the paper's protocol family
against optimised multi-step control paths (orchestration and numerics only; the physics lives in
:mod:`landauer.models.squid`).

Every CE of the paper destroys the erased well by a fold: the erased state starts its slide at the
annihilation point and drops to the target well, releasing ``Delta U_slide`` as heat. The kept wells of the
preserved half-plane see the same lowered barrier as the erased one, with the coupling's tilt cancelled,
so (quartic normal form of a tilted double well ``a x^4 - b x^2 - f x``, fold tilt
``f_c = 8 b x_m/(3 sqrt 3)``, ``x_m = sqrt(b/2a)``, barrier ``B = b^2/4a``)::

    Delta U_slide ~ f_c * 2 x_m = 16/(3 sqrt 3) B = 3.08 B

the work of an erasing slide is tied to the lowest kept barrier ``B`` (the robustness). This module
measures that curve and asks how far a free control path gets below it.

(a) :func:`paper_point`: one member of the paper's family, ``CEAmplitudes`` with the coupling amplitude
    ``mu`` scanned, ``phi_ix`` scaled with ``mu`` (it cancels ``mu``'s tilt in the preserved half-plane)
    and ``phi_ixdc`` a fixed margin past the fold (the effective preset's margin); thermal ensemble of all
    four inputs, mean work (kT) with its SE, lowest kept barrier (kT), measured error rate.
(b) :class:`CEProblem` / :func:`ce_problem`: a :class:`~landauer.optimise.objective.Problem` whose
    family is the CE's four physical controls (``phi_ixdc``, ``phi_jx``, ``phi_ix``, ``mu``), each
    piecewise-linear on ``K`` knots from rest to rest, bounds twice the presets' amplitudes
    (``phi_ixdc <= 2.2``: ``beta cos(1.1) = 1.04`` keeps a barrier), the error rate (any input not mapped
    to ``CE.apply``) a penalty; optimised with common random numbers by :func:`landauer.optimise.optimise`
    and re-evaluated on an independent seed. :func:`transfer` maps the optimal amplitude schedules to any
    other CE through the sign rules, so the NAND (:func:`nand_point`) runs the same path in every step.
    :func:`activated_path` designs a start from the landscape (hold where the kept barrier is a target and
    the erased well keeps ~1 kT, so it escapes thermally instead of folding); :func:`best_start` picks the
    best start in-sample and :func:`optimise_from` keeps the best point the search evaluated.
(c) :func:`slide_ratio`: work of an erasing slide per unit of the lowest kept barrier; the hypothetical
    half-plane barrier control is in :mod:`landauer.optimise.squid_halfplane`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.engine.protocol import Protocol
from landauer.models.squid.analysis import analyze, erase_fold
from landauer.models.squid.model import engine_protocol, langevin, model_for
from landauer.models.squid.nand import landauer_cost, summarize
from landauer.models.squid.potential import STATE_LABELS, Controls, Shape, state_of
from landauer.models.squid.protocols import CE, EFFECTIVE, ROBUST, CEAmplitudes, Schedule, ce_protocol
from landauer.models.squid.robustness import hold_time
from landauer.models.squid.thermal import Thermal, initial_positions, run_sequence
from landauer.optimise._engine import Ensemble, run_ensemble
from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.objective import Problem
from landauer.stats import clopper_pearson
from landauer.validation import ParameterError, check_int

Array = NDArray[np.float64]
FIELDS = ("phi_xdc", "phi_jx", "phi_ix", "mu")  # amplitude order of the optimised schedules
QUARTIC_SLIDE_RATIO = 16.0 / (3.0 * np.sqrt(3.0))  # Delta U_slide / B at the fold of a quartic double well


def control_names(ce: CE) -> tuple[str, ...]:
    """Physical control names carrying the amplitudes ``FIELDS`` of ``ce``."""
    return (f"phi{ce.erased}xdc", f"phi{ce.other}x", f"phi{ce.erased}x", "mu")


def signs(ce: CE) -> Array:
    """Sign of each amplitude in ``FIELDS`` on its control (the sign rules of :mod:`protocols`)."""
    c = ce.controls(CEAmplitudes(phi_xdc=1.0, phi_jx=1.0, phi_ix=1.0, mu=0.5)).as_dict()
    return np.sign(np.array([c[n] for n in control_names(ce)]))


def bounds(shape: Shape) -> tuple[Array, Array]:
    """Amplitude bounds of the optimised family: ``[0, 2 max(presets)]``, ``phi_xdc <= 2 arccos(1.04/beta)``
    (the lowered barrier never vanishes: ``beta cos(phi_xdc/2) >= 1.04``)."""
    hi = np.array([max(getattr(EFFECTIVE, f), getattr(ROBUST, f)) for f in FIELDS]) * 2.0
    hi[0] = 2.0 * np.arccos(min(1.0, 1.04 / shape.beta))
    return np.zeros(4), hi


def family(ce: CE, *, tau: float, knots: int, shape: Shape) -> KnotFamily:
    """Rest-to-rest piecewise-linear family of ``ce``'s four controls (no jumps; signs from the rules)."""
    lo, hi = bounds(shape)
    sg = signs(ce)
    specs = tuple(ControlSpec(n, 0.0, 0.0, float(min(s * a, s * b)), float(max(s * a, s * b)),
                              jump_start=False, jump_end=False)
                  for n, s, a, b in zip(control_names(ce), sg, lo, hi, strict=True))
    return KnotFamily(tau=tau, knots=knots, controls=specs)


def amplitudes_of(ce: CE, body: Array) -> Array:
    """Body values ``(K, 4)`` of ``ce``'s family -> amplitude schedules ``(K, 4)`` in ``FIELDS`` order."""
    return np.asarray(body, dtype=float) * signs(ce)[None, :]


def transfer(amps: Array, ce: CE, *, tau: float, shape: Shape) -> Protocol:
    """The physical protocol of ``ce`` running amplitude schedules ``amps`` (``(K, 4)``) over ``tau``."""
    a = np.asarray(amps, dtype=float)
    return family(ce, tau=tau, knots=a.shape[0], shape=shape).protocol_from_values(a * signs(ce)[None, :])


@dataclass(frozen=True)
class CEProblem(Problem):
    """A CE optimisation task: the family is over physical controls (converted for the engine on each run),
    the initial ensemble is Boltzmann over all four wells, work is reported in kT (the dynamics run in
    U0 with ``kT = kappa``) and an error is any trajectory not in ``ce.apply(initial state)``."""

    ce: CE = CE(2, 0, 0)
    shape: Shape = Shape()
    kappa: float = 1.0

    def error_rate(self, ens: Ensemble) -> float:
        want = np.array([self.ce.apply(int(s)) for s in state_of(ens.x_initial[:, :2])])
        return float(np.mean(ens.state_final != want))

    def run(self, protocol: Protocol, *, n: int, seed: int, x0: Array | None = None) -> Ensemble:
        x = self.initial(n, seed) if x0 is None else x0
        ens = run_ensemble(self.model, engine_protocol(protocol, self.shape, 2), dynamics=self.dynamics,
                           n=x.shape[0], seed=seed, x0=x)
        return replace(ens, work=ens.work / self.kappa)


def _uniform_starts(thermal: Thermal) -> Any:
    def draw(n: int, seed: int) -> Array:
        m = check_int("n", n, minimum=4) // 4
        x, _ = initial_positions(list(STATE_LABELS), m, kappa=thermal.kappa, seed=seed, shape=thermal.shape,
                                 dof=2)
        return x

    return draw


def ce_problem(ce: CE, *, thermal: Thermal, schedule: Schedule, knots: int = 5, error_target: float = 0.01,
               penalty: float = 1e4, amplitudes: CEAmplitudes = EFFECTIVE, search_dt: float | None = None
               ) -> CEProblem:
    """Optimise ``ce``'s control path over the paper schedule's duration; baseline: the paper's protocol.

    ``penalty`` (kT per unit error rate) makes one excess error of an ``n``-trajectory ensemble cost
    ``penalty / n`` kT; the search may run at a coarser ``search_dt`` than the evaluation (``thermal.dt``).
    """
    if thermal.dof != 2:
        raise ParameterError("the CE optimisation runs the reduced 2-D model (dof = 2)")
    fam = family(ce, tau=schedule.duration, knots=knots, shape=thermal.shape)
    dyn = langevin(damping=thermal.damping, kappa=thermal.kappa, dt=search_dt or thermal.dt)
    return CEProblem(
        name=f"squid {ce.name}", model=model_for(2, thermal.shape), dynamics=dyn, family=fam,
        baseline=ce_protocol(ce, amplitudes=amplitudes, schedule=schedule), initial=_uniform_starts(thermal),
        target_state=None, error_target=error_target, delta_f=landauer_cost([ce]), penalty=penalty,
        eval_dynamics=langevin(damping=thermal.damping, kappa=thermal.kappa, dt=thermal.dt),
        ce=ce, shape=thermal.shape, kappa=thermal.kappa)


# --- points on the trade-off axes --------------------------------------------------------------------
@dataclass(frozen=True)
class TradeoffPoint:
    """One protocol on the (mean work, lowest kept barrier, error rate) axes; energies in kT."""

    label: str
    work: float  # mean work, uniform inputs
    work_se: float
    slide_work: float  # mean work of the erased input(s)
    slide_work_se: float
    kept_barrier: float  # lowest kept barrier along the path
    error_rate: float
    error_upper: float  # 95 % Clopper-Pearson upper limit
    n: int
    landauer: float

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "work_kT": self.work, "work_se_kT": self.work_se,
                "slide_work_kT": self.slide_work, "slide_work_se_kT": self.slide_work_se,
                "kept_barrier_kT": self.kept_barrier, "error_rate": self.error_rate,
                "error_rate_upper95": self.error_upper, "trajectories": self.n, "landauer_kT": self.landauer}


def kept_barrier(ce: CE, protocol: Protocol, *, shape: Shape, per_segment: int = 1) -> float:
    """Lowest barrier (U0) of the wells ``ce`` keeps along the path: at every knot of ``protocol`` and
    ``per_segment`` equally spaced points inside each segment (0 where a kept well does not exist). On the
    paper's linear ramps the barriers change monotonically, so its minimum is the hold's."""
    src = ce.moved()[0]
    prot = protocol.with_controls(tuple(Controls().as_dict()), Controls().as_dict())
    t = np.asarray(prot.times, dtype=float)
    inner = [a + (b - a) * np.arange(1, per_segment + 1) / (per_segment + 1)
             for a, b in zip(t[:-1], t[1:], strict=True) if b - a > 1e-6 * prot.duration]
    low = np.inf
    for tt in np.unique(np.concatenate([t, *inner])):
        info = analyze(Controls(**prot.value(float(tt))), shape)
        for lab in STATE_LABELS:
            if lab != src:
                low = min(low, info.wells[lab].barrier if lab in info.wells else 0.0)
    return float(low)


def family_amplitudes(mu: float, *, ce: CE, shape: Shape, margin: float | None = None) -> CEAmplitudes:
    """The paper's family at coupling amplitude ``mu``: ``phi_ix = A_ix mu/A_mu`` and ``phi_xdc`` the fold
    plus ``margin`` (default: the effective preset's distance past its own fold)."""
    if margin is None:
        margin = EFFECTIVE.phi_xdc - erase_fold(ce, shape=shape).p
    a = replace(EFFECTIVE, mu=mu, phi_ix=EFFECTIVE.phi_ix * mu / EFFECTIVE.mu)
    return replace(a, phi_xdc=erase_fold(ce, amplitudes=a, shape=shape).p + margin)


def _point(label: str, ce_list: tuple[CE, ...], protocols: list[Protocol], barrier: float, *, thermal: Thermal,
           n_per_input: int, seed: int, nand: str | None) -> TradeoffPoint:
    ds = run_sequence(protocols, thermal=thermal, inputs=list(STATE_LABELS), n_per_input=n_per_input, seed=seed)
    s = summarize(ds, ce_list, nand=nand)
    w, se = s.average()
    moved = [lab for lab in STATE_LABELS if any(v != lab for v in _trace(ce_list, lab))]
    sw = float(np.mean([s.mean_work[k] for k in moved]))
    sse = float(np.sqrt(np.sum([s.work_stderr[k] ** 2 for k in moved])) / len(moved))
    n = int(s.confusion.sum())
    bad = n - int(round(sum(s.success[k] * s.confusion[i].sum() for i, k in enumerate(s.inputs))))
    return TradeoffPoint(label, w, se, sw, sse, barrier / thermal.kappa, bad / n, clopper_pearson(bad, n)[1], n,
                         landauer_cost(ce_list))


def _trace(ces: tuple[CE, ...], lab: str) -> list[str]:
    from landauer.models.squid.nand import ideal_trace

    return ideal_trace(ces)[lab]


def paper_point(ce: CE, amplitudes: CEAmplitudes, *, thermal: Thermal, n_per_input: int, seed: int,
                ramp: float = 100.0, hold_factor: float = 10.0, label: str = "", per_segment: int = 1
                ) -> tuple[TradeoffPoint, Schedule]:
    """One CE of the paper's family (ramp, hold ``hold_factor`` x the measured capture time, ramp back)."""
    hold = hold_time(ce, damping=thermal.damping, amplitudes=amplitudes, shape=thermal.shape, factor=hold_factor)
    sch = Schedule(ramp=ramp, hold=hold)
    prot = ce_protocol(ce, amplitudes=amplitudes, schedule=sch)
    b = kept_barrier(ce, prot, shape=thermal.shape, per_segment=per_segment)
    return _point(label or f"mu = {amplitudes.mu:g}", (ce,), [prot], b, thermal=thermal, n_per_input=n_per_input,
                  seed=seed, nand=None), sch


def path_point(ce: CE, amps: Array, *, tau: float, thermal: Thermal, n_per_input: int, seed: int,
               label: str, per_segment: int = 1) -> TradeoffPoint:
    """One CE running amplitude schedules ``amps`` (``(K, 4)``) over ``tau``."""
    prot = transfer(amps, ce, tau=tau, shape=thermal.shape)
    b = kept_barrier(ce, prot, shape=thermal.shape, per_segment=per_segment)
    return _point(label, (ce,), [prot], b, thermal=thermal, n_per_input=n_per_input, seed=seed, nand=None)


def nand_point(ces: tuple[CE, ...], protocols: list[Protocol], *, kept_barrier_kT: float, thermal: Thermal,
               n_per_input: int, seed: int, label: str) -> TradeoffPoint:
    """The complete NAND running ``protocols`` (one per CE of ``ces``). Every step runs the same amplitude
    schedules on a CE related to the others by a reflection or an exchange of the two SQUIDs, so the
    lowest kept barrier is the one CE's (``kept_barrier_kT``, given)."""
    return _point(label, ces, protocols, kept_barrier_kT * thermal.kappa, thermal=thermal, n_per_input=n_per_input,
                  seed=seed, nand="complete")


def slide_ratio(p: TradeoffPoint) -> float:
    """Work of the erasing slide per unit of the lowest kept barrier (3.08 for a quartic fold)."""
    return p.slide_work / p.kept_barrier if p.kept_barrier > 0 else float("inf")


def barriers_at(ce: CE, amps: CEAmplitudes, shape: Shape) -> tuple[float, float]:
    """(lowest kept barrier, barrier of the erased well) in U0 at ``ce``'s controls for ``amps``
    (erased barrier 0 where the erased well is gone; kept 0 where a kept well is)."""
    info = analyze(ce.controls(amps), shape)
    src = ce.moved()[0]
    kept = min(info.wells[s].barrier if s in info.wells else 0.0 for s in STATE_LABELS if s != src)
    return float(kept), float(info.wells[src].barrier if src in info.wells else 0.0)


def activated_amplitudes(ce: CE, *, shape: Shape, kappa: float, kept_kT: float, gap_kT: float) -> CEAmplitudes:
    """Hold amplitudes for a thermally activated erasure: ``phi_xdc`` lowers the kept barrier (``mu = 0``)
    to ``kept_kT`` and the coupling ``mu`` (``phi_ix`` scaled with it, ``phi_jx`` at the effective value)
    tilts the erased well until its barrier is ``gap_kT`` below that (bisection on the landscape)."""
    from scipy.optimize import brentq

    def amps(xdc: float, mu: float) -> CEAmplitudes:
        return replace(EFFECTIVE, phi_xdc=xdc, mu=mu, phi_ix=EFFECTIVE.phi_ix * mu / EFFECTIVE.mu)

    hi = bounds(shape)[1][0]
    xdc = brentq(lambda v: barriers_at(ce, amps(v, 0.0), shape)[0] / kappa - kept_kT, 0.5, hi, xtol=1e-4)

    def gap(mu: float) -> float:
        k, e = barriers_at(ce, amps(xdc, mu), shape)
        return (k - e) / kappa - gap_kT

    mu = brentq(gap, 1e-4, 0.2, xtol=1e-5)
    return amps(xdc, mu)


def activated_path(ce: CE, *, shape: Shape, kappa: float, kept_kT: float, erased_kT: float = 1.0) -> Array:
    """Amplitude schedules ``(4, 4)`` of a three-stage path (ramp over tau/3 to the hold of
    :func:`activated_amplitudes`, hold tau/3, ramp back): kept barrier ``kept_kT`` and erased barrier
    ``erased_kT`` at the hold (a thermally activated escape instead of a fold)."""
    a = activated_amplitudes(ce, shape=shape, kappa=kappa, kept_kT=kept_kT, gap_kT=kept_kT - erased_kT)
    row = np.array([getattr(a, f) for f in FIELDS])
    return np.vstack([0 * row, row, row, 0 * row])


def theta_of(problem: Problem, ce: CE, amps: Array) -> Array:
    """Scaled parameters of ``problem``'s family nearest to the amplitude schedules ``amps`` (projected onto
    its knots when their number differs)."""
    fam = problem.family
    prot = transfer(amps, ce, tau=fam.tau, shape=problem.shape if isinstance(problem, CEProblem) else Shape())
    return fam.theta_from_values(fam.values_of(prot))


def best_start(problem: Problem, candidates: list[Protocol], *, n: int, seed: int) -> tuple[Array, int, list[float]]:
    """The candidate protocol (projected onto ``problem``'s family) with the lowest CRN objective on the
    search ensemble ``(n, seed)``; returns its scaled parameters, its index and every candidate's objective."""
    from landauer.optimise.objective import CRNObjective

    obj = CRNObjective(problem, n=n, seed=seed)
    fam = problem.family
    thetas = [fam.theta_from_values(fam.values_of(p)) for p in candidates]
    js = [float(obj(th)) for th in thetas]
    k = int(np.argmin(js))
    return thetas[k], k, js


def optimise_from(problem: Problem, theta0: Array, *, n: int, seed: int, eval_n: int, eval_seed: int,
                  max_evaluations: int, progress: bool = False) -> Any:
    """:func:`landauer.optimise.optimise` from ``theta0``, keeping the best point the CRN search evaluated
    (SciPy's Powell returns its current point when the budget ends inside a line search, which can be far
    worse than the start), then the paired fresh-seed evaluation against the baseline."""
    from landauer.optimise.objective import CRNObjective, evaluate_pair
    from landauer.optimise.optimiser import OptimisationResult, Search, minimise
    from landauer.progress import progress_bar

    if eval_seed == seed:
        raise ParameterError("the evaluation seed must differ from the optimisation seed")
    best: list[Any] = [np.inf, np.asarray(theta0, dtype=float)]
    with progress_bar(total=max_evaluations, desc=f"optimise {problem.name}", enabled=progress, unit="ens") as bar:
        obj = CRNObjective(problem, n=n, seed=seed, on_evaluation=lambda _: bar.update(1))

        def f(th: Array) -> float:
            v = obj(th)
            if v < best[0]:
                best[0], best[1] = v, np.array(th, dtype=float)
            return v

        s = minimise(f, theta0, max_evaluations=max_evaluations)
    if best[0] < s.value:
        s = Search(theta=best[1], value=float(best[0]), evaluations=s.evaluations, wall_s=s.wall_s,
                   converged=s.converged)
    fam = problem.family
    prot = fam.protocol(s.theta)
    judge = replace(problem, dynamics=problem.eval_dynamics) if problem.eval_dynamics is not None else problem
    opt, base, gain, gain_se = evaluate_pair(judge, prot, problem.baseline, n=eval_n, seed=eval_seed)
    return OptimisationResult(problem=problem.name, tau=fam.tau, theta=s.theta, protocol=prot,
                              schedule=fam.describe(s.theta), search=s, in_sample=s.value, optimum=opt,
                              baseline=base, gain=gain, gain_se=gain_se, known_optimum=problem.known_optimum,
                              delta_f=problem.delta_f)
