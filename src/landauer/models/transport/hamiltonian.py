"""Many-body Hamiltonian of the spinful double dot and its eigenbasis, batched over bias points.

Fock space of 4 modes ``k = 2*site + s`` (site 0 = PM1, 1 = PM2; s = 0 up, 1 down), 16 states, with
Jordan-Wigner signs. The Hamiltonian (see :class:`~.params.SpinEngineParams`) conserves the particle
number N and S^z_tot, so it is diagonalised per (N, S^z) block; a generic eigensolver would mix
degenerate states of different S^z and break spin-current conservation.

Degeneracies inside a block (e.g. U = U' = J = 0, N = 2, S^z = 0) make the Pauli master equation
basis-dependent. They are resolved exactly by diagonalising, inside each degenerate subspace, the
commuting label ``L = sum_{k sigma} c_{k sigma} n_{k sigma}`` built from the occupations of the
single-particle eigenorbitals (bonding/antibonding) with generic weights ``c``: in the non-interacting
limit this yields the orbital product states in which the Pauli result is the exact sequential-
tunnelling current (Kirsanskas et al., Comput. Phys. Commun. 221, 317 (2017), section on the Pauli
approach; Braun, Koenig & Martinek, PRB 70, 195345 (2004)).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

NMODES = 4
NSTATES = 16
_LABEL_WEIGHTS = np.array([1.0, np.sqrt(2.0), np.sqrt(3.0), np.sqrt(5.0)]) * 0.1


def mode(site: int, spin: int) -> int:
    """Mode index of ``site`` (0, 1) and ``spin`` (+1 up, -1 down)."""
    return 2 * site + (0 if spin > 0 else 1)


@lru_cache(maxsize=1)
def creation_operators() -> NDArray[np.float64]:
    """``C[k]``: 16x16 matrices of d^dagger_k in the occupation basis (bit k of the state index)."""
    c = np.zeros((NMODES, NSTATES, NSTATES))
    for k in range(NMODES):
        for n in range(NSTATES):
            if n >> k & 1:
                continue
            sign = (-1) ** bin(n & ((1 << k) - 1)).count("1")
            c[k, n | 1 << k, n] = sign
    c.setflags(write=False)
    return c


@lru_cache(maxsize=1)
def fock_labels() -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Particle number N and 2*S^z of every occupation state."""
    n = np.array([bin(s).count("1") for s in range(NSTATES)])
    two_sz = np.array(
        [sum((1 if k % 2 == 0 else -1) for k in range(NMODES) if s >> k & 1) for s in range(NSTATES)]
    )
    return n, two_sz


@lru_cache(maxsize=1)
def blocks() -> tuple[NDArray[np.int64], ...]:
    """Occupation-state indices of each (N, 2S^z) block, sorted by N then S^z."""
    n, two_sz = fock_labels()
    keys = sorted(set(zip(n.tolist(), two_sz.tolist(), strict=True)))
    return tuple(np.flatnonzero((n == a) & (two_sz == b)) for a, b in keys)


def _number(k: int) -> NDArray[np.float64]:
    c = creation_operators()
    return c[k] @ c[k].T


def _spin_ops(site: int) -> tuple[NDArray[np.complex128], ...]:
    c = creation_operators()
    up, dn = mode(site, +1), mode(site, -1)
    sz = 0.5 * (_number(up) - _number(dn))
    splus = c[up] @ c[dn].T
    sx = 0.5 * (splus + splus.T)
    sy = (splus - splus.T) / 2j
    return sx.astype(complex), sy, sz.astype(complex)


@lru_cache(maxsize=1)
def _static_terms() -> dict[str, NDArray[np.complex128]]:
    c = creation_operators()
    n = [_number(k) for k in range(NMODES)]
    hop = np.zeros((NSTATES, NSTATES))
    for s in (+1, -1):
        a = c[mode(0, s)] @ c[mode(1, s)].T
        hop += a + a.T
    s1, s2 = _spin_ops(0), _spin_ops(1)
    n1, n2 = n[0] + n[1], n[2] + n[3]
    terms = {
        "n1": n1,
        "n2": n2,
        "sz1": s1[2],
        "sz2": s2[2],
        "hop": hop,
        "U": n[0] @ n[1] + n[2] @ n[3],
        "U_inter": n1 @ n2,
        "J_heis": s1[0] @ s2[0] + s1[1] @ s2[1] + s1[2] @ s2[2],
        "J_ising": s1[2] @ s2[2],
        "D_z": s1[0] @ s2[1] - s1[1] @ s2[0],
    }
    return {k: np.asarray(v, dtype=complex) for k, v in terms.items()}


@dataclass(frozen=True)
class DimerCouplings:
    """Bias-independent part of H_D (meV); see :class:`~.params.SpinEngineParams`."""

    t: float = 0.0
    U: float = 0.0
    U_inter: float = 0.0
    J_heis: float = 0.0
    J_ising: float = 0.0
    D_z: float = 0.0
    B1: float = 0.0
    B2: float = 0.0


def hamiltonian(
    eps1: NDArray[np.float64], eps2: NDArray[np.float64], cp: DimerCouplings
) -> NDArray[np.complex128]:
    """H_D for each bias point: array (nV, 16, 16) in the occupation basis (meV)."""
    t = _static_terms()
    static = (
        -cp.t * t["hop"]
        + cp.U * t["U"]
        + cp.U_inter * t["U_inter"]
        + cp.J_heis * t["J_heis"]
        + cp.J_ising * t["J_ising"]
        + cp.D_z * t["D_z"]
        + cp.B1 * t["sz1"]
        + cp.B2 * t["sz2"]
    )
    e1 = np.asarray(eps1, dtype=float)[:, None, None]
    e2 = np.asarray(eps2, dtype=float)[:, None, None]
    return static[None] + e1 * t["n1"][None] + e2 * t["n2"][None]


