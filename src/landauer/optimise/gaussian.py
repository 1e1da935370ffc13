"""Exact mean work of a harmonic trap under any protocol, from the moment equations (no sampling noise).

For ``U = k(t) (x - c(t))^2 / 2`` the overdamped position stays Gaussian, so its mean ``m`` and variance
``v`` obey closed recursions, and the mean work charged at each switch ``lambda_k -> lambda_{k+1}`` is
``<U(x; lambda_{k+1}) - U(x; lambda_k)> = k_{k+1} (v + (m - c_{k+1})^2)/2 - k_k (v + (m - c_k)^2)/2``.
Three propagators over a step ``dt`` at fixed controls ``(k, c)`` (mobility ``mu``):

- ``"exact"``: the Ornstein-Uhlenbeck solution ``m -> c + (m - c) e^{-mu k dt}``,
  ``v -> kT/k + (v - kT/k) e^{-2 mu k dt}``: the continuous-time process under the step-sampled protocol
  (converges to the continuous protocol as ``dt -> 0``);
- ``"overdamped-euler"``: the engine's Euler-Maruyama step, ``a = 1 - mu k dt``,
  ``m -> a m + mu k dt c``, ``v -> a^2 v + 2 mu kT dt``;
- ``"overdamped-lm"``: the engine's Leimkuhler-Matthews step (noise ``(z_k + z_{k+1})/2``), which carries the
  covariance ``q = Cov(x_k, z_k)``: ``v -> a^2 v + mu kT dt + 2 a s q``, ``q -> s``, ``s = sqrt(mu kT dt / 2)``.

The Euler and LM recursions give the exact ensemble mean of the engine's discretisation, so a stochastic
run must agree with them within its standard error at any ``dt`` (an oracle for the engine and a
noise-free objective for testing the optimiser).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from landauer.engine.protocol import Protocol
from landauer.validation import ParameterError, check_positive

SCHEMES = {"exact": 0, "overdamped-euler": 1, "overdamped-lm": 2}


@njit(cache=True)
def _moments(table, scheme, dt, mu, kT, m0, v0):  # noqa: ANN001, ANN202
    m = m0
    v = v0
    q = 0.0
    w = 0.0
    s = math.sqrt(0.5 * mu * kT * dt)
    for i in range(table.shape[0] - 1):
        k0 = table[i, 0]
        c0 = table[i, 1]
        k1 = table[i + 1, 0]
        c1 = table[i + 1, 1]
        if k1 != k0 or c1 != c0:
            w += 0.5 * k1 * (v + (m - c1) ** 2) - 0.5 * k0 * (v + (m - c0) ** 2)
        if scheme == 0:
            e = math.exp(-mu * k1 * dt)
            m = c1 + (m - c1) * e
            v = kT / k1 + (v - kT / k1) * e * e
        elif scheme == 1:
            a = 1.0 - mu * k1 * dt
            m = a * m + mu * k1 * dt * c1
            v = a * a * v + 2.0 * mu * kT * dt
        else:
            a = 1.0 - mu * k1 * dt
            m = a * m + mu * k1 * dt * c1
            v = a * a * v + 2.0 * s * s + 2.0 * a * s * q
            q = s
    return w, m, v


def harmonic_mean_work(
    protocol: Protocol, *, dt: float, scheme: str = "exact", mobility: float = 1.0, kT: float = 1.0,
    mean0: float | None = None, var0: float | None = None,
) -> tuple[float, float, float]:
    """Mean work, final mean and final variance of a harmonic trap under ``protocol``.

    Parameters
    ----------
    protocol : Protocol
        Over the controls ``k`` (stiffness, kT per length^2) and ``centre`` (length); a missing control
        is held at its rest value (``k = 1``, ``centre = 0``).
    dt : float
        Step of the control table (the engine's ``dt`` for the Euler/LM schemes).
    scheme : {"exact", "overdamped-euler", "overdamped-lm"}
        Propagator (see module docstring).
    mean0, var0 : float, optional
        Initial moments; by default equilibrium at the initial controls (``m = c(0)``, ``v = kT/k(0)``).

    Returns
    -------
    (W, m, v) : mean work (kT), final mean, final variance.
    """
    if scheme not in SCHEMES:
        raise ParameterError(f"unknown scheme {scheme!r}; choose one of {sorted(SCHEMES)}")
    check_positive("mobility", mobility)
    check_positive("kT", kT)
    prot = protocol.with_controls(("k", "centre"), {"k": 1.0, "centre": 0.0})
    table = np.ascontiguousarray(prot.table(dt))
    if np.any(table[:, 0] <= 0):
        raise ParameterError("the stiffness k must stay positive")
    dt_eff = prot.duration / (table.shape[0] - 1)
    m0 = float(table[0, 1]) if mean0 is None else float(mean0)
    v0 = kT / float(table[0, 0]) if var0 is None else float(var0)
    w, m, v = _moments(table, SCHEMES[scheme], dt_eff, float(mobility), float(kT), m0, v0)
    return float(w), float(m), float(v)

