"""The aQFP dynamics points (``aqfp.cycle``, ``aqfp.ber``) and the sizing of the terminate measurement.

- ``aqfp.cycle`` is :func:`~landauer.models.aqfp.experiments.cycle_ensemble` seeded by
  ``spawn_seeds(master, .)[k]`` (bitwise), and a study through the runner stores exactly that;
- with ``target_se_kT`` it stops at the first batch whose SE of the mean work reaches the target;
- a bad ``bit`` is refused naming the key when the study is read, before anything runs;
- the per-point SE target of the paper's terminate sweep gives the fitted E_inf the requested SE: checked
  against the weighted fit of :func:`landauer.stats.fit_inverse_tau` on synthetic data (the SE of a
  weighted least-squares intercept does not depend on the data values, only on the weights).
"""

from __future__ import annotations

import numpy as np
import pytest

from landauer.stats import fit_inverse_tau, spawn_seeds
from landauer.sweep import get_point
from landauer.sweep.points import point_seed
from landauer.validation import ParameterError

FIXED = {"t_rise": 60.0, "temperature_K": 40.0}


def test_cycle_point_is_the_model_function_with_the_spawned_seed() -> None:
    from landauer.models.aqfp.experiments import cycle_ensemble
    from landauer.models.aqfp.params import AqfpParams

    spec = get_point("aqfp.cycle")
    ds = spec(spec.resolve({**FIXED, "trajectories": 8, "bit": False, "asym": 0.1, "keep_trajectories": True}),
              (5, 2))
    ref = cycle_ensemble(AqfpParams.supercritical(temperature=40.0), n_gates=1, t_rise=60.0, n_trajectories=8,
                         seed=spawn_seeds(5, 3)[2], sink=False, data_value=-1, asym=0.1)
    np.testing.assert_array_equal(ds["W"].values, ref["W"].values)
    w = ref["W"].values
    assert float(ds.mean_work) == pytest.approx(w.mean(), rel=1e-12)
    assert float(ds.mean_work_se) == pytest.approx(w.std(ddof=1) / np.sqrt(8), rel=1e-12)
    assert float(ds.trajectories_run) == 8


def test_cycle_point_adaptive_stops_at_the_target() -> None:
    spec = get_point("aqfp.cycle")
    target = 0.6
    ds = spec(spec.resolve({**FIXED, "trajectories": 6, "target_se_kT": target, "max_trajectories": 600}), (3, 0))
    k = int(ds.batches)
    assert float(ds.converged) == 1.0 and float(ds.mean_work_se) <= target
    assert float(ds.trajectories_run) == 6 * k
    if k > 1:  # the same seeds: the first k - 1 batches had not reached the target
        w = np.concatenate([spec.func(spec.resolve(FIXED), 6, point_seed((3, 0, j)))["W"].values
                            for j in range(k - 1)])
        assert w.std(ddof=1) / np.sqrt(w.size) > target


def test_cycle_point_refuses_bad_bit_before_running() -> None:
    spec = get_point("aqfp.cycle")
    with pytest.raises(ParameterError, match="bit: must be true or false"):
        spec.resolve({**FIXED, "trajectories": 2, "bit": 0})


@pytest.mark.parametrize("mode", ["quick", "full"])
def test_terminate_sizing_reaches_the_target(mode: str) -> None:
    from landauer.papers._aqfp_dynamics import SE_MARGIN, TERMINATE_FULL, TERMINATE_QUICK, per_data_target

    plan = TERMINATE_QUICK if mode == "quick" else TERMINATE_FULL
    t_rises, target = plan.t_rises, plan.target_se
    s_d = per_data_target(t_rises, target)
    s = np.full(len(t_rises), s_d / np.sqrt(2))  # mean of two independent data values
    rng = np.random.default_rng(0)
    fit = fit_inverse_tau(np.asarray(t_rises), 0.7 + 700 / np.asarray(t_rises) + rng.normal(0, s), s)
    assert fit.intercept_se == pytest.approx(SE_MARGIN * target, rel=1e-9)
