"""The CUDA backend against the CPU backend, trajectory by trajectory, under Numba's CUDA simulator.

Both backends draw trajectory ``j``'s noise from stream ``(seed, j)`` and do the same arithmetic, so
per-trajectory W, Q, dE, W_shadow, final positions/momenta and snapshots must agree to 1e-9 relative
(plus 1e-12 absolute for values that are zero up to rounding, e.g. W_shadow of overdamped runs), and
logical states and passage times exactly. The simulator needs ``NUMBA_ENABLE_CUDASIM=1`` before
``numba.cuda`` is imported, so the ensembles run in a child process (``sim_compare.py``); the rest of
the suite never imports the simulator. Without a GPU, the backend must refuse with one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
RTOL, ATOL = 1e-9, 1e-12
FLOATS = ("W", "Q", "dE", "W_shadow", "W_stt", "x_final", "p_final", "x")
EXACT = ("state_initial", "state_final", "t_passage")


def _child(tmp: Path, names: list[str], *, sim: bool = True) -> dict[str, np.ndarray]:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    if sim:
        env["NUMBA_ENABLE_CUDASIM"] = "1"
    out = tmp / "sim.npz"
    proc = subprocess.run([sys.executable, "-W", "ignore", str(HERE / "sim_compare.py"), str(out), ",".join(names)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with np.load(out) as d:
        return {k: d[k] for k in d.files}


def _compare(d: dict[str, np.ndarray], name: str, backend: str) -> None:
    for f in FLOATS:
        key = f"{name}/cpu/{f}"
        if key not in d:
            continue
        a, c = d[key], d[f"{name}/{backend}/{f}"]
        assert a.shape == c.shape, f
        assert np.array_equal(np.isnan(a), np.isnan(c)), f"{name} {backend} {f}: NaN pattern differs"
        m = ~np.isnan(a)
        np.testing.assert_allclose(c[m], a[m], rtol=RTOL, atol=ATOL, err_msg=f"{name} {backend} {f}")
    for f in EXACT:
        key = f"{name}/cpu/{f}"
        if key in d:
            np.testing.assert_array_equal(d[f"{name}/{backend}/{f}"], d[key], err_msg=f"{name} {backend} {f}")
    assert str(d[f"{name}/{backend}/attrs_backend"]) == "cuda"


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, np.ndarray]:
    return _child(tmp_path_factory.mktemp("cudasim"), ["dw_lm", "two_well_2d", "sphere_stt_stop"])


def test_double_well_lm_matches_cpu_per_trajectory(quick: dict[str, np.ndarray]) -> None:
    _compare(quick, "dw_lm", "cuda")
    tp = quick["dw_lm/cpu/t_passage"]
    # the comparison covers passages and a snapshot after them, not only quiet trajectories
    assert 0 < np.isfinite(tp).sum() < tp.size
    assert quick["dw_lm/cpu/x"].shape == (3, 32, 1)


def test_chunked_launches_match_one_launch(quick: dict[str, np.ndarray]) -> None:
    _compare(quick, "dw_lm", "cuda_chunked")


def test_two_dimensional_model_matches_cpu(quick: dict[str, np.ndarray]) -> None:
    _compare(quick, "two_well_2d", "cuda")
    assert np.isfinite(quick["two_well_2d/cpu/t_passage"]).any()


@pytest.mark.slow
def test_stop_at_passage_baoab_and_squid_4d_match_cpu(tmp_path: Path) -> None:
    d = _child(tmp_path, ["dw_euler_stop", "dw_baoab", "squid_4d"])
    _compare(d, "dw_euler_stop", "cuda")
    _compare(d, "dw_baoab", "cuda")
    _compare(d, "squid_4d", "cuda")  # 4-D BAOAB with drawn momenta and 15 params
    tp = d["dw_euler_stop/cpu/t_passage"]
    assert np.isfinite(tp).any()
    # stopped trajectories leave NaN in later snapshots: both backends must agree on which
    assert np.isnan(d["dw_euler_stop/cpu/x"]).any()
    assert np.abs(d["dw_baoab/cpu/W_shadow"]).max() > 0  # BAOAB's shadow work is measured, not zero


def test_sphere_heun_with_torque_and_stop_matches_cpu(quick: dict[str, np.ndarray]) -> None:
    """Stochastic Heun on the unit sphere (MTJ macrospin with spin-transfer torque), stop at passage."""
    _compare(quick, "sphere_stt_stop", "cuda")
    _compare(quick, "sphere_stt_stop", "cuda_chunked")
    assert np.isfinite(quick["sphere_stt_stop/cpu/t_passage"]).any()
    assert np.abs(quick["sphere_stt_stop/cpu/W_stt"]).max() > 0  # the torque does work in this run
