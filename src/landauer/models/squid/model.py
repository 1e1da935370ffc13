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
from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin
from landauer.models.squid.kernels import (
    nb_classify,
    nb_energy_2d,
    nb_energy_4d,
    nb_gradient_2d,
    nb_gradient_4d,
)
from landauer.models.squid.potential import (
    CONTROLS_2D,
    CONTROLS_4D,
    PHYSICAL_CONTROLS,
    Controls,
    Shape,
)
from landauer.validation import ParameterError, check_positive

CITATION = ("C. Z. Pratt, K. J. Ray, J. P. Crutchfield, arXiv:2406.12153 (control erasure); "
            "arXiv:2307.01926 (device and equations of motion)")
MASS_2D = np.array([1.0, 1.0])
MASS_4D = np.array([1.0, 1.0, 0.25, 0.25])


N_CONTROLS = 5  # the engine controls are the first five columns of CONTROLS_2D / CONTROLS_4D; the rest are params


def _max_curvature_2d(c: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    """Gershgorin bound on the Hessian's largest eigenvalue over the control rows ``c``."""
    mu = np.abs(c[:, 4])
    xi = 1.0 / (1.0 - p[0] * mu * mu)
    return float(np.max(xi * (1.0 + mu) + np.maximum(np.abs(c[:, 2]), np.abs(c[:, 3]))))


def _max_curvature_4d(c: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    mu = np.abs(c[:, 4])
    xi = 1.0 / (1.0 - p[1] * mu * mu)
    b = abs(p[0]) + abs(p[2])
    row_phi = xi * (1.0 + mu) + 1.5 * b
    row_dc = p[3] + 0.75 * b
    return float(np.max(np.maximum(row_phi, row_dc)))


MODEL_2D = Model(
    "squid-2d",
    ("phi1", "phi2"),
    CONTROLS_2D[:N_CONTROLS],
    nb_energy_2d,
    nb_gradient_2d,
    nb_classify,
    params={"xi_on": 0.0},
    defaults={"phi1x": 0.0, "phi2x": 0.0, "k1": 2.3, "k2": 2.3, "mu": 0.0},
    max_curvature=_max_curvature_2d,
    citation=CITATION,
)

MODEL_4D = Model(
    "squid-4dof",
    ("phi1", "phi2", "phi1dc", "phi2dc"),
    CONTROLS_4D[:N_CONTROLS],
    nb_energy_4d,
    nb_gradient_4d,
    nb_classify,
    params={"beta": 2.3, "xi_on": 1.0, "dbeta": 0.0, "gamma": 20.0},
    defaults={"phi1x": 0.0, "phi2x": 0.0, "phi1xdc": 0.0, "phi2xdc": 0.0, "mu": 0.0},
    max_curvature=_max_curvature_4d,
    citation=CITATION,
)


def model_for(dof: int, shape: Shape) -> Model:
    """The engine model for ``dof`` (2 or 4) with the device constants of ``shape`` as params."""
    if dof not in (2, 4):
        raise ParameterError(f"dof must be 2 or 4, got {dof!r}")
    base = MODEL_2D if dof == 2 else MODEL_4D
    p = lam_of(Controls(), shape, dof)[N_CONTROLS:]
    return base.with_params(**dict(zip(base.params, p.tolist(), strict=True)))


def lam_of(c: Controls, shape: Shape, dof: int) -> NDArray[np.float64]:
    """The full vector ``(controls..., params...)`` for physical controls ``c``: pass
    ``lam[:N_CONTROLS], lam[N_CONTROLS:]`` as ``(c, p)`` to the compiled functions."""
    return engine_values(np.array([[c.phi1x, c.phi2x, c.phi1xdc, c.phi2xdc, c.mu]]), shape, dof)[0]


def engine_values(phys: NDArray[np.float64], shape: Shape, dof: int) -> NDArray[np.float64]:
    """Rows of physical controls ``(phi1x, phi2x, phi1xdc, phi2xdc, mu)`` -> engine control rows."""
    p = np.atleast_2d(np.asarray(phys, dtype=float))
    n = p.shape[0]
    xi = np.full(n, 1.0 if shape.xi_on else 0.0)
    if dof == 2:
        k1 = shape.beta * np.cos(0.5 * p[:, 2])
        k2 = shape.beta * np.cos(0.5 * p[:, 3])
        return np.column_stack([p[:, 0], p[:, 1], k1, k2, p[:, 4], xi])
    if dof != 4:
        raise ParameterError(f"dof must be 2 or 4, got {dof!r}")
    return np.column_stack([p, np.full(n, shape.beta), xi, np.full(n, shape.dbeta), np.full(n, shape.gamma)])


def engine_protocol(protocol: Protocol, shape: Shape, dof: int, *, sub_knots: int = 64) -> Protocol:
    """Convert a protocol over the physical controls to the engine's control vector.

    In 2-D the barrier controls become ``k_i = beta cos(phi_ixdc/2)``; segments where ``phi_ixdc`` moves
    are subdivided into ``sub_knots`` linear pieces, so the simulated schedule follows the requested one
    (linear or smooth in ``phi_ixdc``) to ``O((dphi/sub_knots)^2 beta/32)`` (< 1e-4 U0 by default).
    """
    prot = protocol.with_controls(PHYSICAL_CONTROLS, {k: 0.0 for k in PHYSICAL_CONTROLS})
    times = [0.0]
    rows = [np.asarray(prot.values[0], dtype=float)]
    names: list[str] = []
    for (nm, t0, t1), a, b in zip(prot.stage_bounds(), prot.values[:-1], prot.values[1:], strict=True):
        moving_dc = dof == 2 and (a[2] != b[2] or a[3] != b[3]) and t1 > t0
        m = sub_knots if moving_dc else 1
        ts = np.linspace(t0, t1, m + 1)[1:]
        # interior sub-knots from the segment's own interpolation; its end knot exactly
        vals = np.vstack([prot.values_at(ts[:-1]), np.asarray(b, dtype=float)[None, :]]) if m > 1 else \
            np.asarray([b], dtype=float)
        times.extend(ts.tolist())
        rows.extend(vals)
        names.extend([nm] * m)
    ev = engine_values(np.array(rows), shape, dof)[:, :N_CONTROLS]
    return Protocol(controls=(MODEL_2D if dof == 2 else MODEL_4D).controls, times=tuple(times),
                    values=tuple(tuple(float(v) for v in r) for r in ev), names=tuple(names))


def langevin(*, damping: float, kappa: float, dt: float, dof: int = 2) -> Langevin:
    """BAOAB settings for damping ``gamma'`` and thermal energy ``kappa' = kT/U0``."""
    check_positive("damping", damping)
    m = MASS_2D if dof == 2 else MASS_4D
    return Langevin(kT=kappa, dt=dt, integrator="baoab", mass=list(m), friction=list(damping * m))
