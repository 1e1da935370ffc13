"""SI parameters of a macrospin MTJ free layer and their dimensionless scales.

Reduced units (specs/mtj.md section 2): fields ``h = H/H_K``; time ``tau = t/t0`` with
``t0 = 1/(gamma mu0 H_K)``; energies in ``k_B T``; ``sigma = K V / k_B T`` with ``K = mu0 Ms H_K / 2``;
Zeeman energy of a field ``h`` along ``m``: ``xi = mu0 Ms V H / k_B T = 2 sigma h``.

The macrospin depends only on the moment ``Ms V`` (with ``H_K``, ``alpha``, ``T``), not on how a dead
layer splits between ``Ms`` and ``V``.

References
----------
- E. C. Stoner, E. P. Wohlfarth, Phil. Trans. R. Soc. A 240, 599 (1948) (uniaxial macrospin).
- W. F. Brown, Phys. Rev. 130, 1677 (1963) (Neel-Brown time ``tau_N``).
- Wang et al., Nanoscale Adv. (2026), DOI 10.1039/D5NA01057H (Ms, mu0 H_K, stack, dead layer).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from landauer.constants import e, hbar, k_B, mu_0, mu_B
from landauer.units import Scales
from landauer.validation import (
    ParameterError,
    check_finite,
    check_positive,
    check_probability,
    check_temperature,
)

G_FACTOR = 2.00232
"""Free-electron g used everywhere (gamma = g mu_B / hbar), specs/mtj.md section 2."""


@dataclass(frozen=True)
class MTJParams:
    """Macrospin free layer in SI units.

    Energy (J): ``E = V [-K m_y^2 - mu0 Ms m.H + (mu0 Ms^2/2) sum_i N_i m_i^2]``, easy axis ``y``.

    Parameters
    ----------
    Ms : float
        Saturation magnetisation (A/m). Default 1.1e6 [seed].
    mu0_Hk : float
        Effective anisotropy field ``mu0 H_K`` (T). Default 0.08 [seed].
    diameter : float
        Lateral size (m) of the circular element. Default 50 nm [choice].
    t_nominal, t_dead : float
        Nominal free-layer thickness and magnetically dead layer (m): ``t_eff = t_nominal - t_dead``.
    alpha : float
        Gilbert damping (> 0). Default 0.01 [choice].
    temperature : float
        Bath temperature (K).
    g : float
        g-factor; ``gamma = g mu_B / hbar``.
    demag : tuple of float
        Demagnetising factors ``(N_x, N_y, N_z)`` (sum <= 1); default off (``mu0 H_K`` is effective).
    polarization : float
        Spin polarisation ``P`` for Slonczewski STT (0 < P < 1).
    current_density : float
        Charge current density ``J`` (A/m^2) for STT; 0 disables STT (default). ``J > 0`` favours
        ``m`` parallel to the reference layer (+y).
    """

    Ms: float = 1.1e6
    mu0_Hk: float = 0.08
    diameter: float = 50e-9
    t_nominal: float = 1.2e-9
    t_dead: float = 0.3e-9
    alpha: float = 0.01
    temperature: float = 300.0
    g: float = G_FACTOR
    demag: tuple[float, float, float] = (0.0, 0.0, 0.0)
    polarization: float = 0.655
    current_density: float = 0.0

    def __post_init__(self) -> None:
        check_positive("Ms", self.Ms)
        check_positive("mu0_Hk", self.mu0_Hk)
        check_positive("diameter", self.diameter)
        check_positive("t_nominal", self.t_nominal)
        check_positive("t_dead", self.t_dead, allow_zero=True)
        if self.t_dead >= self.t_nominal:
            raise ParameterError(
                f"t_dead ({self.t_dead:g} m) must be smaller than t_nominal ({self.t_nominal:g} m)"
            )
        check_positive("alpha", self.alpha)
        check_temperature(self.temperature)
        check_positive("g", self.g)
        if len(self.demag) != 3:
            raise ParameterError(f"demag needs three factors (N_x, N_y, N_z), got {self.demag!r}")
        check_positive("demag", self.demag, allow_zero=True)
        if sum(self.demag) > 1.0 + 1e-12:
            raise ParameterError(f"demag factors must sum to <= 1, got {sum(self.demag):g}")
        check_probability("polarization", self.polarization, open_interval=True)
        check_finite("current_density", self.current_density)

    @classmethod
    def from_anisotropy_constant(cls, *, K: float, **kwargs: Any) -> MTJParams:
        """Parameters with the anisotropy constant ``K`` (J/m^3) instead of ``mu0 H_K = 2K/Ms``."""
        check_positive("K", K)
        Ms = float(kwargs.pop("Ms", cls.Ms))
        return cls(Ms=Ms, mu0_Hk=2.0 * K / Ms, **kwargs)

    @classmethod
    def with_sigma(cls, sigma: float, **kwargs: Any) -> MTJParams:
        """Defaults with the diameter chosen so that ``K V / k_B T = sigma``."""
        check_positive("sigma", sigma)
        base = cls(**kwargs)
        d = base.diameter * math.sqrt(sigma / base.sigma)
        return dataclasses.replace(base, diameter=d)

    def replace(self, **changes: Any) -> MTJParams:
        return dataclasses.replace(self, **changes)

    # --- derived SI quantities -------------------------------------------------------------
    @property
    def Hk(self) -> float:
        """Anisotropy field ``H_K`` (A/m)."""
        return self.mu0_Hk / mu_0

    @property
    def K(self) -> float:
        """Uniaxial anisotropy constant ``K = mu0 Ms H_K / 2`` (J/m^3)."""
        return 0.5 * self.Ms * self.mu0_Hk

    @property
    def t_eff(self) -> float:
        """Magnetic thickness ``t_nominal - t_dead`` (m) (paper Eq. 9)."""
        return self.t_nominal - self.t_dead

    @property
    def volume(self) -> float:
        """Magnetic volume ``pi d^2 t_eff / 4`` (m^3)."""
        return math.pi * self.diameter**2 * self.t_eff / 4.0

    @property
    def moment(self) -> float:
        """Total moment ``Ms V`` (A m^2)."""
        return self.Ms * self.volume

    @property
    def gamma(self) -> float:
        """Gyromagnetic ratio ``g mu_B / hbar`` (rad s^-1 T^-1)."""
        return self.g * mu_B / hbar

    @property
    def kT(self) -> float:
        return k_B * self.temperature

    @property
    def sigma(self) -> float:
        """Barrier in kT: ``K V / k_B T``."""
        return self.K * self.volume / self.kT

    @property
    def t0(self) -> float:
        """Time unit ``1/(gamma mu0 H_K)`` (s)."""
        return 1.0 / (self.gamma * self.mu0_Hk)

    @property
    def t_rel(self) -> float:
        """In-well relaxation time ``(1 + alpha^2)/(alpha gamma mu0 H_K)`` (s)."""
        return (1.0 + self.alpha**2) / self.alpha * self.t0

    @property
    def tau_N(self) -> float:
        """Brown's free-diffusion time ``(1 + alpha^2) Ms V / (2 alpha gamma k_B T)`` (s)."""
        return (1.0 + self.alpha**2) * self.moment / (2.0 * self.alpha * self.gamma * self.kT)

    @property
    def demag_reduced(self) -> tuple[float, float, float]:
        """``(Ms/H_K) N_i``: demag coefficients of ``h_eff`` in units of ``H_K``."""
        r = self.Ms / self.Hk
        return (r * self.demag[0], r * self.demag[1], r * self.demag[2])

    @property
    def stt_aj_reduced(self) -> float:
        """Slonczewski prefactor ``hbar P J / (2 e mu0 Ms t_eff)`` in units of ``H_K`` (at ``m.p = 0``).

        The torque amplitude is ``a_J = prefactor / (1 + P^2 cos theta)`` (Slonczewski, PRB 39, 6995
        (1989), ``eta = P / (1 + P^2 cos theta)``).
        """
        aj = hbar * self.polarization * self.current_density / (2.0 * e * mu_0 * self.Ms * self.t_eff)
        return aj / self.Hk

    def scales(self) -> Scales:
        """Energy in kT, time in ``t0`` (s)."""
        return Scales(energy=self.kT, time=self.t0)

    def as_dict(self) -> dict[str, Any]:
        """SI parameters plus derived scales, for provenance."""
        d = dataclasses.asdict(self)
        d.update(sigma=self.sigma, volume_m3=self.volume, moment_Am2=self.moment, t0_s=self.t0)
        return d
