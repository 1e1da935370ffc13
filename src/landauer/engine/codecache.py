"""Where generated kernel modules live and how they name the model functions they import.

Shared by the Euclidean lane kernels (:mod:`landauer.engine.lanes`) and the sphere kernels
(:mod:`landauer.engine.sphere_kernel`): each writes one small module per model into a subfolder of
:func:`cache_root` and compiles it with Numba's ``cache=True``, keyed by a hash that includes
:func:`source_of` each model function's module (Numba does not invalidate a caller when a callee changes).
"""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import Any


def cache_root() -> Path:
    """``$LANDAUER_CACHE_DIR`` (or ``$LANDAUER_CACHE``, or ``$XDG_CACHE_HOME/landauer``, ``~/.cache/landauer``)."""
    root = os.environ.get("LANDAUER_CACHE_DIR") or os.environ.get("LANDAUER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "landauer"
    )
    return Path(root)


def source_of(fn: Any) -> str:
    """Source of the module defining ``fn`` (or of ``fn`` itself when its module is not importable)."""
    py = getattr(fn, "py_func", fn)
    mod = sys.modules.get(py.__module__)
    try:
        return inspect.getsource(mod) if mod is not None else inspect.getsource(py)
    except (OSError, TypeError):
        return inspect.getsource(py)


def import_line(fn: Any, alias: str) -> str:
    """``from module import name as alias`` for a module-level function; closures and methods are refused."""
    py = getattr(fn, "py_func", fn)
    mod, qual = py.__module__, py.__qualname__
    if "." in qual or "<" in qual:
        raise ValueError(f"model function {mod}.{qual} must be defined at module level (got a closure or method)")
    return f"from {mod} import {qual} as {alias}"
