"""Input validation and API plumbing of landauer.models.quantum and the ``landauer quantum`` CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
import qutip as qt
from click.testing import CliRunner

from landauer.cli import cli
from landauer.models.quantum import ExactErasure, XXChainModel, pure_state, reeb_wolf_R
from landauer.models.quantum.api import erase
from landauer.models.quantum.bounds_rw import reeb_wolf_bound
from landauer.models.quantum.states import as_density_matrix
from landauer.validation import ParameterError


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"N": 0, "beta": 1.0}, "N must be"), ({"N": 2, "beta": -1.0}, "beta must be"),
     ({"N": 2, "beta": 1.0, "B": float("nan")}, "B must be finite"), ({"N": 1.5, "beta": 1.0}, "integer")],
)
def test_model_rejects_bad_parameters(kwargs: dict, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        XXChainModel(**kwargs)


def test_from_si_scales_energies() -> None:
    m = XXChainModel.from_si(N=3, J=2e-23, B0=2e-23, B=4e-23, J0=2e-24, temperature=1.0)
    assert m.B == pytest.approx(2.0) and m.J0 == pytest.approx(0.1)
    assert m.beta == pytest.approx(2e-23 / 1.380649e-23)


@pytest.mark.parametrize(
    ("rho", "match"),
    [(np.eye(2), "unit trace"), (np.array([[0.5, 0.5], [0.4, 0.5]]), "Hermitian"),
     (np.diag([1.5, -0.5]), "positive"), (np.eye(3) / 3, "2x2")],
)
def test_bad_density_matrices(rho: np.ndarray, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        as_density_matrix(rho, dim=2)


def test_pure_state_and_alpha_range() -> None:
    rho = pure_state(0.6)
    assert np.allclose(rho, [[0.36, 0.48], [0.48, 0.64]])
    with pytest.raises(ParameterError, match="alpha"):
        pure_state(1.2)


def test_exact_rejects_mismatched_dims() -> None:
    H_S, H_E = qt.sigmaz(), qt.tensor(qt.sigmaz(), qt.qeye(2))
    with pytest.raises(ParameterError, match="H_SE must be"):
        ExactErasure(H_S, H_E, qt.tensor(qt.sigmax(), qt.sigmax()), beta=1.0)
    with pytest.raises(ParameterError, match="Hermitian"):
        ExactErasure(H_S, qt.Qobj(np.array([[0, 1], [0, 0]])), qt.tensor(qt.sigmax(), qt.sigmax()), beta=1.0)


def test_R_and_bound_inputs() -> None:
    with pytest.raises(ParameterError, match="d"):
        reeb_wolf_R(0.5)
    with pytest.raises(ParameterError, match="exactly one"):
        reeb_wolf_R(2, log_d=1.0)
    assert reeb_wolf_bound(0.3, float("inf")) == 0.3
    # branch continuity at Delta S = 0
    R = reeb_wolf_R(4)
    assert abs(reeb_wolf_bound(1e-12, R) - reeb_wolf_bound(-1e-12, R)) < 1e-11


def test_erase_methods_agree_and_d_override() -> None:
    m = XXChainModel(N=1, beta=2.0)
    results = [erase(m, Jt=3.0, alpha=0.8, method=meth) for meth in ("exact", "free-fermion", "closed_form")]
    for r in results[1:]:
        assert abs(r.beta_heat - results[0].beta_heat) < 1e-12
        assert abs(r.B_RW - results[0].B_RW) < 1e-12
    assert results[0].phi is not None and abs(results[0].phi - results[1].phi) < 1e-12  # type: ignore[operator]
    r1 = erase(m, Jt=3.0, alpha=0.8, method="exact", d=1)
    assert r1.B_RW == pytest.approx(r1.delta_S)
    with pytest.raises(ParameterError, match="method"):
        erase(m, Jt=3.0, alpha=0.8, method="magic")
    with pytest.raises(ParameterError, match="exactly one"):
        erase(m, Jt=3.0)


def test_cli_erase_json_and_errors() -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["quantum", "erase", "--N", "4", "--beta", "10", "--alpha", "0.95", "--Jt", "5",
                              "--J0", "0.1", "--B", "1", "--B0", "1", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    for key in ("beta_Q", "B_Q", "S_final", "delta_S", "B_RW", "d", "mean_exp_minus_beta_Q", "abs_phi", "p"):
        assert key in out
    assert out["d"] == 16
    ff = json.loads(runner.invoke(cli, ["quantum", "erase", "--N", "4", "--beta", "10", "--alpha", "0.95",
                                        "--Jt", "5", "--method", "free-fermion", "--json"]).output)
    assert abs(ff["beta_Q"] - out["beta_Q"]) < 1e-9 and abs(ff["B_Q"] - out["B_Q"]) < 1e-9


def test_cli_bad_input_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from landauer.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["quantum", "erase", "--alpha", "2"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--alpha" in err and "must be <= 1" in err and "Traceback" not in err
