"""Validation of the reduced aQFP potential and its calibration (specs/aqfp.md section 8, targets 1-5).

- Target 1 (units): E_J/kT = Phi_0 I_c / (2 pi k_B T) ~ 283.8 for I_c = 50 uA at 4.2 K; kT ln 2 = 4.019e-23 J.
- Target 2 (elimination): Eq. 1 equals the two-junction QFP with its centre node minimised out
  (Ko & Lee, IEEE TAS 2, 156 (1992); Takeuchi et al., IEEE TAS 23, 1700304 (2013)), up to a constant.
- Target 3 (reduction): Eq. 2 (first order in beta_L) differs from the exact phi-minimisation by O(beta_L^2).
- Target 4 (Eq. 3): U(+-pi/2) = (theta -+ theta_s)^2/B for every exciter phase; Delta U = Phi_0 I_s/2.
- Target 5 (calibration): theta* = 2.56 rad and ideal BER 1e-71 (Q. Herr, arXiv:2504.04284).
Also: the exact 1-D reduction finds the same minima and saddles as a 2-D critical-point search
(landauer.landscape), and the static calibration is subcritical while the dynamics set is not.
"""

import math

import numpy as np
import pytest
from scipy import optimize

from landauer.constants import Phi_0, k_B, landauer_bound
from landauer.landscape import Kind, find_critical_points
from landauer.models.aqfp.calibration import calibrate, calibrate_port_inductance, criticality
from landauer.models.aqfp.params import L_IO_CALIBRATED, AqfpParams
from landauer.models.aqfp.potential import (
    ReducedPotential,
    adiabatic_ber,
    crossing_difference,
    crossing_exciter,
    eliminate_ports,
    energy_with_centre_node,
    landscape_potential,
    log10_adiabatic_ber,
)


def test_units():
    p = AqfpParams()
    assert p.ej_over_kT == pytest.approx(Phi_0 * 50e-6 / (2 * math.pi * k_B * 4.2), rel=1e-12)
    assert round(p.ej_over_kT, 1) == 283.8
    assert landauer_bound(4.2) == pytest.approx(4.019e-23, rel=5e-4)
    assert p.beta_L == pytest.approx(0.2154, abs=5e-5)


def test_eq1_equals_centre_node_elimination():
    rng = np.random.default_rng(7)
    beta_L = 0.2154
    for _ in range(20):
        betas = rng.uniform(0.5, 8.0, 3)
        phases = rng.uniform(-2.0, 2.0, 3)
        th1, th2, phix = rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(0, 2 * math.pi)
        full = optimize.minimize_scalar(
            lambda psi, a=th1, b=th2, px=phix, bb=betas, pp=phases: energy_with_centre_node(
                a, b, psi, phix=px, beta_L=beta_L, port_betas=bb, port_phases=pp),
            bracket=(-5, 5), tol=1e-14).fun
        bq, ts, const = eliminate_ports(betas, phases)
        rp = ReducedPotential(beta_L=beta_L, B=beta_L + 2 * bq)
        eq1 = rp.energy(0.5 * (th1 + th2), 0.5 * (th1 - th2), phix=phix, theta_s=ts)
        assert full == pytest.approx(eq1 + const, abs=1e-10)


def test_eq2_error_is_second_order_in_beta_L():
    theta = np.linspace(-3, 3, 301)
    errs = []
    for bl in (0.2, 0.1, 0.05):
        rp = ReducedPotential(beta_L=bl, B=2.0)
        e = max(np.max(np.abs(rp.reduced_energy(theta, phix=px, method="eq2")
                              - rp.reduced_energy(theta, phix=px))) for px in np.linspace(0, 2 * math.pi, 9))
        errs.append(e)
    # halving beta_L quarters the error (to within the O(beta_L^3) remainder)
    assert errs[0] / errs[1] == pytest.approx(4.0, rel=0.15)
    assert errs[1] / errs[2] == pytest.approx(4.0, rel=0.08)


