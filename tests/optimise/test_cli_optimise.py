"""``landauer optimise``: JSON output on the harmonic drag and the error policy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from landauer.models import harmonic


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from landauer.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=600)


def test_optimise_harmonic_drag_json(tmp_path) -> None:  # noqa: ANN001
    """Oracle search, stochastic independent evaluation: W* = lambda_f^2/(tau + 2) within 3 SE
    (Schmiedl & Seifert 2007), the linear drag's closed form within 3 SE, the file written."""
    out = tmp_path / "opt.json"
    r = _cli("optimise", "--device", "harmonic-drag", "--tau", "2", "--oracle", "-n", "2",
             "--eval-trajectories", "20000", "--json", "--no-progress", "--out", str(out))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert json.loads(out.read_text()) == d
    assert abs(d["work_kT"] - harmonic.drag_optimal_work(5.0, 2.0)) < 3 * d["work_se_kT"]
    assert abs(d["baseline_work_kT"] - harmonic.drag_linear_work(5.0, 2.0)) < 3 * d["baseline_work_se_kT"] + 0.01
    assert d["bound_kT"] == pytest.approx(harmonic.drag_optimal_work(5.0, 2.0))
    assert d["error_rate"] == 0.0
    c = d["protocol"]["centre"]
    assert abs(c["jump_start"] - 5.0 / 4.0) < 0.01 and abs(c["jump_end"] - 5.0 / 4.0) < 0.01


@pytest.mark.parametrize(("args", "needle"), [
    (("--device", "nonesuch", "--tau", "1"), "nonesuch"),
    (("--device", "harmonic-drag", "--tau", "1", "--error-target", "0.1"), "--error-target"),
    (("--device", "harmonic-drag", "--tau", "-1"), "tau"),
    (("--device", "harmonic-drag", "--tau", "1", "--knots", "1"), "--knots"),
    (("--device", "double-well", "--tau", "1", "--error-target", "1.5"), "--error-target"),
    (("--device", "harmonic-drag", "--tau", "1", "-n", "1"), "-n"),
])
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], needle: str, tmp_path, capsys) -> None:  # noqa: ANN001
    """In-process through the console entry point (same error policy as the installed command)."""
    from landauer.cli import main

    out = tmp_path / "x.json"
    with pytest.raises(SystemExit) as exc:
        main(["optimise", *args, "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert exc.value.code == 2, err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0], err
    assert "Traceback" not in err
    assert not out.exists()
