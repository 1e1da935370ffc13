"""Dissipation of a terminate gate with junction mismatch, and Landauer efficiency.

All signals of a terminate are zero, so only the junction asymmetry matters [seed]. It adds
``E_J (dI_1 - dI_2) sin(theta) sin(phi)`` to Eq. 1 and tilts the symmetric double well by
``eps = 2 E_J |dI_1 - dI_2| sin(theta_w) sin(phi_w)`` between the wells at ``(+-theta_w, phi_w)``.

Models of the mean dissipation per cycle:

- paper: the threshold-form tilt ``eps = Phi_0 I_c |dI_1 - dI_2| / 2`` (Eq. 3 with Eq. 4's junction
  term), paid half the time (upper well): ``<E> = <eps>/2`` with ``<|dI_1 - dI_2|> = 2 sigma_J/sqrt(pi)``;
- two-state quasi-static cycle [derived]: a bit with occupancies ``(p_up, p_down)`` thermalised in a
  double well tilted by ``eps`` and recompressed costs
  ``<E> = kT ln[2 cosh(eps/2kT)] + (p_up - p_down) eps/2`` (``kT ln 2`` as eps -> 0, ``eps/2`` for eps >> kT);
- the tilt that matters is the one when the state thermalises (barrier ~ a few kT), far smaller than the
  crossing value: near the bifurcation ``theta_w`` is small, and at full excitation ``phi = pi`` makes
  ``sin(phi) = 0``. :func:`freeze_out_tilt` computes it from the exact reduced potential.

Efficiency ``eta = kT ln 2 / <E>``. Paper: "about 7x" the limit, "15 % Landauer efficiency" [seed].

Reference: Q. Herr, arXiv:2504.04284 (2025), supplemental; specs/aqfp.md section 5.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from landauer.constants import LN2, Phi_0
from landauer.models.aqfp.params import AqfpParams
from landauer.models.aqfp.potential import ReducedPotential
from landauer.validation import ParameterError, check_positive, check_probability

Array = NDArray[np.float64]
FULL = 2.0 * math.pi


def mean_abs_difference(sigma_J: float) -> float:
    """``E|dI_1 - dI_2| = 2 sigma_J / sqrt(pi)`` for independent ``N(0, sigma_J^2)`` excursions."""
    check_positive("sigma_J", sigma_J, allow_zero=True)
    return 2.0 * sigma_J / math.sqrt(math.pi)


def two_state_energy(eps_kT: ArrayLike, *, p_up: float = 0.5) -> Array:
    """Mean energy (kT) of a quasi-static thermalise-and-recompress cycle of a bit in a double well
    tilted by ``eps``: ``ln[2 cosh(eps/2)] + (p_up - p_down) eps/2``."""
    check_probability("p_up", p_up)
    e = np.abs(np.asarray(eps_kT, float))
    log2cosh = 0.5 * e + np.log1p(np.exp(-e))  # ln(2 cosh(e/2)), overflow-free
    return np.asarray(log2cosh + (2.0 * p_up - 1.0) * 0.5 * e)


def asymmetric_energy(theta: ArrayLike, phi: ArrayLike, *, params: AqfpParams, phix: float,
                      d1: float, d2: float, theta_s: float = 0.0) -> Array:
    """Eq. 1 with junction excursions: ``-(1+d1) cos(theta+phi) - (1+d2) cos(theta-phi) + ...`` (E_J)."""
    t, p = np.asarray(theta, float), np.asarray(phi, float)
    return (-(1.0 + d1) * np.cos(t + p) - (1.0 + d2) * np.cos(t - p)
            + (p - 0.5 * phix) ** 2 / params.beta_L + (t - theta_s) ** 2 / params.B)


def side_barrier(rp: ReducedPotential, phix: float) -> tuple[float, float, float] | None:
    """``(barrier, theta_w, phi_w)`` of the positive well of the symmetric gate (``theta_s = 0``): the
    barrier to the nearest maximum inside it, or ``None`` if there is no well at ``theta > 0``."""
    st = rp.stationary(phix=phix, points=1201)
    if st.n_minima == 0 or st.minima[-1] <= 1e-9:
        return None
    tw = float(st.minima[-1])
    inside = st.maxima[st.maxima < tw]
    if inside.size == 0:
        return None
    k = int(np.argmax(inside))
    top = float(st.maxima_energy[st.maxima < tw][k])
    return top - float(st.minima_energy[-1]), tw, float(rp.phi_star(tw, phix=phix))


def freeze_out_tilt(params: AqfpParams, *, barrier_kT: float) -> tuple[float, float]:
    """Tilt per unit ``|dI_1 - dI_2|`` (in kT) when the barrier of the symmetric terminate, falling with
    the exciter, equals ``barrier_kT``; returns ``(tilt_kT_per_unit_delta, phix)``."""
    check_positive("barrier_kT", barrier_kT)
    rp = ReducedPotential.from_params(params)
    target = barrier_kT / params.ej_over_kT

    def excess(phx: float) -> float:
        sb = side_barrier(rp, phx)
        return -target if sb is None else sb[0] - target

    if excess(FULL) < 0:
        raise ParameterError(f"the fully excited barrier is below {barrier_kT:g} kT")
    grid = np.linspace(FULL, math.pi, 41)
    vals = np.array([excess(g) for g in grid])
    k = int(np.argmax(vals < 0))
    if k == 0:
        raise ParameterError("the barrier never falls to the requested height")
    phx = optimize.brentq(excess, grid[k], grid[k - 1], xtol=1e-12)
    sb = side_barrier(rp, phx + 1e-12)
    assert sb is not None
    _, tw, pw = sb
    return 2.0 * params.ej_over_kT * math.sin(tw) * abs(math.sin(pw)), phx


def mismatch_average(tilt_per_delta_kT: float, sigma_J: float, *, p_up: float = 0.5, points: int = 4001
                     ) -> float:
    """``E_delta[two_state_energy(tilt |delta|)]`` (kT) with ``delta = dI_1 - dI_2 ~ N(0, 2 sigma_J^2)``."""
    s = math.sqrt(2.0) * sigma_J
    if s == 0:
        return float(two_state_energy(0.0, p_up=p_up))
    x = np.linspace(0.0, 12.0, points)  # |delta| / s, half-normal density 2 phi(x)
    w = np.full(points, x[1] - x[0])
    w[0] = w[-1] = 0.5 * (x[1] - x[0])
    dens = 2.0 * np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    return float(np.sum(w * dens * two_state_energy(tilt_per_delta_kT * s * x, p_up=p_up)))


@dataclass(frozen=True)
class TerminateDissipation:
    """Mean dissipation per cycle (kT) of a mismatched terminate under several models."""

    sigma_J: float
    mean_abs_delta: float
    paper_tilt_kT: float  # <eps> with the threshold form Phi_0 I_c |delta| / 2
    paper_energy_kT: float  # <eps>/2
    paper_ratio: float  # paper_energy / ln 2
    paper_efficiency: float
    crossing_energy_kT: float  # exact-crossing junction term (factor 2/pi), paid half the time
    two_state_paper_tilt_kT: float  # <kT ln 2cosh(eps/2kT)> with the paper's tilt
    freeze_barrier_kT: float
    freeze_phix: float
    freeze_tilt_per_delta_kT: float
    two_state_freeze_kT: float  # <kT ln 2cosh(eps_f/2kT)> with the tilt at freeze-out
    two_state_freeze_ratio: float
    two_state_freeze_efficiency: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def terminate_dissipation(params: AqfpParams, *, sigma_J: float = 0.01, freeze_barrier_kT: float = 3.0,
                          dynamics_params: AqfpParams | None = None) -> TerminateDissipation:
    """All terminate models. The freeze-out tilt uses ``dynamics_params`` (the supercritical set) when
    given: the subcritical static set has no continuous thermalisation."""
    mad = mean_abs_difference(sigma_J)
    unit_paper = Phi_0 * params.critical_current / 2.0 / params.kT  # kT per unit |delta|
    eps = unit_paper * mad
    e_paper = 0.5 * eps
    pf = dynamics_params or params
    k_f, phx = freeze_out_tilt(pf, barrier_kT=freeze_barrier_kT)
    e_f = mismatch_average(k_f, sigma_J)
    return TerminateDissipation(
        sigma_J=sigma_J, mean_abs_delta=mad, paper_tilt_kT=eps, paper_energy_kT=e_paper,
        paper_ratio=e_paper / LN2, paper_efficiency=LN2 / e_paper,
        crossing_energy_kT=e_paper * 2.0 / math.pi,
        two_state_paper_tilt_kT=mismatch_average(unit_paper, sigma_J),
        freeze_barrier_kT=freeze_barrier_kT, freeze_phix=phx, freeze_tilt_per_delta_kT=k_f,
        two_state_freeze_kT=e_f, two_state_freeze_ratio=e_f / LN2, two_state_freeze_efficiency=LN2 / e_f,
    )
