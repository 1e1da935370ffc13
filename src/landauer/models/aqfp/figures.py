"""Figures of the aQFP reproduction. Plotting only: every function takes computed data and draws it.

Uses :class:`matplotlib.figure.Figure` directly (Agg, no global state).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

CLASS_COLOURS = {0: "#4daf4a", 1: "#377eb8", 2: "#e41a1c", 3: "#bbbbbb", 4: "#984ea3"}
CLASS_NAMES = {0: "supported", 1: "thermalising", 2: "opposed (backaction)", 3: "external", 4: "undetermined"}


def potential_curves(curves: Mapping[str, Mapping[str, Any]]) -> Figure:
    """Fig. 2 analogue. ``curves[panel] = {"theta": array, "phix_over_2pi": list, "U_kT": 2-D array
    (phix, theta), "crossings": [(theta, U_kT), ...], "title": str}``."""
    fig = Figure(figsize=(11, 4.2), constrained_layout=True)
    axes = fig.subplots(1, len(curves), sharey=False)
    axes = np.atleast_1d(axes)
    for ax, (name, c) in zip(axes, curves.items(), strict=True):
        th = np.asarray(c["theta"])
        cmap = _cmap(len(c["phix_over_2pi"]))
        for k, (px, u) in enumerate(zip(c["phix_over_2pi"], c["U_kT"], strict=True)):
            ax.plot(th, u, color=cmap[k], lw=1.4, label=f"$\\varphi_x/2\\pi$ = {px:.2f}")
        for x, y in c.get("crossings", []):
            ax.plot([x], [y], "ko", ms=5)
        ax.axvline(-math.pi / 2, color="0.7", lw=0.6, ls=":")
        ax.axvline(math.pi / 2, color="0.7", lw=0.6, ls=":")
        ax.set_xlabel(r"mean junction phase $\theta$ (rad)")
        ax.set_ylabel(r"$U_{\rm eff}(\theta)$ (kT, 4.2 K)")
        ax.set_title(c.get("title", name))
        ax.legend(fontsize=7, loc="upper center", ncol=2)
    return fig


def _cmap(n: int) -> list[Any]:
    from matplotlib import colormaps

    cm = colormaps["viridis"]
    return [cm(x) for x in np.linspace(0.05, 0.9, max(n, 1))]


def nand_reset_classes(forms: Mapping[str, Mapping[str, Any]]) -> Figure:
    """Reset class of every gate for each input pattern, and the dissipation per pattern.

    ``forms[name] = {"gates": [...], "patterns": ["00", ...], "classes": 2-D int array (gate, pattern),
    "energy_kT": array per pattern}``.
    """
    fig = Figure(figsize=(12, 4.6), constrained_layout=True)
    axes = fig.subplots(1, len(forms) + 1, gridspec_kw={"width_ratios": [1] * len(forms) + [1.2]})
    for ax, (name, f) in zip(axes[:-1], forms.items(), strict=False):
        cls = np.asarray(f["classes"])
        for i in range(cls.shape[0]):
            for j in range(cls.shape[1]):
                ax.add_patch(_rect(j, i, CLASS_COLOURS[int(cls[i, j])]))
        ax.set_xlim(0, cls.shape[1])
        ax.set_ylim(0, cls.shape[0])
        ax.set_xticks(np.arange(cls.shape[1]) + 0.5, f["patterns"])
        ax.set_yticks(np.arange(cls.shape[0]) + 0.5, f["gates"], fontsize=8)
        ax.set_xlabel("inputs AB")
        ax.set_title(f"NAND, {name} form")
    ax = axes[-1]
    width = 0.8 / len(forms)
    zeros: list[tuple[float, int]] = []
    for k, (name, f) in enumerate(forms.items()):
        e = np.asarray(f["energy_kT"], dtype=float) / math.log(2)
        x = np.arange(len(e)) + k * width
        pos = e > 0
        # a log axis has no zero: exact zeros are marked on the axis and labelled, never drawn as fake bars
        ax.bar(x[pos], e[pos], width=width, color=f"C{k}", label=name)
        zeros.extend((xi, k) for xi in x[~pos])
    ax.set_yscale("log")
    for xi, k in zeros:
        ax.plot([xi], [0.0], marker="v", ms=7, color=f"C{k}", clip_on=False, transform=ax.get_xaxis_transform())
        ax.annotate("0", (xi, 0.0), xycoords=ax.get_xaxis_transform(), xytext=(0, 6),
                    textcoords="offset points", ha="center", fontsize=7)
    if zeros:
        ax.plot([], [], "v", color="0.3", ls="none", label="zero dissipation")
    ax.axhline(1.0, color="k", lw=0.8, ls="--", label="$kT\\ln 2$")
    ax.set_xticks(np.arange(len(e)) + 0.4 - width / 2, list(next(iter(forms.values()))["patterns"]))
    ax.set_xlabel("inputs AB")
    ax.set_ylabel(r"dissipation per cycle ($kT\ln 2$)")
    ax.set_title("modelled dissipation")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # outside: bars reach the top
    handles = [_rect(0, 0, c) for c in CLASS_COLOURS.values()]
    fig.legend(
        handles,
        list(CLASS_NAMES.values()),
        loc="lower center",
        ncol=5,
        fontsize=8,
        bbox_to_anchor=(0.4, -0.08),
    )
    return fig


def _rect(x: float, y: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, color=colour)


def mismatch_distributions(
    *,
    bin_edges: np.ndarray,
    counts: np.ndarray,
    n_devices: int,
    alpha_grid: np.ndarray,
    density: np.ndarray,
    chip_alpha: np.ndarray,
    chip_cdf: np.ndarray,
    heuristic: float,
    order_median: float,
    n_chip: float,
) -> Figure:
    """Histogram of alpha (Monte Carlo) with the quadrature density, and the chip-minimum distribution."""
    fig = Figure(figsize=(11, 4.2), constrained_layout=True)
    a1, a2 = fig.subplots(1, 2)
    centres = 0.5 * (bin_edges[1:] + bin_edges[:-1])
    w = np.diff(bin_edges)
    a1.semilogy(
        centres,
        np.where(counts > 0, counts / (n_devices * w), np.nan),
        drawstyle="steps-mid",
        label=f"Monte Carlo, {n_devices:.1e} devices",
    )
    a1.semilogy(alpha_grid, density, "k-", lw=1, label="quadrature")
    a1.axvline(heuristic, color="C3", ls="--", label=f"paper heuristic, N={n_chip:.0e}")
    a1.axvline(order_median, color="C2", ls="-.", label="order statistics (median chip)")
    a1.set_xlabel(r"signal factor $\alpha$ (dimensionless, Eq. 4)")
    a1.set_ylabel("probability density")
    a1.set_ylim(bottom=max(1e-12, float(np.min(density[density > 0])) if np.any(density > 0) else 1e-12))
    a1.set_title("per-device alpha (MAJ, mixed inputs)")
    a1.legend(fontsize=8)
    a2.plot(chip_alpha, chip_cdf, "C2-")
    a2.axvline(heuristic, color="C3", ls="--", label="paper heuristic")
    a2.axvline(order_median, color="C2", ls="-.", label="median chip")
    a2.set_xlabel(r"worst device on the chip, $\alpha_{\min}$ (dimensionless)")
    a2.set_ylabel(r"$P(\alpha_{\min} \leq a)$")
    a2.set_title(f"chip of {n_chip:.0e} aQFPs")
    a2.legend(fontsize=8)
    return fig


def or_and_dissipation(p: np.ndarray, delta_h: np.ndarray, dissipation_kTln2: np.ndarray) -> Figure:
    """Dissipation of the OR-AND on a duplicated stream vs the flip probability p (Table 1 / Fig. 3e)."""
    fig = Figure(figsize=(5.6, 4.2), constrained_layout=True)
    ax = fig.subplots()
    ax.loglog(p, dissipation_kTln2, "o-", label="modelled dissipation")
    ax.loglog(p, delta_h, "s--", label=r"Landauer bound $\Delta H$")
    ax.set_xlabel("error probability p (0 read as 1)")
    ax.set_ylabel(r"per cycle ($kT\ln 2$; bits)")
    ax.set_title("OR-AND on a duplicated stream")
    ax.legend()
    return fig


def energy_vs_rise_time(
    sweeps: Mapping[str, xr.Dataset], fits: Mapping[str, Sequence[float]], per_second: float
) -> Figure:
    """Work per gate per cycle vs excitation rise time, with ``E_inf + A/t + B/t^2`` fits."""
    fig = Figure(figsize=(6.4, 4.6), constrained_layout=True)
    ax = fig.subplots()
    for k, (name, ds) in enumerate(sweeps.items()):
        t_ps = ds["t_rise"].values * per_second * 1e12
        ax.errorbar(
            t_ps, ds["work"].values, yerr=ds["work_stderr"].values, fmt="o", color=f"C{k}", label=name
        )
        if name in fits:
            c = fits[name]
            tt = np.geomspace(ds["t_rise"].values.min(), ds["t_rise"].values.max() * 4, 100)
            fit = np.asarray(sum(ci / tt**i for i, ci in enumerate(c)))
            ok = fit > 0
            ax.plot(tt[ok] * per_second * 1e12, fit[ok], "-", color=f"C{k}", lw=0.8)
    ax.axhline(math.log(2), color="k", ls="--", lw=0.8, label=r"$kT\ln 2$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("excitation rise time (ps)")
    ax.set_ylabel("work per gate per cycle (kT)")
    ax.set_title("aQFP energy vs rise time (RCSJ Langevin, 4.2 K)")
    ax.legend(fontsize=8)
    return fig


def ber_vs_temperature(
    T: np.ndarray,
    sim: np.ndarray,
    sim_se: np.ndarray,
    master: np.ndarray,
    freeze: np.ndarray,
    crossing: np.ndarray,
    title: str,
) -> Figure:
    """Simulated adiabatic BER vs temperature against the freeze-out, master-equation and Eq. 3 estimates."""
    fig = Figure(figsize=(6.0, 4.4), constrained_layout=True)
    ax = fig.subplots()
    T, sim, sim_se = np.asarray(T, float), np.asarray(sim, float), np.asarray(sim_se, float)
    seen = sim > 0
    ax.errorbar(T[seen], sim[seen], yerr=np.minimum(sim_se[seen], 0.999 * sim[seen]), fmt="ko",
                label="Langevin simulation")
    if np.any(~seen):  # no error observed: an upper bound (one standard error), not a point at zero
        ax.plot(T[~seen], sim_se[~seen], "kv", ms=7, label="Langevin, no errors (< 1 SE)")
    # markers as well as lines, so that a single temperature (quick mode) is visible
    for y, style, label in ((master, "C0o-", "two-state master equation (Kramers rates)"),
                            (freeze, "C1s--", "sharp freeze-out"),
                            (crossing, "C3^:", "paper, Eq. 3 crossing estimate")):
        y = np.asarray(y, float)
        ok = y > 0
        ax.plot(T[ok], y[ok], style, ms=5, mfc="none", label=label)
    ax.set_yscale("log")
    if T.size == 1:
        ax.set_xlim(T[0] * 0.8, T[0] * 1.2)
    ax.set_xlabel("temperature $T$ (K)")
    ax.set_ylabel("bit-error rate (probability)")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return fig
