"""A real Ctrl-C (SIGINT) during an erasure ensemble: exit 130 within seconds, one line, no file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.slow
def test_sigint_stops_a_long_ensemble_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "x.nc"
    p = subprocess.Popen(
        [sys.executable, "-m", "landauer", "erase", "double-well", "-n", "200000", "--tau", "200",
         "--out", str(out), "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # a shell's '&' would ignore it
    time.sleep(20.0)  # imports, kernel load/compile, then inside the ensemble
    assert p.poll() is None, p.communicate()
    t0 = time.perf_counter()
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        pytest.fail("SIGINT did not stop the run within 30 s")
    waited = time.perf_counter() - t0
    assert p.returncode == 130
    lines = [ln for ln in err.decode().splitlines() if ln.strip()]
    assert lines[-1].startswith("interrupted") and "Traceback" not in err.decode()
    assert waited < 5.0, waited
    assert list(tmp_path.iterdir()) == []
