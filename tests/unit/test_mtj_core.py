"""Unit tests of the MTJ macrospin: parameters, energy, the engine's sphere kernel against its NumPy twin."""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.constants import landauer_bound
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.engine.sphere_reference import reference_run
from landauer.models.mtj.energy import (
    axial_mean,
    axial_samples,
    effective_field,
    great_circle_barrier,
    reduced_energy,
    transverse_barrier,
)
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams
from landauer.validation import ParameterError


def test_default_parameters_match_spec_table() -> None:
    p = MTJParams()
    assert p.K == pytest.approx(4.4e4)
    assert p.Hk == pytest.approx(6.366e4, rel=1e-3)
    assert p.volume == pytest.approx(1.767e-24, rel=1e-3)
    assert p.sigma == pytest.approx(18.8, abs=0.05)
    assert p.gamma == pytest.approx(1.76086e11, rel=1e-5)
    assert p.t0 == pytest.approx(71e-12, rel=0.01)
    assert p.t_rel == pytest.approx(7.1e-9, rel=0.01)
    assert p.tau_N == pytest.approx(133e-9, rel=0.01)
    assert landauer_bound(300.0) / 1e-21 == pytest.approx(2.871, abs=1e-3)
    assert MTJParams.with_sigma(40.0).diameter == pytest.approx(73e-9, rel=0.01)
    assert MTJParams(t_dead=0.0).sigma == pytest.approx(25.0, abs=0.1)
    assert MTJParams.from_anisotropy_constant(K=4.4e4).mu0_Hk == pytest.approx(0.08)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"Ms": -1.0}, "Ms"),
        ({"temperature": 0.0}, "temperature"),
        ({"t_dead": 2e-9}, "t_dead"),
        ({"alpha": float("nan")}, "alpha"),
        ({"demag": (0.5, 0.5, 0.5)}, "demag"),
        ({"polarization": 1.0}, "polarization"),
    ],
)
def test_invalid_parameters_name_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ParameterError, match=field):
        MTJParams(**kwargs)


def test_effective_field_is_minus_energy_gradient() -> None:
    rng = np.random.default_rng(0)
    m = rng.normal(size=3)
    h = rng.normal(size=3)
    d = np.array([0.1, 0.0, 0.7])
    sigma = 4.0
    grad = np.array(
        [
            (
                reduced_energy(m + 1e-6 * e, h, sigma=sigma, demag=d)
                - reduced_energy(m - 1e-6 * e, h, sigma=sigma, demag=d)
            )
            / 2e-6
            for e in np.eye(3)
        ]
    )
    assert np.allclose(effective_field(m, h, demag=d), -grad / (2 * sigma), atol=1e-7)


def test_barriers() -> None:
    for hx in (0.0, 0.3, 0.8):
        assert great_circle_barrier(hx, 0.0) == pytest.approx(float(transverse_barrier(hx)), abs=1e-6)
    assert great_circle_barrier(0.0, 0.3) == pytest.approx((1 + 0.3) ** 2, abs=1e-6)  # out of the lower well
    assert great_circle_barrier(1.2, 0.0) == 0.0


def test_axial_samples_hemisphere_and_norm() -> None:
    m = axial_samples(2000, sigma=10.0, seed=1, hemisphere=1)
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0)
    assert np.all(m[:, 1] >= 0)
    x = 1 - m[:, 1]
    exact = 1 - axial_mean(sigma=10.0, xi=0.0, lo=0.0)[0]  # ~ 1/(2 sigma) (1 + O(1/sigma))
    assert abs(x.mean() - exact) <= 4 * x.std(ddof=1) / np.sqrt(x.size)


def _run(system: ReducedMacrospin, prot: Protocol, n: int, seed: int, m0: object, dtau: float = 0.01):  # noqa: ANN202
    return run(system.model(), prot, dynamics=system.dynamics(dtau), n_trajectories=n, seed=seed, x0=m0,
               record=Record(), energy_unit="kT")


def test_kernel_matches_numpy_reference() -> None:
    system = ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.2, 0.0, 0.5))
    prot = Protocol.start(hx=0.0, hy=0.0).ramp(1.5, hx=0.9, shape="smooth").ramp(1.0, hy=-0.4).hold(0.5)
    m0 = axial_samples(6, sigma=4.0, seed=2)
    ds = _run(system, prot, 6, 9, m0)
    ref = reference_run(system.model(), prot, dynamics=system.dynamics(0.01), n_trajectories=6, seed=9, x0=m0)
    for j in (0, 5):
        assert np.allclose(ds.x_final.values[j], ref["x_final"][j], atol=1e-10)
        assert ds.W.values[j] == pytest.approx(ref["W"][j], abs=1e-9)
        assert ds.Q.values[j] == pytest.approx(ref["Q"][j], abs=1e-9)


def test_results_independent_of_chunking_and_ensemble_size() -> None:
    system = ReducedMacrospin(zeta=10.0, alpha=0.5)
    prot = Protocol.start(hx=0.0).ramp(2.0, hx=1.0)
    m0 = axial_samples(70, sigma=5.0, seed=3)
    a = _run(system, prot, 70, 4, m0)
    b = _run(system, prot, 5, 4, m0[:5])
    assert np.array_equal(a.W.values[:5], b.W.values)
    assert np.array_equal(a.x_final.values[:5], b.x_final.values)


def test_first_law_with_stt() -> None:
    p = MTJParams(alpha=0.2, current_density=5e10, demag=(0.0, 0.0, 0.02))
    system = ReducedMacrospin.from_params(p)
    assert system.stt_on
    prot = Protocol.start(hx=0.0, hy=0.0).ramp(5.0, hx=1.2).ramp(5.0, hy=0.2).ramp(5.0, hx=0.0)
    ds = _run(system, prot, 50, 1, axial_samples(50, sigma=p.sigma, seed=1), dtau=0.002)
    W, Ws, Q, dE = (ds[k].values for k in ("W", "W_stt", "Q", "dE"))
    assert np.allclose(W + Ws - Q, dE, atol=1e-8)
    assert np.all(ds.W_shadow.values == 0.0)
    assert np.any(Ws != 0)


def test_step_size_rule() -> None:
    system = ReducedMacrospin(zeta=10.0, alpha=1.0)
    prot = Protocol.start(hx=50.0).hold(1.0)
    with pytest.raises(ParameterError, match="too coarse"):
        _run(system, prot, 2, 0, [0, 1, 0], dtau=0.01)


def test_bad_initial_state() -> None:
    system = ReducedMacrospin(zeta=10.0, alpha=1.0)
    with pytest.raises(ParameterError, match="x0"):
        _run(system, Protocol.start(hx=0.0).hold(1.0), 2, 0, [0, 0, 0])
    assert math.isfinite(system.sigma)
