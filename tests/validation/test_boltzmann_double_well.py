"""Boltzmann stationary density in a static double well, U = a x^4 - b x^2 (a = 2, b = 4: barrier 2 kT).

Closed form: rho(x) = exp(-U(x)/kT) / Z (Gibbs). Trajectories start out of equilibrium (all at the
right minimum x = +1) and relax for ~10 inter-well population relaxation times (measured tau ~ 8); the final positions are
independent samples. BAOAB's configurational error is O(dt^2) (Leimkuhler & Matthews, AMRX 2013),
below the statistical resolution here. Test: Pearson chi^2 over 30 equiprobable bins, p > 1e-3 at a
fixed seed (the tolerance is the chi^2 distribution itself), plus the left-well population 1/2 within
4 binomial standard errors.
"""

import numpy as np
from scipy import integrate, stats

from engine_models import DOUBLE_WELL
from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin, run

N = 40_000
A, B = 2.0, 4.0


def _cdf(x):
    z = integrate.quad(lambda y: np.exp(-(A * y**4 - B * y**2)), -4, 4)[0]
    return integrate.quad(lambda y: np.exp(-(A * y**4 - B * y**2)), -4, x)[0] / z


def test_baoab_relaxes_to_boltzmann():
    prot = Protocol.start(b=B, f=0.0).hold(80.0)
    ds = run(DOUBLE_WELL.with_params(a=A), prot, dynamics=Langevin(kT=1.0, dt=0.01, integrator="baoab", mass=1.0, friction=1.0),
             n_trajectories=N, seed=7, x0=np.ones(1))
    x = ds.x_final.values[:, 0]
    # equiprobable bin edges from the exact CDF
    edges = [-np.inf]
    for q in np.linspace(0, 1, 31)[1:-1]:
        edges.append(float(np.asarray(
            __import__("scipy.optimize", fromlist=["brentq"]).brentq(lambda t, q=q: _cdf(t) - q, -3, 3))))
    edges.append(np.inf)
    counts, _ = np.histogram(x, bins=edges)
    chi2, p = stats.chisquare(counts)
    assert p > 1e-3, f"chi2 = {chi2:.1f} on 29 dof, p = {p:.2g}"
    left = np.mean(x < 0)
    assert abs(left - 0.5) < 4 * np.sqrt(0.25 / N)
