"""Quantum macrospin of spin S: Pauli master equation, Alicki work and erasure vs S.

Hamiltonian (energies in kT; easy axis y relabelled as the quantisation axis, so ``S_y`` is diagonal)::

    beta H = -(sigma / S^2) S_y^2 - (2 sigma / S) (h_x S_x + h_y S_y)

from ``D S^2 = K V`` and ``g mu_B S = Ms V`` (sigma, xi fixed as S grows). The moment is taken parallel to
S so the classical limit matches the macrospin. The level quantum at the well bottom is
``hbar omega_K = 2 sigma kT / S``.

Pauli master equation (secular weak coupling, ohmic isotropic bath, no coherences or tunnelling)::

    W_{n<-m} = r sum_a |<n|S_a|m>|^2 Phi(E_m - E_n),  Phi(D) = D / (1 - e^{-D}),  Phi(0) = 1

with ``r = alpha / ((1 + alpha^2) sigma)`` per ``t0`` (``lambda = 2 alpha/((1 + alpha^2) hbar S)`` recovers
Brown's equation as S -> infinity; Garcia-Palacios & Dattagupta, arXiv:quant-ph/0505002). Detailed balance
is exact and the steady state is Gibbs. Energetics (Alicki, J. Phys. A 12, L103 (1979)):
``W = sum int p_n dE_n``, ``Q = -sum int E_n dp_n``. Populations live in a diabatic basis followed by
eigenvector overlap, so population never tunnels through the barrier at avoided crossings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.bounds import erasure_with_error
from landauer.validation import ParameterError, check_int, check_positive


def _m_values(S: float) -> NDArray[np.float64]:
    n = int(round(2 * S)) + 1
    return S - np.arange(n, dtype=float)


def check_spin(S: float) -> float:
    if not (S > 0 and abs(2 * S - round(2 * S)) < 1e-12):
        raise ParameterError(f"spin S must be a positive multiple of 1/2, got {S!r}")
    return float(S)


def spin_operators(S: float) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.complex128]]:
    """``(S_x, S_y, S_z_perp)`` with ``S_y`` diagonal (``m = S, S-1, ..., -S``); the third is imaginary."""
    m = _m_values(check_spin(S))
    off = np.sqrt(S * (S + 1) - m[1:] * (m[1:] + 1))  # <m+1|S+|m>
    sp = np.diag(off, 1)  # raising in the ordering m = S, S-1, ...
    sx = 0.5 * (sp + sp.T)
    sz = -0.5j * (sp - sp.T)
    return sx, np.diag(m), sz


def hamiltonian(S: float, *, sigma: float, hx: float, hy: float) -> NDArray[np.float64]:
    """``beta H`` as a real matrix in the ``S_y`` basis."""
    sx, sy, _ = spin_operators(S)
    return -(sigma / S**2) * sy @ sy - (2 * sigma / S) * (hx * sx + hy * sy)


def rate_matrix(E: NDArray[np.float64], ops: Sequence[NDArray[Any]], r: float) -> NDArray[np.float64]:
    """Generator ``L`` (columns sum to 0) with ``L[n, m] = W_{n<-m}`` for eigen-energies ``E`` (kT) and
    operators already in the eigenbasis."""
    d = E[None, :] - E[:, None]  # E_m - E_n
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        phi = np.where(np.abs(d) < 1e-12, 1.0, d / -np.expm1(-d))
    w = r * sum(np.abs(o) ** 2 for o in ops) * phi
    np.fill_diagonal(w, 0.0)
    return w - np.diag(w.sum(axis=0))


def propagate(L: NDArray[np.float64], p: NDArray[np.float64], dt: float, p_eq: NDArray[np.float64]
              ) -> NDArray[np.float64]:
    """``exp(L dt) p`` for a detailed-balance generator with stationary state ``p_eq``.

    ``D^{-1/2} L D^{1/2}`` (``D = diag p_eq``) is symmetric, so ``exp(L dt) = D^{1/2} V e^{lambda dt}
    V^T D^{-1/2}`` with a real, non-positive spectrum.
    """
    d = np.sqrt(np.maximum(p_eq, 1e-300))
    Ls = (L * d[None, :]) / d[:, None]
    lam, V = np.linalg.eigh(0.5 * (Ls + Ls.T))
    out = d * (V @ (np.exp(np.minimum(lam, 0.0) * dt) * (V.T @ (p / d))))
    return np.asarray(out)


def gibbs(E: NDArray[np.float64]) -> NDArray[np.float64]:
    p = np.exp(-(E - E.min()))
    return p / p.sum()


def steady_state(L: NDArray[np.float64]) -> NDArray[np.float64]:
    """Null vector of the generator, normalised."""
    w, v = np.linalg.eig(L)
    k = int(np.argmin(np.abs(w)))
    p = np.real(v[:, k])
    return p / p.sum()


def well_weights(S: float) -> NDArray[np.float64]:
    """Weight of each ``S_y`` eigenstate in the +y well: 1 for m > 0, 0 for m < 0, 1/2 for m = 0."""
    m = _m_values(S)
    return np.where(m > 0, 1.0, np.where(m < 0, 0.0, 0.5))


def quasistatic_work(S: float, *, sigma: float, hb: float) -> tuple[float, float]:
    """``(W_qs, eps_S)``: the section-5 identity with quantum partition functions (kT).

    Stages 1-3 in global equilibrium cost ``-ln Z(h_b) + ln Z(0)``; stage 4 with frozen well populations
    costs ``sum_w p_w [ln Z_w(h_b) - ln Z_w(0)]``. All four are diagonal in ``S_y`` (h_x = 0).
    """
    m = _m_values(check_spin(S))
    w_plus = well_weights(S)

    def lnz(hy: float, weight: NDArray[np.float64]) -> float:
        e = -(sigma / S**2) * m * m - (2 * sigma / S) * hy * m
        top = float(np.max(-e))
        return top + math.log(float(np.sum(weight * np.exp(-e - top))))

    ones = np.ones_like(m)
    zb, z0 = lnz(hb, ones), lnz(0.0, ones)
    eps = math.exp(lnz(hb, 1 - w_plus) - zb)
    w = -zb + z0
    w += (1 - eps) * (lnz(hb, w_plus) - lnz(0.0, w_plus)) + eps * (lnz(hb, 1 - w_plus) - lnz(0.0, 1 - w_plus))
    return w, eps


def _eig_tracked(H: NDArray[np.float64], prev: NDArray[np.float64], *, axial: bool) -> tuple[NDArray, NDArray]:
    """Eigenpairs ordered to follow ``prev`` (diabatic continuation by maximum overlap).

    ``axial`` (h_x = 0): the eigenbasis is the S_y basis itself (levels of the two wells cross exactly and
    degenerate pairs must not be mixed by an eigensolver).
    """
    if axial:
        E, V = np.diag(H).copy(), np.eye(H.shape[0])
    else:
        E, V = np.linalg.eigh(H)
    ov = np.abs(prev.T @ V)
    order = np.full(E.size, -1)
    taken = np.zeros(E.size, dtype=bool)
    for i in np.argsort(-ov.max(axis=1)):
        cand = np.argsort(-ov[i])
        j = next(c for c in cand if not taken[c])
        order[i] = j
        taken[j] = True
    V = V[:, order]
    signs = np.sign(np.sum(prev * V, axis=0))
    return E[order], V * np.where(signs == 0, 1.0, signs)


def pauli_reset(
    S: float, *, sigma: float, hx: float, hb: float, tau_stage: float, alpha: float = 1.0,
    steps_per_stage: int = 200, two_stage: bool = False,
) -> dict[str, float]:
    """Finite-time erasure of spin S by the Pauli master equation (Alicki work, kT).

    ``two_stage``: for S = 1/2 (no barrier), bias ramp ``0 -> hb`` over ``tau_stage`` then instant removal.
    Otherwise the 4-stage reset. Populations start in Gibbs at H = 0 (random bit).
    """
    check_spin(S)
    check_positive("tau_stage", tau_stage)
    n_st = check_int("steps_per_stage", steps_per_stage, minimum=4)
    r = alpha / ((1 + alpha * alpha) * sigma)
    sx, sy, sz = spin_operators(S)
    if two_stage:
        legs = [((0.0, 0.0), (0.0, hb), tau_stage), ((0.0, hb), (0.0, 0.0), 0.0)]
    else:
        legs = [((0.0, 0.0), (hx, 0.0), tau_stage), ((hx, 0.0), (hx, hb), tau_stage),
                ((hx, hb), (0.0, hb), tau_stage), ((0.0, hb), (0.0, 0.0), tau_stage)]
    # start: S_y eigenstates at H = 0 (degenerate pairs must not be mixed by an eigensolver)
    V = np.eye(sy.shape[0])
    E = np.diag(hamiltonian(S, sigma=sigma, hx=0.0, hy=0.0)).copy()
    p = gibbs(E)
    W = 0.0
    Q = 0.0
    for (a, b, dur) in legs:
        k_steps = n_st if dur > 0 else 1
        dt = dur / k_steps
        for k in range(1, k_steps + 1):
            u = k / k_steps
            hxk, hyk = a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])
            H = hamiltonian(S, sigma=sigma, hx=hxk, hy=hyk)
            E_new, V_new = _eig_tracked(H, V, axial=hxk == 0.0)
            W += float(p @ (E_new - E))  # work at fixed populations
            E, V = E_new, V_new
            if dt > 0:
                ops = [V.T @ o @ V for o in (sx, sy, sz)]
                L = rate_matrix(E, ops, r)
                p_new = propagate(L, p, dt, gibbs(E))
                p_new = np.clip(p_new, 0.0, None)
                p_new /= p_new.sum()
                Q -= float(E @ (p_new - p))
                p = p_new
    # final H = 0 (S_y basis, tracked order): wells by the sign of <S_y>
    wrong = (V * V).T @ (1.0 - well_weights(S))
    eps = float(p @ wrong)
    return {"W": W, "Q": Q, "eps": eps, "W_min": float(erasure_with_error(min(eps, 0.5)))}


def restricted_magnetisation(S: float, *, hy: NDArray[np.float64], sigma: float | None = None,
                             kT_over_hw: float | None = None, well: int = -1) -> NDArray[np.float64]:
    """``<S_y>/S`` of the equilibrium restricted to one well vs ``h_y``.

    The only energy scale is the anisotropy ``D`` (``beta H = -(sigma/S^2) m^2 - (2 sigma/S) h m``), so
    the temperature is set by exactly one of

    * ``sigma = D S^2 / kT``: the barrier in kT at the temperature of interest, or
    * ``kT_over_hw``: ``kT`` in units of the level quantum ``hbar omega_K = 2 D S``, i.e.
      ``sigma = S / (2 kT_over_hw)``.

    At ``kT << hbar omega_K`` (``sigma >> S/2``) the restricted ground state changes by one ``m`` at a
    time: steps of 1/S.
    """
    m = _m_values(check_spin(S))
    if (sigma is None) == (kT_over_hw is None):
        raise ParameterError("give exactly one of sigma or kT_over_hw")
    if sigma is not None:
        check_positive("sigma", sigma)
        sig = float(sigma)
    else:
        check_positive("kT_over_hw", kT_over_hw)
        sig = S / (2.0 * float(kT_over_hw))  # type: ignore[arg-type]
    mask = m < 0 if well < 0 else m > 0
    mm = m[mask]
    out = np.empty(len(hy))
    for i, h in enumerate(np.asarray(hy, dtype=float)):
        e = -(sig / S**2) * mm * mm - (2 * sig / S) * h * mm
        w = np.exp(-(e - e.min()))
        out[i] = float(w @ mm / w.sum()) / S
    return out
