"""Results for a fixed seed do not depend on the number of threads, on how a run is cut into time
segments, or on the lane block a trajectory lands in (specs/core.md 3, 4.9; issue 10: per-trajectory
streams keyed by (seed, j), rejections replayed in stream order)."""

import numba
import numpy as np
import pytest

from landauer.engine import simulate
from landauer.engine.record import Record, Stop
from landauer.engine.simulate import Langevin, run
from landauer.models.double_well import DoubleWellParams, erasure_protocol


def _run(threads: int):
    before = numba.get_num_threads()
    numba.set_num_threads(threads)
    try:
        return run(DoubleWellParams().model(), erasure_protocol(DoubleWellParams(), tau=0.2),
                   dynamics=Langevin(kT=1.0, dt=2e-4), n_trajectories=3000, seed=4, x0=np.zeros(1))
    finally:
        numba.set_num_threads(before)


def test_one_thread_equals_all_threads():
    a = _run(1)
    b = _run(numba.config.NUMBA_NUM_THREADS)
    np.testing.assert_array_equal(a.W.values, b.W.values)
    np.testing.assert_array_equal(a.x_final.values, b.x_final.values)
    assert np.unique(a.W.values).size == a.W.size  # trajectories are genuinely different


@pytest.mark.parametrize("integrator", ["overdamped-lm", "baoab"])
def test_segments_blocks_and_threads_do_not_change_results(monkeypatch, integrator):
    """67 trajectories (one full and one partial block of 64 lanes), 173 steps (odd), stop at passage:
    cut into segments of 5 steps on one thread, and in one segment on all threads."""
    params = DoubleWellParams(barrier_kT=3.0, tilt_kT=3.0)
    prot = erasure_protocol(params, tau=0.4)
    x0 = np.random.default_rng(3).normal(0.0, 1.0, size=(67, 1))
    dyn = Langevin(kT=1.0, dt=0.4 / 173, integrator=integrator, friction=3.0)
    kw = dict(dynamics=dyn, seed=5, record=Record(snapshots=(0.1, 0.3), passage=True), stop=Stop(at_passage=True))
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        monkeypatch.setattr(simulate, "_segment_steps", lambda n, ndim, nsteps: 5)
        a = run(params.model(), prot, n_trajectories=67, x0=x0, **kw)
        monkeypatch.undo()
        monkeypatch.setattr(simulate, "SERIAL_BELOW", 0)  # small runs stay on one thread unless told
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        b = run(params.model(), prot, n_trajectories=67, x0=x0, **kw)
    finally:
        numba.set_num_threads(before)
    stopped = np.isfinite(a.t_passage.values)
    assert 0 < stopped.sum() < 67  # both stopped and running lanes are exercised
    for v in ("W", "Q", "dE", "x_final", "x", "t_passage", "state_final"):
        np.testing.assert_array_equal(a[v].values, b[v].values, err_msg=v)
