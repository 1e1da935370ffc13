"""Sweeps on a real 2-worker LocalCluster: bitwise equal to serial, interrupted (SIGINT to the CLI, a worker
killed mid-point) and resumed with every point stored once and nothing recomputed, and over TLS."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sweep_testpoints  # noqa: F401
import xarray as xr

from landauer.sweep import open_store, run_study, status
from landauer.sweep.cluster import WORKER_ENV

pytestmark = pytest.mark.filterwarnings("ignore:Port .* is already in use")

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
PYPATH = os.pathsep.join([str(SRC), str(HERE), os.environ.get("PYTHONPATH", "")])


@pytest.fixture(scope="module")
def local_client() -> Iterator[object]:
    """The runner's own default local cluster (2 workers), shared by the tests of this module."""
    from landauer.sweep.cluster import client_for

    os.environ["PYTHONPATH"] = PYPATH  # the workers import the test points
    with client_for(workers=2) as client:
        yield client


@pytest.fixture(scope="module")
def cluster(local_client: object) -> str:
    return str(local_client.scheduler.address)  # type: ignore[attr-defined]


def _bits(ds: xr.Dataset) -> dict[str, bytes]:
    """Every stored variable as raw bytes (bitwise comparison, NaN included), wall times excepted."""
    return {str(k): np.ascontiguousarray(v.values).tobytes() if v.dtype.kind != "T" and v.dtype != object
            else repr(v.values.tolist()).encode() for k, v in ds.data_vars.items() if k != "elapsed_s"}


def _write(tmp: Path, name: str, text: str) -> Path:
    f = tmp / name
    f.write_text(text)
    return f


def _counter_study(tmp: Path, extra: str = "") -> Path:
    return _write(tmp, "c.toml", '[study]\npoint = "sweep_testpoints:counter"\nstore = "c.zarr"\nseed = 11\n'
                  f'[grid]\nx = [1, 2, 3, 4, 5, 6, 7, 8]\n[fixed]\ncounter_file = "{tmp / "calls.txt"}"\n{extra}\n')


def _calls(tmp: Path) -> list[float]:
    p = tmp / "calls.txt"
    return sorted(float(v) for v in p.read_text().split()) if p.exists() else []


def test_cluster_bitwise_equals_serial(cluster: str, tmp_path: Path) -> None:
    studies = [
        _counter_study(tmp_path),
        _write(tmp_path, "g.toml", '[study]\npoint = "sweep_testpoints:gauss"\nstore = "g.zarr"\nseed = 3\n'
               "[grid]\nmu = [0, 1]\n[grid.zip]\nsd = [1, 2, 3]\ntrajectories = [10, 20, 30]\n"
               "[fixed]\ntarget_se_kT = 0.2\nmax_trajectories = 200\n"),
        # a real seeded physics point: compiled Monte Carlo (parallel in-process, one thread per worker)
        _write(tmp_path, "m.toml", '[study]\npoint = "aqfp.mismatch"\nstore = "m.zarr"\nseed = 1\n'
               "[grid]\nsigma_J = [0.01, 0.03]\n[fixed]\ndevices = 131072\n"),
    ]
    for f in studies:
        o = run_study(f, scheduler=cluster, progress=False)
        assert (o.stored, o.failed) == (o.total, 0)
        ref = run_study(f, serial=True, progress=False, store_path=tmp_path / (f.stem + "-serial.zarr"))
        a, b = open_store(o.store).load(), open_store(ref.store).load()
        assert bool(a["done"].all())
        assert _bits(a) == _bits(b), f.name
    assert _calls(tmp_path) == sorted(2 * [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])


