"""Integrators the engine offers, their weak orders and their step-size limits.

- ``OVERDAMPED_EULER``: Euler-Maruyama for ``dx = -mu grad U dt + sqrt(2 mu kT) dB``; weak order 1.
  Its discrete stationary law for a harmonic well has variance ``(kT/k)/(1 - mu k dt/2)``.
- ``OVERDAMPED_LM``: Leimkuhler-Matthews ``x += -mu grad U dt + sqrt(2 mu kT dt) (xi_k + xi_{k+1})/2``;
  same cost as Euler, weak order 1 in time but second order for configurational (Boltzmann) averages,
  so quasi-static work converges with an O(dt^2) instead of O(dt) bias (Leimkuhler & Matthews,
  AMRX 2013; Leimkuhler, Matthews, Stoltz, IMA J. Numer. Anal. 36, 13 (2016)).
- ``BAOAB``: Leimkuhler-Matthews splitting for ``dx = p/m dt``, ``dp = (-grad U - gamma p/m) dt +
  sqrt(2 gamma kT) dB``; weak order 2, exact configurational sampling for harmonic wells. Its
  deterministic B/A sub-steps do shadow work, recorded separately
  (Sivak, Chodera, Crooks, PRX 3, 011007 (2013)).
- ``UNDERDAMPED_EULER``: Euler-Maruyama for the same underdamped SDE; weak order 1; the readable
  reference.

References: B. Leimkuhler, C. Matthews, AMRX 2013, 34 (2013); P. E. Kloeden, E. Platen, Numerical
Solution of SDEs (Springer 1992).
"""

from __future__ import annotations

import enum
import math
import warnings

import numpy as np
from numpy.typing import NDArray

from landauer.validation import ParameterError


class Integrator(enum.Enum):
    OVERDAMPED_EULER = "overdamped-euler"
    OVERDAMPED_LM = "overdamped-lm"
    BAOAB = "baoab"
    UNDERDAMPED_EULER = "underdamped-euler"

    @property
    def weak_order(self) -> int:
        return 2 if self is Integrator.BAOAB else 1

    @property
    def underdamped(self) -> bool:
        return self not in (Integrator.OVERDAMPED_EULER, Integrator.OVERDAMPED_LM)

    @classmethod
    def parse(cls, value: str | Integrator) -> Integrator:
        if isinstance(value, Integrator):
            return value
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            raise ParameterError(f"unknown integrator {value!r}; choose one of {choices}") from None


# Stability/accuracy thresholds on the dimensionless step (see check_step).
WARN_STEP = 0.1
MAX_STEP = 0.5


def check_step(
    integrator: Integrator,
    *,
    dt: float,
    max_curvature: float,
    mobility: NDArray[np.float64] | None = None,
    mass: NDArray[np.float64] | None = None,
    friction: NDArray[np.float64] | None = None,
) -> float:
    """Reject (or warn about) a time step too large for the stiffest curvature of the landscape.

    Overdamped: ``h = dt * mu * k_max``. Underdamped: ``h = dt * sqrt(k_max / m)`` (the fastest
    oscillation), and for Euler also ``dt * gamma / m``. ``h > 0.5`` raises ``ParameterError``;
    ``h > 0.1`` warns (discretisation bias of several per cent). Returns ``h``.
    """
    if not math.isfinite(max_curvature):
        raise ParameterError("the landscape's curvature is not finite for these controls")
    k = max(float(max_curvature), 0.0)
    if not integrator.underdamped:
        assert mobility is not None
        h = dt * float(np.max(mobility)) * k
        what = "dt * mobility * max curvature"
    else:
        assert mass is not None and friction is not None
        h = dt * math.sqrt(k / float(np.min(mass)))
        what = "dt * sqrt(max curvature / mass)"
        if integrator is Integrator.UNDERDAMPED_EULER:
            hg = dt * float(np.max(friction / mass))
            if hg > h:
                h, what = hg, "dt * friction / mass"
    if h > MAX_STEP:
        raise ParameterError(
            f"time step dt = {dt:g} is unstable: {what} = {h:.3g} > {MAX_STEP} (reduce dt)"
        )
    if h > WARN_STEP:
        warnings.warn(
            f"time step dt = {dt:g} is coarse: {what} = {h:.3g} > {WARN_STEP}; expect discretisation bias",
            stacklevel=3,
        )
    return h
