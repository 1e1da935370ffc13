"""Adiabatic bit-error rate of one aQFP at finite ramp speed: Kramers freeze-out along the excitation.

While the exciter rises, the two wells of the (weakly) signalled gate exchange population at the
escape rates ``k_+-(phix)`` (Mel'nikov-Meshkov, all damping; computed on the 2-D ``(theta, phi)``
landscape with :mod:`landauer.landscape`). The occupation of the wrong well follows the two-state master
equation ``p' = k_wrong->right... `` until the barrier grows and the population freezes. Two predictions:

- sharp freeze-out: ``BER = 1/(1 + exp(Delta E_split(phix_f)/kT))`` at the exciter phase ``phix_f``
  where the relaxation rate ``k_+ + k_-`` equals ``|d(Delta E_split/kT)/dt|``;
- the master equation integrated along the ramp with the same rates (no freeze-out approximation).

The paper's estimate is the crossing-point difference ``Delta U = 2 pi theta_s / B`` (Eq. 3), which is
independent of the ramp; the splitting at freeze-out differs from it by a ramp-dependent factor.

References: H. A. Kramers, Physica 7, 284 (1940); V. I. Mel'nikov, S. V. Meshkov, J. Chem. Phys. 85,
1018 (1986); Q. Herr, arXiv:2504.04284 (2025), Eq. 3.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import integrate

from landauer.engine.protocol import Protocol
from landauer.landscape import (
    barriers,
    escape_rate,
    find_critical_points,
    kramers_langer_rate,
    melnikov_meshkov_factor,
)
from landauer.models.aqfp.calibration import criticality
from landauer.models.aqfp.params import AqfpParams
from landauer.models.aqfp.potential import (
    ReducedPotential,
    adiabatic_ber,
    crossing_difference,
    landscape_potential,
)
from landauer.validation import check_positive

Array = NDArray[np.float64]


@dataclass(frozen=True)
class FreezeOut:
    """Freeze-out analysis of one slow excitation ramp (energies in kT, times in 1/omega_p)."""

    theta_s: float
    t_rise: float
    kT: float  # in E_J
    phix_freeze: float
    splitting_freeze_kT: float
    barrier_freeze_kT: float  # seen from the upper well at freeze-out
    ber_freeze: float
    ber_master: float
    ber_crossing: float  # paper: 1/(1 + exp(Delta U/kT)), Delta U = 2 pi theta_s / B
    splitting_over_crossing: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _orbit_action(
    rp: ReducedPotential,
    phix: float,
    theta_s: float,
    theta_min: float,
    theta_sad: float,
    e_b: float,
    mass: float,
) -> float:
    """``S = 2 int sqrt(2 M_eff (E_b - U_eff)) dtheta`` over the well below the barrier energy ``E_b``;
    ``M_eff = M (1 + (dphi*/dtheta)^2)`` as ``phi`` follows ``theta`` adiabatically."""
    side = 1.0 if theta_min > theta_sad else -1.0
    far = theta_min + side * 0.05
    for _ in range(200):  # outer turning point
        if float(rp.reduced_energy(far, phix=phix, theta_s=theta_s)) >= e_b:
            break
        far += side * 0.05
    th = np.linspace(theta_sad, far, 801)
    u = rp.reduced_energy(th, phix=phix, theta_s=theta_s)
    utt, utp, upp = rp.hessian(th, rp.phi_star(th, phix=phix))
    m_eff = mass * (1.0 + (utp / upp) ** 2)
    return float(2.0 * np.trapezoid(np.sqrt(np.maximum(2.0 * m_eff * (e_b - u), 0.0)), th) * side)


def _point_hessian(rp: ReducedPotential, theta: float, phix: float) -> Array:
    utt, utp, upp = rp.hessian(theta, rp.phi_star(theta, phix=phix))
    return np.array([[float(utt), float(utp)], [float(utp), float(upp)]])


def well_rates(
    params: AqfpParams, rp: ReducedPotential, phix: float, theta_s: float, kT: float
) -> tuple[float, float, float] | None:
    """``(k_from_minus, k_from_plus, U_minus - U_plus)`` (rates per ``1/omega_p``; energies in E_J), or
    None with fewer than two wells. Stationary points from the exact 1-D reduction (they are the 2-D
    minima and saddle), Kramers-Langer prefactors from the 2-D Hessians and the Mel'nikov-Meshkov
    factor from the energy lost along the undamped orbit at the barrier energy."""
    w = rp.wells(phix=phix, theta_s=theta_s)
    if w is None or w.n_minima != 2:
        return None
    st = rp.stationary(phix=phix, theta_s=theta_s)
    th_sad = float(st.maxima[0])
    e_b = w.u_barrier
    m, fr = 2.0, 2.0 / params.quality_factor
    hs = _point_hessian(rp, th_sad, phix)
    out = []
    for th_m, u_m in ((w.theta_minus, w.u_minus), (w.theta_plus, w.u_plus)):
        r = kramers_langer_rate(
            barrier=e_b - u_m,
            hessian_min=_point_hessian(rp, th_m, phix),
            hessian_saddle=hs,
            kT=kT,
            mass=[m, m],
            friction=[fr, fr],
        )
        loss = fr / m * _orbit_action(rp, phix, theta_s, th_m, th_sad, e_b, m)
        out.append(r * melnikov_meshkov_factor(loss / kT))
    return out[0], out[1], w.splitting


def landscape_rates(
    params: AqfpParams, rp: ReducedPotential, phix: float, theta_s: float, kT: float
) -> tuple[float, float]:
    """The same two rates from the generic 2-D tools (critical points, saddle descent, orbit) as a check."""
    w = rp.wells(phix=phix, theta_s=theta_s)
    if w is None:
        raise ValueError("fewer than two wells")
    pot = landscape_potential(rp, phix=phix, theta_s=theta_s)
    starts = np.array(
        [
            [w.theta_minus, rp.phi_star(w.theta_minus, phix=phix)],
            [w.theta_plus, rp.phi_star(w.theta_plus, phix=phix)],
        ]
    )
    pts = find_critical_points(
        pot, bounds=[(-3.8, 3.8), (-1.0, 2 * math.pi + 1)], n_per_axis=6, extra_starts=starts
    )
    bar = barriers(pot, pts)
    fr = 2.0 / params.quality_factor
    kw: dict[str, Any] = {"kT": kT, "method": "melnikov-meshkov", "mass": [2.0, 2.0], "friction": [fr, fr]}
    return (
        escape_rate(pot, bar, bar.index_of(starts[0]), **kw),
        escape_rate(pot, bar, bar.index_of(starts[1]), **kw),
    )


@dataclass(frozen=True)
class BerRamp:
    """Excitation ramp for BER measurements: fast to ``phix_lo`` (below the bifurcation), linear over
    ``t_slow`` through the freeze-out window to ``phix_hi`` (upper-well barrier ``window_kT``), then fast
    to full excitation."""

    phix_lo: float
    phix_hi: float
    t_slow: float
    t_fast: float = 60.0
    settle: float = 40.0

    def protocol(self, src: float) -> Protocol:
        return (
            Protocol.start(ex1=0.0, src=src)
            .hold(self.settle, name="settle")
            .ramp(self.t_fast, ex1=0.5 * self.phix_lo, name="approach", shape="smooth")
            .ramp(self.t_slow, ex1=0.5 * self.phix_hi, name="window")
            .ramp(self.t_fast, ex1=math.pi, name="excite", shape="smooth")
            .hold(20.0, name="hold")
        )


def ber_ramp(params: AqfpParams, *, theta_s: float, t_slow: float, window_kT: float = 30.0) -> BerRamp:
    """The window from 0.03 below the bifurcation to where the wrong well's barrier is ``window_kT``."""
    check_positive("t_slow", t_slow)
    rp = ReducedPotential.from_params(params)
    kT = params.kT_dimensionless
    lo = criticality(params).phix_bifurcation - 0.03
    hi = lo + 0.03
    while hi < 2 * math.pi - 0.01:
        hi = min(2 * math.pi - 0.01, hi + 0.01)
        w = rp.wells(phix=hi, theta_s=theta_s)
        if w is not None and w.barrier_upper / kT > window_kT:
            break
    return BerRamp(phix_lo=lo, phix_hi=hi, t_slow=t_slow)


