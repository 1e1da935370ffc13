"""Knot families: parameter layout, bounds, and the engine's accounting of a jump."""

from __future__ import annotations

import numpy as np
import pytest

from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.gaussian import harmonic_mean_work
from landauer.validation import ParameterError


def _drag(knots: int = 4, **kw: bool) -> KnotFamily:
    return KnotFamily(tau=2.0, knots=knots, controls=(ControlSpec("centre", 0.0, 5.0, -2.0, 8.0, **kw),))


def test_free_parameters_and_round_trip() -> None:
    assert _drag().n_free == 4
    assert _drag(jump_start=False, jump_end=False).n_free == 2
    fam = _drag()
    v = np.array([[1.0], [2.0], [3.5], [4.0]])
    np.testing.assert_allclose(fam.values(fam.theta_from_values(v)), v, atol=1e-12)


def test_pinned_end_points_without_jumps() -> None:
    fam = _drag(jump_start=False, jump_end=False)
    v = fam.values(np.full(fam.n_free, 0.3))
    assert v[0, 0] == 0.0 and v[-1, 0] == 5.0
    np.testing.assert_allclose(v[1:-1, 0], -2.0 + 0.3 * 10.0)


def test_protocol_has_jumps_at_both_ends() -> None:
    fam = _drag()
    p = fam.protocol(fam.theta_from_values(np.array([[1.0], [2.0], [3.0], [4.0]])))
    assert p.value(0.0)["centre"] == 0.0
    assert p.value(2.0)["centre"] == 5.0
    assert abs(p.value(1e-6)["centre"] - 1.0) < 1e-5
    assert abs(p.value(2.0 - 1e-6)["centre"] - 4.0) < 1e-5


def test_bad_family_is_rejected() -> None:
    with pytest.raises(ParameterError, match="knots"):
        KnotFamily(tau=1.0, knots=1, controls=(ControlSpec("c", 0, 1, 0, 1),))
    with pytest.raises(ParameterError, match="lower bound"):
        ControlSpec("c", 0, 1, 2, 1)
    with pytest.raises(ParameterError, match="theta"):
        _drag().values(np.zeros(3))


def test_start_jump_work_is_charged_exactly() -> None:
    """A jump of the centre by j from equilibrium costs <(x - j)^2 - x^2>/2 = j^2/2 (k = kT = 1)."""
    j = 1.3
    fam = KnotFamily(tau=1.0, knots=2, controls=(ControlSpec("centre", 0.0, j, -3.0, 3.0, jump_end=False),))
    p = fam.protocol(fam.theta_from_values(np.array([[j], [j]])))
    w, m, v = harmonic_mean_work(p, dt=1e-3, scheme="exact")
    assert abs(w - j**2 / 2) < 1e-9
    # then the mean relaxes as j (1 - e^{-t}) (mu k = 1) and the variance stays at kT/k = 1
    assert abs(m - j * (1 - np.exp(-1.0))) < 1e-3 and abs(v - 1.0) < 1e-9


def test_engine_charges_the_jump_per_trajectory() -> None:
    """The engine's work of a pure start jump is U(x0; j) - U(x0; 0) for every trajectory (deterministic)."""
    from landauer.optimise import problems

    j = 1.3
    pr = problems.harmonic_drag(tau=0.05, lam_f=j, knots=2)
    fam = pr.family
    p = fam.protocol(fam.theta_from_values(np.array([[j], [j]])))
    x0 = pr.initial(64, 3)
    ens = pr.run(p, n=64, seed=3, x0=x0)
    np.testing.assert_allclose(ens.work, 0.5 * ((x0[:, 0] - j) ** 2 - x0[:, 0] ** 2), atol=1e-9)
