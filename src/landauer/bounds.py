"""Thermodynamic bounds on the cost of computing, and fluctuation-theorem estimators.

Energies are in units of ``k_B T`` unless a function says otherwise; multiply by
:func:`landauer.constants.kT` for joules. Entropies are in nats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

from landauer.validation import ParameterError, check_positive

LN2 = math.log(2.0)


def landauer_kT(bits: float = 1.0) -> float:
    """Landauer's bound ``ln 2`` per erased bit, in kT.

    Reference: R. Landauer, IBM J. Res. Dev. 5, 183 (1961).
    """
    return bits * LN2


def shannon_entropy(p: ArrayLike) -> float:
    """Shannon entropy ``H(p) = -sum p ln p`` in nats (``0 ln 0 = 0``)."""
    q = _as_distribution(p, "p")
    return float(-np.sum(special.xlogy(q, q)))


def _as_distribution(p: ArrayLike, name: str) -> NDArray[np.float64]:
    q = np.asarray(p, dtype=float)
    if q.ndim != 1 or q.size == 0:
        raise ParameterError(f"{name} must be a non-empty 1-D probability vector")
    if not np.all(np.isfinite(q)) or np.any(q < 0):
        raise ParameterError(f"{name} must be finite and non-negative, got {q}")
    if abs(q.sum() - 1.0) > 1e-9:
        raise ParameterError(f"{name} must sum to 1, sums to {q.sum():.12g}")
    return q


def logical_map_cost(mapping: ArrayLike, p_in: ArrayLike) -> float:
    """Minimum mean work (kT) to implement a logical map on input distribution ``p_in``.

    ``<W> >= kT [H(p_in) - H(T p_in)]`` for a memory whose logical states have equal local free
    energies (add their free-energy differences otherwise).

    Parameters
    ----------
    mapping : array_like
        Either a 1-D integer array ``out[i]`` (deterministic map, input state i -> out[i]) or a 2-D
        column-stochastic matrix ``T[j, i] = P(out = j | in = i)``.
    p_in : array_like
        Input distribution over the input states.

    References
    ----------
    J. M. R. Parrondo, J. M. Horowitz, T. Sagawa, Nat. Phys. 11, 131 (2015).

    Examples
    --------
    Erasure of a uniform bit (both inputs -> 0) costs ln 2:

    >>> round(logical_map_cost([0, 0], [0.5, 0.5]), 6)
    0.693147
    """
    p = _as_distribution(p_in, "p_in")
    m = np.asarray(mapping)
    if m.ndim == 1:
        if m.size != p.size or not np.issubdtype(m.dtype, np.integer) or np.any(m < 0):
            raise ParameterError("a deterministic mapping must list one non-negative integer per input")
        p_out = np.asarray(np.bincount(m, weights=p), dtype=float)
    elif m.ndim == 2:
        T = m.astype(float)
        if T.shape[1] != p.size:
            raise ParameterError(f"mapping has {T.shape[1]} input columns but p_in has {p.size} states")
        if np.any(T < 0) or not np.allclose(T.sum(axis=0), 1.0, atol=1e-9):
            raise ParameterError("a stochastic mapping must have non-negative columns summing to 1")
        p_out = np.asarray(T @ p, dtype=float)
    else:
        raise ParameterError("mapping must be 1-D (deterministic) or 2-D (stochastic matrix)")
    return shannon_entropy(p) - shannon_entropy(p_out / p_out.sum())


def erasure_with_error(eps: float | NDArray[np.float64]) -> float | NDArray[np.float64]:
    """Minimum work (kT) to erase a uniform bit leaving residual error probability ``eps``.

    ``W_min = ln 2 + eps ln eps + (1 - eps) ln(1 - eps)`` = ln 2 - H_2(eps); zero at eps = 1/2.
    Derived from :func:`logical_map_cost` with output distribution ``(1 - eps, eps)``.

    Examples
    --------
    >>> round(erasure_with_error(0.01), 6)
    0.637146
    """
    e = np.asarray(eps, dtype=float)
    if not np.all(np.isfinite(e)) or np.any((e < 0) | (e > 1)):
        raise ParameterError(f"residual error eps must lie in [0, 1], got {eps!r}")
    val = LN2 + special.xlogy(e, e) + special.xlogy(1 - e, 1 - e)
    return float(val) if np.ndim(val) == 0 else val


# --- finite-time bound -------------------------------------------------------------------------


def wasserstein2_samples(a: ArrayLike, b: ArrayLike, *, quantiles: int = 4096) -> float:
    """Squared 2-Wasserstein distance between two 1-D empirical distributions.

    ``W_2^2 = int_0^1 [F_a^{-1}(u) - F_b^{-1}(u)]^2 du`` evaluated on ``quantiles`` midpoints.
    Returned in the squared units of the samples.
    """
    xa = np.asarray(a, dtype=float).ravel()
    xb = np.asarray(b, dtype=float).ravel()
    for name, x in (("a", xa), ("b", xb)):
        if x.size == 0 or not np.all(np.isfinite(x)):
            raise ParameterError(f"samples {name} must be non-empty and finite")
    u = (np.arange(quantiles) + 0.5) / quantiles
    qa = np.quantile(xa, u)
    qb = np.quantile(xb, u)
    return float(np.mean((qa - qb) ** 2))


def wasserstein2_grid(x: ArrayLike, rho_a: ArrayLike, rho_b: ArrayLike, *, quantiles: int = 4096) -> float:
    """Squared 2-Wasserstein distance between two 1-D densities tabulated on the grid ``x``."""
    xg = np.asarray(x, dtype=float)
    if xg.ndim != 1 or xg.size < 2 or np.any(np.diff(xg) <= 0):
        raise ParameterError("grid x must be 1-D and strictly increasing")
    u = (np.arange(quantiles) + 0.5) / quantiles

    def quantile_fn(rho: ArrayLike) -> NDArray[np.float64]:
        r = np.asarray(rho, dtype=float)
        if r.shape != xg.shape or np.any(r < 0) or not np.all(np.isfinite(r)):
            raise ParameterError("densities must be finite, non-negative and match the grid")
        cdf = np.concatenate([[0.0], np.cumsum(0.5 * (r[1:] + r[:-1]) * np.diff(xg))])
        if cdf[-1] <= 0:
            raise ParameterError("density integrates to zero")
        cdf /= cdf[-1]
        keep = np.concatenate([[True], np.diff(cdf) > 0])
        return np.interp(u, cdf[keep], xg[keep])

    return float(np.mean((quantile_fn(rho_a) - quantile_fn(rho_b)) ** 2))


def finite_time_bound(w2_squared: float, *, mobility: float, tau: float) -> float:
    """Minimum excess work ``W_2^2 / (mu tau)`` of an overdamped protocol of duration ``tau``.

    ``<W> - Delta F >= W_2(rho_0, rho_tau)^2 / (mu tau)`` with ``Delta F`` the nonequilibrium
    free-energy change; units: energy = length^2 / (mobility * time).

    References: T. Schmiedl & U. Seifert, PRL 98, 108301 (2007); E. Aurell et al., PRL 106, 250601
    (2011); K. Proesmans, J. Ehrich, J. Bechhoefer, PRL 125, 100602 (2020).
    """
    check_positive("mobility", mobility)
    check_positive("tau", tau)
    check_positive("w2_squared", w2_squared, allow_zero=True)
    return w2_squared / (mobility * tau)


# --- fluctuation theorems ---------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A statistical estimate with its standard error."""

    value: float
    stderr: float

    def __iter__(self):  # allows ``value, err = estimate``
        yield self.value
        yield self.stderr