def freeze_out(params: AqfpParams, *, theta_s: float, ramp: BerRamp, points: int = 80) -> FreezeOut:
    """Freeze-out point and predicted BER of the ramp's linear window under the signal ``theta_s`` > 0."""
    check_positive("theta_s", theta_s)
    rp = ReducedPotential.from_params(params)
    kT = params.kT_dimensionless
    grid = np.linspace(ramp.phix_lo, ramp.phix_hi, points)
    data = [(g, well_rates(params, rp, float(g), theta_s, kT)) for g in grid]
    rows = [(g, *r) for g, r in data if r is not None]
    if len(rows) < 3:
        raise ValueError("the ramp window contains fewer than three two-well points")
    ph = np.array([r[0] for r in rows])
    km, kp, split = (np.array([r[i] for r in rows]) for i in (1, 2, 3))
    rate = (ramp.phix_hi - ramp.phix_lo) / ramp.t_slow  # dphix/dt
    t = (ph - ramp.phix_lo) / rate
    dsplit_dt = np.gradient(split, t)
    crit = (km + kp) - np.abs(dsplit_dt) / kT  # > 0 while the wells equilibrate
    below = np.flatnonzero(crit < 0)
    k = int(below[0]) if below.size else len(crit) - 1
    if 0 < k and crit[k] < 0:
        f = crit[k - 1] / (crit[k - 1] - crit[k])
        phf = float(ph[k - 1] + f * (ph[k] - ph[k - 1]))
        split_f = float(split[k - 1] + f * (split[k] - split[k - 1]))
    else:
        phf, split_f = float(ph[k]), float(split[k])
    wf = rp.wells(phix=phf, theta_s=theta_s)
    barrier_f = wf.barrier_upper / kT if wf is not None else float("nan")
    # two-state master equation for the wrong (minus) well, from equilibrium at the first two-well point
    p_eq0 = float(adiabatic_ber(split[0] / kT))
    lkm, lkp = np.log(np.maximum(km, 1e-300)), np.log(np.maximum(kp, 1e-300))

    def rhs(tt: float, p: Array) -> Array:
        a = math.exp(float(np.interp(tt, t, lkm)))
        b = math.exp(float(np.interp(tt, t, lkp)))
        return np.array([-a * p[0] + b * (1.0 - p[0])])

    sol = integrate.solve_ivp(rhs, (t[0], t[-1]), [p_eq0], method="LSODA", rtol=1e-8, atol=1e-14)
    du = crossing_difference(theta_s=theta_s, B=params.B)
    return FreezeOut(
        theta_s=theta_s,
        t_rise=ramp.t_slow,
        kT=kT,
        phix_freeze=phf,
        splitting_freeze_kT=split_f / kT,
        barrier_freeze_kT=barrier_f,
        ber_freeze=float(adiabatic_ber(split_f / kT)),
        ber_master=float(sol.y[0, -1]),
        ber_crossing=float(adiabatic_ber(du / kT)),
        splitting_over_crossing=split_f / du,
    )
