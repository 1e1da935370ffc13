r"""Free-fermion (Jordan-Wigner) solution of the qubit + XX-chain erasure model for large N.

With ``n_j = (1 + sigma_z^j)/2`` and ``c_j = prod_{k<j}(-sigma_z^k) sigma_-^j`` (site 0 = S),
``H = sum_ij h_ij c_i^dag c_j - (B0 + N B)`` exactly (the Jordan-Wigner mapping;
Lieb, Schultz, Mattis, Ann. Phys. 16, 407 (1961)). The single-particle propagator is
``U = exp(-i h t) = W exp(-i Lambda t) W^T`` and correlations ``C_ij = <c_i^dag c_j>`` evolve as
``C(t) = U^* C(0) U^T`` with ``C(0) = diag(rho_11) (+) C_E``, ``C_E = f(h_E)``, ``f(x) = expit(-beta x)``.

Outputs (``u = U[0, 1:]``, ``nbar = u^dag C_E u``, ``pbar = u^dag (1 - C_E) u``):

* ``phi = U_00``; ``n_S = |phi|^2 rho_11 + nbar``; ``rho'_10 = phi rho_10``;
* ``<Q> = tr[h_E (C(t)_EE - C_E)]``;
* ``<e^{-beta Q}> = |phi|^2 + 2 rho_11 nbar + 2 rho_00 pbar`` (GAD form, all terms positive), cross-checked by
  ``m_s = 2^{N+1} det[(1 - F)(1 - Ct_s^T) + F Ct_s^T]``, ``F = f(0 (+) h_E)``,
  ``Ct_s = U^* diag(s, 1/2, ..., 1/2) U^T`` (Klich, cond-mat/0209642: ``tr[rho_G1 rho_G2] =
  det[(1-C1)(1-C2) + C1 C2]``), evaluated with ``slogdet`` and ``logsumexp``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import linalg, special

from landauer.models.quantum._blas import blas_threads_for
from landauer.models.quantum.bounds_rw import log_dimension, reeb_wolf_bound, reeb_wolf_R
from landauer.models.quantum.model import XXChainModel
from landauer.models.quantum.result import ErasureResult
from landauer.models.quantum.states import (
    ComplexArray,
    FloatArray,
    as_density_matrix,
    qubit_entropy,
    von_neumann_entropy,
)
from landauer.validation import check_finite

#: Below this ``1 - |phi|^2`` the GAD probability p uses its t -> 0 limit ``1 - (C_E)_11``.
P_LIMIT_TOL = 1e-12


def _eigh_tridiagonal(h: FloatArray) -> tuple[FloatArray, FloatArray]:
    if h.shape[0] == 1:
        return h.diagonal().copy(), np.ones((1, 1))
    return linalg.eigh_tridiagonal(h.diagonal().copy(), h.diagonal(1).copy())


class FreeFermionErasure:
    """Jordan-Wigner solver for :class:`~landauer.models.quantum.model.XXChainModel` (any N).

    Cost: one O(N^3) diagonalisation, then O(N^3) per time point (two matrix products).
    """

    def __init__(self, model: XXChainModel) -> None:
        self.model = model
        self.h = model.single_particle_h()
        self.lam, self.W = _eigh_tridiagonal(self.h)
        self.eps_E, self.V_E = _eigh_tridiagonal(self.h[1:, 1:])
        b = model.beta
        self.f_E: FloatArray = special.expit(-b * self.eps_E)  # occupations of the E modes
        self.g_E: FloatArray = special.expit(b * self.eps_E)  # 1 - f, without cancellation
        self.C_E: FloatArray = (self.V_E * self.f_E) @ self.V_E.T
        self.C_E_hole: FloatArray = (self.V_E * self.g_E) @ self.V_E.T

    @property
    def N(self) -> int:
        return self.model.N

    def unitary(self, Jt: float) -> ComplexArray:
        """Single-particle propagator ``U = exp(-i h t)``, ``t = Jt / J``."""
        check_finite("Jt", Jt)
        t = float(Jt) / self.model.J
        return (self.W * np.exp(-1j * self.lam * t)) @ self.W.T

    def gad_parameters(self, Jt: float) -> tuple[complex, float, float, float]:
        """``(phi, nbar_E, pbar_E, p)`` of the generalised amplitude damping channel at ``Jt``."""
        U = self.unitary(Jt)
        return self._gad(U)

    def _gad(self, U: ComplexArray) -> tuple[complex, float, float, float]:
        phi = complex(U[0, 0])
        u = U[0, 1:]
        nbar = float(np.real(u.conj() @ self.C_E @ u))
        pbar = float(np.real(u.conj() @ self.C_E_hole @ u))
        swap = nbar + pbar  # = 1 - |phi|^2 by unitarity
        p = pbar / swap if swap > P_LIMIT_TOL else 1.0 - float(self.C_E[0, 0])
        return phi, nbar, pbar, p

    def evolve(
        self, rho_S: Any, Jt: float, *, d: float | None = None, log_d: float | None = None
    ) -> ErasureResult:
        """Heat, ``rho'_S``, entropies, ``<e^{-beta Q}>``, B_Q and B_RW at ``Jt`` (see ``_evolve``)."""
        with blas_threads_for(self.N + 1):
            return self._evolve(rho_S, Jt, d=d, log_d=log_d)

    def _evolve(
        self, rho_S: Any, Jt: float, *, d: float | None = None, log_d: float | None = None
    ) -> ErasureResult:
        """Heat, ``rho'_S``, entropies, ``<e^{-beta Q}>``, ``B_Q`` and ``B_RW`` at ``Jt``.

        ``d`` (or ``log_d``) sets the reservoir dimension for ``B_RW``; default ``2^N``.
        """
        rho = as_density_matrix(rho_S, dim=2)
        r11 = float(rho[0, 0].real)
        r00 = float(rho[1, 1].real)
        U = self.unitary(Jt)
        phi, nbar, pbar, p = self._gad(U)
        phi2 = abs(phi) ** 2
        n_s = phi2 * r11 + nbar
        hole_s = phi2 * r00 + pbar
        rho_f = np.array([[n_s, phi * rho[0, 1]], [np.conj(phi * rho[0, 1]), hole_s]], dtype=complex)
        C0 = np.zeros_like(self.h)
        C0[0, 0] = r11
        C0[1:, 1:] = self.C_E
        Ct = U.conj() @ C0 @ U.T
        heat = float(np.real(np.sum(self.h[1:, 1:] * (Ct[1:, 1:] - self.C_E))))
        mean_exp = phi2 + 2.0 * r11 * nbar + 2.0 * r00 * pbar
        M = np.diag([phi2 + 2.0 * nbar, phi2 + 2.0 * pbar]).astype(complex)
        if d is None and log_d is None:
            ld = self.N * math.log(2.0)
        else:
            ld = log_dimension(d, log_d=log_d)
        R = reeb_wolf_R(log_d=ld)
        s_i = von_neumann_entropy(rho)
        s_f = float(qubit_entropy(n_s, abs(rho_f[0, 1])))
        return ErasureResult(
            method="free_fermion", t=float(Jt), beta=self.model.beta, rho_S=rho, rho_S_final=rho_f,
            heat=heat, entropy_initial=s_i, entropy_final=s_f, mean_exp_heat=mean_exp, M=M,
            log_d=ld, R=R, B_RW=float(reeb_wolf_bound(s_i - s_f, R)), phi=phi, p=p,
        )

    def log_M_diagonal_determinant(self, Jt: float) -> tuple[float, float]:
        """``(ln m_1, ln m_0)`` from the Gaussian-overlap determinant (independent of the GAD form)."""
        U = self.unitary(Jt)
        n = self.N + 1
        F = np.zeros((n, n))
        F[0, 0] = 0.5
        F[1:, 1:] = self.C_E
        F_hole = np.zeros((n, n))
        F_hole[0, 0] = 0.5
        F_hole[1:, 1:] = self.C_E_hole
        out = []
        for s in (1.0, 0.0):
            diag = np.full(n, 0.5)
            diag[0] = s
            Ct_T = ((U.conj() * diag) @ U.T).T
            mat = F_hole @ (np.eye(n) - Ct_T) + F @ Ct_T
            sign, logdet = np.linalg.slogdet(mat)
            out.append(n * math.log(2.0) + float(logdet) + math.log(abs(sign)) if sign != 0 else -math.inf)
        return out[0], out[1]

    def log_mean_exp_determinant(self, rho_S: Any, Jt: float) -> float:
        """``ln <e^{-beta Q}> = ln(rho_11 m_1 + rho_00 m_0)`` via :meth:`log_M_diagonal_determinant`."""
        rho = as_density_matrix(rho_S, dim=2)
        lm1, lm0 = self.log_M_diagonal_determinant(Jt)
        w = np.array([rho[0, 0].real, rho[1, 1].real])
        return float(special.logsumexp([lm1, lm0], b=w))
