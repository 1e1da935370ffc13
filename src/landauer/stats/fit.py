"""Weighted least-squares fits with parameter standard errors and a chi-square gate.

For data ``y_i +- s_i`` and a model linear in its parameters, ``y = A c``, the fit minimises
``chi2 = sum_i (y_i - (A c)_i)^2 / s_i^2``; ``c = (A^T W A)^-1 A^T W y`` with ``W = diag(1/s_i^2)``, and the
parameter covariance is ``(A^T W A)^-1`` (standard errors: the square roots of its diagonal). With correct
``s_i`` and a correct model, ``chi2`` follows a chi-square law with ``dof = n - n_params``; its upper
tail probability ``p`` is the goodness of fit, and :meth:`Fit.check` rejects fits with ``p < alpha``
(the model or the error bars are wrong). Reference: P. R. Bevington, D. K. Robinson, Data Reduction and
Error Analysis, 3rd ed. (McGraw-Hill 2003), ch. 7 and 11.

Families: :func:`fit_inverse_tau` (``y = a + b / tau``, the finite-time excess work) and
:func:`fit_polynomial` (``y = sum_k c_k x^k``).

Examples
--------
>>> f = fit_inverse_tau([1.0, 2.0, 4.0], [3.0, 2.0, 1.5], [0.1, 0.1, 0.1])
>>> round(f.intercept, 6), round(f.slope, 6), f.dof
(1.0, 2.0, 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import ParameterError

Array = NDArray[np.float64]


class FitError(ParameterError):
    """A fit failed its goodness-of-fit gate (``chi2`` improbably large for its degrees of freedom)."""


@dataclass(frozen=True, eq=False)
class Fit:
    """Result of a weighted linear least-squares fit.

    Attributes
    ----------
    model : str
        The fitted form, e.g. ``"a + b/tau"``.
    names : tuple of str
        Parameter names; ``fit.<name>`` and ``fit.<name>_se`` read a value and its standard error.
    values, errors : tuple of float
        Parameter values and standard errors (from the covariance; not rescaled by ``chi2/dof``).
    covariance : ndarray
        Parameter covariance matrix.
    chi2 : float
        Weighted residual sum of squares.
    dof : int
        Degrees of freedom ``n - n_params``.
    """

    model: str
    names: tuple[str, ...]
    values: tuple[float, ...]
    errors: tuple[float, ...]
    covariance: Array
    chi2: float
    dof: int

    def __getattr__(self, name: str) -> float:
        names = self.__dict__.get("names", ())
        if name in names:
            return self.values[names.index(name)]
        if name.endswith("_se") and name[:-3] in names:
            return self.errors[names.index(name[:-3])]
        raise AttributeError(name)

    @property
    def reduced_chi2(self) -> float:
        """``chi2 / dof`` (NaN without degrees of freedom)."""
        return self.chi2 / self.dof if self.dof > 0 else math.nan

    @property
    def p_value(self) -> float:
        """Probability of a ``chi2`` at least this large if the model and error bars are right."""
        from scipy import stats as _st  # imported here: scipy.stats costs ~0.2 s at start-up

        return float(_st.chi2.sf(self.chi2, self.dof)) if self.dof > 0 else 1.0

    def ok(self, *, alpha: float = 1e-3) -> bool:
        """Whether the fit passes the gate ``p_value >= alpha``."""
        return self.p_value >= alpha

    def check(self, *, alpha: float = 1e-3, what: str = "fit") -> Fit:
        """Return ``self`` if :meth:`ok`, else raise :class:`FitError` naming ``what`` and ``chi2/dof``."""
        if not self.ok(alpha=alpha):
            raise FitError(f"{what}: {self.model} does not fit (chi2/dof = {self.chi2:.3g}/{self.dof}, "
                           f"p = {self.p_value:.2g} < {alpha:g})")
        return self

    def predict(self, x: ArrayLike) -> Array:
        """The fitted curve at ``x``."""
        return np.asarray(_design(self.model, np.asarray(x, dtype=float), len(self.names)) @ np.array(self.values))

    def predict_se(self, x: ArrayLike) -> Array:
        """Standard error of the fitted curve at ``x`` (from the covariance)."""
        A = _design(self.model, np.asarray(x, dtype=float), len(self.names))
        return np.sqrt(np.einsum("ij,jk,ik->i", A, self.covariance, A))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model}
        for k, v, e in zip(self.names, self.values, self.errors, strict=True):
            out[k] = v
            out[f"{k}_se"] = e
        out.update(chi2=self.chi2, dof=self.dof, reduced_chi2=self.reduced_chi2, p_value=self.p_value)
        return out


def _design(model: str, x: Array, nparams: int) -> Array:
    x = np.atleast_1d(x)
    if model == INVERSE_TAU:
        return np.stack([np.ones_like(x), 1.0 / x], axis=1)
    return np.stack([x**k for k in range(nparams)], axis=1)


INVERSE_TAU = "a + b/tau"


def weighted_least_squares(
    design: ArrayLike, y: ArrayLike, se: ArrayLike, *, names: Sequence[str], model: str
) -> Fit:
    """Fit ``y = design @ c`` with weights ``1/se^2`` (see module docstring)."""
    A = np.asarray(design, dtype=float)
    yy = np.asarray(y, dtype=float).ravel()
    s = np.asarray(se, dtype=float).ravel()
    n, k = A.shape
    if yy.size != n or s.size != n:
        raise ParameterError(f"fit needs one y and one standard error per point ({n}), got {yy.size}, {s.size}")
    if n < k:
        raise ParameterError(f"fit of {model} needs at least {k} points, got {n}")
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(yy)) and np.all(np.isfinite(s))):
        raise ParameterError("fit data must be finite")
    if np.any(s <= 0):
        raise ParameterError("standard errors must be > 0 for a weighted fit")
    w = 1.0 / s**2
    cov = np.asarray(np.linalg.inv(A.T @ (A * w[:, None])), dtype=np.float64)
    coef = cov @ (A.T @ (w * yy))
    resid = yy - A @ coef
    return Fit(
        model=model, names=tuple(names), values=tuple(float(c) for c in coef),
        errors=tuple(float(math.sqrt(max(cov[i, i], 0.0))) for i in range(k)), covariance=cov,
        chi2=float(np.sum(w * resid**2)), dof=int(n - k),
    )


def fit_inverse_tau(taus: ArrayLike, y: ArrayLike, se: ArrayLike, *, min_points: int = 3) -> Fit:
    """Fit ``y = intercept + slope / tau`` (``a + b/tau``; Sekimoto & Sasa, J. Phys. Soc. Jpn. 66, 3326 (1997)).

    Parameters ``intercept`` (the quasi-static limit) and ``slope`` (the excess-work coefficient, energy x
    time). ``min_points`` (default 3, so that ``chi2`` has a degree of freedom) is the fewest durations.
    """
    t = np.asarray(taus, dtype=float).ravel()
    if t.size < min_points:
        raise ParameterError(f"the 1/tau fit needs at least {min_points} protocol durations, got {t.size}")
    if np.any(t <= 0) or not np.all(np.isfinite(t)):
        raise ParameterError("protocol durations must be finite and > 0")
    return weighted_least_squares(_design(INVERSE_TAU, t, 2), y, se, names=("intercept", "slope"),
                                  model=INVERSE_TAU)


def fit_polynomial(x: ArrayLike, y: ArrayLike, se: ArrayLike, *, degree: int) -> Fit:
    """Fit ``y = c0 + c1 x + ... + c_degree x^degree``; parameters ``c0 .. c<degree>``."""
    if isinstance(degree, bool) or not isinstance(degree, int) or degree < 0:
        raise ParameterError(f"degree must be a non-negative integer, got {degree!r}")
    xx = np.asarray(x, dtype=float).ravel()
    return weighted_least_squares(_design(f"polynomial-{degree}", xx, degree + 1), y, se,
                                  names=tuple(f"c{k}" for k in range(degree + 1)),
                                  model=f"polynomial of degree {degree}")
