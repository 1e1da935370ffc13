"""landauer.stats: mergeable moments, the ensemble summary, the weighted fits and sweep seeds.

Closed forms checked: pooled moments equal the moments of the concatenated sample (Chan, Golub, LeVeque
1983); W_min(eps) = ln 2 + eps ln eps + (1-eps) ln(1-eps); the weighted least-squares solution of an
exactly linear data set; chi2 of Gaussian residuals follows chi2(dof) (gate passes at the stated rate).
"""

import math

import numpy as np
import pytest
import xarray as xr

from landauer import bounds
from landauer.stats import (
    EnsembleSummary,
    FitError,
    Moments,
    child_seed,
    clopper_pearson,
    fit_inverse_tau,
    fit_polynomial,
    mean_se,
    spawn_seeds,
)
from landauer.validation import ParameterError


def _ensemble(n: int, seed: int, eps: float = 0.1):
    rng = np.random.default_rng(seed)
    w = rng.normal(1.0, 0.7, n)
    q = w + rng.normal(0, 0.1, n)
    st_f = (rng.random(n) < eps).astype(np.int64)
    st_i = rng.integers(0, 2, n)
    return w, q, st_i, st_f


def test_moments_merge_equals_concatenation() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.normal(2, 3, 17), rng.normal(-1, 0.5, 40)
    m = Moments.of(a).merge(Moments.of(b))
    both = np.concatenate([a, b])
    assert m.n == both.size
    assert m.mean == pytest.approx(both.mean(), rel=1e-13)
    assert m.variance == pytest.approx(both.var(ddof=1), rel=1e-12)
    assert mean_se(both).stderr == pytest.approx(both.std(ddof=1) / math.sqrt(both.size), rel=1e-12)


def test_summary_values_against_direct_formulas() -> None:
    w, q, st_i, st_f = _ensemble(500, 1)
    s = EnsembleSummary.from_arrays(work_kT=w, heat_kT=q, state_initial=st_i, state_final=st_f, target=0, tau=2.0)
    eps = float(np.mean(st_f != 0))
    assert s.eps == pytest.approx(eps, abs=1e-15)
    assert s.mean_work_se == pytest.approx(w.std(ddof=1) / math.sqrt(w.size), rel=1e-12)
    assert s.eps_corrected_bound == pytest.approx(math.log(2) + eps * math.log(eps) + (1 - eps) * math.log(1 - eps))
    me = bounds.mean_exp(w)
    assert s.mean_exp_minus_work.value == pytest.approx(me.value, rel=1e-12)
    assert s.mean_exp_minus_work.stderr == pytest.approx(me.stderr, rel=1e-12)
    jf = bounds.jarzynski_free_energy(w)
    assert s.jarzynski_free_energy.value == pytest.approx(jf.value, rel=1e-12)
    lo, hi = s.eps_ci95
    assert lo < eps < hi
    d = s.to_dict()
    for key in ("mean_work_kT", "mean_work_se_kT", "success_probability", "eps_corrected_bound_kT",
                "landauer_bound_kT", "jarzynski_free_energy_kT", "kl_bound_kT"):
        assert math.isfinite(d[key]), key
    assert d["landauer_bound_kT"] == pytest.approx(math.log(2))


def test_merge_of_two_halves_equals_the_whole() -> None:
    w, q, st_i, st_f = _ensemble(801, 2)
    # include very negative work so the exp(-W) shift differs between the halves
    w[3] = -30.0
    kw = dict(target=0, tau=1.0)
    whole = EnsembleSummary.from_arrays(work_kT=w, heat_kT=q, state_initial=st_i, state_final=st_f, **kw)
    a = EnsembleSummary.from_arrays(work_kT=w[:300], heat_kT=q[:300], state_initial=st_i[:300],
                                    state_final=st_f[:300], **kw)
    b = EnsembleSummary.from_arrays(work_kT=w[300:], heat_kT=q[300:], state_initial=st_i[300:],
                                    state_final=st_f[300:], **kw)
    m = b.merge(a)
    dm, dw = m.to_dict(), whole.to_dict()
    for key, val in dw.items():
        if isinstance(val, float):
            assert dm[key] == pytest.approx(val, rel=1e-10, abs=1e-13), key
        else:
            assert dm[key] == val, key


