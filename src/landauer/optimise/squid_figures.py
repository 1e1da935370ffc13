"""Figures of the SQUID dissipation-robustness trade-off (plots only; the points come from
:mod:`landauer.optimise.squid`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def tradeoff_figure(ce_family: Sequence[Mapping[str, Any]], ce_activated: Sequence[Mapping[str, Any]],
                    ce_optimised: Sequence[Mapping[str, Any]],
                    nand: Sequence[Mapping[str, Any]], *, ce_landauer_kT: float, nand_landauer_kT: float,
                    title: str = "") -> Any:
    """Two panels (log work axis): one CE's mean work against the lowest kept barrier (the paper's family
    as a line, the activated paths as a second line labelled by their error rates, optimised paths as points) and the complete NAND's mean work against its error rate
    (zero observed errors drawn at the 95 % upper limit with a left arrow). Dotted lines: the Landauer
    costs. Each point is a ``TradeoffPoint.as_dict()``; error bars are 1 SE."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    fig, (a, b) = plt.subplots(1, 2, figsize=(10.0, 5.6))
    fam = sorted(ce_family, key=lambda p: p["kept_barrier_kT"])
    a.errorbar([p["kept_barrier_kT"] for p in fam], [p["work_kT"] for p in fam], yerr=[p["work_se_kT"] for p in fam],
               fmt="o-", color="C0", label="paper's family ($\\mu$ scanned)")
    for p in fam:
        err = f", err {p['error_rate']:.2g}" if p["error_rate"] > 0 else ""
        a.annotate(p["label"] + err, (p["kept_barrier_kT"], p["work_kT"]), textcoords="offset points", xytext=(4, -10),
                   fontsize=6, color="C0")
    act = sorted(ce_activated, key=lambda p: p["kept_barrier_kT"])
    if act:
        a.errorbar([p["kept_barrier_kT"] for p in act], [p["work_kT"] for p in act],
                   yerr=[p["work_se_kT"] for p in act], fmt="^--", color="C5",
                   label="activated escape (hold 1 $k_BT$ below the kept barrier)")
        for p in act:
            a.annotate(f"err {p['error_rate']:.2g}", (p["kept_barrier_kT"], p["work_kT"]), textcoords="offset points",
                       xytext=(-8, -14), fontsize=6, color="C5")
    for k, p in enumerate(ce_optimised):
        a.errorbar([p["kept_barrier_kT"]], [p["work_kT"]], yerr=[p["work_se_kT"]], fmt="s", color=f"C{k + 1}",
                   label=f"{p['label']}, error {p['error_rate']:.2g}")
    a.axhline(ce_landauer_kT, ls=":", color="k", label=f"Landauer cost {ce_landauer_kT:.3f} $k_BT$")
    a.set_xlabel("lowest kept barrier along the path ($k_BT$)")
    a.set_ylabel("mean work per CE, uniform inputs ($k_BT$)")
    a.set_yscale("log")
    a.set_xscale("log")
    a.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, frameon=False)
    a.set_title("one CE", fontsize=9)
    for k, p in enumerate(nand):
        zero = p["error_rate"] == 0
        hollow = "half-plane" in p["label"]
        x = p["error_rate_upper95"] if zero else p["error_rate"]
        kept = "full rest barrier, no fold" if hollow else f"kept barrier {p['kept_barrier_kT']:.1f} $k_BT$"
        b.errorbar([x], [p["work_kT"]], yerr=[p["work_se_kT"]], fmt="D" if hollow else ("o" if k == 0 else "s"),
                   color=f"C{k}", mfc="none" if hollow else None, xerr=[[0.4 * x], [0]] if zero else None,
                   xuplims=zero, label=f"{p['label']} ({kept})")
    b.axhline(nand_landauer_kT, ls=":", color="k", label=f"Landauer cost {nand_landauer_kT:.2f} $k_BT$")
    b.set_xscale("log")
    b.xaxis.set_minor_formatter(NullFormatter())
    b.set_yscale("log")
    b.set_xlabel("error rate: output not NAND (none seen: 95 % upper limit)")
    b.set_ylabel("mean work per NAND, uniform inputs ($k_BT$)")
    b.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, frameon=False)
    b.set_title("complete NAND (5 CEs)", fontsize=9)
    lo = min([ce_landauer_kT, nand_landauer_kT] + [p["work_kT"] for p in [*ce_optimised, *nand]])
    for ax in (a, b):
        ax.set_ylim(0.5 * lo, None)
        ax.grid(alpha=0.3, which="both")
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig
