"""Figures for the quantum Landauer reproduction. Functions take Datasets and never simulate."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

_STYLE = {
    "beta_Q": ("k", "-", r"$\beta\langle Q\rangle$"),
    "B_Q": ("tab:blue", "--", r"$\mathcal{B}_Q$ (Goold et al.)"),
    "B_RW": ("tab:red", "-.", r"$\mathcal{B}_{RW}$ (Reeb-Wolf)"),
    "delta_S": ("tab:green", ":", r"$\Delta S$"),
}

_GAP_LABEL = {
    "B_Q": r"$\beta\langle Q\rangle - \mathcal{B}_Q$",
    "B_RW": r"$\beta\langle Q\rangle - \mathcal{B}_{RW}$",
    "delta_S": r"$\beta\langle Q\rangle - \Delta S$",
}


def _curves(ax: Any, x: Any, ds: Any, sel: dict[str, Any]) -> None:
    for key, (color, ls, label) in _STYLE.items():
        ax.plot(x, ds[key].sel(sel).values, color=color, ls=ls, label=label, lw=1.6)
    ax.grid(alpha=0.3)


def _bounds_panels(ds: Any, *, coord: str, xlabel: str, title: str) -> Figure:
    """beta<Q>, B_Q, B_RW and Delta S against ``coord``, one panel per beta."""
    betas = ds["beta"].values
    fig = Figure(figsize=(5.2 * len(betas), 4.0))
    axes = fig.subplots(1, len(betas), squeeze=False)[0]
    for ax, b in zip(axes, betas, strict=True):
        _curves(ax, ds[coord].values, ds, {"beta": b})
        ax.set_xlabel(xlabel)
        ax.set_ylabel("heat / entropy (units of $k_BT$, nats)")
        ax.set_title(rf"$\beta J = {b:g}$")
    axes[0].legend(fontsize=8, loc="best")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def fig_bounds_vs_alpha(ds: Any, *, title: str) -> Figure:
    """beta<Q>, B_Q, B_RW and Delta S against alpha, one panel per beta (paper Fig. 1(b,c), Fig. 2)."""
    return _bounds_panels(ds, coord="alpha", title=title,
                          xlabel=r"initial amplitude $\alpha$ of $|1\rangle$ (dimensionless)")


def fig_bounds_vs_time(ds: Any, *, title: str) -> Figure:
    """The same four quantities against Jt at fixed alpha, one panel per beta."""
    return _bounds_panels(ds, coord="Jt", xlabel=r"interaction time $Jt$ (units of $\hbar/J$)", title=title)


def fig_ordering_map(ds: Any, *, title: str) -> Figure:
    """Sign of B_Q - B_RW over (alpha, Jt): where each bound is the tighter one."""
    betas = ds["beta"].values
    fig = Figure(figsize=(5.0 * len(betas), 4.0))
    axes = fig.subplots(1, len(betas), squeeze=False)[0]
    for ax, b in zip(axes, betas, strict=True):
        diff = ds["B_Q"].sel(beta=b).values - ds["B_RW"].sel(beta=b).values
        ext = [ds["alpha"].values[0], ds["alpha"].values[-1], ds["Jt"].values[0], ds["Jt"].values[-1]]
        im = ax.imshow(np.sign(diff).T, origin="lower", aspect="auto", extent=ext, cmap="coolwarm",
                       vmin=-1, vmax=1, interpolation="nearest")
        ax.set_xlabel(r"initial amplitude $\alpha$ (dimensionless)")
        ax.set_ylabel(r"interaction time $Jt$ (units of $\hbar/J$)")
        ax.set_title(rf"sign($\mathcal{{B}}_Q-\mathcal{{B}}_{{RW}}$), $\beta J={b:g}$")
    cb = fig.colorbar(im, ax=list(axes), ticks=[-1, 0, 1])
    cb.ax.set_yticklabels([r"$B_{RW}$ tighter", "equal", r"$B_Q$ tighter"])
    fig.suptitle(title)
    return fig


def fig_scaling(ds: Any, *, title: str) -> Figure:
    """beta<Q> and the bounds against N (log axis), and each bound's gap to beta<Q>."""
    betas = ds["beta"].values
    fig = Figure(figsize=(5.2 * len(betas), 7.0))
    axes = fig.subplots(2, len(betas), squeeze=False)
    N = ds["N"].values
    for j, b in enumerate(betas):
        ax = axes[0, j]
        for key, (color, ls, label) in _STYLE.items():
            ax.semilogx(N, ds[key].sel(beta=b).values, color=color, ls=ls, marker="o", ms=3, label=label)
        ax.set_title(rf"$\beta J = {b:g}$")
        ax.set_ylabel("heat / entropy ($k_BT$, nats)")
        ax.grid(alpha=0.3)
        ax2 = axes[1, j]
        for key in ("B_Q", "B_RW", "delta_S"):
            color, ls, _ = _STYLE[key]
            gap = ds["beta_Q"].sel(beta=b).values - ds[key].sel(beta=b).values
            # a log axis shows positive gaps only; none is clipped to a fake floor
            ax2.loglog(N, np.where(gap > 0, gap, np.nan), color=color, ls=ls, marker="o", ms=3,
                       label=_GAP_LABEL[key])
        ax2.set_xlabel("environment size $N$ (spins)")
        ax2.set_ylabel(r"gap to $\beta\langle Q\rangle$ (nats)")
        ax2.grid(alpha=0.3)
    axes[0, 0].legend(fontsize=8)
    axes[1, 0].legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def fig_heat_distribution(panels: list[dict[str, Any]], *, title: str) -> Figure:
    """Broadened heat densities (FFT) with exact atoms where available."""
    fig = Figure(figsize=(5.2 * len(panels), 4.0))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, p in zip(axes, panels, strict=True):
        ax.plot(p["Q"], p["P"], color="tab:blue", lw=1.4, label=rf"$P_\sigma(Q)$, $\sigma={p['sigma']:g}J$")
        if "Q_atoms" in p:
            big = p["P_atoms"] > 1e-4
            ax.vlines(p["Q_atoms"][big], 0, p["P_atoms"][big] / (p["sigma"] * np.sqrt(2 * np.pi)),
                      color="tab:orange", lw=1.0, label="exact atoms (scaled)")
        ax.axvline(p["mean"], color="k", ls=":", label=r"$\langle Q\rangle$")
        ax.set_xlim(p["xlim"])
        ax.set_xlabel("heat $Q$ (units of $J$)")
        ax.set_ylabel(r"density (1/$J$)")
        ax.set_title(p["title"])
        ax.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
