r"""Heat distribution P(Q) of the environment: characteristic function and FFT density.

Two-point measurement of H_E (Goold et al., PRL 114, 060602, Eq. 3). The characteristic function
``G(u) = <e^{iuQ}> = tr[e^{iu H_E(t)} e^{-iu H_E} (rho_S (x) rho_E)]`` (Talkner, Lutz, Hanggi,
PRE 75, 050102(R) (2007)) is, for the free-fermion model (Klich, cond-mat/0209642;
Schonhammer, PRB 75, 205329 (2007)),

.. math::

    G(u) = \sum_s \rho_{ss} \det[1 - C_s^T + e^{iu\tilde h_E(t)} e^{-iu\tilde h_E} C_s^T],
    \quad C_s = \mathrm{diag}(s) \oplus C_E,\ \tilde h_E(t) = U^\dagger (0 \oplus h_E) U.

In the eigenbasis ``V`` of ``0 (+) h_E`` (energies ``eps``), with ``Wm = V^T U V`` and
``D = diag(e^{iu eps})``, this is ``det[1 + (Wm^dag D Wm D^* - 1) diag(c_s)]``: one matrix product
and one LU per u. ``C_1 = C_0 + e_0 e_0^T`` (rank 1), so ``G_1 = G_0 (1 + e_0^T A_0^{-1} (Y - 1) e_0)``
(matrix-determinant lemma), and ``G(-u) = G(u)^*`` halves the work.

The density ``P_sigma(Q) = (2 pi)^{-1} int du e^{-iuQ} e^{-sigma^2 u^2/2} G(u)`` (a Gaussian of width
sigma convolved with the atoms) is computed by FFT on a uniform grid (spacing and window below).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import linalg

from landauer.models.quantum._blas import single_blas_thread
from landauer.models.quantum.free_fermion import FreeFermionErasure
from landauer.models.quantum.states import FloatArray, as_density_matrix
from landauer.validation import ParameterError, check_positive


class CharacteristicFunction:
    """``G(u)`` of the heat for the free-fermion model at one time ``Jt`` and initial ``rho_S``."""

    def __init__(self, ff: FreeFermionErasure, rho_S: Any, Jt: float) -> None:
        rho = as_density_matrix(rho_S, dim=2)
        self.w1, self.w0 = float(rho[0, 0].real), float(rho[1, 1].real)
        n = ff.N + 1
        V = np.zeros((n, n))
        V[0, 0] = 1.0
        V[1:, 1:] = ff.V_E
        self.eps = np.concatenate([[0.0], ff.eps_E])
        self.c0 = np.concatenate([[0.0], ff.f_E])
        self.Wm = V.T @ ff.unitary(Jt) @ V
        self.Wm_dag = self.Wm.conj().T
        self.n = n

    def _single(self, u: float) -> complex:
        d = np.exp(1j * u * self.eps)
        Y = self.Wm_dag @ (d[:, None] * self.Wm * d.conj()[None, :])
        Ym1 = Y - np.eye(self.n)
        A0 = np.eye(self.n) + Ym1 * self.c0[None, :]
        lu, piv = linalg.lu_factor(A0, check_finite=False)
        diag = np.diag(lu)
        sign = np.prod(np.where(piv != np.arange(self.n), -1.0, 1.0))
        log_abs = np.sum(np.log(np.abs(diag)))
        phase = np.prod(diag / np.abs(diag)) * sign
        g0 = complex(np.exp(log_abs) * phase)
        x = linalg.lu_solve((lu, piv), Ym1[:, 0], check_finite=False)
        g1 = g0 * (1.0 + x[0])
        return self.w1 * g1 + self.w0 * g0

    def __call__(self, u: Any) -> Any:
        """``G(u)`` for scalar or array ``u`` (uses ``G(-u) = G(u)^*``)."""
        arr = np.asarray(u, dtype=float)
        out = np.empty(arr.shape, dtype=complex)
        for idx, val in np.ndenumerate(arr):
            g = self._single(abs(val))
            out[idx] = g if val >= 0 else np.conj(g)
        return complex(out) if out.ndim == 0 else out


def characteristic_from_atoms(Q: FloatArray, P: FloatArray, u: Any) -> Any:
    """``G(u) = sum P e^{iuQ}`` from exact atoms."""
    arr = np.asarray(u, dtype=float)
    out = np.exp(1j * np.multiply.outer(arr, Q)) @ P
    return complex(out) if np.ndim(out) == 0 else out


def broadened_density(Q_atoms: FloatArray, P_atoms: FloatArray, Q: FloatArray, sigma: float) -> FloatArray:
    """Gaussian-broadened atoms ``sum P_a N(Q; Q_a, sigma^2)`` evaluated on ``Q``."""
    z = (np.asarray(Q)[:, None] - Q_atoms[None, :]) / sigma
    return np.asarray(np.exp(-0.5 * z * z) @ P_atoms / (sigma * math.sqrt(2 * math.pi)), dtype=float)


@dataclass(frozen=True)
class HeatDensity:
    """Broadened heat density ``P_sigma(Q)`` on a uniform grid, with acceptance diagnostics."""

    Q: FloatArray
    P: FloatArray
    sigma: float
    window: float
    n_evaluations: int
    normalisation_error: float
    doubling_change: float | None

    @property
    def dQ(self) -> float:
        return float(self.Q[1] - self.Q[0])

    def mean(self) -> float:
        return float(np.sum(self.Q * self.P) * self.dQ)


def heat_density_fft(
    ff: FreeFermionErasure,
    rho_S: Any,
    Jt: float,
    *,
    sigma: float = 0.05,
    max_evaluations: int = 4096,
    progress: bool = False,
) -> HeatDensity:
    """``P_sigma(Q)`` by FFT of the characteristic function (spec section 7 grid and acceptance).

    The window half-width W is the exact bound ``sum |eps_k|`` on |Q| when that needs at most
    ``max_evaluations`` determinants; otherwise it starts at ``|<Q>| + 12 sigma_Q + J`` (sigma_Q from
    ``ln|G(h)|`` at small h) and the period ``2 W + 16 sigma`` doubles until doubling changes
    ``P_sigma`` by < 1e-8 (max abs, on the common grid points) and the density is normalised to 1e-10.
    Grid: ``du = 2 pi / (2 W + 16 sigma)``, ``K`` the power of two >= ``16 / (sigma du)``.
    """
    check_positive("sigma", sigma)
    G = CharacteristicFunction(ff, rho_S, Jt)
    w_max = float(np.sum(np.abs(ff.eps_E)))
    cache: dict[float, complex] = {}

    def grid(period: float) -> tuple[FloatArray, int, float]:
        du = 2 * math.pi / period
        K = 1 << max(4, math.ceil(math.log2(16.0 / (sigma * du)) - 1e-12))
        return np.asarray(np.arange(K // 2 + 1) * du, dtype=float), K, du

    def density(period: float) -> tuple[FloatArray, FloatArray]:
        from landauer.progress import progress_bar

        u, K, du = grid(period)
        todo = [x for x in u if float(x) not in cache]
        with single_blas_thread(), progress_bar(total=len(todo), desc="G(u)", enabled=progress) as bar:
            for x in todo:
                cache[float(x)] = G._single(float(x))
                bar.update(1)
        g = np.array([cache[float(x)] for x in u]) * np.exp(-0.5 * (sigma * u) ** 2)
        P = np.fft.fftshift(np.fft.irfft(np.conj(g), n=K)) * K * du / (2 * math.pi)
        Q = np.asarray((np.arange(K) - K // 2) * (2 * math.pi / (K * du)), dtype=float)
        return Q, np.asarray(P, dtype=float)

    def norm_error(Q: FloatArray, P: FloatArray) -> float:
        return abs(float(np.sum(P)) * float(Q[1] - Q[0]) - 1.0)

    pad = 16 * sigma
    if grid(2 * w_max + pad)[1] // 2 + 1 <= max_evaluations:
        Q, P = density(2 * w_max + pad)
        return HeatDensity(Q, P, sigma, w_max, len(cache), norm_error(Q, P), None)
    r = ff.evolve(rho_S, Jt)
    h = 1e-3
    k2 = max(0.0, -2.0 * math.log(abs(G._single(h))) / h**2)
    period = 2 * min(abs(r.heat) + 12 * math.sqrt(k2) + ff.model.J, w_max) + pad
    Q, P = density(period)
    while True:
        # Doubling the period halves du and doubles K: the u-grid and the Q-grid nest exactly.
        period *= 2
        if (period - pad) / 2 > w_max:
            Q2, P2 = density(2 * w_max + pad)
            return HeatDensity(Q2, P2, sigma, w_max, len(cache), norm_error(Q2, P2), None)
        Q2, P2 = density(period)
        off = (Q2.size - Q.size) // 2
        change = float(np.max(np.abs(P2[off : off + Q.size] - P)))
        err = norm_error(Q2, P2)
        if change < 1e-8 and err < 1e-10:
            return HeatDensity(Q2, P2, sigma, (period - pad) / 2, len(cache), err, change)
        if len(cache) > 4 * max_evaluations:
            raise ParameterError("P(Q) window did not converge within the evaluation budget")
        Q, P = Q2, P2


def heat_moments_from_density(density: HeatDensity) -> tuple[float, float]:
    """Normalisation and mean ``(sum P dQ, sum Q P dQ)`` of a density."""
    return float(np.sum(density.P) * density.dQ), density.mean()


__all__ = [
    "CharacteristicFunction",
    "HeatDensity",
    "broadened_density",
    "characteristic_from_atoms",
    "heat_density_fft",
    "heat_moments_from_density",
]
