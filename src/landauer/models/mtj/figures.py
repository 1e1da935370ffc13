"""Figures for the MTJ reproduction. Plotting only: every function takes data and never simulates."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from landauer.constants import LN2
from landauer.models.mtj.reset import ExcessFit


def stages_figure(ds: xr.Dataset, *, n_show: int = 6) -> Figure:
    """Fields, mean and sample magnetisation through the 4 reset stages, with in-plane directions."""
    t = ds["time"].values
    h = ds["h"].values
    m = ds["x"].values
    tau = float(ds.attrs["tau_stage"])
    fig = Figure(figsize=(10, 6.5))
    ax1, ax2 = fig.add_subplot(3, 1, 1), fig.add_subplot(3, 1, 2)
    ax3 = fig.add_subplot(3, 1, 3)
    ax1.plot(t, h[:, 0], label="$h_x$ (hard axis)")
    ax1.plot(t, h[:, 1], label="$h_y$ (easy axis bias)")
    ax1.set_ylabel("field / $H_K$")
    ax1.legend(loc="upper right", fontsize=8)
    for j in range(min(n_show, m.shape[1])):
        ax2.plot(t, m[:, j, 1], lw=0.6, alpha=0.7)
    ax2.plot(t, m[:, :, 1].mean(axis=1), "k", lw=2, label=r"$\langle m_y\rangle$")
    ax2.plot(t, m[:, :, 0].mean(axis=1), "k--", lw=1.5, label=r"$\langle m_x\rangle$")
    ax2.set_ylabel(r"magnetisation $m$ ($M/M_s$)")
    ax2.legend(loc="lower right", fontsize=8)
    for ax in (ax1, ax2):
        for k in range(1, 4):
            ax.axvline(k * tau, color="0.7", lw=0.8)
    ax2.set_xlabel(r"time / $t_0$")
    # in-plane direction of a few trajectories at the end of each stage
    ax3.set_xlim(-0.5, 4.5)
    ax3.set_ylim(-1.3, 1.3)
    ax3.set_aspect("equal")
    ax3.axis("off")
    labels = ["start\n(random bit)", "1: $h_x$ on", "2: bias on", "3: $h_x$ off", "4: bias off"]
    for k in range(5):
        i = int(np.argmin(np.abs(t - k * tau)))
        for j in range(min(n_show, m.shape[1])):
            ax3.annotate("", xy=(k + 0.45 * m[i, j, 0], 1.1 * m[i, j, 1]), xytext=(k, 0),
                         arrowprops={"arrowstyle": "->", "color": f"C{j}", "lw": 1.2})
        ax3.text(k, -1.3, labels[k], ha="center", va="top", fontsize=7)
    ax3.set_title("in-plane magnetisation (x right, easy axis y up) at the end of each stage", fontsize=9)
    fig.suptitle(f"4-stage Landauer reset (stage time {tau:g} $t_0$, $\\sigma$ = {ds.attrs['sigma']:.1f})")
    fig.tight_layout()
    return fig


def loops_figure(easy: xr.Dataset, hard: xr.Dataset) -> Figure:
    """M-H and TMR-H loops on both axes (cf. the paper's Fig. 3)."""
    fig = Figure(figsize=(9, 7))
    for col, (ds, comp, name) in enumerate(((easy, 1, "easy ($H_y$)"), (hard, 0, "hard ($H_x$)"))):
        a = fig.add_subplot(2, 2, 1 + col)
        a.plot(ds["h"].values, ds["m_mean"].values[:, comp], "C0")
        a.set_xlabel(f"{name} field / $H_K$")
        a.set_ylabel(r"$\langle m_%s\rangle$ ($M/M_s$)" % ("y" if comp else "x"))
        a.set_title(f"M-H, {name} axis: loop work {ds.attrs['W_loop_kT']:.2f} kT", fontsize=9)
        b = fig.add_subplot(2, 2, 3 + col)
        b.plot(ds["h"].values, 100 * ds["TMR_mean"].values, "C3")
        b.set_xlabel(f"{name} field / $H_K$")
        b.set_ylabel("TMR (%)")
        b.set_title(f"TMR-H ({ds.attrs['tmr_form']} form, TMR {100 * ds.attrs['tmr']:.0f} %)", fontsize=9)
    fig.suptitle("ensemble loops (start in P; triangular sweeps)")
    fig.tight_layout()
    return fig


def work_vs_tau_figure(sw: xr.Dataset, fit: ExcessFit, *, t0_s: float) -> Figure:
    """Mean work vs stage duration with kT ln 2, W_min(eps) and the 1/tau fit."""
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot(1, 1, 1)
    tau = sw["tau_stage"].values
    ax.errorbar(tau, sw["mean_W"].values, yerr=sw["se_W"].values, fmt="o", label=r"$\langle W\rangle$ (sLLG)")
    tt = np.geomspace(tau.min(), tau.max() * 10, 100)
    ax.plot(tt, fit.W_inf + fit.B / tt, "C1-", label=f"fit $W_\\infty + B/\\tau$: $W_\\infty$ = "
            f"{fit.W_inf:.3f} $\\pm$ {fit.W_inf_se:.3f} kT")
    ax.axhline(LN2, color="k", ls="--", label=r"$kT\ln 2$")
    ax.plot(tau, sw["W_min_eps"].values, "g:", label=r"$W_{min}(\hat\varepsilon)$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"stage duration $\tau_s$ / $t_0$  ($t_0$ = %.0f ps)" % (t0_s * 1e12))
    ax.set_ylabel("work per reset (kT)")
    ax.legend(fontsize=8)
    ax.set_title("reset work vs protocol time")
    fig.tight_layout()
    return fig


def work_histogram_figure(W: np.ndarray, *, tau: float) -> Figure:
    """Histogram of the reset work of one run at stage time ``tau`` (in t0), with its mean +- SE.

    The run is the one with snapshots (its own ensemble and stage time), not the slowest point of the
    duration sweep: the title says which, so that its mean is not read as the summary's value.
    """
    W = np.asarray(W, dtype=float)
    se = float(W.std(ddof=1) / math.sqrt(W.size)) if W.size > 1 else float("nan")
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot(1, 1, 1)
    ax.hist(W, bins=max(10, int(math.sqrt(W.size))), density=True, color="C0", alpha=0.8,
            label=f"{W.size} trajectories")
    ax.axvline(LN2, color="k", ls="--", label=r"$k_BT\ln 2$")
    ax.axvline(float(W.mean()), color="C3",
               label=rf"$\langle W\rangle$ = {W.mean():.3f} $\pm$ {se:.3f} $k_BT$")
    ax.set_xlabel(r"work per trajectory $W$ ($k_BT$)")
    ax.set_ylabel("probability density (1/$k_BT$)")
    ax.set_title(rf"work distribution of the snapshot run ($\tau_s$ = {tau:g} $t_0$ per stage)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def quantum_figure(q: dict[str, Any]) -> Figure:
    fig = Figure(figsize=(10, 4))
    a = fig.add_subplot(1, 2, 1)
    S = np.asarray(q["S"])
    a.semilogx(S, q["W_qs"], "o-", label="quasi-static $W_{qs}(S)$")
    if "W_finite_S" in q:
        a.semilogx(q["W_finite_S"], q["W_finite"], "s", label=f"Pauli, finite time ($\\tau_s$={q['tau']:g})")
    a.axhline(q["W_classical"], color="k", ls="--", label="classical $W_{min}(\\varepsilon)$")
    a.set_xlabel("spin S")
    a.set_ylabel("erasure work (kT)")
    a.legend(fontsize=8)
    a.set_title("spin-S erasure: classical limit")
    b = fig.add_subplot(1, 2, 2)
    for T, curve in q["steps"].items():
        b.plot(q["steps_h"], curve, label=f"kT = {T:g} $\\hbar\\omega_K$")
    b.set_xlabel("$h_y$ (field / $H_K$)")
    b.set_ylabel(r"$\langle S_y\rangle / S$ in the $-y$ well")
    b.set_title(f"S = {q['steps_S']}: quantised steps at low T", fontsize=9)
    b.legend(fontsize=8)
    fig.tight_layout()
    return fig


def moke_figure(res: dict[str, Any]) -> Figure:
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot(1, 1, 1)
    devs = res["devices"]
    x = np.arange(len(devs))
    ax.errorbar(x, [d["E_signed_kTln2"] for d in devs], yerr=[d["E_signed_kTln2_err"] for d in devs],
                fmt="o", label="per device (signed sum, Eq. 5)")
    ax.axhline(res["mean_kTln2"], color="C3", label=f"mean {res['mean_kTln2']:.2f} $\\pm$ "
               f"{res['sd_kTln2']:.2f} (SD) kT ln 2")
    ax.axhline(1.0, color="k", ls="--", label=r"$kT\ln 2$")
    ax.set_xticks(x, [d["device"] for d in devs], rotation=45, fontsize=7)
    ax.set_ylabel(r"dissipated energy ($kT\ln 2$)")
    ax.set_title(f"MOKE pipeline on the synthetic dataset (T = {res['temperature']:g} K)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
