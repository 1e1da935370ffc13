"""Jarzynski for BAOAB needs the shadow work: a check that fails if W_shadow is dropped or wrong.

Sivak, Chodera, Crooks, PRX 3, 011007 (2013): for the discretised Langevin dynamics started in the exact
Boltzmann distribution, <exp(-(W + W_shadow)/kT)> = exp(-Delta F/kT) holds exactly at any dt, while the
protocol work alone does not satisfy it. Stiffened trap U = k/2 x^2, k: 1 -> 4 over t = 4 (Delta F =
kT ln 2), BAOAB at dt = 0.25 (omega dt = 0.5 at the end), light friction 0.1 so that the kinetic energy
matters. Measured with 2e5 trajectories and two seeds: with shadow work +1.1 and +0.6 SE from 1/2,
without it -5.1 and -5.4 SE; here 4e5 trajectories (seed 101): 0.50077 +- 0.00044 (+1.7 SE) with, 0.49693 +- 0.00044 (-6.9 SE)
without. Assertions: with the
shadow work within 4 SE, without it more than 5 SE away (the first law W + W_shadow = dE + Q is the
bookkeeping identity tested elsewhere; this test checks the physics of the shadow term).
"""

import warnings

import numpy as np

from engine_models import HARMONIC
from landauer import bounds
from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin, run

N = 400_000


def test_baoab_jarzynski_at_coarse_dt_needs_shadow_work() -> None:
    prot = Protocol.start(k=1.0, c=0.0).ramp(4.0, k=4.0)
    target = 0.5  # exp(-Delta F/kT), Delta F = (kT/2) ln(4/1)
    x0 = np.random.default_rng(1).normal(0.0, 1.0, size=(N, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "dt is coarse": on purpose
        ds = run(HARMONIC, prot, dynamics=Langevin(kT=1.0, dt=0.25, integrator="baoab", mass=1.0, friction=0.1),
                 n_trajectories=N, seed=101, x0=x0)
    full = bounds.mean_exp((ds.W + ds.W_shadow).values)
    protocol_only = bounds.mean_exp(ds.W.values)
    assert abs(full.value - target) < 4 * full.stderr, full
    assert abs(protocol_only.value - target) > 5 * protocol_only.stderr, protocol_only
    assert float(np.std(ds.W_shadow.values)) > 0.03  # the shadow work is not negligible at this dt
