r"""Stationary distribution of a continuous-time Markov chain, robust to rates spanning 300 decades.

The Pauli generator of a dimer at a few kelvin holds rates from ``Gamma`` down to
``Gamma exp(-(E_b - E_a)/kT)`` ~ 1e-200 Gamma. Replacing one row of the generator by the normalisation
and solving with LU subtracts numbers of wildly different size; it can return populations such as
(-8.2, +9.2) that still sum to one. Here the null vector is computed by the state-reduction algorithm of
Grassmann, Taksar and Heyman (Oper. Res. 33, 1107 (1985); O'Cinneide, Numer. Math. 65, 109 (1993)):
eliminate states one by one, censoring the chain,

.. math::
    q_{ij} \leftarrow q_{ij} + q_{ik} q_{kj} / S_k,\qquad S_k = \sum_{j<k} q_{kj},

then back-substitute ``pi_j = sum_{i<j} pi_i q_ij / S_j``. Only additions, multiplications and
divisions of non-negative numbers occur, so every population comes out non-negative and with small
*relative* error (O'Cinneide's entrywise bound: a few n^3 eps), however small it is.

A zero pivot ``S_k = 0`` means the rate graph (edges with rate > 0 after underflow) is reducible. Then
the strongly connected components are found: with exactly one closed class, the stationary state
lives on it (populations elsewhere are exactly zero in floating point, i.e. below ~1e-300) and is
computed there; with two or more closed classes the steady state is not unique and
:class:`IllPosedSteadyState` is raised.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components

#: Componentwise residual allowed, relative to the gross in- plus out-flow of each state.
RESIDUAL_TOL = 1e-9
#: Populations below this (times the largest rate) are exempt from the relative check: flows of order
#: 1e-300 are subnormal and carry few significant digits, and no observable depends on them.
POPULATION_FLOOR = 1e-250


class IllPosedSteadyState(ValueError):
    """The rate graph has more than one closed class: the steady state is not unique."""


def _gth(q: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """GTH on a batch ``q[v, i, j]`` = rate i -> j; returns (pi, zero_pivot) per batch entry."""
    q = q.copy()
    nv, n, _ = q.shape
    bad = np.zeros(nv, dtype=bool)
    for k in range(n - 1, 0, -1):
        s = q[:, k, :k].sum(axis=1)
        bad |= ~(s > 0)
        s = np.where(s > 0, s, 1.0)
        q[:, :k, k] /= s[:, None]
        q[:, :k, :k] += q[:, :k, k, None] * q[:, k, None, :k]
    pi = np.zeros((nv, n))
    pi[:, 0] = 1.0
    for j in range(1, n):
        pi[:, j] = np.einsum("vi,vi->v", pi[:, :j], q[:, :j, j])
    return pi / pi.sum(axis=1, keepdims=True), bad


def _closed_class(q: NDArray[np.float64]) -> NDArray[np.int64]:
    """Indices of the unique closed communicating class of the graph ``q > 0`` (raises if not unique)."""
    adj = q > 0
    ncomp, label = connected_components(adj, directed=True, connection="strong")
    leaves = [c for c in range(ncomp) if not np.any(adj[np.ix_(label == c, label != c)])]
    if len(leaves) != 1:
        groups = [np.flatnonzero(label == c).tolist() for c in leaves]
        raise IllPosedSteadyState(
            f"the master equation has {len(leaves)} closed sets of states {groups} (no rate connects "
            "them): the steady state is not unique; check that every channel has Gamma > 0 and |p| < 1"
        )
    return np.flatnonzero(label == leaves[0])


def stationary(rate: NDArray[np.float64]) -> NDArray[np.float64]:
    """Stationary populations of ``dP_b/dt = sum_a (W_ba P_a - W_ab P_b)`` for a batch of generators.

    Parameters
    ----------
    rate : ndarray (nV, n, n)
        ``rate[v, b, a] = W_ba >= 0``, the rate of the jump a -> b (diagonal ignored).

    Returns
    -------
    ndarray (nV, n)
        Populations, non-negative, summing to one, with componentwise residual
        ``|sum_a W_ba P_a - P_b sum_a W_ab| <= 1e-9 (in-flow + out-flow of b) + 1e-250 max W``.

    Raises
    ------
    IllPosedSteadyState
        If the rate graph has more than one closed class.
    ValueError
        If rates are negative or not finite, or the residual check fails.
    """
    w = np.asarray(rate, dtype=float)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("transition rates must be finite and non-negative")
    n = w.shape[-1]
    q = np.swapaxes(w, 1, 2).copy()  # q[v, i, j] = rate i -> j
    q[:, np.arange(n), np.arange(n)] = 0.0
    pi, bad = _gth(q)
    for v in np.flatnonzero(bad):
        keep = _closed_class(q[v])
        sub = q[v][np.ix_(keep, keep)][None]
        p_sub, again = _gth(sub)
        if again[0]:  # cannot happen for an irreducible class in exact arithmetic
            raise ValueError("state reduction met a zero pivot inside an irreducible class (underflow)")
        pi[v] = 0.0
        pi[v, keep] = p_sub[0]
    inflow = np.einsum("vba,va->vb", w, pi) - w[:, np.arange(n), np.arange(n)] * pi
    outflow = pi * (q.sum(axis=2))
    resid = np.abs(inflow - outflow)
    floor = POPULATION_FLOOR * np.max(q, axis=(1, 2))[:, None]
    if not np.all(np.isfinite(pi)) or np.any(resid > RESIDUAL_TOL * (inflow + outflow) + floor):
        worst = float(np.max(resid / np.where(inflow + outflow > 0, inflow + outflow, 1.0)))
        raise ValueError(f"steady state failed its residual check (relative residual {worst:.2e})")
    return pi
