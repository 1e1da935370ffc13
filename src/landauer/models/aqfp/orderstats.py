"""Worst device on a chip of N aQFPs: the paper's heuristic and exact order statistics by quadrature.

(a) Heuristic [paper, formula reconstructed]: all five components (3 inductors, 2 junctions) sit ``k``
sigma out adversely; there are ``2 x 3 = 6`` such choices, so ``6 Q(k)^5 = 1/N`` and
``alpha_wc = 1 - k (3 sigma_L + 2 sigma_J I_c/I_s)``.

(b) Order statistics [choice]: with Eq. 4, ``1 - alpha = |X| + c|Y|`` where ``X ~ N(0, n sigma_L^2)``
(``n`` active ports), ``Y ~ N(0, 2 sigma_J^2)`` and ``c = I_c/I_s``. The tail
``T(t) = P(|X| + c|Y| >= t)`` is a one-dimensional convolution, evaluated here in log space (exact
to far below 1e-300). ``F(a) = P(alpha <= a) = T(1 - a)``; the chip minimum has CDF
``1 - (1 - F)^N`` and median ``F^-1(1 - 2^(-1/N))``. Equal excursions on all five components are not
the likeliest route to a given alpha, so (b) lies below (a).

Chip BER: the worst device's BER on the median chip, ``1/(1 + exp(alpha_min dU0/kT))``, and the expected
number of errors per cycle from working devices ``N E[BER_i; alpha > 0]`` by quadrature. Outright
failures ``N P(alpha <= 0)`` are reported separately (yield loss), never averaged into a BER.

Reference: Q. Herr, arXiv:2504.04284 (2025), supplemental; H. A. David, H. N. Nagaraja, Order
Statistics, 3rd ed. (Wiley 2003).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

from landauer.models.aqfp.mismatch import MismatchSpec
from landauer.validation import ParameterError, check_positive

Array = NDArray[np.float64]
LN10 = math.log(10.0)


def heuristic_k(n_devices: float, *, ways: int = 6, components: int = 5) -> float:
    """``k`` solving ``ways Q(k)^components = 1/N`` (Q: standard normal upper tail)."""
    check_positive("n_devices", n_devices)
    target = -math.log(n_devices * ways) / components  # log Q(k)
    return float(optimize.brentq(lambda k: special.log_ndtr(-k) - target, 0.0, 40.0, xtol=1e-14))


def heuristic_alpha(spec: MismatchSpec, n_devices: float) -> tuple[float, float]:
    """Paper's worst case ``(alpha_wc, k)`` for a chip of ``n_devices`` (3 inductors, 2 junctions)."""
    k = heuristic_k(n_devices)
    return 1.0 - k * (3.0 * spec.sigma_L + 2.0 * spec.sigma_J * spec.ic_over_is), k


def _scales(spec: MismatchSpec) -> tuple[float, float]:
    if spec.inductor_term != "abs":
        raise ParameterError("the quadrature covers Eq. 4 as printed (inductor_term='abs'); "
                             "use the Monte Carlo for the other variants")
    sx = math.sqrt(spec.n_active) * spec.sigma_L
    sy = spec.ic_over_is * math.sqrt(2.0) * spec.sigma_J
    return sx, sy


def log_tail(t: ArrayLike, spec: MismatchSpec, *, points: int = 801) -> Array:
    """``ln P(|X| + c|Y| >= t)`` for each ``t`` (vectorised; ``t <= 0`` gives 0)."""
    sx, sy = _scales(spec)
    tt = np.atleast_1d(np.asarray(t, float))
    out = np.zeros(tt.shape)
    pos = tt > 0
    if not pos.any():
        return out
    tp = tt[pos][:, None]
    u = np.linspace(0.0, 1.0, points)[None, :]
    y = tp * u  # c|Y| value
    if sx == 0 or sy == 0:  # one term only: a half-normal tail
        s = sx or sy
        out[pos] = math.log(2.0) + special.log_ndtr(-tt[pos] / s)
        return out
    # density of c|Y| (half-normal, scale sy) times P(|X| >= t - y)
    log_f = math.log(2.0) - 0.5 * (y / sy) ** 2 - math.log(sy * math.sqrt(2.0 * math.pi))
    log_px = math.log(2.0) + special.log_ndtr(-(tp - y) / sx)
    g = log_f + log_px + np.log(tp)  # dy = t du
    w = np.full(points, 1.0)
    w[0] = w[-1] = 0.5
    log_int = special.logsumexp(g, axis=1, b=w[None, :] / (points - 1))
    log_ytail = math.log(2.0) + special.log_ndtr(-tt[pos] / sy)
    out[pos] = np.logaddexp(log_int, log_ytail)
    return out


