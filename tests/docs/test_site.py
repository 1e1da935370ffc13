"""The docs site: the generated CLI reference covers every command, and `mkdocs build --strict` passes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _hooks():
    spec = importlib.util.spec_from_file_location("landauer_docs_hooks", ROOT / "docs/hooks/landauer_docs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_cli_reference_lists_every_command_and_option():
    from landauer.cli import cli

    text = _hooks().cli_reference()

    def walk(cmd: click.Command, path: list[str]) -> None:
        if len(path) > 1:
            assert f"`{' '.join(path)}`" in text, f"{' '.join(path)} missing from the CLI reference"
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.opts[0] in text, f"{' '.join(path)} {param.opts[0]} missing"
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])

    walk(cli, ["landauer"])
    assert "`landauer report`" in text


def test_optional_pages_join_the_nav(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "sweeps.md").write_text("# Sweeps\n")
    config = {"docs_dir": str(docs), "nav": [{"Home": "index.md"}, {"Engine": [{"E": "engine.md"}]}]}
    out = _hooks().on_config(config)
    assert {"Sweeps": "sweeps.md"} in out["nav"][1]["Engine"]
    assert "devices.md" not in str(out["nav"])  # absent pages are not listed (strict build would fail)


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None,
                    reason="docs extra not installed (make docs installs it)")
def test_site_builds_strictly(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, env=env, check=False)
    assert res.returncode == 0, res.stderr[-3000:]
    assert (tmp_path / "site" / "cli" / "index.html").is_file()
    assert "landauer reproduce" in (tmp_path / "site" / "cli" / "index.html").read_text()
