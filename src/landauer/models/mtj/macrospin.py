"""The MTJ free layer as an engine model on the unit sphere (reduced units), and its dynamics settings.

Energy in kT, fields in units of ``H_ref`` (``H_K`` by default), time in ``t0 = 1/(gamma mu0 H_ref)``::

    beta E(m; h) = -zeta [k_a m_y^2 / 2 + h.m - (1/2) sum_i d_i m_i^2],     zeta = mu0 Ms V H_ref / kT,

easy axis ``y`` (the reference layer's direction), applied field ``h = (hx, hy, hz)`` the controls,
``zeta``, ``k_a`` and the demagnetising factors ``d_i = (Ms/H_ref) N_i`` the parameters. With
``H_ref = H_K``: ``k_a = 1`` and ``zeta = 2 sigma`` (``sigma = K V / kT``). The engine integrates it with
:class:`landauer.engine.sphere.SphereLangevin` (moment ``zeta``, kT = 1), so the thermal-field variance is
``2 alpha / (zeta dt)`` (Brown, PRB 130, 1677 (1963)). The logical bit is ``1`` when ``m_y >= y_threshold``
(0 by default; first-passage runs to an absorbing level such as ``m_y = -0.5`` set it there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.engine.sphere import SphereLangevin
from landauer.models.mtj.params import MTJParams
from landauer.validation import check_finite, check_positive

CONTROLS = ("hx", "hy", "hz")
PARAMS = ("zeta", "ka", "dx", "dy", "dz", "y_threshold")


@njit(cache=True)
def energy(m, c, p):  # noqa: ANN001, ANN201
    """``beta E(m; h)`` in kT (module docstring); ``c = (hx, hy, hz)``, ``p`` in :data:`PARAMS` order."""
    return -p[0] * (
        0.5 * p[1] * m[1] * m[1]
        + c[0] * m[0]
        + c[1] * m[1]
        + c[2] * m[2]
        - 0.5 * (p[2] * m[0] * m[0] + p[3] * m[1] * m[1] + p[4] * m[2] * m[2])
    )


@njit(cache=True)
def gradient(m, c, p, g):  # noqa: ANN001, ANN201
    """``d(beta E)/dm = -zeta h_eff`` written into ``g``."""
    g[0] = -p[0] * (c[0] - p[2] * m[0])
    g[1] = -p[0] * (c[1] + (p[1] - p[3]) * m[1])
    g[2] = -p[0] * (c[2] - p[4] * m[2])


@njit(cache=True)
def classify(m, p):  # noqa: ANN001, ANN201
    """Bit 1 if ``m_y >= y_threshold`` (P state for the default threshold 0), else 0."""
    return 1 if m[1] >= p[5] else 0


def max_field_gradient(c_knots: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    """Bound on ``|d(beta E)/dm|`` over the sphere: ``zeta (max|h| + k_a + max d)``."""
    h = float(np.max(np.linalg.norm(np.atleast_2d(c_knots), axis=1)))
    return float(p[0] * (h + abs(p[1]) + max(abs(p[2]), abs(p[3]), abs(p[4]))))


@dataclass(frozen=True)
class ReducedMacrospin:
    """The dimensionless macrospin.

    Parameters
    ----------
    zeta : float
        ``mu0 Ms V H_ref / kT``: Zeeman energy (kT) of a unit reduced field (``2 sigma`` when H_ref = H_K).
    alpha : float
        Gilbert damping.
    ka : float
        Anisotropy field in units of ``H_ref`` (1 when H_ref = H_K; 0 for an isotropic spin).
    demag : tuple of float
        ``(Ms/H_ref) N_i``.
    stt_a0, stt_b, stt_p2 : float
        Slonczewski prefactor ``a0`` and field-like ``b`` (units of ``H_ref``) and ``P^2``; the
        polarisation is along the reference layer ``+y``.
    """

    zeta: float
    alpha: float
    ka: float = 1.0
    demag: tuple[float, float, float] = (0.0, 0.0, 0.0)
    stt_a0: float = 0.0
    stt_b: float = 0.0
    stt_p2: float = 0.0

    def __post_init__(self) -> None:
        check_positive("zeta", self.zeta)
        check_positive("alpha", self.alpha)
        check_positive("ka", self.ka, allow_zero=True)
        check_positive("demag", self.demag, allow_zero=True)
        check_finite("stt_a0", self.stt_a0)
        check_finite("stt_b", self.stt_b)
        check_positive("stt_p2", self.stt_p2, allow_zero=True)

    @classmethod
    def from_params(cls, params: MTJParams) -> ReducedMacrospin:
        """Reduce with ``H_ref = H_K``."""
        return cls(
            zeta=2.0 * params.sigma,
            alpha=params.alpha,
            ka=1.0,
            demag=params.demag_reduced,
            stt_a0=params.stt_aj_reduced,
            stt_p2=params.polarization**2,
        )

    @property
    def sigma(self) -> float:
        """Anisotropy energy ``K V / kT = zeta ka / 2``."""
        return 0.5 * self.zeta * self.ka

    @property
    def stt_on(self) -> bool:
        return self.stt_a0 != 0.0 or self.stt_b != 0.0

    def model(self, *, y_threshold: float = 0.0) -> Model:
        """The engine model (energies in kT); ``y_threshold`` sets the bit boundary (see module docstring)."""
        d = self.demag
        return Model(
            name="mtj-macrospin",
            coordinates=("mx", "my", "mz"),
            controls=CONTROLS,
            energy=energy,
            gradient=gradient,
            classify=classify,
            params=dict(zip(PARAMS, (self.zeta, self.ka, d[0], d[1], d[2], float(y_threshold)), strict=True)),
            defaults={"hx": 0.0, "hy": 0.0, "hz": 0.0},
            max_curvature=max_field_gradient,
            citation="Wang et al., Nanoscale Adv. (2026), DOI 10.1039/D5NA01057H; Brown, PRB 130, 1677 (1963)",
        )

    def dynamics(self, dtau: float = 0.01) -> SphereLangevin:
        """Stochastic-Heun sLLG settings: moment ``zeta``, kT = 1, STT along ``+y``."""
        return SphereLangevin(
            alpha=self.alpha, dt=dtau, kT=1.0, moment=self.zeta, stt_a0=self.stt_a0, stt_b=self.stt_b,
            stt_p2=self.stt_p2,
        )
