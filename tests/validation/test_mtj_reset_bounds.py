"""Landauer reset of the macrospin: bounds, fluctuation theorem and quasi-static convergence.

- Esposito & Van den Broeck, EPL 95, 40004 (2011): <W> >= W_min(eps) = kT[ln 2 + eps ln eps + (1-eps) ln(1-eps)].
- Quasi-static identity (specs/mtj.md section 5): -2 sigma int <m>_eq.dh along the 4 stages, stage 4 with
  frozen well populations, equals W_min(eps) with eps the equilibrium wrong-well fraction at the end of
  stage 3; checked by sphere quadrature to 1e-5 kT.
- Jarzynski, PRL 78, 2690 (1997), restricted to the final well: <e^{-W/kT} 1[m_y(end) > 0]> = 1/2 at
  any speed (initial and final Hamiltonians equal); the full <e^{-W/kT}> = 1 where N eps >~ 100.
- Finite-time excess <W>(tau) = W_inf + B/tau (Berut et al., Nature 483, 187 (2012)); the
  extrapolation reaches W_min(eps) within 3 SE; the no-bias control cycle extrapolates to 0.
Tolerances are k standard errors of ensemble means with fixed seeds.
"""

from __future__ import annotations

import math

import pytest

from landauer.bounds import erasure_with_error
from landauer.models.mtj.energy import wrong_well_fraction
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.reset import ResetProtocol, fit_excess, run_reset, summarize, sweep
from landauer.models.mtj.theory import eps_closed_form, quasistatic_reset_work


@pytest.mark.parametrize(("sigma", "hb"), [(3.0, 0.05), (8.0, 0.02), (18.8, 0.3)])
def test_quadrature_reference_equals_wmin(sigma: float, hb: float) -> None:
    r = quasistatic_reset_work(sigma=sigma, hx=1.5, hb=hb, n_u=300, n_phi=192, n_path=32)
    assert abs(r["W_qs"] - r["W_min"]) <= 1e-5
    eps_1d = wrong_well_fraction(sigma=sigma, xi=2 * sigma * hb)
    assert r["eps"] == pytest.approx(eps_1d, rel=1e-4)
    # restricting stage 4 to m_y > 0 alone would give ln 2 + ln(1 - eps): wrong unless eps ~ 0
    if r["eps"] > 1e-3:
        assert abs(r["W_qs"] - (math.log(2) + math.log(1 - r["eps"]))) > 1e-3


def test_eps_large_sigma_closed_form() -> None:
    for sigma, hb in ((18.8, 0.05), (30.0, 0.03)):
        exact = wrong_well_fraction(sigma=sigma, xi=2 * sigma * hb)
        # asymptotic form, accurate to O(1/sigma)
        assert exact == pytest.approx(eps_closed_form(sigma=sigma, hb=hb), rel=2.0 / sigma)
    assert eps_closed_form(sigma=18.8, hb=0.0) == 0.5


def test_restricted_jarzynski_finite_speed() -> None:
    # tau = 100 t0: <W> about 3 kT ln 2 with a work SD of ~1.7 kT, so the exponential average still
    # converges with 2000 trajectories (much faster protocols need exponentially many)
    system = ReducedMacrospin(zeta=2 * 18.8, alpha=1.0)
    s = summarize(run_reset(system, ResetProtocol(tau_stage=100.0), n_trajectories=2000, seed=21), 100.0)
    assert s.mean_W > math.log(2) + 1.0  # far from quasi-static
    assert abs(s.jarzynski_restricted - 0.5) <= 4 * s.jarzynski_restricted_se
    assert s.mean_W >= s.W_min_eps - 3 * s.se_W


def test_full_jarzynski_weak_barrier() -> None:
    # sigma = 3, weak bias: many trajectories end in the wrong well, so <e^{-W}> = 1 is testable
    system = ReducedMacrospin(zeta=2 * 3.0, alpha=1.0)
    s = summarize(run_reset(system, ResetProtocol(hb=0.1, tau_stage=5.0), n_trajectories=4000, seed=8), 5.0)
    assert s.eps_hat * s.n > 100
    assert abs(s.jarzynski_full - 1.0) <= 4 * s.jarzynski_full_se
    assert abs(s.jarzynski_restricted - 0.5) <= 4 * s.jarzynski_restricted_se


def test_quasistatic_convergence_and_control() -> None:
    system = ReducedMacrospin(zeta=2 * 18.8, alpha=1.0)
    taus = [30.0, 100.0, 300.0]
    ds = sweep(system, ResetProtocol(), taus, n_trajectories=300, seed=4)
    for w, se, wmin in zip(ds.mean_W.values, ds.se_W.values, ds.W_min_eps.values, strict=True):
        assert w >= wmin - 3 * se
    fit = fit_excess(taus, ds.mean_W.values, ds.se_W.values, decades=1.0)
    wmin = erasure_with_error(float(ds.eps_hat.values[-1]))
    assert abs(fit.W_inf - wmin) <= 3 * fit.W_inf_se, fit
    assert fit.B > 0
    control = sweep(system, ResetProtocol(hb=0.0), taus, n_trajectories=300, seed=5)
    cfit = fit_excess(taus, control.mean_W.values, control.se_W.values, decades=1.0)
    assert abs(cfit.W_inf) <= 3 * cfit.W_inf_se, cfit
