"""Equilibrium (Boltzmann) initial conditions for low-dimensional models."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.validation import ParameterError, check_int, check_positive, check_seed


def boltzmann_density_1d(
    model: Model, lam: NDArray[np.float64], *, kT: float, lo: float, hi: float, points: int = 20001
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Normalised Boltzmann density ``exp(-U/kT)/Z`` of a 1-D model on a uniform grid over [lo, hi]."""
    if model.ndim != 1:
        raise ParameterError(f"boltzmann_density_1d needs a 1-D model; {model.name} has {model.ndim}")
    check_positive("kT", kT)
    x = np.linspace(lo, hi, points)
    u = np.asarray(model.energy.py_func(x[None, :], np.asarray(lam, dtype=float), model.param_vector()), dtype=float)
    w = np.exp(-(u - u.min()) / kT)
    rho = w / np.trapezoid(w, x)
    return x, rho


def boltzmann_samples_1d(
    model: Model, lam: NDArray[np.float64], *, kT: float, n: int, seed: int, lo: float, hi: float
) -> NDArray[np.float64]:
    """``n`` exact samples of the Boltzmann distribution of a 1-D model by inverse-CDF on a fine grid.

    Returns shape ``(n, 1)``. The grid must cover all but a negligible part of the density.
    """
    n = check_int("n", n, minimum=1)
    x, rho = boltzmann_density_1d(model, lam, kT=kT, lo=lo, hi=hi)
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (rho[1:] + rho[:-1]) * np.diff(x))])
    cdf /= cdf[-1]
    u = np.random.default_rng(np.random.SeedSequence([check_seed(seed), 0xB017])).random(n)
    return np.interp(u, cdf, x)[:, None]
