"""Reproduction of Wang et al., "Quantum Landauer Erasure using magnetic tunneling junctions" (2026).

Runs the macrospin Landauer reset (duration sweep, bounds, Jarzynski), the loop energetics and TMR
loops, the Neel-Brown and Boltzmann checks, the spin-S quantum macrospin and the MOKE pipeline on the
shipped synthetic dataset, and audits the paper's numbers (``paper_errors`` in summary.json).

The reset duration sweep, the dt-convergence pair and the finite-bias erasure run through the sweep runner
(point ``mtj.reset``, serial, temporary store; :mod:`landauer.papers._mtj_studies`); the top decade of stage
times is sized adaptively (batches until SE(<W>) reaches a target). Every random stream derives from the
master seed by ``spawn_seeds`` (``STREAMS``).

The sLLG sweep runs at alpha = 1: quasi-static and equilibrium results are alpha-independent, while
alpha = 0.01 (the device default) needs ~50x more steps for the same relaxation (t_rel = 100 t0 instead
of 2 t0). The time scales for the device's alpha are reported next to the results.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr
from scipy import stats

from landauer.constants import LN2, k_B, landauer_bound
from landauer.papers import _mtj_studies as studies
from landauer.papers._mtj_optimal import add_optimised
from landauer.reproduce import Report
from landauer.stats import spawn_seeds

TITLE = "Quantum Landauer erasure in MTJs: macrospin reset, loops, TMR, spin-S, MOKE (Nanoscale Adv. 2026)"
CITATION = (
    "C. Wang, S. He, Z. Sun, P. Zhang, J. Lu, J. Hong, 'Quantum Landauer Erasure using magnetic tunneling "
    "junctions', Nanoscale Adv. (2026), DOI 10.1039/D5NA01057H"
)

PAPER_E_ZJ = 4.1
PAPER_E_ERR_ZJ = 2.0


#: Every random stream of the reproduction is ``spawn_seeds(seed, len(STREAMS))[i]`` (SeedSequence spawning,
#: never seed offsets); the two reset studies use theirs as master seeds (point k: child_seed(master, k)).
STREAMS = ("reset_sweep", "reset_checks", "stages", "loop_easy", "loop_hard", "neel_brown", "boltzmann", "moke",
           "optimal")
def _sizes(quick: bool) -> dict[str, Any]:
    if quick:
        return {"taus": [30.0, 100.0, 300.0, 1000.0], "n_sweep": 300, "se_target": 0.04, "n_fb": 2000,
                "n_stage": 200, "tau_stage_fig": 300.0, "n_loop": 200, "tau_loop": 100.0, "n_nb": 500, "n_boltz": 800, "S_finite": [1.0, 2.0, 5.0, 10.0, 20.0],
                "steps_q": 100}
    return {"taus": [30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0], "n_sweep": 1000, "se_target": 0.01,
            "n_fb": 8000, "n_stage": 600,
            "tau_stage_fig": 1000.0, "n_loop": 1000, "tau_loop": 300.0, "n_nb": 2000, "n_boltz": 3000,
            "S_finite": [1.0, 2.0, 5.0, 10.0, 20.0, 50.0], "steps_q": 300}


def run(*, quick: bool, seed: int, progress: bool) -> Report:
    """Run the reproduction (see module docstring); ``quick`` uses small ensembles (~1-2 min on 2 cores)."""
    from landauer.engine.protocol import Protocol
    from landauer.engine.record import Record, Stop
    from landauer.engine.simulate import run as run_engine
    from landauer.models.mtj import figures, loops, moke, quantum_spin, reset, theory
    from landauer.models.mtj.energy import axial_density
    from landauer.models.mtj.macrospin import ReducedMacrospin
    from landauer.models.mtj.params import MTJParams

    sz = _sizes(quick)
    rep = Report(paper="mtj", quick=quick, seed=seed)
    device = MTJParams()
    params = device.replace(alpha=1.0)
    system = ReducedMacrospin.from_params(params)
    kTln2_zJ = landauer_bound(300.0) / 1e-21
    rep.add("kTln2_300K_zJ", kTln2_zJ, unit="zJ", paper_value=2.8, tolerance=0.05,
            note="k_B T ln 2 at 300 K (exact conversion, no SE). Tolerance 0.05 zJ: half a unit of the last "
                 "digit the paper printed ('2.8 zJ'); 2.871 rounds to 2.9, so the paper truncated")
    ratio = PAPER_E_ZJ / kTln2_zJ
    rep.add("paper_dissipation_in_kTln2", ratio, unit="kT ln 2", paper_value=1.0, tolerance=0.05,
            note=f"exact conversion of the paper's 4.1 zJ at 300 K (no SE); the paper's +-2.0 zJ is its "
                 f"measurement error, {PAPER_E_ERR_ZJ / kTln2_zJ:.2f} kT ln 2 (it prints 0.48), reported "
                 "separately in paper_errors. Tolerance 0.05: half a unit of the printed '1.0'. 4.1 zJ ~ kT "
                 f"(4.14 zJ) and equals kT ln 2 only at {PAPER_E_ZJ * 1e-21 / (k_B * LN2):.0f} K")

    # --- reset: duration sweep (sweep runner, point mtj.reset) ---------------------------------
    seeds = dict(zip(STREAMS, spawn_seeds(seed, len(STREAMS)), strict=True))
    rp = reset.ResetProtocol()
    sw = studies.reset_sweep(params, rp, sz, seed=seeds["reset_sweep"], progress=progress)
    fitb = reset.fit_bound_excess(sw, decades=1.0)
    fit = reset.fit_excess(sw.tau_stage.values, sw.mean_W.values, sw.se_W.values, decades=1.0)
    last = sw.isel(tau_stage=-1)
    w_slow, se_slow = float(last.mean_W), float(last.se_W)
    wmin_slow = float(last.W_min_eps)
    qs = theory.quasistatic_reset_work(sigma=params.sigma, hx=rp.hx, hb=rp.hb, n_u=300, n_phi=192, n_path=32)
    win = reset.quasistatic_window(device)
    tau_001 = fitb.B / 0.01 if fitb.B > 0 else float("inf")
    adaptive = sw.target_se_kT.values > 0
    sizes_txt = ", ".join(
        f"{t:g}: {int(n)}" + (f" ({int(b)} x {sz['n_sweep']}; sigma_W^2 ~ 2 B/tau predicts "
                              f"{reset.trajectories_for_se(fitb.B / t, sz['se_target'], n_min=1)})" if a else "")
        for t, n, b, a in zip(sw.tau_stage.values, sw.n.values, sw.batches.values, adaptive, strict=True))
    converged = bool(np.all(sw.converged.values[adaptive] == 1))
    fdr = sw.sd_W.values**2 / (2 * (sw.mean_W.values - sw.W_min_eps.values))  # sigma_W^2 / 2<W_diss>
    fdr_txt = ", ".join(f"{r:.2f}" for r in fdr[adaptive])
    rep.add("quasistatic_work_kT", w_slow, unit="kT", stderr=se_slow,
            check=w_slow >= wmin_slow - 3 * se_slow,
            note=f"<W> at the slowest stage time {float(last.tau_stage):g} t0 (alpha = 1, sigma = "
            f"{params.sigma:.1f}); check: >= W_min(eps_hat) = {wmin_slow:.4f} kT within 3 SE. Sweep through the "
            f"sweep runner (point mtj.reset); ensembles (tau: n) {sizes_txt}: the fitted decade runs batches until "
            f"SE(<W>) <= {sz['se_target']:g} kT ({'reached everywhere' if converged else 'CAP HIT somewhere'}; "
            f"cap {studies.MAX_TRAJECTORIES}); measured sigma_W^2 / 2(<W> - W_min) there: {fdr_txt}")
    regime = (f"chi2 = {fitb.chi2:.2f} on {fitb.dof} dof (p = {fitb.p_value:.2f}): the 1/tau law "
              f"{'holds' if fitb.in_regime else 'is REJECTED'}")
    rep.add("excess_over_bound_intercept_kT", fitb.c0, unit="kT", stderr=fitb.c0_se,
            check=fitb.in_regime and abs(fitb.c0) <= 3 * fitb.c0_se,
            note="c0 of <W> - W_min(eps_hat) = c0 + B/tau over the top decade of stage times (each run against "
                 f"its own eps_hat; eps_hat freezes out during stage 3); {regime}; check: chi2 gate and c0 = 0 "
                 "within 3 SE (second law, quasi-static limit)")
    paper_sim_kT = 2.9e-21 / device.kT
    half = 0.1e-21 / device.kT
    if fitb.in_regime:
        rep.add("extrapolated_work_kT", fitb.W_inf, unit="kT", stderr=fitb.c0_se, paper_value=paper_sim_kT,
                tolerance=half,
                note=f"W_inf = W_min(eps_hat) + c0 = {fitb.W_min_ref:.4f} + {fitb.c0:.4f} kT, against the paper's "
                     f"simulated 2.8-3.0 zJ = {2.8e-21 / device.kT:.3f}-{3.0e-21 / device.kT:.3f} kT (midpoint; "
                     f"tolerance {half:.3f} kT = the half-width of the printed range); {regime}. Raw <W> fit: "
                     f"{fit.W_inf:.3f} +- {fit.W_inf_se:.3f} kT")
    else:
        rep.add("extrapolated_work_kT", fitb.W_inf, unit="kT", stderr=fitb.c0_se, check=False,
                note=f"no verdict: {regime}")
    rep.add("extrapolated_work_minus_quasistatic_kT", fitb.W_inf - qs["W_min"], unit="kT", stderr=fitb.c0_se,
            note=f"W_inf - W_min(eps_eq) with eps_eq = {qs['eps']:.2g} the equilibrium error at h_x = 0 (sphere "
                 f"quadrature, W_qs = {qs['W_qs']:.6f} kT); no verdict: the simulation never reaches eps_eq "
                 f"(eps_hat freezes out during stage 3), so the reference for a check is W_min(eps_hat), above")
    checks = studies.reset_checks(params, rp, sz, seed=seeds["reset_checks"], progress=progress)
    _dt_convergence(rep, sw, checks)
    _finite_bias(rep, checks, params, rp)
    rep.add("eps_corrected_bound_kT", wmin_slow, unit="kT",
            note="W_min(eps_hat) = ln 2 + eps ln eps + (1-eps) ln(1-eps) for the slowest protocol "
            "(Esposito & Van den Broeck 2011)")
    rep.add("excess_work_slope", fitb.B, unit="kT t0", stderr=fitb.B_se,
            note=f"B in <W> - W_min(eps_hat) = c0 + B/tau_s (t0 = {device.t0 * 1e12:.1f} ps); excess < 0.01 kT needs "
            f"tau_s > {tau_001:.3g} t0 = {tau_001 * device.t0 * 1e9:.3g} ns per stage at alpha = 1 "
            f"(~{tau_001 * device.t0 * 50 * 1e9:.3g} ns at alpha = 0.01). Quasi-static window for the device "
            f"(alpha = 0.01): t_rel = {win['t_rel_s'] * 1e9:.2g} ns << tau_s << zero-field dwell "
            f"{win['dwell_s']:.2g} s. The paper's <10 mT/s (~10 s per stage, ~1e13 steps) is infeasible "
            "for sLLG and longer than the dwell time, so its simulated 2.8-3.0 zJ cannot come from such runs")
    rep.add("success_probability_slowest", float(last.success), unit="1",
            note=f"eps_hat = {float(last.eps_hat):.2g}; equilibrium eps at the end of stage 3 = {qs['eps']:.2g}")
    jr, jr_se = float(last.jarzynski_restricted), float(last.jarzynski_restricted_se)
    rep.add("jarzynski_mean_exp", jr, unit="1", stderr=jr_se, check=abs(jr - 0.5) <= 3 * jr_se,
            note="<exp(-W/kT) 1[m_y(end) > 0]> at the slowest protocol; check: the fluctuation theorem "
            "predicts 1/2 (within 3 SE). "
            f"Full <exp(-W/kT)> = {float(last.jarzynski_full):.3f} (1 only when wrong-well trajectories are "
            "sampled, N eps >~ 100)")
    rep.add_dataset("reset_sweep", sw)
    rep.add_figure("work_vs_tau", figures.work_vs_tau_figure(sw, fit, t0_s=device.t0))

    # --- one run with snapshots: stages figure, histogram, loop energetics -------------------
    ds = reset.run_reset(system, rp.with_tau(sz["tau_stage_fig"]), n_trajectories=sz["n_stage"],
                         seed=seeds["stages"], n_snapshots=600, progress=progress)
    rep.add_figure("reset_stages", figures.stages_figure(ds))
    rep.add_figure("work_histogram", figures.work_histogram_figure(ds["W"].values, tau=sz["tau_stage_fig"]))
    le = loops.reset_loop_energetics(ds)
    rep.add("loop_signed_sum_over_mean_work", le.signed_over_mean, unit="1", check=le.loop_identity_ok,
            note=f"check: -zeta oint <m>.dh over the mean loops (trapezoid over 600 snapshots, Richardson-"
            f"extrapolated to {le.W_signed_extrapolated:.4f} kT) equals the per-trajectory <W> = {le.W_mean:.4f} kT "
            f"within 3 quadrature-error estimates ({le.quadrature_error:.4f} kT each; m enters the work "
            f"linearly, so this is exact in the continuum). (W_x + W_y) from the mean loops / <W> "
            f"({le.W_mean:.3f} +- {le.W_se:.3f} kT); "
            f"W_x = {le.W_x_loop:.2f} kT, W_y = {le.W_y_loop:.2f} kT; Eq. 4 read literally = W_x - W_y = "
            f"{le.W_eq4_literal:.2f} kT (wrong sign); read as |W_y| - |W_x| = {le.W_eq4_abs:.3f} kT "
            f"({'differs' if le.eq4_flagged else 'agrees'} within 3 SE)")

    # --- M-H / TMR-H loops --------------------------------------------------------------------
    easy = loops.axis_loop(system, axis="easy", tau_sweep=sz["tau_loop"], n_trajectories=sz["n_loop"],
                           seed=seeds["loop_easy"])
    hard = loops.axis_loop(system, axis="hard", tau_sweep=sz["tau_loop"], n_trajectories=sz["n_loop"],
                           seed=seeds["loop_hard"])
    rep.add_figure("loops_MH_TMR", figures.loops_figure(easy, hard))
    rep.add_dataset("loop_easy", easy)
    rep.add_dataset("loop_hard", hard)
    tmr = float(easy.R_mean.max() / easy.R_mean.min() - 1.0)
    rep.add("tmr_ratio", tmr, unit="1",
            note="(R_max - R_min)/R_min of the simulated easy-axis R-H loop; no verdict: the TMR of 150 % is an "
            "input "
            "(paper: '>150%'), reduced slightly by thermal fluctuations of m_y; conductance form")

    # --- Neel-Brown dwell time ---------------------------------------------------------------
    s_nb = 6.0
    exact = theory.mfpt_axial(sigma=s_nb, xi=0.0, alpha=1.0)
    nbs = ReducedMacrospin(zeta=2 * s_nb, alpha=1.0)
    nb = run_engine(nbs.model(y_threshold=-0.5), Protocol.start(hy=0.0).hold(14 * exact), dynamics=nbs.dynamics(),
                    n_trajectories=sz["n_nb"], seed=seeds["neel_brown"], x0=[0.0, 1.0, 0.0], record=Record(passage=True),
                    stop=Stop(at_passage=True), energy_unit="kT")
    t_fp = nb["t_passage"].values
    t_fp = t_fp[np.isfinite(t_fp)]
    nb_r, nb_se = float(t_fp.mean() / exact), float(t_fp.std(ddof=1) / math.sqrt(t_fp.size) / exact)
    rep.add("neel_brown_dwell_ratio", nb_r, unit="1", stderr=nb_se, check=abs(nb_r - 1) <= 3 * nb_se,
            note=f"check: 1 within 3 SE; simulated / exact mean first-passage time from +y to m_y = -0.5 at sigma = {s_nb:g} kT, "
            f"alpha = 1 ({t_fp.size} of {sz['n_nb']} switched); exact/Brown-asymptote = "
            f"{exact * theory.brown_rates(sigma=s_nb, h=0.0, alpha=1.0)[0]:.3f}")

    # --- Boltzmann distribution ---------------------------------------------------------------
    s_b, xi_b = 3.0, 2.0
    bzs = ReducedMacrospin(zeta=2 * s_b, alpha=1.0)
    bz = run_engine(bzs.model(), Protocol.start(hy=xi_b / (2 * s_b)).hold(360.0), dynamics=bzs.dynamics(),
                    n_trajectories=sz["n_boltz"], seed=seeds["boltzmann"], x0=[0.0, 1.0, 0.0],
                    record=Record(snapshots=tuple(np.linspace(60.0, 360.0, 7))), energy_unit="kT")
    my = bz["x"].values[:, :, 1].ravel()
    edges = np.linspace(-1, 1, 21)
    counts, _ = np.histogram(my, bins=edges)
    u = np.linspace(-1, 1, 20001)
    rho = axial_density(u, sigma=s_b, xi=xi_b)
    cdf = np.concatenate([[0], np.cumsum(0.5 * (rho[1:] + rho[:-1]) * np.diff(u))])
    expected = np.diff(np.interp(edges, u, cdf / cdf[-1])) * counts.sum()
    chi2 = float(np.sum((counts - expected) ** 2 / expected))
    pval = float(stats.chi2.sf(chi2, counts.size - 1))
    rep.add("boltzmann_pvalue", pval, unit="1", check=pval > 1e-3,
            note=f"check: p > 1e-3; chi-square test of p(m_y) ~ exp(sigma m_y^2 + xi m_y), sigma = {s_b:g}, xi = {xi_b:g}, "
            f"{my.size} samples spaced 50 t0")

    # --- quantum spin S -----------------------------------------------------------------------
    q_sigma, q_hb = 10.0, 0.1
    S_all = [0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
    wq = [quantum_spin.quasistatic_work(S, sigma=q_sigma, hb=q_hb) for S in S_all]
    from landauer.bounds import erasure_with_error
    from landauer.models.mtj.energy import wrong_well_fraction

    eps_cl = wrong_well_fraction(sigma=q_sigma, xi=2 * q_sigma * q_hb)
    w_cl = float(erasure_with_error(eps_cl))
    tau_q = 300.0
    # The piecewise-constant Hamiltonian makes W depend on the step count as O(1/n^2) (S = 2, tau = 300:
    # 0.6347/0.6218/0.6183/0.6174 at 50/100/200/400 steps): run n and 2n and Richardson-extrapolate.
    fin = []
    for S in sz["S_finite"]:
        a, b = (quantum_spin.pauli_reset(S, sigma=q_sigma, hx=1.5, hb=q_hb, tau_stage=tau_q, steps_per_stage=k)
                for k in (sz["steps_q"], 2 * sz["steps_q"]))
        fin.append({**b, "W": b["W"] + (b["W"] - a["W"]) / 3.0, "W_n": a["W"], "W_2n": b["W"],
                    "step_bias": a["W"] - (b["W"] + (b["W"] - a["W"]) / 3.0)})
    fin_text = ", ".join("{:.3f}".format(f["W"]) for f in fin)
    rep.add("quantum_finite_time_work_kT", {f"S={S:g}": {k: f[k] for k in ("W", "W_n", "W_2n", "step_bias", "W_min")}
                                           for S, f in zip(sz["S_finite"], fin, strict=True)},
            unit="kT", check=all(f["W"] >= f["W_min"] for f in fin),
            note=f"Pauli master equation, 4-stage reset, tau_s = {tau_q:g} t0, sigma = {q_sigma:g}: W at "
                 f"n = {sz['steps_q']} and 2n steps per stage, Richardson-extrapolated for the O(1/n^2) step bias "
                 "(step_bias = W_n - W); check: W >= W_min(eps_S) for every S (second law)")
    hgrid = np.linspace(0.0, 0.99, 300)
    qd = {
        "S": S_all, "W_qs": [w for w, _ in wq], "W_classical": w_cl, "tau": tau_q,
        "W_finite_S": sz["S_finite"], "W_finite": [f["W"] for f in fin],
        "steps_S": 10, "steps_h": hgrid,
        "steps": {T: quantum_spin.restricted_magnetisation(10, hy=hgrid, kT_over_hw=T)
                  for T in (0.05, 0.3, 3.0)},
    }
    rep.add_figure("quantum_spin_S", figures.quantum_figure(qd))
    rep.add("quantum_work_largest_S_kT", wq[-1][0], unit="kT", check=abs(wq[-1][0] - w_cl) <= 1e-3,
            note=f"check: classical limit within 1e-3 kT (corrections O(1/S)); quasi-static erasure work of spin S = {S_all[-1]:g} (sigma = {q_sigma:g}, h_b = {q_hb:g}); "
            f"classical W_min(eps) = {w_cl:.4f} kT; S = 1/2: {wq[0][0]:.4f} kT; finite-time Pauli "
            f"(tau_s = {tau_q:g} t0) for S = {sz['S_finite']}: "
            f"{fin_text} kT >= W_min(eps_S). Quantised steps need "
            "kT < hbar omega_K (~0.11 K for the device) and are 1/S ~ 5e-6 of Ms V for S ~ 2e5")

    # --- MOKE pipeline on the synthetic dataset ----------------------------------------------
    res = moke.run_pipeline(moke.shipped_files(), moke.MokeMetadata.synthetic_default(),
                            seed=seeds["moke"])
    rep.add("moke_energy_zJ", res["mean_zJ"], unit="zJ", stderr=res["sem_zJ"],
            note=f"synthetic dataset (simulated reset loops at stage time 1000 t0 + Kerr noise; not comparable "
            f"with the paper's measured 4.1 zJ), {len(res['devices'])} devices: "
            f"{res['mean_kTln2']:.2f} +- {res['sd_kTln2']:.2f} (SD) kT ln 2 at {res['temperature']:g} K; "
            "dead layer cancels (mode 'both' = 'none'); per-device calibration error (Kerr sensitivity per "
            f"axis, independent) {np.mean([d['E_signed_zJ_err'] for d in res['devices']]):.2f} zJ; easy/hard loops "
            "time-aligned (checked)")
    rep.add_figure("moke_pipeline", figures.moke_figure(res))
    _paper_errors(rep, device=device, le=le, win=win, kTln2_zJ=kTln2_zJ)
    add_optimised(rep, quick=quick, seed=seeds["optimal"], progress=progress)  # optimised field schedules (issue 13)
    return rep


def _dt_convergence(rep: Report, sw: xr.Dataset, checks: xr.Dataset) -> None:
    """<W> at the shortest fitted stage time: the sweep's point (dtau) against an independent ensemble at dtau/2."""
    c = checks.isel(case=0)
    tau = float(c.tau_reduced)
    a = sw.sel(tau_stage=tau)
    (w1, s1, n1), (w2, s2, n2) = ((float(d.mean_W), float(d.se_W), int(n)) for d, n in
                                  ((a, a.n), (c, c.trajectories_run)))
    d, se = w1 - w2, math.hypot(s1, s2)
    rep.add("dt_convergence_work_difference_kT", d, unit="kT", stderr=se, check=abs(d) <= 3 * se,
            note=f"<W>(dtau = {studies.DTAU:g}) - <W>(dtau = {studies.DTAU / 2:g}) at tau_s = {tau:g} t0, the shortest "
                 f"(largest-excess) duration of the 1/tau fit (SE targets {float(a.target_se_kT):g} and "
                 f"{float(c.target_se_kT):.3g} kT): {w1:.4f} +- "
                 f"{s1:.4f} kT ({n1} trajectories, the sweep's point) vs {w2:.4f} +- {s2:.4f} kT ({n2}); check: 0 "
                 "within 3 SE (the step bias is below the fit's statistical resolution)")


