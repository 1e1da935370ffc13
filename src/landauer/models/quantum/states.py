"""Density-matrix helpers for the qubit-plus-environment erasure model.

Conventions: ``|1>`` is sigma_z = +1 and is index 0 (QuTiP
``basis(2, 0)``); ``|0>`` is index 1. 2x2 matrices are written in the order ``(|1>, |0>)``, so
``rho[0, 0] = rho_11`` is the population of ``|1>`` and ``rho[0, 1] = rho_10 = <1|rho|0>``.
Entropies are in nats with ``0 ln 0 = 0``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import special

from landauer.validation import ParameterError, check_probability

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: Tolerance for accepting a user density matrix (trace, hermiticity, positivity).
STATE_TOL = 1e-10


def pure_state(alpha: float) -> ComplexArray:
    r"""Density matrix of the paper's initial state ``alpha|1> + sqrt(1 - alpha^2)|0>``.

    Parameters
    ----------
    alpha : float
        Real amplitude of ``|1>`` in ``[0, 1]`` (Goold et al., PRL 114, 060602 (2015), below Eq. 11).

    Returns
    -------
    ndarray, shape (2, 2)
        ``[[a^2, a b], [a b, b^2]]`` with ``b = sqrt(1 - a^2)``, in the order ``(|1>, |0>)``.
    """
    check_probability("alpha", alpha)
    a = float(alpha)
    b = float(np.sqrt(max(0.0, 1.0 - a * a)))
    return np.array([[a * a, a * b], [a * b, b * b]], dtype=complex)


def as_density_matrix(rho: Any, name: str = "rho_S", *, dim: int | None = None) -> ComplexArray:
    """Validate and return ``rho`` (array or QuTiP ``Qobj``) as a complex density matrix.

    Raises :class:`~landauer.validation.ParameterError` unless ``rho`` is square (of size ``dim`` if
    given), finite, Hermitian, of unit trace and positive semi-definite (all within 1e-10).
    """
    data = rho.full() if hasattr(rho, "full") else rho
    try:
        arr = np.array(data, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a square matrix, got {rho!r}") from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ParameterError(f"{name} must be a square matrix, got shape {arr.shape}")
    if dim is not None and arr.shape[0] != dim:
        raise ParameterError(f"{name} must be {dim}x{dim}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite")
    if np.max(np.abs(arr - arr.conj().T)) > STATE_TOL:
        raise ParameterError(f"{name} must be Hermitian")
    if abs(np.trace(arr).real - 1.0) > STATE_TOL:
        raise ParameterError(f"{name} must have unit trace, has {np.trace(arr).real:.12g}")
    arr = 0.5 * (arr + arr.conj().T)
    if np.linalg.eigvalsh(arr)[0] < -STATE_TOL:
        raise ParameterError(f"{name} must be positive semi-definite")
    return arr


def entropy_from_eigenvalues(lam: FloatArray) -> float:
    """``-sum lam ln lam`` in nats, ignoring round-off negatives (``0 ln 0 = 0``)."""
    lam = np.clip(np.asarray(lam, dtype=float), 0.0, None)
    return float(-np.sum(special.xlogy(lam, lam)))


def von_neumann_entropy(rho: ComplexArray) -> float:
    """Von Neumann entropy ``S(rho) = -tr rho ln rho`` in nats."""
    lam = np.asarray(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T)), dtype=float)
    return entropy_from_eigenvalues(lam)


def qubit_entropy(rho11: Any, abs_rho10: Any) -> Any:
    r"""Entropy of a qubit state from its population and coherence modulus (vectorised).

    ``lambda_pm = 1/2 +- sqrt((rho_11 - 1/2)^2 + |rho_10|^2)``, ``S = -sum lambda ln lambda``.
    The small eigenvalue is computed as ``det / lambda_+`` to keep its relative accuracy.
    """
    r11 = np.asarray(rho11, dtype=float)
    c = np.asarray(abs_rho10, dtype=float)
    rad = np.hypot(r11 - 0.5, c)
    lp = 0.5 + rad
    det = np.clip(r11 * (1.0 - r11) - c * c, 0.0, None)
    lm = det / lp
    return -(special.xlogy(lp, lp) + special.xlogy(lm, lm))


def partial_traces(rho: ComplexArray, d_s: int, d_e: int) -> tuple[ComplexArray, ComplexArray]:
    """``(tr_E rho, tr_S rho)`` of a bipartite ``S (x) E`` density matrix (S the first factor)."""
    r = rho.reshape(d_s, d_e, d_s, d_e)
    return np.einsum("ajbj->ab", r), np.einsum("iaib->ab", r)
