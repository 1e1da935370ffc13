"""Energetics and model-reduction checks of the SQUID CE protocols.

- Jarzynski: <exp(-W/kT)> = 1 over a closed protocol (a CE cycle, rest -> CE -> rest, so Delta F = 0)
  started in rest-landscape equilibrium, with 3 kT rest barriers and slow ramps so that
  N = 1e4 >> exp(<W_diss>/kT) ~ 4
  (C. Jarzynski, PRL 78, 2690 (1997); PRE 73, 046105 (2006)). BAOAB's shadow work is included
  (W + W_shadow is the work of the discrete dynamics; Sivak, Chodera, Crooks, PRX 3, 011007 (2013)).
  Within 3 standard errors.
- 4-DOF -> 2-D as gamma -> infinity: relaxing phi_dc shifts the erasing fold by O(beta/gamma)
  (phi_dc - phi_xdc ~ (beta/2 gamma) cos(phi) sin(phi_xdc/2), specs/squid_ce.md section 3), so the
  shift from the 2-D fold halves when gamma doubles.
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.bounds import mean_exp
from landauer.models.squid import CE, Schedule, Shape, ce_protocol
from landauer.models.squid.analysis import erase_fold
from landauer.models.squid.thermal import Thermal, run_sequence

KAPPA_3KT = 1.2592371667659341 / 3.0


def test_jarzynski_over_a_closed_ce_cycle() -> None:
    th = Thermal(damping=1.0, kappa=KAPPA_3KT, dt=0.05)
    # uniform input = rest-landscape equilibrium by symmetry: equal Boltzmann samples in each quadrant
    prot = ce_protocol(CE(2, 0, 0), schedule=Schedule(ramp=100.0, hold=20.0))
    ds = run_sequence([prot], thermal=th, inputs=["00", "01", "10", "11"], n_per_input=2500, seed=3)
    w = ds["W"].values + ds["W_shadow_step"].values.sum(axis=1)
    est = mean_exp(w)
    assert abs(est.value - 1.0) < 3 * est.stderr, (est.value, est.stderr, float(np.mean(w)))
    assert float(np.mean(w)) > 0.0  # second law: dissipation on average


def test_four_dof_fold_converges_to_two_d_as_gamma_grows() -> None:
    ce = CE(2, 0, 0)
    p2 = erase_fold(ce).p
    d = [erase_fold(ce, shape=Shape(gamma=g), dof=4).p - p2 for g in (20.0, 40.0, 80.0)]
    assert d[0] < d[1] < d[2] < 0
    assert abs(d[0] / d[1] - 2.0) < 0.2 and abs(d[1] / d[2] - 2.0) < 0.2


@pytest.mark.slow
def test_halving_dt_changes_work_within_error() -> None:
    """specs/squid_ce.md section 9.7: dt = 0.05 and 0.025 t_c give the same mean work per input of a CE
    (QFP-like set, hold 10x capture) within 3 combined standard errors."""
    from landauer.models.squid import qfp_like
    from landauer.models.squid.nand import summarize
    from landauer.models.squid.robustness import hold_time

    ce = CE(2, 0, 0)
    base = Thermal.from_params(qfp_like())
    sch = Schedule(ramp=100.0, hold=hold_time(ce, damping=base.damping, factor=10.0))
    res = []
    for dt in (0.05, 0.025):
        th = Thermal(damping=base.damping, kappa=base.kappa, dt=dt, shape=base.shape)
        ds = run_sequence([ce_protocol(ce, schedule=sch)], thermal=th, inputs=["00", "01", "10", "11"],
                          n_per_input=1500, seed=int(dt * 1000))
        res.append(summarize(ds, [ce]))
    for lab in ("00", "01", "10", "11"):
        diff = res[0].mean_work[lab] - res[1].mean_work[lab]
        se = float(np.hypot(res[0].work_stderr[lab], res[1].work_stderr[lab]))
        assert abs(diff) < 3 * se, (lab, diff, se)
