"""A study run serially through a temporary store and returned in memory (how the paper reproductions run
their own sweeps: the same points, seeds and store as ``landauer sweep run``, without leaving a store)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import xarray as xr

from landauer.sweep.runner import open_store, run_study
from landauer.sweep.store import status
from landauer.sweep.study import parse


def run_in_memory(text: str, *, name: str, progress: bool = False) -> xr.Dataset:
    """Run the study ``text`` (TOML) serially into a temporary store and return it loaded.

    A failed point raises ``RuntimeError`` naming the sweep (``name``), the point and its error. The
    returned Dataset keeps the store's provenance: ``study`` (the study text), ``landauer_version`` and
    ``git_revision``.
    """
    with tempfile.TemporaryDirectory(prefix=f"landauer-{name}-") as tmp:
        st = parse(text, store=Path(tmp) / f"{name}.zarr")
        run_study(st, serial=True, progress=progress)
        failed = status(st.store)["errors"]
        if failed:
            raise RuntimeError(f"{name} sweep: {failed[0]['error']} at {failed[0]['point']}")
        with open_store(st.store) as ds:
            loaded = ds.load()
    loaded.attrs = {**loaded.attrs, "study": loaded.attrs.get("study_text", text)}
    return loaded
