"""Property tests of the macrospin energetics: the first law per trajectory for random protocols,
damping, demagnetising factors and spin-transfer torque (Sekimoto, Prog. Theor. Phys. Suppl. 130, 17
(1998)); work is linear in the field change, W = -2 sigma sum m_k . dh_k; |m| = 1 is preserved."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.models.mtj.energy import axial_samples
from landauer.models.mtj.macrospin import ReducedMacrospin

fields = st.floats(-1.5, 1.5)


@settings(max_examples=15, deadline=None)
@given(
    sigma=st.floats(0.5, 30.0),
    alpha=st.floats(0.05, 2.0),
    hx=fields,
    hy=fields,
    hz=st.floats(-0.3, 0.3),
    nz=st.floats(0.0, 0.05),
    a0=st.floats(-0.2, 0.2),
    seed=st.integers(0, 2**31),
)
def test_first_law_per_trajectory(
    sigma: float, alpha: float, hx: float, hy: float, hz: float, nz: float, a0: float, seed: int
) -> None:
    system = ReducedMacrospin(zeta=2 * sigma, alpha=alpha, demag=(0.0, 0.0, nz), stt_a0=a0, stt_p2=0.4)
    prot = Protocol.start(hx=0.0, hy=0.0, hz=0.0).ramp(1.0, hx=hx, hz=hz).ramp(1.0, hy=hy).ramp(0.5, hx=0.0)
    n = 16
    ds = run(system.model(), prot, dynamics=system.dynamics(0.005), n_trajectories=n, seed=seed,
             x0=axial_samples(n, sigma=sigma, seed=seed), record=Record())
    W, Ws, Q, dE = (ds[k].values for k in ("W", "W_stt", "Q", "dE"))
    assert np.allclose(W + Ws - Q - dE, 0.0, atol=1e-9 * (1 + np.abs(W).max() + np.abs(Q).max()))
    assert np.allclose(np.linalg.norm(ds.x_final.values, axis=1), 1.0, atol=1e-12)
    if a0 == 0.0:
        assert np.all(Ws == 0.0)


@settings(max_examples=10, deadline=None)
@given(sigma=st.floats(1.0, 20.0), h=st.floats(-1.0, 1.0), seed=st.integers(0, 2**31))
def test_constant_field_does_no_work(sigma: float, h: float, seed: int) -> None:
    system = ReducedMacrospin(zeta=2 * sigma, alpha=0.5)
    ds = run(
        system.model(),
        Protocol.start(hx=h, hy=0.3).hold(2.0),
        dynamics=system.dynamics(),
        n_trajectories=8,
        seed=seed,
        x0=axial_samples(8, sigma=sigma, seed=seed),
    )
    assert np.all(ds.W.values == 0.0)
    assert np.allclose(ds.Q.values, -ds.dE.values, atol=1e-9)
