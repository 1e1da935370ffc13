"""Potentials of two coupled CJJ rf-SQUIDs (units of U0), with analytic gradients and Hessians.

4-DOF (the CE paper's Eq. 2 with L1 = L2, beta1 = beta2; coordinates ``phi1, phi2, phi1dc, phi2dc``)::

    U = sum_i [ xi (phi_i - phi_ix)^2/2 + gamma (phi_idc - phi_ixdc)^2/2
                + beta cos(phi_i) cos(phi_idc/2) - dbeta sin(phi_i) sin(phi_idc/2) ]
        + mu xi (phi_1 - phi_1x)(phi_2 - phi_2x),          xi = 1/(1 - mu^2)

Reduced 2-D (Eq. 3: gamma >> 1 so phi_idc = phi_ixdc, dbeta = 0, xi -> 1)::

    U' = sum_i [ (phi_i - phi_ix)^2/2 + beta cos(phi_i) cos(phi_ixdc/2) ]
         + mu (phi_1 - phi_1x)(phi_2 - phi_2x)

+mu convention (authors' code): mu > 0 favours the 01/10 diagonal. The flag ``xi_on`` (0 or 1) keeps
``xi = 1/(1 - mu^2)`` (``xi = 1/(1 - xi_on mu^2)``) in either model. Bits: ``b_i = [phi_i > 0]``; the
logical state integer is ``2 b1 + b2`` (0 = "00", 1 = "01", 2 = "10", 3 = "11").

Engine control vectors: 2-D ``(phi1x, phi2x, k1, k2, mu, xi_on)`` with the barrier controls folded into
``k_i = beta cos(phi_ixdc/2)`` (saves the control's cosine in the inner loop); 4-DOF
``(phi1x, phi2x, phi1xdc, phi2xdc, mu, beta, xi_on, dbeta, gamma)``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.landscape import Potential
from landauer.validation import ParameterError, check_finite

Array = NDArray[np.float64]

CONTROLS_2D = ("phi1x", "phi2x", "k1", "k2", "mu", "xi_on")
CONTROLS_4D = ("phi1x", "phi2x", "phi1xdc", "phi2xdc", "mu", "beta", "xi_on", "dbeta", "gamma")
PHYSICAL_CONTROLS = ("phi1x", "phi2x", "phi1xdc", "phi2xdc", "mu")
STATE_LABELS = ("00", "01", "10", "11")


@dataclass(frozen=True)
class Controls:
    """External controls (dimensionless): fluxes in radians of ``2 pi Phi/Phi0``, coupling ``mu``."""

    phi1x: float = 0.0
    phi2x: float = 0.0
    phi1xdc: float = 0.0
    phi2xdc: float = 0.0
    mu: float = 0.0

    def __post_init__(self) -> None:
        check_finite("controls", list(asdict(self).values()))
        if abs(self.mu) >= 1:
            raise ParameterError(f"mu must satisfy |mu| < 1, got {self.mu!r}")

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Shape:
    """Device constants of the landscape: ``beta``, ``dbeta``, ``gamma`` and whether ``xi`` is kept."""

    beta: float = 2.3
    dbeta: float = 0.0
    gamma: float = 20.0
    xi_on: bool = False

    def __post_init__(self) -> None:
        check_finite("shape", [self.beta, self.dbeta, self.gamma])
        if self.beta <= 0 or self.gamma <= 0:
            raise ParameterError("beta and gamma must be > 0")


DEFAULT_SHAPE = Shape()


def label(state: int) -> str:
    return STATE_LABELS[int(state)]


def state_of(x: ArrayLike) -> NDArray[np.int64]:
    """Logical state ``2 [phi1 > 0] + [phi2 > 0]`` of positions ``(..., >= 2)``."""
    a = np.asarray(x, dtype=float)
    return (2 * (a[..., 0] > 0) + (a[..., 1] > 0)).astype(np.int64)


# --- NumPy, vectorised over leading axes of x (..., ndim) -------------------------------------------
def _xi(c: Controls, s: Shape) -> float:
    return 1.0 / (1.0 - (c.mu**2 if s.xi_on else 0.0))


def energy_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    d1, d2 = x[..., 0] - c.phi1x, x[..., 1] - c.phi2x
    k1, k2 = np.cos(c.phi1xdc / 2), np.cos(c.phi2xdc / 2)
    return (0.5 * xi * (d1 * d1 + d2 * d2) + s.beta * (np.cos(x[..., 0]) * k1 + np.cos(x[..., 1]) * k2)
            + c.mu * xi * d1 * d2)


def gradient_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    d1, d2 = x[..., 0] - c.phi1x, x[..., 1] - c.phi2x
    k1, k2 = np.cos(c.phi1xdc / 2), np.cos(c.phi2xdc / 2)
    g1 = xi * d1 - s.beta * np.sin(x[..., 0]) * k1 + c.mu * xi * d2
    g2 = xi * d2 - s.beta * np.sin(x[..., 1]) * k2 + c.mu * xi * d1
    return np.stack([g1, g2], axis=-1)


def hessian_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    k1, k2 = np.cos(c.phi1xdc / 2), np.cos(c.phi2xdc / 2)
    h11 = xi - s.beta * np.cos(x[..., 0]) * k1
    h22 = xi - s.beta * np.cos(x[..., 1]) * k2
    h12 = np.full_like(h11, c.mu * xi)
    return np.stack([np.stack([h11, h12], -1), np.stack([h12, h22], -1)], -2)


def energy_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    out = c.mu * xi * (x[..., 0] - c.phi1x) * (x[..., 1] - c.phi2x)
    for i, (px, pdc) in enumerate(((c.phi1x, c.phi1xdc), (c.phi2x, c.phi2xdc))):
        p, q = x[..., i], x[..., i + 2]
        out = out + (0.5 * xi * (p - px) ** 2 + 0.5 * s.gamma * (q - pdc) ** 2
                     + s.beta * np.cos(p) * np.cos(q / 2) - s.dbeta * np.sin(p) * np.sin(q / 2))
    return out


def gradient_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    d = (x[..., 0] - c.phi1x, x[..., 1] - c.phi2x)
    xdc = (c.phi1xdc, c.phi2xdc)
    g = np.empty(x.shape)
    for i in range(2):
        p, q = x[..., i], x[..., i + 2]
        sp, cp, sh, ch = np.sin(p), np.cos(p), np.sin(q / 2), np.cos(q / 2)
        g[..., i] = xi * d[i] - s.beta * sp * ch - s.dbeta * cp * sh + c.mu * xi * d[1 - i]
        g[..., i + 2] = s.gamma * (q - xdc[i]) - 0.5 * s.beta * cp * sh - 0.5 * s.dbeta * sp * ch
    return g


def hessian_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    x = np.asarray(x, dtype=float)
    xi = _xi(c, s)
    H = np.zeros((*x.shape, 4))
    for i in range(2):
        p, q = x[..., i], x[..., i + 2]
        sp, cp, sh, ch = np.sin(p), np.cos(p), np.sin(q / 2), np.cos(q / 2)
        H[..., i, i] = xi - s.beta * cp * ch + s.dbeta * sp * sh
        off = 0.5 * s.beta * sp * sh - 0.5 * s.dbeta * cp * ch
        H[..., i, i + 2] = off
        H[..., i + 2, i] = off
        H[..., i + 2, i + 2] = s.gamma - 0.25 * s.beta * cp * ch + 0.25 * s.dbeta * sp * sh
    H[..., 0, 1] = c.mu * xi
    H[..., 1, 0] = c.mu * xi
    return H


def landscape_2d(c: Controls, s: Shape) -> Potential:
    """The reduced potential as a :class:`landauer.landscape.Potential`."""
    return Potential(lambda x: energy_2d(x, c, s), lambda x: gradient_2d(x, c, s),
                     lambda x: hessian_2d(x, c, s), ndim=2, vectorized=True, names=("phi1", "phi2"))


def landscape_4d(c: Controls, s: Shape) -> Potential:
    """The 4-DOF potential as a :class:`landauer.landscape.Potential`."""
    return Potential(lambda x: energy_4d(x, c, s), lambda x: gradient_4d(x, c, s),
                     lambda x: hessian_4d(x, c, s), ndim=4, vectorized=True,
                     names=("phi1", "phi2", "phi1dc", "phi2dc"))