def _finite_bias(rep: Report, checks: xr.Dataset, params: Any, rp: Any) -> None:
    """Erasure with a small bias (eps_hat ~ 0.15): bound with errors and the full Jarzynski equality."""
    from landauer.models.mtj import theory

    c = checks.isel(case=1)
    n, w, se, eps, wmin = (int(c.trajectories_run), float(c.mean_W), float(c.se_W), float(c.eps_hat),
                           float(c.W_min_eps))
    qs = theory.quasistatic_reset_work(sigma=params.sigma, hx=rp.hx, hb=studies.HB_FINITE, n_u=300, n_phi=192, n_path=32)
    rep.add("finite_bias_work_kT", w, unit="kT", stderr=se, check=w >= wmin - 3 * se,
            note=f"h_b = {studies.HB_FINITE:g}, tau_s = {studies.TAU_FINITE:g} t0, {n} trajectories: eps_hat = {eps:.3f}; check: <W> >= "
                 f"W_min(eps_hat) = {wmin:.4f} kT within 3 SE. The equilibrium error at h_x = 0 would be "
                 f"{qs['eps']:.3f} (W_min = {qs['W_min']:.4f} kT), which the run never reaches: eps_hat freezes out "
                 "during stage 3")
    je, je_se = float(c.jarzynski_full), float(c.jarzynski_full_se)
    rep.add("finite_bias_jarzynski_full", je, unit="1", stderr=je_se, check=abs(je - 1) <= 3 * je_se,
            note="<exp(-W/kT)> over the full cycle (Delta F = 0, equilibrium start at H = 0): 1 by Jarzynski's "
                 "equality; sharp here because eps_hat ~ 0.15 samples the failed erasures that carry half of it")


