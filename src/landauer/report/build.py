"""Render the report template (Jinja2, autoescaped) and write it atomically."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from landauer._version import __version__, git_revision
from landauer.report.collect import VERDICT_ORDER, find_papers, load_paper

TEMPLATE = "report.html.j2"


def build_html(directory: str | os.PathLike[str], *, html_dir: str | os.PathLike[str] | None = None,
               title: str | None = None) -> str:
    """Return the report page for the reproduction output ``directory`` as a string.

    Parameters
    ----------
    directory
        A ``landauer reproduce --out`` directory (``<paper>/summary.json`` below it) or one paper's directory.
    html_dir
        Directory the page will be saved in; links to the NetCDF files are made relative to it
        (default: ``directory``).
    title
        Page title (default: "landauer reproduction report").

    Raises
    ------
    FileNotFoundError
        ``directory`` does not exist.
    ValueError
        It holds neither a ``summary.json`` nor a sweep store.
    """
    import jinja2

    from landauer.report.sweeps import find_sweeps, load_sweep

    root = Path(directory)
    if not root.is_dir():
        raise FileNotFoundError(f"no such directory: {directory}")
    where = Path(html_dir) if html_dir is not None else root
    paper_dirs = find_papers(root)
    sweep_dirs = find_sweeps(root)
    if not paper_dirs and not sweep_dirs:
        raise ValueError(f"{directory}: no <paper>/summary.json or sweep store found "
                         "(run `landauer reproduce ... --out DIR` first)")
    papers = [load_paper(d, html_dir=where) for d in paper_dirs]
    sweeps = [load_sweep(d) for d in sweep_dirs]

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=False, lstrip_blocks=False)
    env.filters["verdict_class"] = _verdict_class
    template = env.from_string(resources.files("landauer.report").joinpath(TEMPLATE).read_text("utf-8"))
    return template.render(
        title=title or "landauer reproduction report",
        papers=papers,
        sweeps=sweeps,
        source=str(root),
        version=__version__,
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_report(directory: str | os.PathLike[str], out: str | os.PathLike[str] | None = None) -> Path:
    """Build the page for ``directory`` and write it atomically to ``out`` (default ``DIR/report.html``)."""
    from landauer.io import atomic_write_text

    dest = Path(out) if out is not None else Path(directory) / "report.html"
    if dest.is_dir():
        raise IsADirectoryError(f"--out {out} is a directory; give a file name such as report.html")
    html = build_html(directory, html_dir=dest.parent)
    atomic_write_text(dest, html)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(dest, 0o666 & ~umask)  # a page to share: readable like any other file the user writes
    return dest


def write_run_metadata(paper_dir: str | os.PathLike[str], *, wall_s: float, seed: int, quick: bool) -> Path:
    """Write ``paper_dir/run.json`` (wall time, git revision, time stamp): what varies between reruns of the
    same code is kept out of ``summary.json``, which stays reproducible bit for bit."""
    from landauer.io import atomic_write_text

    path = Path(paper_dir) / "run.json"
    meta: dict[str, Any] = {
        "wall_s": round(float(wall_s), 3),
        "seed": int(seed),
        "quick": bool(quick),
        "version": __version__,
        "git_revision": git_revision(),
        "finished_utc": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    atomic_write_text(path, json.dumps(meta, indent=2) + "\n")
    _claim(Path(paper_dir), path.name)
    return path


def _claim(paper_dir: Path, name: str) -> None:
    """List ``name`` in the directory's manifest, so that a rerun does not take it for a user's file."""
    from landauer.io import MANIFEST, atomic_write_text

    man = paper_dir / MANIFEST
    if not man.is_file():
        return
    names = [ln.strip() for ln in man.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if name not in names:
        atomic_write_text(man, "\n".join([*names, name]) + "\n")


def describe_figure(fig: Any) -> dict[str, Any]:
    """Caption, alt text and house-style defects of a matplotlib figure.

    Caption and alt text come from its titles and axis labels (mathtext stripped); ``defects`` lists what
    :func:`landauer.plotting.figure_defects` finds. Used when a reproduction saves its figures, so that
    the report can say what each figure shows and flag figures that need work.
    """
    from landauer.plotting import figure_defects

    info: dict[str, Any] = _caption_and_alt(fig)
    try:
        info["defects"] = figure_defects(fig)
    except Exception as exc:  # a checker problem must never stop a reproduction from being written
        info["defects"] = [f"could not check the figure: {type(exc).__name__}: {exc}"]
    return info


def _caption_and_alt(fig: Any) -> dict[str, str]:
    titles: list[str] = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        titles.append(_plain(sup.get_text()))
    panels = []
    for ax in fig.get_axes():
        if not ax.get_visible() or not ax.has_data():
            continue
        t = _plain(ax.get_title())
        xl, yl = _plain(ax.get_xlabel()), _plain(ax.get_ylabel())
        if t and t not in titles and len(titles) < 4:
            titles.append(t)
        if yl or xl:
            panels.append(f"{yl or 'value'} against {xl or 'index'}")
    caption = "; ".join(titles)
    alt_parts = [f"{len(panels)} panel{'s' if len(panels) != 1 else ''}" if len(panels) > 1 else "Plot"]
    if panels:
        alt_parts.append(": " + "; ".join(dict.fromkeys(panels)))
    return {"caption": caption, "alt": "".join(alt_parts)}


def _plain(text: str) -> str:
    """Mathtext to readable plain text: drop $ and backslash commands' backslashes and braces."""
    import re

    text = text.replace("$", "")
    text = re.sub(r"\\(mathrm|mathit|mathbf|rm|it|bf|text|operatorname)\s*", "", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    return " ".join(text.split())


def _verdict_class(verdict: str) -> str:
    return verdict.replace("/", "") if verdict in VERDICT_ORDER else "other"
