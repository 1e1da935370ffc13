"""Generate tests/data/quantum_reference.json: exact-diagonalisation reference table (spec section 9.9).

Columns (N, beta, alpha, Jt) -> beta<Q>, B_Q, S(rho'_S), B_RW(2^N), I, D for N = 1..6,
beta in {1, 10}, alpha in {0, 0.3, 0.5, 0.9, 0.95, 1}, Jt in {5, 7, 20} (B0 = B = J = 1, J0 = 0.1),
plus R(d) for d in {2, 4, 8, 16, 64, 2^20}; 12 significant digits.

The fixture is a regression golden file: it is rewritten only when LANDAUER_REGENERATE_GOLDEN=1
(``LANDAUER_REGENERATE_GOLDEN=1 python benchmarks/quantum_reference.py``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "quantum_reference.json"
NS = [1, 2, 3, 4, 5, 6]
BETAS = [1.0, 10.0]
ALPHAS = [0.0, 0.3, 0.5, 0.9, 0.95, 1.0]
JTS = [5.0, 7.0, 20.0]
DS = [2, 4, 8, 16, 64, 2**20]
COLUMNS = ["beta_Q", "B_Q", "S_final", "B_RW", "mutual_information", "relative_entropy"]


def _sig(x: float) -> float:
    return float(f"{x:.12g}")


def table() -> dict[str, Any]:
    """Compute the reference table by exact diagonalisation."""
    from landauer._version import __version__
    from landauer.models.quantum import ExactErasure, XXChainModel, pure_state, reeb_wolf_R

    rows = []
    for N in NS:
        for beta in BETAS:
            model = XXChainModel(N=N, beta=beta)
            ex = ExactErasure(*model.hamiltonians(), beta=beta)
            for alpha in ALPHAS:
                for jt in JTS:
                    r = ex.evolve(pure_state(alpha), jt)
                    vals = {"beta_Q": r.beta_heat, "B_Q": r.B_Q, "S_final": r.entropy_final,
                            "B_RW": r.B_RW, "mutual_information": r.mutual_information,
                            "relative_entropy": r.relative_entropy}
                    rows.append({"N": N, "beta": beta, "alpha": alpha, "Jt": jt,
                                 **{k: _sig(float(v)) for k, v in vals.items()}})  # type: ignore[arg-type]
    return {
        "description": "Exact-diagonalisation reference for the qubit + XX-chain erasure model",
        "parameters": {"B0": 1.0, "B": 1.0, "J": 1.0, "J0": 0.1, "d": "2^N", "units": "hbar=k_B=J=1"},
        "generator": "benchmarks/quantum_reference.py",
        "landauer_version": __version__,
        "columns": COLUMNS,
        "rows": rows,
        "R": [{"d": d, "R": _sig(reeb_wolf_R(d))} for d in DS],
    }


def main() -> int:
    if os.environ.get("LANDAUER_REGENERATE_GOLDEN") != "1":
        print("refusing to overwrite the fixture: set LANDAUER_REGENERATE_GOLDEN=1", file=sys.stderr)
        return 2
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(table(), indent=1) + "\n")
    print(f"wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
