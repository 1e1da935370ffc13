"""Figures for the coupled-SQUID CE study. Plotting only: every function takes computed data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from landauer.landscape import Diagram, Kind
from landauer.models.squid.analysis import Landscape
from landauer.models.squid.potential import STATE_LABELS, energy_2d
from landauer.plotting import log_ticks

#: Axis labels of the CE controls (flux biases in rad, the coupling mu dimensionless).
CONTROL_LABELS = {
    "phi2xdc": r"$\varphi_{2xdc}$ (rad)",
    "phi1xdc": r"$\varphi_{1xdc}$ (rad)",
    "phi1x": r"$\varphi_{1x}$ (rad)",
    "phi2x": r"$\varphi_{2x}$ (rad)",
    "mu": r"coupling $\mu$ (dimensionless)",
}

_MARK = {Kind.MINIMUM: ("o", "tab:blue", "minimum"), Kind.SADDLE: ("x", "tab:red", "saddle"),
         Kind.MAXIMUM: ("^", "tab:green", "maximum"), Kind.HIGHER_SADDLE: ("s", "k", "higher saddle")}


def landscape_panels(panels: Sequence[tuple[str, Landscape]]) -> Figure:
    """Contours of U' with the fixed points, one panel per (title, landscape)."""
    fig = Figure(figsize=(4.2 * len(panels), 4.0), constrained_layout=True)
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    g = np.linspace(-3.5, 3.5, 281)
    X, Y = np.meshgrid(g, g, indexing="ij")
    for ax, (title, info) in zip(axes, panels, strict=True):
        U = energy_2d(np.stack([X, Y], -1), info.controls, info.shape)
        cs = ax.contourf(X, Y, U, levels=30, cmap="viridis")
        seen = set()
        for p in info.points:
            m, c, lab = _MARK[p.kind]
            ax.plot(p.x[0], p.x[1], m, color=c, ms=8, mec="w", label=None if lab in seen else lab)
            seen.add(lab)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(r"$\varphi_1$ (rad)")
        ax.set_ylabel(r"$\varphi_2$ (rad)")
        ax.set_aspect("equal")
        fig.colorbar(cs, ax=ax, label=r"$U'$ ($U_0$)", shrink=0.8)
    axes[0].legend(loc="lower left", fontsize=7)
    return fig


def bifurcation_panels(diagrams: Mapping[str, tuple[Diagram, int]], barriers: Mapping[str, dict[str, Any]],
                       *, n_min: float, effective: Mapping[str, float], kappa: float) -> Figure:
    """Fig. 5 style: top row, erased-axis coordinate of every fixed point vs each control; bottom row,
    barrier of each well in kT with the proxy line ``n_min kT``."""
    names = list(diagrams)
    fig = Figure(figsize=(3.6 * len(names), 6.4), constrained_layout=True)
    ax = fig.subplots(2, len(names), squeeze=False)
    for k, name in enumerate(names):
        d, axis = diagrams[name]
        for kind, (m, c, lab) in _MARK.items():
            p, x, _ = d.scatter(kind=kind, coordinate=axis)
            if p.size:
                ax[0, k].plot(p, x, m, color=c, ms=3, label=lab)
        for f in d.folds:
            ax[0, k].axvline(f.p, color="0.5", ls=":", lw=1)
        ax[0, k].axvline(effective[name], color="k", lw=0.8)
        ax[0, k].set_xlabel(CONTROL_LABELS.get(name, name))
        ax[0, k].set_ylabel(rf"$\varphi_{axis + 1}$ of fixed points (rad)")
        b = barriers[name]
        for lab in STATE_LABELS:
            y = np.asarray(b["wells"][lab], dtype=float) / kappa
            ax[1, k].plot(b["values"], y, label=lab)
        ax[1, k].axhline(n_min, color="k", ls="--", lw=0.8, label=rf"$n_{{min}}$ = {n_min:g} kT")
        ax[1, k].axvline(effective[name], color="k", lw=0.8)
        ax[1, k].set_xlabel(CONTROL_LABELS.get(name, name))
        ax[1, k].set_ylabel(r"barrier $\Delta U_k$ (kT)")
        ax[1, k].set_yscale("symlog", linthresh=1.0)
    ax[0, 0].legend(fontsize=7)
    ax[1, 0].legend(fontsize=7, title="well")
    fig.suptitle("Fixed points and barriers vs each CE control (others at effective values)", fontsize=10)
    return fig


