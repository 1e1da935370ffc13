"""Kramers escape from a double well U = a x^4 - b x^2 (a = 5, b = 10: barrier 5 kT, minima at +-1).

Overdamped (mobility mu, D = mu kT): the mean first-passage time from x = -1 to the other minimum
x = +1 (absorbing PAST the barrier top; absorbing at the top would halve it) is exactly
    T = (1/D) int_{-1}^{1} dy e^{U(y)/kT} int_{-inf}^{y} dz e^{-U(z)/kT}
(Gardiner, Handbook of Stochastic Methods, 5.2.7). Simulated MFPT within 4 standard
errors (sample SD / sqrt(n)). The asymptotic Kramers rate k = mu sqrt(U''_min |U''_b|)/(2 pi) e^{-dU/kT}
(Kramers, Physica 7, 284 (1940)) is reported beside it: at 5 kT its ratio to the exact rate is ~0.9.

Underdamped, moderate friction (gamma/m = 3 < w_b = 6.32): the Kramers-Hanggi prefactor
(sqrt(gamma'^2/4 + w_b^2) - gamma'/2)/w_b (Hanggi, Talkner, Borkovec, RMP 62, 251 (1990), Eq. 4.18)
multiplies the transition-state rate. We compare the BAOAB MFPT with the exact Smoluchowski MFPT
(mu = 1/gamma) times the ratio of the overdamped prefactor w_b/gamma to the Kramers-Hanggi one. At this
friction that correction is a factor 2.07 (the MFPT doubles), about 25 SE, so the test discriminates:
the prediction must hold within 4 SE with no further allowance, and the uncorrected Smoluchowski MFPT
must be rejected by more than 10 SE. Measured (n = 2000, seed 22): 225.9 +- 5.0 against 226.8 (-0.2 SE);
Smoluchowski 109.5 is 23 SE away.
"""

import warnings

import numpy as np

from engine_models import DOUBLE_WELL_MFPT
from landauer.engine.protocol import Protocol
from landauer.engine.record import Stop
from landauer.engine.simulate import Langevin, run

A, B = 5.0, 10.0


def exact_mfpt(mobility: float, kT: float = 1.0) -> float:
    z = np.linspace(-3.5, 1.0, 200_001)
    u = A * z**4 - B * z**2
    inner = np.concatenate([[0.0], np.cumsum(0.5 * (np.exp(-u[1:] / kT) + np.exp(-u[:-1] / kT)) * np.diff(z))])
    mask = z >= -1.0
    f = np.exp(u[mask] / kT) * inner[mask]
    return float(np.trapezoid(f, z[mask]) / (mobility * kT))


def kramers_rate(mobility: float) -> float:
    u_min = 12 * A - 2 * B
    u_b = 2 * B
    return mobility * np.sqrt(u_min * u_b) / (2 * np.pi) * np.exp(-(B**2) / (4 * A))


def _mfpt(dyn: Langevin, t_max: float, n: int, seed: int):
    prot = Protocol.start(b=B, f=0.0).hold(t_max)
    ds = run(DOUBLE_WELL_MFPT.with_params(a=A), prot, dynamics=dyn, n_trajectories=n, seed=seed, x0=-np.ones(1),
             stop=Stop(at_passage=True))
    t = ds.t_passage.values
    assert np.all(np.isfinite(t)), "every trajectory must be absorbed (t_max too short)"
    return t.mean(), t.std(ddof=1) / np.sqrt(n)


def test_overdamped_mfpt_matches_exact_integral():
    exact = exact_mfpt(1.0)
    mean, se = _mfpt(Langevin(kT=1.0, dt=2e-4), t_max=14 * exact, n=2000, seed=21)
    assert abs(mean - exact) < 4 * se, (mean, se, exact)
    ratio = (1.0 / mean) / kramers_rate(1.0)
    # Kramers' asymptotic rate is reported, not asserted: at 5 kT finite-barrier corrections are ~10 %.
    print(f"MFPT {mean:.3f} +- {se:.3f} (exact {exact:.3f}); rate / Kramers = {ratio:.3f}")


def test_underdamped_moderate_friction_kramers_hanggi():
    gamma, m = 3.0, 1.0
    wb = np.sqrt(2 * B / m)
    kh = (np.sqrt(gamma**2 / 4 + wb**2) - gamma / 2) / wb
    od = wb / gamma
    smoluchowski = exact_mfpt(1.0 / gamma)
    predicted = smoluchowski * od / kh
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # dt w_min = 0.13: BAOAB's configurational bias is small
        mean, se = _mfpt(Langevin(kT=1.0, dt=0.01, integrator="baoab", mass=m, friction=gamma),
                         t_max=14 * predicted, n=2000, seed=22)
    assert abs(od / kh - 1) * predicted > 20 * se  # the correction dwarfs the statistics
    assert abs(mean - predicted) < 4 * se, (mean, se, predicted)
    assert abs(mean - smoluchowski) > 10 * se, (mean, se, smoluchowski)
