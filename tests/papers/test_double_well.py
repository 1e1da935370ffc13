"""`landauer reproduce double-well --quick` end to end: files, summary schema and figures of merit."""

import json

import pytest

from landauer.cli import main

KEYS = ["landauer_bound_300K_zJ", "erasure_work_slowest_kT", "erasure_work_intercept_kT", "excess_work_slope",
        "eps_corrected_bound_kT", "jarzynski_mean_exp", "finite_time_bound_ok", "success_probability_slowest"]


def test_reproduce_double_well_quick(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["reproduce", "double-well", "--quick", "--out", str(tmp_path), "--no-progress"])
    assert exc.value.code == 0
    out = tmp_path / "double-well"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["paper"] == "double-well" and summary["quick"] is True
    res = summary["results"]
    for key in KEYS:
        assert key in res, key
        assert set(res[key]) == {"value", "stderr", "unit", "paper_value", "tolerance", "compared_on", "verdict",
                                 "note"}
    from landauer.verdict import audit_summary
    assert audit_summary(summary) == []
    assert res["erasure_work_intercept_kT"]["paper_value"] == pytest.approx(0.693147, abs=1e-6)
    w = res["erasure_work_slowest_kT"]
    assert w["value"] > res["eps_corrected_bound_kT"]["value"] - 3 * w["stderr"]
    assert w["value"] - 0.6931 < 0.15
    assert res["finite_time_bound_ok"]["value"] is True
    assert res["success_probability_slowest"]["value"] > 0.99
    assert res["excess_work_slope"]["value"] > 3 * res["excess_work_slope"]["stderr"]
    for name in ("work_vs_tau", "work_histogram", "trajectories"):
        assert (out / f"{name}.png").stat().st_size > 10_000
        assert (out / f"{name}.svg").exists()
    assert (out / "tau_sweep.nc").exists() and (out / "work_slowest.nc").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing half-written
