"""One model contract for every engine model (specs/core.md section 1; landauer.engine.model):

1. ``gradient`` is the derivative of ``energy``: central finite differences of ``energy`` (step 1e-6,
   error O(h^2 U''') + O(eps U / h)) agree with ``gradient`` to 1e-5 of the gradient's scale, at random
   points and control vectors drawn from each model's protocol. This covers the aQFP chain's
   hand-written gradient.
2. The curvature bound holds where trajectories go: along a short run of the model's own protocol, the
   largest eigenvalue of the finite-difference Hessian at every recorded position (with the controls of
   that time) stays below ``max_curvature`` evaluated on the protocol's control rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from landauer.engine import Langevin, Model, Protocol, Record, run

Array = np.ndarray


@dataclass
class Case:
    model: Model
    protocol: Protocol  # over the model's controls
    dynamics: Langevin
    x0: Array  # (n, ndim)
    box: float = 4.0


def _double_well() -> Case:
    from landauer.models import double_well

    prot = Protocol.start(b=16.0, f=0.0).ramp(1, b=0.0).ramp(1, f=-10.0).ramp(1, b=16.0).ramp(1, f=0.0)
    return Case(double_well.MODEL, prot, Langevin(kT=1.0, dt=2e-4, integrator="overdamped-lm"),
                np.array([[-1.0], [1.0]] * 8))


def _squid(dof: int) -> Case:
    from landauer.models.squid.model import engine_protocol, langevin, model_for
    from landauer.models.squid.params import SquidParams
    from landauer.models.squid.potential import Shape
    from landauer.models.squid.protocols import CE, Schedule, ce_protocol

    shape = Shape(xi_on=dof == 4)
    prot = engine_protocol(ce_protocol(CE(1, 0, 0), schedule=Schedule(ramp=10.0, hold=5.0)), shape, dof)
    p = SquidParams()
    x = np.array([[-1.9, -1.9], [-1.9, 1.9], [1.9, -1.9], [1.9, 1.9]] * 4)
    if dof == 4:
        x = np.column_stack([x, np.zeros((16, 2))])
    return Case(model_for(dof, shape), prot, langevin(damping=p.damping, kappa=p.kappa, dt=0.005, dof=dof), x)


def _aqfp(n: int) -> Case:
    from landauer.models.aqfp.dynamics import DynamicsUnits, chain_model, excited_centre_phase
    from landauer.models.aqfp.experiments import four_phase_protocol
    from landauer.models.aqfp.params import AqfpParams

    params = AqfpParams()
    model = chain_model(params, n)
    u = DynamicsUnits.of(params, model)
    amp = excited_centre_phase(params)
    prot = four_phase_protocol(t_rise=20.0, n_cycles=1, data=[1, 1, 1], src_amp=amp, n_gates=n, sink_amp=amp)
    dyn = Langevin(kT=u.kT, dt=u.dt, integrator="baoab", mass=u.mass, friction=u.friction)
    return Case(model, prot, dyn, np.zeros((16, model.ndim)), box=2 * np.pi)


def _device(name: str) -> Case:
    from landauer.devices.equilibrium import boltzmann_samples
    from landauer.devices.registry import load

    df = load(name)
    prot = df.protocol.stretched(4.0 / df.protocol.duration)
    return Case(df.device.model(), prot, df.dynamics.langevin(), boltzmann_samples(df.device, n=16, seed=1))


FACTORIES: dict[str, Callable[[], Case]] = {
    "double-well": _double_well,
    "squid-2d": lambda: _squid(2),
    "squid-4dof": lambda: _squid(4),
    "aqfp-chain-1": lambda: _aqfp(1),
    "aqfp-chain-3": lambda: _aqfp(3),
    "device-double-well": lambda: _device("double-well"),
    "device-two-well-2d": lambda: _device("two-well-2d"),
}
SLOW = {"squid-4dof", "aqfp-chain-3"}


def _rows(prot: Protocol, k: int = 401) -> Array:
    return prot.values_at(np.linspace(0.0, prot.duration, k))


def _grad_fd(model: Model, x: Array, c: Array, p: Array, h: float = 1e-6) -> Array:
    """Central differences of energy for points x (n, ndim), vectorised through py_func."""
    e = model.energy.py_func
    g = np.empty_like(x)
    for d in range(x.shape[1]):
        xp, xm = x.copy(), x.copy()
        xp[:, d] += h
        xm[:, d] -= h
        g[:, d] = (np.asarray(e(xp.T, c, p)) - np.asarray(e(xm.T, c, p))) / (2 * h)
    return g


def _grad(model: Model, x: Array, c: Array, p: Array) -> Array:
    g = np.empty((x.shape[1], x.shape[0]))
    model.gradient.py_func(x.T.copy(), c, p, g)
    return g.T


@pytest.mark.parametrize("name", list(FACTORIES))
def test_gradient_is_derivative_of_energy(name: str) -> None:
    case = FACTORIES[name]()
    m = case.model
    p = m.param_vector()
    rng = np.random.default_rng(17)
    rows = _rows(case.protocol, 21)
    for c in rows:
        x = rng.uniform(-case.box, case.box, size=(40, m.ndim))
        g = _grad(m, x, c, p)
        gfd = _grad_fd(m, x, c, p)
        scale = 1.0 + np.max(np.abs(g))
        assert np.max(np.abs(g - gfd)) < 1e-5 * scale, (name, c, np.max(np.abs(g - gfd)), scale)


def _hessian_top(model: Model, x: Array, c: Array, p: Array, h: float = 1e-5) -> Array:
    n, d = x.shape
    H = np.empty((n, d, d))
    for j in range(d):
        xp, xm = x.copy(), x.copy()
        xp[:, j] += h
        xm[:, j] -= h
        H[:, :, j] = (_grad(model, xp, c, p) - _grad(model, xm, c, p)) / (2 * h)
    return np.linalg.eigvalsh(0.5 * (H + np.swapaxes(H, 1, 2)))[:, -1]


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in FACTORIES])
def test_curvature_bound_holds_along_the_protocol(name: str) -> None:
    case = FACTORIES[name]()
    m = case.model
    p = m.param_vector()
    bound = m.curvature_bound(_rows(case.protocol), case.dynamics.kT)
    times = np.linspace(0.0, case.protocol.duration, 41)
    ds = run(m, case.protocol, dynamics=case.dynamics, n_trajectories=case.x0.shape[0], seed=3, x0=case.x0,
             record=Record(snapshots=tuple(times)))
    worst = -np.inf
    for t, snap in zip(ds["time"].values, ds["x"].values, strict=True):
        c = case.protocol.values_at([t])[0]
        worst = max(worst, float(np.max(_hessian_top(m, snap, c, p))))
    assert worst <= bound * (1 + 1e-6) + 1e-6, (name, worst, bound)
