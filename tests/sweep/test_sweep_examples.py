"""Every study shipped in examples/studies runs end to end through ``landauer sweep run`` (at a tiny size,
via ``--set``), in-process here; tests/sweep/test_sweep_cluster.py runs one on an explicitly addressed
cluster. A new example without a tiny size below fails ``test_every_shipped_example_has_a_tiny_size``."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from landauer.cli import main
from landauer.sweep import load, open_store, status

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "studies"

#: per example: --set overrides that keep its point, device and axes but shrink the grid and the ensembles
TINY: dict[str, dict[str, str]] = {
    "aqfp-terminate.toml": {"grid.t_rise": "[40, 80]", "fixed.trajectories": "8", "fixed.target_se_kT": "5.0",
                            "fixed.max_trajectories": "16"},
    "device-erase.toml": {"grid.tau": "[4, 8]", "fixed.trajectories": "64", "fixed.target_se_kT": "0.3",
                          "fixed.max_trajectories": "192"},
    "double-well-tau.toml": {"grid.tau": "[2, 4]", "fixed.trajectories": "64"},
    "erase-temperature.toml": {"grid.tau": "[2, 4]", "grid.temperature_K": "[250, 350]",
                               "fixed.trajectories": "64"},
    "mtj-reset.toml": {"grid.stage_time_ns": "[1]", "fixed.trajectories": "16"},
    "quantum-erase.toml": {"grid.Jt": "[0.5, 5]", "grid.N": "[1, 2]"},
}

#: the output each example is about (checked finite at every point)
HEADLINE = {"aqfp-terminate.toml": "mean_work", "device-erase.toml": "mean_work", "double-well-tau.toml": "mean_work",
            "erase-temperature.toml": "mean_work", "mtj-reset.toml": "mean_W", "quantum-erase.toml": "beta_Q"}


def tiny_args(name: str) -> list[str]:
    return [a for k, v in TINY[name].items() for a in ("--set", f"{k}={v}")]


def test_every_shipped_example_has_a_tiny_size() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.toml")) == sorted(TINY) == sorted(HEADLINE)


@pytest.mark.parametrize("name", sorted(TINY))
def test_shipped_example_runs_end_to_end(name: str, tmp_path: Path) -> None:
    path = EXAMPLES / name
    full = load(path)
    tiny = load(path, overrides=TINY[name])
    assert tiny.point == full.point and tiny.dims == full.dims and 1 < tiny.size < full.size
    store = tmp_path / "s.zarr"
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(path), "--serial", "--no-progress", "--store", str(store), *tiny_args(name)])
    assert exc.value.code == 0
    st = status(store)
    assert (st["done"], st["failed"], st["total"]) == (tiny.size, 0, tiny.size)
    values = open_store(store)[HEADLINE[name]].values.ravel()
    assert all(math.isfinite(v) for v in values), values
