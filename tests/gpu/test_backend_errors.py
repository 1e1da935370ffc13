"""``backend="cuda"`` without a GPU: a one-line error from the API and exit 2 from the CLI, before any work.

Run in child processes without ``NUMBA_ENABLE_CUDASIM`` (skipped where a CUDA device is present).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    return env


def test_no_device_is_one_line_parameter_error() -> None:
    """Without the simulator and without a GPU, backend='cuda' refuses before any work."""
    code = (
        "import numpy as np\n"
        "from landauer.engine import Langevin, run\n"
        "from landauer.models import double_well\n"
        "from landauer.validation import ParameterError\n"
        "from numba import cuda\n"
        "if cuda.is_available():\n"
        "    print('HAS-GPU'); raise SystemExit(0)\n"
        "m = double_well.MODEL\n"
        "try:\n"
        "    prot = double_well.erasure_protocol(double_well.DoubleWellParams(), tau=1.0)\n"
        "    run(m, prot, dynamics=Langevin(kT=1.0, dt=1e-3), n_trajectories=4, seed=1, x0=[-1.0], backend='cuda')\n"
        "except ParameterError as e:\n"
        "    print('ERR:' + str(e))\n"
        "try:\n"
        "    run(m, None, dynamics=Langevin(kT=1.0, dt=1e-3), n_trajectories=4, seed=1, x0=[-1.0], backend='tpu')\n"
        "except ParameterError as e:\n"
        "    print('ERR:' + str(e))\n"
    )
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", code], env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    if "HAS-GPU" in proc.stdout:
        pytest.skip("a CUDA device is present")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("ERR:")]
    assert len(lines) == 2, proc.stdout
    assert "no CUDA device or driver" in lines[0] and "backend 'cpu'" in lines[0]
    assert "backend must be one of cpu, cuda, got 'tpu'" in lines[1]


def test_cli_backend_cuda_without_device_exits_2_with_one_line() -> None:
    code = "from numba import cuda; print(cuda.is_available())"
    has = subprocess.run([sys.executable, "-W", "ignore", "-c", code], env=_env(), capture_output=True, text=True,
                         timeout=120)
    if has.stdout.strip() == "True":
        pytest.skip("a CUDA device is present")
    proc = subprocess.run([sys.executable, "-m", "landauer", "erase", "double-well", "--backend", "cuda", "-n", "100",
                           "--no-progress"], env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "'--backend'" in lines[0] and "no CUDA device or driver" in lines[0], proc.stderr
    assert proc.stdout == ""