def _label_operator(eps1: float, eps2: float, cp: DimerCouplings) -> NDArray[np.complex128]:
    """Generic combination of single-particle eigenorbital occupations (commutes with H_D at U=J=0)."""
    c = creation_operators()
    lab = np.zeros((NSTATES, NSTATES))
    for j, s in enumerate((+1, -1)):
        h1 = np.array([[eps1 + s * cp.B1 / 2, -cp.t], [-cp.t, eps2 + s * cp.B2 / 2]])
        _, u = np.linalg.eigh(h1)
        for k in range(2):
            amp = u[:, k]
            op = sum(
                amp[i] * amp[jj] * (c[mode(i, s)] @ c[mode(jj, s)].T)
                for i in range(2)
                for jj in range(2)
            )
            lab += _LABEL_WEIGHTS[2 * j + k] * op
    return lab.astype(complex)


@dataclass(frozen=True)
class Spectrum:
    """Eigenbasis of H_D at each bias point.

    Attributes
    ----------
    energies : ndarray (nV, 16)
        Eigenenergies (meV), ordered block by block.
    vectors : ndarray (nV, 16, 16)
        Column ``a`` is eigenstate ``a`` in the occupation basis.
    n : ndarray (16,)
        Particle number of each eigenstate.
    two_sz : ndarray (16,)
        2 S^z of each eigenstate.
    min_gap : ndarray (nV,)
        Smallest non-zero level spacing inside any (N, S^z) block (meV); inf if none.
    degenerate : ndarray (nV,) of bool
        Whether an exact in-block degeneracy was resolved with the orbital label.
    """

    energies: NDArray[np.float64]
    vectors: NDArray[np.complex128]
    n: NDArray[np.int64]
    two_sz: NDArray[np.int64]
    min_gap: NDArray[np.float64]
    degenerate: NDArray[np.bool_]

    def creation(self, site: int, spin: int) -> NDArray[np.complex128]:
        """<b| d^dagger_{site, spin} |a> in the eigenbasis, array (nV, 16, 16) indexed [b, a]."""
        c = creation_operators()[mode(site, spin)]
        v = self.vectors
        return np.conj(np.swapaxes(v, -1, -2)) @ c @ v


def diagonalise(
    eps1: NDArray[np.float64],
    eps2: NDArray[np.float64],
    cp: DimerCouplings,
    *,
    degeneracy_tol: float = 1e-9,
) -> Spectrum:
    """Diagonalise H_D per (N, S^z) block for every bias point, resolving in-block degeneracies."""
    eps1 = np.atleast_1d(np.asarray(eps1, dtype=float))
    eps2 = np.atleast_1d(np.asarray(eps2, dtype=float))
    h = hamiltonian(eps1, eps2, cp)
    nv = h.shape[0]
    n_f, sz_f = fock_labels()
    energies = np.empty((nv, NSTATES))
    vectors = np.zeros((nv, NSTATES, NSTATES), dtype=complex)
    n_lab = np.empty(NSTATES, dtype=np.int64)
    sz_lab = np.empty(NSTATES, dtype=np.int64)
    min_gap = np.full(nv, np.inf)
    degenerate = np.zeros(nv, dtype=bool)
    col = 0
    for idx in blocks():
        d = idx.size
        sub = h[:, idx[:, None], idx[None, :]]
        w, u = np.linalg.eigh(sub)
        if d > 1:
            gaps = np.diff(w, axis=1)
            scale = degeneracy_tol * (1.0 + np.abs(w[:, 1:]))
            exact = gaps <= scale
            finite_gaps = np.where(exact, np.inf, gaps)
            min_gap = np.minimum(min_gap, finite_gaps.min(axis=1))
            for iv in np.flatnonzero(exact.any(axis=1)):
                degenerate[iv] = True
                lab = _label_operator(float(eps1[iv]), float(eps2[iv]), cp)[np.ix_(idx, idx)]
                u[iv] = _resolve(w[iv], u[iv], lab, exact[iv])
        sl = slice(col, col + d)
        energies[:, sl] = w
        vectors[:, idx, sl] = u
        n_lab[sl] = n_f[idx[0]]
        sz_lab[sl] = sz_f[idx[0]]
        col += d
    return Spectrum(energies, vectors, n_lab, sz_lab, min_gap, degenerate)


def _resolve(
    w: NDArray[np.float64],
    u: NDArray[np.complex128],
    lab: NDArray[np.complex128],
    exact: NDArray[np.bool_],
) -> NDArray[np.complex128]:
    """Rotate each exactly degenerate group of eigenvectors to diagonalise the label operator."""
    u = u.copy()
    start = 0
    d = w.size
    while start < d:
        stop = start + 1
        while stop < d and exact[stop - 1]:
            stop += 1
        if stop - start > 1:
            vg = u[:, start:stop]
            proj = np.conj(vg.T) @ lab @ vg
            _, rot = np.linalg.eigh(0.5 * (proj + np.conj(proj.T)))
            u[:, start:stop] = vg @ rot
        start = stop
    return u
