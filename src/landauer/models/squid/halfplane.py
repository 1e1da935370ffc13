"""A hypothetical control the coupled SQUIDs lack: a barrier control acting on one half-plane only.

The device's ``phi_ixdc`` lowers the barrier of axis ``i`` wherever the other flux ``phi_j`` is; a CE must
then tell the half-planes apart by the coupling's tilt, and the erased well folds (see
:mod:`landauer.optimise.squid`). Here the barrier of axis ``i`` takes one value for ``phi_j > 0`` and
another for ``phi_j < 0``, blended by a logistic step of width ``w`` (reduced 2-D model, ``xi`` dropped)::

    U = sum_i (phi_i - phi_ix)^2/2 + K_1(phi_2) cos(phi_1) + K_2(phi_1) cos(phi_2)
        + mu (phi_1 - phi_1x)(phi_2 - phi_2x),
    K_i(y) = k_i^- + (k_i^+ - k_i^-) s(y),   s(y) = 1/(1 + exp(-y/w))

With ``k_i^+ = k_i^- = beta cos(phi_ixdc/2)`` it is the reduced model of :mod:`potential`. A CE on this
model is the textbook 1-D erasure in the control half-plane (lower the barrier there to a single well,
tilt with ``phi_ix`` toward the target, raise the barrier, untilt) while the preserved half-plane keeps its
full barrier: no fold, so its cost approaches the Landauer cost as the protocol slows. Not a device of
the paper: an answer to "is a different control needed?" (issue 13). Units U0, t_c as in :mod:`model`.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.models.squid.kernels import nb_classify
from landauer.models.squid.protocols import CE
from landauer.validation import check_positive

CONTROLS = ("phi1x", "phi2x", "k1p", "k1m", "k2p", "k2m", "mu")


@njit(inline="always")
def _step(y, w):  # noqa: ANN001, ANN202
    return 1.0 / (1.0 + np.exp(-y / w))


@njit(inline="always")
def nb_energy_hp(x, c, p):  # noqa: ANN001, ANN201
    w = p[0]
    s1 = _step(x[0], w)
    s2 = _step(x[1], w)
    K1 = c[3] + (c[2] - c[3]) * s2
    K2 = c[5] + (c[4] - c[5]) * s1
    d1 = x[0] - c[0]
    d2 = x[1] - c[1]
    return 0.5 * (d1 * d1 + d2 * d2) + K1 * np.cos(x[0]) + K2 * np.cos(x[1]) + c[6] * d1 * d2


@njit(inline="always")
def nb_gradient_hp(x, c, p, g):  # noqa: ANN001, ANN201
    w = p[0]
    s1 = _step(x[0], w)
    s2 = _step(x[1], w)
    K1 = c[3] + (c[2] - c[3]) * s2
    K2 = c[5] + (c[4] - c[5]) * s1
    d1 = x[0] - c[0]
    d2 = x[1] - c[1]
    g[0] = d1 + c[6] * d2 - K1 * np.sin(x[0]) + (c[4] - c[5]) * s1 * (1.0 - s1) / w * np.cos(x[1])
    g[1] = d2 + c[6] * d1 - K2 * np.sin(x[1]) + (c[2] - c[3]) * s2 * (1.0 - s2) / w * np.cos(x[0])


@njit(inline="always")
def nb_classify_hp(x, p):  # noqa: ANN001, ANN201
    return nb_classify(x, p)


def _max_curvature(c: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    """Gershgorin bound: ``1 + |mu| + max k + |dk| (|s''| + 2 |s'|)`` with ``|s'| <= 1/(4w)``,
    ``|s''| <= 1/(6 sqrt 3 w^2)``, per row of controls."""
    w = p[0]
    k = np.abs(c[:, 2:6]).max(axis=1)
    dk = np.maximum(np.abs(c[:, 2] - c[:, 3]), np.abs(c[:, 4] - c[:, 5]))
    return float(np.max(1.0 + np.abs(c[:, 6]) + k + dk * (1.0 / (6 * np.sqrt(3) * w * w) + 0.5 / w)))


def model(*, beta: float = 2.3, width: float = 0.3) -> Model:
    """The half-plane-barrier model (rest: all barrier controls ``beta``)."""
    check_positive("width", width)
    return Model("squid-halfplane-2d", ("phi1", "phi2"), CONTROLS, nb_energy_hp, nb_gradient_hp, nb_classify_hp,
                 params={"width": width},
                 defaults={"phi1x": 0.0, "phi2x": 0.0, "k1p": beta, "k1m": beta, "k2p": beta, "k2m": beta,
                           "mu": 0.0},
                 max_curvature=_max_curvature,
                 citation="hypothetical control (landauer, issue 13); device: arXiv:2307.01926, arXiv:2406.12153")


def ce_protocol(ce: CE, *, tau: float, k_low: float = 0.9, tilt: float = 0.15, beta: float = 2.3) -> Protocol:
    """``CE(i, c, t)`` by the four-stage erasure in the control half-plane (``b_j = c``), each stage ``tau/4``:
    lower ``k_i`` there to ``k_low`` (< 1: one well along axis i), tilt ``phi_ix`` by ``tilt`` toward ``t``,
    raise ``k_i`` back to ``beta``, untilt. The preserved half-plane sees only the tilt (no fold while
    ``tilt`` is small against its barrier)."""
    check_positive("tau", tau)
    side = "p" if ce.control == 1 else "m"
    kname = f"k{ce.erased}{side}"
    xname = f"phi{ce.erased}x"
    f = tilt if ce.target == 1 else -tilt
    rest = {"phi1x": 0.0, "phi2x": 0.0, "k1p": beta, "k1m": beta, "k2p": beta, "k2m": beta, "mu": 0.0}
    q = tau / 4
    return (Protocol.start(**rest).ramp_to(q, {kname: k_low}, name=f"{ce.name} lower")
            .ramp_to(q, {xname: f}, name=f"{ce.name} tilt")
            .ramp_to(q, {kname: beta}, name=f"{ce.name} raise")
            .ramp_to(q, {xname: 0.0}, name=f"{ce.name} untilt"))
