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
from typing import Any

import numpy as np

from landauer._version import __version__
from landauer.verdict import VERDICTS, Verdict, compare
from landauer.verdict import check as check_verdict


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
    """One figure of merit; ``verdict`` follows :mod:`landauer.verdict`."""

    value: Any
    unit: str
    stderr: float | None = None
    paper_value: float | bool | None = None
    verdict: Verdict = "n/a"
    note: str = ""
    tolerance: float | None = None
    log10: bool = False

    def as_json(self) -> dict[str, Any]:
        pv = self.paper_value
        return {
            "value": _jsonable(self.value),
            "stderr": None if self.stderr is None else _jsonable(float(self.stderr)),
            "unit": self.unit,
            "paper_value": None if pv is None else (pv if isinstance(pv, bool) else _jsonable(float(pv))),
            "tolerance": None if self.tolerance is None else _jsonable(float(self.tolerance)),
            "compared_on": "log10" if self.log10 else "linear",
            "verdict": self.verdict,
            "note": self.note,
        }


@dataclass
class PaperError:
    """A known error of the paper, with the evidence (our number or argument) that shows it."""

    claim: str
    evidence: str
    where: str = ""
    value: Any = None
    unit: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"where": self.where, "claim": self.claim, "evidence": self.evidence,
                "value": _jsonable(self.value), "unit": self.unit}


@dataclass
class Report:
    """Figures of merit, figures and datasets produced by one paper reproduction."""

    paper: str
    quick: bool
    seed: int
    results: dict[str, Result] = field(default_factory=dict)
    paper_errors: dict[str, PaperError] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    datasets: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        key: str,
        value: Any,
        *,
        unit: str,
        stderr: float | None = None,
        paper_value: float | bool | None = None,
        tolerance: float | None = None,
        log10: bool = False,
        check: bool | None = None,
        note: str = "",
    ) -> None:
        """Record one figure of merit; the verdict comes from :func:`landauer.verdict.compare`.

        With ``paper_value`` (a number or claim the paper states): agree/disagree/inconclusive by
        ``|value - paper_value| <= max(3 SE, tolerance)`` (on log10 with ``log10=True``). With ``check``
        (a test against our own theory or bounds): pass/fail. Otherwise n/a. Explain any
        ``tolerance`` in ``note``.
        """
        if paper_value is not None and check is not None:
            raise ValueError(f"{key}: give either paper_value or check, not both")
        if tolerance is not None and paper_value is None:
            raise ValueError(f"{key}: tolerance applies only to a comparison with paper_value")
        if paper_value is not None:
            verdict = compare(value, paper_value, stderr=stderr, tolerance=tolerance, log10=log10)
        elif check is not None:
            verdict = check_verdict(check)
        else:
            verdict = "n/a"
        assert verdict in VERDICTS
        self.results[key] = Result(value, unit, stderr, paper_value, verdict, note, tolerance, log10)

    def add_paper_error(self, key: str, *, claim: str, evidence: str, where: str = "",
                        value: Any = None, unit: str = "") -> None:
        """Record a known error of the paper (``paper_errors`` in summary.json) with its evidence."""
        self.paper_errors[key] = PaperError(claim, evidence, where, value, unit)

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
            "verdict_rule": VERDICT_RULE,
            "results": {k: r.as_json() for k, r in self.results.items()},
            "paper_errors": {k: e.as_json() for k, e in self.paper_errors.items()},
        }

    def write(self, out_dir: str | Path) -> Path:
        """Write ``out_dir/<paper>/`` atomically and return that directory."""
        import matplotlib.pyplot as plt

        from landauer.io import atomic_directory

        dest = Path(out_dir) / self.paper
        with atomic_directory(dest) as tmp:
            (tmp / "summary.json").write_text(json.dumps(self.summary(), indent=2) + "\n")
            from landauer.report import describe_figure  # captions and alt text for `landauer report`

            captions = {name: describe_figure(fig) for name, fig in self.figures.items()}
            (tmp / "figures.json").write_text(json.dumps(captions, indent=2) + "\n")
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


#: Stated in every summary.json so that a reader needs no source to interpret the verdicts.
VERDICT_RULE = (
    "agree/disagree/inconclusive only against paper_value (a number or claim the paper states): agree iff "
    "|value - paper_value| <= max(3 stderr, tolerance) and that band is at most half the paper's value "
    "(else inconclusive; log10 comparisons: at most 0.5 decade); pass/fail: checks against our own "
    "theory or bounds; n/a otherwise. Exact conversions carry no stderr."
)
