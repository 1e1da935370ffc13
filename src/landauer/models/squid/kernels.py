"""The SQUID potentials, written once: energy, gradient and Hessian of the reduced (2-D) and 4-DOF
models as element-wise Numba functions in the engine's ``(x, c, p)`` form. The engine runs them compiled;
:mod:`landauer.models.squid.potential` runs their pure-Python ``py_func`` on arrays ``x`` of shape
``(ndim, ...)`` for the landscape tools. Controls ``c``: 2-D ``(phi1x, phi2x, k1, k2, mu)`` with
``k_i = beta cos(phi_ixdc/2)``, 4-DOF ``(phi1x, phi2x, phi1xdc, phi2xdc, mu)``; params ``p``: 2-D
``(xi_on,)``, 4-DOF ``(beta, xi_on, dbeta, gamma)`` (the columns of
:data:`~landauer.models.squid.potential.CONTROLS_2D` / ``CONTROLS_4D`` split after the fifth)."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(inline="always")
def nb_energy_2d(x, lam, p):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[0] * mu * mu)
    d1 = x[0] - lam[0]
    d2 = x[1] - lam[1]
    return 0.5 * xi * (d1 * d1 + d2 * d2) + lam[2] * np.cos(x[0]) + lam[3] * np.cos(x[1]) + mu * xi * d1 * d2


@njit(inline="always")
def nb_gradient_2d(x, lam, p, g):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[0] * mu * mu)
    d1 = x[0] - lam[0]
    d2 = x[1] - lam[1]
    g[0] = xi * (d1 + mu * d2) - lam[2] * np.sin(x[0])
    g[1] = xi * (d2 + mu * d1) - lam[3] * np.sin(x[1])


@njit(inline="always")
def nb_classify(x, p):  # noqa: ANN001, ANN201
    return 2 * (x[0] > 0.0) + (x[1] > 0.0)


@njit(inline="always")
def nb_energy_4d(x, lam, p):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[1] * mu * mu)
    beta = p[0]
    dbeta = p[2]
    gam = p[3]
    d1 = x[0] - lam[0]
    d2 = x[1] - lam[1]
    e1 = x[2] - lam[2]
    e2 = x[3] - lam[3]
    return (0.5 * xi * (d1 * d1 + d2 * d2) + 0.5 * gam * (e1 * e1 + e2 * e2)
            + beta * (np.cos(x[0]) * np.cos(0.5 * x[2]) + np.cos(x[1]) * np.cos(0.5 * x[3]))
            - dbeta * (np.sin(x[0]) * np.sin(0.5 * x[2]) + np.sin(x[1]) * np.sin(0.5 * x[3]))
            + mu * xi * d1 * d2)


@njit(inline="always")
def nb_gradient_4d(x, lam, p, g):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[1] * mu * mu)
    beta = p[0]
    dbeta = p[2]
    gam = p[3]
    d1 = x[0] - lam[0]
    d2 = x[1] - lam[1]
    s1 = np.sin(x[0])
    c1 = np.cos(x[0])
    s2 = np.sin(x[1])
    c2 = np.cos(x[1])
    sh1 = np.sin(0.5 * x[2])
    ch1 = np.cos(0.5 * x[2])
    sh2 = np.sin(0.5 * x[3])
    ch2 = np.cos(0.5 * x[3])
    g[0] = xi * (d1 + mu * d2) - beta * s1 * ch1 - dbeta * c1 * sh1
    g[1] = xi * (d2 + mu * d1) - beta * s2 * ch2 - dbeta * c2 * sh2
    g[2] = gam * (x[2] - lam[2]) - 0.5 * beta * c1 * sh1 - 0.5 * dbeta * s1 * ch1
    g[3] = gam * (x[3] - lam[3]) - 0.5 * beta * c2 * sh2 - 0.5 * dbeta * s2 * ch2


@njit(inline="always")
def nb_hessian_2d(x, lam, p, h):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[0] * mu * mu)
    h[0, 0] = xi - lam[2] * np.cos(x[0])
    h[1, 1] = xi - lam[3] * np.cos(x[1])
    h[0, 1] = mu * xi
    h[1, 0] = mu * xi


@njit(inline="always")
def nb_hessian_4d(x, lam, p, h):  # noqa: ANN001, ANN201
    mu = lam[4]
    xi = 1.0 / (1.0 - p[1] * mu * mu)
    beta = p[0]
    dbeta = p[2]
    gam = p[3]
    for i in range(2):
        sp = np.sin(x[i])
        cp = np.cos(x[i])
        sh = np.sin(0.5 * x[i + 2])
        ch = np.cos(0.5 * x[i + 2])
        h[i, i] = xi - beta * cp * ch + dbeta * sp * sh
        off = 0.5 * beta * sp * sh - 0.5 * dbeta * cp * ch
        h[i, i + 2] = off
        h[i + 2, i] = off
        h[i + 2, i + 2] = gam - 0.25 * beta * cp * ch + 0.25 * dbeta * sp * sh
    h[0, 1] = mu * xi
    h[1, 0] = mu * xi
    h[0, 3] = 0.0
    h[3, 0] = 0.0
    h[1, 2] = 0.0
    h[2, 1] = 0.0
    h[2, 3] = 0.0
    h[3, 2] = 0.0
