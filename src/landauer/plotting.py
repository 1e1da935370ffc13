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


def log_ticks(axis: object, lo: float, hi: float) -> None:
    """Readable ticks on a log ``axis`` (``ax.xaxis``/``ax.yaxis``) spanning ``[lo, hi]``: 1-2-5 values
    labelled in plain numbers, minor tick labels off (they overlap on short log ranges)."""
    from matplotlib.ticker import FixedLocator, NullFormatter

    k0, k1 = int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi)))
    vals: list[float] = []
    for mantissas in ((1, 2, 5), (1, 2, 3, 5, 7), (1, 1.5, 2, 3, 4, 5, 6, 8), tuple(np.arange(1.0, 10.0, 0.5))):
        # a short range (less than a decade) needs denser mantissas to show at least three labels
        rtol = 1e-9 * max(abs(lo), abs(hi))
        vals = [m * 10.0**k for k in range(k0, k1 + 1) for m in mantissas if lo - rtol <= m * 10.0**k <= hi + rtol]
        if len(vals) >= 3:
            break
    if len(vals) > 7:
        vals = [v for v in vals if np.isclose(np.log10(v) % 1, 0)] or vals[::2]
    axis.set_major_locator(FixedLocator(vals))  # type: ignore[attr-defined]
    axis.set_ticklabels([f"{v:g}" for v in vals])  # type: ignore[attr-defined]
    axis.set_minor_formatter(NullFormatter())  # type: ignore[attr-defined]


# ---------------------------------------------------------------- figure checks

_UNIT = __import__("re").compile(r"\([^()]*\)\s*$|\[[^\[\]]*\]\s*$|\([^()]*\)")
_DIMENSIONLESS = ("probability", "fraction", "density", "count", "number", "ratio", "index", "rate (probability",
                  "occupation", "efficiency", "log", "error rate", "/", "dimensionless", "normalised", "normalized",
                  "input", "gate", "pattern", "state", "trajectory", "spin s")


_GREEK_ASCII = r"\b(theta|phi|varphi|alpha|beta|gamma|omega|tau|sigma|mu|eps|epsilon|lambda)\d+[a-z]*\b"


def figure_defects(fig: Figure, *, units: bool = True) -> list[str]:
    """Obvious defects of a finished figure, as readable messages (empty list: none found).

    Checks: axes without data; tick labels that overlap (bounding boxes, after drawing); axis labels
    without a unit in parentheses (unless the quantity is a probability, fraction, density, count, ratio or
    a log); raw LaTeX or ASCII identifiers (``theta_s``, ``\\alpha`` outside ``$...$``) in any text; legend
    entries whose handle draws nothing (or in the legend's background colour); bars on a log axis clipped
    to a common power-of-ten floor.
    """
    import re

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    out: list[str] = []
    for i, ax in enumerate(fig.get_axes()):
        if not ax.get_visible() or ax.get_label() == "<colorbar>":
            continue
        name = f"axes {i} ({ax.get_title() or ax.get_ylabel() or 'untitled'})"
        if not ax.has_data():
            if ax.axison:  # an axes switched off is a drawing area (arrows, text), not an empty plot
                out.append(f"{name}: empty axes")
            continue
        for which in ("x", "y"):
            axis = ax.xaxis if which == "x" else ax.yaxis
            labels = [t for t in axis.get_ticklabels(which="both") if t.get_visible() and t.get_text()]
            boxes = [t.get_window_extent(renderer) for t in labels]
            boxes = [b for b in boxes if b.width > 0]
            for a, b in zip(boxes, boxes[1:], strict=False):
                if a.overlaps(b) and (min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1):
                    out.append(f"{name}: overlapping {which} tick labels")
                    break
            label = axis.get_label_text()
            if units and label and not _UNIT.search(label) and not any(w in label.lower() for w in _DIMENSIONLESS):
                out.append(f"{name}: {which} label '{label}' has no unit")
        if ax.get_yscale() == "log":
            from matplotlib.patches import Rectangle

            heights = [p.get_height() for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0]
            floor = min(heights, default=0.0)
            others = [h for h in heights if h != floor]
            # clipped zeros: several bars at one power of ten, 100x below every other bar
            if (len(heights) > 2 and heights.count(floor) >= 2 and np.isclose(np.log10(floor) % 1, 0)
                    and others and floor <= 0.01 * min(others)):
                out.append(f"{name}: bars clipped to a floor of {floor:g} on a log axis")
        legend = ax.get_legend()
        if legend is not None:
            for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
                if handle is None or not _draws_something(handle, legend.get_frame().get_facecolor()):
                    out.append(f"{name}: legend entry '{text.get_text()}' shows no line or marker")
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        s = t.get_text()
        if not s or not t.get_visible():
            continue
        plain = re.sub(r"\$[^$]*\$", "", s.replace(r"\$", ""))
        if "$$" in s or s.count("$") % 2 or re.search(r"\\[A-Za-z]+", plain):
            out.append(f"raw LaTeX in text '{s}'")
        elif re.search(r"\b[A-Za-z]+_[A-Za-z0-9]+\b", plain) or re.search(_GREEK_ASCII, plain):
            out.append(f"ASCII identifier in text '{s}'")
    return list(dict.fromkeys(out))


def _draws_something(handle: object, background: object = "white") -> bool:
    from matplotlib.colors import to_rgb
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if isinstance(handle, Line2D):
        has_line = handle.get_linestyle() not in ("None", "none", "", " ") and handle.get_linewidth() > 0
        has_marker = handle.get_marker() not in ("None", "none", "", " ", None)
        # a line drawn in the legend's own background colour is invisible
        invisible = np.allclose(to_rgb(handle.get_color()), to_rgb(background), atol=0.08)  # type: ignore[arg-type]
        return (has_line or has_marker) and not invisible
    if isinstance(handle, Patch):
        return handle.get_visible()
    return True
