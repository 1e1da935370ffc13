"""sLLG equilibrium: Boltzmann distribution of m_y and the Langevin curve (specs/mtj.md section 10.1).

Closed forms: p(m_y) proportional to exp(sigma m_y^2 + xi m_y) on [-1, 1] with a uniform azimuth
(W. F. Brown, Phys. Rev. 130, 1677 (1963)); for an isotropic spin (sigma = 0) in a field,
<m.h> = L(xi) = coth xi - 1/xi (Langevin). The stochastic Heun scheme is checked with the exact
Brown noise variance, at alpha = 1 and 0.1 and with the step halved. Tolerances: 4 standard errors of
per-trajectory time averages (independent across trajectories); chi-square p > 1e-3 on samples spaced
by several correlation times.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.models.mtj.energy import axial_density, axial_mean, langevin
from landauer.models.mtj.macrospin import ReducedMacrospin


def _run(
    system: ReducedMacrospin,
    h: float,
    *,
    n: int,
    t_burn: float,
    t_total: float,
    n_snap: int,
    dtau: float,
    seed: int,
) -> np.ndarray:
    prot = Protocol.start(hy=h).hold(t_total)
    snaps = np.linspace(t_burn, t_total, n_snap)
    ds = run(
        system.model(),
        prot,
        dynamics=system.dynamics(dtau),
        n_trajectories=n,
        seed=seed,
        x0=np.array([0.0, 1.0, 0.0]),
        record=Record(snapshots=tuple(snaps)),
    )
    return ds["x"].values[:, :, 1]  # (time, trajectory)


@pytest.mark.parametrize("xi", [0.0, 2.0])
def test_boltzmann_my_distribution(xi: float) -> None:
    sigma = 3.0
    system = ReducedMacrospin(zeta=2 * sigma, alpha=1.0)
    my = _run(system, xi / (2 * sigma), n=2000, t_burn=60.0, t_total=360.0, n_snap=7, dtau=0.01, seed=11)
    # moments from per-trajectory averages: independent samples
    for power in (1, 2):
        per_traj = (my**power).mean(axis=0)
        mean, se = per_traj.mean(), per_traj.std(ddof=1) / np.sqrt(per_traj.size)
        exact = axial_mean(sigma=sigma, xi=xi)[power - 1]
        assert abs(mean - exact) <= 4 * se, (power, mean, exact, se)
    # histogram against the exact density (samples 50 t0 apart, several hopping times)
    edges = np.linspace(-1, 1, 21)
    counts, _ = np.histogram(my.ravel(), bins=edges)
    u = np.linspace(-1, 1, 20001)
    rho = axial_density(u, sigma=sigma, xi=xi)
    cdf = np.concatenate([[0], np.cumsum(0.5 * (rho[1:] + rho[:-1]) * np.diff(u))])
    cdf /= cdf[-1]
    expected = np.diff(np.interp(edges, u, cdf)) * counts.sum()
    chi2 = float(np.sum((counts - expected) ** 2 / expected))
    assert stats.chi2.sf(chi2, counts.size - 1) > 1e-3, chi2


@pytest.mark.parametrize("xi", [0.5, 1.0, 2.0, 5.0, 10.0])
def test_langevin_curve(xi: float) -> None:
    # isotropic spin, H_ref = |H|: zeta = xi, unit field along y, noise variance 2 alpha/(xi dtau)
    system = ReducedMacrospin(zeta=xi, alpha=1.0, ka=0.0)
    dtau = min(0.01, 0.002 * xi)
    t_relax = xi  # free-diffusion time (1 + alpha^2) xi / (2 alpha)
    my = _run(
        system,
        1.0,
        n=1500,
        t_burn=5 * t_relax + 2,
        t_total=25 * t_relax + 10,
        n_snap=5,
        dtau=dtau,
        seed=int(10 * xi),
    )
    per_traj = my.mean(axis=0)
    mean, se = per_traj.mean(), per_traj.std(ddof=1) / np.sqrt(per_traj.size)
    assert abs(mean - float(langevin(xi))) <= 4 * se, (mean, float(langevin(xi)), se)


@pytest.mark.parametrize(("alpha", "dtau"), [(0.1, 0.01), (1.0, 0.005)])
def test_equilibrium_invariant_to_alpha_and_step(alpha: float, dtau: float) -> None:
    sigma, xi = 3.0, 2.0
    system = ReducedMacrospin(zeta=2 * sigma, alpha=alpha)
    t_total = 240.0 if alpha == 1.0 else 700.0
    my = _run(
        system, xi / (2 * sigma), n=1000, t_burn=t_total / 6, t_total=t_total, n_snap=6, dtau=dtau, seed=5
    )
    per_traj = (my**2).mean(axis=0)
    mean, se = per_traj.mean(), per_traj.std(ddof=1) / np.sqrt(per_traj.size)
    assert abs(mean - axial_mean(sigma=sigma, xi=xi)[1]) <= 4 * se
