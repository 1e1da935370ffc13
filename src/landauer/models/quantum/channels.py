r"""Kraus representation of the reduced dynamics: generalised amplitude damping (GAD) and user channels.

Goold, Paternostro, Modi, PRL 114, 060602 (2015), Eq. 11, in the general form of
(valid for any N, B0, B, J0, t; order ``(|1>, |0>)``):

.. math::

    A_0 = \sqrt{p}\begin{pmatrix}\phi & 0\\ 0 & 1\end{pmatrix},\
    A_1 = \sqrt{p(1-|\phi|^2)}\,|0\rangle\langle 1|,\
    A_2 = \sqrt{1-p}\begin{pmatrix}1 & 0\\ 0 & \bar\phi\end{pmatrix},\
    A_3 = \sqrt{(1-p)(1-|\phi|^2)}\,|1\rangle\langle 0|,

so that ``rho'_11 = |phi|^2 rho_11 + nbar_E`` and ``rho'_10 = phi rho_10`` with
``nbar_E = (1 - p)(1 - |phi|^2)``. The paper's real phi is the Zeeman-rotating-frame value; heat,
entropies and bounds need only ``|phi|`` and ``p``. Since H and rho_E are real here,
``M = (sum_l A_l A_l^dag)^*``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from landauer.models.quantum.bounds_rw import log_dimension, reeb_wolf_bound, reeb_wolf_R
from landauer.models.quantum.free_fermion import FreeFermionErasure
from landauer.models.quantum.model import XXChainModel
from landauer.models.quantum.states import ComplexArray, as_density_matrix, von_neumann_entropy
from landauer.validation import ParameterError, check_probability

KRAUS_TOL = 1e-10


@dataclass(frozen=True)
class GADChannel:
    """Generalised amplitude damping channel with complex ``phi`` (|phi| <= 1) and ``p`` in [0, 1]."""

    phi: complex
    p: float

    def __post_init__(self) -> None:
        check_probability("p", self.p)
        if not abs(self.phi) <= 1.0 + 1e-12:
            raise ParameterError(f"|phi| must be <= 1, got {abs(self.phi)!r}")

    def kraus(self) -> list[Any]:
        """The four Kraus operators ``A_0 .. A_3`` (section 5 of the spec)."""
        phi, p = complex(self.phi), float(self.p)
        swap = max(0.0, 1.0 - abs(phi) ** 2)
        a0 = math.sqrt(p) * np.array([[phi, 0], [0, 1]], dtype=complex)
        a1 = math.sqrt(p * swap) * np.array([[0, 0], [1, 0]], dtype=complex)
        a2 = math.sqrt(1 - p) * np.array([[1, 0], [0, phi.conjugate()]], dtype=complex)
        a3 = math.sqrt((1 - p) * swap) * np.array([[0, 1], [0, 0]], dtype=complex)
        return [a0, a1, a2, a3]

    def apply(self, rho: Any) -> ComplexArray:
        """``sum_l A_l rho A_l^dag``."""
        return apply_kraus(self.kraus(), as_density_matrix(rho, dim=2))

    def M(self) -> ComplexArray:
        """``M = (sum_l A_l A_l^dag)^*`` (time-reversal-symmetric H and rho_E)."""
        return np.conj(sum(a @ a.conj().T for a in self.kraus()))


def gad_for_model(model: XXChainModel, Jt: float) -> GADChannel:
    """GAD channel of the XX model at ``Jt`` for any N (phi and p from free fermions)."""
    phi, _, _, p = FreeFermionErasure(model).gad_parameters(Jt)
    return GADChannel(phi=phi, p=min(1.0, max(0.0, p)))


def gad_from_kraus(kraus: Sequence[Any]) -> GADChannel:
    """Read ``phi`` and ``p`` off any qubit channel of GAD form (e.g. the exact Kraus set).

    ``phi = Phi(|1><0|)_{10}``, ``nbar = Phi(|0><0|)_{11}``, ``1 - p = nbar / (1 - |phi|^2)``. When
    ``1 - |phi|^2 < 1e-12`` the channel is a pure phase rotation, p does not enter, and 0.5 is returned.
    """
    ops = check_kraus(kraus)
    e10 = np.array([[0, 1], [0, 0]], dtype=complex)
    phi = complex(apply_kraus(ops, e10)[0, 1])
    nbar = float(apply_kraus(ops, np.diag([0.0, 1.0]).astype(complex))[0, 0].real)
    return _gad_from(phi, nbar)


def gad_from_exact(exact: Any, t: float) -> GADChannel:
    """GAD parameters read off the exact reduced map of an :class:`ExactErasure` (qubit S).

    ``phi = Phi(|1><0|)_{10}``, ``nbar = Phi(|0><0|)_{11}``, ``1 - p = nbar / (1 - |phi|^2)``.
    """
    e10 = np.array([[0, 1], [0, 0]], dtype=complex)
    phi = complex(exact.apply_channel(e10, t)[0, 1])
    nbar = float(exact.apply_channel(np.diag([0.0, 1.0]), t)[0, 0].real)
    return _gad_from(phi, nbar)


def _gad_from(phi: complex, nbar: float) -> GADChannel:
    swap = 1.0 - abs(phi) ** 2
    if swap <= 1e-12:
        return GADChannel(phi=phi, p=0.5)
    return GADChannel(phi=phi, p=min(1.0, max(0.0, 1.0 - nbar / swap)))


def check_kraus(kraus: Sequence[Any], name: str = "kraus") -> list[ComplexArray]:
    """Validate Kraus operators: equal square shapes and ``sum A^dag A = 1`` within 1e-10."""
    ops = [np.array(k.full() if hasattr(k, "full") else k, dtype=complex) for k in kraus]
    if not ops:
        raise ParameterError(f"{name} must contain at least one operator")
    shape = ops[0].shape
    if len(shape) != 2 or shape[0] != shape[1] or any(o.shape != shape for o in ops):
        raise ParameterError(f"{name} must be square matrices of one size")
    total = sum(o.conj().T @ o for o in ops)
    if np.max(np.abs(total - np.eye(shape[0]))) > KRAUS_TOL:
        raise ParameterError(f"{name} is not trace preserving: sum A^dag A != 1")
    return ops


def apply_kraus(kraus: Sequence[ComplexArray], rho: ComplexArray) -> ComplexArray:
    """``sum_l A_l rho A_l^dag``."""
    return sum(a @ rho @ a.conj().T for a in kraus)  # type: ignore[return-value]


@dataclass(frozen=True)
class KrausBounds:
    """Bounds computed from a channel alone (no environment Hamiltonian, so no ``<Q>``)."""

    rho_S_final: ComplexArray
    delta_S: float
    R: float
    B_RW: float
    M: ComplexArray | None
    B_Q: float | None


def bounds_from_kraus(
    kraus: Sequence[Any],
    rho_S: Any,
    *,
    d: float | None = None,
    log_d: float | None = None,
    reversed_kraus: Sequence[Any] | None = None,
    time_reversal_symmetric: bool = False,
) -> KrausBounds:
    """``Delta S``, ``B_RW`` (d required) and, when possible, ``B_Q`` from user Kraus operators.

    ``B_Q = -ln tr[M rho_S]`` needs ``M``: either from the reversed-process Kraus set
    (``M = sum K~ K~^dag``) or, with ``time_reversal_symmetric=True`` (H and rho_E real in the basis of
    the given operators), ``M = (sum K K^dag)^*``. Otherwise ``B_Q`` is ``None``.
    """
    ops = check_kraus(kraus)
    rho = as_density_matrix(rho_S, dim=ops[0].shape[0])
    ld = log_dimension(d, log_d=log_d)
    rho_f = apply_kraus(ops, rho)
    ds = von_neumann_entropy(rho) - von_neumann_entropy(rho_f)
    R = reeb_wolf_R(log_d=ld)
    M: ComplexArray | None = None
    if reversed_kraus is not None:
        rev = check_kraus(reversed_kraus, "reversed_kraus")
        M = sum(k @ k.conj().T for k in rev)  # type: ignore[assignment]
    elif time_reversal_symmetric:
        M = np.conj(sum(k @ k.conj().T for k in ops))
    bq = None if M is None else float(-np.log(np.real(np.trace(M @ rho))))
    return KrausBounds(rho_f, ds, R, float(reeb_wolf_bound(ds, R)), M, bq)
