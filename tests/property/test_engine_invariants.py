"""Hypothesis property tests of the engine's invariants (specs/core.md 1; DESIGN.md 'Tests')."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_models import DOUBLE_WELL
from landauer import bounds
from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin, run

# the quartic coefficient a is a fixed param (drawn per example); the controls b, f are ramped

controls = st.tuples(st.floats(0.5, 4.0), st.floats(-4.0, 6.0), st.floats(-3.0, 3.0))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=controls, end=controls, duration=st.floats(0.05, 0.5),
       integrator=st.sampled_from(["overdamped-euler", "overdamped-lm", "baoab", "underdamped-euler"]),
       seed=st.integers(0, 2**32))
def test_first_law_per_trajectory(start, end, duration, integrator, seed):
    a0, b0, f0 = start
    a1, b1, f1 = end
    model = DOUBLE_WELL.with_params(a=a0)
    prot = Protocol.start(b=b0, f=f0).ramp(duration, b=b1, f=f1).hold(duration / 2)
    ds = run(model, prot, dynamics=Langevin(kT=1.0, dt=duration / 400, integrator=integrator, friction=2.0),
             n_trajectories=16, seed=seed, x0=np.linspace(-1.5, 1.5, 16)[:, None])
    lhs = ds.W + ds.W_shadow
    rhs = ds.dE + ds.Q
    scale = 1.0 + float(np.abs(ds.W).max() + np.abs(ds.Q).max())
    assert float(np.abs(lhs - rhs).max()) < 1e-10 * scale
    # no work is charged while the controls are held: a pure hold does zero work
    hold = run(DOUBLE_WELL.with_params(a=a1), Protocol.start(b=b1, f=f1).hold(duration),
               dynamics=Langevin(kT=1.0, dt=duration / 200, integrator=integrator, friction=2.0),
               n_trajectories=4, seed=seed, x0=np.zeros(1))
    assert np.all(hold.W.values == 0.0)


@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=8), st.data())
def test_logical_maps_never_cost_more_than_the_input_entropy(weights, data):
    w = np.asarray(weights) + 1e-3
    p = w / w.sum()
    mapping = np.asarray(data.draw(st.lists(st.integers(0, len(p) - 1), min_size=len(p), max_size=len(p))))
    cost = bounds.logical_map_cost(mapping, p)
    assert -1e-12 <= cost <= bounds.shannon_entropy(p) + 1e-12


@given(st.floats(0.0, 1.0))
def test_error_corrected_bound_is_symmetric_and_below_landauer(eps):
    v = bounds.erasure_with_error(eps)
    assert abs(v - bounds.erasure_with_error(1 - eps)) < 1e-12
    assert -1e-15 <= v <= np.log(2) + 1e-15


@given(st.lists(st.tuples(st.floats(0.01, 2.0), st.floats(-2, 2)), min_size=1, max_size=5),
       st.floats(0.1, 5.0))
def test_protocol_reverse_and_stretch_are_consistent(stages, factor):
    p = Protocol.start(c=0.0)
    for d, v in stages:
        p = p.ramp(d, c=v)
    t = np.linspace(0, p.duration, 11)
    np.testing.assert_allclose(p.reversed().reversed().values_at(t), p.values_at(t), atol=1e-12)
    np.testing.assert_allclose(p.stretched(factor).values_at(t * factor), p.values_at(t), atol=1e-12)