def mean_exp(work_kT: ArrayLike) -> Estimate:
    """``<exp(-W/kT)>`` with its standard error (sample SD / sqrt(n)).

    Jarzynski: equals ``exp(-Delta F / kT)``. Reference: C. Jarzynski, PRL 78, 2690 (1997).
    """
    w = _work_array(work_kT)
    shift = w.min()
    x = np.exp(-(w - shift))
    scale = math.exp(-shift)
    return Estimate(float(x.mean() * scale), float(x.std(ddof=1) / math.sqrt(w.size) * scale))


def jarzynski_free_energy(work_kT: ArrayLike) -> Estimate:
    """Jarzynski estimate ``Delta F = -ln <exp(-W)>`` (kT) with delta-method standard error.

    Biased for finite samples when the work spread exceeds a few kT; the error grows as
    ``exp(var W)``. Reference: C. Jarzynski, PRL 78, 2690 (1997).
    """
    w = _work_array(work_kT)
    shift = w.min()
    x = np.exp(-(w - shift))
    m = x.mean()
    return Estimate(float(shift - math.log(m)), float(x.std(ddof=1) / math.sqrt(w.size) / m))


def crooks_free_energy(forward_kT: ArrayLike, reverse_kT: ArrayLike) -> Estimate:
    """Bennett acceptance ratio estimate of ``Delta F`` (kT) from forward and reverse work.

    Solves ``sum_F f(M + W_F - dF) = sum_R f(-M + W_R + dF)`` with ``f`` the Fermi function and
    ``M = ln(n_F/n_R)``, the maximum-likelihood use of the Crooks relation
    ``P_F(W)/P_R(-W) = exp(W - Delta F)``; asymptotic standard error from Shirts et al.

    References: G. E. Crooks, PRE 60, 2721 (1999); C. H. Bennett, J. Comput. Phys. 22, 245 (1976);
    M. R. Shirts, E. Bair, G. Hooker, V. S. Pande, PRL 91, 140601 (2003).
    """
    wf = _work_array(forward_kT)
    wr = _work_array(reverse_kT)
    nf, nr = wf.size, wr.size
    m = math.log(nf / nr)

    def g(df: float) -> float:
        return float(np.sum(special.expit(-(m + wf - df))) - np.sum(special.expit(-(-m + wr + df))))

    lo = min(wf.min(), -wr.max()) - 50.0
    hi = max(wf.max(), -wr.min()) + 50.0
    df = optimize.brentq(g, lo, hi, xtol=1e-12)
    x = np.concatenate([m + wf - df, -m + wr + df])
    # Shirts et al. 2003, Eq. 10: var = 1/(N <f(x)(1 - f(x))>) - (1/n_F + 1/n_R), f(x)(1-f(x)) = 1/(2+2cosh x)
    var = 1.0 / (x.size * np.mean(1.0 / (2.0 + 2.0 * np.cosh(x)))) - (1.0 / nf + 1.0 / nr)
    return Estimate(float(df), float(math.sqrt(max(var, 0.0))))


def _work_array(w: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(w, dtype=float).ravel()
    if arr.size < 2:
        raise ParameterError("need at least two work values")
    if not np.all(np.isfinite(arr)):
        raise ParameterError("work values must be finite")
    return arr
