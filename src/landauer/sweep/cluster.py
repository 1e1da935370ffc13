"""Where the points run: in-process (serial), a local Dask cluster, or an explicitly addressed one.

The Dask protocol carries pickles: whoever can reach a scheduler can run code on it and on the client.
So the local cluster listens on 127.0.0.1 only, a remote scheduler is reached only by an address the user
gives, and a plain ``tcp://`` address of another host is refused unless the user says ``insecure=True``;
``tls://`` uses the certificates of the Dask security configuration (``distributed.comm.tls.*``).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from landauer.validation import ParameterError

#: Environment of every local worker process: one thread for Numba and the BLAS pools (a worker = a core).
WORKER_ENV = {"NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "OPENBLAS_NUM_THREADS": "1"}


def is_loopback(host: str) -> bool:
    if host in ("localhost", "") or host.startswith("localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(address: str, *, insecure: bool = False, flag: str = "--scheduler") -> str:
    """Validate a scheduler address: ``tls://`` anywhere, ``tcp://`` only to loopback unless ``insecure``."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, loc = parse_address(address, strict=False)
    except ValueError as exc:
        raise ParameterError(f"{flag}: bad address {address!r} ({exc})") from None
    if scheme == "tls" or scheme == "inproc":
        return address
    if scheme not in ("tcp", "ws", "wss", "ucx"):
        raise ParameterError(f"{flag}: unsupported protocol {scheme!r} in {address!r} (use tls:// or tcp://)")
    if scheme == "wss":
        return address
    try:
        host, _ = parse_host_port(loc)
    except ValueError as exc:
        raise ParameterError(f"{flag}: bad address {address!r} ({exc})") from None
    if not is_loopback(str(host)) and not insecure:
        raise ParameterError(
            f"{flag}: refusing unencrypted {scheme}:// to {host}: the Dask protocol carries pickles (anyone on "
            "the path can run code); use tls:// with certificates in the Dask config, or pass --insecure")
    return address


def security_for(address: str, security: Any = None) -> Any:
    """The :class:`distributed.Security` for ``address``: the given one, else the Dask config's."""
    if security is not None or not address.startswith("tls://"):
        return security
    from distributed import Security

    sec = Security()
    if not getattr(sec, "tls_ca_file", None) or not getattr(sec, "tls_client_cert", None):
        raise ParameterError(
            f"--scheduler: {address} needs TLS certificates: set distributed.comm.tls.ca-file, "
            "distributed.comm.tls.client.cert and .key in the Dask config (or DASK_DISTRIBUTED__COMM__TLS__* "
            "environment variables)")
    return sec


def address_from_file(path: str | Path) -> str:
    """The scheduler address recorded in a Dask scheduler file."""
    try:
        info = json.loads(Path(path).read_text())
        return str(info["address"])
    except FileNotFoundError:
        raise ParameterError(f"--scheduler-file: {str(path)!r} not found") from None
    except (ValueError, KeyError, TypeError):
        raise ParameterError(f"--scheduler-file: {str(path)!r} is not a Dask scheduler file") from None


@contextmanager
def client_for(*, scheduler: str | None = None, workers: int | None = None, insecure: bool = False,
               security: Any = None) -> Iterator[Any]:
    """A :class:`distributed.Client`: to the given scheduler, else to a new loopback ``LocalCluster``.

    The local workers start with SIGINT ignored, so a Ctrl-C in the terminal reaches only the client,
    which then lets the running points finish and stores them.
    """
    from distributed import Client

    if scheduler is not None:
        address = check_address(scheduler, insecure=insecure)
        with Client(address, security=security_for(address, security), timeout="30s") as client:
            yield client
        return
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n < 1:
        raise ParameterError(f"--workers: must be >= 1, got {n}")
    with _local_cluster(n) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def _local_cluster(n: int) -> Iterator[Any]:
    from distributed import LocalCluster

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        with warnings.catch_warnings():
            # the scheduler's small HTTP server (health routes, no dashboard) binds 127.0.0.1; any port will do
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, env=dict(WORKER_ENV), silence_logs=logging.ERROR)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    with cluster:
        yield cluster
