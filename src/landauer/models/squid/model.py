"""Engine :class:`~landauer.engine.model.Model` objects for the coupled SQUIDs, and the Langevin
settings that realise the RCSJ dynamics in units of (U0, t_c).

Dimensionless RCSJ (specs/squid_ce.md section 4)::

    d phi_k = v_k dt';  d v_k = (-theta_k dU'/d phi_k - gamma' v_k) dt' + sqrt(2 gamma' kappa' theta_k) dW_k

with ``theta = 1/m' = (1, 1, 4, 4)`` for ``(phi1, phi2, phi1dc, phi2dc)``. In the engine's form
``m dp = ...`` this is mass ``m_k = 1/theta_k``, friction coefficient ``F_k = gamma' m_k``, ``kT = kappa'``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.engine.simulate import Langevin
from landauer.models.squid.potential import (
    CONTROLS_2D,
    CONTROLS_4D,
    Controls,
    Shape,
    nb_classify,
    nb_energy_2d,
    nb_energy_4d,
    nb_gradient_2d,
    nb_gradient_4d,
)
from landauer.validation import check_positive

CITATION = ("C. Z. Pratt, K. J. Ray, J. P. Crutchfield, arXiv:2406.12153 (control erasure); "
            "arXiv:2307.01926 (device and equations of motion)")
MASS_2D = np.array([1.0, 1.0])
MASS_4D = np.array([1.0, 1.0, 0.25, 0.25])


def _max_curvature_2d(lam: NDArray[np.float64], kT: float) -> float:
    """Gershgorin bound on the Hessian's largest eigenvalue over the whole control table."""
    mu = np.abs(lam[:, 4])
    xi = 1.0 / (1.0 - lam[:, 6] * mu * mu)
    return float(np.max(xi * (1.0 + mu) + np.abs(lam[:, 5])))


def _max_curvature_4d(lam: NDArray[np.float64], kT: float) -> float:
    mu = np.abs(lam[:, 4])
    xi = 1.0 / (1.0 - lam[:, 6] * mu * mu)
    b = np.abs(lam[:, 5]) + np.abs(lam[:, 7])
    row_phi = xi * (1.0 + mu) + 1.5 * b
    row_dc = lam[:, 8] + 0.75 * b
    return float(np.max(np.maximum(row_phi, row_dc)))


MODEL_2D = Model(
    name="squid-2d",
    coordinates=("phi1", "phi2"),
    controls=CONTROLS_2D,
    energy=nb_energy_2d,
    gradient=nb_gradient_2d,
    classify=nb_classify,
    max_curvature=_max_curvature_2d,
    defaults={"phi1x": 0.0, "phi2x": 0.0, "phi1xdc": 0.0, "phi2xdc": 0.0, "mu": 0.0, "beta": 2.3,
              "xi_on": 0.0},
    citation=CITATION,
)

MODEL_4D = Model(
    name="squid-4dof",
    coordinates=("phi1", "phi2", "phi1dc", "phi2dc"),
    controls=CONTROLS_4D,
    energy=nb_energy_4d,
    gradient=nb_gradient_4d,
    classify=nb_classify,
    max_curvature=_max_curvature_4d,
    defaults={"phi1x": 0.0, "phi2x": 0.0, "phi1xdc": 0.0, "phi2xdc": 0.0, "mu": 0.0, "beta": 2.3,
              "xi_on": 1.0, "dbeta": 0.0, "gamma": 20.0},
    citation=CITATION,
)


def model_for(dof: int) -> Model:
    return MODEL_2D if dof == 2 else MODEL_4D


def constants(shape: Shape, dof: int) -> dict[str, float]:
    """The constant (non-protocol) controls of a model for a landscape ``shape``."""
    out = {"beta": shape.beta, "xi_on": 1.0 if shape.xi_on else 0.0}
    if dof == 4:
        out.update(dbeta=shape.dbeta, gamma=shape.gamma)
    return out


def lam_of(c: Controls, shape: Shape, dof: int) -> NDArray[np.float64]:
    """The engine control vector for controls ``c``."""
    return model_for(dof).lam_vector(**c.as_dict(), **constants(shape, dof))


def langevin(*, damping: float, kappa: float, dt: float, dof: int = 2) -> Langevin:
    """BAOAB settings for damping ``gamma'`` and thermal energy ``kappa' = kT/U0``."""
    check_positive("damping", damping)
    m = MASS_2D if dof == 2 else MASS_4D
    return Langevin(kT=kappa, dt=dt, integrator="baoab", mass=list(m), friction=list(damping * m))
