"""MkDocs hooks for the landauer docs (no plugin dependency).

- ``on_config``: append optional pages (devices, sweeps, optimise) to the nav when their file exists.
- ``on_page_markdown``: replace ``<!-- cli-reference -->`` with a reference generated from the click
  commands themselves, so the CLI page cannot drift from the code.
- ``on_post_build``: copy a quick-reproduction report (``$LANDAUER_REPORT`` or
  ``landauer-output/report.html``) into the site as ``reproductions/report.html`` when one exists.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

OPTIONAL_PAGES = {"devices.md": "Adding a device", "sweeps.md": "Sweeps", "optimise.md": "Protocol optimisation",
                  "gpu.md": "GPU backend"}
REPORT_TARGET = "reproductions/report.html"
OPTIONAL_API = ("landauer.engine", "landauer.devices", "landauer.stats", "landauer.sweep", "landauer.optimise")


def on_config(config: Any) -> Any:
    docs = Path(config["docs_dir"])
    nav = config["nav"]
    listed = _nav_files(nav)
    for name, title in OPTIONAL_PAGES.items():
        if (docs / name).is_file() and name not in listed:
            for entry in nav:
                if isinstance(entry, dict) and "Engine" in entry:
                    entry["Engine"].append({title: name})
                    break
            else:
                nav.append({title: name})
    return config


def _nav_files(nav: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(nav, str):
        out.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            out |= _nav_files(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            out |= _nav_files(item)
    return out


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- cli-reference -->" in markdown:
        markdown = markdown.replace("<!-- cli-reference -->", cli_reference())
    if "<!-- api-optional -->" in markdown:
        markdown = markdown.replace("<!-- api-optional -->", _optional_api())
    if "<!-- report-link -->" in markdown:
        markdown = markdown.replace("<!-- report-link -->", _report_link())
    return markdown


def _optional_api() -> str:
    """mkdocstrings blocks for packages that other parts of the project add (listed once they exist)."""
    import importlib.util

    blocks = []
    for module in OPTIONAL_API:
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            spec = None
        if spec is not None and spec.origin not in (None, "namespace"):  # griffe needs a real package
            blocks.append(f"::: {module}\n")
    return "\n".join(blocks)


def on_post_build(config: Any) -> None:
    src = _report_source()
    if src is not None:
        dest = Path(config["site_dir"]) / REPORT_TARGET
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)


def _report_source() -> Path | None:
    path = Path(os.environ.get("LANDAUER_REPORT", "landauer-output/report.html"))
    return path if path.is_file() else None


def _report_link() -> str:
    src = _report_source()
    if src is None:
        return ("*No reproduction report was built with this copy of the site.* Run `make demo` (which "
                "writes `landauer-output/report.html`) and then `make docs` to include it here.")
    return (f'The report of the quick reproductions built with this site: '
            f'<a href="../{REPORT_TARGET}">open the report</a> (self-contained HTML, from `{src}`).')


def cli_reference() -> str:
    """Markdown for every command of ``landauer``, from the click objects (usage, help, options)."""
    import click

    from landauer.cli import cli

    lines: list[str] = []

    def walk(cmd: click.Command, path: list[str], parent: click.Context | None) -> None:
        ctx = click.Context(cmd, info_name=path[-1], parent=parent)
        if len(path) > 1:
            lines.append(f"{'#' * min(len(path) + 0, 4)} `{' '.join(path)}`\n")
        help_text = (cmd.help or "").strip()
        if help_text:
            lines.append(_escape(help_text.split("\x0c")[0]) + "\n")
        lines.append(f"```text\n{cmd.get_usage(ctx)}\n```\n")
        rows = []
        for param in cmd.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            rows.append(f"| `{name}` | {_escape(text).replace('|', '&#124;')} |")
        if rows:
            lines.append("| option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
        if isinstance(cmd, click.Group):
            for sub_name in sorted(cmd.list_commands(ctx)):
                sub = cmd.get_command(ctx, sub_name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, sub_name], ctx)

    walk(cli, ["landauer"], None)
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")
