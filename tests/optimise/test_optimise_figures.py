"""Figure functions draw what they are given (no simulation)."""

from __future__ import annotations

import numpy as np

from landauer.engine.protocol import Protocol
from landauer.optimise.figures import schedule_figure, work_vs_tau_figure


def test_schedule_figure_has_one_panel_per_moving_control() -> None:
    opt = Protocol.start(b=16.0, f=0.0).ramp(1e-9, b=10.0).ramp(2.0, b=0.0, f=-5.0).ramp(2.0, b=16.0, f=0.0)
    base = Protocol.start(b=16.0, f=0.0).ramp(1.0, b=0.0).ramp(1.0, f=-10.0).ramp(1.0, b=16.0).ramp(1.0, f=0.0)
    fig = schedule_figure(opt, base, title="t")
    axes = fig.get_axes()
    assert [ax.get_ylabel() for ax in axes] == ["$b$ (model units)", "$f$ (model units)"]
    y = axes[0].get_lines()[0].get_ydata()
    assert np.isclose(y[0], 16.0) and np.isclose(y[1], 10.0, atol=1e-3)  # the start jump is drawn


def test_work_vs_tau_figure_orders_by_tau() -> None:
    rows = [{"tau": t, "work_kT": 1 / t, "work_se_kT": 0.01, "baseline_work_kT": 2 / t, "baseline_work_se_kT": 0.01,
             "bound_kT": 0.5 / t} for t in (4.0, 1.0, 2.0)]
    fig = work_vs_tau_figure(rows)
    (ax,) = fig.get_axes()
    bound = [ln for ln in ax.get_lines() if ln.get_label() == "bound"][0]
    np.testing.assert_allclose(bound.get_xdata(), [1.0, 2.0, 4.0])
    np.testing.assert_allclose(bound.get_ydata(), [0.5, 0.25, 0.125])
