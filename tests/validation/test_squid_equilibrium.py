"""Equilibrium checks of the SQUID Langevin dynamics on the shared engine (BAOAB).

- Equipartition: <v_k^2> = kappa' theta_k with theta = (1, 1, 4, 4) (specs/squid_ce.md section 4,
  fluctuation-dissipation), measured on BAOAB's post-O half-step momentum
  p_O = p_n + (dt/2) grad U(x_n) (full-step momenta carry an O((omega dt)^2) bias; Leimkuhler & Matthews,
  J. Chem. Phys. 138, 174102 (2013)); within 3 standard errors.
- Boltzmann: with rest barriers of ~2.8 kT, trajectories started in one well relax to
  P ~ exp(-U'/kappa'): quadrant populations 1/4 each (binomial, 3 sigma) and the phi1 marginal histogram
  against the quadrature of exp(-U'/kappa') (chi-square, p > 1e-3).
- The grid-envelope rejection sampler reproduces the same marginal (chi-square).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from landauer.engine.protocol import Protocol
from landauer.engine.simulate import run
from landauer.models.squid import Controls, Shape
from landauer.models.squid.model import MASS_2D, MASS_4D, engine_protocol, langevin, model_for
from landauer.models.squid.potential import energy_2d, gradient_2d, gradient_4d
from landauer.models.squid.thermal import boltzmann_2d, initial_positions

KAPPA_HOT = 1.2592371667659341 / 2.8  # rest barrier / 2.8 kT at beta = 2.3


@pytest.mark.parametrize("dof", [2, pytest.param(4, marks=pytest.mark.slow)])
def test_equipartition(dof: int) -> None:
    kappa, damping, n = 1 / 187.0, 1.0, 20000
    shape = Shape(gamma=20.0, xi_on=dof == 4)
    dt = 0.05 if dof == 2 else 0.01
    x0, _ = initial_positions(["11"], n, kappa=kappa, seed=5, shape=shape, dof=dof)
    prot = engine_protocol(Protocol.start(**Controls().as_dict()).hold(30.0), shape, dof)
    ds = run(model_for(dof, shape), prot, dynamics=langevin(damping=damping, kappa=kappa, dt=dt, dof=dof),
             n_trajectories=n, seed=11, x0=x0, p0=np.zeros((n, dof)))
    x, p = ds["x_final"].values, ds["p_final"].values
    grad = gradient_2d(x, Controls(), shape) if dof == 2 else gradient_4d(x, Controls(), shape)
    h = ds.attrs["dt"]
    p_o = p + 0.5 * h * grad
    m = MASS_2D if dof == 2 else MASS_4D
    v2 = (p_o / m) ** 2
    theta = 1 / m
    mean = v2.mean(axis=0)
    se = v2.std(axis=0, ddof=1) / np.sqrt(n)
    assert np.all(np.abs(mean - kappa * theta) < 3 * se), (mean / (kappa * theta), se / (kappa * theta))


def _phi1_marginal(edges: np.ndarray, kappa: float, shape: Shape) -> np.ndarray:
    g = np.linspace(-4.5, 4.5, 1801)
    X, Y = np.meshgrid(g, g, indexing="ij")
    w = np.exp(-(energy_2d(np.stack([X, Y], -1), Controls(), shape) - 0.0) / kappa)
    rho = np.trapezoid(w, g, axis=1)
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (rho[1:] + rho[:-1]) * np.diff(g))])
    cdf /= cdf[-1]
    return np.diff(np.interp(edges, g, cdf))


def _chi2_pvalue(samples: np.ndarray, probs: np.ndarray, edges: np.ndarray) -> float:
    counts, _ = np.histogram(samples, bins=edges)
    expected = probs * samples.size
    keep = expected > 5
    chi2 = float(np.sum((counts[keep] - expected[keep]) ** 2 / expected[keep]))
    return float(stats.chi2.sf(chi2, keep.sum() - 1))


def test_sampler_matches_boltzmann_marginal() -> None:
    shape = Shape()
    x = boltzmann_2d(kappa=KAPPA_HOT, n=40000, seed=3, shape=shape)
    edges = np.linspace(-4, 4, 41)
    assert _chi2_pvalue(x[:, 0], _phi1_marginal(edges, KAPPA_HOT, shape), edges) > 1e-3


def test_relaxation_to_boltzmann_from_one_well() -> None:
    shape, n = Shape(), 6000
    x0 = boltzmann_2d(kappa=KAPPA_HOT, n=n, seed=8, shape=shape, well="11")
    prot = engine_protocol(Protocol.start(**Controls().as_dict()).hold(400.0), shape, 2)
    ds = run(model_for(2, shape), prot, dynamics=langevin(damping=1.0, kappa=KAPPA_HOT, dt=0.05), n_trajectories=n,
             seed=21, x0=x0)
    counts = np.bincount(ds["state_final"].values, minlength=4)
    assert np.all(np.abs(counts - n / 4) < 3 * np.sqrt(n * 0.25 * 0.75)), counts
    edges = np.linspace(-4, 4, 41)
    xf = ds["x_final"].values
    assert _chi2_pvalue(xf[:, 0], _phi1_marginal(edges, KAPPA_HOT, shape), edges) > 1e-3