def _paper_errors(rep: Report, *, device: Any, le: Any, win: dict[str, float], kTln2_zJ: float) -> None:
    """Seed 000's errors, each with the number or argument that shows it."""
    vol = float(device.volume)
    rep.add_paper_error(
        "eq3_missing_volume", where="Eq. 3", claim="E = -mu0 M.H + K_a sin^2(theta) (the total magnetic energy)",
        evidence="both terms are energy densities (J/m^3: mu0 M H is T A/m, K_a is J/m^3); the energy of the free "
                 f"layer needs a factor V ({vol:.3g} m^3 for the modelled device), which sets the barrier "
                 f"sigma = K_a V/kT = {device.sigma:.1f}")
    rep.add_paper_error(
        "eq4_sign", where="Eq. 4", claim="W_diss = loop(M_y dH_y) - loop(M_x dH_x)",
        evidence=f"read literally it gives W_x - W_y = {le.W_eq4_literal:.2f} kT on our simulated reset loops "
                 f"(wrong sign; per-trajectory <W> = {le.W_mean:.3f} +- {le.W_se:.3f} kT); read as |W_y| - |W_x| it "
                 f"gives {le.W_eq4_abs:.3f} kT ({'differs' if le.eq4_flagged else 'agrees'} within 3 SE); the signed "
                 "sum W_x + W_y is the work", value=le.W_eq4_literal, unit="kT")
    rep.add_paper_error(
        "sweep_rate_below_10mT_per_s", where="Simulation, stage 3",
        claim="simulated hysteresis at sweep rates < 10 mT/s nearly collapses to reversible curves",
        evidence=f"a field ramp of order H_K (~80 mT) at < 10 mT/s lasts ~8-10 s per stage, i.e. ~1e13 LLG steps of "
                 f"~1 ps: infeasible, and longer than the zero-field dwell time {win['dwell_s']:.2g} s of the "
                 f"modelled bit (t_rel = {win['t_rel_s']:.2g} s suffices for quasi-static driving)",
        value=win["dwell_s"], unit="s")
    rep.add_paper_error(
        "oommf_thermal_term", where="Simulation", claim="OOMMF LLG simulations including thermal noise and "
        "'quantum noise terms'",
        evidence="OOMMF's standard evolvers have no thermal field; the thermal extension used is not named, nor "
                 "its noise amplitude, time step or cell size, and 'quantum noise terms' are not specified, so "
                 "the simulated 2.8-3.0 zJ cannot be reproduced from the paper")
    rep.add_paper_error(
        "kTln2_rounding", where="Theory", claim="kT ln 2 = 2.8 zJ at 300 K",
        evidence=f"k_B (300 K) ln 2 = {kTln2_zJ:.4f} zJ, which rounds to 2.9 zJ", value=kTln2_zJ, unit="zJ")
    rep.add_paper_error(
        "measured_energy_in_kTln2", where="Results", claim="(4.1 +- 2.0) zJ, consistent with (1.0 +- 0.48) kT ln 2",
        evidence=f"at 300 K, 4.1 zJ = {PAPER_E_ZJ / kTln2_zJ:.3f} kT ln 2 and 2.0 zJ = "
                 f"{PAPER_E_ERR_ZJ / kTln2_zJ:.3f} kT ln 2 (exact conversions); the error is not said to be an SD "
                 "or an SEM", value=PAPER_E_ZJ / kTln2_zJ, unit="kT ln 2")
