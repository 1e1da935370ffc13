"""Optimal field schedules for the MTJ Landauer reset (macrospin on the sphere, :mod:`landauer.models.mtj`).

The task: reset a random bit of the free layer to ``1`` (``m_y > 0``) in a total time ``tau`` (units of
``t0 = 1/(gamma mu0 H_K)``) with the hard-axis field ``h_x(t)`` and the easy-axis field ``h_y(t)``
(units of ``H_K``), both off before and after the protocol, at an error rate ``eps_hat <= eps_target``.
Energies in kT, reduced energy (``zeta = 2 sigma``, easy axis ``y``)::

    beta E(m; h) = -sigma m_y^2 - 2 sigma (h_x m_x + h_y m_y),     W = int dt (dh/dt) . dE/dh

Family: both controls piecewise linear on ``knots`` equally spaced knots, free to jump at ``t = 0`` and
``t = tau`` (the fields return to zero at the end). With the default 5 knots at ``0, tau/4, ..., tau``
the paper's four-stage protocol (``h_x: 0 -> 1.5``; ``h_y: 0 -> 0.3``; ``h_x -> 0``; ``h_y -> 0``, one
quarter of ``tau`` each; :class:`~landauer.models.mtj.reset.ResetProtocol`) lies in the family and is
the baseline.

Bound: ``<W> >= W_min(eps) = kT [ln 2 + eps ln eps + (1 - eps) ln(1 - eps)]`` (Esposito & Van den Broeck,
EPL 95, 40004 (2011)), with ``eps`` the error rate of the evaluated ensemble. It is also the quasi-static
limit of the four-stage protocol (:func:`landauer.models.mtj.theory.quasistatic_reset_work`): no
finite-time term is added (the Wasserstein bound of the overdamped case has no sLLG counterpart here),
so the excess over it is the price of finite time.

The search runs with the sLLG step ``dt`` (stochastic Heun); the final paired evaluation with the finer
``eval_dt`` (default ``dt / 2``: at the default ``dt = 0.01`` and bounds every schedule of the family
then satisfies the engine's step rule ``dt * max|h_eff| <= 0.03``).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from landauer.bounds import erasure_with_error
from landauer.engine.sphere import STEP_MAX
from landauer.models.mtj.params import MTJParams
from landauer.optimise._engine import Ensemble
from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.objective import Problem
from landauer.validation import ParameterError, check_finite, check_positive, check_probability

#: Default bounds on the knot values (units of ``H_K``): ``0 <= h_x <= 2``, ``-0.5 <= h_y <= 1``.
HX_BOUNDS = (0.0, 2.0)
HY_BOUNDS = (-0.5, 1.0)
#: Target bit of the reset (``m_y > 0``, the P state for the default threshold).
TARGET = 1


def default_params() -> MTJParams:
    """The reproduction's device: :class:`~landauer.models.mtj.params.MTJParams` at ``alpha = 1``
    (``sigma = 18.8``; quasi-static results are alpha-independent, and alpha = 1 relaxes in ~2 t0)."""
    return MTJParams().replace(alpha=1.0)


def reset_problem(
    *, tau: float, knots: int = 5, error_target: float | None = 0.01, params: MTJParams | None = None,
    hx: float = 1.5, hb: float = 0.3, dt: float = 0.01, eval_dt: float | None = None,
    hx_bounds: tuple[float, float] = HX_BOUNDS, hy_bounds: tuple[float, float] = HY_BOUNDS,
    penalty: float = 1000.0,
) -> Problem:
    """The MTJ reset of total duration ``tau`` (units of ``t0``) as an optimisation :class:`Problem`.

    Parameters
    ----------
    tau : float
        Total protocol time (reduced, ``t0``); the baseline's stage time is ``tau / 4``.
    knots : int
        Knots per control (5: the baseline is in the family).
    error_target : float or None
        Largest acceptable error rate (fraction of trajectories ending with ``m_y < 0``).
    params : MTJParams or None
        SI device (default :func:`default_params`).
    hx, hb : float
        Amplitudes of the baseline four-stage protocol (units of ``H_K``).
    dt, eval_dt : float
        sLLG steps (reduced) of the search and of the final evaluation (default ``dt / 2``). A ``dt``
        too coarse for the largest field of the family (``dt * max|h_eff| > 0.1``) is rejected here.
    hx_bounds, hy_bounds : (float, float)
        Bounds on every knot value of ``h_x`` and ``h_y`` (units of ``H_K``; must contain 0).
    penalty : float
        Objective penalty per unit of error rate above the target (kT).
    """
    from landauer.models.mtj.energy import axial_samples
    from landauer.models.mtj.macrospin import ReducedMacrospin
    from landauer.models.mtj.reset import ResetProtocol

    check_positive("tau", tau)
    check_positive("dt", dt)
    eval_dt = 0.5 * dt if eval_dt is None else eval_dt
    check_positive("eval_dt", eval_dt)
    if error_target is not None:
        check_probability("error target", error_target)
    for name, (lo, hi) in (("hx_bounds", hx_bounds), ("hy_bounds", hy_bounds)):
        check_finite(name, (lo, hi))
        if not lo <= 0.0 <= hi:
            raise ParameterError(f"{name} = ({lo:g}, {hi:g}) must contain 0 (the fields start and end off)")
    device = default_params() if params is None else params
    system = ReducedMacrospin.from_params(device)
    baseline = ResetProtocol(hx=hx, hb=hb, tau_stage=tau / 4.0).protocol()
    if not (hx_bounds[0] <= hx <= hx_bounds[1] and hy_bounds[0] <= hb <= hy_bounds[1]):
        raise ParameterError(f"the baseline amplitudes hx = {hx:g}, hb = {hb:g} lie outside the bounds")
    fam = KnotFamily(tau=tau, knots=knots, controls=(
        ControlSpec("hx", 0.0, 0.0, *hx_bounds),
        ControlSpec("hy", 0.0, 0.0, *hy_bounds),
    ))
    sigma = system.sigma
    h_max = math.hypot(max(abs(v) for v in hx_bounds), max(abs(v) for v in hy_bounds))
    h_eff = h_max + system.ka + max(system.demag)  # bound on |h_eff| over the sphere and the family
    if dt * h_eff > STEP_MAX:
        raise ParameterError(f"dt = {dt:g} is too coarse for fields up to {h_max:.2f} H_K: dt * max|h_eff| = "
                             f"{dt * h_eff:.3g} > {STEP_MAX:g} (use dt <= {STEP_MAX / h_eff:.3g})")

    def initial(n: int, seed: int) -> NDArray[np.float64]:
        """Exact Boltzmann samples at zero field (random bit), as in :func:`~landauer.models.mtj.reset.run_reset`."""
        return axial_samples(n, sigma=sigma, xi=0.0, seed=seed)

    def bound(ens: Ensemble, t: float) -> float:
        eps = float(np.mean(ens.state_final != TARGET))
        return float(erasure_with_error(min(eps, 0.5)))

    return Problem(
        name="mtj", model=system.model(), dynamics=system.dynamics(dt), family=fam, baseline=baseline,
        initial=initial, target_state=TARGET, error_target=error_target, delta_f=math.log(2.0), bound=bound,
        penalty=penalty, eval_dynamics=system.dynamics(eval_dt),
    )