def test_from_dataset_units_and_named_target() -> None:
    w, q, st_i, st_f = _ensemble(100, 4)
    ds = xr.Dataset({"W": ("trajectory", 2.0 * w), "Q": ("trajectory", 2.0 * q),
                     "state_initial": ("trajectory", st_i), "state_final": ("trajectory", st_f)},
                    attrs={"kT": 2.0, "energy_unit": "U0", "duration": 5.0, "states": "left,right"})
    s = EnsembleSummary.from_dataset(ds, target="left")
    assert s.target == 0 and s.tau == 5.0
    assert s.mean_work == pytest.approx(w.mean(), rel=1e-12)
    assert s.to_dict()["target"] == "left"
    with pytest.raises(ParameterError, match="unknown target state 'middle'"):
        EnsembleSummary.from_dataset(ds, target="middle")


def test_finite_time_bound_is_in_kT_whatever_the_energy_unit() -> None:
    """W_2^2 / (mu kT tau) in kT: the same ensemble written in units U0 = kT / 2 (mobility per U0) and in kT
    (mobility per kT = 2 mu) gives the same bound (a mobility per U0 used as per kT would halve it)."""
    rng = np.random.default_rng(5)
    xi, xf = rng.normal(0.0, 1.0, 400), rng.normal(-1.0, 0.3, 400)
    w, q, st_i, st_f = _ensemble(400, 6)
    base = {"x_initial": (("trajectory", "coordinate"), xi[:, None]),
            "x_final": (("trajectory", "coordinate"), xf[:, None]),
            "state_initial": ("trajectory", st_i), "state_final": ("trajectory", st_f)}
    in_u0 = xr.Dataset({"W": ("trajectory", 2.0 * w), "Q": ("trajectory", 2.0 * q), **base},
                       attrs={"kT": 2.0, "energy_unit": "U0", "duration": 5.0})
    in_kt = xr.Dataset({"W": ("trajectory", w), "Q": ("trajectory", q), **base},
                       attrs={"energy_unit": "kT", "duration": 5.0})
    mu = 0.7  # length^2 per U0 per time
    a = EnsembleSummary.from_dataset(in_u0, target=1, mobility=mu).finite_time_bound
    b = EnsembleSummary.from_dataset(in_kt, target=1, mobility=2.0 * mu).finite_time_bound
    assert a is not None and b is not None
    assert a == pytest.approx(b, rel=1e-12)
    assert b == pytest.approx(bounds.wasserstein2_samples(xi, xf) / (2.0 * mu * 5.0), rel=1e-12)


def test_merge_rejects_different_experiments() -> None:
    w, q, _, st_f = _ensemble(50, 5)
    a = EnsembleSummary.from_arrays(work_kT=w, heat_kT=q, state_final=st_f, target=0, tau=1.0)
    b = EnsembleSummary.from_arrays(work_kT=w, heat_kT=q, state_final=st_f, target=1, tau=1.0)
    with pytest.raises(ParameterError, match="targets"):
        a.merge(b)


def test_inverse_tau_fit_recovers_exact_line_and_its_errors() -> None:
    taus = np.array([1.0, 2.0, 4.0, 8.0])
    se = np.array([0.1, 0.2, 0.1, 0.05])
    f = fit_inverse_tau(taus, 0.7 + 3.0 / taus, se)
    assert f.intercept == pytest.approx(0.7, abs=1e-12) and f.slope == pytest.approx(3.0, abs=1e-12)
    assert f.chi2 == pytest.approx(0.0, abs=1e-20) and f.dof == 2
    A = np.stack([np.ones(4), 1 / taus], 1)
    cov = np.linalg.inv(A.T @ (A / se[:, None] ** 2))
    assert f.slope_se == pytest.approx(math.sqrt(cov[1, 1]), rel=1e-12)
    assert f.predict([2.0])[0] == pytest.approx(0.7 + 1.5)


