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

from landauer.landscape import barriers, escape_rate, find_critical_points
from landauer.models.aqfp.calibration import criticality
from landauer.models.aqfp.params import AqfpParams
from landauer.models.aqfp.potential import ReducedPotential, adiabatic_ber, crossing_difference, landscape_potential
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


def _rates(params: AqfpParams, rp: ReducedPotential, phix: float, theta_s: float, kT: float
           ) -> tuple[float, float, float] | None:
    """``(k_from_minus, k_from_plus, U_minus - U_plus)`` or None with fewer than two wells."""
    w = rp.wells(phix=phix, theta_s=theta_s)
    if w is None or w.n_minima != 2:
        return None
    pot = landscape_potential(rp, phix=phix, theta_s=theta_s)
    starts = np.array([[w.theta_minus, rp.phi_star(w.theta_minus, phix=phix)],
                       [w.theta_plus, rp.phi_star(w.theta_plus, phix=phix)]])
    pts = find_critical_points(pot, bounds=[(-3.8, 3.8), (-1.0, 2 * math.pi + 1)], n_per_axis=6,
                               extra_starts=starts)
    bar = barriers(pot, pts)
    km = bar.index_of(starts[0])
    kp = bar.index_of(starts[1])
    fr = 2.0 / params.quality_factor
    rm = escape_rate(pot, bar, km, kT=kT, method="melnikov-meshkov", mass=[2.0, 2.0], friction=[fr, fr])
    rpl = escape_rate(pot, bar, kp, kT=kT, method="melnikov-meshkov", mass=[2.0, 2.0], friction=[fr, fr])
    return rm, rpl, w.splitting


def freeze_out(params: AqfpParams, *, theta_s: float, t_rise: float, points: int = 40,
               window_kT: float = 40.0) -> FreezeOut:
    """Freeze-out of a smooth ramp ``phix/2 = pi s(t/t_rise)`` (``s`` the C1 smoothstep) under ``theta_s``."""
    check_positive("theta_s", theta_s)
    check_positive("t_rise", t_rise)
    rp = ReducedPotential.from_params(params)
    kT = params.kT_dimensionless
    phix_b = criticality(params).phix_bifurcation
    # scan from just below the bifurcation until the barrier is window_kT high
    grid = [phix_b - 0.02]
    hi = phix_b
    while hi < 2 * math.pi:
        hi = min(2 * math.pi, hi + 0.02)
        w = rp.wells(phix=hi, theta_s=theta_s)
        if w is not None and w.barrier_upper / kT > window_kT:
            break
    grid = np.linspace(phix_b - 0.02, hi, points)
    data = [(g, _rates(params, rp, float(g), theta_s, kT)) for g in grid]
    rows = [(g, *r) for g, r in data if r is not None]
    ph = np.array([r[0] for r in rows])
    km, kp, split = (np.array([r[i] for r in rows]) for i in (1, 2, 3))
    # time along the smooth ramp: phix/2 = pi (3u^2 - 2u^3), u = t / t_rise
    u_of = np.array([_inverse_smoothstep(p / (2 * math.pi)) for p in ph])
    t = u_of * t_rise
    dsplit_dt = np.gradient(split, t)
    relax = km + kp
    crit = relax - np.abs(dsplit_dt) / kT
    k = int(np.argmax(crit < 0)) if np.any(crit < 0) else len(crit) - 1
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
    ber_me = float(sol.y[0, -1])
    du = crossing_difference(theta_s=theta_s, B=params.B)
    return FreezeOut(theta_s=theta_s, t_rise=t_rise, kT=kT, phix_freeze=phf, splitting_freeze_kT=split_f / kT,
                     barrier_freeze_kT=barrier_f, ber_freeze=float(adiabatic_ber(split_f / kT)), ber_master=ber_me,
                     ber_crossing=float(adiabatic_ber(du / kT)), splitting_over_crossing=split_f / du)


def _inverse_smoothstep(s: float) -> float:
    """``u`` in [0, 1] with ``3u^2 - 2u^3 = s``."""
    s = min(max(s, 0.0), 1.0)
    return 0.5 - math.sin(math.asin(1.0 - 2.0 * s) / 3.0)
