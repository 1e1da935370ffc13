"""Framework for ``landauer reproduce``: a registry of paper modules and the report they write.

A paper module lives in :mod:`landauer.papers` as ``<name with underscores>.py`` and defines::

    TITLE: str          # short title of the paper
    CITATION: str       # full reference
    def run(*, quick: bool, seed: int, progress: bool) -> Report

``landauer reproduce <name> --out DIR`` writes ``DIR/<name>/summary.json``, the figures as PNG and SVG,
and the datasets as NetCDF, all atomically (the directory is replaced only when complete, and only if
every file in it was written by landauer; permissions follow the umask).
"""

from __future__ import annotations

import importlib
import json
import math
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import numpy as np

from landauer._version import __version__

Verdict = Literal["agree", "disagree", "n/a"]


def available() -> list[str]:
    """Names of the reproducible papers (module names with '_' -> '-'), without importing them."""
    import landauer.papers as pkg

    return sorted(
        m.name.replace("_", "-") for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")
    )


def load_paper(name: str) -> ModuleType:
    """Import the paper module for ``name``; unknown names raise ``ValueError`` listing the choices."""
    names = available()
    if name not in names:
        raise ValueError(f"unknown paper {name!r}; choose one of: {', '.join(names)}")
    return importlib.import_module(f"landauer.papers.{name.replace('-', '_')}")


@dataclass
class Result:
    value: Any
    unit: str
    stderr: float | None = None
    paper_value: float | None = None
    verdict: Verdict = "n/a"
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "value": _jsonable(self.value),
            "stderr": None if self.stderr is None else _jsonable(float(self.stderr)),
            "unit": self.unit,
            "paper_value": None if self.paper_value is None else _jsonable(float(self.paper_value)),
            "verdict": self.verdict,
            "note": self.note,
        }


@dataclass
class Report:
    """Figures of merit, figures and datasets produced by one paper reproduction."""

    paper: str
    quick: bool
    seed: int
    results: dict[str, Result] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    datasets: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        key: str,
        value: Any,
        *,
        unit: str,
        stderr: float | None = None,
        paper_value: float | None = None,
        verdict: Verdict = "n/a",
        note: str = "",
    ) -> None:
        """Record one figure of merit. ``verdict`` says whether the paper's value is reproduced."""
        if verdict not in ("agree", "disagree", "n/a"):
            raise ValueError(f"verdict must be agree, disagree or n/a, got {verdict!r}")
        self.results[key] = Result(value, unit, stderr, paper_value, verdict, note)

    def add_figure(self, name: str, fig: Any) -> None:
        """Attach a matplotlib figure, saved as ``<name>.png`` and ``<name>.svg``."""
        self.figures[name] = fig

    def add_dataset(self, name: str, ds: Any) -> None:
        """Attach an xarray Dataset, saved as ``<name>.nc``."""
        self.datasets[name] = ds

    def summary(self) -> dict[str, Any]:
        return {
            "paper": self.paper,
            "quick": self.quick,
            "version": __version__,
            "seed": self.seed,
            "results": {k: r.as_json() for k, r in self.results.items()},
        }

    def write(self, out_dir: str | Path) -> Path:
        """Write ``out_dir/<paper>/`` atomically and return that directory."""
        import matplotlib.pyplot as plt

        from landauer.io import atomic_directory

        dest = Path(out_dir) / self.paper
        with atomic_directory(dest) as tmp:
            (tmp / "summary.json").write_text(json.dumps(self.summary(), indent=2) + "\n")
            for name, fig in self.figures.items():
                fig.savefig(tmp / f"{name}.png", dpi=130, bbox_inches="tight")
                fig.savefig(tmp / f"{name}.svg", bbox_inches="tight")
                plt.close(fig)
            for name, ds in self.datasets.items():
                ds.to_netcdf(tmp / f"{name}.nc", engine="h5netcdf")
        return dest


def completed(out_dir: str | Path, paper: str, *, quick: bool, seed: int) -> bool:
    """Whether ``out_dir/<paper>/`` already holds a complete result for the same mode, seed and version.

    A result is complete when its ``summary.json`` parses and its manifest (written last, see
    :func:`landauer.io.atomic_directory`) exists: used by ``reproduce all --resume``.
    """
    from landauer.io import MANIFEST

    d = Path(out_dir) / paper
    try:
        s = json.loads((d / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return ((d / MANIFEST).is_file() and s.get("quick") == quick and s.get("seed") == seed
            and s.get("version") == __version__)


def _jsonable(value: Any) -> Any:
    """Convert NumPy scalars/arrays and non-finite floats to JSON-safe values."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return f if math.isfinite(f) else None
    return value


def verdict_within(value: float, target: float, tolerance: float) -> Verdict:
    """'agree' if ``|value - target| <= tolerance`` else 'disagree'."""
    return "agree" if abs(value - target) <= tolerance else "disagree"
