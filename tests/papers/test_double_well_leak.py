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


def _table(c0: float, *, kink: float = 0.0, seed: int = 3) -> tuple[tuple[float, ...], dict]:
    """Synthetic sweep: <W> - W_min(eps) = c0 + 5/tau - 0.75/tau^2 + Sigma_leak(tau) + Gaussian noise of the
    full-mode SEs, with the Kramers error fraction as eps; ``kink`` (kT) added at the middle duration."""
    taus = (2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
    p = DoubleWellParams()
    t = np.asarray(taus)
    leak = np.array([untilt_leak(p, tau=v) for v in t])
    se = 0.0115 * np.sqrt(2.0 / t)
    y = c0 + 5.0 / t - 0.75 / t**2 + leak[:, 1] + np.random.default_rng(seed).normal(0.0, se)
    y[3] += kink
    return taus, {"excess_work": y, "mean_work_se": se, "eps": leak[:, 0]}


@pytest.mark.parametrize(("c0", "kink", "verdict"), [(0.0, 0.0, "agree"), (0.02, 0.0, "disagree"),
                                                     (0.0, 0.05, "fail")])
def test_intercept_verdict_follows_the_fit(c0, kink, verdict):
    # c0 = 0: ln 2 within 3 SE (SE ~ 0.0015); c0 = 0.02 is ~13 SE off; a 0.05 kT kink at tau = 16 (12 SE)
    # breaks the chi2 gate, and then there is no verdict against ln 2 (check fails, no paper_value)
    from landauer.papers.double_well import _add_intercept
    from landauer.reproduce import Report
    from landauer.verdict import audit_summary

    taus, table = _table(c0, kink=kink)
    report = Report(paper="double-well", quick=False, seed=0)
    _add_intercept(report, DoubleWellParams(), taus, table, n=40_000)
    r = report.results["erasure_work_intercept_kT"]
    assert r.verdict == verdict, (r.value, r.stderr, r.note)
    assert (r.paper_value is None) == (verdict == "fail")
    assert audit_summary(report.summary()) == []
    assert report.results["leak_errors"].verdict == "pass"
