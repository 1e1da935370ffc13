"""Declarative parameter sweeps: study files -> point functions on Dask -> a resumable Zarr store.

>>> from landauer import sweep                                   # doctest: +SKIP
>>> path = sweep.run("examples/studies/double-well-tau.toml")    # doctest: +SKIP
>>> ds = xarray.open_zarr(path)                                  # doctest: +SKIP

See ``docs/sweeps.md``.
"""

from landauer.sweep.points import Output, Param, PointSpec, get_point, point, point_seed, registered
from landauer.sweep.runner import Outcome, open_store, run, run_study
from landauer.sweep.store import status
from landauer.sweep.study import Study, load, parse
from landauer.sweep.temporary import run_in_memory

__all__ = ["Outcome", "Output", "Param", "PointSpec", "Study", "get_point", "load", "open_store", "parse", "point",
           "point_seed", "registered", "run", "run_in_memory", "run_study", "status"]
