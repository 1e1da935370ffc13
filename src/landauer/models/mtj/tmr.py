"""Tunnelling-magnetoresistance readout of the free layer (reference layer rigid along +y).

``cos theta = m.p`` with ``p = +y``. Two angular forms (record which one is used):

- ``"conductance"`` (default; Slonczewski, PRB 39, 6995 (1989)): ``G = G0 (1 + P1 P2 cos theta)``, i.e.
  ``R(theta) = 2 R_P R_AP / [(R_AP + R_P) + (R_AP - R_P) cos theta]``; ``R(pi/2) = 2 R_P R_AP/(R_P + R_AP)``.
- ``"linear"``: ``R = R_P + (R_AP - R_P)(1 - cos theta)/2``; ``R(pi/2) = (R_P + R_AP)/2``.

Julliere, Phys. Lett. A 54, 225 (1975): ``TMR = (R_AP - R_P)/R_P = 2 P1 P2 / (1 - P1 P2)``; for equal
polarisations ``P^2 = TMR/(TMR + 2)`` (150 % gives P = 0.655).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import check_choice, check_positive, check_probability

TMRForm = Literal["conductance", "linear"]


def julliere_tmr(p1: float, p2: float) -> float:
    """``TMR = 2 P1 P2 / (1 - P1 P2)`` (fraction, not %)."""
    check_probability("P1", p1, open_interval=True)
    check_probability("P2", p2, open_interval=True)
    return 2.0 * p1 * p2 / (1.0 - p1 * p2)


def polarization_from_tmr(tmr: float) -> float:
    """Equal-electrode polarisation ``P = sqrt(TMR/(TMR + 2))`` for a TMR ratio (fraction)."""
    check_positive("tmr", tmr)
    return math.sqrt(tmr / (tmr + 2.0))


def resistance(
    cos_theta: ArrayLike, *, tmr: float = 1.5, r_p: float = 1.0, form: TMRForm = "conductance"
) -> NDArray[np.float64]:
    """Junction resistance (units of ``r_p``'s unit) at ``cos theta = m.p``.

    Parameters
    ----------
    cos_theta : array_like
        ``m_y`` for a reference layer along +y; clipped to [-1, 1].
    tmr : float
        ``(R_AP - R_P)/R_P`` as a fraction (1.5 = 150 %).
    r_p : float
        Parallel resistance.
    form : {"conductance", "linear"}
        Angular dependence (module docstring).
    """
    check_positive("tmr", tmr)
    check_positive("r_p", r_p)
    check_choice("TMR form", form, ("conductance", "linear"))
    c = np.clip(np.asarray(cos_theta, dtype=float), -1.0, 1.0)
    r_ap = r_p * (1.0 + tmr)
    if form == "conductance":
        return np.asarray(2.0 * r_p * r_ap / ((r_ap + r_p) + (r_ap - r_p) * c))
    return np.asarray(r_p + (r_ap - r_p) * (1.0 - c) / 2.0)


def tmr_signal(cos_theta: ArrayLike, *, tmr: float = 1.5, form: TMRForm = "conductance") -> NDArray[np.float64]:
    """``(R - R_P)/R_P`` at ``cos theta`` (fraction)."""
    return resistance(cos_theta, tmr=tmr, r_p=1.0, form=form) - 1.0
