"""Serial sweeps: store layout, failures recorded, resume without recomputation, refusal of a changed
study, adaptive precision."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sweep_testpoints  # noqa: F401
import xarray as xr

from landauer.cli import main
from landauer.sweep import open_store, parse, run_study, status
from landauer.sweep import store as store_mod
from landauer.sweep.runner import execute_point


def _study(tmp: Path, *, grid: str = "x = [1, 2, 3, 4]", fixed: str = "", seed: int = 5) -> Path:
    f = tmp / "study.toml"
    f.write_text(f'[study]\npoint = "sweep_testpoints:counter"\nstore = "s.zarr"\nseed = {seed}\n'
                 f'[grid]\n{grid}\n[fixed]\ncounter_file = "{tmp / "calls.txt"}"\n{fixed}\n')
    return f


def _calls(tmp: Path) -> list[float]:
    p = tmp / "calls.txt"
    return sorted(float(v) for v in p.read_text().split()) if p.exists() else []


def test_failure_recorded_sweep_continues_and_retry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _study(tmp_path, fixed="fail_at_x = 3")
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 1
    capsys.readouterr()
    main_status = status(tmp_path / "s.zarr")
    assert (main_status["total"], main_status["done"], main_status["failed"]) == (4, 3, 1)
    assert main_status["errors"] == [{"point": {"x": 3.0}, "error": "RuntimeError: deliberate failure at x = 3"}]
    with pytest.raises(SystemExit):
        main(["sweep", "status", str(tmp_path / "s.zarr"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["failed"] == 1 and out["done"] == 3
    assert _calls(tmp_path) == [1.0, 2.0, 4.0]
    ds = open_store(tmp_path / "s.zarr")
    assert ds["done"].values.tolist() == [True, True, False, True]
    assert np.isnan(ds["y"].values[2]) and np.all(np.isfinite(ds["y"].values[[0, 1, 3]]))


def test_resume_skips_done_points_and_matches_uninterrupted(tmp_path: Path) -> None:
    f = _study(tmp_path)
    st = parse(f.read_text(), base=tmp_path)
    store_mod.create(st)
    # a crash after point 1's data but before its done flag: that point is simply run again
    ok, ds1, _ = execute_point(st.point, st.params_at(1), st.seed_key(1), False)
    xr.Dataset({"y": (("x",), [ds1.y.values + 0.0])}).to_zarr(st.store, region={"x": slice(1, 2)}, mode="r+")
    o1 = run_study(f, serial=True, progress=False)
    assert (o1.stored, o1.skipped) == (4, 0)
    o2 = run_study(f, serial=True, progress=False)
    assert (o2.stored, o2.skipped) == (0, 4)
    assert _calls(tmp_path) == [1.0, 2.0, 2.0, 3.0, 4.0]  # the execute_point above, then one call per point
    ref = run_study(f, serial=True, progress=False, store_path=tmp_path / "ref.zarr")
    a, b = open_store(o1.store).load(), open_store(ref.store).load()
    for v in ("y", "y_se", "seed", "done"):
        np.testing.assert_array_equal(a[v].values, b[v].values)
    # the seed each point used is stored, and is SeedSequence(5, spawn_key=(k,))
    assert a["seed"].values.tolist() == [st.point_seed(k) for k in range(4)]
    assert a.attrs["study_text"] == f.read_text() and a.attrs["point"] == "sweep_testpoints:counter"


def test_changed_study_refused_store_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _study(tmp_path, grid="x = [1, 2]")
    run_study(f, serial=True, progress=False)
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "s.zarr").rglob("*"))
    for grid, seed, needle in [("x = [1, 2, 3]", 5, "grid: x=[1.0, 2.0] -> x=[1.0, 2.0, 3.0]"),
                               ("x = [1, 2]", 6, "seed: 5 -> 6")]:
        _study(tmp_path, grid=grid, seed=seed)
        with pytest.raises(SystemExit) as exc:
            main(["sweep", "run", str(f), "--serial", "--no-progress"])
        assert exc.value.code == 2
        err = capsys.readouterr().err.strip()
        assert "holds a different study" in err and needle in err and "\n" not in err, err
    _study(tmp_path, grid="x = [1, 2]", fixed="sleep_s = 0.001")
    with pytest.raises(SystemExit):
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert "fixed.sleep_s: 0.0 -> 0.001" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "s.zarr").rglob("*")) == before
    assert _calls(tmp_path) == [1.0, 2.0]


def test_adaptive_precision_reaches_target_in_spawned_batches(tmp_path: Path) -> None:
    f = tmp_path / "g.toml"
    f.write_text('[study]\npoint = "sweep_testpoints:gauss"\nstore = "g.zarr"\nseed = 2\n[grid]\nsd = [0.5, 2.0]\n'
                 "[fixed]\ntrajectories = 100\ntarget_se_kT = 0.05\nmax_trajectories = 1000\n")
    ds = open_store(run_study(f, serial=True, progress=False).store).load()
    se, n = ds["mean_work_se"].values, ds["n"].values
    # sd 0.5: SE of 100 samples ~ 0.05 -> 1-3 batches; sd 2: needs ~1600 > cap -> stops at 1000, not converged
    assert se[0] <= 0.05 and ds["converged"].values[0] == 1.0 and n[0] == 100 * ds["batches"].values[0]
    assert n[1] == 1000 and ds["batches"].values[1] == 10 and ds["converged"].values[1] == 0.0
    assert se[1] > 0.05
    # batch k of point j draws from SeedSequence(2, spawn_key=(j, k)): reproduce point 1 by hand
    from landauer.sweep import point_seed

    w = np.concatenate([np.random.default_rng(point_seed((2, 1, k))).normal(0.0, 2.0, size=100) for k in range(10)])
    assert ds["mean_work"].values[1] == w.mean()


def test_keep_trajectories_stores_per_trajectory_arrays(tmp_path: Path) -> None:
    f = tmp_path / "g.toml"
    f.write_text('[study]\npoint = "sweep_testpoints:gauss"\nstore = "g.zarr"\nseed = 2\n[grid]\nmu = [0, 1, 2]\n'
                 "[fixed]\ntrajectories = 50\nkeep_trajectories = true\n")
    ds = open_store(run_study(f, serial=True, progress=False).store).load()
    assert ds["W"].dims == ("mu", "trajectory") and ds["W"].shape == (3, 50)
    np.testing.assert_array_equal(ds["W"].mean("trajectory").values, ds["mean_work"].values)
    from landauer.sweep import point_seed

    np.testing.assert_array_equal(ds["W"].values[2], np.random.default_rng(point_seed((2, 2))).normal(2.0, 1.0, 50))
    bad = f.read_text().replace("keep_trajectories = true", "keep_trajectories = true\ntarget_se_kT = 0.1")
    f.write_text(bad)
    with pytest.raises(ValueError, match="keep_trajectories: not available with target_se_kT"):
        parse(bad)


def test_sigint_in_serial_mode_keeps_whole_points_and_resumes(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    here = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(here.parents[1] / "src"), str(here)])}
    f = _study(tmp_path, grid="x = [1, 2, 3, 4, 5, 6]", fixed="sleep_s = 0.3")
    proc = subprocess.Popen([sys.executable, "-c", "from landauer.cli import main; main()", "sweep", "run", str(f),
                             "--serial", "--no-progress"], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(_calls(tmp_path)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)  # lands inside a point (it sleeps): that point finishes and is stored
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "finishing the running points" in err, err
    st = status(tmp_path / "s.zarr")
    n_done = st["done"]
    assert 2 <= n_done < 6 and st["failed"] == 0 and "Traceback" not in err
    assert _calls(tmp_path) == [float(k) for k in range(1, n_done + 1)]  # nothing computed in vain
    o = run_study(f, serial=True, progress=False)
    assert (o.skipped, o.stored) == (n_done, 6 - n_done)
    assert _calls(tmp_path) == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]


def test_plot_and_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _study(tmp_path, grid="x = [1, 2, 3]\n[grid.zip]\nsleep_s = [0, 0.001]\nkill_at_x = [-1, -2]")
    run_study(f, serial=True, progress=False)
    store = str(tmp_path / "s.zarr")
    out = tmp_path / "fig.png"
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "plot", store, "--x", "x", "--y", "y", "--hue", "sleep_s", "--out", str(out)])
    assert exc.value.code == 0 and out.stat().st_size > 10_000
    for args, needle in [(["--x", "xx", "--y", "y"], "--x: 'xx' is not a grid parameter"),
                         (["--x", "x", "--y", "z"], "--y: 'z' is not a stored output"),
                         (["--x", "x", "--y", "y"], "--sel: the grid also varies zip"),
                         (["--x", "x", "--y", "y", "--sel", "sleep_s=5"], "--sel: sleep_s=5 is not on the grid")]:
        with pytest.raises(SystemExit) as exc:
            main(["sweep", "plot", store, *args, "--out", str(tmp_path / "bad.png")])
        assert exc.value.code == 2
        err = capsys.readouterr().err.strip()
        assert needle in err and "\n" not in err, err
    assert not (tmp_path / "bad.png").exists()


def test_concurrent_run_refused_stale_lock_taken_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import socket
    import subprocess
    import sys

    f = _study(tmp_path, grid="x = [1, 2]")
    st = parse(f.read_text(), base=tmp_path)
    store_mod.create(st)
    lock = st.store / store_mod.LOCK
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "started_utc": "now"}))
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "is being written by another run" in err and str(lock) in err and "\n" not in err, err
    assert _calls(tmp_path) == [] and lock.exists()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": int(dead.stdout), "started_utc": "then"}))
    o = run_study(f, serial=True, progress=False)
    assert o.stored == 2 and _calls(tmp_path) == [1.0, 2.0] and not lock.exists()


def test_serial_executor_passes_the_engine_progress_into_the_point(tmp_path: Path) -> None:
    f = tmp_path / "p.toml"
    f.write_text('[study]\npoint = "sweep_testpoints:probe"\nstore = "p.zarr"\nseed = 1\n[grid]\nx = [1, 2]\n')
    on = run_study(f, serial=True, progress=True, store_path=tmp_path / "on.zarr")
    off = run_study(f, serial=True, progress=False, store_path=tmp_path / "off.zarr")
    assert open_store(on.store)["engine_progress"].values.tolist() == [1.0, 1.0]
    assert open_store(off.store)["engine_progress"].values.tolist() == [0.0, 0.0]