def test_workers_report_each_batch_of_trajectories_to_the_client(cluster: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from landauer.sweep import runner

    bars: list[Any] = []

    class Recording(runner._TrajectoryBar):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            self.events: list[tuple[int, int]] = []
            bars.append(self)

        def event(self, event: tuple[float, Any]) -> None:
            self.events.append((int(event[1][0]), int(event[1][1])))
            super().event(event)

    monkeypatch.setattr(runner, "_TrajectoryBar", Recording)
    f = _write(tmp_path, "g.toml", '[study]\npoint = "sweep_testpoints:gauss"\nstore = "g.zarr"\nseed = 3\n'
               "[grid]\nsd = [1, 2, 3]\n[fixed]\ntrajectories = 20\ntarget_se_kT = 0.2\nmax_trajectories = 400\n")
    o = run_study(f, scheduler=cluster, progress=True)
    ds = open_store(o.store).load()
    (bar,) = bars
    per_point = {k: [n for flat, n in bar.events if flat == k] for k in range(3)}
    for k in range(3):  # one event per batch, each of the batch size, adding up to what the point ran
        assert len(per_point[k]) == int(ds.batches.values[k]), per_point
        assert sum(per_point[k]) == int(ds.n.values[k]) and set(per_point[k]) == {20}
    assert bar.bar.total == bar.bar.n == int(ds.n.values.sum())  # the adaptive caps replaced by what ran


def test_shipped_example_on_an_explicitly_addressed_cluster(cluster: str, tmp_path: Path) -> None:
    """The issue's example study (examples/studies/erase-temperature.toml, at a tiny size) through the CLI
    on the 2-worker cluster named by its address: bitwise identical to --serial."""
    from test_sweep_examples import EXAMPLES, tiny_args

    from landauer.cli import main

    assert cluster.startswith("tcp://127.0.0.1:")
    study = str(EXAMPLES / "erase-temperature.toml")
    stores = {}
    for mode, args in (("serial", ["--serial"]), ("cluster", ["--scheduler", cluster])):
        stores[mode] = tmp_path / f"{mode}.zarr"
        with pytest.raises(SystemExit) as exc:
            main(["sweep", "run", study, "--no-progress", "--store", str(stores[mode]), *args,
                  *tiny_args("erase-temperature.toml")])
        assert exc.value.code == 0
    a, b = open_store(stores["cluster"]).load(), open_store(stores["serial"]).load()
    assert bool(a["done"].all()) and a["done"].size == 4
    assert _bits(a) == _bits(b)


def test_sigint_and_killed_worker_then_resume(cluster: str, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    f = _counter_study(tmp_path, f'sleep_s = 0.25\nkill_once_marker = "{marker}"\nkill_at_x = 6\n')
    env = {**os.environ, "PYTHONPATH": PYPATH}
    proc = subprocess.Popen([sys.executable, "-c", "from landauer.cli import main; main()", "sweep", "run", str(f), "--workers", "2",
                             "--no-progress"], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(_calls(tmp_path)) < 2:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    st = status(tmp_path / "c.zarr")
    done_x = [float(x) for x, d in zip(open_store(tmp_path / "c.zarr")["x"].values,
                                       open_store(tmp_path / "c.zarr")["done"].values, strict=True) if d]
    assert 2 <= st["done"] < 8 and st["failed"] == 0
    assert _calls(tmp_path) == done_x  # the running points were finished and stored, none computed in vain
    assert not marker.exists()
    # resume on the shared cluster; x = 6 SIGKILLs its worker mid-point once: Dask reruns it elsewhere
    o = run_study(f, scheduler=cluster, progress=False)
    assert marker.exists()
    assert (o.skipped, o.stored, o.failed) == (st["done"], 8 - st["done"], 0)
    assert _calls(tmp_path) == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]  # every point computed exactly once
    o2 = run_study(f, scheduler=cluster, progress=False)
    assert (o2.skipped, o2.stored) == (8, 0)
    ref = run_study(f, serial=True, progress=False, store_path=tmp_path / "ref.zarr")
    assert _bits(open_store(o.store).load()) == _bits(open_store(ref.store).load())


def test_tls_cluster_runs_the_same_sweep(tmp_path: Path) -> None:
    from distributed import LocalCluster, Security

    sec = Security.temporary()
    f = _counter_study(tmp_path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tls",
                      security=sec, dashboard_address=None, env={**WORKER_ENV, "PYTHONPATH": PYPATH},
                      silence_logs=logging.CRITICAL) as lc:
        assert lc.scheduler_address.startswith("tls://")
        o = run_study(f, scheduler=lc.scheduler_address, security=sec, progress=False)
        # the CLI takes its certificates from the Dask configuration (PEM text is accepted as well as paths)
        import dask

        from landauer.cli import main

        tls = {"distributed.comm.tls.ca-file": sec.tls_ca_file,
               "distributed.comm.tls.client.cert": sec.tls_client_cert,
               "distributed.comm.tls.client.key": sec.tls_client_key}
        with dask.config.set(tls), pytest.raises(SystemExit) as exc:
            main(["sweep", "run", str(f), "--scheduler", lc.scheduler_address, "--store",
                  str(tmp_path / "cli.zarr"), "--no-progress"])
        assert exc.value.code == 0
    assert (o.stored, o.failed) == (8, 0)
    ref = run_study(f, serial=True, progress=False, store_path=tmp_path / "ref.zarr")
    assert _bits(open_store(o.store).load()) == _bits(open_store(ref.store).load())
    assert _bits(open_store(tmp_path / "cli.zarr").load()) == _bits(open_store(ref.store).load())


@pytest.mark.parametrize(("args", "needle"), [
    (["--scheduler", "tcp://10.1.2.3:8786"], "refusing unencrypted tcp:// to 10.1.2.3"),
    (["--scheduler", "tls://127.0.0.1:1"], "needs TLS certificates"),
    (["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], "--workers: applies to the local cluster only"),
    (["--serial", "--workers", "2"], "--serial"),
    (["--workers", "0"], "--workers: must be >= 1"),
])
def test_unsafe_or_contradictory_cluster_options_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        args: list[str], needle: str) -> None:
    from landauer.cli import main

    f = _counter_study(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--no-progress", *args])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "\n" not in err, err
    assert not (tmp_path / "c.zarr").exists()


def _worker_threads() -> tuple[str, int, int]:
    import numba
    from threadpoolctl import threadpool_info

    return (os.environ.get("NUMBA_NUM_THREADS", ""), numba.get_num_threads(),
            max((p["num_threads"] for p in threadpool_info()), default=1))


def test_default_local_cluster_is_loopback_one_thread_per_worker(local_client: object) -> None:
    client: Any = local_client
    info = client.scheduler_info()
    assert info["address"].startswith("tcp://127.0.0.1:")
    assert all(w["host"] == "127.0.0.1" for w in info["workers"].values())
    assert sorted(client.nthreads().values()) == [1, 1]
    assert set(client.run(_worker_threads).values()) == {("1", 1, 1)}
    # no dashboard: the scheduler's small HTTP server (health routes) serves no status page
    import urllib.error
    import urllib.request

    port = info["services"]["dashboard"]
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10)  # noqa: S310
    assert http.value.code == 404
