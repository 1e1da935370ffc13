"""MTJ seeding and the ``mtj.reset`` sweep point.

Every random stream of the MTJ code derives from (master seed, index) by ``numpy.random.SeedSequence``
spawning (``landauer.stats.spawn_seeds`` / ``child_seed``), never by seed offsets: duration j of
``reset.sweep``, device j of the MOKE pipeline, device k of the synthetic MOKE generator. The sweep
point is a faithful wrapper of ``run_reset`` + ``summarize`` (same numbers for the same seed), in SI or in
reduced stage time, and its adaptive mode stops at the SE target or at the cap.
"""

from __future__ import annotations

import pytest

from landauer.models.mtj import moke
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams
from landauer.models.mtj.reset import ResetProtocol, run_reset, summarize, sweep
from landauer.stats import child_seed, spawn_seeds
from landauer.sweep import get_point, point_seed
from landauer.validation import ParameterError

SYSTEM = ReducedMacrospin.from_params(MTJParams(alpha=1.0))


def test_sweep_duration_j_uses_child_seed_j() -> None:
    taus = [2.0, 3.0]
    ds = sweep(SYSTEM, ResetProtocol(), taus, n_trajectories=[8, 12], seed=5)
    for j, (tau, n) in enumerate(zip(taus, (8, 12), strict=True)):
        s = summarize(run_reset(SYSTEM, ResetProtocol(tau_stage=tau), n_trajectories=n, seed=child_seed(5, j)), tau)
        assert float(ds.mean_W[j]) == s.mean_W and int(ds.n[j]) == n
    # adding durations leaves the earlier ones unchanged (spawned children are keyed by their index)
    head = sweep(SYSTEM, ResetProtocol(), taus[:1], n_trajectories=8, seed=5)
    assert float(head.mean_W[0]) == float(ds.mean_W[0])
    assert child_seed(5, 1) == spawn_seeds(5, 2)[1] != 5 + 1
    with pytest.raises(ParameterError, match="n_trajectories"):
        sweep(SYSTEM, ResetProtocol(), taus, n_trajectories=[8], seed=5)


def test_reset_point_wraps_run_reset() -> None:
    spec = get_point("mtj.reset")
    p = spec.resolve({"tau_stage_t0": 3.0, "trajectories": 16})
    out = spec(p, (11, 2))
    ref = summarize(run_reset(SYSTEM, ResetProtocol(tau_stage=3.0), n_trajectories=16, seed=point_seed((11, 2))), 3.0)
    # equal up to rounding: the point builds the device from SI inputs (50 nm -> 5.0000000000000004e-08 m)
    assert float(out.mean_W) == pytest.approx(ref.mean_W, rel=1e-12)
    assert float(out.se_W) == pytest.approx(ref.se_W, rel=1e-12)
    assert float(out.eps_hat) == ref.eps_hat and float(out.tau_reduced) == 3.0
    assert point_seed((11, 2)) == child_seed(11, 2)  # point k of a study = spawn_seeds(master, .)[k]
    # the SI input gives the same reduced duration
    t0 = MTJParams(alpha=1.0).t0
    si = spec(spec.resolve({"stage_time_ns": 3.0 * t0 * 1e9, "trajectories": 4}), (11, 2))
    assert float(si.tau_reduced) == pytest.approx(3.0, rel=1e-12)


def test_reset_point_adaptive_stops_at_target_or_cap() -> None:
    spec = get_point("mtj.reset")
    # tau_s = 5 t0: <W> ~ 20 kT with SD ~ 4 kT, so 64 trajectories give SE ~ 0.5 kT
    out = spec(spec.resolve({"tau_stage_t0": 5.0, "trajectories": 64, "target_se_kT": 0.4}), (3, 0))
    n = int(out.trajectories_run)
    assert float(out.converged) == 1.0 and float(out.se_W) <= 0.4
    assert n == 64 * int(out.batches) and n > 64
    capped = spec(spec.resolve({"tau_stage_t0": 5.0, "trajectories": 64, "target_se_kT": 0.01,
                                "max_trajectories": 100}), (3, 0))
    assert float(capped.converged) == 0.0 and int(capped.trajectories_run) == 100
    assert float(capped.batches) == 2.0


def test_moke_device_j_uses_child_seed_j() -> None:
    meta = moke.MokeMetadata.synthetic_default()
    files = moke.shipped_files()
    res = moke.run_pipeline(files, meta, n_draws=200, seed=9)
    groups = list(moke.pair_files(list(files)).values())
    for j in (0, 3):
        r = moke.device_energy(moke.read_loop(groups[j]["easy"]), moke.read_loop(groups[j]["hard"]), meta,
                               n_draws=200, seed=child_seed(9, j))
        assert res["devices"][j]["E_signed_zJ_err"] == r["E_signed_err_J"] / 1e-21
