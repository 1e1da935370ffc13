"""`landauer reproduce double-well --quick` end to end: files, summary schema and figures of merit."""

import json

import pytest

from landauer.cli import main

KEYS = ["landauer_bound_300K_zJ", "erasure_work_slowest_kT", "erasure_work_intercept_kT", "excess_work_slope",
        "eps_corrected_bound_kT", "jarzynski_mean_exp", "finite_time_bound_ok", "success_probability_slowest", "leak_errors"]
OPT_TAUS = ("4", "16")  # durations of the quick optimised-protocol rows (papers/double_well.OPT_QUICK)


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
    icpt = res["erasure_work_intercept_kT"]  # leak-corrected c0 + c1/tau + c2/tau^2 fit, chi2 gate passed
    assert icpt["paper_value"] == pytest.approx(0.693147, abs=1e-6) and icpt["verdict"] == "agree"
    assert icpt["stderr"] < 0.02 and "gate p >= 0.001 passed" in icpt["note"]
    assert res["leak_errors"]["verdict"] == "pass"  # failed erasures against the Kramers leak prediction
    w = res["erasure_work_slowest_kT"]
    assert w["value"] > res["eps_corrected_bound_kT"]["value"] - 3 * w["stderr"]
    assert w["value"] - 0.6931 < 0.15
    assert res["finite_time_bound_ok"]["value"] is True
    assert res["success_probability_slowest"]["value"] > 0.99
    assert res["excess_work_slope"]["value"] > 3 * res["excess_work_slope"]["stderr"]
    for tau in OPT_TAUS:  # optimised protocol: fresh-seed cost, bound, four-stage cost and paired gain
        w, b = res[f"optimised_work_tau{tau}_kT"], res[f"optimised_bound_tau{tau}_kT"]
        base, gain = res[f"four_stage_work_tau{tau}_kT"], res[f"optimised_gain_tau{tau}_kT"]
        assert w["verdict"] == "pass" and w["value"] >= b["value"] - 3 * w["stderr"]
        assert gain["verdict"] == "pass" and gain["value"] < -3 * gain["stderr"]
        assert gain["paper_value"] is None and w["paper_value"] is None
        assert base["stderr"] > 0 and base["paper_value"] is None
    g = res["geodesic_length"]  # thermodynamic length of the erasure geodesic (engine grid vs exact quadrature)
    assert g["verdict"] == "pass" and g["stderr"] > 0 and g["paper_value"] is None
    for tau in OPT_TAUS:  # geodesic protocol: fresh-seed cost, not below the finite-time bound beyond 3 SE
        w = res[f"geodesic_work_tau{tau}_kT"]
        assert w["verdict"] == "pass" and w["stderr"] > 0 and w["paper_value"] is None
        assert w["value"] > 0.6931 - 3 * w["stderr"]
    for name in ("work_vs_tau", "work_histogram", "trajectories", "optimised_work_vs_tau", "optimised_schedule"):
        assert (out / f"{name}.png").stat().st_size > 10_000
        assert (out / f"{name}.svg").exists()
    assert (out / "tau_sweep.nc").exists() and (out / "work_slowest.nc").exists()
    assert (out / "optimised.nc").exists() and (out / "friction_grid.nc").exists()
    figures = json.loads((out / "figures.json").read_text())
    assert figures["optimised_work_vs_tau"]["defects"] == [] and figures["optimised_schedule"]["defects"] == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing half-written
