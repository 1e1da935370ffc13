"""SI parameters of two identical inductively coupled CJJ rf-SQUIDs and their dimensionless set.

Device: Pratt, Ray, Crutchfield, arXiv:2307.01926 and arXiv:2406.12153 (the CE paper), Eq. 2.
Each SQUID has an rf loop of inductance ``L``, a dc loop of inductance ``ell`` closed by two junctions
with critical currents ``Ic1``, ``Ic2`` (RCSJ: each junction ``C/2`` and ``R``), and the two SQUIDs
couple through a mutual inductance ``M12`` (the coupler's value during a CE).

Dimensionless set (specs/squid_ce.md sections 3-4)::

    U0 = Phi0^2 / (4 pi^2 L)              energy unit (J)
    t_c = sqrt(L C)                        time unit (s)
    kappa' = k_B T / U0                    thermal energy in U0;  U0/kT = 7845/(L[pH] T[K])
    beta = 2 pi L (Ic1 + Ic2) / Phi0       barrier parameter
    dbeta = 2 pi L (Ic1 - Ic2) / Phi0      junction asymmetry
    gamma = L / (2 ell)                    dc-loop stiffness (not damping)
    mu = M12 / L                           coupling (L1 = L2 = L)
    gamma' = 2 sqrt(L/C) / R               damping rate in 1/t_c

Flux coordinates ``phi = 2 pi Phi / Phi0`` are shifted by pi (hence the ``+beta cos`` term).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from landauer.constants import Phi_0, k_B
from landauer.units import Scales
from landauer.validation import ParameterError, check_finite, check_positive, check_temperature

PH = 1e-12
"""One picohenry in henry."""


@dataclass(frozen=True)
class SquidParams:
    """Circuit parameters in SI (identical SQUIDs).

    Parameters
    ----------
    L : float
        rf-loop inductance, H.
    C : float
        Total junction capacitance of one SQUID (two junctions of ``C/2``), F.
    R : float
        Shunt resistance of each junction, ohm (the pair gives friction ``2/R`` on ``phi``).
    T : float
        Bath temperature, K.
    Ic1, Ic2 : float
        Critical currents of the two junctions of each dc loop, A.
    ell : float
        dc-loop inductance, H.
    M12 : float
        Mutual inductance between the rf loops during a CE (the coupler's amplitude), H (>= 0).
    """

    L: float = 10 * PH
    C: float = 500e-15
    R: float = 30.0
    T: float = 4.2
    Ic1: float = 0.5 * 2.3 * Phi_0 / (2 * math.pi * 10 * PH)
    Ic2: float = 0.5 * 2.3 * Phi_0 / (2 * math.pi * 10 * PH)
    ell: float = 10 * PH / 40
    M12: float = 0.06 * 10 * PH

    def __post_init__(self) -> None:
        for name in ("L", "C", "R", "Ic1", "Ic2", "ell"):
            check_positive(name, getattr(self, name))
        check_temperature(self.T, "T")
        check_finite("M12", self.M12)
        if not 0 <= self.M12 < self.L:
            raise ParameterError(f"M12 must satisfy 0 <= M12 < L (|mu| < 1), got M12 = {self.M12!r} H")

    @classmethod
    def from_dimensionless(cls, *, L: float, C: float, R: float, T: float, beta: float = 2.3,
                           dbeta: float = 0.0, gamma: float = 20.0, mu: float = 0.06) -> SquidParams:
        """Build from ``L, C, R, T`` (SI) and ``beta, dbeta, gamma, mu`` (dimensionless)."""
        check_positive("L", L)
        check_positive("beta", beta)
        check_positive("gamma", gamma)
        check_finite("dbeta", dbeta)
        if abs(dbeta) >= beta:
            raise ParameterError(f"|dbeta| must be < beta (both critical currents > 0), got {dbeta!r}")
        i_sum = beta * Phi_0 / (2 * math.pi * L)
        i_dif = dbeta * Phi_0 / (2 * math.pi * L)
        return cls(L=L, C=C, R=R, T=T, Ic1=0.5 * (i_sum + i_dif), Ic2=0.5 * (i_sum - i_dif),
                   ell=L / (2 * gamma), M12=mu * L)

    def with_(self, **changes: float) -> SquidParams:
        """A copy with SI fields replaced, or with ``beta``/``dbeta``/``gamma``/``mu`` re-imposed."""
        dimless = {k: changes.pop(k) for k in ("beta", "dbeta", "gamma", "mu") if k in changes}
        base = replace(self, **changes) if changes else self
        if not dimless:
            return base
        d = {"beta": base.beta, "dbeta": base.dbeta, "gamma": base.gamma, "mu": base.mu, **dimless}
        return SquidParams.from_dimensionless(L=base.L, C=base.C, R=base.R, T=base.T, **d)

    # dimensionless set ---------------------------------------------------------------------
    @property
    def beta(self) -> float:
        return 2 * math.pi * self.L * (self.Ic1 + self.Ic2) / Phi_0

    @property
    def dbeta(self) -> float:
        return 2 * math.pi * self.L * (self.Ic1 - self.Ic2) / Phi_0

    @property
    def gamma(self) -> float:
        return self.L / (2 * self.ell)

    @property
    def mu(self) -> float:
        return self.M12 / self.L

    @property
    def xi(self) -> float:
        """``1/(1 - mu^2)``, dropped (set to 1) in the reduced 2-D potential."""
        return 1.0 / (1.0 - self.mu**2)

    @property
    def damping(self) -> float:
        """``gamma' = 2 sqrt(L/C)/R`` (damping rate in units of 1/t_c)."""
        return 2 * math.sqrt(self.L / self.C) / self.R

    # scales ------------------------------------------------------------------------------------
    @property
    def U0(self) -> float:
        """Energy unit ``Phi0^2/(4 pi^2 L)``, J."""
        return Phi_0**2 / (4 * math.pi**2 * self.L)

    @property
    def t_c(self) -> float:
        """Time unit ``sqrt(L C)``, s."""
        return math.sqrt(self.L * self.C)

    @property
    def kappa(self) -> float:
        """``kappa' = k_B T / U0``."""
        return k_B * self.T / self.U0

    @property
    def U0_over_kT(self) -> float:
        return 1.0 / self.kappa

    @property
    def scales(self) -> Scales:
        """Energy ``U0``, time ``t_c``, coordinate ``Phi0/2 pi`` (Wb)."""
        return Scales(energy=self.U0, time=self.t_c, length=Phi_0 / (2 * math.pi))

    @property
    def classical_crossover_T(self) -> float:
        """``T_0 = hbar omega_p / (2 pi k_B)`` with ``omega_p = sqrt(beta - 1)/t_c`` (rough scale of the
        well/barrier frequencies at rest), K. Below it, tunnelling competes with activation."""
        from landauer.constants import hbar

        return hbar * math.sqrt(max(self.beta - 1.0, 1e-12)) / self.t_c / (2 * math.pi * k_B)

    def describe(self) -> dict[str, float]:
        return {
            "L_H": self.L, "C_F": self.C, "R_ohm": self.R, "T_K": self.T,
            "Ic1_A": self.Ic1, "Ic2_A": self.Ic2,
            "ell_H": self.ell, "M12_H": self.M12, "beta": self.beta, "dbeta": self.dbeta, "gamma": self.gamma,
            "mu": self.mu, "damping": self.damping, "U0_J": self.U0, "t_c_s": self.t_c, "kappa": self.kappa,
            "U0_over_kT": self.U0_over_kT,
        }


def qfp_like(**changes: float) -> SquidParams:
    """QFP-like set (authors' code; beta forced to 2.3): L = 10 pH, C = 500 fF, R = 30 ohm, T = 4.2 K."""
    return SquidParams.from_dimensionless(L=10 * PH, C=500e-15, R=30.0, T=4.2).with_(**changes)


def mqp_like(**changes: float) -> SquidParams:
    """MQP-like set (overdamped variant of the authors' code; beta forced to 2.3):
    L = 140 pH, C = 530 fF, R = 2.1 ohm, T = 0.5 K."""
    return SquidParams.from_dimensionless(L=140 * PH, C=530e-15, R=2.1, T=0.5).with_(**changes)


def mqp_coded(**changes: float) -> SquidParams:
    """MQP set exactly as coded by the authors (C = 4 nF, likely a unit slip for pF; beta forced to 2.3):
    L = 1 nH, C = 4 nF, R = 371 ohm, T = 0.5 K."""
    return SquidParams.from_dimensionless(L=1000 * PH, C=4e-9, R=371.0, T=0.5).with_(**changes)
