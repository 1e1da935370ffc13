"""The MTJ macrospin on the engine's sphere state space against the v1 private runner it replaced.

tests/data/mtj_v1_golden.npz holds v1 outputs (tests/data/mtj_v1_golden.md says how they were made):
37 trajectories, 300 steps through smooth and linear field ramps, with demagnetising factors, with
spin-transfer torque, and with stop at first passage (v1: ``absorb_my = 0``; v2: ``Stop(at_passage=True)``
with all trajectories starting in the m_y > 0 hemisphere, where the two rules coincide). The arithmetic
differs only in how the effective field is formed (v1: ``h - d m``; v2: ``-(dU/dm)/zeta`` from the model's
gradient), so trajectories and energetics agree to rounding: asserted at 1e-12 (relative to the largest
value); bits and passage steps exactly. Exception: v1's compiled kernel mis-accounted the spin-transfer
torque work (its W_stt, hence Q, disagreed with its own formula; in the undamped, cold limit it left 30 % of
dE as "heat", see test_stt_work_is_the_energy_change_without_damping in test_sphere_kernel.py), so with
STT only trajectories, W and dE are compared.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from landauer.engine import Protocol, Record, Stop, run
from landauer.models.mtj.macrospin import ReducedMacrospin

DATA = np.load(Path(__file__).parents[1] / "data" / "mtj_v1_golden.npz")
PROT = Protocol.start(hx=0.0, hy=0.0, hz=0.0).ramp(1.2, hx=0.9, hz=0.1, shape="smooth").ramp(0.9, hy=-0.6).hold(0.9)
CASES = {
    "plain": (ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.2, 0.0, 0.5)), False),
    "stt": (ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.0, 0.0, 0.05), stt_a0=0.15, stt_b=0.05, stt_p2=0.3), False),
    "passage": (ReducedMacrospin(zeta=8.0, alpha=0.3), True),
}


@pytest.mark.parametrize("case", list(CASES))
def test_sphere_engine_reproduces_v1_mtj_runner(case: str) -> None:
    system, stop = CASES[case]
    ds = run(system.model(), PROT, dynamics=system.dynamics(0.01), n_trajectories=37, seed=9, x0=DATA["m0"],
             record=Record(snapshots=(0.0, 1.0, 2.5), passage=True), stop=Stop(at_passage=stop))
    keys = ("x_final", "W", "dE", "x") if case == "stt" else ("x_final", "W", "Q", "dE", "W_stt", "x")
    for k in keys:
        want = DATA[f"{case}/{k}"]
        np.testing.assert_allclose(ds[k].values, want, rtol=0, atol=1e-12 * (1.0 + np.nanmax(np.abs(want))),
                                   err_msg=k)
    assert np.array_equal(ds["state_final"].values, DATA[f"{case}/state_final"])
    if stop:
        want = DATA[f"{case}/t_passage"]
        assert np.array_equal(np.isnan(ds["t_passage"].values), np.isnan(want))
        assert 0 < np.isfinite(want).sum() < want.size
        np.testing.assert_allclose(ds["t_passage"].values, want, rtol=1e-12)
