"""Erasure figures of merit from an ensemble: thin helpers over :mod:`landauer.stats`.

All energies in kT. Sign convention: W > 0 is work done on the memory by the controller.
:func:`summarise` builds an :class:`~landauer.stats.EnsembleSummary` from arrays, :func:`stats_table`
turns a list of them into columns for Datasets and plots, and :func:`fit_inverse_tau` is the one
weighted ``a + b/tau`` fit (:func:`landauer.stats.fit_inverse_tau`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.stats import EnsembleSummary, Fit, fit_inverse_tau

__all__ = ["EnsembleSummary", "Fit", "fit_inverse_tau", "stats_table", "summarise"]


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
    state_initial: ArrayLike | None = None,
) -> EnsembleSummary:
    """Figures of merit of one erasure run; the Wasserstein bound needs 1-D positions and the mobility.

    The finite-time bound (Schmiedl & Seifert 2007; Proesmans, Ehrich, Bechhoefer 2020) uses
    ``Delta F = W_min(eps)``, valid for a final state that returns to the initial potential with locally
    equilibrated wells; any residual non-equilibrium only raises the true Delta F, so the bound stays valid.
    """
    return EnsembleSummary.from_arrays(
        work_kT=work_kT, heat_kT=heat_kT, state_final=state_final, state_initial=state_initial,
        target=target_state, tau=tau, x_initial=x_initial, x_final=x_final, mobility=mobility,
    )


TABLE_COLUMNS = ("tau", "mean_work", "mean_work_se", "eps", "success_probability", "w_min_eps", "excess_work",
                 "excess_work_se", "w2_squared", "finite_time_bound", "mean_exp_minus_w", "mean_exp_minus_w_se",
                 "mean_heat", "mean_heat_se")


def stats_table(stats: Sequence[EnsembleSummary]) -> dict[str, NDArray[np.float64]]:
    """Columns of a list of summaries as arrays (for Datasets and :func:`landauer.plotting.work_vs_tau`).

    ``w_min_eps`` is the error-corrected bound ``W_min(eps_hat)``; missing values are NaN.
    """

    def row(s: EnsembleSummary) -> dict[str, float | None]:
        me = s.mean_exp_minus_work
        return {
            "tau": s.tau, "mean_work": s.mean_work, "mean_work_se": s.mean_work_se, "eps": s.eps,
            "success_probability": s.success_probability, "w_min_eps": s.eps_corrected_bound,
            "excess_work": s.excess_work, "excess_work_se": s.excess_work_se, "w2_squared": s.w2_squared,
            "finite_time_bound": s.finite_time_bound, "mean_exp_minus_w": me.value,
            "mean_exp_minus_w_se": me.stderr, "mean_heat": s.mean_heat, "mean_heat_se": s.mean_heat_se,
        }

    rows = [row(s) for s in stats]
    return {k: np.array([np.nan if r[k] is None else r[k] for r in rows], dtype=float) for k in TABLE_COLUMNS}
