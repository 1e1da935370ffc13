"""The Kramers leak of the erased bit during the untilt (models/double_well.kramers_rates, untilt_leak), which
the double-well reproduction subtracts from the excess work before its intercept fit."""

import numpy as np
import pytest

from landauer.models.double_well import DoubleWellParams, kramers_rates, untilt_leak


def _mfpt(a: float, f: float) -> float:
    """Exact overdamped mean first-passage time (mobility 1, kT 1) from the left minimum to the right one of
    ``a x^4 - 2a x^2 - f x``: ``T = int_{x_L}^{x_R} dy e^{U(y)} int_{-inf}^{y} dz e^{-U(z)}`` (Gardiner,
    Handbook of Stochastic Methods, Eq. 5.2.158), by the trapezoidal rule on a fine grid."""
    b = 2.0 * a
    xl, _, xr = sorted(np.roots([4.0 * a, 0.0, -2.0 * b, -f]).real)
    z = np.linspace(-3.0, xr, 400_001)
    u = a * z**4 - b * z**2 - f * z
    inner = np.concatenate([[0.0], np.cumsum(0.5 * (np.exp(-u[1:]) + np.exp(-u[:-1])) * np.diff(z))])
    m = z >= xl
    g, zz = np.exp(u[m]) * inner[m], z[m]
    return float(np.sum(0.5 * (g[1:] + g[:-1]) * np.diff(zz)))


@pytest.mark.parametrize("f", [0.0, -2.0])
def test_kramers_rate_against_exact_mfpt(f):
    # Kramers' rate is exact as kT/Delta U -> 0 with an O(kT/Delta U) correction: within kT/Delta U of 1/T at
    # barriers 10 and 20, and the deviation halves (within 40-60 %) when the barrier doubles
    dev = {}
    for a in (10.0, 20.0):
        k, _ = kramers_rates(DoubleWellParams(barrier_kT=a), [f])
        dev[a] = k[0] * _mfpt(a, f) - 1.0
        assert abs(dev[a]) <= 1.0 / a, (a, f, dev[a])
    assert 0.4 <= dev[20.0] / dev[10.0] <= 0.6, dev


def test_well_free_energy_difference_of_the_tilt():
    # harmonic wells at x = -+1 + O(f/a): F_R - F_L = 2|f| to first order in f/a, 0 without tilt
    p = DoubleWellParams()
    _, dF = kramers_rates(p, [0.0, -0.1])
    assert dF[0] == pytest.approx(0.0, abs=1e-12)
    assert dF[1] == pytest.approx(0.2, rel=0.02)


def test_untilt_leak_scaling_and_bound():
    p = DoubleWellParams()
    e16, s16 = untilt_leak(p, tau=16.0)
    e32, s32 = untilt_leak(p, tau=32.0)
    # eps_leak = 1 - exp(-tau/4 int_0^1 k_L ds): linear in tau while small
    assert e32 / e16 == pytest.approx(2.0, rel=1e-3)
    # hops go uphill (Delta F >= 0), so the dissipation is below eps (1 - ln eps) and positive
    for e, s in ((e16, s16), (e32, s32)):
        assert 0.0 < s < e * (1.0 - np.log(e))
    # k_L ~ k_L(0) e^{f (x_b - x_L)} with x_b - x_L ~ 1: int k_L dt ~ k_L(0) tau / (4 tilt), hops at the end
    k_end = kramers_rates(p, [0.0])[0][0]
    assert e32 == pytest.approx(k_end * 8.0 / p.tilt_kT, rel=0.1)
