"""The report rendered in a real browser (Debian's headless Chromium, installed by `make test`).

Checks the rendered DOM (every paper present, a verdict for every result, every figure decoded with a
non-zero size, no horizontal overflow at phone width) and a screenshot that is not blank. Takes a few
seconds; skipped with the reason only where no chromium binary exists (`make test` installs one).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from landauer.report import build_html

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-headless-shell", "chromium-browser")) if p),
                None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (run `make test`, which installs it)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio"]

# Injected into a copy of the page (the report itself carries no script): after load, write what the
# browser actually rendered into attributes that --dump-dom serialises.
PROBE = """<script>
window.addEventListener('load', function () {
  document.querySelectorAll('img').forEach(function (im) {
    im.setAttribute('data-natural-width', im.naturalWidth);
    im.setAttribute('data-rendered-width', Math.round(im.getBoundingClientRect().width));
    im.setAttribute('data-complete', im.complete ? '1' : '0');
  });
  document.querySelectorAll('.badge.verdict').forEach(function (b) {
    var r = b.getBoundingClientRect();
    b.setAttribute('data-visible', (r.width > 0 && r.height > 0) ? '1' : '0');
  });
  var d = document.documentElement;
  document.body.setAttribute('data-overflow', d.scrollWidth - window.innerWidth);
  document.body.setAttribute('data-inner-width', window.innerWidth);
  var wide = 0;  // tables that scroll sideways inside their wrapper (columns pushed out of view)
  document.querySelectorAll('.table-wrap').forEach(function (w) { if (w.scrollWidth > w.clientWidth + 1) wide++; });
  document.body.setAttribute('data-wide-tables', wide);
  document.body.setAttribute('data-probed', '1');
});
</script>"""


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(report_output, tmp_path_factory) -> tuple[Path, Path, dict[str, list[str]]]:
    root, keys = report_output
    tmp = tmp_path_factory.mktemp("browser")
    html = build_html(root, html_dir=tmp)
    probed = tmp / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    plain = tmp / "report.html"
    plain.write_text(html, encoding="utf-8")
    return tmp, probed, keys


@pytest.mark.parametrize("width", [1200, 500])  # 500 px: headless minimum; the phone layout starts at 640
def test_rendered_dom(page, width):
    tmp, probed, keys = page
    res = _chromium(tmp, f"--window-size={width},900", "--virtual-time-budget=5000", "--dump-dom",
                    probed.as_uri())
    dom = res.stdout
    assert res.returncode == 0 and 'data-probed="1"' in dom, res.stderr[-2000:]
    papers = re.findall(r'<section class="paper" id="[^"]*" aria-labelledby="[^"]*" data-paper="([^"]*)"', dom)
    assert papers == ["alpha-paper", "beta"]
    n_results = sum(len(v) for v in keys.values())
    verdicts = re.findall(r'<span class="badge verdict (\w+)" data-visible="(\d)">', dom)
    assert len(verdicts) == n_results and all(v == "1" for _, v in verdicts)
    assert {c for c, _ in verdicts} <= {"agree", "disagree", "inconclusive", "pass", "fail", "na"}
    imgs = re.findall(r'<img [^>]*data-natural-width="(\d+)" data-rendered-width="(\d+)" '
                      r'data-complete="(\d)"', dom)
    inner = int(re.search(r'data-inner-width="(\d+)"', dom).group(1))
    assert inner <= width
    assert len(imgs) == 3
    for natural, rendered, complete in imgs:
        assert complete == "1" and int(natural) > 100 and 0 < int(rendered) <= inner
    overflow = int(re.search(r'data-overflow="(-?\d+)"', dom).group(1))
    assert overflow <= 0, f"page scrolls sideways by {overflow} px at {width} px width"
    wide = int(re.search(r'data-wide-tables="(\d+)"', dom).group(1))
    assert wide == 0, f"{wide} table(s) scroll sideways at {width} px width"


def test_screenshot_not_blank(page):
    import matplotlib.image as mpimg

    tmp, _, _ = page
    shot = tmp / "shot.png"
    res = _chromium(tmp, "--window-size=412,1600", f"--screenshot={shot}", (tmp / "report.html").as_uri())
    assert res.returncode == 0 and shot.is_file(), res.stderr[-2000:]
    img = mpimg.imread(shot)[..., :3]
    assert img.shape[:2] == (1600, 412)
    gray = img.mean(axis=2)
    # text and badges: a real share of non-white pixels and a spread of intensities
    assert gray.std() > 0.05
    assert 0.01 < np.mean(gray < 0.9) < 0.9
