"""Reproduction of the spin-engine MTJ paper with a thermodynamically consistent transport model.

Paper: Katcko et al., "Spin-driven electrical power generation at room temperature",
Commun. Phys. 2, 116 (2019), arXiv:1809.09836. The paper's own formalism (SI) is not public; we map
its printed parameter set onto the Pauli master-equation model of :mod:`landauer.models.transport`
(mapping in :func:`~landauer.models.transport.params.paper_params`), check the qualitative features
one by one, and audit which free-energy resource drives the zero-bias current.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import xarray as xr

from landauer.models.transport import figures
from landauer.models.transport.audit import EQUILIBRIUM_TOL, audit, gamma_max
from landauer.models.transport.observables import (
    iv_dataset,
    refined_max_power,
    tmr,
    zero_crossings,
)
from landauer.models.transport.params import paper_params
from landauer.models.transport.pauli import TransportValidityWarning, solve, spectrum, validity
from landauer.models.transport.rates import K_B_MEV
from landauer.reproduce import Report

TITLE = "Spin-driven electrical power at room temperature (spin engine MTJ)"
CITATION = (
    "K. Katcko et al., Spin-driven electrical power generation at room temperature, "
    "Commun. Phys. 2, 116 (2019), arXiv:1809.09836"
)

#: Paper: "power generation above 0.1nW" (features list, item 3; Fig. 2c inset "can exceed 0.1nW").
PAPER_POWER_W = 0.1e-9
#: Validity edge of the Pauli (sequential-tunnelling) approach used for the magnitude verdict.
GAMMA_OVER_KT_VALID = 0.1
#: Independent review (issue 14, QmeQ 1.1 first-order von Neumann): the paper's power needs at least this.
GAMMA_NEEDED_MEV_1VN = 16.0
#: Paper's density: 0.1 nW per MTJ -> 0.4 W/cm^2, i.e. 4e9 devices per cm^2 (158 nm pitch) [derived].
PAPER_DENSITY_PER_CM2 = 0.4 / 0.1e-9
PAPER_TMR_PEAK_V_MV = -3.5


def _features(v: np.ndarray, iv: dict[str, xr.Dataset], roots: dict[str, np.ndarray]
              ) -> tuple[dict[str, bool], dict[str, Any]]:
    """Check the paper's qualitative features on one pair of I(V) curves."""
    ip, iap = iv["P"]["current"].values, iv["AP"]["current"].values
    k0 = int(np.argmin(np.abs(v)))
    scale = max(np.abs(ip).max(), np.abs(iap).max())
    nonzero = min(abs(ip[k0]), abs(iap[k0])) > 1e-3 * scale
    distinct = abs(ip[k0] - iap[k0]) > 1e-3 * scale
    voc = {s: (float(r[np.argmin(np.abs(r))]) if r.size else float("nan")) for s, r in roots.items()}
    step = float(v[1] - v[0])
    voc_ok = all(np.isfinite(x) and abs(x) > step for x in voc.values()) and \
        abs(voc["P"] - voc["AP"]) > step
    power = {s: float(ds["power_el"].max()) for s, ds in iv.items()}
    t_all = tmr(ip, iap, min_current=1e-3 * np.abs(iap).max())
    opposite = ip * iap < 0
    opp_tmr = bool(np.any(opposite & (t_all < -1.0)))
    # TMR peak at V < 0 away from the I_AP zero (|I_AP| >= 10 % of its max), narrower than k_B T / e
    t_peak = tmr(ip, iap, min_current=0.1 * np.abs(iap).max())
    neg = (v < 0) & np.isfinite(t_peak)
    peak: dict[str, float] = {"value": float("nan"), "V_mV": float("nan"), "fwhm_mV": float("nan")}
    sharp = False
    if neg.any():
        kk = int(np.nanargmax(np.where(neg, t_peak, -np.inf)))
        peak["value"], peak["V_mV"] = float(t_peak[kk]), float(v[kk])
        interior = 0 < kk < v.size - 1 and neg[kk - 1] and neg[kk + 1]
        if interior and t_peak[kk] > 0:
            half = t_peak[kk] / 2
            lo, hi = kk, kk
            while lo > 0 and neg[lo - 1] and t_peak[lo - 1] > half:
                lo -= 1
            while hi < v.size - 1 and neg[hi + 1] and t_peak[hi + 1] > half:
                hi += 1
            if lo > 0 and hi < v.size - 1 and neg[lo - 1] and neg[hi + 1]:
                peak["fwhm_mV"] = float(v[hi] - v[lo])
                sharp = t_peak[kk] >= 1.0 and peak["fwhm_mV"] < 295 * K_B_MEV
    extrema = {}
    for s, cur in (("P", ip), ("AP", iap)):
        d = np.sign(np.diff(cur))
        extrema[s] = int(np.sum(d[1:] * d[:-1] < 0))
    feats = {
        "zero_bias_current_state_dependent": bool(nonzero and distinct),
        "state_dependent_zero_current_bias": bool(voc_ok),
        "power_generation_window": bool(power["P"] > 0 and power["AP"] > 0),
        "current_oscillations": bool(min(extrema.values()) >= 3),
        "opposite_signs_tmr_below_minus_100": opp_tmr,
        "sharp_tmr_peak_negative_bias": bool(sharp),
    }
    info = {"V_oc_mV": voc, "max_power_W": power, "tmr_peak": peak, "n_extrema": extrema,
            "opposite": opposite, "tmr": t_all}
    return feats, info


