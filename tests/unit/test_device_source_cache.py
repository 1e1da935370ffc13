"""The generated source of an expression device is cached on disk: a second process builds the same device
without importing SymPy (start-up cost), and any change of the inputs misses the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
import numpy as np
from landauer.devices import Device
d = Device.from_expression(energy="a*x**4 - b*x**2 - f*x", coordinates=["x"], params={"a": 1.0},
                           controls={"b": %s, "f": 0.0})
x = np.array([-1.3, -0.2, 0.4, 1.1])
print(json.dumps({"sympy": "sympy" in sys.modules, "states": list(d.states),
                  "U": [float(d.energy([v])) for v in x]}))
"""


def _run(tmp: Path, b: float) -> dict:
    env = {**os.environ, "LANDAUER_CACHE_DIR": str(tmp)}
    out = subprocess.run([sys.executable, "-c", SCRIPT % b], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_second_process_skips_sympy_and_agrees(tmp_path: Path) -> None:
    first = _run(tmp_path, 2.0)
    second = _run(tmp_path, 2.0)
    assert first["sympy"] is True  # the first build generates the source with SymPy
    assert second["sympy"] is False  # the second reads it from the cache
    assert second["states"] == first["states"] == ["0", "1"]
    # U = x^4 - 2 x^2 at rest (f = 0), written out independently of the device
    expect = [v**4 - 2.0 * v**2 for v in (-1.3, -0.2, 0.4, 1.1)]
    assert max(abs(a - b) for a, b in zip(second["U"], expect, strict=True)) < 1e-12


def test_changed_inputs_miss_the_cache(tmp_path: Path) -> None:
    _run(tmp_path, 2.0)
    # b < 0: a single well, so the classifier (and the state count) must be regenerated, not reused
    other = _run(tmp_path, -1.0)
    assert other["sympy"] is True
    assert other["states"] == ["0"]
