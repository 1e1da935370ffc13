"""Spin-transfer torque beyond the first law: the T -> 0 switching thresholds and the field-like term.

Slonczewski torque with polarisation e = +y (the easy axis), h_stt = a_J (m x e) + b_J e with
a_J = a0 / (1 + P^2 m.e) (landauer.engine.sphere). Linearising the LLG around m = s e (s = +-1) with the
uniaxial anisotropy field h_K = 1 gives small deviations growing at (-alpha + s' a_J(s)) / (1 + alpha^2),
so the state s loses stability when |a0| exceeds alpha (1 + P^2 s), for the sign of a0 that pushes away
from it (Sun, PRB 62, 570 (2000); Slonczewski, JMMM 159, L1 (1996)). The P and AP thresholds differ by
(1 + P^2)/(1 - P^2) = 2.125 at P^2 = 0.36, so the test also checks the angular dependence of a_J.
Deterministic limit: zeta = 1e6 (kT = 1e-6 of the Zeeman scale); start 0.02 rad off the axis; 0.9x and
1.1x the threshold must give opposite outcomes within t = 600 (the growth rate at 1.1x is 0.04, so the
deviation grows by e^24). The field-like term b_J e must act exactly as an applied field b_J along y.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from landauer.engine.protocol import Protocol
from landauer.engine.simulate import run
from landauer.models.mtj.macrospin import ReducedMacrospin

ALPHA, P2 = 0.5, 0.36


def _final_my(s: int, a0: float, *, b: float = 0.0, hy: float = 0.0, t: float = 600.0) -> np.ndarray:
    sysm = ReducedMacrospin(zeta=1e6, alpha=ALPHA, stt_a0=a0, stt_b=b, stt_p2=P2)
    m0 = np.repeat(np.array([[0.02, s * np.sqrt(1 - 0.02**2), 0.0]]), 2, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = run(sysm.model(), Protocol.start(hx=0.0, hy=hy, hz=0.0).hold(t), dynamics=sysm.dynamics(0.01),
                 n_trajectories=2, seed=1, x0=m0)
    return np.asarray(ds.x_final.values)


@pytest.mark.parametrize("s", [1, -1])
def test_damping_like_threshold(s: int) -> None:
    a_c = ALPHA * (1 + P2 * s)
    push = -s  # a0 > 0 destabilises the antiparallel state (m = -e), a0 < 0 the parallel one
    assert np.all(_final_my(s, push * 0.9 * a_c)[:, 1] * s > 0.99)  # stays
    assert np.all(_final_my(s, push * 1.1 * a_c)[:, 1] * s < -0.99)  # switches
    assert np.all(_final_my(s, -push * 1.1 * a_c)[:, 1] * s > 0.99)  # the other sign only stabilises


def test_p2_asymmetry_of_thresholds() -> None:
    """1.1x the AP threshold alpha (1 - P^2) is below the P threshold alpha (1 + P^2): P must not switch."""
    a_ap = ALPHA * (1 - P2)
    assert np.all(_final_my(1, -1.1 * a_ap)[:, 1] > 0.99)


def test_field_like_term_is_an_applied_field() -> None:
    a = _final_my(1, 0.0, b=-0.3, t=5.0)
    b = _final_my(1, 0.0, hy=-0.3, t=5.0)
    np.testing.assert_allclose(a, b, atol=1e-9)
    assert np.max(np.abs(a - _final_my(1, 0.0, t=5.0))) > 1e-3  # and it does act
