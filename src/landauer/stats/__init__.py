"""Statistics in one place: the ensemble summary, weighted fits with a chi-square gate, elementary
estimators with standard errors, and sweep seeds.

- :class:`EnsembleSummary` (``from_dataset(ds, target=...)``, ``merge``, ``to_dict``);
- :func:`fit_inverse_tau`, :func:`fit_polynomial`, :func:`weighted_least_squares` -> :class:`Fit`
  (parameter SEs, ``chi2/dof``, ``p_value``, ``check``);
- :class:`Moments`, :func:`mean_se`, :func:`proportion`, :func:`clopper_pearson`, :func:`clopper_pearson_upper`;
- :func:`spawn_seeds`, :func:`child_seed` (``numpy.random.SeedSequence.spawn``).
"""

from landauer.bounds import Estimate
from landauer.stats.estimators import Moments, clopper_pearson, clopper_pearson_upper, mean_se, proportion
from landauer.stats.fit import Fit, FitError, fit_inverse_tau, fit_polynomial, weighted_least_squares
from landauer.stats.seeds import child_seed, spawn_seeds
from landauer.stats.summary import EnsembleSummary, resolve_state

__all__ = [
    "EnsembleSummary",
    "Estimate",
    "Fit",
    "FitError",
    "Moments",
    "child_seed",
    "clopper_pearson",
    "clopper_pearson_upper",
    "fit_inverse_tau",
    "fit_polynomial",
    "mean_se",
    "proportion",
    "resolve_state",
    "spawn_seeds",
    "weighted_least_squares",
]
