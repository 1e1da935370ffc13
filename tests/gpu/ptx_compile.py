"""Compile the CUDA ensemble kernels to PTX for sm_90 without a GPU (a check of the device compiler path).

The simulator tests run the kernels as Python; this script instead pushes them through numba-cuda's real
compiler (type inference for the CUDA target, the model's ``@njit`` functions and the stream code as device
functions, NVVM to PTX) for the shipped double well (overdamped), the two-well 2-D device (overdamped),
the 4-D SQUID (BAOAB) and the double well with underdamped Euler. It needs numba-cuda with the CUDA 12
wheels (the ``gpu`` extra), not a driver: numba-cuda asks the current device for its compute capability
when it compiles a device function, so that query is answered with (9, 0) here.

Usage: python tests/gpu/ptx_compile.py [SITE_DIR]   (SITE_DIR: where numba-cuda is installed, if not in the
venv; its ``nvidia/*/lib`` folders must be on LD_LIBRARY_PATH)
"""

from __future__ import annotations

import site
import sys
import types
from typing import Any

import numba
import numpy as np


def signature(model: Any, n_snap: int = 2) -> tuple[Any, ...]:
    """Argument types of the kernel as ``landauer.engine.cuda_run.run_cuda`` launches it."""
    from landauer.engine.rng import seed_key

    D, n = model.ndim, 4
    key = seed_key(1)

    def f(*s: int) -> np.ndarray:
        return np.zeros(s)

    def i(*s: int) -> np.ndarray:
        return np.zeros(s, dtype=np.int64)

    args = [np.int64(0), np.int64(n), key[0], key[1], f(n, D), f(n, D), True, True, f(max(1, len(model.params))),
            f(3), f(3, len(model.controls)), i(2), np.int64(10), 0.1, 1.0, f(D), f(D), f(D), f(D), f(D), f(D), f(D),
            1.0, i(n_snap), True, False, f(n, D), f(n, D), f(n), f(n), f(n), i(n), i(n), i(n), i(n), f(n, n_snap, D),
            f(n, n_snap, D)]
    return tuple(numba.typeof(a) for a in args)


def main() -> None:
    if len(sys.argv) > 1:
        site.addsitedir(sys.argv[1])
    import numba.cuda.dispatcher as disp
    from numba import cuda

    disp.get_current_device = lambda: types.SimpleNamespace(compute_capability=(9, 0))  # type: ignore[attr-defined]
    from landauer.devices.registry import load
    from landauer.engine.cuda_kernels import ensemble_kernel
    from landauer.models.squid.model import model_for
    from landauer.models.squid.potential import DEFAULT_SHAPE

    dw = load("double-well").device.model()
    cases = [("double-well", dw, "overdamped"), ("two-well-2d", load("two-well-2d").device.model(), "overdamped"),
             ("squid-4d", model_for(4, DEFAULT_SHAPE), "baoab"), ("double-well", dw, "underdamped-euler")]
    for name, m, kind in cases:
        k = ensemble_kernel(m.energy, m.gradient, m.classify, kind=kind, ndim=m.ndim, nc=len(m.controls),
                            npar=int(m.param_vector().size))
        ptx, _ = cuda.compile_ptx(k.py_func, signature(m), cc=(9, 0))
        assert ".entry" in ptx and ".target sm_90" in ptx
        print(f"{name:12s} {kind:18s} PTX for sm_90: {ptx.count(chr(10))} lines, local memory: {'.local' in ptx}")


if __name__ == "__main__":
    main()
