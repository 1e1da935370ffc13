"""Compiled kernels against the plain-NumPy reference integrators, fed the kernels' own noise.

Same steps must give the same trajectories to rounding (DESIGN.md principle 7). The reference accumulates
the heat step by step, so this is also the per-trajectory first law W = dE + Q (overdamped, underdamped
Euler) and W + W_shadow = dE + Q (BAOAB) checked against an independent accumulation (specs/core.md 1).
"""

import numpy as np
import pytest

from landauer.engine import reference as ref
from landauer.engine.rng import seed_key
from landauer.engine.simulate import Langevin, run
from landauer.models.double_well import DoubleWellParams, erasure_protocol

N = 40
DT = 2e-3


@pytest.mark.parametrize("integrator", ["overdamped-euler", "overdamped-lm", "baoab", "underdamped-euler"])
def test_kernel_equals_reference(integrator):
    params = DoubleWellParams(barrier_kT=3.0, tilt_kT=3.0)
    model = params.model()
    prot = erasure_protocol(params, tau=0.4)
    x0 = np.random.default_rng(1).normal(size=(N, 1))
    dyn = Langevin(kT=1.0, dt=DT, integrator=integrator, mass=1.0, friction=3.0)
    ds = run(model, prot, dynamics=dyn, n_trajectories=N, seed=9, x0=x0)
    lam = prot.with_controls(model.controls, model.defaults).table(DT)
    nsteps = lam.shape[0] - 1
    if integrator.startswith("overdamped"):
        lm = integrator == "overdamped-lm"
        noise = ref.kernel_noise(seed_key(9), N, nsteps + lm, 1)
        r = ref.overdamped_euler(model, x0, lam, dt=DT, mobility=np.ones(1), kT=1.0, noise=noise,
                                 leimkuhler_matthews=lm)
    else:
        raw = ref.kernel_noise(seed_key(9), N, nsteps + 1, 1)
        p0 = raw[0].T.copy()  # the kernels draw Maxwell momenta first: p = sqrt(m kT) z
        fn = ref.baoab if integrator == "baoab" else ref.underdamped_euler
        r = fn(model, x0, p0, lam, dt=DT, mass=np.ones(1), friction=3 * np.ones(1), kT=1.0,
               noise=raw[1:])
    scale = 1.0 + np.abs(r.W).max()
    np.testing.assert_allclose(ds.x_final.values, r.x, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ds.W.values, r.W, rtol=0, atol=1e-9 * scale)
    np.testing.assert_allclose(ds.Q.values, r.Q, rtol=0, atol=1e-9 * scale)
    np.testing.assert_allclose(ds.W_shadow.values, r.W_shadow, rtol=0, atol=1e-9 * scale)
    # first law per trajectory, kernel and reference
    np.testing.assert_allclose(ds.W + ds.W_shadow, ds.dE + ds.Q, rtol=0, atol=1e-10 * scale)
    np.testing.assert_allclose(r.W + r.W_shadow, r.dE + r.Q, rtol=0, atol=1e-10 * scale)
    assert np.abs(r.W).max() > 0.1  # the protocol does work
