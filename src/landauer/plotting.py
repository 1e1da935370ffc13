"""Figures for the engine's results. Functions take Datasets or arrays and never run simulations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import xarray as xr
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

LN2 = float(np.log(2.0))


def work_vs_tau(table: Mapping[str, ArrayLike], *, title: str = "Erasure work vs protocol time") -> Figure:
    """Mean work (with 2 SE bars) against protocol time, with Landauer, the eps-corrected bound and the
    finite-time (Wasserstein) bound drawn. ``table`` has columns from :func:`landauer.erasure.stats_table`."""
    tau = np.asarray(table["tau"])
    fig = Figure(figsize=(6.4, 4.4))
    ax = fig.add_subplot()
    ax.errorbar(tau, table["mean_work"], yerr=2 * np.asarray(table["mean_work_se"]), fmt="o-", color="C0",
                capsize=3, label=r"simulated $\langle W\rangle$ ($\pm$2 SE)")
    ax.axhline(LN2, color="k", ls="--", label=r"Landauer $k_BT\ln 2$")
    ax.plot(tau, table["w_min_eps"], "s:", color="C2", ms=4, label=r"$W_{\min}(\hat\varepsilon)$")
    ftb = np.asarray(table["finite_time_bound"])
    if np.all(np.isfinite(ftb)):
        ax.plot(tau, np.asarray(table["w_min_eps"]) + ftb, "^-", color="C3", ms=4,
                label=r"$W_{\min}(\hat\varepsilon) + \mathcal{W}_2^2/(\mu\tau)$")
    ax.set_xscale("log")
    ax.set_xticks(tau, [f"{t:g}" for t in tau])
    ax.minorticks_off()
    ax.set_xlabel(r"protocol time $\tau$ (diffusion times $x_m^2/\mu k_BT$)")
    ax.set_ylabel(r"mean work ($k_BT$)")
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def work_histogram(work_kT: ArrayLike, *, label: str, bins: int = 80) -> Figure:
    """Histogram of per-trajectory work with the mean and Landauer's bound marked."""
    w = np.asarray(work_kT)
    fig = Figure(figsize=(6.4, 4.2))
    ax = fig.add_subplot()
    ax.hist(w, bins=bins, density=True, color="C0", alpha=0.75, label=label)
    ax.axvline(w.mean(), color="C1", lw=2, label=fr"mean {w.mean():.3f} $k_BT$")
    ax.axvline(LN2, color="k", ls="--", label=r"$k_BT\ln 2$")
    ax.set_xlabel(r"work $W$ ($k_BT$)")
    ax.set_ylabel("probability density")
    ax.set_title("Distribution of erasure work")
    ax.legend(fontsize=8)
    return fig


def trajectories(ds: xr.Dataset, *, stages: Sequence[tuple[str, float, float]], max_lines: int = 60) -> Figure:
    """Position snapshots of a few trajectories coloured by initial state, with protocol stages shaded."""
    fig = Figure(figsize=(7.2, 4.2))
    ax = fig.add_subplot()
    t = ds["time"].values
    x = ds["x"].isel(coordinate=0).values
    s0 = ds["state_initial"].values
    for j in range(min(max_lines, x.shape[1])):
        ax.plot(t, x[:, j], lw=0.6, alpha=0.6, color="C0" if s0[j] == 0 else "C3")
    for i, (name, a, b) in enumerate(stages):
        if i % 2 == 0:
            ax.axvspan(a, b, color="0.9", zorder=0)
        ax.text(0.5 * (a + b), 1.02, name, transform=ax.get_xaxis_transform(), ha="center", fontsize=8)
    ax.plot([], [], color="C0", label="started in 0 (x < 0)")
    ax.plot([], [], color="C3", label="started in 1 (x > 0)")
    ax.set_xlabel("time (diffusion times)")
    ax.set_ylabel(r"position $x/x_m$")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title("Erasure trajectories: both bits end in state 0", pad=18)
    return fig


# ---------------------------------------------------------------- house style

#: Matplotlib settings shared by every figure of the project (used by :func:`styled`).
STYLE: dict[str, object] = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 130,
    "mathtext.fontset": "dejavusans",
}


def apply_style(fig: Figure) -> Figure:
    """Apply the house style to a finished figure: light grids on every data axis and a layout engine
    that keeps tick labels, titles and colour bars from overlapping. Returns ``fig``."""
    for ax in fig.get_axes():
        if ax.has_data() and ax.get_label() != "<colorbar>":
            ax.grid(True, alpha=0.3)
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    return fig
