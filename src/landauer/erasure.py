"""Erasure figures of merit from an ensemble: mean work against Landauer's bound, its error-corrected
and finite-time forms, the residual error, and the 1/tau fit of the excess work.

All energies in kT. Sign convention: W > 0 is work done on the memory by the controller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer import bounds
from landauer.validation import ParameterError


@dataclass(frozen=True)
class ErasureStats:
    """Summary of one erasure ensemble (energies in kT)."""

    tau: float
    n: int
    mean_work: float
    mean_work_se: float
    eps: float  # residual error: fraction not in the target state at the end
    success_probability: float
    w_min_eps: float  # ln 2 + eps ln eps + (1-eps) ln(1-eps)
    excess_work: float  # mean_work - w_min_eps
    w2_squared: float | None  # 2-Wasserstein distance^2 between initial and final positions (1-D)
    finite_time_bound: float | None  # W2^2 / (mu tau)
    mean_exp_minus_w: float
    mean_exp_minus_w_se: float
    mean_heat: float

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def summarise(
    *,
    work_kT: ArrayLike,
    heat_kT: ArrayLike,
    state_final: ArrayLike,
    target_state: int,
    tau: float,
    x_initial: ArrayLike | None = None,
    x_final: ArrayLike | None = None,
    mobility: float | None = None,
) -> ErasureStats:
    """Figures of merit of one erasure run; the Wasserstein bound needs 1-D positions and the mobility.

    The finite-time bound (Schmiedl & Seifert 2007; Proesmans, Ehrich, Bechhoefer 2020) uses
    ``Delta F = W_min(eps)``, valid for a final state that returns to the initial potential with locally
    equilibrated wells; any residual non-equilibrium only raises the true Delta F, so the bound stays valid.
    """
    w = np.asarray(work_kT, dtype=float)
    if w.size < 2:
        raise ParameterError("need at least two trajectories")
    s = np.asarray(state_final, dtype=np.int64)
    eps = float(np.count_nonzero(s != target_state)) / s.size
    wmin = float(bounds.erasure_with_error(eps))
    w2 = bound = None
    if x_initial is not None and x_final is not None and mobility is not None:
        w2 = bounds.wasserstein2_samples(np.ravel(x_initial), np.ravel(x_final))
        bound = bounds.finite_time_bound(w2, mobility=mobility, tau=tau)
    me = bounds.mean_exp(w)
    return ErasureStats(
        tau=float(tau), n=int(w.size), mean_work=float(w.mean()),
        mean_work_se=float(w.std(ddof=1) / np.sqrt(w.size)), eps=eps, success_probability=1.0 - eps,
        w_min_eps=wmin, excess_work=float(w.mean()) - wmin, w2_squared=w2, finite_time_bound=bound,
        mean_exp_minus_w=me.value, mean_exp_minus_w_se=me.stderr, mean_heat=float(np.asarray(heat_kT, dtype=float).mean()),
    )


@dataclass(frozen=True)
class LinearFit:
    """``y = intercept + slope * x`` by weighted least squares, with standard errors."""

    slope: float
    slope_se: float
    intercept: float
    intercept_se: float
    chi2: float
    dof: int


def fit_inverse_tau(taus: ArrayLike, excess: ArrayLike, excess_se: ArrayLike) -> LinearFit:
    """Fit ``excess = intercept + slope / tau`` weighted by 1/SE^2 (SEs from the covariance matrix)."""
    x = 1.0 / np.asarray(taus, dtype=float)
    y = np.asarray(excess, dtype=float)
    se = np.asarray(excess_se, dtype=float)
    if x.size < 3:
        raise ParameterError("the 1/tau fit needs at least three protocol durations")
    wts = 1.0 / se**2
    A = np.stack([np.ones_like(x), x], axis=1)
    cov = np.linalg.inv(A.T @ (A * wts[:, None]))
    coef = cov @ (A.T @ (wts * y))
    resid = y - A @ coef
    return LinearFit(
        slope=float(coef[1]), slope_se=float(np.sqrt(cov[1, 1])), intercept=float(coef[0]),
        intercept_se=float(np.sqrt(cov[0, 0])), chi2=float(np.sum(wts * resid**2)), dof=int(x.size - 2),
    )


def stats_table(stats: Sequence[ErasureStats]) -> dict[str, NDArray[np.float64]]:
    """Columns of a list of :class:`ErasureStats` as arrays (for Datasets and plots)."""
    keys = [k for k in ErasureStats.__dataclass_fields__ if k != "n"]
    return {k: np.array([np.nan if getattr(s, k) is None else getattr(s, k) for s in stats]) for k in keys}
