"""Weak order of stochastic Heun on the unit sphere from a closed-form relaxation.

A free spin (no energy) under Brown's thermal field performs Brownian motion on the sphere with
D = alpha kT / (mu (1 + alpha^2)); the l = 1 harmonic decays as <m_z>(t) = m_z(0) exp(-2 D t)
(W. F. Brown, Phys. Rev. 130, 1677 (1963): free-diffusion time tau_D = mu (1 + alpha^2)/(2 alpha kT)).
With alpha = 1, kT = 1, mu = 1: <m_z>(T) = exp(-T). The weak error e(h) = <m_z>_h(T) - exp(-T) is fitted
as log|e| = log C + p log h + D h (the first pre-asymptotic term of e(h) = C h^p (1 + D h + ...)) by
weighted least squares, with per-point standard errors from the sample SD; the order p must be 1 within
4 standard errors (stochastic Heun is weak order 1 for multiplicative Stratonovich noise; Kloeden &
Platen (1992) ch. 15), and the finest step must still resolve the bias (|e| > 4 SE), so the test can fail.
"""

from __future__ import annotations

import math

import numpy as np

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.models.mtj.macrospin import ReducedMacrospin

T = 1.0
N = 600_000


def test_free_spin_relaxation_weak_order_one() -> None:
    free = ReducedMacrospin(zeta=1.0, alpha=1.0, ka=0.0)  # mu = zeta = 1, kT = 1, no anisotropy or field
    hs, err, se = [], [], []
    for j, steps in enumerate((10, 20, 40, 80)):
        h = T / steps
        ds = run(free.model(), Protocol.start(hx=0.0).hold(T), dynamics=free.dynamics(h), n_trajectories=N,
                 seed=100 + j, x0=[0.0, 0.0, 1.0], record=Record())
        mz = ds["x_final"].values[:, 2]
        hs.append(h)
        err.append(float(mz.mean()) - math.exp(-T))
        se.append(float(mz.std(ddof=1)) / math.sqrt(N))
    e, s, h = np.abs(np.array(err)), np.array(se), np.array(hs)
    assert np.all(np.array(err) < 0) and e[-1] > 4 * s[-1], (err, se)
    A = np.stack([np.ones_like(h), np.log(h), h], axis=1)
    w = e / s  # 1 / SE of log|e|
    cov = np.linalg.inv((A * w[:, None] ** 2).T @ A)
    coef = cov @ (A.T @ (w**2 * np.log(e)))
    p, p_se = float(coef[1]), float(math.sqrt(cov[1, 1]))
    assert abs(p - 1.0) <= 4 * p_se, (p, p_se, err, se)
    assert p_se < 0.25, p_se  # the fit resolves the order (first vs second) at all
