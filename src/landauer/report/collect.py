"""Read a reproduction's output directory into plain records for the HTML template.

The layout is the one :meth:`landauer.reproduce.Report.write` produces::

    DIR/<paper>/summary.json     figures of merit with verdicts (required)
    DIR/<paper>/<name>.png|svg   figures (PNG preferred for embedding, SVG as fallback)
    DIR/<paper>/<name>.nc        datasets (linked, not embedded)
    DIR/<paper>/run.json         optional run metadata (wall time, git revision), kept out of the summary
                                 so that reruns of the same revision give identical summaries

Everything read here is data: the template escapes it (Jinja2 autoescape), nothing is trusted as markup.
Sweep stores (``*.zarr`` directories with a ``done`` mask) are collected by :mod:`landauer.report.sweeps`.
"""

from __future__ import annotations

import base64
import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERDICT_ORDER = ("agree", "disagree", "inconclusive", "pass", "fail", "n/a")


@dataclass
class Row:
    """One figure of merit, formatted for display."""

    key: str
    value: str
    unit: str
    paper_value: str
    tolerance: str
    verdict: str
    note: str


@dataclass
class FigureItem:
    """One embedded figure: ``src`` is a ``data:`` URI, so the page needs no other file."""

    name: str
    caption: str
    alt: str
    src: str
    source_file: str
    defects: list[str] = field(default_factory=list)


@dataclass
class DataLink:
    name: str
    href: str
    size: str


@dataclass
class PaperError:
    """A mistake in the paper, with the evidence we have for it (free-form fields from the summary)."""

    title: str
    details: list[tuple[str, str]]


@dataclass
class Paper:
    name: str
    title: str
    citation: str
    quick: bool | None
    seed: str
    version: str
    git_revision: str
    run_time: str
    rows: list[Row]
    counts: dict[str, int]
    errors: list[PaperError]
    figures: list[FigureItem]
    data: list[DataLink]
    problems: list[str] = field(default_factory=list)
    verdict_rule: str = ""

    @property
    def anchor(self) -> str:
        return "paper-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in self.name)


def find_papers(root: Path) -> list[Path]:
    """Directories under ``root`` (itself or one level down) that hold a ``summary.json``, sorted by name."""
    if (root / "summary.json").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "summary.json").is_file())


def load_paper(directory: Path, *, html_dir: Path) -> Paper:
    """Read one paper's directory; ``html_dir`` is where the page will live (for relative data links)."""
    problems: list[str] = []
    summary = json.loads((directory / "summary.json").read_text(encoding="utf-8"))
    if not isinstance(summary, dict):
        raise ValueError(f"{directory / 'summary.json'}: expected a JSON object")
    run = _read_json(directory / "run.json", problems)
    name = str(summary.get("paper") or directory.name)
    title, citation = _title_and_citation(name, summary)

    results = summary.get("results") or {}
    rows = [_row(str(k), v) for k, v in results.items()] if isinstance(results, dict) else []
    counts = Counter(r.verdict for r in rows)
    ordered = {v: counts[v] for v in VERDICT_ORDER if counts.get(v)}
    ordered.update({v: n for v, n in counts.items() if v not in ordered})

    run_time = run.get("wall_s", summary.get("wall_s"))
    return Paper(
        name=name,
        title=title,
        citation=citation,
        quick=summary.get("quick") if isinstance(summary.get("quick"), bool) else None,
        seed=_text(summary.get("seed")),
        version=_text(summary.get("version")),
        git_revision=_text(summary.get("git_revision", run.get("git_revision"))),
        run_time=_duration(run_time),
        rows=rows,
        counts=ordered,
        errors=_paper_errors(summary.get("paper_errors")),
        figures=_figures(directory, summary.get("figures") or _read_json(directory / "figures.json", problems),
                         problems),
        data=[
            DataLink(p.stem, _href(p, html_dir), _size(p.stat().st_size))
            for p in sorted(directory.glob("*.nc"))
        ],
        problems=problems,
        verdict_rule=_text(summary.get("verdict_rule"), empty=""),
    )


# ---------------------------------------------------------------- formatting


def format_value(value: Any, stderr: Any = None) -> str:
    """``value ± SE`` with the value rounded to the SE's second significant digit; booleans as yes/no."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        v = float(value)
        if not math.isfinite(v):
            return str(v)
        if isinstance(stderr, int | float) and not isinstance(stderr, bool) and math.isfinite(stderr) and stderr > 0:
            digits = max(0, 1 - int(math.floor(math.log10(stderr))))
            if abs(v) >= 1e5 or (abs(v) < 1e-3 and v != 0):
                return f"{v:.{_sig_digits(v, stderr)}e} ± {stderr:.2g}"
            return f"{v:.{digits}f} ± {stderr:.{digits}f}"
        if isinstance(value, int):
            return str(value)
        return f"{v:.4g}"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return _compact(value)
    return str(value)


def _compact(value: Any) -> str:
    """Nested values for a table cell: floats to 4 significant digits, dicts as ``k: v`` lists."""
    if isinstance(value, bool) or value is None:
        return format_value(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k}: {_compact(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_compact(v) for v in value) + "]"
    return str(value)


def _sig_digits(v: float, se: float) -> int:
    """Mantissa digits so that the value in e-notation keeps the SE's second significant digit."""
    if v == 0:
        return 1
    return max(1, int(math.floor(math.log10(abs(v)))) - int(math.floor(math.log10(se))) + 1)


