"""Figures of optimised protocols (plots only; no simulation here).

- :func:`schedule_figure`: each control's optimal schedule beside the baseline protocol;
- :func:`work_vs_tau_figure`: optimised and baseline mean work against the duration, with the bounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from landauer.engine.protocol import Protocol


def schedule_figure(optimal: Protocol, baseline: Protocol, *, title: str = "", points: int = 801,
                    labels: Mapping[str, str] | None = None, time_label: str = r"time $t$ (model time units)",
                    baseline_label: str = "baseline") -> Any:
    """One panel per control that changes in either protocol: optimal (solid) and baseline (dashed).

    ``labels`` maps a control name to its axis label (mathtext with the unit, e.g.
    ``{"b": r"barrier coefficient $b$ ($k_BT$)"}``); unnamed controls are labelled by name with
    "(model units)".
    """
    import matplotlib.pyplot as plt

    names = [c for c in optimal.controls
             if np.ptp(np.asarray(optimal.values)[:, optimal.controls.index(c)]) > 0
             or (c in baseline.controls and np.ptp(np.asarray(baseline.values)[:, baseline.controls.index(c)]) > 0)]
    names = names or list(optimal.controls)
    fig, axes = plt.subplots(len(names), 1, figsize=(5.0, 1.9 * len(names) + 0.6), sharex=True, squeeze=False)
    t = np.linspace(0.0, optimal.duration, points)
    # show the jumps: sample just after 0 and just before tau as well
    t = np.unique(np.concatenate([t, [1e-6 * optimal.duration, optimal.duration * (1 - 1e-6)]]))
    tb = np.linspace(0.0, baseline.duration, points)
    for ax, name in zip(axes[:, 0], names, strict=True):
        ax.plot(t, optimal.values_at(t)[:, optimal.controls.index(name)], lw=1.8, label="optimised")
        if name in baseline.controls:
            ax.plot(tb, baseline.values_at(tb)[:, baseline.controls.index(name)], "--", lw=1.2,
                    label=baseline_label)
        ax.set_ylabel((labels or {}).get(name, f"${name}$ (model units)"))
    axes[0, 0].legend(frameon=False, fontsize=8)
    axes[-1, 0].set_xlabel(time_label)
    if title:
        axes[0, 0].set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def work_vs_tau_figure(rows: Sequence[Mapping[str, Any]], *, title: str = "",
                       exact: Mapping[str, Sequence[float]] | None = None,
                       tau_label: str = r"protocol duration $\tau$ (model time units)",
                       baseline_label: str = "device protocol", bound_label: str = "bound",
                       series: Mapping[str, tuple[Sequence[float], Sequence[float], Sequence[float]]] | None = None
                       ) -> Any:
    """Mean work (1 SE bars) against ``tau`` from result rows (``tau``, ``work_kT``, ``work_se_kT``,
    ``baseline_work_kT``, ``baseline_work_se_kT``, optional ``bound_kT``); ``exact`` maps a label to
    values at the same ``tau`` (closed forms); ``series`` maps a label to further measured protocols
    ``(tau, work, work_se)`` at durations of their own."""
    import matplotlib.pyplot as plt

    tau = np.array([r["tau"] for r in rows], dtype=float)
    order = np.argsort(tau)
    tau = tau[order]

    def col(key: str) -> np.ndarray:
        return np.array([np.nan if rows[i].get(key) is None else rows[i][key] for i in order], dtype=float)

    fig, ax = plt.subplots(figsize=(5.0, 3.6))
    ax.errorbar(tau, col("baseline_work_kT"), yerr=col("baseline_work_se_kT"), fmt="s--", ms=4,
                label=baseline_label)
    ax.errorbar(tau, col("work_kT"), yerr=col("work_se_kT"), fmt="o-", ms=4, label="optimised")
    bound = col("bound_kT")
    if np.any(np.isfinite(bound)):
        ax.plot(tau, bound, "k:", label=bound_label)
    for label, vals in (exact or {}).items():
        ax.plot(tau, np.asarray(vals, dtype=float)[order], "-", lw=0.8, label=label)
    for label, (t_s, w_s, se_s) in (series or {}).items():
        ax.errorbar(np.asarray(t_s, float), np.asarray(w_s, float), yerr=np.asarray(se_s, float), fmt="^-", ms=4,
                    label=label)
    ax.set_xscale("log")
    ax.set_xticks(tau, [f"{t:g}" for t in tau])
    ax.minorticks_off()
    ax.set_xlabel(tau_label)
    ax.set_ylabel(r"mean work ($k_BT$)")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