def robustness_maps(maps: Sequence[xr.Dataset], *, n_min: float) -> Figure:
    """Fig. 6 style: log10 R (measured capture time) on log (L, T) axes for each parameter set."""
    fig = Figure(figsize=(5.4 * len(maps), 4.4), constrained_layout=True)
    axes = fig.subplots(1, len(maps), squeeze=False)[0]
    for ax, ds in zip(axes, maps, strict=True):
        L = ds["L"].values * 1e12
        T = ds["T"].values
        Z = ds["log10_R_measured"].values.T
        lev = np.linspace(-2.0, 40.0, 22)
        cs = ax.contourf(L, T, np.clip(Z, -2.5, 45.0), levels=lev, cmap="magma", extend="both")
        fig.colorbar(cs, ax=ax, label=r"$\log_{10} R$ (measured $\tau_{CE}$)")
        ax.contour(L, T, ds["min_kept_barrier_kT"].values.T, levels=[n_min], colors="c", linewidths=1.5)
        ax.contour(L, T, Z, levels=[0.0], colors="w", linewidths=1.0, linestyles=":")
        ax.plot(L, ds["T0"].values, "g--", lw=1, label=r"$T_0$ (tunnelling crossover)")
        ax.plot([], [], "c-", lw=1.5, label=rf"kept barrier = {n_min:g} $k_BT$")
        ax.plot([], [], "w:", lw=1.0, label=r"$R = 1$")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylim(T.min(), T.max())
        log_ticks(ax.xaxis, L.min(), L.max())
        log_ticks(ax.yaxis, T.min(), T.max())
        ax.set_xlabel(r"inductance $L$ (pH)")
        ax.set_ylabel(r"temperature $T$ (K)")
        ax.set_title(f"{ds.attrs.get('set', '')}: C = {ds.attrs['C_F'] * 1e15:.0f} fF, "
                     rf"R = {ds.attrs['R_ohm']:g} $\Omega$, $\beta$ = 2.3", fontsize=9)
        # dark legend box: the white R = 1 line must show in the legend as on the map
        ax.legend(fontsize=7, loc="lower left", facecolor="0.3", framealpha=0.85, labelcolor="w", frameon=True)
    return fig


def nand_occupation(occupation: Mapping[str, np.ndarray], step_names: Sequence[str]) -> Figure:
    """Fig. 7 style: occupation of each state after each CE step, one panel per input."""
    fig = Figure(figsize=(3.3 * len(occupation), 3.4), constrained_layout=True)
    axes = fig.subplots(1, len(occupation), squeeze=False)[0]
    for ax, (inp, occ) in zip(axes, occupation.items(), strict=True):
        im = ax.imshow(np.asarray(occ).T, origin="lower", aspect="auto", cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(step_names)), step_names, rotation=60, fontsize=7)
        ax.set_yticks(range(4), STATE_LABELS)
        ax.set_title(f"input {inp}", fontsize=9)
        ax.set_ylabel("state b1b2")
    fig.colorbar(im, ax=axes.tolist(), label="occupation")
    fig.suptitle("Complete NAND: state occupation after each CE (thermal)", fontsize=10)
    return fig


def work_histograms(work: Mapping[str, np.ndarray], *, landauer_kT: float, title: str) -> Figure:
    """Distribution of the total work per input (kT), with the Landauer cost of the uniform-input gate."""
    fig = Figure(figsize=(6.4, 4.0), constrained_layout=True)
    ax = fig.subplots()
    allw = np.concatenate([np.asarray(w) for w in work.values()])
    bins = np.linspace(allw.min() - 1, allw.max() + 1, 120).tolist()
    for inp, w in work.items():
        ax.hist(w, bins=bins, histtype="step", lw=1.3, label=f"input {inp}: <W> = {np.mean(w):.1f} kT")
    ax.axvline(landauer_kT, color="k", ls="--", lw=1, label=f"Landauer cost (uniform) {landauer_kT:.3f} kT")
    ax.set_yscale("log")
    ax.set_xlabel("work W (kT)")
    ax.set_ylabel("number of trajectories")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7)
    return fig