def test_chi2_gate_rate_and_rejection() -> None:
    rng = np.random.default_rng(7)
    x = np.linspace(0, 1, 12)
    se = np.full(12, 0.3)
    passed = 0
    for _ in range(200):
        y = 1.0 - 2.0 * x + 0.5 * x**2 + rng.normal(0, 0.3, 12)
        passed += fit_polynomial(x, y, se, degree=2).ok(alpha=0.05)
    # P(pass) = 0.95; binomial SE over 200 fits = 0.0154 -> within 4 SE
    assert abs(passed / 200 - 0.95) < 4 * math.sqrt(0.95 * 0.05 / 200)
    y_bad = np.sin(12 * x)
    with pytest.raises(FitError, match="chi2/dof"):
        fit_polynomial(x, y_bad, se, degree=1).check(what="toy")


def test_fit_input_errors() -> None:
    with pytest.raises(ParameterError, match="at least 3"):
        fit_inverse_tau([1.0, 2.0], [1.0, 2.0], [0.1, 0.1])
    with pytest.raises(ParameterError, match="> 0"):
        fit_inverse_tau([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [0.1, 0.0, 0.1])


def test_spawned_seeds_are_prefix_stable_and_distinct() -> None:
    s = spawn_seeds(11, 6)
    assert s[:3] == spawn_seeds(11, 3)
    assert len(set(s)) == 6 and all(0 <= v < 2**63 for v in s)
    assert [child_seed(11, j) for j in range(6)] == s
    assert spawn_seeds(12, 2) != s[:2]
    with pytest.raises(ParameterError):
        spawn_seeds(-1, 2)


def test_clopper_pearson_coverage_limits() -> None:
    lo, hi = clopper_pearson(0, 50)
    assert lo == 0.0 and hi == pytest.approx(1 - 0.025 ** (1 / 50), rel=1e-9)


def test_kl_bound_reduces_to_eps_corrected_bound_for_a_uniform_bit() -> None:
    # pi = (1/2, 1/2) exactly, p = (1 - eps, eps): D(p || pi) = ln 2 - H_2(eps) = W_min(eps)
    st_i = np.array([0, 1] * 500)
    st_f = np.zeros(1000, dtype=np.int64)
    st_f[:37] = 1
    w = np.linspace(0, 2, 1000)
    s = EnsembleSummary.from_arrays(work_kT=w, heat_kT=w, state_initial=st_i, state_final=st_f, target=0)
    assert s.kl_bound == pytest.approx(s.eps_corrected_bound, rel=1e-12)
    two = EnsembleSummary.from_arrays(work_kT=w, heat_kT=w, state_initial=np.arange(1000) % 4,
                                      state_final=st_f, target=0, bits=2)
    e = 0.037  # errors all in one state: D(p || uniform_4) >= ln 4 - H_2(eps) - eps ln 3 (errors spread)
    assert two.eps_corrected_bound == pytest.approx(math.log(4) + e * math.log(e) + (1 - e) * math.log(1 - e)
                                                    - e * math.log(3), rel=1e-12)
    assert two.kl_bound >= two.eps_corrected_bound


def test_clopper_pearson_upper_defining_property() -> None:
    """The one-sided upper limit u solves P(X <= k | n, u) = 1 - confidence (Clopper & Pearson 1934); at k = 0
    it is 1 - (1 - confidence)^(1/n) in closed form."""
    from scipy import stats as st

    from landauer.stats import clopper_pearson_upper

    for k, n, c in ((0, 200, 0.84), (3, 200, 0.84), (17, 50, 0.975)):
        u = clopper_pearson_upper(k, n, confidence=c)
        assert st.binom.cdf(k, n, u) == pytest.approx(1 - c, rel=1e-9)
    assert clopper_pearson_upper(0, 184, confidence=0.9) == pytest.approx(1 - 0.1 ** (1 / 184), rel=1e-12)
    assert clopper_pearson_upper(5, 5, confidence=0.9) == 1.0
    with pytest.raises(ParameterError):
        clopper_pearson_upper(1, 10, confidence=1.0)
