"""CLI: `landauer transport iv|audit|fit` output, JSON, and one-line errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from landauer.cli import main

DATA = Path(__file__).parents[2] / "src" / "landauer" / "data" / "spin_engine_synthetic_iv.csv"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_iv_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["transport", "iv", "--state", "AP", "--points", "21", "--json"], capsys)
    assert rc == 0
    data = json.loads(out)
    assert data["state"] == "AP" and len(data["sweep"]["I_A"]) == 21
    assert data["parameters"]["alignment"] == "AP"
    assert data["max_output_power_W"] > 0  # refined between 0 and V_oc even on a coarse grid
    assert data["open_circuit_voltage_mV"] < 0


def test_iv_equilibrium_has_no_zero_bias_current(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["transport", "iv", "--sp", "0", "--v-min", "-1", "--v-max", "1", "--points",
                      "3", "--json"], capsys)
    assert rc == 0
    assert abs(json.loads(out)["current_at_min_abs_V_A"]) < 1e-12 * 243e-9 * 0.07


def test_audit_text(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["transport", "audit", "--points", "41"], capsys)
    assert rc == 0
    assert "no support to an autonomous" in out.replace("\n", " ")


def test_fit_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["transport", "fit", str(DATA), "--free", "sp,e0_P", "--starts", "1",
                      "--json"], capsys)
    assert rc == 0
    res = json.loads(out)
    assert abs(res["values"]["sp"] - 8.4) < 5 * res["stderr"]["sp"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["transport", "iv", "--pL", "1.0"], "'--pL': must be < 1"),
        (["transport", "iv", "--gamma-L", "-1"], "'--gamma-L': must be > 0 meV"),
        (["transport", "iv", "--v-min", "2", "--v-max", "1"], "--v-max"),
        (["transport", "iv", "--points", "1"], "'--points': must be >= 3"),
        (["transport", "iv", "--sp", "inf"], "not finite"),
        (["transport", "fit", "/nonexistent/data.csv"], "no such data file"),
        (["transport", "fit", str(DATA), "--free", "bogus"], "unknown fit parameter"),
    ],
)
def test_errors_are_one_line(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
                             ) -> None:
    rc, _, err = run(argv, capsys)
    assert rc == 2
    assert needle in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
