"""Optimised MTJ reset (issue 13 item 5): the problem's baseline is the paper's four-stage reset, and a short
optimisation of the (h_x, h_y) schedules beats it on an independent ensemble while respecting the
error-corrected Landauer bound W_min(eps) = ln 2 + eps ln eps + (1 - eps) ln(1 - eps) (Esposito & Van den
Broeck, EPL 95, 40004 (2011)) within 3 SE."""

from __future__ import annotations

import json

import numpy as np
import pytest

from landauer.bounds import erasure_with_error
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.reset import ResetProtocol, run_reset, summarize
from landauer.optimise import optimise
from landauer.optimise.mtj import default_params, reset_problem
from landauer.validation import ParameterError


def test_baseline_is_the_four_stage_reset_on_the_same_seed() -> None:
    """Problem.run (optimiser path: initial sampler + run_ensemble) against run_reset (paper path) on one
    seed: the same initial states, noise and protocol give the same per-trajectory works and bits."""
    tau, n, seed = 40.0, 200, 7
    pr = reset_problem(tau=tau)
    ens = pr.run(pr.baseline, n=n, seed=seed)
    ds = run_reset(ReducedMacrospin.from_params(default_params()), ResetProtocol(tau_stage=tau / 4.0),
                   n_trajectories=n, seed=seed, dtau=pr.dynamics.dt)
    s = summarize(ds, tau / 4.0)
    np.testing.assert_allclose(ens.work, ds["W"].values, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ens.state_final, ds["state_final"].values)
    assert float(ens.work.mean()) == pytest.approx(s.mean_W, rel=1e-12)
    assert pr.error_rate(ens) == pytest.approx(s.eps_hat, abs=1e-15)
    assert pr.bound is not None and pr.bound(ens, tau) == pytest.approx(s.W_min_eps, rel=1e-12)


def test_baseline_lies_in_the_five_knot_family() -> None:
    pr = reset_problem(tau=40.0, knots=5)
    fam = pr.family
    v = fam.values_of(pr.baseline)
    np.testing.assert_allclose(v[:, 0], [0.0, 1.5, 1.5, 0.0, 0.0], atol=1e-6)
    np.testing.assert_allclose(v[:, 1], [0.0, 0.0, 0.3, 0.3, 0.0], atol=1e-6)
    t = np.linspace(0.0, 40.0, 97)[1:-1]
    np.testing.assert_allclose(fam.protocol_from_values(v).values_at(t), pr.baseline.values_at(t), atol=1e-6)


def test_short_optimisation_beats_the_four_stage_reset_above_the_bound() -> None:
    """tau = 20 t0 (5 t0 per stage: the four-stage excess is ~26 kT): a 60-evaluation CRN search, then a
    fresh paired evaluation."""
    pr = reset_problem(tau=20.0, error_target=0.005)
    r = optimise(pr, n=100, seed=3, eval_n=1000, eval_seed=4, max_evaluations=60)
    msg = json.dumps({k: v for k, v in r.as_dict().items() if k != "protocol"}, default=str)
    opt = r.optimum
    assert opt.bound is not None
    assert opt.bound == pytest.approx(float(erasure_with_error(min(opt.error_rate, 0.5))))
    assert r.gain < -3 * r.gain_se, msg  # cheaper than the paper's protocol, paired
    assert opt.work >= opt.bound - 3 * opt.work_se, msg  # second law with errors
    assert opt.error_rate <= 0.01 + 3 * opt.error_rate_se, msg
    assert r.baseline.work - r.baseline.bound > 10.0, msg  # the duration is in the regime the brief asks for


@pytest.mark.parametrize(("kw", "needle"), [
    ({"hx_bounds": (0.5, 2.0)}, "hx_bounds"),
    ({"hy_bounds": (-0.5, 0.2)}, "outside the bounds"),
    ({"dt": 0.2}, "dt"),
    ({"error_target": 1.5}, "error target"),
    ({"tau": -1.0}, "tau"),
])
def test_bad_input(kw: dict, needle: str) -> None:
    args = {"tau": 20.0, **kw}
    with pytest.raises(ParameterError, match=needle):
        reset_problem(**args)


def test_cli_mtj_json(tmp_path) -> None:  # noqa: ANN001
    """``landauer optimise --device mtj`` in-process: JSON keys of the issue and a written file."""
    from click.testing import CliRunner

    from landauer.cli import cli

    out = tmp_path / "mtj.json"
    r = CliRunner().invoke(cli, ["optimise", "--device", "mtj", "--tau", "20", "-n", "50", "--max-evaluations",
                                 "8", "--eval-trajectories", "200", "--json", "--no-progress", "--out", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text())
    for k in ("work_kT", "work_se_kT", "baseline_work_kT", "baseline_work_se_kT", "bound_kT", "error_rate"):
        assert np.isfinite(d[k]), k
    assert d["error_target"] == 0.01
    assert set(d["protocol"]) == {"knot_times", "hx", "hy"}