def run(*, quick: bool, seed: int, progress: bool) -> Report:
    """Sweep I(V) in P and AP with the paper's parameters, check its features, audit the energetics."""
    report = Report(paper="spin-engine", quick=quick, seed=seed)
    v = np.linspace(-10.0, 10.0, 801 if quick else 4001)
    params = {s: paper_params(s) for s in ("P", "AP")}
    iv = {s: iv_dataset(p, v) for s, p in params.items()}
    iv_eq = {s: iv_dataset(p.replace(sp=0.0), v) for s, p in params.items()}
    roots = {s: zero_crossings(params[s], v, iv[s]["current"].values) for s in params}
    feats, info = _features(v, iv, roots)
    roots_eq = {s: zero_crossings(params[s].replace(sp=0.0), v, iv_eq[s]["current"].values)
                for s in params}
    feats_eq, _ = _features(v, iv_eq, roots_eq)
    audits = {s: audit(p, v) for s, p in params.items()}

    eq_i = max(abs(a.equilibrium_zero_bias_current_A) for a in audits.values())
    rel = max(a.equilibrium_relative_current for a in audits.values())
    report.add("equilibrium_zero_bias_current_A", eq_i, unit="A", check=rel < EQUILIBRIUM_TOL,
               note=f"sp = 0, one temperature, P and AP: |I(0)| = {rel:.1e} of e*Gamma/hbar "
                    f"(check: detailed balance, < {EQUILIBRIUM_TOL:g}). The paper's 'autonomous' "
                    "source is not possible with equilibrium leads.")
    for s in ("P", "AP"):
        report.add(f"zero_bias_current_{s}_A", audits[s].zero_bias_current_A, unit="A",
                   note=f"sp = 8.4 meV imposed; paid for by F_in = "
                        f"{audits[s].zero_bias_spin_input_W:.3e} W of spin-accumulation free energy")
        report.add(f"open_circuit_voltage_{s}_mV", info["V_oc_mV"][s], unit="mV",
                   note="zero-current bias nearest 0 (model sign convention mu_L - mu_R = eV)")
    sig_min = min(float(ds["entropy_production"].min()) for ds in iv.values())
    report.add("min_entropy_production", sig_min, unit="W/K", check=sig_min >= 0,
               note="minimum of sigma over the bias grid, P and AP (check: second law, >= 0)")
    best = max(("P", "AP"), key=lambda s: info["max_power_W"][s])
    vmax, pmax = refined_max_power(params[best], v, iv[best]["power_el"].values,
                                   info["V_oc_mV"][best])
    kt = 295 * K_B_MEV
    report.add("max_output_power_W", pmax, unit="W", paper_value=PAPER_POWER_W, log10=True, tolerance=0.5,
               note=f"{best} at V = {vmax:.3g} mV with Gamma_max = {gamma_max(params[best]):.3g} meV "
                    f"(Gamma/kT = {gamma_max(params[best]) / kt:.2g}). Paper: 'above 0.1 nW'. Compared on "
                    "log10 with a tolerance of 0.5 decade (orders of magnitude only: the model's Gamma "
                    "is chosen for validity, not measured).")
    k_valid, k_kt = _validity_scales(params[best], v, kt)
    p_edge, v_edge = _power_scaled(params[best], v, k_valid)
    p_kt, _ = _power_scaled(params[best], v, k_kt)
    report.add("max_output_power_at_validity_edge_W", p_edge, unit="W", paper_value=PAPER_POWER_W,
               log10=True, tolerance=0.5,
               note=f"same model solved directly with every Gamma scaled by {k_valid:.3g}, the largest "
                    "factor keeping the Pauli approach valid (t >= 10 Gamma, Gamma <= 0.1 kT, populated "
                    f"in-block spacings >= 10 Gamma); maximum at V = {v_edge:.3g} mV. Even ignoring t and the "
                    f"spacings (Gamma_max = {GAMMA_OVER_KT_VALID:g} kT = {GAMMA_OVER_KT_VALID * kt:.3g} meV) "
                    f"it is {p_kt:.3g} W. Log10 tolerance 0.5 decade as above. Pauli currents are linear "
                    "in Gamma only while Gamma << kT, so extrapolating further (the former 'Gamma ~ 3.6 "
                    "eV') is not meaningful; an independent first-order von Neumann calculation (QmeQ "
                    "1.1, issue 14 review: it differs from Pauli by 69 % at Gamma = 5 meV and 95 % at 16 "
                    f"meV) needs Gamma >~ {GAMMA_NEEDED_MEV_1VN:g} meV, Gamma/kT >~ "
                    f"{GAMMA_NEEDED_MEV_1VN / kt:.2f}, for 0.1 nW: outside the validity of both "
                    "approaches, where lifetime broadening would also wash out the 0.25 meV features the "
                    "paper reports.")
    effs = [float(np.nanmax(ds["efficiency"].values)) for ds in iv.values()
            if np.isfinite(ds["efficiency"].values).any()]
    eff = max(effs) if effs else float("nan")
    report.add("output_over_spin_input_max", eff, unit="1", check=bool(eff <= 1),
               note="max of P_el/F_in where P_el > 0; check: the audit identity T sigma = eVJ + F_in "
                    "bounds it by 1")
    resid = max(a.max_identity_residual for a in audits.values())
    report.add("max_identity_residual", resid, unit="1", check=resid < 1e-10,
               note="|T sigma - (eV J_L + F_in)| relative to Gamma*max|mu|, P and AP; check: < 1e-10")
    report.add("features_reproduced", feats, unit="bool",
               note="model with sp = 8.4 meV; one verdict per feature in feature_<name>; numbers in "
                    "feature_details")
    for name, ok in feats.items():
        report.add(f"feature_{name}", bool(ok), unit="bool", paper_value=True,
                   note="the paper reports this feature (Fig. 2, features 1-6); value: does the model "
                        "with sp = 8.4 meV show it")
    report.add("features_with_equilibrium_leads", feats_eq, unit="bool",
               check=not any(feats_eq.values()),
               note="same model at sp = 0; check: every zero-bias feature must disappear")
    report.add("feature_details", {
        "V_oc_mV": info["V_oc_mV"],
        "max_power_W": info["max_power_W"],
        "tmr_peak_negative_bias": info["tmr_peak"],
        "paper_tmr_peak": {"value": 3.0, "V_mV": PAPER_TMR_PEAK_V_MV, "fwhm_mV": 1.3},
        "n_current_extrema": info["n_extrema"],
        "opposite_sign_window_mV": (
            [float(v[info["opposite"]].min()), float(v[info["opposite"]].max())]
            if info["opposite"].any() else None
        ),
        "min_tmr": float(np.nanmin(info["tmr"])),
    }, unit="mixed", note="TMR peak: maximum of TMR at V < 0 where |I_AP| >= 10 % of its maximum")
    density = pmax * PAPER_DENSITY_PER_CM2 if pmax > 0 else 0.0
    report.add("array_power_density_W_per_cm2", density, unit="W/cm^2", paper_value=0.4,
               log10=density > 0, tolerance=0.5 if density > 0 else 0.05,
               note="Compared on log10 with a tolerance of 0.5 decade. Paper's assumptions: 4e9 "
                    "devices/cm^2 (0.1 nW -> 0.4 W/cm^2, 158 nm pitch), every "
                    "device hosting a working path (measured yield 1/168, ~1/216 with 48 more), power "
                    "independent of device size, resource lasting indefinitely. Our number uses the "
                    "model's max P_el and those same generous assumptions AND needs an external pump "
                    "holding sp = 8.4 meV with power >= F_in per device; with equilibrium leads the "
                    "ceiling is exactly 0. Area-scaling the 20 um device instead gives 3.2e-5 W/cm^2 "
                    "at the paper's 0.1 nW.")
    report.add("validity_gamma_over_kT", gamma_max(params["P"]) / kt, unit="1",
               check=gamma_max(params["P"]) / kt <= GAMMA_OVER_KT_VALID,
               note="Pauli master equation requires Gamma << k_B T and t >> Gamma (t = 2 meV); check: "
                    f"<= {GAMMA_OVER_KT_VALID:g}")
    _paper_errors(report, feats_eq, rel, p_edge)
    for s in ("P", "AP"):
        report.add(f"audit_{s}", audits[s].verdict, unit="text")
        report.add_dataset(f"iv_{s}", iv[s])
    report.add_figure("iv", figures.iv_figure(iv, iv_eq))
    report.add_figure("tmr", figures.tmr_figure(v, info["tmr"], info["opposite"]))
    report.add_figure("power", figures.power_figure(iv))
    report.add_figure("spin_currents", figures.spin_current_figure(iv))
    report.add_figure("entropy_production", figures.entropy_figure(iv, params["P"].T_L))
    return report


