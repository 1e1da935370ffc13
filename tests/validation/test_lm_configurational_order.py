"""Leimkuhler-Matthews removes Euler-Maruyama's O(dt) bias in configurational averages at the same cost.

Leimkuhler, Matthews, Stoltz, IMA J. Numer. Anal. 36, 13 (2016): the overdamped scheme
x' = x - dt mu grad U(x) + sqrt(2 mu kT dt) (xi_n + xi_{n+1})/2 samples exp(-U/kT) with error O(dt^2),
while Euler-Maruyama's is O(dt). Double well U = 5 x^4 - 10 x^2 (kT = 1), exact <x^2> by quadrature;
1e6 trajectories started in exact Boltzmann samples, held for 0.5 (20 within-well relaxation times),
at dt = 0.0028 (the largest the engine's stability rule allows here). Measured (seed 7): Euler
-0.00340 +- 0.00034 (-10 SE; -0.00164 +- 0.00033 at dt/2, first order), LM +0.00004 +- 0.00033.
Assertions: Euler's bias exceeds 6 SE, LM's stays within 4 SE, i.e. LM's bias is at least ~3x smaller
than Euler's first-order bias at the same dt. The dt^2 coefficient itself is below this resolution.
"""

import numpy as np

from engine_models import DOUBLE_WELL
from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin, run

A, B, N, DT = 5.0, 10.0, 1_000_000, 0.0028


def _exact_x2() -> float:
    u = np.linspace(-4.0, 4.0, 400_001)
    w = np.exp(-(A * u**4 - B * u**2))
    return float(np.trapezoid(u**2 * w, u) / np.trapezoid(w, u))


def _boltzmann(n: int, rng: np.random.Generator) -> np.ndarray:
    """Rejection sampling from N(0, 1): exp(-U + x^2/2 - 6) <= 1 since max(-U + x^2/2) = 5.51."""
    out: list[np.ndarray] = []
    while sum(o.size for o in out) < n:
        x = rng.normal(0.0, 1.0, 4 * n)
        out.append(x[rng.random(4 * n) < np.exp(-(A * x**4 - B * x**2) + x**2 / 2 - 6.0)])
    return np.concatenate(out)[:n]


def test_lm_removes_the_first_order_configurational_bias() -> None:
    exact = _exact_x2()
    x0 = _boltzmann(N, np.random.default_rng(3))[:, None]
    z = {}
    for integrator in ("overdamped-euler", "overdamped-lm"):
        ds = run(DOUBLE_WELL.with_params(a=A), Protocol.start(b=B, f=0.0).hold(0.5),
                 dynamics=Langevin(kT=1.0, dt=DT, integrator=integrator), n_trajectories=N, seed=7, x0=x0)
        x2 = ds.x_final.values[:, 0] ** 2
        z[integrator] = (x2.mean() - exact) / (x2.std() / np.sqrt(N))
    assert abs(z["overdamped-euler"]) > 6, z
    assert abs(z["overdamped-lm"]) < 4, z
