"""The optimised-reset section of the MTJ reproduction (papers/_mtj_optimal.py) at its quick budget: every
check passes (optimised cost not below W_min(eps) beyond 3 SE, cheaper than the four-stage protocol
by more than 3 SE paired, error rate <= 0.01 within 3 SE), the verdicts follow the rule, and the figures
have no defects."""

from __future__ import annotations

import numpy as np
import pytest

from landauer.papers import _mtj_optimal
from landauer.plotting import figure_defects
from landauer.reproduce import Report
from landauer.verdict import audit_summary


@pytest.fixture(scope="module")
def report() -> Report:
    rep = Report(paper="mtj", quick=True, seed=20261122)
    _mtj_optimal.add_optimised(rep, quick=True, seed=20261122, progress=False)
    return rep


def test_checks_pass(report: Report) -> None:
    summary = report.summary()
    assert audit_summary(summary) == []
    res = summary["results"]
    for tau in _mtj_optimal.OPT_QUICK["taus"]:
        key = f"tau{tau:g}"
        for name in (f"optimised_reset_work_{key}_kT", f"optimised_reset_gain_{key}_kT",
                     f"optimised_reset_error_rate_{key}"):
            assert res[name]["verdict"] == "pass", (name, res[name])
        assert res[f"four_stage_reset_work_{key}_kT"]["verdict"] == "n/a"
        w, b = res[f"optimised_reset_work_{key}_kT"]["value"], res[f"optimised_reset_bound_{key}_kT"]["value"]
        assert w > b  # the reported excess is positive at these short durations
    assert not any(r["paper_value"] is not None for k, r in res.items() if "optimised" in k)


def test_dataset_and_figures(report: Report) -> None:
    ds = report.datasets["optimised_reset"]
    taus = _mtj_optimal.OPT_QUICK["taus"]
    np.testing.assert_array_equal(ds["tau"].values, taus)
    assert ds["knots_hx"].shape == (len(taus), 5)
    assert np.all(ds["gain_kT"].values < 0)
    for name in ("optimised_reset_work_vs_tau", "optimised_reset_schedule"):
        assert figure_defects(report.figures[name]) == [], name