def log_cdf_alpha(a: ArrayLike, spec: MismatchSpec) -> Array:
    """``ln F(a) = ln P(alpha <= a)``."""
    return log_tail(1.0 - np.asarray(a, float), spec)


def chip_min_quantile(q: float, spec: MismatchSpec, n_devices: float) -> float:
    """Quantile ``q`` of the smallest alpha on a chip of ``n_devices``: ``F(a) = 1 - (1 - q)^(1/N)``."""
    if not 0 < q < 1:
        raise ParameterError(f"quantile must lie in (0, 1), got {q}")
    check_positive("n_devices", n_devices)
    log_target = math.log(-math.expm1(math.log1p(-q) / n_devices))
    return float(optimize.brentq(lambda a: float(log_cdf_alpha(a, spec)[0]) - log_target, -3.0, 1.0,
                                 xtol=1e-12))


def log10_ber(alpha_value: ArrayLike, delta_u_kT: float) -> Array:
    """``log10 [1/(1 + exp(alpha dU0/kT))]``."""
    return -np.logaddexp(0.0, np.asarray(alpha_value, float) * delta_u_kT) / LN10


def expected_errors(spec: MismatchSpec, n_devices: float, *, points: int = 2001) -> float:
    """``N E[BER_i; alpha > 0]`` (errors per chip per cycle from working devices), by parts:
    ``E = BER(1) - F(0)/2 + int_0^1 (dU0/kT) BER (1 - BER) F(a) da``."""
    a = np.linspace(0.0, 1.0, points)
    x = a * spec.delta_u_kT
    log_ber = -np.logaddexp(0.0, x)
    log_1mber = -np.logaddexp(0.0, -x)
    log_F = log_cdf_alpha(a, spec)
    g = math.log(spec.delta_u_kT) + log_ber + log_1mber + log_F
    w = np.full(points, 1.0 / (points - 1))
    w[0] = w[-1] = 0.5 / (points - 1)
    log_int = float(special.logsumexp(g, b=w))
    total = math.exp(log_ber[-1]) - 0.5 * math.exp(log_F[0]) + math.exp(log_int)
    return float(n_devices * max(total, 0.0))


@dataclass(frozen=True)
class ChipStatistics:
    """Worst-case statistics of one chip (see module docstring)."""

    n_devices: float
    heuristic_k: float
    alpha_heuristic: float
    log10_ber_heuristic: float
    alpha_min_median: float  # median over chips of the worst device's alpha (order statistics)
    alpha_min_q05: float
    alpha_min_q95: float
    log10_ber_median_chip: float
    expected_errors_per_cycle: float  # N E[BER_i; alpha > 0]
    expected_failures: float  # N P(alpha <= 0): yield loss
    log10_p_fail: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def chip_statistics(spec: MismatchSpec, n_devices: float = 1e9) -> ChipStatistics:
    """Heuristic and exact worst-case alpha, chip BER and yield loss for ``n_devices`` devices."""
    a_h, k = heuristic_alpha(spec, n_devices)
    med = chip_min_quantile(0.5, spec, n_devices)
    lpf = float(log_cdf_alpha(0.0, spec)[0])
    return ChipStatistics(
        n_devices=float(n_devices), heuristic_k=k, alpha_heuristic=a_h,
        log10_ber_heuristic=float(log10_ber(a_h, spec.delta_u_kT)),
        alpha_min_median=med, alpha_min_q05=chip_min_quantile(0.05, spec, n_devices),
        alpha_min_q95=chip_min_quantile(0.95, spec, n_devices),
        log10_ber_median_chip=float(log10_ber(med, spec.delta_u_kT)),
        expected_errors_per_cycle=expected_errors(spec, n_devices),
        expected_failures=float(n_devices * math.exp(lpf)), log10_p_fail=lpf / LN10,
    )
