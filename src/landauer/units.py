"""Dimensionless scales: convert SI quantities to the units a model integrates in, and back.

Every substrate integrates in dimensionless variables (energy in units of ``energy``, time in units of
``time``, lengths or coordinates in units of ``length``) and converts only at its boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

from landauer.constants import k_B
from landauer.validation import check_positive, check_temperature


@dataclass(frozen=True)
class Scales:
    """Reference scales for SI <-> dimensionless conversion.

    Parameters
    ----------
    energy : float
        Energy unit in J (e.g. ``k_B T``, the barrier height, or ``Phi_0 I_c / 2 pi``).
    time : float
        Time unit in s.
    length : float
        Coordinate unit (m, rad, or 1 for coordinates that are already dimensionless).

    Examples
    --------
    >>> s = Scales.thermal(300.0, time=1e-9)
    >>> round(s.energy_to_si(1.0) / 1e-21, 4)
    4.1419
    """

    energy: float
    time: float
    length: float = 1.0

    def __post_init__(self) -> None:
        check_positive("energy scale", self.energy)
        check_positive("time scale", self.time)
        check_positive("length scale", self.length)

    @classmethod
    def thermal(cls, temperature: float, *, time: float, length: float = 1.0) -> Scales:
        """Scales whose energy unit is ``k_B T`` at ``temperature`` (K)."""
        check_temperature(temperature)
        return cls(energy=k_B * temperature, time=time, length=length)

    def energy_to_si(self, value: float) -> float:
        return value * self.energy

    def energy_from_si(self, value: float) -> float:
        return value / self.energy

    def time_to_si(self, value: float) -> float:
        return value * self.time

    def time_from_si(self, value: float) -> float:
        return value / self.time

    def length_to_si(self, value: float) -> float:
        return value * self.length

    def length_from_si(self, value: float) -> float:
        return value / self.length

    def kT(self, temperature: float) -> float:
        """Thermal energy at ``temperature`` in units of ``energy``."""
        check_temperature(temperature)
        return k_B * temperature / self.energy
