"""Results for a fixed seed do not depend on the number of threads (specs/core.md 3, 4.9)."""

import numba
import numpy as np

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
