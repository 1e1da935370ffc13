"""Potentials of two coupled CJJ rf-SQUIDs (units of U0), with analytic gradients and Hessians.

The formulas live once, in :mod:`landauer.models.squid.kernels` (compiled for the engine); the NumPy
functions here evaluate the same code vectorised over positions.

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
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.landscape import Potential
from landauer.models.squid.kernels import (
    nb_energy_2d,
    nb_energy_4d,
    nb_gradient_2d,
    nb_gradient_4d,
    nb_hessian_2d,
    nb_hessian_4d,
)
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


# --- NumPy forms, vectorised over leading axes of x (..., ndim) ---------------------------------------
# The energy, gradient and Hessian are written once, element-wise, in :mod:`landauer.models.squid.kernels`
# (Numba for the engine); here their pure-Python ``py_func`` runs on arrays ``x`` moved to ``(ndim, ...)``.
def vectors_2d(c: Controls, s: Shape) -> tuple[Array, Array]:
    """Engine vectors of the reduced model: controls ``(phi1x, phi2x, k1, k2, mu)`` with
    ``k_i = beta cos(phi_ixdc/2)``, params ``(xi_on,)``."""
    return (np.array([c.phi1x, c.phi2x, s.beta * np.cos(c.phi1xdc / 2), s.beta * np.cos(c.phi2xdc / 2), c.mu]),
            np.array([1.0 if s.xi_on else 0.0]))


def vectors_4d(c: Controls, s: Shape) -> tuple[Array, Array]:
    """Engine vectors of the 4-DOF model: controls ``(phi1x, phi2x, phi1xdc, phi2xdc, mu)``, params
    ``(beta, xi_on, dbeta, gamma)``."""
    return (np.array([c.phi1x, c.phi2x, c.phi1xdc, c.phi2xdc, c.mu]),
            np.array([s.beta, 1.0 if s.xi_on else 0.0, s.dbeta, s.gamma]))


def _energy(fn: Any, x: ArrayLike, cp: tuple[Array, Array]) -> Array:
    a = np.asarray(x, dtype=float)
    return np.asarray(fn.py_func(np.moveaxis(a, -1, 0), *cp), dtype=float)


def _gradient(fn: Any, x: ArrayLike, cp: tuple[Array, Array]) -> Array:
    a = np.asarray(x, dtype=float)
    g = np.empty((a.shape[-1], *a.shape[:-1]))
    fn.py_func(np.moveaxis(a, -1, 0), *cp, g)
    return np.moveaxis(g, 0, -1)


def _hessian(fn: Any, x: ArrayLike, cp: tuple[Array, Array]) -> Array:
    a = np.asarray(x, dtype=float)
    n = a.shape[-1]
    h = np.empty((n, n, *a.shape[:-1]))
    fn.py_func(np.moveaxis(a, -1, 0), *cp, h)
    return np.moveaxis(np.moveaxis(h, 0, -1), 0, -1)


def energy_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _energy(nb_energy_2d, x, vectors_2d(c, s))


def gradient_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _gradient(nb_gradient_2d, x, vectors_2d(c, s))


def hessian_2d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _hessian(nb_hessian_2d, x, vectors_2d(c, s))


def energy_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _energy(nb_energy_4d, x, vectors_4d(c, s))


def gradient_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _gradient(nb_gradient_4d, x, vectors_4d(c, s))


def hessian_4d(x: ArrayLike, c: Controls, s: Shape) -> Array:
    return _hessian(nb_hessian_4d, x, vectors_4d(c, s))


def landscape_2d(c: Controls, s: Shape) -> Potential:
    """The reduced potential as a :class:`landauer.landscape.Potential`."""
    return Potential(lambda x: energy_2d(x, c, s), lambda x: gradient_2d(x, c, s),
                     lambda x: hessian_2d(x, c, s), ndim=2, vectorized=True, names=("phi1", "phi2"))


def landscape_4d(c: Controls, s: Shape) -> Potential:
    """The 4-DOF potential as a :class:`landauer.landscape.Potential`."""
    return Potential(lambda x: energy_4d(x, c, s), lambda x: gradient_4d(x, c, s),
                     lambda x: hessian_4d(x, c, s), ndim=4, vectorized=True,
                     names=("phi1", "phi2", "phi1dc", "phi2dc"))
