"""CLI: output, JSON, and the error policy (one line on stderr, exit 2, no traceback)."""

import json
import subprocess
import sys

import pytest


def _cli(*args):
    return subprocess.run([sys.executable, "-c", "from landauer.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=300)


def test_bound_json():
    r = _cli("bound", "--temperature", "300", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["bound_zJ"] == pytest.approx(2.871, rel=2e-4)
    assert data["bound_kTln2"] == pytest.approx(1.0)


@pytest.mark.parametrize("args,needle", [
    (("bound", "--temperature", "-5"), "temperature"),
    (("bound", "--temperature", "nan"), "not finite"),
    (("bound", "--error", "0.7"), "--error"),
    (("bound", "--bogus", "1"), "no such option"),
    (("reproduce", "nonexistent-paper"), "unknown paper"),
    (("erase", "double-well", "--dt", "0.05"), "unstable"),
])
def test_user_errors_exit_2_with_one_line(args, needle):
    r = _cli(*args)
    assert r.returncode == 2
    lines = [ln for ln in r.stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0].lower(), r.stderr
    assert "Traceback" not in r.stderr


def test_reproduce_list_names_the_papers():
    r = _cli("reproduce", "list")
    assert r.returncode == 0
    assert "double-well" in r.stdout
