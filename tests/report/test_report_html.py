"""`landauer report`: content, escaping of hostile data, self-containment, CLI errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from landauer.cli import cli
from landauer.report import build_html, write_report
from landauer.report.collect import format_value
from report_synthetic import HOSTILE


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def test_hostile_strings_are_escaped(report_output):
    root, _ = report_output
    html = build_html(root)
    doc = _parse(html)
    # the only <script>/<img onerror> would come from the data; none may survive as markup
    assert not [t for t, _ in doc.tags if t == "script"]
    assert not [a for t, a in doc.tags if t == "img" and ("onerror" in a or a.get("src") == "x")]
    assert "<script>" not in html and "&lt;script&gt;" in html
    # ...but the text itself is shown to the reader, verbatim
    assert HOSTILE in "".join(doc.text)


def test_content_and_self_containment(report_output):
    root, keys = report_output
    html = build_html(root)
    doc = _parse(html)
    papers = [a["data-paper"] for t, a in doc.tags if t == "section" and "data-paper" in a]
    assert papers == ["alpha-paper", "beta"]
    rows = [a["data-key"] for t, a in doc.tags if t == "tr" and "data-key" in a]
    assert rows == keys["alpha-paper"] + keys["beta"]
    imgs = [a for t, a in doc.tags if t == "img"]
    assert len(imgs) == 3 and all(a["src"].startswith("data:image/png;base64,") and a["alt"] for a in imgs)
    # no network: nothing is fetched from anywhere (only data: URIs and the relative NetCDF link)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert [a["href"] for t, a in doc.tags if t == "a" and a.get("href", "").endswith(".nc")] == [
        "alpha-paper/table.nc"]
    text = "".join(doc.text)
    assert "0.7012 ± 0.0061" in text and "12.5 s" in text and "abc123def456" in text
    assert "Eq. 3" in text and "plain claim about the sweep rate" in text and "dwell time 8 ms" in text
    assert "2.5 zJ" in text  # a paper error's value with its unit
    assert "synthetic line" in text  # caption taken from the figure's title (figures.json)
    assert text.count("Figure check:") == 1 and "ASCII identifier in text 'signal theta_s'" in text


def test_verdict_badges_match_summary(report_output):
    import json

    root, keys = report_output
    html = build_html(root)
    badges = re.findall(r'<span class="badge verdict (\w+)">([^<]*)</span>', html)
    expected = [json.loads((root / p / "summary.json").read_text())["results"][k]["verdict"]
                for p in keys for k in keys[p]]
    assert [text for _, text in badges] == expected
    assert [cls for cls, _ in badges] == [v.replace("/", "") for v in expected]
    # the synthetic summaries span the verdict vocabulary, so every badge style is exercised
    assert set(expected) >= {"agree", "disagree", "pass", "n/a", "inconclusive"}


@pytest.mark.parametrize(("value", "se", "text"), [
    (0.70123, 0.0061, "0.7012 ± 0.0061"),
    (12.3456, 1.2, "12.3 ± 1.2"),
    (1234.5, 25.0, "1234 ± 25"),
    (3.0e-5, 2.0e-6, "3.00e-05 ± 2e-06"),
    (True, None, "yes"),
    (None, None, "—"),
    (2, None, "2"),
    ({"P": -0.5508000003, "AP": {"x": 1.0e-12, "ok": True}}, None, "P: -0.5508; AP: (x: 1e-12, ok: yes)"),
    ([0.123456, 2], None, "[0.1235, 2]"),
])
def test_format_value(value, se, text):
    assert format_value(value, se) == text


def test_cli_writes_file_and_rejects_bad_input(report_output, tmp_path: Path):
    root, _ = report_output
    out = tmp_path / "sub" / "r.html"
    res = CliRunner().invoke(cli, ["report", str(root), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.is_file() and 'href="../../' in out.read_text()  # data links relative to the page
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no <paper>/summary.json"):
        write_report(empty)
    res = CliRunner().invoke(cli, ["report", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_sweep_store_renders_table_and_figure(tmp_path: Path):
    pytest.importorskip("zarr")
    import numpy as np
    import xarray as xr

    tau = np.array([1.0, 2.0, 4.0, 8.0])
    done = np.array([True, True, False, True])
    ds = xr.Dataset({"mean_work": ("tau", np.where(done, 0.69 + 1 / tau, np.nan), {"units": "kT"}),
                     "done": ("tau", done)}, coords={"tau": ("tau", tau, {"units": "s"})})
    ds.to_zarr(tmp_path / "erase_sweep.zarr", mode="w", consolidated=False)
    html = build_html(tmp_path)
    doc = _parse(html)
    assert [a["data-sweep"] for t, a in doc.tags if t == "section" and "data-sweep" in a] == ["erase_sweep.zarr"]
    text = "".join(doc.text)
    assert "3 of 4 points done" in text and "mean_work (kT)" in text
    assert "1.19" in text and "0.815" in text  # 0.69 + 1/2 and 0.69 + 1/8; the undone point is left out
    assert "0.94" not in text
    imgs = [a for t, a in doc.tags if t == "img"]
    assert len(imgs) == 1 and imgs[0]["src"].startswith("data:image/png;base64,")


def test_unreadable_sweep_store_is_reported_not_fatal(tmp_path: Path):
    (tmp_path / "broken.zarr").mkdir()
    html = build_html(tmp_path)
    assert "could not open the store" in html


def test_store_written_by_the_sweep_runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A real store (serial sweep of the test point, one point failing) renders its done points and the error."""
    pytest.importorskip("zarr")
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "sweep"))
    import sweep_testpoints  # noqa: F401  (registers the test points)

    from landauer.sweep import run_study

    study = tmp_path / "study.toml"
    study.write_text('[study]\npoint = "sweep_testpoints:counter"\nstore = "runs/s.zarr"\nseed = 5\n'
                     '[grid]\nx = [1, 2, 3, 4]\n[fixed]\nfail_at_x = 3\n')
    outcome = run_study(study, serial=True, progress=False)
    assert outcome.failed == 1
    html = build_html(tmp_path)
    text = "".join(_parse(html).text)
    assert "3 of 4 points done" in text
    assert "failed point x = 3" in text and "deliberate failure at x = 3" in text
    rows = re.findall(r"<tr><td class=\"num\">([^<]*)</td>", html)
    assert rows == ["1", "2", "4"]