def test_exact_reduction_is_the_minimum_over_phi():
    rp = ReducedPotential.from_params(AqfpParams())
    for th in (-2.5, -0.3, 0.0, 1.1, 2.9):
        for px in (0.5, 3.5, 5.0, 2 * math.pi):
            brute = optimize.minimize_scalar(lambda ph, t=th, x=px: float(rp.energy(t, ph, phix=x)),
                                             bracket=(0, 6), tol=1e-14).fun
            assert float(rp.reduced_energy(th, phix=px)) == pytest.approx(brute, abs=1e-12)


def test_crossings_and_eq3():
    p = AqfpParams()
    rp = ReducedPotential.from_params(p)
    ts = p.theta_s
    for px in np.linspace(0.0, 2 * math.pi, 13):
        up, um = rp.reduced_energy(np.array([math.pi / 2, -math.pi / 2]), phix=px, theta_s=ts)
        assert up == pytest.approx((math.pi / 2 - ts) ** 2 / p.B, abs=1e-13)
        assert um - up == pytest.approx(crossing_difference(theta_s=ts, B=p.B), abs=1e-12)
        assert float(rp.phi_star(math.pi / 2, phix=px)) == pytest.approx(px / 2, abs=1e-14)
    # Delta U = Phi_0 I_s / 2 with I_s = 2 I_c theta_s / B
    assert crossing_difference(theta_s=ts, B=p.B) * p.josephson_energy == pytest.approx(p.delta_u, rel=1e-12)
    # the curve whose minimum sits at +pi/2
    px = crossing_exciter(theta_s=ts, B=p.B)
    assert float(rp.reduced_slope(math.pi / 2, phix=px, theta_s=ts)) == pytest.approx(0.0, abs=1e-12)


def test_calibration_hits_paper_numbers():
    p, cal = calibrate()
    assert cal.theta_star == pytest.approx(2.56, abs=1e-9)
    assert cal.port_inductance == pytest.approx(L_IO_CALIBRATED, rel=1e-9)  # root-find = closed form
    assert math.log10(cal.ideal_ber) == pytest.approx(-71.0, abs=1e-9)
    assert float(log10_adiabatic_ber(cal.delta_u_kT)) == pytest.approx(-71.0, abs=1e-9)
    # the centre-node current is I_c theta*/B for equal ports; Phi_0 theta*/(2 pi L_out) is ~5 % high
    assert cal.output_current == pytest.approx(p.critical_current * cal.theta_star / cal.B, rel=1e-9)
    assert cal.output_current_naive / cal.output_current == pytest.approx(1 + p.beta_L / (2 * cal.beta_q),
                                                                          rel=1e-9)
    assert 0 < cal.attenuation < 1  # the calibrated signal is weaker than a bare neighbour's
    assert calibrate_port_inductance(theta_star=2.0) < cal.port_inductance


def test_calibrated_set_is_subcritical_dynamics_set_is_not():
    static = criticality(AqfpParams())
    assert not static.supercritical and static.coexistence_window > 0.05
    assert static.side_wells_above_centre_kT > 5  # wells appear well above the occupied centre well
    assert static.quartic < 0
    dyn = criticality(AqfpParams.supercritical())
    assert dyn.supercritical and dyn.quartic > 0


@pytest.mark.parametrize("phix", [4.0, 5.2, 2 * math.pi])
def test_reduction_matches_2d_critical_points(phix):
    p = AqfpParams.supercritical()
    rp = ReducedPotential.from_params(p)
    ts = 0.02
    pts = find_critical_points(landscape_potential(rp, phix=phix, theta_s=ts),
                               bounds=[(-3.7, 3.7), (0.0, 2 * math.pi)])
    st = rp.stationary(phix=phix, theta_s=ts)
    mins = sorted(q.x[0] for q in pts if q.kind is Kind.MINIMUM)
    sads = sorted(q.x[0] for q in pts if q.kind is Kind.SADDLE)
    np.testing.assert_allclose(mins, st.minima, atol=1e-8)
    np.testing.assert_allclose(sads, st.maxima, atol=1e-8)


def test_adiabatic_ber_limits():
    assert float(adiabatic_ber(0.0)) == 0.5
    assert float(log10_adiabatic_ber(1000.0)) == pytest.approx(-1000 / math.log(10), rel=1e-12)
