r"""Reeb-Wolf finite-size Landauer bound ``B_RW`` and its constant ``R(d)``.

References
----------
D. Reeb and M. M. Wolf, New J. Phys. 16, 103011 (2014), arXiv:1306.4352 (Theorems 3 and 6).
J. Goold, M. Paternostro, K. Modi, PRL 114, 060602 (2015), Eq. 14.

.. math::

    R(d) = \max_{0<r<1/2} r(1-r)\,\ln^2\!\left[\frac{(1-r)(d-1)}{r}\right],

with ``d`` the reservoir Hilbert-space dimension (``2^N`` for N spins: the paper's "d = 2N-1" is a
flattened exponent, see docs/quantum.md). For a change of system entropy ``dS = S(rho_S) - S(rho'_S)``:

* ``dS >= 0`` (genuine erasure): ``B_RW = dS + dS^2 / (2R)`` (Reeb-Wolf Thm 6, Eq. 36);
* ``dS < 0`` (the paper's pure initial states): ``B_RW = R - sqrt(R^2 - 2 R dS)``, evaluated as
  ``2 R dS / (R + sqrt(R^2 - 2 R dS))`` to avoid cancellation (Goold et al. Eq. 14).

``d = 1`` gives ``R = inf`` and ``B_RW = dS``. Both are lower bounds on ``beta <Q>``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import optimize

from landauer.validation import ParameterError, check_finite

_R_GRID = np.concatenate([np.logspace(-300, -2, 400), np.linspace(0.01, 0.5, 400)[1:-1]])


def log_dimension(d: float | None = None, *, log_d: float | None = None) -> float:
    """Return ``ln d`` from exactly one of ``d`` (>= 1) or ``log_d`` (>= 0)."""
    if (d is None) == (log_d is None):
        raise ParameterError("give exactly one of d or log_d")
    if d is not None:
        check_finite("d", d)
        if d < 1:
            raise ParameterError(f"d (reservoir dimension) must be >= 1, got {d!r}")
        return math.log(float(d))
    check_finite("log_d", log_d)
    if float(log_d) < 0:  # type: ignore[arg-type]
        raise ParameterError(f"log_d must be >= 0, got {log_d!r}")
    return float(log_d)  # type: ignore[arg-type]


def _log_dm1(log_d: float) -> float:
    """``ln(d - 1)`` for ``d = e^{log_d}``, accurate for huge d (``ln d + log1p(-1/d)``)."""
    if log_d == 0.0:
        return -math.inf
    if log_d > 1.0:
        return log_d + math.log1p(-math.exp(-log_d))
    return math.log(math.expm1(log_d))


def reeb_wolf_R(d: float | None = None, *, log_d: float | None = None) -> float:
    r"""Reeb-Wolf constant ``R(d) = max_{0<r<1/2} r(1-r) ln^2[(1-r)(d-1)/r]``.

    Parameters
    ----------
    d : float, optional
        Reservoir Hilbert-space dimension (>= 1).
    log_d : float, optional
        ``ln d`` instead of ``d`` (use ``N ln 2`` for N spins; needed beyond ``d ~ 1e308``).

    Returns
    -------
    float
        ``R(d)`` (``inf`` for ``d = 1``). Maximised on a grid, then refined by bounded Brent
        (``xatol 1e-14``). Satisfies ``R <= ln^2(d-1)/4 + 1`` (Reeb-Wolf).
    """
    ld = log_dimension(d, log_d=log_d)
    L = _log_dm1(ld)
    if math.isinf(L):
        return math.inf

    def f(r: Any) -> Any:
        return r * (1.0 - r) * (np.log1p(-r) - np.log(r) + L) ** 2

    vals = f(_R_GRID)
    k = int(np.argmax(vals))
    lo = _R_GRID[max(k - 1, 0)]
    hi = _R_GRID[min(k + 1, _R_GRID.size - 1)]
    res = optimize.minimize_scalar(
        lambda r: -f(r), bounds=(lo, hi), method="bounded", options={"xatol": 1e-14 * max(hi, 1e-300)}
    )
    return float(max(-res.fun, vals[k]))


def reeb_wolf_bound(delta_S: Any, R: float) -> Any:
    r"""Finite-size bound ``B_RW(dS; R)`` on ``beta <Q>`` (vectorised over ``delta_S``).

    ``dS >= 0``: ``dS + dS^2/(2R)``; ``dS < 0``: ``2 R dS / (R + sqrt(R^2 - 2 R dS))``
    (``= R - sqrt(R^2 - 2 R dS)``, Goold et al. Eq. 14). ``R = inf`` returns ``dS``.
    """
    ds = np.asarray(delta_S, dtype=float)
    if not (R > 0):
        raise ParameterError(f"R must be > 0, got {R!r}")
    if math.isinf(R):
        out = ds.copy()
    else:
        neg = 2.0 * R * ds / (R + np.sqrt(R * R - 2.0 * R * np.minimum(ds, 0.0)))
        out = np.where(ds >= 0, ds + ds * ds / (2.0 * R), neg)
    return float(out) if out.ndim == 0 else out