def _validity_scales(p: Any, v: np.ndarray, kt: float) -> tuple[float, float]:
    """Largest overall Gamma scale keeping every Pauli validity criterion, and the Gamma <= 0.1 kT one alone."""
    val = validity(p, spectrum(p, v), solve(p, v, warn=False).populations)
    k_kt = GAMMA_OVER_KT_VALID / val.gamma_over_kT
    k_hop = val.hopping_over_gamma / 10 if val.hopping_over_gamma > 0 else np.inf
    return float(min(k_kt, k_hop, val.min_spacing_over_gamma / 10)), float(k_kt)


def _power_scaled(p: Any, v: np.ndarray, k: float) -> tuple[float, float]:
    """Max P_el (W) and its bias (mV) with every coupling multiplied by ``k`` (solved, not scaled)."""
    q = p.replace(gamma_L=p.gamma_L * k, gamma_R=p.gamma_R * k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TransportValidityWarning)
        ds = iv_dataset(q, v)
    roots = zero_crossings(q, v, ds["current"].values)
    voc = float(roots[np.argmin(np.abs(roots))]) if roots.size else float("nan")
    vm, pm = refined_max_power(q, v, ds["power_el"].values, voc)
    return pm, vm


def _paper_errors(report: Report, feats_eq: dict[str, bool], rel: float, p_edge: float) -> None:
    report.add_paper_error(
        "autonomous_source", where="abstract, conclusion",
        claim="an autonomous, always-on source harvesting thermal spin fluctuations at one temperature",
        evidence=f"the paper's own model needs a spin splitting sp of the lead chemical potentials, a "
                 f"free-energy input to be pumped against spin relaxation; with sp = 0 the zero-bias "
                 f"current is {rel:.1e} of e Gamma/hbar (detailed balance) and no zero-bias feature "
                 f"survives (features_with_equilibrium_leads = {sum(feats_eq.values())} of "
                 f"{len(feats_eq)})")
    report.add_paper_error(
        "power_magnitude", where="Fig. 2c inset, feature 3", claim="power generation above 0.1 nW",
        evidence=f"at the edge of the sequential-tunnelling validity the model gives {p_edge:.3g} W; "
                 f"0.1 nW needs Gamma >~ {GAMMA_NEEDED_MEV_1VN:g} meV (Gamma/kT >~ 0.65, first-order von "
                 "Neumann), outside the validity of the sequential picture",
        value=p_edge, unit="W")
    report.add_paper_error(
        "array_power_density", where="discussion", claim="0.4 W/cm^2",
        evidence="multiplies 0.1 nW by 4e9 devices/cm^2 assuming every device works (measured yield "
                 "~1/168), size-independent power and an everlasting resource")
