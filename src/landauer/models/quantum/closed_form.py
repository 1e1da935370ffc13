r"""Closed forms for a single environment spin (N = 1), corrected and in numerically stable form.

Goold, Paternostro, Modi, PRL 114, 060602 (2015), Eqs. 11-13, with our corrections (each checked against exact
diagonalisation to 1e-10 in tests/validation/test_quantum_closed_forms.py):

* ``|phi|^2 = 1 - (4 J0^2 / Omega^2) sin^2(Omega t)``, ``Omega = sqrt((B0 - B)^2 + 4 J0^2)``
  (paper: ``phi = cos(2 J t)``, which assumes J0 = J = ... and B0 = B);
  lab-frame ``phi = exp(-i (B0 + B) t) [cos(Omega t) - i (B0 - B)/Omega sin(Omega t)]``;
* ``p = e^{+beta B}/Z_E = expit(2 beta B)`` (paper prints ``e^{-beta B}/Z_E``); ``1 - p = expit(-2 beta B)``;
* ``beta <Q> = 2 beta B (1 - |phi|^2)(rho_11 - (1 - p))`` (paper's Eq. 12 lacks the factor beta);
* ``rho'_11 = |phi|^2 rho_11 + (1 - |phi|^2)(1 - p)``, ``rho'_10 = phi rho_10``;
* ``<e^{-beta Q}> = |phi|^2 + 2 (1 - |phi|^2) [rho_11 (1 - p) + rho_00 p]`` (Eq. 13 rearranged so
  that no term cancels; the printed form loses ~8 digits near the full swap at beta = 10).

For the pure state ``alpha|1> + sqrt(1 - alpha^2)|0>``: ``rho_11 = alpha^2``,
``|rho_10| = alpha sqrt(1 - alpha^2)``. All functions are vectorised over ``rho11``, ``abs_rho10``, ``Jt``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from landauer.models.quantum.bounds_rw import reeb_wolf_bound, reeb_wolf_R
from landauer.models.quantum.model import XXChainModel
from landauer.models.quantum.result import ErasureResult
from landauer.models.quantum.states import as_density_matrix, qubit_entropy, von_neumann_entropy
from landauer.validation import ParameterError


def _require_n1(model: XXChainModel) -> None:
    if model.N != 1:
        raise ParameterError(f"closed forms hold for N = 1 only, got N = {model.N}")


def phi_n1(model: XXChainModel, Jt: Any) -> Any:
    """Lab-frame GAD amplitude ``phi = [exp(-i h t)]_00`` for N = 1 (``t = Jt / J``)."""
    _require_n1(model)
    t = np.asarray(Jt, dtype=float) / model.J
    omega = np.hypot(model.B0 - model.B, 2.0 * model.J0)
    if omega == 0.0:
        return np.exp(-1j * (model.B0 + model.B) * t)
    rot = np.cos(omega * t) - 1j * (model.B0 - model.B) / omega * np.sin(omega * t)
    return np.exp(-1j * (model.B0 + model.B) * t) * rot


def swap_probability_n1(model: XXChainModel, Jt: Any) -> Any:
    """``1 - |phi|^2 = (4 J0^2 / Omega^2) sin^2(Omega t)``, computed without cancellation."""
    _require_n1(model)
    t = np.asarray(Jt, dtype=float) / model.J
    omega = np.hypot(model.B0 - model.B, 2.0 * model.J0)
    if omega == 0.0:
        return np.zeros_like(t)
    return (2.0 * model.J0 / omega) ** 2 * np.sin(omega * t) ** 2


def p_n1(model: XXChainModel) -> tuple[float, float]:
    """``(p, 1 - p) = (expit(2 beta B), expit(-2 beta B))``: weights of the E spin's ``|0>``, ``|1>``."""
    x = 2.0 * model.beta * model.B
    return float(special.expit(x)), float(special.expit(-x))


def closed_form_n1(model: XXChainModel, *, rho11: Any, abs_rho10: Any, Jt: Any) -> dict[str, Any]:
    """All N = 1 quantities as arrays (broadcast over the inputs).

    Returns a dict with ``abs_phi2``, ``p``, ``rho11_final``, ``abs_rho10_final``, ``beta_Q``,
    ``mean_exp``, ``B_Q``, ``m1``, ``S_final``.
    """
    _require_n1(model)
    r11 = np.asarray(rho11, dtype=float)
    c = np.asarray(abs_rho10, dtype=float)
    one_m_phi2 = swap_probability_n1(model, Jt)
    phi2 = np.abs(phi_n1(model, Jt)) ** 2  # both |phi|^2 and 1 - |phi|^2 computed directly
    p, q = p_n1(model)  # q = 1 - p
    r00 = 1.0 - r11
    rho11_f = phi2 * r11 + one_m_phi2 * q
    abs10_f = np.sqrt(phi2) * c
    beta_q = 2.0 * model.beta * model.B * one_m_phi2 * (r11 - q)
    mean_exp = phi2 + 2.0 * one_m_phi2 * (r11 * q + r00 * p)
    m1 = phi2 + 2.0 * q * one_m_phi2
    return {
        "abs_phi2": phi2 + 0.0 * r11,
        "p": p,
        "rho11_final": rho11_f,
        "abs_rho10_final": abs10_f,
        "beta_Q": beta_q,
        "mean_exp": mean_exp,
        "B_Q": -np.log(mean_exp),
        "m1": m1 + 0.0 * r11,
        "S_final": qubit_entropy(rho11_f, abs10_f),
    }


def erase_closed_form(
    model: XXChainModel, *, rho_S: Any, Jt: float, log_d: float | None = None
) -> ErasureResult:
    """Closed-form :class:`ErasureResult` for N = 1 (``log_d`` defaults to ``ln 2``)."""
    _require_n1(model)
    rho = as_density_matrix(rho_S, dim=2)
    r11 = float(rho[0, 0].real)
    cf = closed_form_n1(model, rho11=r11, abs_rho10=abs(rho[0, 1]), Jt=Jt)
    phi = complex(phi_n1(model, Jt))
    r11f = float(cf["rho11_final"])
    rho_f = np.array([[r11f, phi * rho[0, 1]], [np.conj(phi * rho[0, 1]), 1.0 - r11f]], dtype=complex)
    m1 = float(cf["m1"])
    one_m_phi2 = float(swap_probability_n1(model, Jt))
    M = np.diag([m1, float(cf["abs_phi2"]) + 2.0 * cf["p"] * one_m_phi2]).astype(complex)
    ld = float(np.log(2.0)) if log_d is None else float(log_d)
    R = reeb_wolf_R(log_d=ld)
    s_i = von_neumann_entropy(rho)
    s_f = float(cf["S_final"])
    return ErasureResult(
        method="closed_form", t=float(Jt), beta=model.beta, rho_S=rho, rho_S_final=rho_f,
        heat=float(cf["beta_Q"]) / model.beta, entropy_initial=s_i, entropy_final=s_f,
        mean_exp_heat=float(cf["mean_exp"]), M=M, log_d=ld, R=R,
        B_RW=float(reeb_wolf_bound(s_i - s_f, R)), phi=phi, p=float(cf["p"]),
    )
