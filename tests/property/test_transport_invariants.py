"""Thermodynamic invariants of the Pauli master equation for random dimers (hypothesis).

* Equilibrium theorem (Schnakenberg, RMP 48, 571 (1976)): with all mu equal and one temperature, the
  Gibbs state balances every edge, so I(V=0) = 0 to 1e-12 of e Gamma/hbar and P = Gibbs for any H_D
  (exchange, DM, fields), polarisation, spinterface filter, in P and AP, componentwise to the relative
  tolerance 8 eps (16 + |E|max/kT): the Boltzmann exponent E/kT carries a rounding error eps |E|max/kT,
  and the steady-state solver (GTH state reduction) keeps small populations to relative accuracy
  (tests/validation/test_transport_steady_state.py; 3000 random draws at 5-400 K stayed below 0.92 of
  the unit). The tolerance scales with 1/kT, so it holds for any draw, not only the derandomised ones.
* Second law: sigma >= 0 at every bias; every Schnakenberg edge term >= 0; reservoir and Schnakenberg
  forms agree to 1e-10.
* Conservation: sum_c J^N_c = sum_c J^E_c = 0 and sum_alpha J^s_alpha = 0 (S^z_tot conserved).
* Audit identity T sigma = eV J_L + sum_alpha (Delta mu_alpha/2) J^s_alpha (spec section 5), to 1e-10.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landauer.models.transport.audit import gamma_max, identity_terms
from landauer.models.transport.observables import spin_input
from landauer.models.transport.params import Alignment, SpinEngineParams
from landauer.models.transport.pauli import gibbs, solve, spectrum

energy = st.floats(-20.0, 20.0, allow_nan=False)
small = st.floats(-3.0, 3.0, allow_nan=False)
pol = st.floats(-0.9, 0.9, allow_nan=False)
gam = st.floats(0.005, 0.2, allow_nan=False)


@st.composite
def models(draw: st.DrawFn, *, equilibrium: bool) -> SpinEngineParams:
    temp = draw(st.floats(5.0, 400.0))
    return SpinEngineParams(
        e0=draw(energy),
        asym=draw(energy),
        t=draw(st.floats(0.0, 5.0)),
        U=draw(st.floats(0.0, 300.0)),
        U_inter=draw(st.floats(0.0, 50.0)),
        J_heis=draw(small),
        J_ising=draw(small),
        D_z=draw(small),
        B1=draw(small),
        B2=draw(small),
        sp=0.0 if equilibrium else draw(st.floats(-15.0, 15.0)),
        ap_ratio=draw(st.floats(-1.0, 1.0)),
        pL=draw(pol),
        pR=draw(pol),
        gamma_L=draw(gam),
        gamma_R=draw(gam),
        T_L=temp,
        T_R=temp,
        alignment=draw(st.sampled_from(list(Alignment))),
        spinterface=draw(st.booleans()),
        SP=draw(small),
        E0=draw(small),
        sp_width=draw(st.floats(1.0, 20.0)),
        spinterface_follows_electrode=draw(st.booleans()),
    )


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(p=models(equilibrium=True))
def test_equilibrium_leads_give_zero_current_and_gibbs_state(p: SpinEngineParams) -> None:
    ss = solve(p, [0.0], warn=False)
    g = gamma_max(p)
    assert np.max(np.abs(ss.particle)) < 1e-12 * g
    assert np.max(np.abs(ss.energy)) < 1e-12 * g * max(1.0, np.abs(spectrum(p, np.zeros(1))
                                                                .energies).max())
    spec = spectrum(p, np.zeros(1))
    kt = float(ss.kT[0])
    g_pop = gibbs(spec.energies, spec.n, mu=0.0, kT=kt)
    rtol = 8 * np.finfo(float).eps * (16 + max(1.0, float(np.abs(spec.energies).max())) / kt)
    assert np.all(ss.populations >= 0)
    assert np.all(np.abs(ss.populations - g_pop) <= rtol * g_pop + 1e-250)


@SETTINGS
@given(p=models(equilibrium=False), v=st.lists(st.floats(-30.0, 30.0), min_size=1, max_size=5))
def test_second_law_conservation_and_audit_identity(p: SpinEngineParams, v: list[float]) -> None:
    vv = np.asarray(v)
    ss = solve(p, vv, warn=False)
    g = gamma_max(p)
    emax = max(1.0, float(np.abs(spectrum(p, vv).energies).max()), float(np.abs(ss.mu).max()))
    # second law, per edge and in total, both forms
    assert np.all(ss.sigma >= -1e-12 * g)
    assert np.all(ss.min_edge_term >= -1e-12 * g)
    kt = float(ss.kT[0])
    np.testing.assert_allclose(ss.sigma_schnakenberg, ss.sigma, rtol=0, atol=1e-10 * g * emax / kt)
    # conservation of particles, energy, spin
    np.testing.assert_allclose(ss.particle.sum(axis=1), 0.0, atol=1e-12 * g)
    np.testing.assert_allclose(ss.energy.sum(axis=1), 0.0, atol=1e-12 * g * emax)
    np.testing.assert_allclose(ss.lead_spin("L") + ss.lead_spin("R"), 0.0, atol=1e-12 * g)
    np.testing.assert_allclose(ss.lead_particle("L"), -ss.lead_particle("R"), atol=1e-12 * g)
    # audit identity T sigma = eV J_L + F_in, hence P_el <= F_in
    terms = identity_terms(ss, vv)
    np.testing.assert_allclose(terms["T_sigma"], terms["eVJ_plus_F_in"], rtol=0,
                               atol=1e-10 * g * emax)
    p_el = -vv * ss.lead_particle("L")
    assert np.all(p_el <= spin_input(ss) + 1e-10 * g * emax)
