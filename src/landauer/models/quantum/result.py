"""The record returned by every erasure computation (exact, closed-form or free-fermion)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from landauer.models.quantum.states import ComplexArray


@dataclass(frozen=True)
class ErasureResult:
    r"""Heat, entropy change and bounds for one erasure run (hbar = k_B = 1, energies in units of J).

    Attributes
    ----------
    method : str
        ``"exact"``, ``"closed_form"``, ``"free_fermion"`` or ``"kraus"``.
    t : float
        Evolution time (``Jt`` for the XX model).
    beta : float
        Inverse temperature of the environment.
    rho_S, rho_S_final : ndarray
        Initial and final reduced system states (order ``(|1>, |0>)`` for a qubit).
    heat : float
        ``<Q> = tr[H_E (rho'_E - rho_E)]`` (Goold et al. Eq. 4); ``nan`` where unavailable.
    entropy_initial, entropy_final : float
        ``S(rho_S)`` and ``S(rho'_S)`` in nats.
    mean_exp_heat : float
        ``<exp(-beta Q)> = tr[M rho_S]`` (Eq. 7).
    M : ndarray
        ``M = tr_E[U^dag (1 (x) rho_E) U]``.
    log_d, R : float
        ``ln d`` of the reservoir dimension used in ``B_RW`` and the Reeb-Wolf constant ``R(d)``.
    B_RW : float
        Finite-size Reeb-Wolf bound (both branches, see :mod:`.bounds_rw`).
    mutual_information, relative_entropy : float or None
        ``I(S':E')`` and ``D(rho'_E || rho_E)`` (exact path only): the Reeb-Wolf equality reads
        ``beta <Q> = Delta S + I + D``.
    phi : complex or None
        GAD amplitude ``phi = [exp(-i h t)]_00`` (lab frame; XX model only).
    p : float or None
        GAD probability with ``1 - p = nbar_E / (1 - |phi|^2)`` (XX model only).
    """

    method: str
    t: float
    beta: float
    rho_S: ComplexArray
    rho_S_final: ComplexArray
    heat: float
    entropy_initial: float
    entropy_final: float
    mean_exp_heat: float
    M: ComplexArray
    log_d: float
    R: float
    B_RW: float
    mutual_information: float | None = None
    relative_entropy: float | None = None
    phi: complex | None = None
    p: float | None = None

    @property
    def beta_heat(self) -> float:
        """``beta <Q>``: mean heat in units of kT."""
        return self.beta * self.heat

    @property
    def delta_S(self) -> float:
        """``Delta S = S(rho_S) - S(rho'_S)`` (positive for an erasure)."""
        return self.entropy_initial - self.entropy_final

    @property
    def B_Q(self) -> float:
        """Goold bound ``B_Q = -ln tr[M rho_S]`` (Eq. 8)."""
        return float(-np.log(self.mean_exp_heat))

    @property
    def d(self) -> float:
        """Reservoir dimension used for ``B_RW`` (may be ``inf`` in floating point for huge N)."""
        d = float(np.exp(self.log_d))
        return float(round(d)) if abs(d - round(d)) < 1e-9 * d else d

    def as_dict(self) -> dict[str, Any]:
        """Scalar quantities as a flat dict (for the CLI and tables)."""
        out: dict[str, Any] = {
            "method": self.method,
            "Jt": self.t,
            "beta": self.beta,
            "beta_Q": self.beta_heat,
            "Q": self.heat,
            "B_Q": self.B_Q,
            "mean_exp_minus_beta_Q": self.mean_exp_heat,
            "S_final": self.entropy_final,
            "delta_S": self.delta_S,
            "B_RW": self.B_RW,
            "log_d": self.log_d,
            "R": self.R,
            "rho11_final": float(self.rho_S_final[0, 0].real),
        }
        if self.mutual_information is not None:
            out["mutual_information"] = self.mutual_information
        if self.relative_entropy is not None:
            out["relative_entropy"] = self.relative_entropy
        if self.phi is not None:
            out["phi_re"] = float(np.real(self.phi))
            out["phi_im"] = float(np.imag(self.phi))
            out["abs_phi"] = float(abs(self.phi))
        if self.p is not None:
            out["p"] = self.p
        return out
