"""Expression devices on the engine.

- The shipped double-well file is the built-in :mod:`landauer.models.double_well` model: same seed, same
  initial positions -> the same work, heat, energy change and final positions, bitwise or to 1e-12
  (the generated arithmetic may order operations differently).
- Energy accounting per trajectory (first law, specs/core.md section 1): for the overdamped engine
  ``dE = U(x_final; c_end) - U(x_initial; c_0)``, checked against the device's NumPy form; for BAOAB,
  ``W + W_shadow = dE + Q`` with ``Q`` measured by the O sub-steps and ``dE`` again from the endpoints.
- The two-bit device erases to its target and its mean work respects the error-corrected bound for
  two bits within 3 standard errors.
"""

import numpy as np
import pytest

from landauer.devices.equilibrium import boltzmann_samples
from landauer.devices.registry import load
from landauer.engine import Langevin, Protocol, run
from landauer.erasure import erase, simulate


def _dw_protocol(tau: float) -> Protocol:
    s = tau / 4
    return Protocol.start(b=16.0, f=0.0).ramp(s, b=0.0).ramp(s, f=-10.0).ramp(s, b=16.0).ramp(s, f=0.0)


def test_double_well_file_equals_builtin_model() -> None:
    from landauer.models import double_well

    df = load("double-well")
    dev = df.device
    x0 = boltzmann_samples(dev, n=256, seed=5)
    dyn = Langevin(kT=1.0, dt=3e-4, integrator="overdamped-lm")
    prot = _dw_protocol(4.0)
    a = run(dev.model(), prot, dynamics=dyn, n_trajectories=256, seed=9, x0=x0)
    b = run(double_well.MODEL, prot, dynamics=dyn, n_trajectories=256, seed=9, x0=x0)
    for k in ("W", "Q", "dE", "x_final"):
        diff = float(np.max(np.abs(a[k].values - b[k].values)))
        assert diff <= 1e-12, (k, diff)
    assert np.array_equal(a.state_final.values, b.state_final.values)
    assert np.array_equal(a.state_initial.values, b.state_initial.values)


def test_overdamped_energy_change_matches_endpoints() -> None:
    df = load("two-well-2d")
    dev = df.device
    prot = df.protocol.stretched(0.25)
    ds = simulate(dev, prot, dynamics=df.dynamics.langevin(), n_trajectories=128, seed=4)
    u0 = dev.energy(ds.x_initial.values, prot.initial)
    u1 = dev.energy(ds.x_final.values, prot.final)
    assert np.allclose(ds.dE.values, u1 - u0, rtol=0, atol=1e-9)
    assert np.allclose(ds.W.values - ds.Q.values, ds.dE.values, rtol=0, atol=1e-12)


def test_underdamped_first_law_per_trajectory() -> None:
    from landauer.devices import Device

    dev = Device.from_expression(energy="k*(x - c)**2/2 + q*cos(y)*x + y**2", coordinates=["x", "y"],
                                 params={"k": 2.0, "q": 0.3}, controls={"c": 0.0}, bounds=[(-7, 7)] * 2)
    prot = Protocol.start(c=0.0).ramp(2.0, c=1.5)
    dyn = Langevin(kT=1.0, dt=2e-3, integrator="baoab", mass=1.0, friction=1.0)
    ds = simulate(dev, prot, dynamics=dyn, n_trajectories=64, seed=8)
    W, Q, dE, Ws = (ds[k].values for k in ("W", "Q", "dE", "W_shadow"))
    assert np.allclose(W + Ws, dE + Q, rtol=0, atol=1e-9)
    # dE includes the kinetic energy: U part from the endpoints, KE from the momenta
    ke1 = 0.5 * np.sum(ds.p_final.values**2, axis=1)
    u0 = dev.energy(ds.x_initial.values, prot.initial)
    u1 = dev.energy(ds.x_final.values, prot.final)
    ke0 = ke1 + (u1 - u0) - dE  # KE(0) implied by the accounting: Maxwell draws, <KE> = ndim kT / 2 = 1
    se = ke0.std(ddof=1) / np.sqrt(ke0.size)
    assert np.all(ke0 >= -1e-9) and abs(ke0.mean() - 1.0) < 4 * se, (ke0.mean(), se)
    # the protocol drags the well by 1.5 with stiffness 2: work is positive on average (second law, dF = 0)
    assert W.mean() > 0


def test_two_bit_erasure_meets_its_bound() -> None:
    r = erase("two-well-2d", n_trajectories=400, seed=2)
    s = r.summary
    assert s.bits == 2.0 and s.target == 0
    assert s.success_probability > 0.95
    assert s.mean_work > s.eps_corrected_bound - 3 * s.mean_work_se, s.to_dict()
    d = r.to_dict()
    for key in ("mean_work_kT", "mean_work_se_kT", "success_probability", "eps_corrected_bound_kT",
                "landauer_bound_kT", "kl_bound_kT"):
        assert np.isfinite(d[key]), key
    assert d["landauer_bound_kT"] == pytest.approx(2 * np.log(2))
