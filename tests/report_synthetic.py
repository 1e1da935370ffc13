"""A small synthetic reproduction output (written by the real Report.write) for the report and browser tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from landauer.reproduce import Report

HOSTILE = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">&amp;"\''


def _figure(kind: str) -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    x = np.linspace(0.0, 1.0, 20)
    if kind == "line":
        ax.plot(x, x**2, label="model")
        ax.legend()
    else:
        ax.hist(np.random.default_rng(1).normal(size=200), bins=20)
    ax.set_xlabel("time (s)")
    ax.set_ylabel("work ($k_BT$)")
    ax.set_title(f"synthetic {kind}")
    return fig


def write_output(root: Path) -> dict[str, list[str]]:
    """Two papers: one ordinary, one whose texts are hostile HTML. Returns paper -> result keys."""
    keys: dict[str, list[str]] = {}
    a = Report(paper="alpha-paper", quick=True, seed=7)
    a.add("work_kT", 0.7012, unit="kT", stderr=0.0061, paper_value=0.6931, note="within 3 SE")
    a.add("ratio", 3.0, unit="1", paper_value=1.0, note="off by a factor 3")
    a.add("bound_holds", True, unit="", check=True, note="our own bound")
    a.add("plain", 1.5, unit="s")
    a.add_figure("work_line", _figure("line"))
    a.add_figure("work_hist", _figure("hist"))
    a.add_dataset("table", xr.Dataset({"w": ("tau", np.arange(3.0), {"units": "kT"})}))
    dest = a.write(root)
    (dest / "run.json").write_text(json.dumps({"wall_s": 12.5, "git_revision": "abc123def456"}))
    keys["alpha-paper"] = list(a.results)

    b = Report(paper="beta", quick=False, seed=8)
    b.add(f"key{HOSTILE}", 1.0, unit=HOSTILE, stderr=0.1, paper_value=1.1, note=HOSTILE)
    b.add("wide_band", 2.0, unit="zJ", stderr=2.0, paper_value=2.8, tolerance=0.05,
          note="band far wider than half the paper's value")
    b.add_paper_error("eq3", claim=f"Eq. 3 {HOSTILE}", evidence=HOSTILE, where="Eq. 3", value=2.5, unit="zJ")
    b.add_paper_error("sweep_rate", claim="plain claim about the sweep rate", evidence="dwell time 8 ms")
    unbreakable = "Omega^2=(B0-B)^2+4J0^2;" + "x" * 150  # no break opportunity: must wrap, not widen a phone page
    b.add_paper_error("long_formula", claim="formula", evidence=unbreakable, where="Eq. 11")
    b.add("long_note", 1.0, unit="1", note=unbreakable)
    b.add("structured", {f"feature_{i}": {"P": 0.1234567 * i, "AP": -0.5508 * i} for i in range(8)}, unit="mixed")
    spoiled = _figure("line")
    spoiled.axes[0].set_title("signal theta_s")  # a house-style defect the report must flag
    b.add_figure("only_plot", spoiled)
    dest = b.write(root)
    summary = json.loads((dest / "summary.json").read_text())
    summary["title"] = f"Title {HOSTILE}"
    (dest / "summary.json").write_text(json.dumps(summary))
    keys["beta"] = list(summary["results"])
    return keys


