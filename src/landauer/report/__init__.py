"""A self-contained HTML page from a reproduction's output directory.

``landauer report DIR`` (or ``landauer reproduce ... --report``) reads every ``DIR/<paper>/summary.json``
with its figures and datasets (and any sweep store ``*.zarr`` under DIR) and writes one HTML file with the
styles and figures embedded, so that it can be mailed or opened offline. Rendering uses a Jinja2 template
with autoescaping: every string that comes from the data is escaped.
"""

from __future__ import annotations

from landauer.report.build import build_html, describe_figure, write_report, write_run_metadata

__all__ = ["build_html", "describe_figure", "write_report", "write_run_metadata"]
