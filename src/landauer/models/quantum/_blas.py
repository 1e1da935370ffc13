"""Limit OpenBLAS threads inside loops of many small matrix operations (no extra dependency).

Loops over thousands of ~100x100 determinants run far slower with multi-threaded BLAS on a busy
machine (threads spin waiting for each other: measured 0.4 ms vs 68 ms per N = 50 determinant at
load 8 on 2 cores). :func:`single_blas_thread` sets the bundled OpenBLAS libraries of NumPy and SciPy
to one thread for the duration of a ``with`` block, through their exported ``*_set_num_threads*``
symbols; it silently does nothing where those libraries are not found (other platforms, MKL).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PAIRS = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)


@functools.cache
def _controls() -> tuple[tuple[object, object], ...]:
    out = []
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return ()
    paths = sorted({line.split()[-1] for line in maps.splitlines() if "openblas" in line and "/" in line})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in _PAIRS:
            if hasattr(lib, get_name) and hasattr(lib, set_name):
                getter, setter = getattr(lib, get_name), getattr(lib, set_name)
                getter.restype = ctypes.c_int
                setter.argtypes = [ctypes.c_int]
                out.append((getter, setter))
                break
    return tuple(out)


@contextmanager
def single_blas_thread() -> Iterator[None]:
    """Run the block with one OpenBLAS thread, restoring the previous counts afterwards."""
    import numpy  # noqa: F401  (make sure the libraries are loaded)
    import scipy.linalg  # noqa: F401

    ctl = _controls()
    saved = [int(g()) for g, _ in ctl]  # type: ignore[operator]
    try:
        for _, s in ctl:
            s(1)  # type: ignore[operator]
        yield
    finally:
        for (_, s), n in zip(ctl, saved, strict=True):
            s(n)  # type: ignore[operator]


#: Matrices up to this size run faster on one thread even on an idle machine.
SMALL_MATRIX = 600


@contextmanager
def blas_threads_for(dim: int) -> Iterator[None]:
    """One BLAS thread for ``dim <= SMALL_MATRIX``, the library default otherwise."""
    if dim <= SMALL_MATRIX:
        with single_blas_thread():
            yield
    else:
        yield
