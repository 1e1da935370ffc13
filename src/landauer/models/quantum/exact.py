r"""Exact (dense) solution of a general system + thermal-environment erasure protocol.

Goold, Paternostro, Modi, PRL 114, 060602 (2015), Eqs. 2-8; Reeb, Wolf, NJP 16, 103011 (2014), Thm 3.
Initial state ``rho_S (x) rho_E`` with ``rho_E = exp(-beta H_E)/Z_E``; sudden coupling,
``U = exp(-i H t)``, ``H = H_S + H_E + H_SE`` (hbar = 1). Computed quantities:

* ``<Q> = tr[H_E (rho'_E - rho_E)]`` (Eq. 4);
* ``M = tr_E[U^dag (1 (x) rho_E) U]`` and ``<exp(-beta Q)> = tr[M rho_S]`` (Eq. 7), ``B_Q = -ln tr[M rho_S]``;
* ``I(S':E') = S(rho'_S) + S(rho'_E) - S(rho')`` and
  ``D(rho'_E||rho_E) = -S(rho'_E) + beta tr[rho'_E H_E] + ln Z_E`` (ln rho_E inserted analytically);
  Reeb-Wolf equality ``beta <Q> = Delta S + I + D``.

``H`` is diagonalised once (real symmetric when possible), so many times cost only matrix products.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import special

from landauer.models.quantum._blas import blas_threads_for
from landauer.models.quantum.bounds_rw import log_dimension, reeb_wolf_bound, reeb_wolf_R
from landauer.models.quantum.result import ErasureResult
from landauer.models.quantum.states import (
    ComplexArray,
    FloatArray,
    as_density_matrix,
    entropy_from_eigenvalues,
    partial_traces,
    von_neumann_entropy,
)
from landauer.validation import ParameterError, check_finite, check_positive

#: Largest total Hilbert-space dimension accepted by the dense path.
MAX_DIM = 8192


def _as_hermitian(op: Any, name: str) -> tuple[np.ndarray, list[int] | None]:
    dims = None
    if hasattr(op, "full"):
        dims = [int(x) for x in np.ravel(op.dims[0])]
        op = op.full()
    arr = np.array(op, dtype=complex)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ParameterError(f"{name} must be a square matrix, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite")
    scale = max(1.0, float(np.max(np.abs(arr))))
    if np.max(np.abs(arr - arr.conj().T)) > 1e-12 * scale:
        raise ParameterError(f"{name} must be Hermitian")
    arr = 0.5 * (arr + arr.conj().T)
    if np.max(np.abs(arr.imag)) == 0.0:
        return arr.real.copy(), dims
    return arr, dims


class ExactErasure:
    """Dense exact solver for ``H = H_S (x) 1 + 1 (x) H_E + H_SE`` with a thermal environment.

    Parameters
    ----------
    H_S, H_E, H_SE : qutip.Qobj or array_like
        System, environment and interaction Hamiltonians (H_SE on ``S (x) E``, S first). With Qobj
        inputs the tensor dims of ``H_SE`` must be those of ``H_S`` followed by those of ``H_E``.
    beta : float
        Inverse temperature of the environment (same energy unit as the Hamiltonians).
    """

    def __init__(self, H_S: Any, H_E: Any, H_SE: Any, *, beta: float) -> None:
        check_positive("beta", beta)
        self.beta = float(beta)
        hs, dims_s = _as_hermitian(H_S, "H_S")
        he, dims_e = _as_hermitian(H_E, "H_E")
        hse, dims_se = _as_hermitian(H_SE, "H_SE")
        self.d_S, self.d_E = hs.shape[0], he.shape[0]
        dim = self.d_S * self.d_E
        if hse.shape[0] != dim:
            raise ParameterError(f"H_SE must be {dim}x{dim} (d_S*d_E), got shape {hse.shape}")
        if dims_s is not None and dims_e is not None and dims_se is not None:
            if dims_se != dims_s + dims_e:
                raise ParameterError(f"H_SE dims {dims_se} must be H_S dims {dims_s} + H_E dims {dims_e}")
        if dim > MAX_DIM:
            raise ParameterError(f"total dimension {dim} exceeds the dense limit {MAX_DIM}")
        self.H_S, self.H_E = hs, he
        H = np.kron(hs, np.eye(self.d_E)) + np.kron(np.eye(self.d_S), he) + hse
        self.energies, self.vectors = np.linalg.eigh(H)
        self.env_energies, self.env_vectors = np.linalg.eigh(he)
        shifted = -self.beta * (self.env_energies - self.env_energies[0])
        log_z_shift = float(special.logsumexp(shifted))
        self.env_weights: FloatArray = np.exp(shifted - log_z_shift)
        #: ln Z_E = -beta E_min + ln sum exp(-beta (E_m - E_min)).
        self.log_Z = -self.beta * float(self.env_energies[0]) + log_z_shift
        self.rho_E: ComplexArray = (self.env_vectors * self.env_weights) @ self.env_vectors.conj().T
        self.entropy_E = entropy_from_eigenvalues(self.env_weights)

    def unitary(self, t: float) -> ComplexArray:
        """``U = exp(-i H t)`` from the eigendecomposition of ``H``."""
        check_finite("t", t)
        phases = np.exp(-1j * self.energies * float(t))
        return (self.vectors * phases) @ self.vectors.conj().T

    def M(self, t: float) -> ComplexArray:
        """``M = tr_E[U^dag (1_S (x) rho_E) U]`` (Goold et al. below Eq. 7)."""
        U = self.unitary(t)
        X = U.conj().T @ np.kron(np.eye(self.d_S), self.rho_E) @ U
        return partial_traces(X, self.d_S, self.d_E)[0]

    def _unitary_env_basis(self, t: float) -> ComplexArray:
        """``U`` in the basis ``|s> (x) |r_m>`` (H_E eigenbasis), indexed ``[s', n, s, m]``."""
        big = np.kron(np.eye(self.d_S), self.env_vectors)
        Ur = big.conj().T @ self.unitary(t) @ big
        return Ur.reshape(self.d_S, self.d_E, self.d_S, self.d_E)

    def _transition_matrix(self, rho_s: ComplexArray, t: float) -> FloatArray:
        """``T[n, m] = <r_n| tr_S[U (rho_S (x) |r_m><r_m|) U^dag] |r_n>``."""
        Ur = self._unitary_env_basis(t)
        A = np.einsum("inkm,kl->inlm", Ur, rho_s, optimize=True)
        return np.einsum("inlm,inlm->nm", A, Ur.conj(), optimize=True).real

    def apply_channel(self, X: Any, t: float) -> ComplexArray:
        """Reduced map ``Phi_t(X) = tr_E[U (X (x) rho_E) U^dag]`` for any ``d_S x d_S`` matrix ``X``."""
        x = np.asarray(X, dtype=complex)
        if x.shape != (self.d_S, self.d_S):
            raise ParameterError(f"X must be {self.d_S}x{self.d_S}, got shape {x.shape}")
        U = self.unitary(t)
        return partial_traces(U @ np.kron(x, self.rho_E) @ U.conj().T, self.d_S, self.d_E)[0]

    def kraus(self, t: float) -> list[ComplexArray]:
        """Kraus operators ``A_{ab} = sqrt(lambda_b) <r_a|U|r_b>`` of the reduced system channel."""
        Ur = self._unitary_env_basis(t)
        ops = []
        for b in np.nonzero(self.env_weights > 0)[0]:
            sq = math.sqrt(self.env_weights[b])
            for a in range(self.d_E):
                ops.append(sq * Ur[:, a, :, b])
        return ops

    def evolve(
        self, rho_S: Any, t: float, *, d: float | None = None, joint_entropy: bool = True
    ) -> ErasureResult:
        """All section-4 quantities at time ``t`` (see :meth:`_evolve`)."""
        with blas_threads_for(self.d_S * self.d_E):
            return self._evolve(rho_S, t, d=d, joint_entropy=joint_entropy)

    def _evolve(
        self, rho_S: Any, t: float, *, d: float | None = None, joint_entropy: bool = True
    ) -> ErasureResult:
        """All section-4 quantities at time ``t`` for the initial system state ``rho_S``.

        Parameters
        ----------
        rho_S : array_like or qutip.Qobj
            Initial system density matrix (``d_S x d_S``).
        t : float
            Evolution time.
        d : float, optional
            Reservoir dimension for ``B_RW`` (default: the environment dimension ``d_E``).
        joint_entropy : bool
            Compute ``S(rho')`` by diagonalising the full final state (default) rather than using
            ``S(rho') = S(rho_S) + S(rho_E)`` (exact for unitary evolution, and much cheaper).
        """
        rho_s = as_density_matrix(rho_S, dim=self.d_S)
        U = self.unitary(t)
        rho0 = np.kron(rho_s, self.rho_E)
        rho_f = U @ rho0 @ U.conj().T
        rho_s_f, rho_e_f = partial_traces(rho_f, self.d_S, self.d_E)
        X = U.conj().T @ np.kron(np.eye(self.d_S), self.rho_E) @ U
        M = partial_traces(X, self.d_S, self.d_E)[0]
        mean_exp = float(np.real(np.trace(M @ rho_s)))
        e_final = float(np.real(np.trace(self.H_E @ rho_e_f)))
        e_init = float(np.dot(self.env_weights, self.env_energies))
        s_i, s_f = von_neumann_entropy(rho_s), von_neumann_entropy(rho_s_f)
        s_e_f = von_neumann_entropy(rho_e_f)
        s_joint = von_neumann_entropy(rho_f) if joint_entropy else s_i + self.entropy_E
        info = s_f + s_e_f - s_joint
        rel = -s_e_f + self.beta * e_final + self.log_Z
        log_d = log_dimension(d if d is not None else float(self.d_E))
        R = reeb_wolf_R(log_d=log_d)
        return ErasureResult(
            method="exact", t=float(t), beta=self.beta, rho_S=rho_s, rho_S_final=rho_s_f,
            heat=e_final - e_init, entropy_initial=s_i, entropy_final=s_f, mean_exp_heat=mean_exp,
            M=M, log_d=log_d, R=R, B_RW=float(reeb_wolf_bound(s_i - s_f, R)),
            mutual_information=info, relative_entropy=rel,
        )

    def heat_atoms(self, rho_S: Any, t: float, *, merge_tol: float = 1e-10) -> tuple[FloatArray, FloatArray]:
        r"""Two-point-measurement heat distribution as atoms ``(Q, P)`` (Goold et al. Eq. 3).

        ``P(Q) = sum_{m,n} (rho_E)_mm <r_n| tr_S[U (rho_S (x) |r_m><r_m|) U^dag] |r_n> delta(Q - E_n + E_m)``.
        Atoms closer than ``merge_tol`` are merged (weights summed, positions weight-averaged).
        """
        rho_s = as_density_matrix(rho_S, dim=self.d_S)
        T = self._transition_matrix(rho_s, t)  # T[n, m]: probability of E_m -> E_n
        W = T * self.env_weights[None, :]
        Q = (self.env_energies[:, None] - self.env_energies[None, :]).ravel()
        P = W.ravel()
        keep = P > 0
        return merge_atoms(Q[keep], P[keep], tol=merge_tol)

    def log_mean_exp_from_atoms(self, rho_S: Any, t: float) -> float:
        """``ln sum_Q P(Q) exp(-beta Q)`` from the atoms, evaluated without overflow."""
        rho_s = as_density_matrix(rho_S, dim=self.d_S)
        T = self._transition_matrix(rho_s, t)
        # (rho_E)_mm exp(-beta (E_n - E_m)) = exp(-beta (E_n - E_min)) / Z'
        log_w = -self.beta * (self.env_energies - self.env_energies[0]) - (
            self.log_Z + self.beta * self.env_energies[0]
        )
        col = np.clip(T.sum(axis=1), 1e-300, None)
        return float(special.logsumexp(log_w + np.log(col)))


def merge_atoms(Q: FloatArray, P: FloatArray, *, tol: float = 1e-10) -> tuple[FloatArray, FloatArray]:
    """Merge atoms whose positions differ by less than ``tol`` (sorted output)."""
    order = np.argsort(Q, kind="stable")
    q, p = Q[order], P[order]
    if q.size == 0:
        return q, p
    new = np.concatenate([[True], np.diff(q) > tol])
    groups = np.cumsum(new) - 1
    w = np.bincount(groups, weights=p)
    qm = np.bincount(groups, weights=p * q) / np.where(w > 0, w, 1.0)
    return qm, w.astype(float)
