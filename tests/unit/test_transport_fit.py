"""Fitting: malformed CSV files give clear errors; a synthetic data set is recovered within errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from landauer.models.transport.fit import IVData, fit_iv, load_iv_csv, model_current_nA
from landauer.models.transport.params import paper_params
from landauer.validation import ParameterError


def _write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "d.csv"
    f.write_text(text)
    return f


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty file"),
        ("state,V,I\nP,1,2\n", "missing column(s) V_mV, I_nA"),
        ("state,V_mV,I_nA\nX,1,2\nP,2,3\nP,3,4\n", "line 2: state must be P or AP"),
        ("state,V_mV,I_nA\nP,1,abc\nP,2,3\nP,3,4\n", "line 2: column I_nA is not a number"),
        ("state,V_mV,I_nA\nP,1,nan\nP,2,3\nP,3,4\n", "line 2: column I_nA is not finite"),
        ("state,V_mV,I_nA,sigma_nA\nP,1,2,0\nP,2,3,1\nP,3,4,1\n", "sigma_nA must be > 0"),
        ("state,V_mV,I_nA\nP,1\n", "line 2: expected 3 fields"),
        ("state,V_mV,I_nA\nP,1,2\n", "at least 3 data rows"),
    ],
)
def test_malformed_csv(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ValueError) as exc:
        load_iv_csv(_write(tmp_path, text))
    assert needle in str(exc.value)


def test_csv_roundtrip_with_comments(tmp_path: Path) -> None:
    d = load_iv_csv(_write(tmp_path, "# note\nstate,V_mV,I_nA\nP,1,2\nap,2,3\nP,3,4\n"))
    assert d.states == ["P", "AP"] and d.sigma_nA is None
    np.testing.assert_array_equal(d.V_mV, [1, 2, 3])


def test_bad_fit_parameter_names() -> None:
    d = IVData(np.array(["P"] * 5), np.linspace(-1, 1, 5), np.zeros(5))
    with pytest.raises(ParameterError, match="unknown fit parameter"):
        fit_iv(d, free=("nope",), n_starts=1)
    with pytest.raises(ValueError, match="cannot determine"):
        fit_iv(IVData(np.array(["P"] * 2), np.array([0.0, 1.0]), np.zeros(2)),
               free=("sp", "e0_P", "SP"), n_starts=1)


def test_synthetic_recovery_within_standard_errors() -> None:
    """Data from known parameters + Gaussian noise (fixed seed): each estimate within 4 sigma of the
    truth, and chi^2 within 5 of its standard deviations sqrt(2 dof) of dof."""
    rng = np.random.default_rng(7)
    v = np.linspace(-8, 8, 31)
    states = np.array(["P"] * v.size + ["AP"] * v.size)
    vv = np.concatenate([v, v])
    base = {s: paper_params(s) for s in ("P", "AP")}
    truth = {"sp": 8.4, "e0_P": -2.5, "e0_AP": 0.85}
    clean = model_current_nA(truth, base, IVData(states, vv, np.zeros(vv.size)))
    sigma = np.full(vv.size, 0.002)
    data = IVData(states, vv, clean + sigma * rng.normal(size=vv.size), sigma)
    start = {s: paper_params(s, sp=6.0, e0=0.0) for s in ("P", "AP")}
    res = fit_iv(data, base=start, free=tuple(truth), n_starts=2, seed=1)
    for k, val in truth.items():
        assert abs(res.values[k] - val) < 4 * res.stderr[k], (k, res.values[k], res.stderr[k])
        assert res.stderr[k] > 0
    assert abs(res.chi2 - res.dof) < 5 * np.sqrt(2 * res.dof)
    assert res.valid and not res.at_bounds
    assert res.correlation.shape == (3, 3)
