"""Energy audit (spec section 5) and the non-interacting open-circuit bound (spec section 7.7).

* Identity T sigma = eV J_L + sum_alpha (Delta mu_alpha/2) J^s_alpha [derived from sum J^N = sum J^E = 0
  at one temperature; Esposito, Harbola & Mukamel, RMP 81, 1665 (2009)], so P_el <= F_in.
* Equilibrium theorem (Schnakenberg, RMP 48, 571 (1976)): sp = 0, equal T => I(V = 0) = 0.
* Second law with sp = 0: T sigma = eV J_L >= 0, so sign(I) = sign(V) and P_el <= 0 at every bias.
* Non-interacting dimer: each spin channel's current has the sign of mu_L sigma - mu_R sigma, so every
  zero of I(V) satisfies |eV_oc| <= |Delta mu_L - Delta mu_R| / 2 (P: 2.94 meV, AP: 5.46 meV) [derived].
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.transport.audit import audit
from landauer.models.transport.observables import iv_dataset, zero_crossings
from landauer.models.transport.params import Alignment, paper_params

V = np.linspace(-12.0, 12.0, 241)


@pytest.mark.parametrize("alignment", list(Alignment))
def test_audit_paper_parameters(alignment: Alignment) -> None:
    rep = audit(paper_params(alignment), V)
    assert rep.equilibrium_relative_current < 1e-12
    assert abs(rep.zero_bias_current_A) > 1e-6 * 243.4e-9 * 0.05  # sp drives a real current
    assert rep.zero_bias_spin_input_W > 0
    assert rep.max_identity_residual < 1e-10
    assert rep.max_output_power_W > 0
    assert rep.max_output_power_W <= rep.spin_input_at_max_power_W
    assert rep.max_output_power_equilibrium_W <= 0
    assert rep.min_entropy_production_W_per_K >= 0
    assert "detailed balance gives I(V=0) = 0" in rep.verdict
    assert "powered entirely by the imposed spin accumulation" in rep.verdict
    assert "no support to an autonomous, indefinitely operating power source" in rep.verdict


def test_temperature_difference_is_named_as_resource() -> None:
    p = paper_params(Alignment.P, sp=0.0, T_L=320.0, T_R=280.0)
    rep = audit(p, V)
    assert "temperature difference" in rep.verdict
    assert rep.equilibrium_relative_current < 1e-12


@pytest.mark.parametrize("alignment", list(Alignment))
def test_equilibrium_leads_are_passive(alignment: Alignment) -> None:
    ds = iv_dataset(paper_params(alignment, sp=0.0), V)
    i = ds["current"].values
    assert np.all(i * V >= -1e-12 * np.abs(i).max())
    assert float(ds["power_el"].max()) <= 1e-12 * float(np.abs(ds["power_el"]).max())


@pytest.mark.parametrize(("alignment", "bound"), [(Alignment.P, 2.94), (Alignment.AP, 5.46)])
def test_noninteracting_open_circuit_bound(alignment: Alignment, bound: float) -> None:
    p = paper_params(alignment, U=0.0, U_inter=0.0, J_heis=0.0)
    dmu_l, dmu_r = p.sp, p.s_R * p.ap_ratio * p.sp
    assert abs(abs(dmu_l - dmu_r) / 2 - bound) < 1e-12
    grid = np.linspace(-30, 30, 601)
    roots = zero_crossings(p, grid, iv_dataset(p, grid)["current"].values)
    assert roots.size >= 1
    assert np.all(np.abs(roots) <= bound + 1e-9)
