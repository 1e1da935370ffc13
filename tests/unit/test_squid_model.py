"""Unit tests of the coupled-SQUID model: parameters, potentials and derivatives, engine functions,
CE sign rules and notation, protocol conversion, NAND bookkeeping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.landscape import check_derivatives
from landauer.models.squid import ALL_CES, CE, EFFECTIVE, Controls, Schedule, Shape, SquidParams, parse_ce
from landauer.models.squid.model import N_CONTROLS, engine_protocol, lam_of, model_for
from landauer.models.squid.nand import (
    clopper_pearson,
    ideal_map,
    ideal_trace,
    landauer_cost,
    nand_ok,
    nand_sequence,
)
from landauer.models.squid.params import PH, qfp_like
from landauer.models.squid.potential import energy_2d, energy_4d, gradient_2d, landscape_2d, landscape_4d
from landauer.models.squid.protocols import ce_protocol
from landauer.validation import ParameterError

C_TEST = Controls(phi1x=0.1, phi2x=-0.2, phi1xdc=1.0, phi2xdc=0.5, mu=0.06)


def test_scales_and_dimensionless_set() -> None:
    p = SquidParams.from_dimensionless(L=10 * PH, C=500e-15, R=30.0, T=4.2, beta=2.3, dbeta=0.1, gamma=15,
                                       mu=0.05)
    assert p.beta == pytest.approx(2.3, rel=1e-12)
    assert p.dbeta == pytest.approx(0.1, rel=1e-12)
    assert p.gamma == pytest.approx(15.0, rel=1e-12)
    assert p.mu == pytest.approx(0.05, rel=1e-12)
    # U0/kT = 7845/(L[pH] T[K]) (specs/squid_ce.md section 4)
    assert p.U0_over_kT == pytest.approx(7845.0 / (10 * 4.2), rel=1e-3)
    assert p.t_c == pytest.approx(math.sqrt(10e-12 * 500e-15))
    assert p.damping == pytest.approx(2 * math.sqrt(10e-12 / 500e-15) / 30.0)
    q = p.with_(T=1.0, beta=2.0)
    assert q.T == 1.0 and q.beta == pytest.approx(2.0) and q.gamma == pytest.approx(15.0)


@pytest.mark.parametrize("field,value", [("L", -1.0), ("T", 0.0), ("R", float("nan")), ("M12", 1.0)])
def test_bad_parameters_name_the_field(field: str, value: float) -> None:
    with pytest.raises(ParameterError, match=field):
        qfp_like().with_(**{field: value})


def test_controls_reject_bad_mu() -> None:
    with pytest.raises(ParameterError, match="mu"):
        Controls(mu=1.0)


@pytest.mark.parametrize("xi_on", [False, True])
def test_analytic_derivatives(xi_on: bool) -> None:
    s = Shape(beta=2.3, dbeta=0.07, gamma=12.0, xi_on=xi_on)
    for x in ([0.3, -0.7], [2.0, 1.9], [-1.1, 0.05]):
        ge, he = check_derivatives(landscape_2d(C_TEST, s), x)
        assert ge < 1e-8 and he < 1e-7
        ge, he = check_derivatives(landscape_4d(C_TEST, s), [*x, 0.9, 0.4])
        assert ge < 1e-8 and he < 1e-7


def test_four_dof_reduces_to_two_d_at_phi_dc_equal_phi_xdc() -> None:
    s = Shape(beta=2.3, dbeta=0.0, gamma=7.0, xi_on=False)
    x = np.array([[0.4, -1.3], [2.1, 2.0]])
    x4 = np.column_stack([x, np.full(2, C_TEST.phi1xdc), np.full(2, C_TEST.phi2xdc)])
    assert np.allclose(energy_4d(x4, C_TEST, s), energy_2d(x, C_TEST, s), atol=1e-14)


@pytest.mark.parametrize("dof", [2, 4])
def test_engine_functions_match_numpy(dof: int) -> None:
    s = Shape(beta=2.1, dbeta=0.05 if dof == 4 else 0.0, gamma=9.0, xi_on=True)
    model = model_for(dof, s)
    full = lam_of(C_TEST, s, dof)
    lam = full[:N_CONTROLS]
    np.testing.assert_array_equal(model.param_vector(), full[N_CONTROLS:])
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, size=(5, dof))
    ref_e = energy_2d(X, C_TEST, s) if dof == 2 else energy_4d(X, C_TEST, s)
    pot = landscape_2d(C_TEST, s) if dof == 2 else landscape_4d(C_TEST, s)
    assert np.allclose(model.energy_of(X, lam), ref_e, atol=1e-13)
    assert np.allclose(model.gradient_of(X, lam), pot.gradients(X), atol=1e-13)
    # py_func vectorises over (ndim, n)
    assert np.allclose(model.energy.py_func(X.T, lam, model.param_vector()), ref_e, atol=1e-13)
    assert list(model.classify_of(np.array([[1, 1] + [0] * (dof - 2), [-1, 1] + [0] * (dof - 2)]))) == [3, 1]


def test_sign_rules_match_spec_table() -> None:
    # specs/squid_ce.md section 6: phi_jx = 0.61 [[c=0]], mu = 0.06 [[c!=t]], phi_ix = 0.10 [[t=1]]
    c = CE(2, 0, 1).controls(EFFECTIVE)
    assert (c.phi2xdc, c.phi1x, c.mu, c.phi2x, c.phi1xdc) == (1.79, 0.61, 0.06, 0.10, 0.0)
    c = CE(1, 1, 1).controls(EFFECTIVE)
    assert (c.phi1xdc, c.phi2x, c.mu, c.phi1x, c.phi2xdc) == (1.79, -0.61, -0.06, 0.10, 0.0)
    c = CE(2, 1, 0).controls(EFFECTIVE)
    assert (c.phi1x, c.mu, c.phi2x) == (-0.61, 0.06, -0.10)


def test_ce_mappings_and_notation() -> None:
    moved = {ce.name: ce.moved() for ce in ALL_CES}
    assert moved == {
        "CE(2,0,0)": ("01", "00"), "CE(2,0,1)": ("00", "01"), "CE(2,1,0)": ("11", "10"),
        "CE(2,1,1)": ("10", "11"), "CE(1,0,0)": ("10", "00"), "CE(1,0,1)": ("00", "10"),
        "CE(1,1,0)": ("11", "01"), "CE(1,1,1)": ("01", "11"),
    }
    assert CE(2, 0, 1).notation == "b2 := 1 if b1 = 0"
    assert parse_ce("CE(1,1,0)") == CE(1, 1, 0) and parse_ce(" 2,0,1 ") == CE(2, 0, 1)
    with pytest.raises(ParameterError, match="parse"):
        parse_ce("2-0-1")
    with pytest.raises(ParameterError, match="erased"):
        CE(3, 0, 0)


def test_engine_protocol_follows_phi_xdc_ramp() -> None:
    sch = Schedule(ramp=100.0, hold=50.0)
    prot = ce_protocol(CE(2, 0, 0), schedule=sch)
    assert prot.duration == pytest.approx(250.0)
    s = Shape(beta=2.3)
    ep = engine_protocol(prot, s, 2)
    t = np.linspace(0, 250, 1001)
    phys = prot.values_at(t)
    eng = ep.values_at(t)
    k2 = 2.3 * np.cos(phys[:, prot.controls.index("phi2xdc")] / 2)
    assert np.max(np.abs(eng[:, ep.controls.index("k2")] - k2)) < 1e-4
    assert np.allclose(eng[:, ep.controls.index("phi1x")], phys[:, prot.controls.index("phi1x")])
    assert ep.values[-1] == ep.values[0]


def test_nand_traces_and_landauer_cost() -> None:
    # specs/squid_ce.md section 8
    assert ideal_trace(nand_sequence(complete=True)) == {
        "00": ["00", "00", "01", "01", "11", "11"], "01": ["01", "01", "01", "01", "11", "11"],
        "10": ["10", "00", "01", "01", "11", "11"], "11": ["11", "11", "11", "10", "10", "00"],
    }
    assert ideal_map(nand_sequence(complete=False)) == {"00": "01", "01": "01", "10": "01", "11": "10"}
    for complete in (False, True):
        m = ideal_map(nand_sequence(complete=complete))
        assert all(nand_ok(i, o, complete=complete) for i, o in m.items())
        assert landauer_cost(nand_sequence(complete=complete)) == pytest.approx(0.8239592, abs=1e-6)
    # closed form W_L = H(p) - h(p11)
    p = {"00": 0.1, "01": 0.2, "10": 0.3, "11": 0.4}
    H = -sum(v * math.log(v) for v in p.values())
    h = -(0.4 * math.log(0.4) + 0.6 * math.log(0.6))
    assert landauer_cost(nand_sequence(complete=True), p) == pytest.approx(H - h, abs=1e-12)
    with pytest.raises(ParameterError, match="sum to 1"):
        landauer_cost(nand_sequence(complete=True), {"00": 0.5})


def test_clopper_pearson_limits() -> None:
    lo, hi = clopper_pearson(3000, 3000)
    assert hi == 1.0 and lo == pytest.approx(0.025 ** (1 / 3000), rel=1e-9)
    lo, hi = clopper_pearson(50, 100)
    assert lo < 0.5 < hi


def test_gradient_of_reduced_potential_vanishes_at_rest_minimum() -> None:
    # phi* = beta sin(phi*) (uncoupled, untilted), |phi*| ~ 2.0456 at beta = 2.3
    from scipy.optimize import brentq

    ps = brentq(lambda f: f - 2.3 * math.sin(f), 1.0, 3.0)
    g = gradient_2d(np.array([ps, -ps]), Controls(), Shape())
    assert np.max(np.abs(g)) < 1e-12
