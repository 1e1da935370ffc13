"""REGRESSION (not validation) against the stored exact-diagonalisation reference table.

The golden values come from the code under test, so this file only detects changes; the independent
check is tests/validation/test_quantum_qutip_oracle.py. The fixture tests/data/quantum_reference.json
is produced by benchmarks/quantum_reference.py (ED of
Goold et al.'s model, B0 = B = J = 1, J0 = 0.1) and regenerated only with
LANDAUER_REGENERATE_GOLDEN=1. Values are stored to 12 significant digits; the regression tolerance is
1e-9 absolute (relative for |value| > 1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from landauer.models.quantum import ExactErasure, XXChainModel, pure_state, reeb_wolf_R

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "quantum_reference.json"
DATA = json.loads(FIXTURE.read_text())


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def test_fixture_covers_the_specified_grid() -> None:
    assert len(DATA["rows"]) == 6 * 2 * 6 * 3
    assert DATA["parameters"]["J0"] == 0.1


@pytest.mark.parametrize("N", [1, 2, 3, 4, 5, 6])
def test_reference_rows(N: int) -> None:
    cache: dict[float, ExactErasure] = {}
    for row in (r for r in DATA["rows"] if r["N"] == N):
        beta = row["beta"]
        if beta not in cache:
            model = XXChainModel(N=N, beta=beta)
            cache[beta] = ExactErasure(*model.hamiltonians(), beta=beta)
        r = cache[beta].evolve(pure_state(row["alpha"]), row["Jt"])
        got = {"beta_Q": r.beta_heat, "B_Q": r.B_Q, "S_final": r.entropy_final, "B_RW": r.B_RW,
               "mutual_information": r.mutual_information, "relative_entropy": r.relative_entropy}
        for key in DATA["columns"]:
            assert _close(float(got[key]), row[key]), (row, key, got[key])  # type: ignore[arg-type]


def test_reference_R() -> None:
    for entry in DATA["R"]:
        assert _close(reeb_wolf_R(entry["d"]), entry["R"])
