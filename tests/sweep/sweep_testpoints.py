"""Test-only point functions (registered on import; studies name them "sweep_testpoints:NAME").

``counter`` appends one line per *completed* call to ``counter_file`` (so a test can count computations per
point), can sleep, fail, or kill its own worker process once (SIGKILL, mid-point) via a marker file.
``gauss`` is an ensemble point: W ~ Normal(mu, sd) per trajectory, for the adaptive-precision tests.
``probe`` stores whether the runner let it show the engine's progress bar.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Mapping

import numpy as np
import xarray as xr

from landauer.sweep.points import Output, Param, Value, engine_progress, point


@point("counter", params=(
    Param("x", 0.0, "m", "grid value"),
    Param("sleep_s", 0.0, "s", "sleep inside the point", minimum=0.0),
    Param("counter_file", "", "", "append one line per completed call"),
    Param("kill_once_marker", "", "", "if set and absent: create it and SIGKILL this process mid-point"),
    Param("kill_at_x", -1.0, "m", "the x at which to kill"),
    Param("fail_at_x", -1.0, "m", "raise at this x"),
), outputs=(Output("y", "m", "x + mean of 64 normals"), Output("y_se", "m", "standard error of y")))
def counter(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """x plus noise from the point's seed."""
    x = float(p["x"])
    if p["sleep_s"]:
        time.sleep(float(p["sleep_s"]))
    marker = str(p["kill_once_marker"])
    if marker and x == float(p["kill_at_x"]):
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)
    if x == float(p["fail_at_x"]):
        raise RuntimeError(f"deliberate failure at x = {x:g}\nsecond line")
    z = np.random.default_rng(seed).normal(size=64)
    if p["counter_file"]:
        with open(str(p["counter_file"]), "a") as f:
            f.write(f"{x!r}\n")
    return xr.Dataset({"y": ((), x + z.mean()), "y_se": ((), z.std(ddof=1) / 8.0)})


def _summarise(p: Mapping[str, Value], raw: xr.Dataset) -> xr.Dataset:
    w = raw["W"].values
    return xr.Dataset({"mean_work": ((), w.mean()), "mean_work_se": ((), w.std(ddof=1) / np.sqrt(w.size)),
                       "n": ((), float(w.size))})


@point("gauss", params=(Param("mu", 0.0, "kT"), Param("sd", 1.0, "kT", positive=True)), summarise=_summarise,
       outputs=(Output("mean_work", "kT"), Output("mean_work_se", "kT"), Output("n", "1"),
                Output("W", "kT", per_trajectory=True)))
def gauss(p: Mapping[str, Value], n: int, seed: int) -> xr.Dataset:
    """n samples W ~ Normal(mu, sd)."""
    w = np.random.default_rng(seed).normal(float(p["mu"]), float(p["sd"]), size=n)
    return xr.Dataset({"W": ("trajectory", w)})


@point("probe", params=(Param("x", 0.0, "1"),), outputs=(Output("engine_progress", "1", "engine_progress()"),))
def probe(p: Mapping[str, Value], seed: int) -> xr.Dataset:
    """Whether the runner asked this point to show the engine's progress bar."""
    return xr.Dataset({"engine_progress": ((), float(engine_progress()))})
