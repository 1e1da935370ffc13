"""Energy audit of the spin engine: what free-energy resource powers the current at zero bias.

Steady-state identity [derived; Esposito, Harbola & Mukamel, RMP 81, 1665 (2009)]. With
``sum_c J^N_c = sum_c J^E_c = 0`` and a common temperature T,

.. math::
    T\\sigma = -\\sum_c J^Q_c = \\sum_c \\mu_c J^N_c
             = eV J_L + \\sum_\\alpha \\frac{\\Delta\\mu_\\alpha}{2} J^s_\\alpha \\ge 0,

so the electrical output ``P_el = -eV J_L`` never exceeds the spin-accumulation input
``F_in = sum_alpha (Delta mu_alpha / 2) J^s_alpha`` (efficiency <= 1).

Equilibrium theorem [Schnakenberg, RMP 48, 571 (1976)]: if all mu_{alpha sigma} and T_alpha are equal,
the Gibbs state balances every edge separately, so every current vanishes at V = 0 for any dimer
Hamiltonian, polarisation and spinterface filter. A V = 0 current therefore needs sp != 0 (or a
temperature difference); a spin accumulation relaxes by spin flips (Valet & Fert, PRB 48, 7099 (1993))
and must be pumped with power >= F_in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.models.transport.observables import (
    iv_dataset,
    open_circuit_voltage,
    refined_max_power,
    spin_input,
)
from landauer.models.transport.params import SpinEngineParams
from landauer.models.transport.pauli import CURRENT_A, POWER_W, SteadyState, solve

#: Relative tolerance (|I| / (e Gamma_max / hbar)) for "the current vanishes" at equilibrium.
EQUILIBRIUM_TOL: float = 1e-12


def identity_terms(state: SteadyState, v: NDArray[np.float64]) -> dict[str, NDArray[np.float64]]:
    """The three sides of the identity in meV x meV/hbar: ``T sigma``, ``sum mu J^N``, ``eV J_L + F_in``.

    ``T sigma`` uses the reservoir form ``-sum_c J^Q_c T / T_c`` and is meaningful for equal
    temperatures (then all three agree).
    """
    v = np.atleast_1d(np.asarray(v, dtype=float))
    t_sigma = -(state.heat * (state.kT.min() / state.kT)[None, :]).sum(axis=1)
    mu_j = (state.mu * state.particle).sum(axis=1)
    ev_j = v * state.lead_particle("L") + spin_input(state)
    return {"T_sigma": t_sigma, "sum_mu_J": mu_j, "eVJ_plus_F_in": ev_j}


def gamma_max(p: SpinEngineParams) -> float:
    """Largest channel coupling (meV)."""
    return max(p.gamma_L * (1 + abs(p.pL)), p.gamma_R * (1 + abs(p.pR)))


@dataclass(frozen=True)
class AuditReport:
    """Result of :func:`audit` (SI units; voltages in mV)."""

    zero_bias_current_A: float
    zero_bias_spin_input_W: float
    equilibrium_zero_bias_current_A: float
    equilibrium_relative_current: float
    open_circuit_voltage_mV: float
    max_output_power_W: float
    max_power_bias_mV: float
    spin_input_at_max_power_W: float
    efficiency_at_max_power: float
    max_output_power_equilibrium_W: float
    max_identity_residual: float
    min_entropy_production_W_per_K: float
    temperature_difference_K: float
    verdict: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def audit(p: SpinEngineParams, v: NDArray[np.float64] | None = None) -> AuditReport:
    """Run the energy audit of ``p`` on the bias grid ``v`` (mV; default -10..10 mV, 401 points).

    Re-runs the model with equilibrium leads (sp = 0, T_R = T_L) and states what powers the output.
    """
    grid = np.linspace(-10.0, 10.0, 401) if v is None else np.asarray(v, dtype=float)
    if grid.ndim != 1 or grid.size < 3:
        raise ValueError("audit needs a 1-D bias grid of at least 3 points")
    ds = iv_dataset(p, grid)
    st = solve(p, grid, warn=False)
    terms = identity_terms(st, grid)
    scale = gamma_max(p) * max(1.0, float(np.max(np.abs(st.mu))))
    if p.T_L == p.T_R:
        resid = float(np.max(np.abs(terms["T_sigma"] - terms["eVJ_plus_F_in"]))) / scale
    else:
        resid = float(np.max(np.abs(terms["sum_mu_J"] - terms["eVJ_plus_F_in"]))) / scale
    zero = solve(p, [0.0], warn=False)
    i0 = float(CURRENT_A * zero.lead_particle("L")[0])
    f0 = float(spin_input(zero)[0] * POWER_W)
    eq_p = p.replace(sp=0.0, T_R=p.T_L)
    eq0 = solve(eq_p, [0.0], warn=False)
    i_eq = float(CURRENT_A * eq0.lead_particle("L")[0])
    rel_eq = abs(i_eq) / (CURRENT_A * gamma_max(p))
    eq_power = float(np.max(iv_dataset(eq_p, grid)["power_el"].values))
    current = ds["current"].values
    power = ds["power_el"].values
    v_oc = open_circuit_voltage(p, grid, current)
    v_best, p_max = refined_max_power(p, grid, power, v_oc)
    fin_max = float(spin_input(solve(p, [v_best], warn=False))[0] * POWER_W)
    eff = p_max / fin_max if p_max > 0 and fin_max > 0 else float("nan")
    report = dict(
        zero_bias_current_A=i0,
        zero_bias_spin_input_W=f0,
        equilibrium_zero_bias_current_A=i_eq,
        equilibrium_relative_current=rel_eq,
        open_circuit_voltage_mV=v_oc,
        max_output_power_W=p_max,
        max_power_bias_mV=v_best,
        spin_input_at_max_power_W=fin_max,
        efficiency_at_max_power=eff,
        max_output_power_equilibrium_W=eq_power,
        max_identity_residual=resid,
        min_entropy_production_W_per_K=float(ds["entropy_production"].min()),
        temperature_difference_K=float(p.T_L - p.T_R),
    )
    return AuditReport(verdict=_verdict(p, report), **report)


def _verdict(p: SpinEngineParams, r: dict[str, float]) -> str:
    rel = r["equilibrium_relative_current"]
    if rel < EQUILIBRIUM_TOL:
        first = (
            "With equilibrium leads (sp = 0, equal temperatures) detailed balance gives I(V=0) = 0 "
            f"(|I| = {rel:.1e} of e*Gamma/hbar, < {EQUILIBRIUM_TOL:g} relative)"
        )
    else:
        first = (
            "WARNING: with equilibrium leads the model still gives I(V=0) != 0 "
            f"({rel:.1e} of e*Gamma/hbar): detailed balance is violated, the model is inconsistent"
        )
    sources = []
    if p.sp != 0.0:
        sources.append(f"the imposed spin accumulation (sp = {p.sp:g} meV, F_in = "
                       f"{r['zero_bias_spin_input_W']:.3e} W at V = 0)")
    if r["temperature_difference_K"] != 0.0:
        sources.append(f"the imposed temperature difference ({r['temperature_difference_K']:g} K)")
    if sources:
        second = "; the V = 0 current (" + f"{r['zero_bias_current_A']:.3e} A) is powered entirely by " + \
            " and ".join(sources)
    else:
        second = "; no spin accumulation or temperature difference is imposed, so nothing drives a current"
    eff = r["efficiency_at_max_power"]
    eff_txt = "" if not np.isfinite(eff) else f" (P_el/F_in = {eff:.3g} <= 1 at the maximum-power point)"
    return (
        first + second + eff_txt
        + "; the model gives no support to an autonomous, indefinitely operating power source."
    )
