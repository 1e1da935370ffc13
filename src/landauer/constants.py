"""Physical constants (from :mod:`scipy.constants` only) and thermal energy scales.

Nothing here is settable; there is no global unit mode. All energies are in joules (SI).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import constants as _c

from landauer.validation import check_temperature

k_B: float = _c.k
"""Boltzmann constant, J/K."""
e: float = _c.e
"""Elementary charge, C."""
h: float = _c.h
"""Planck constant, J s."""
hbar: float = _c.hbar
"""Reduced Planck constant, J s."""
mu_0: float = _c.mu_0
"""Vacuum permeability, N/A^2."""
mu_B: float = _c.physical_constants["Bohr magneton"][0]
"""Bohr magneton, J/T."""
gamma_e: float = _c.physical_constants["electron gyromag. ratio"][0]
"""Electron gyromagnetic ratio (magnitude), rad/(s T)."""
Phi_0: float = _c.physical_constants["mag. flux quantum"][0]
"""Magnetic flux quantum h/2e, Wb."""
LN2: float = math.log(2.0)

ZEPTO: float = 1e-21
"""One zeptojoule in joules."""


def kT(temperature: float) -> float:
    """Thermal energy ``k_B T`` in joules.

    Parameters
    ----------
    temperature : float
        Absolute temperature in kelvin; must be finite and > 0.

    Examples
    --------
    >>> round(kT(300.0) / 1e-21, 4)
    4.1419
    """
    check_temperature(temperature)
    return k_B * float(temperature)


def landauer_bound(temperature: float) -> float:
    """Landauer's minimum work to erase one bit, ``k_B T ln 2``, in joules.

    Reference: R. Landauer, IBM J. Res. Dev. 5, 183 (1961).

    Examples
    --------
    >>> round(landauer_bound(300.0) / 1e-21, 3)
    2.871
    """
    return kT(temperature) * LN2


def to_zJ(energy_J: float | np.ndarray) -> float | np.ndarray:
    """Joules -> zeptojoules."""
    return energy_J / ZEPTO


def to_eV(energy_J: float | np.ndarray) -> float | np.ndarray:
    """Joules -> electronvolts."""
    return energy_J / e


def to_kT(energy_J: float | np.ndarray, temperature: float) -> float | np.ndarray:
    """Joules -> units of ``k_B T`` at ``temperature``."""
    return energy_J / kT(temperature)


def to_kTln2(energy_J: float | np.ndarray, temperature: float) -> float | np.ndarray:
    """Joules -> units of ``k_B T ln 2`` (bits' worth of Landauer cost) at ``temperature``."""
    return energy_J / landauer_bound(temperature)


def from_kT(energy_kT: float | np.ndarray, temperature: float) -> float | np.ndarray:
    """Units of ``k_B T`` -> joules."""
    return energy_kT * kT(temperature)
