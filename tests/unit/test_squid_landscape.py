"""Landscape analysis of the coupled SQUIDs (specs/squid_ce.md section 5): rest landscape in closed
form, annihilation of the erased well at the effective controls, trends of Sec. V.1, effective ranges,
and the App. A slide-time formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, optimize

from landauer.landscape import Kind
from landauer.models.squid import CE, EFFECTIVE, ROBUST, Controls, Shape
from landauer.models.squid.analysis import analyze, ce_landscape_ok, effective_range, erase_fold
from landauer.models.squid.protocols import CEAmplitudes
from landauer.models.squid.robustness import capture_times, slide_geometry, tau_appendix_a

BETA = 2.3
PHI_STAR = optimize.brentq(lambda f: f - BETA * math.sin(f), 1.0, 3.0)


def test_rest_landscape_closed_form() -> None:
    info = analyze(Controls(), Shape(beta=BETA))
    kinds = [p.kind for p in info.points]
    assert kinds.count(Kind.MINIMUM) == 4 and kinds.count(Kind.SADDLE) == 4 and kinds.count(Kind.MAXIMUM) == 1
    barrier = BETA - PHI_STAR**2 / 2 - BETA * math.cos(PHI_STAR)
    for lab, w in info.wells.items():
        assert w.barrier == pytest.approx(barrier, abs=1e-10)
        assert np.allclose(np.abs(w.x), PHI_STAR, atol=1e-10)
        assert (w.x[0] > 0, w.x[1] > 0) == (lab[0] == "1", lab[1] == "1")
    d = info.as_dict(kappa=0.01)
    assert len(d["barriers"]) == 4 and d["wells"]["11"]["barrier_kT"] == pytest.approx(barrier / 0.01)


def test_mu_sign_convention_favours_01_10() -> None:
    info = analyze(Controls(mu=0.05), Shape())
    assert info.wells["01"].energy < info.wells["11"].energy
    assert info.wells["10"].energy == pytest.approx(info.wells["01"].energy, abs=1e-12)


def test_effective_controls_annihilate_only_the_erased_well() -> None:
    for ce in (CE(2, 0, 0), CE(1, 1, 1)):
        info = analyze(ce.controls(EFFECTIVE), Shape())
        src = ce.moved()[0]
        assert src not in info.wells
        assert set(info.wells) == {"00", "01", "10", "11"} - {src}


def test_effective_phi_xdc_sits_just_past_the_fold() -> None:
    f = erase_fold(CE(2, 0, 0))
    assert 0.0 < EFFECTIVE.phi_xdc - f.p < 0.01
    # at the fold the Hessian is singular
    from landauer.models.squid.analysis import potential, with_control

    H = potential(with_control(CE(2, 0, 0).controls(), "phi2xdc", f.p)).hessian_at(f.x)
    assert abs(np.linalg.det(H)) < 1e-7
    # xi kept: the fold moves by about as much as the margin, still below 1.79
    g = erase_fold(CE(2, 0, 0), shape=Shape(xi_on=True))
    assert 0.0 < g.p < f.p


def test_beta_above_window_keeps_the_erased_well() -> None:
    assert "01" in analyze(CE(2, 0, 0).controls(EFFECTIVE), Shape(beta=2.4)).wells


def test_trends_of_section_v1() -> None:
    ce = CE(2, 0, 0)

    def low(**amp: float) -> float:
        from dataclasses import replace

        return ce_landscape_ok(ce, ce.controls(replace(EFFECTIVE, **amp)), Shape(), threshold=0.0)[1]

    base = low()
    assert low(mu=0.09) < base  # larger |mu| lowers kept barriers
    assert low(phi_xdc=1.9) < base  # larger |phi_xdc| lowers kept barriers
    assert low(phi_ix=0.6) == -math.inf  # too large |phi_ix| annihilates a preserved well


def test_phi_ix_cancels_mu_tilt() -> None:
    # |phi_ix| ~ |mu| (|phi_j*| - |phi_jx|), phi_j* the preserved wells' coordinate (specs section 5)
    info = analyze(CE(2, 0, 0).controls(EFFECTIVE), Shape())
    phi_j = np.mean([abs(info.wells[s].x[0]) for s in ("10", "11")])
    assert EFFECTIVE.phi_ix == pytest.approx(EFFECTIVE.mu * (phi_j - EFFECTIVE.phi_jx), rel=0.1)


def test_effective_range_lower_end_is_the_fold() -> None:
    f = erase_fold(CE(2, 0, 0))
    vals = np.round(np.arange(1.70, 1.96, 0.02), 4)
    r = effective_range(CE(2, 0, 0), "phi_xdc", vals, kappa=1 / 187.0, n_min=30)
    assert r.lower is not None and r.lower - 0.02 < f.p <= r.lower
    assert r.upper is not None and r.upper > r.lower
    assert np.all(r.min_kept_barrier[r.valid] >= 30 / 187.0)
    assert r.min_kept_barrier[list(vals).index(r.upper)] < 30 / 187.0


def test_robust_preset_is_well_past_the_fold() -> None:
    f = erase_fold(CE(2, 0, 0), amplitudes=ROBUST)
    assert ROBUST.phi_xdc - f.p >= 0.05


@pytest.mark.parametrize("damping", [0.1, 0.5, 1.5])
def test_appendix_a_underdamped_first_arrival(damping: float) -> None:
    k = 1.3
    sol = integrate.solve_ivp(lambda t, y: [y[1], -k * y[0] - damping * y[1]], (0, 20), [1.0, 0.0],
                              events=lambda t, y: y[0], rtol=1e-11, atol=1e-12)
    assert tau_appendix_a(k=k, x0=1.0, damping=damping) == pytest.approx(sol.t_events[0][0], rel=1e-7)


@pytest.mark.parametrize("damping", [3.0, 2 * math.sqrt(1.3), 15.0])
def test_appendix_a_overdamped_arrival_at_five_percent(damping: float) -> None:
    k = 1.3
    sol = integrate.solve_ivp(lambda t, y: [y[1], -k * y[0] - damping * y[1]], (0, 500), [1.0, 0.0],
                              events=lambda t, y: y[0] - 0.05, rtol=1e-11, atol=1e-12)
    assert tau_appendix_a(k=k, x0=1.0, damping=damping) == pytest.approx(sol.t_events[0][0], rel=1e-6)


def test_fold_bottleneck_makes_measured_capture_slower_than_appendix_a() -> None:
    geom = slide_geometry(CE(2, 0, 0))
    t, flip = capture_times(geom, [0.3, 1.0, 3.0])
    app = np.array([tau_appendix_a(k=geom.target_curvature, x0=geom.x0, damping=g) for g in (0.3, 1.0, 3.0)])
    assert np.all(flip <= t)
    assert np.all(t / app > 10)
    # far from the fold (robust preset) the slide is several times faster
    rob = slide_geometry(CE(2, 0, 0), amplitudes=ROBUST)
    tr, _ = capture_times(rob, [0.3, 1.0, 3.0], amplitudes=ROBUST)
    assert np.all(tr < t / 2)


def test_bad_amplitudes_rejected() -> None:
    from landauer.validation import ParameterError

    with pytest.raises(ParameterError, match="mu"):
        CEAmplitudes(mu=1.2)
    with pytest.raises(ParameterError, match="survives"):
        slide_geometry(CE(2, 0, 0), shape=Shape(beta=2.4))
