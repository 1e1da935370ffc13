"""Optimisation problems from device files (:mod:`landauer.devices`): the file's protocol is the baseline.

The family moves every control the file's protocol moves, on ``knots`` knots, from the protocol's initial
to its final values (with jumps allowed at both ends); bounds are the protocol's range widened by half of
it on each side (or by 1 for a control it holds constant). The task's ``target`` state, when the file
gives one, defines the error rate. Bounds on the mean work:

- erasure (a target state): ``W_min(eps) = kT [ln 2 + eps ln eps + (1 - eps) ln(1 - eps)]`` per bit, plus
  for one-coordinate overdamped devices the finite-time term ``W_2(rho_0, rho_tau)^2 / (mu tau)``;
- otherwise, one coordinate: ``Delta F_eq + W_2^2 / (mu tau)`` with the equilibrium free-energy change by
  quadrature over the device's bounds (valid because the final non-equilibrium free energy is at least the
  equilibrium one; Proesmans, Ehrich & Bechhoefer, PRL 125, 100602 (2020)).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from landauer import bounds
from landauer.optimise._engine import Ensemble
from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.objective import Problem
from landauer.validation import ParameterError


def free_energy_1d(device: Any, controls: dict[str, float], kT: float, points: int = 20001) -> float:
    """``-kT ln int exp(-U/kT) dx`` over the device's bounds (one coordinate)."""
    b = device.bounds
    x = np.linspace(b[0, 0], b[0, 1], points)
    u = device.potential(controls).energies(x[:, None])
    u0 = float(u.min())
    return u0 - kT * math.log(float(np.trapezoid(np.exp(-(u - u0) / kT), x)))


def problem_from_file(devfile: Any, *, tau: float, knots: int = 5, error_target: float | None = None,
                      dt: float | None = None, penalty: float = 1000.0) -> Problem:
    """A :class:`Problem` of duration ``tau`` from a loaded :class:`~landauer.devices.files.DeviceFile`."""
    from dataclasses import replace

    from landauer.devices.equilibrium import boltzmann_samples

    dev = devfile.device
    dyn = devfile.dynamics
    if dyn.kind != "overdamped" and dyn.kind != "underdamped":
        raise ParameterError(f"--device {dev.name}: {dyn.kind} dynamics cannot be optimised yet")
    if devfile.protocol is None:
        raise ParameterError(f"--device {dev.name}: the file has no [[protocol]] to start from")
    if dt is not None:
        dyn = replace(dyn, dt=dt)
    baseline = devfile.protocol.stretched(tau / devfile.protocol.duration)
    vals = np.asarray(baseline.values, dtype=float)
    specs = []
    for j, name in enumerate(baseline.controls):
        lo, hi = float(vals[:, j].min()), float(vals[:, j].max())
        pad = 0.5 * (hi - lo) if hi > lo else 1.0
        specs.append(ControlSpec(name, float(vals[0, j]), float(vals[-1, j]), lo - pad, hi + pad,
                                 fixed=hi == lo))
    fam = KnotFamily(tau=tau, knots=knots, controls=tuple(specs))
    model = dev.model()
    kT = float(dyn.kT)
    start = {**dict(dev.rest), **baseline.initial}
    end = {**dict(dev.rest), **baseline.final}
    target = None if devfile.target is None else dev.states.index(devfile.target)
    one_d = dev.ndim == 1 and dyn.kind == "overdamped"
    mob = float(np.ravel(dyn.mobility)[0])
    if target is not None:
        delta_f = kT * math.log(2.0) * devfile.bits
    elif dev.ndim == 1:
        delta_f = free_energy_1d(dev, end, kT) - free_energy_1d(dev, start, kT)
    else:
        delta_f = float("nan")

    def bound(ens: Ensemble, t: float) -> float:
        w = 0.0
        if one_d:
            w2 = bounds.wasserstein2_samples(ens.x_initial[:, 0], ens.x_final[:, 0])
            w = bounds.finite_time_bound(w2, mobility=mob, tau=t)
        if target is not None:
            eps = float(np.mean(ens.state_final != target))
            return kT * float(bounds.erasure_with_error(eps)) * devfile.bits + w
        return delta_f + w

    def initial(n: int, seed: int) -> np.ndarray:
        return boltzmann_samples(dev, n=n, seed=seed, kT=kT, controls=start)

    have_bound = target is not None or dev.ndim == 1
    return Problem(
        name=dev.name, model=model, dynamics=dyn.langevin(), family=fam, baseline=baseline, initial=initial,
        target_state=target, error_target=error_target if target is not None else None,
        delta_f=delta_f, bound=bound if have_bound else None, penalty=penalty,
    )
