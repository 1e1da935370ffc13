"""A harmonic trap whose centre is dragged and whose stiffness is changed: the exactly solvable test bed
of optimal finite-time protocols.

``U(x; k, centre) = k (x - centre)^2 / 2`` with the stiffness ``k`` and the centre as time-dependent
controls, overdamped with mobility ``mu = 1/gamma``. Units: energies in ``k_B T``, lengths in the trap's
length scale, time in ``gamma * length^2 / k_B T``; the shipped example (``harmonic-drag``) has
``k = gamma = kT = 1`` and drags the centre from 0 to 5.

Closed forms (overdamped, starting in equilibrium, ``gamma = kT = 1`` unless stated):

- Dragging the centre from 0 to ``lambda_f`` in time ``tau`` at stiffness ``k = 1``
  (T. Schmiedl & U. Seifert, PRL 98, 108301 (2007)): the optimal protocol jumps by
  ``lambda_f / (tau + 2)`` at both ends and is linear in between, with mean work
  ``W* = lambda_f^2 / (tau + 2)``; the linear protocol costs
  ``W_lin = lambda_f^2 / tau * (1 - (1 - e^{-tau}) / tau)``.
- Changing the stiffness from ``k_i`` to ``k_f`` (same paper): with ``u = sqrt(<x^2>)`` the work is
  ``W = k_f u_f^2 / 2 - 1/2 - ln(u_f^2 k_i) / 2 + (u_f - u_i)^2 / tau`` for ``u`` linear in time, minimised
  over the final width ``u_f``: ``(k_f + 2/tau) u_f^2 - (2 u_i / tau) u_f - 1 = 0``.
- Friction tensor of slow driving (D. A. Sivak & G. E. Crooks, PRL 108, 190602 (2012)):
  ``zeta_cc = gamma`` for the centre, ``zeta_kk = gamma kT / (4 k^3)`` for the stiffness, ``zeta_ck = 0``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numpy.typing import NDArray

from landauer.validation import check_positive

CONTROLS = ("k", "centre")
CITATION = "T. Schmiedl & U. Seifert, PRL 98, 108301 (2007); D. A. Sivak & G. E. Crooks, PRL 108, 190602 (2012)"


@njit(inline="always")
def energy(x, c, p):  # noqa: ANN001, ANN201
    """``U = k (x - centre)^2 / 2`` with controls ``c = (k, centre)``; no fixed parameters."""
    d = x[0] - c[1]
    return 0.5 * c[0] * d * d


@njit(inline="always")
def gradient(x, c, p, g):  # noqa: ANN001, ANN201
    g[0] = c[0] * (x[0] - c[1])


@njit(inline="always")
def classify(x, p):  # noqa: ANN001, ANN201
    """State 1 right of the origin, 0 left of it (the trap has no memory; this is for bookkeeping)."""
    return 0 if x[0] < 0.0 else 1


def max_curvature(c_knots: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    """The curvature ``U'' = k``: its largest value over the run's controls."""
    return float(np.max(np.asarray(c_knots)[:, 0]))


def drag_optimal_work(lam_f: float, tau: float) -> float:
    """Schmiedl-Seifert optimal mean work ``lambda_f^2 / (tau + 2)`` (kT; k = gamma = kT = 1)."""
    check_positive("tau", tau)
    return lam_f**2 / (tau + 2.0)


def drag_optimal_jump(lam_f: float, tau: float) -> float:
    """Size of the optimal protocol's jumps at both ends, ``lambda_f / (tau + 2)``."""
    check_positive("tau", tau)
    return lam_f / (tau + 2.0)


def drag_optimal_centre(t: NDArray[np.float64] | float, lam_f: float, tau: float) -> NDArray[np.float64]:
    """The optimal centre ``lambda*(t) = lambda_f (t + 1) / (tau + 2)`` for ``0 < t < tau`` (0 before,
    ``lambda_f`` after)."""
    tt = np.asarray(t, dtype=float)
    inner = lam_f * (tt + 1.0) / (tau + 2.0)
    return np.where(tt <= 0.0, 0.0, np.where(tt >= tau, lam_f, inner))


def drag_linear_work(lam_f: float, tau: float) -> float:
    """Mean work of the linear drag ``lambda_f^2 / tau (1 - (1 - e^{-tau}) / tau)`` (kT; k = gamma = kT = 1)."""
    check_positive("tau", tau)
    return lam_f**2 / tau * (1.0 - (1.0 - math.exp(-tau)) / tau)


def stiffness_optimal_final_width(k_i: float, k_f: float, tau: float) -> float:
    """Final width ``u_f = sqrt(<x^2>(tau))`` of the optimal stiffness change (gamma = kT = 1)."""
    check_positive("k_i", k_i)
    check_positive("k_f", k_f)
    check_positive("tau", tau)
    u_i = 1.0 / math.sqrt(k_i)
    a = k_f + 2.0 / tau
    b = 2.0 * u_i / tau
    return (b + math.sqrt(b * b + 4.0 * a)) / (2.0 * a)


def stiffness_optimal_work(k_i: float, k_f: float, tau: float) -> float:
    """Schmiedl-Seifert optimal mean work of a stiffness change ``k_i -> k_f`` in ``tau`` (kT; gamma = 1).

    ``W = k_f u_f^2/2 - 1/2 - ln(k_i u_f^2)/2 + (u_f - u_i)^2/tau`` at the optimal final width ``u_f``.
    As ``tau -> inf`` it tends to ``Delta F = ln(k_f/k_i)/2``.
    """
    u_i = 1.0 / math.sqrt(k_i)
    u_f = stiffness_optimal_final_width(k_i, k_f, tau)
    return 0.5 * k_f * u_f**2 - 0.5 - 0.5 * math.log(k_i * u_f**2) + (u_f - u_i) ** 2 / tau


def stiffness_optimal_protocol(
    t: NDArray[np.float64] | float, k_i: float, k_f: float, tau: float
) -> NDArray[np.float64]:
    """Optimal ``k(t) = (1 - u u') / u^2`` with ``u`` linear from ``u_i`` to ``u_f`` (``0 < t < tau``)."""
    tt = np.asarray(t, dtype=float)
    u_i = 1.0 / math.sqrt(k_i)
    u_f = stiffness_optimal_final_width(k_i, k_f, tau)
    du = (u_f - u_i) / tau
    u = u_i + du * tt
    inner = (1.0 - u * du) / (u * u)
    return np.where(tt <= 0.0, k_i, np.where(tt >= tau, k_f, inner))


def friction_centre(gamma: float = 1.0) -> float:
    """Sivak-Crooks friction ``zeta`` of the centre control: ``gamma`` (independent of k)."""
    return gamma


def friction_stiffness(k: float, *, gamma: float = 1.0, kT: float = 1.0) -> float:
    """Sivak-Crooks friction of the stiffness control: ``gamma kT / (4 k^3)``."""
    check_positive("k", k)
    return gamma * kT / (4.0 * k**3)


def make_model() -> object:
    """The engine model (controls ``k``, ``centre``; rest values ``k = 1``, ``centre = 0``)."""
    from landauer.optimise._engine import build_model

    return build_model(
        name="harmonic-trap", coordinates=("x",), controls=CONTROLS, energy=energy, gradient=gradient,
        classify=classify, params={}, defaults={"k": 1.0, "centre": 0.0}, max_curvature=max_curvature,
        citation=CITATION,
    )
