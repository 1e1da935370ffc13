"""Run a study: the points not yet done, on a Dask cluster or in-process, each stored as it finishes.

The client keeps at most one point per worker thread in flight, so an interrupt (first Ctrl-C) stops
submitting, lets the running points finish and stores them; a second Ctrl-C abandons them. A point that
raises records its one-line error in the store and the sweep goes on; re-running the study retries it and
skips every done point.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import xarray as xr

from landauer.sweep import store
from landauer.sweep.points import Value, get_point, reporting
from landauer.sweep.study import Study, load


@dataclass
class Outcome:
    """What one call of :func:`run` did."""

    store: Path
    total: int
    skipped: int  # already done before this run
    stored: int  # finished and stored by this run
    failed: int  # recorded an error in this run
    interrupted: bool


def execute_point(name: str, params: dict[str, Value], seed_key: tuple[int, ...], single_thread: bool,
                  topic: str | None = None, engine: bool = False) -> tuple[bool, Any, float]:
    """Run one point (on a worker or in-process): ``(ok, Dataset or one-line error, seconds)``.

    With ``topic`` (on a Dask worker) each finished batch of trajectories is published as a Dask event
    ``[flat index, n]`` under ``topic``, which the client's progress bar subscribes to; ``engine`` lets the
    point show the engine's progress bar (the serial executor).
    """
    t0 = time.perf_counter()
    try:
        spec = get_point(name)
        with reporting(engine=engine, trajectories=_publisher(topic, seed_key[-1]) if topic else None):
            if single_thread:
                from threadpoolctl import threadpool_limits

                with threadpool_limits(limits=1):
                    _numba_threads(1)
                    ds = spec(params, seed_key)
            else:
                ds = spec(params, seed_key)
        ds = ds.load()
    except Exception as exc:  # noqa: BLE001 - a failing point is recorded, the sweep goes on
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return False, f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__, time.perf_counter() - t0
    return True, ds, time.perf_counter() - t0


def _publisher(topic: str, flat: int) -> Callable[[int], None] | None:
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):  # not on a worker
        return None
    return lambda n: worker.log_event(topic, [int(flat), int(n)])


def _numba_threads(n: int) -> None:
    try:
        import numba

        numba.set_num_threads(min(n, int(getattr(numba.config, "NUMBA_NUM_THREADS", n))))
    except Exception:  # noqa: BLE001 - no threading layer: nothing to limit
        pass


def run(study: str | Path | Study, *, scheduler: str | None = None, scheduler_file: str | Path | None = None,
        workers: int | None = None, serial: bool = False, insecure: bool = False, security: Any = None,
        progress: bool = True, store_path: str | Path | None = None,
        overrides: Mapping[str, str] | None = None) -> Path:
    """Run (or resume) a study; return the path of its Zarr store (open it with ``xarray.open_zarr``).

    Parameters
    ----------
    study : path or Study
        The study file (TOML) or a parsed :class:`~landauer.sweep.study.Study`.
    scheduler, scheduler_file : str, optional
        Address (``tls://host:8786``; ``tcp://`` only to loopback unless ``insecure``) or scheduler file
        of an existing Dask cluster. Default: a new ``LocalCluster`` on 127.0.0.1.
    workers : int, optional
        Worker processes of the local cluster (default: one per core; one thread each).
    serial : bool
        Run in this process, no Dask (results are bitwise identical).
    security : distributed.Security, optional
        TLS credentials (default: the Dask configuration's).
    store_path : path, optional
        Overrides ``[study] store``.
    overrides : mapping, optional
        ``{"fixed.trajectories": "200", "grid.tau": "[2, 4]"}``: TOML values replacing the study file's
        (``--set``; use another ``store_path``, since the store remembers the study it was made for).
    """
    return run_study(study, scheduler=scheduler, scheduler_file=scheduler_file, workers=workers, serial=serial,
                     insecure=insecure, security=security, progress=progress, store_path=store_path,
                     overrides=overrides).store


def run_study(study: str | Path | Study, *, scheduler: str | None = None,
              scheduler_file: str | Path | None = None, workers: int | None = None, serial: bool = False,
              insecure: bool = False, security: Any = None, progress: bool = True,
              store_path: str | Path | None = None, overrides: Mapping[str, str] | None = None) -> Outcome:
    """:func:`run`, returning an :class:`Outcome` (counts of skipped, stored and failed points)."""
    from landauer.sweep.cluster import address_from_file, check_address, security_for
    from landauer.validation import ParameterError

    if isinstance(study, Study):
        if overrides:
            raise ParameterError("overrides: apply them when parsing (study.load(..., overrides=...))")
        st = study if store_path is None else replace(study, store=Path(store_path))
    else:
        st = load(study, store=store_path, overrides=overrides)
    if workers is not None and workers < 1:
        raise ParameterError(f"--workers: must be >= 1, got {workers}")
    if serial and (scheduler or scheduler_file or workers is not None):
        raise ParameterError("--serial: runs in this process; drop --scheduler/--scheduler-file/--workers")
    if scheduler is not None and scheduler_file is not None:
        raise ParameterError("--scheduler and --scheduler-file: give one of them")
    if scheduler_file is not None:
        scheduler = address_from_file(scheduler_file)
    if scheduler is not None:  # refuse a bad address or missing certificates before anything is written
        check_address(scheduler, insecure=insecure, flag="--scheduler-file" if scheduler_file else "--scheduler")
        security = security_for(scheduler, security)
        if workers is not None:
            raise ParameterError("--workers: applies to the local cluster only (the scheduler has its own)")
    store.open_or_create(st)
    from landauer.progress import progress_bar

    with store.locked(st):
        done = store.done_mask(st)  # read under the lock: another run may have just finished points
        todo = [k for k in range(st.size) if not done[k]]
        out = Outcome(store=st.store, total=st.size, skipped=st.size - len(todo), stored=0, failed=0,
                      interrupted=False)
        if todo:
            _run_todo(st, todo, out, progress_bar, serial=serial, scheduler=scheduler, workers=workers,
                      insecure=insecure, security=security, progress=progress)
    return out


def _run_todo(st: Study, todo: list[int], out: Outcome, progress_bar: Callable[..., Any], *, serial: bool,
              scheduler: str | None, workers: int | None, insecure: bool, security: Any, progress: bool) -> None:
    with progress_bar(total=st.size, desc=f"sweep {st.point}", enabled=progress, unit="point") as bar:
        bar.update(out.skipped)

        def record(flat: int, ok: bool, payload: Any, elapsed: float) -> None:
            if ok:
                try:
                    store.write_point(st, flat, payload, elapsed)
                    out.stored += 1
                except ValueError as exc:
                    store.write_error(st, flat, f"ValueError: {exc}")
                    out.failed += 1
            else:
                store.write_error(st, flat, str(payload))
                out.failed += 1
            bar.update(1)

        if serial:
            _run_serial(st, todo, record, out, progress)
        else:
            from landauer.sweep.cluster import client_for

            with client_for(scheduler=scheduler, workers=workers, insecure=insecure, security=security) as client:
                _run_dask(client, st, todo, record, out, progress)


class _TrajectoryBar:
    """The client's bar over the trajectories of ensemble points on Dask: the workers publish each finished
    batch as an event ``[flat, n]``; an adaptive point counts its cap until it finishes, then what it ran."""

    def __init__(self, st: Study, todo: list[int], enabled: bool) -> None:
        from landauer.progress import progress_bar

        def planned(flat: int) -> int:
            p = st.params_at(flat)
            return int(p["max_trajectories"] if float(p["target_se_kT"]) > 0 else p["trajectories"])

        self.planned = {f: planned(f) for f in todo}
        self.ran = dict.fromkeys(todo, 0)
        self.finished: set[int] = set()
        self.lock = threading.Lock()
        self.bar = progress_bar(total=sum(self.planned.values()), desc="trajectories", enabled=enabled,
                                unit="traj")

    def event(self, event: tuple[float, Any]) -> None:
        flat, n = (int(v) for v in event[1])
        with self.lock:
            if flat in self.ran:
                self.ran[flat] += n
                self.bar.update(n)
                self._retotal()

    def finish(self, flat: int) -> None:
        with self.lock:
            self.finished.add(flat)
            self._retotal()

    def _retotal(self) -> None:
        total = sum(self.ran[f] if f in self.finished else max(self.planned[f], self.ran[f]) for f in self.planned)
        if total != self.bar.total:
            self.bar.total = total
            self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class _Interrupt:
    """First SIGINT: stop submitting, let running points finish and store them. Second: abandon them."""

    def __init__(self, out: Outcome) -> None:
        self.out = out
        self.stopping = False
        self.previous: Any = None

    def __enter__(self) -> _Interrupt:
        if _main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = True
        self.out.interrupted = True
        sys.stderr.write("\ninterrupt: finishing the running points (Ctrl-C again to abandon them)\n")

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _run_serial(st: Study, todo: list[int], record: Callable[..., None], out: Outcome, progress: bool) -> None:
    with _Interrupt(out) as intr:
        try:
            for flat in todo:
                if intr.stopping:
                    break
                ok, payload, elapsed = execute_point(st.point, st.params_at(flat), st.seed_key(flat), False,
                                                     engine=progress)
                record(flat, ok, payload, elapsed)
        except KeyboardInterrupt:
            out.interrupted = True


def _run_dask(client: Any, st: Study, todo: list[int], record: Callable[..., None], out: Outcome,
              progress: bool) -> None:
    _check_worker_versions(client)
    tag = uuid.uuid4().hex[:8]
    topic = f"landauer-sweep-{tag}" if progress and st.spec.ensemble else None
    bar = _TrajectoryBar(st, todo, progress) if topic else None
    if bar is not None:
        client.subscribe_topic(topic, bar.event)
    try:
        _submit_and_collect(client, st, todo, record, out, tag, topic, bar)
    finally:
        if bar is not None:
            try:
                client.unsubscribe_topic(topic)
            except Exception:  # noqa: BLE001 - the connection may be gone
                pass
            bar.close()


def _submit_and_collect(client: Any, st: Study, todo: list[int], record: Callable[..., None], out: Outcome,
                        tag: str, topic: str | None, bar: _TrajectoryBar | None) -> None:
    from distributed import as_completed

    window = max(1, sum(client.nthreads().values()))
    queue = list(reversed(todo))
    inflight: dict[Any, int] = {}
    ac = as_completed()

    def submit() -> None:
        flat = queue.pop()
        fut = client.submit(execute_point, st.point, st.params_at(flat), st.seed_key(flat), True, topic,
                            key=f"landauer-{st.point}-{flat}-{tag}", pure=False, retries=0)
        inflight[fut] = flat
        ac.add(fut)

    with _Interrupt(out) as intr:
        try:
            for _ in range(min(window, len(queue))):
                submit()
            for fut in ac:
                flat = inflight.pop(fut)
                try:
                    ok, payload, elapsed = fut.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after repeated worker deaths
                    msg = str(exc).splitlines()[0] if str(exc) else ""
                    ok, payload, elapsed = False, f"{type(exc).__name__}: {msg}", 0.0
                record(flat, ok, payload, elapsed)
                if bar is not None:
                    bar.finish(flat)
                if queue and not intr.stopping:
                    submit()
        except KeyboardInterrupt:
            out.interrupted = True
            for fut in inflight:
                fut.cancel()


def _landauer_version() -> str:
    from landauer._version import __version__

    return __version__


def _check_worker_versions(client: Any) -> None:
    """Warn when a worker runs another landauer version (its points would not be reproducible here)."""
    import warnings

    from landauer._version import __version__

    try:
        versions = client.run(_landauer_version)
    except Exception as exc:  # noqa: BLE001 - a worker without landauer fails its points with the reason
        warnings.warn(f"could not query the workers' landauer version ({exc})", stacklevel=3)
        return
    other = {str(v) for v in versions.values()} - {__version__}
    if other:
        warnings.warn(f"workers run landauer {', '.join(sorted(other))}, this client {__version__}",
                      stacklevel=3)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def open_store(path: str | Path) -> xr.Dataset:
    """Open a sweep store lazily (``xarray.open_zarr``)."""
    with store._quiet():
        return xr.open_zarr(path, consolidated=True)
