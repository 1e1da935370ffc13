"""Figures in the house style, built from small synthetic inputs (fast: no reproduction is run).

`landauer.plotting.figure_defects` finds empty axes, overlapping tick labels (bounding boxes after
drawing), axis labels without units, raw LaTeX or ASCII identifiers in text, legend entries that draw
nothing and bars clipped to a floor on log axes. The first tests show that it catches each defect (so it
can fail); the others run it on the figure functions whose defects issue 14 (item 8) listed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure

from landauer.plotting import figure_defects


def _good_axes() -> tuple[Figure, object]:
    fig = Figure(figsize=(5, 3.5))
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [1, 4, 9], "o-", label="model")
    ax.set_xlabel("time (s)")
    ax.set_ylabel(r"work ($k_BT$)")
    ax.legend()
    return fig, ax


def test_clean_figure_has_no_defects():
    fig, _ = _good_axes()
    assert figure_defects(fig) == []


@pytest.mark.parametrize(("spoil", "expect"), [
    (lambda fig, ax: fig.add_subplot(212), "empty axes"),
    (lambda fig, ax: ax.set_xticks([1, 1.02, 1.04], ["a long label", "another long one", "third"]),
     "overlapping x tick labels"),
    (lambda fig, ax: ax.set_ylabel("work"), "has no unit"),
    (lambda fig, ax: ax.set_title(r"\alpha = 0.9"), "raw LaTeX"),
    (lambda fig, ax: ax.set_title(r"$\beta\langle Q\rangle-$$\mathcal{B}_Q$"), "raw LaTeX"),
    (lambda fig, ax: ax.set_title("signal theta_s = 0.003 rad"), "ASCII identifier"),
    (lambda fig, ax: ax.set_title("phi2xdc = 1.79"), "ASCII identifier"),
    (lambda fig, ax: (ax.plot([], [], "w:", label="R = 1"), ax.legend()), "shows no line"),
])
def test_each_defect_is_caught(spoil, expect):
    fig, ax = _good_axes()
    spoil(fig, ax)
    found = figure_defects(fig)
    assert any(expect in d for d in found), found


def test_clipped_log_bars_are_caught():
    fig = Figure()
    ax = fig.add_subplot()
    ax.bar([0, 1, 2, 3], np.maximum([0.0, 0.0, 5.0, 40.0], 1e-3))
    ax.set_yscale("log")
    ax.set_ylabel("dissipation (kT)")
    assert any("clipped to a floor" in d for d in figure_defects(fig))


# ---------------------------------------------------------------- the figures of issue 14, item 8


def test_aqfp_nand_reset_classes_zero_is_not_a_bar():
    from landauer.models.aqfp import figures

    gates = ["g1", "g2", "g3"]
    forms = {
        name: {"gates": gates, "patterns": ["00", "01", "10", "11"],
               "classes": np.array([[0, 1, 2, 3], [1, 1, 0, 2], [4, 0, 1, 1]]), "energy_kT": np.asarray(e)}
        for name, e in (("conventional", [3.0, 0.0, 12.0, 2.0]), ("landauer", [0.0, 0.0, 0.7, 0.4]))
    }
    fig = figures.nand_reset_classes(forms)
    assert figure_defects(fig) == []
    ax = fig.get_axes()[-1]
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 5 and min(heights) > 0.1  # 5 non-zero energies, no bar at a fake floor
    assert "zero dissipation" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_aqfp_ber_single_temperature_is_visible():
    from landauer.models.aqfp import figures

    one = np.array([4.2])
    fig = figures.ber_vs_temperature(one, np.array([0.0]), np.array([1.0 / 800]), np.array([2e-3]),
                                     np.array([1e-3]), np.array([4e-4]),
                                     title=r"one aQFP, signal $\theta_s$ = 0.003 rad, window 3000/$\omega_p$")
    assert figure_defects(fig) == []
    ax = fig.get_axes()[0]
    shown = [ln for ln in ax.get_lines() if ln.get_marker() not in ("None", "", None) and
             np.isfinite(np.asarray(ln.get_ydata(), float)).any()]
    assert len(shown) >= 4  # upper bound for the simulation + the three estimates, each a visible marker


def test_quantum_scaling_legend_is_mathtext():
    from landauer.models.quantum import plots

    N = np.array([1, 2, 4, 8, 16])
    beta = np.array([1.0, 10.0])
    base = 1.0 / np.sqrt(N)[None, :] * np.array([[1.0], [0.3]])
    ds = xr.Dataset({k: (("beta", "N"), base * f) for k, f in
                     (("beta_Q", 1.0), ("B_Q", 0.5), ("B_RW", 0.8), ("delta_S", 0.9))},
                    coords={"beta": beta, "N": N})
    fig = plots.fig_scaling(ds, title=r"Scaling with N ($\alpha$ = 0.95, Jt = 5, d = $2^N$)")
    assert figure_defects(fig) == []


def test_squid_robustness_maps_ticks_and_legend():
    from landauer.models.squid import plots

    L = np.geomspace(5e-12, 60e-12, 9)
    T = np.geomspace(0.05, 10.0, 8)
    LL, TT = np.meshgrid(L, T, indexing="ij")
    ds = xr.Dataset({"log10_R_measured": (("L", "T"), 30 - 5 * np.log10(TT) - 1e12 * LL / 3),
                     "min_kept_barrier_kT": (("L", "T"), 1e13 * LL / TT),
                     "T0": ("L", 0.2 + 0 * L)},
                    coords={"L": L, "T": T}, attrs={"set": "QFP-like", "C_F": 500e-15, "R_ohm": 30.0})
    fig = plots.robustness_maps([ds, ds], n_min=8.0)
    assert figure_defects(fig) == []


def test_mtj_work_histogram_states_its_own_run():
    from landauer.models.mtj import figures

    W = np.random.default_rng(3).normal(1.2, 0.4, size=400)
    fig = figures.work_histogram_figure(W, tau=300.0)
    assert figure_defects(fig) == []
    ax = fig.get_axes()[0]
    assert "300" in ax.get_title() and "slowest" not in ax.get_title()
    se = W.std(ddof=1) / math.sqrt(W.size)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(f"{W.mean():.3f}" in s and f"{se:.3f}" in s for s in labels)


def test_double_well_figures():
    from landauer import plotting

    tau = np.array([1.0, 4.0, 16.0, 64.0])
    table = {"tau": tau, "mean_work": 0.7 + 5 / tau, "mean_work_se": 0.01 + 0 * tau,
             "w_min_eps": 0.69 + 0 * tau, "finite_time_bound": 3 / tau}
    for fig in (plotting.work_vs_tau(table),
                plotting.work_histogram(np.random.default_rng(0).normal(0.8, 0.3, 500), label="tau = 64")):
        assert figure_defects(fig) == []


def _quantum_grid() -> xr.Dataset:
    alpha = np.linspace(0.5, 1.0, 6)
    jt = np.linspace(0.5, 5.0, 5)
    beta = np.array([1.0, 10.0])
    A, J = np.meshgrid(alpha, jt, indexing="ij")
    base = (A**2 * (1 - np.exp(-J)))[None] * np.array([1.0, 0.3])[:, None, None]
    return xr.Dataset({k: (("beta", "alpha", "Jt"), base * f + off) for k, f, off in
                       (("beta_Q", 1.0, 0.0), ("B_Q", 0.5, 0.0), ("B_RW", 0.8, -0.05), ("delta_S", 0.9, 0.0))},
                      coords={"beta": beta, "alpha": alpha, "Jt": jt})


def test_quantum_bounds_and_ordering_figures_have_units():
    from landauer.models.quantum import plots

    ds = _quantum_grid()
    figs = [plots.fig_bounds_vs_alpha(ds.isel(Jt=-1), title=r"Fig. 1: N = 1, $Jt$ = 5"),
            plots.fig_bounds_vs_time(ds.isel(alpha=-1), title=r"N = 4, $\alpha$ = 0.95"),
            plots.fig_ordering_map(ds, title="which bound is tighter")]
    for fig in figs:
        assert figure_defects(fig) == []


def test_squid_work_histograms():
    from landauer.models.squid import plots

    rng = np.random.default_rng(5)
    work = {"00": rng.normal(0.4, 0.3, 300), "01": rng.normal(124.0, 2.0, 300)}
    fig = plots.work_histograms(work, landauer_kT=0.56, title="Complete NAND: total work per input")
    assert figure_defects(fig) == []


@pytest.mark.parametrize(("lo", "hi"), [(0.01, 1.0), (50.0, 1000.0), (3.0, 10.0), (4.2, 8.4), (1.0, 50.0)])
def test_log_ticks_label_short_and_long_ranges(lo, hi):
    from landauer.plotting import log_ticks

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot([lo, hi], [lo, hi])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("L (pH)")
    ax.set_ylabel("T (K)")
    log_ticks(ax.xaxis, lo, hi)
    log_ticks(ax.yaxis, lo, hi)
    assert figure_defects(fig) == []
    shown = [t for t in ax.yaxis.get_ticklabels() if t.get_text()
             and lo <= float(t.get_text()) <= hi]
    assert 3 <= len(shown) <= 7


def test_mtj_stages_and_loops_figures():
    from landauer.models.mtj import figures

    tau = 10.0
    t = np.linspace(0.0, 4 * tau, 81)
    rng = np.random.default_rng(2)
    h = np.stack([np.where((t > 0) & (t < 3 * tau), 1.2, 0.0), np.where((t > tau) & (t < 4 * tau), -0.1, 0.0)], 1)
    mx = np.clip(h[:, :1] + 0.05 * rng.normal(size=(t.size, 8)), -1, 1)
    my = np.sign(rng.normal(size=8))[None, :] * np.sqrt(1 - mx**2)
    ds = xr.Dataset({"h": (("time", "field"), h),
                     "x": (("time", "trajectory", "coordinate"), np.stack([mx, my, 0 * mx], -1))},
                    coords={"time": t}, attrs={"tau_stage": tau, "sigma": 18.8})
    assert figure_defects(figures.stages_figure(ds)) == []
    hh = np.concatenate([np.linspace(-2, 2, 21), np.linspace(2, -2, 21)])
    loop = xr.Dataset({"h": ("step", hh), "m_mean": (("step", "c"), np.stack([np.tanh(hh), np.tanh(2 * hh)], 1)),
                       "TMR_mean": ("step", 0.5 * (1 - np.tanh(2 * hh)))},
                      attrs={"W_loop_kT": 4.1, "tmr_form": "Julliere", "tmr": 1.2})
    assert figure_defects(figures.loops_figure(loop, loop)) == []


def test_bars_at_a_genuine_round_value_are_not_a_floor():
    fig = Figure()
    ax = fig.add_subplot()
    ax.bar([0, 1, 2, 3, 4], [1.0, 1.0, 300.0, 2.0, 1.0])  # e.g. exactly one kT ln 2 per cycle
    ax.set_yscale("log")
    ax.set_ylabel("dissipation (kT ln 2)")
    assert figure_defects(fig) == []


def test_transport_figures_in_mathtext():
    """The transport model is cheap enough to give real inputs (101 bias points)."""
    from landauer.models.transport import figures, paper_params
    from landauer.models.transport.observables import iv_dataset

    v = np.linspace(-10.0, 10.0, 101)
    params = {s: paper_params(s) for s in ("P", "AP")}
    iv = {s: iv_dataset(p, v) for s, p in params.items()}
    iv_eq = {s: iv_dataset(p.replace(sp=0.0), v) for s, p in params.items()}
    i_p, i_ap = iv["P"]["current"].values, iv["AP"]["current"].values
    tmr = np.where(np.abs(i_ap) > 1e-3 * np.abs(i_ap).max(), i_p / i_ap - 1.0, np.nan)
    figs = [figures.iv_figure(iv, iv_eq), figures.tmr_figure(v, tmr, i_p * i_ap < 0),
            figures.power_figure(iv), figures.spin_current_figure(iv),
            figures.entropy_figure(iv, params["P"].T_L)]
    for fig in figs:
        assert figure_defects(fig) == []
