"""Built-in optimisation tasks: the dragged and the stiffened harmonic trap (closed-form optima) and the
double-well erasure (finite-time Wasserstein bound).

Each builder returns a :class:`~landauer.optimise.objective.Problem` in dimensionless units (energies in
kT, mobility 1). Device files (``landauer.devices``) will supply the same ingredients; until they exist,
:func:`builtin` maps the names ``harmonic-drag``, ``harmonic-stiffen`` and ``double-well`` to these builders,
and ``mtj`` to the macrospin reset of :func:`landauer.optimise.mtj.reset_problem` (sphere dynamics).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer import bounds
from landauer.engine.protocol import Protocol
from landauer.optimise._engine import Ensemble
from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.gaussian import harmonic_mean_work
from landauer.optimise.objective import Problem
from landauer.validation import ParameterError, check_positive, check_probability

BUILTIN = ("harmonic-drag", "harmonic-stiffen", "double-well", "mtj")  # double-well: the models.double_well memory


@functools.cache
def harmonic_model() -> Any:
    from landauer.models import harmonic

    return harmonic.make_model()


def _gaussian_initial(mean: float, var: float) -> Callable[[int, int], NDArray[np.float64]]:
    def draw(n: int, seed: int) -> NDArray[np.float64]:
        rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0x0F7]))
        return np.asarray(mean + math.sqrt(var) * rng.standard_normal((n, 1)))

    return draw


def harmonic_drag(*, tau: float, knots: int = 3, lam_f: float = 5.0, dt: float = 1e-3,
                  integrator: str = "overdamped-euler") -> Problem:
    """Drag a trap (k = gamma = kT = 1) from 0 to ``lam_f`` in ``tau``; baseline: the linear drag.

    The optimum (Schmiedl & Seifert 2007) is in the family for any ``knots >= 2``: linear with jumps.
    """
    from landauer.engine.simulate import Langevin
    from landauer.models import harmonic

    check_positive("tau", tau)
    lo, hi = min(0.0, lam_f) - 0.5 * abs(lam_f), max(0.0, lam_f) + 0.5 * abs(lam_f)
    fam = KnotFamily(tau=tau, knots=knots, controls=(ControlSpec("centre", 0.0, lam_f, lo, hi),))
    dyn = Langevin(kT=1.0, dt=dt, integrator=integrator)
    w_star = harmonic.drag_optimal_work(lam_f, tau)
    return Problem(
        name="harmonic-drag", model=harmonic_model(), dynamics=dyn, family=fam,
        baseline=Protocol.start(centre=0.0).ramp(tau, centre=lam_f, name="linear drag"),
        initial=_gaussian_initial(0.0, 1.0), delta_f=0.0,
        bound=lambda ens, t: w_star,
        exact=lambda p: harmonic_mean_work(p, dt=dt, scheme=integrator)[0], known_optimum=w_star,
    )


def harmonic_stiffen(*, tau: float, knots: int = 6, k_i: float = 1.0, k_f: float = 4.0, dt: float = 1e-3,
                     integrator: str = "overdamped-euler") -> Problem:
    """Change a centred trap's stiffness from ``k_i`` to ``k_f`` in ``tau`` (gamma = kT = 1); baseline: linear.

    The optimal ``k(t)`` (Schmiedl & Seifert 2007) is not piecewise linear, so a knot family approaches its
    work from above as ``knots`` grows.
    """
    from landauer.engine.simulate import Langevin
    from landauer.models import harmonic

    check_positive("tau", tau)
    fam = KnotFamily(tau=tau, knots=knots, controls=(
        ControlSpec("k", k_i, k_f, 0.1 * min(k_i, k_f), 4.0 * max(k_i, k_f)),))
    if 1.0 / (4.0 * max(k_i, k_f)) < dt:
        raise ParameterError(f"dt = {dt:g} is too long for a stiffness of {4 * max(k_i, k_f):g}")
    dyn = Langevin(kT=1.0, dt=dt, integrator=integrator)
    w_star = harmonic.stiffness_optimal_work(k_i, k_f, tau)
    return Problem(
        name="harmonic-stiffen", model=harmonic_model(), dynamics=dyn, family=fam,
        baseline=Protocol.start(k=k_i).ramp(tau, k=k_f, name="linear stiffening"),
        initial=_gaussian_initial(0.0, 1.0 / k_i), delta_f=0.5 * math.log(k_f / k_i),
        bound=lambda ens, t: w_star,
        exact=lambda p: harmonic_mean_work(p, dt=dt, scheme=integrator)[0], known_optimum=w_star,
    )


def double_well(*, tau: float, knots: int = 5, error_target: float | None = 0.01, barrier_kT: float = 10.0,
                tilt_kT: float = 10.0, dt: float = 5e-4, eval_dt: float = 2.5e-4,
                integrator: str = "overdamped-lm", penalty: float = 1000.0) -> Problem:
    """Erase a bit in the quartic double well (``a x^4 - b x^2 - f x``) in time ``tau`` (diffusion times).

    Controls ``b`` (barrier; rest ``2 a``) and ``f`` (tilt; rest 0) on ``knots`` knots, free to jump at the
    start and end but returning to rest; the parameter ``a`` is the barrier at rest. Baseline: the four-stage protocol of
    :func:`landauer.models.double_well.erasure_protocol` (lower, tilt, raise, untilt) with tilt ``tilt_kT``.
    Bound: ``W_min(eps) + W_2(rho_0, rho_tau)^2 / (mu tau)`` from the run's own error rate and final
    positions (:mod:`landauer.bounds`). The search runs at ``dt`` (LM; coarse-step bias is common to all
    candidates); the final evaluation at the finer ``eval_dt``.
    """
    from landauer.engine.simulate import Langevin
    from landauer.models import double_well as dw

    check_positive("tau", tau)
    if error_target is not None:
        check_probability("error target", error_target)
    params = dw.DoubleWellParams(barrier_kT=barrier_kT, tilt_kT=tilt_kT)
    rest = params.rest_controls()
    b0 = rest["b"]
    f_max = 3.0 * max(tilt_kT, barrier_kT)
    fam = KnotFamily(tau=tau, knots=knots, controls=(
        ControlSpec("b", b0, b0, -0.5 * b0, 1.5 * b0),
        ControlSpec("f", 0.0, 0.0, -f_max, f_max),
    ))

    def bound(ens: Ensemble, t: float) -> float:
        eps = float(np.mean(ens.state_final != 0))
        w2 = bounds.wasserstein2_samples(ens.x_initial[:, 0], ens.x_final[:, 0])
        return float(bounds.erasure_with_error(eps)) + bounds.finite_time_bound(w2, mobility=1.0, tau=t)

    def initial(n: int, seed: int) -> NDArray[np.float64]:
        return dw.equilibrium_positions(params, n=n, seed=seed)

    return Problem(
        name="double-well", model=params.model(), dynamics=Langevin(kT=1.0, dt=dt, integrator=integrator),
        family=fam, baseline=dw.erasure_protocol(params, tau=tau), initial=initial, target_state=0,
        error_target=error_target, delta_f=math.log(2.0), bound=bound, penalty=penalty,
        eval_dynamics=Langevin(kT=1.0, dt=eval_dt, integrator=integrator),
    )


def builtin(name: str, **kw: Any) -> Problem:
    """The built-in problem ``name`` (one of :data:`BUILTIN`)."""
    from landauer.optimise.mtj import reset_problem

    builders: dict[str, Callable[..., Problem]] = {
        "harmonic-drag": harmonic_drag, "harmonic-stiffen": harmonic_stiffen, "double-well": double_well,
        "mtj": reset_problem,
    }
    if name not in builders:
        raise ParameterError(f"unknown device {name!r}; built-in devices: {', '.join(BUILTIN)}")
    return builders[name](**kw)
