"""Elementary estimators with standard errors: sample moments that merge exactly, proportions and their
confidence intervals.

:class:`Moments` keeps ``(n, mean, M2)`` with ``M2 = sum (x - mean)^2`` so that two ensembles merge
exactly (Chan, Golub, LeVeque, Am. Stat. 37, 242 (1983)):
``M2 = M2_a + M2_b + delta^2 n_a n_b / n`` with ``delta = mean_b - mean_a``.
Standard error of the mean: ``s / sqrt(n)`` with the unbiased sample variance ``s^2 = M2 / (n - 1)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from landauer.bounds import Estimate
from landauer.validation import ParameterError


@dataclass(frozen=True)
class Moments:
    """Count, mean and sum of squared deviations of a sample (mergeable; see module docstring)."""

    n: int
    mean: float
    m2: float

    @classmethod
    def of(cls, values: ArrayLike) -> Moments:
        x = np.asarray(values, dtype=float).ravel()
        if x.size == 0:
            return cls(0, math.nan, 0.0)
        m = float(x.mean())
        return cls(int(x.size), m, float(np.sum((x - m) ** 2)))

    @property
    def variance(self) -> float:
        """Unbiased sample variance (NaN for fewer than two values)."""
        return self.m2 / (self.n - 1) if self.n > 1 else math.nan

    @property
    def se(self) -> float:
        """Standard error of the mean ``s / sqrt(n)``."""
        return math.sqrt(self.variance / self.n) if self.n > 1 else math.nan

    def estimate(self) -> Estimate:
        return Estimate(self.mean, self.se)

    def scaled(self, factor: float) -> Moments:
        """Moments of ``factor * x``."""
        return Moments(self.n, self.mean * factor, self.m2 * factor * factor)

    def merge(self, other: Moments) -> Moments:
        """Moments of the union of both samples (exact)."""
        if other.n == 0:
            return self
        if self.n == 0:
            return other
        n = self.n + other.n
        d = other.mean - self.mean
        return Moments(n, self.mean + d * other.n / n, self.m2 + other.m2 + d * d * self.n * other.n / n)


def mean_se(values: ArrayLike) -> Estimate:
    """Sample mean and its standard error ``s/sqrt(n)`` (``s`` with ``ddof = 1``)."""
    x = np.asarray(values, dtype=float).ravel()
    if x.size < 2:
        raise ParameterError("a standard error needs at least two values")
    return Moments.of(x).estimate()


def proportion(k: int, n: int) -> Estimate:
    """Binomial proportion ``k/n`` with the standard error ``sqrt(p (1 - p) / n)``."""
    if n <= 0 or not 0 <= k <= n:
        raise ParameterError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    p = k / n
    return Estimate(p, math.sqrt(p * (1.0 - p) / n))


def clopper_pearson(k: int, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Exact (Clopper-Pearson) binomial confidence interval for ``k`` successes in ``n`` trials.

    Reference: C. J. Clopper, E. S. Pearson, Biometrika 26, 404 (1934).
    """
    if n <= 0 or not 0 <= k <= n:
        raise ParameterError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    a = 1 - level
    from scipy import stats as _st  # imported here: scipy.stats costs ~0.2 s at start-up

    lo = 0.0 if k == 0 else float(_st.beta.ppf(a / 2, k, n - k + 1))
    hi = 1.0 if k == n else float(_st.beta.ppf(1 - a / 2, k + 1, n - k))
    return lo, hi


def clopper_pearson_upper(k: int, n: int, *, confidence: float) -> float:
    """One-sided Clopper-Pearson upper limit of a binomial rate, ``k`` successes in ``n`` trials:
    ``Beta^{-1}(confidence; k + 1, n - k)``, 1 for ``k = n``; for ``k = 0`` it is
    ``1 - (1 - confidence)^(1/n)``.

    Reference: C. J. Clopper, E. S. Pearson, Biometrika 26, 404 (1934).
    """
    if n <= 0 or not 0 <= k <= n:
        raise ParameterError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    if not 0.0 < confidence < 1.0:
        raise ParameterError(f"confidence must lie in (0, 1), got {confidence!r}")
    if k == n:
        return 1.0
    from scipy import stats as _st  # imported here: scipy.stats costs ~0.2 s at start-up

    return float(_st.beta.ppf(confidence, k + 1, n - k))
