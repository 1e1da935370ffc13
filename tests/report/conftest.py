"""Fixtures for the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_synthetic import write_output


@pytest.fixture(scope="session")
def report_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("repro")
    return root, write_output(root)
