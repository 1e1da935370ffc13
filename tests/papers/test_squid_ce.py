"""The squid-ce paper module in quick mode: its figures of merit (issue 4) and verdicts (issue 14)."""

from __future__ import annotations

import pytest

from landauer.reproduce import load_paper


@pytest.fixture(scope="module")
def report():  # noqa: ANN201
    return load_paper("squid-ce").run(quick=True, seed=0, progress=False)


def test_truth_tables_and_maps(report) -> None:  # noqa: ANN001
    r = report.results
    assert r["ce_truth_tables_ok"].value == 8
    assert r["nand_quasi_static_traces_ok"].value is True
    assert r["nand_partial_map"].value == {"00": "01", "01": "01", "10": "01", "11": "10"}
    assert r["nand_complete_map"].value == {"00": "11", "01": "11", "10": "11", "11": "00"}
    # 500 per input with no error gives a 95% CP lower bound of 0.9926
    assert r["nand_min_success_probability"].value >= 0.99


def test_energetics_and_robustness(report) -> None:  # noqa: ANN001
    r = report.results
    assert r["nand_landauer_cost_kT"].value == pytest.approx(0.8239592, abs=1e-6)
    w = r["nand_mean_work_kT"]
    assert w.value - 3 * w.stderr > r["nand_landauer_cost_kT"].value
    assert 0 < 1.79 - r["effective_fold_phi_xdc"].value < 0.01
    assert r["robustness_qfp_example"].value > 1e10
    assert r["robustness_mqp_example"].value > 1.0
    k = r["kramers_rate_ratio"]
    assert k.verdict == "pass" and abs(k.value - 1) < 3 * k.stderr + 1 / 6
    from landauer.verdict import audit_summary
    assert audit_summary(report.summary()) == []
    assert {"appendix_a_slide_time", "start_from_rest", "mqp_beta"} <= set(report.paper_errors)


def test_figures_present(report) -> None:  # noqa: ANN001
    assert {"landscape_fixed_points", "bifurcation_diagrams", "robustness_maps", "nand_occupation",
            "nand_work_histograms"} <= set(report.figures)
