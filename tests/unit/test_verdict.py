"""The verdict rule of summary.json (landauer.verdict): agree iff |v - p| <= max(3 SE, tolerance), a band
wider than half the paper value is inconclusive, log10 comparisons, claims, checks."""

from __future__ import annotations

import math

import pytest

from landauer.reproduce import Report
from landauer.verdict import audit_summary, band, check, compare


def test_band_is_max_of_3se_and_tolerance() -> None:
    assert band(0.1, 0.2) == pytest.approx(0.3)
    assert band(0.01, 0.2) == 0.2
    assert band(None, None) == 0.0


def test_agree_disagree_edges() -> None:
    assert compare(1.0 + 0.299, 1.0, stderr=0.1) == "agree"
    assert compare(1.0 + 0.301, 1.0, stderr=0.1) == "disagree"
    assert compare(1.0 - 0.301, 1.0, stderr=0.1) == "disagree"
    # tolerance: the paper printed 2.8 (half a unit of the last digit = 0.05)
    assert compare(2.84, 2.8, tolerance=0.05) == "agree"
    assert compare(2.871, 2.8, tolerance=0.05) == "disagree"


def test_wide_band_is_inconclusive_not_agree() -> None:
    """The issue's example: 0.215 +- 0.52 kT against ln 2 (anything from -0.87 to 2.26 would agree)."""
    assert compare(0.215, math.log(2), stderr=0.52) == "inconclusive"
    assert compare(0.0, math.log(2), stderr=0.52) == "inconclusive"
    assert compare(5.0, math.log(2), stderr=0.52) == "disagree"  # outside the band: still a disagreement
    # exactly half the paper value is still conclusive
    assert compare(1.0, 1.0, stderr=0.5 / 3) == "agree"
    assert compare(1.0, 1.0, stderr=0.51 / 3) == "inconclusive"


def test_exact_values_need_exact_agreement() -> None:
    assert compare(1.428, 1.0) == "disagree"
    assert compare(1.0, 1.0) == "agree"


def test_log10_comparison() -> None:
    assert compare(1.2e-29, 1e-31, log10=True, tolerance=0.5) == "disagree"  # 2.08 decades
    assert compare(3e-31, 1e-31, log10=True, tolerance=0.5) == "agree"  # 0.48 decades
    # a relative SE of 50 % is 0.217 decades, x3 = 0.65 > 0.5: inconclusive
    assert compare(1e-31, 1e-31, stderr=0.5e-31, log10=True) == "inconclusive"
    with pytest.raises(ValueError):
        compare(-1.0, 1.0, log10=True)


def test_claims_and_checks() -> None:
    assert compare(True, True) == "agree"
    assert compare(False, True) == "disagree"
    with pytest.raises(TypeError):
        compare(1.0, True)
    assert check(True) == "pass" and check(False) == "fail"


def test_report_uses_the_rule_and_audit_catches_violations() -> None:
    rep = Report(paper="x", quick=True, seed=0)
    rep.add("a", 0.70, unit="kT", stderr=0.01, paper_value=math.log(2))
    rep.add("b", 0.215, unit="kT", stderr=0.52, paper_value=math.log(2))
    rep.add("c", 2.871, unit="zJ", paper_value=2.8, tolerance=0.05, note="tolerance: half a unit of 2.8")
    rep.add("d", 1.0, unit="", check=False)
    rep.add("e", 3.0, unit="")
    s = rep.summary()
    got = {k: r["verdict"] for k, r in s["results"].items()}
    assert got == {"a": "agree", "b": "inconclusive", "c": "disagree", "d": "fail", "e": "n/a"}
    assert audit_summary(s) == []
    s["results"]["b"]["verdict"] = "agree"
    s["results"]["e"]["verdict"] = "agree"
    s["results"]["c"]["note"] = ""
    problems = audit_summary(s)
    assert len(problems) == 3, problems
    with pytest.raises(ValueError):
        rep.add("f", 1.0, unit="", paper_value=1.0, check=True)
    with pytest.raises(ValueError):
        rep.add("g", 1.0, unit="", tolerance=0.1)