def _row(key: str, raw: Any) -> Row:
    if not isinstance(raw, dict):
        return Row(key, format_value(raw), "", "—", "—", "n/a", "")
    verdict = str(raw.get("verdict") or "n/a")
    tol = raw.get("tolerance")
    log10 = raw.get("compared_on") == "log10"
    return Row(
        key=key,
        value=format_value(raw.get("value"), raw.get("stderr")),
        unit=_text(raw.get("unit"), empty=""),
        paper_value=format_value(raw.get("paper_value")),
        tolerance=("—" if tol is None else format_value(tol)) + (" (on log10)" if log10 else ""),
        verdict=verdict,
        note=_text(raw.get("note"), empty=""),
    )


def _paper_errors(raw: Any) -> list[PaperError]:
    """Accept a list of strings or dicts, or a mapping name -> string/dict."""
    if not raw:
        return []
    items: list[tuple[str, Any]]
    if isinstance(raw, dict):
        items = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, list):
        items = [("", v) for v in raw]
    else:
        items = [("", raw)]
    out = []
    for name, item in items:
        if isinstance(item, dict):
            fields = {k: v for k, v in item.items() if v not in (None, "")}
            title = _text(fields.pop("claim", fields.pop("error", fields.pop("title", ""))), empty="") or name
            unit = _text(fields.pop("unit", ""), empty="")
            details = [(str(k).replace("_", " "), format_value(v) + (f" {unit}" if k == "value" and unit else ""))
                       for k, v in fields.items()]
            if name and title != name:
                details.insert(0, ("id", name))
            out.append(PaperError(title or "(untitled)", details))
        else:
            out.append(PaperError(name or format_value(item), [] if not name else [("", format_value(item))]))
    return out


def _figures(directory: Path, meta: Any, problems: list[str]) -> list[FigureItem]:
    meta = meta if isinstance(meta, dict) else {}
    names = sorted({p.stem for p in directory.glob("*.png")} | {p.stem for p in directory.glob("*.svg")})
    out = []
    for name in names:
        png, svg = directory / f"{name}.png", directory / f"{name}.svg"
        path, mime = (png, "image/png") if png.is_file() else (svg, "image/svg+xml")
        try:
            payload = base64.b64encode(path.read_bytes()).decode("ascii")
        except OSError as exc:
            problems.append(f"figure {name}: {exc}")
            continue
        info = meta.get(name) if isinstance(meta.get(name), dict) else {}
        caption = _text(info.get("caption"), empty="") or _text(info.get("title"), empty="") or _humanise(name)
        alt = _text(info.get("alt"), empty="") or f"Figure {_humanise(name)}" + (
            f": {caption}" if caption != _humanise(name) else "")
        raw_defects = info.get("defects")
        defects = [str(d) for d in raw_defects] if isinstance(raw_defects, list) else []
        out.append(FigureItem(name, caption, alt, f"data:{mime};base64,{payload}", path.name, defects))
    return out


def _title_and_citation(name: str, summary: dict[str, Any]) -> tuple[str, str]:
    title, citation = summary.get("title"), summary.get("citation")
    if title is None or citation is None:
        try:
            from landauer.reproduce import load_paper as load_module

            mod = load_module(name)
            title = title if title is not None else getattr(mod, "TITLE", "")
            citation = citation if citation is not None else getattr(mod, "CITATION", "")
        except Exception:  # a report must render even for a paper this version does not know
            pass
    return _text(title, empty=""), _text(citation, empty="")


def _read_json(path: Path, problems: list[str]) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"{path.name}: {exc}")
        return {}
    return data if isinstance(data, dict) else {}


def _text(value: Any, *, empty: str = "—") -> str:
    return empty if value is None or value == "" else str(value)


def _humanise(name: str) -> str:
    return name.replace("_", " ").replace("-", " ")


def _duration(seconds: Any) -> str:
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not math.isfinite(seconds):
        return "—"
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return f"{n} B"


def _href(path: Path, html_dir: Path) -> str:
    from urllib.parse import quote

    rel = os.path.relpath(path.resolve(), html_dir.resolve())
    return quote(Path(rel).as_posix())
