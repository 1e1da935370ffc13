"""Ornstein-Uhlenbeck process: stationary variance and autocorrelation of each integrator.

Closed forms (U = k x^2 / 2, mobility mu, h = mu k dt):
- continuous time: Var x = kT/k, <x(0) x(s)> / Var = exp(-mu k s)   (Uhlenbeck & Ornstein 1930);
- overdamped Euler-Maruyama's own discrete law: x' = (1-h) x + sqrt(2 h kT/k) xi has
  Var = (kT/k) / (1 - h/2) and lag-n correlation (1-h)^n (specs/core.md section 4.1);
- BAOAB samples the configurational Boltzmann law of a harmonic well exactly: Var x = kT/k
  (Leimkuhler & Matthews, AMRX 2013).
Samples are independent trajectories (no thinning needed). Tolerance: 4 standard errors, with
SE(var) = var sqrt(2/(n-1)) and SE(corr) = (1 - rho^2)/sqrt(n).
"""

import numpy as np
import pytest

from engine_models import HARMONIC
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import Langevin, run

N = 40_000
K_SPRING = 2.0
KT = 1.5


def _run(integrator: str, dt: float, t_end: float, lag: float):
    prot = Protocol.start(k=K_SPRING, c=0.0).hold(t_end)
    return run(
        HARMONIC, prot, dynamics=Langevin(kT=KT, dt=dt, integrator=integrator, mass=1.0, friction=2.0),
        n_trajectories=N, seed=11, x0=np.zeros(1), record=Record(snapshots=(t_end - lag, t_end)),
    )


def test_overdamped_euler_matches_its_discrete_stationary_law():
    dt = 0.05  # h = mu k dt = 0.1: the discrete law is 5 % above kT/k, far outside the error bar
    h = K_SPRING * dt
    ds = _run("overdamped-euler", dt, t_end=12.0, lag=0.5)
    x1 = ds.x.isel(time=0, coordinate=0).values
    x2 = ds.x.isel(time=1, coordinate=0).values
    var = x2.var(ddof=1)
    expected = (KT / K_SPRING) / (1 - h / 2)
    assert abs(var - expected) < 4 * expected * np.sqrt(2 / (N - 1))
    assert abs(var - KT / K_SPRING) > 4 * expected * np.sqrt(2 / (N - 1)), "test must resolve the bias"
    rho = np.corrcoef(x1, x2)[0, 1]
    rho_expected = (1 - h) ** round(0.5 / dt)
    assert abs(rho - rho_expected) < 4 * (1 - rho_expected**2) / np.sqrt(N)


@pytest.mark.parametrize("integrator", ["baoab"])
def test_baoab_configurational_variance_is_exact(integrator):
    ds = _run(integrator, 0.1, t_end=15.0, lag=0.5)
    x = ds.x.isel(time=1, coordinate=0).values
    expected = KT / K_SPRING
    assert abs(x.var(ddof=1) - expected) < 4 * expected * np.sqrt(2 / (N - 1))
    assert abs(x.mean()) < 4 * np.sqrt(expected / N)


def test_overdamped_autocorrelation_time_small_dt():
    """At small h the correlation approaches exp(-mu k s) (continuous-time OU)."""
    dt = 0.001
    ds = _run("overdamped-euler", dt, t_end=4.0, lag=0.3)
    x1 = ds.x.isel(time=0, coordinate=0).values
    x2 = ds.x.isel(time=1, coordinate=0).values
    rho = np.corrcoef(x1, x2)[0, 1]
    rho_cont = np.exp(-K_SPRING * 0.3)
    rho_disc = (1 - K_SPRING * dt) ** round(0.3 / dt)
    assert abs(rho_disc - rho_cont) < (1 - rho_cont**2) / np.sqrt(N) / 3  # bias below SE/3 (spec)
    assert abs(rho - rho_cont) < 4 * (1 - rho_cont**2) / np.sqrt(N)
