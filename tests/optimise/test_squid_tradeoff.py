"""The SQUID trade-off machinery (landauer.optimise.squid): sign-rule transfer of control paths, the family's
bounds, the CE error count, the kept barrier along a path, and the fold's slide work against the kept barrier."""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.squid import ALL_CES, CE, EFFECTIVE, ROBUST, Schedule, ce_protocol
from landauer.models.squid.analysis import analyze
from landauer.models.squid.params import qfp_like
from landauer.models.squid.potential import PHYSICAL_CONTROLS, Shape
from landauer.models.squid.thermal import Thermal
from landauer.optimise import squid as sq
from landauer.optimise._engine import Ensemble

SHAPE = Shape()


@pytest.mark.parametrize("ce", ALL_CES, ids=lambda c: c.name)
def test_transfer_follows_the_sign_rules(ce: CE) -> None:
    """Constant amplitudes transferred to any CE give that CE's hold controls (protocols.py sign rules)."""
    row = np.array([getattr(EFFECTIVE, f) for f in sq.FIELDS])
    prot = sq.transfer(np.vstack([0 * row, row, row, 0 * row]), ce, tau=300.0, shape=SHAPE)
    got = prot.with_controls(PHYSICAL_CONTROLS, dict.fromkeys(PHYSICAL_CONTROLS, 0.0)).value(150.0)
    want = ce.controls(EFFECTIVE).as_dict()
    assert got == pytest.approx(want, abs=1e-12)
    assert sq.amplitudes_of(ce, np.array([[want[n] for n in sq.control_names(ce)]]))[0] == pytest.approx(row)


@pytest.mark.parametrize("preset", [EFFECTIVE, ROBUST], ids=["effective", "robust"])
def test_family_bounds_hold_the_presets(preset) -> None:  # noqa: ANN001
    """The paper's protocols project into the optimised family without clipping."""
    ce = CE(1, 1, 0)
    fam = sq.family(ce, tau=450.0, knots=5, shape=SHAPE)
    v = fam.values_of(ce_protocol(ce, amplitudes=preset, schedule=Schedule(ramp=100.0, hold=250.0)))
    # end knots are pinned to rest (no jumps); values_of samples just inside them
    assert fam.values(fam.theta_from_values(v))[1:-1] == pytest.approx(v[1:-1], abs=1e-12)
    assert np.abs(v).max() > 0.5  # the hold is on the knots, not only the rest values


def test_error_rate_counts_every_input_off_its_ideal_map() -> None:
    th = Thermal.from_params(qfp_like())
    pr = sq.ce_problem(CE(2, 0, 0), thermal=th, schedule=Schedule(ramp=10.0, hold=10.0), knots=3)
    x0 = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])  # 00 01 10 11 01
    # CE(2,0,0): 01 -> 00, others stay; rows 1 and 4 (both 01) end in 01 and 00
    final = np.array([0, 1, 2, 3, 0])
    ens = Ensemble(work=np.zeros(5), state_final=final, x_final=x0, x_initial=x0)
    assert pr.error_rate(ens) == pytest.approx(1 / 5)


def test_kept_barrier_of_the_paper_protocol_is_the_holds() -> None:
    """Along the paper's linear ramps the kept barriers fall monotonically to their hold values."""
    ce = CE(2, 0, 0)
    info = analyze(ce.controls(EFFECTIVE), SHAPE)
    hold = min(w.barrier for lab, w in info.wells.items() if lab != "01")
    got = sq.kept_barrier(ce, ce_protocol(ce, schedule=Schedule(ramp=100.0, hold=250.0)), shape=SHAPE,
                          per_segment=3)
    assert got == pytest.approx(hold, rel=1e-9)


def test_activated_hold_has_the_requested_barriers() -> None:
    th = Thermal.from_params(qfp_like())
    ce = CE(2, 0, 0)
    a = sq.activated_amplitudes(ce, shape=SHAPE, kappa=th.kappa, kept_kT=12.0, gap_kT=10.0)
    kept, erased = sq.barriers_at(ce, a, SHAPE)
    # bisection to 1e-4 rad in phi_xdc and 1e-5 in mu moves the barriers by < 0.05 kT at this set
    assert kept / th.kappa == pytest.approx(12.0, abs=0.3)  # mu's tilt lowers the kept barrier a little
    assert (kept - erased) / th.kappa == pytest.approx(10.0, abs=0.05)


def test_fold_slide_costs_at_least_the_quartic_ratio_of_the_kept_barrier() -> None:
    """Paper's family: the erased input's work >= 16/(3 sqrt 3) x the lowest kept barrier (the tilted quartic's
    fold, module docstring) - 3 SE, and the mean work rises with the kept barrier by > 3 SE."""
    th = Thermal.from_params(qfp_like())
    ce = CE(2, 0, 0)
    pts = []
    for k, mu in enumerate((0.03, 0.06)):
        amps = sq.family_amplitudes(mu, ce=ce, shape=SHAPE)
        pt, _ = sq.paper_point(ce, amps, thermal=th, n_per_input=30, seed=11 + k)
        assert pt.slide_work >= sq.QUARTIC_SLIDE_RATIO * pt.kept_barrier - 3 * pt.slide_work_se
        pts.append(pt)
    lo, hi = pts
    assert hi.kept_barrier > lo.kept_barrier
    assert hi.work - lo.work > 3 * np.hypot(hi.work_se, lo.work_se)


def test_halfplane_model_gradient_and_rest_landscape() -> None:
    """The hypothetical half-plane model: its gradient is the derivative of its energy (central differences,
    error O(h^2) ~ 1e-8), and with equal barriers on both half-planes it is the device's reduced potential."""
    from landauer.models.squid import halfplane
    from landauer.models.squid.kernels import nb_energy_2d

    rng = np.random.default_rng(5)
    p = np.array([0.3])
    for _ in range(20):
        x = rng.uniform(-3, 3, 2)
        c = np.concatenate([rng.uniform(-0.5, 0.5, 2), rng.uniform(0.5, 2.5, 4), rng.uniform(-0.1, 0.1, 1)])
        g = np.empty(2)
        halfplane.nb_gradient_hp.py_func(x, c, p, g)
        h = 1e-5
        fd = [(halfplane.nb_energy_hp.py_func(x + h * e, c, p) - halfplane.nb_energy_hp.py_func(x - h * e, c, p))
              / (2 * h) for e in np.eye(2)]
        assert g == pytest.approx(fd, abs=1e-7)
        k1, k2 = c[2], c[4]
        same = np.array([c[0], c[1], k1, k1, k2, k2, c[6]])
        assert halfplane.nb_energy_hp.py_func(x, same, p) == pytest.approx(
            nb_energy_2d.py_func(x, np.array([c[0], c[1], k1, k2, c[6]]), np.array([0.0])), abs=1e-12)


def test_halfplane_ce_erases_near_its_landauer_cost() -> None:
    """CE(2,0,0) with a barrier control on one half-plane, 452 t_c: the map holds (errors within the 95 %
    CP band of zero), the work is not below the Landauer cost (0.347 kT) by more than 3 SE and is below the
    paper family's cheapest reliable member (10.2 kT at mu = 0.02, full mode) by far more than 3 SE."""
    from landauer.optimise import squid_halfplane as hp

    th = Thermal.from_params(qfp_like())
    p = hp.point([CE(2, 0, 0)], tau=452.1, thermal=th, n_per_input=25, seed=21, label="hp")
    assert p.error_rate == 0.0
    assert p.work >= p.landauer - 3 * p.work_se
    assert p.work + 3 * p.work_se < 10.0
