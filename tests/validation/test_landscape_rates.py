"""Validation of the landscape rate formulas and critical-point search against closed forms.

- Muller-Brown potential: minima and saddles as tabulated by K. Muller, L. D. Brown, Theor. Chim. Acta
  53, 75 (1979) (energies -146.70, -108.17, -80.77 at the minima; -40.66, -72.25 at the saddles).
- lambda_+ = sqrt(g^2/4 + omega_b^2) - g/2 (Kramers, Physica 7, 284 (1940)).
- Overdamped Kramers rate vs the exact 1-D mean first-passage time
  T = (1/(mu kT)) int_a^b dy exp(U(y)/kT) int_{-inf}^y dz exp(-U(z)/kT) (Hanggi, Talkner, Borkovec,
  Rev. Mod. Phys. 62, 251 (1990), Eq. 4.6): Gamma_K T = 1 + O(kT/Delta U).
- Mel'nikov-Meshkov factor: A(delta) ~ delta for delta -> 0 (energy-diffusion limit, Kramers' low-friction
  rate) and A -> 1 for delta -> inf (V. I. Mel'nikov, S. V. Meshkov, J. Chem. Phys. 85, 1018 (1986)).
- Energy loss per orbit for the quartic well: gamma * S with the action S = int p dq in closed form.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from landauer.landscape import (
    Kind,
    Potential,
    barriers,
    escape_rate,
    find_critical_points,
    kramers_langer_rate,
    melnikov_meshkov_factor,
    orbit_energy_loss,
    orbit_path,
    tst_rate,
    unstable_rate,
)

_A = np.array([-200.0, -100.0, -170.0, 15.0])
_a = np.array([-1.0, -1.0, -6.5, 0.7])
_b = np.array([0.0, 0.0, 11.0, 0.6])
_c = np.array([-10.0, -10.0, -6.5, 0.7])
_x0 = np.array([1.0, 0.0, -0.5, -1.0])
_y0 = np.array([0.0, 0.5, 1.5, 1.0])


def _mb_terms(x):  # noqa: ANN001, ANN202
    dx = x[..., 0, None] - _x0
    dy = x[..., 1, None] - _y0
    e = _A * np.exp(_a * dx**2 + _b * dx * dy + _c * dy**2)
    fx = 2 * _a * dx + _b * dy
    fy = _b * dx + 2 * _c * dy
    return e, fx, fy


def _mb_energy(x):  # noqa: ANN001, ANN202
    return _mb_terms(x)[0].sum(-1)


def _mb_grad(x):  # noqa: ANN001, ANN202
    e, fx, fy = _mb_terms(x)
    return np.stack([(e * fx).sum(-1), (e * fy).sum(-1)], -1)


def _mb_hess(x):  # noqa: ANN001, ANN202
    e, fx, fy = _mb_terms(x)
    hxx = (e * (fx * fx + 2 * _a)).sum(-1)
    hxy = (e * (fx * fy + _b)).sum(-1)
    hyy = (e * (fy * fy + 2 * _c)).sum(-1)
    return np.stack([np.stack([hxx, hxy], -1), np.stack([hxy, hyy], -1)], -2)


MB = Potential(_mb_energy, _mb_grad, _mb_hess, ndim=2, vectorized=True)


def test_muller_brown_critical_points() -> None:
    pts = find_critical_points(MB, bounds=[(-1.5, 1.2), (-0.5, 2.0)], n_per_axis=30)
    mins = sorted(round(p.energy, 2) for p in pts if p.kind is Kind.MINIMUM)
    sads = sorted(round(p.energy, 2) for p in pts if p.kind is Kind.SADDLE)
    assert mins == pytest.approx([-146.70, -108.17, -80.77], abs=0.01)
    assert sads == pytest.approx([-72.25, -40.66], abs=0.01)
    b = barriers(MB, pts)
    deep = int(np.argmin([m.energy for m in b.minima]))
    # the deepest minimum (A) connects to the shallow one (C) through the -40.66 saddle
    assert b.well(deep) == pytest.approx(-40.66 + 146.70, abs=0.02)


def test_unstable_rate_closed_form() -> None:
    for g in (0.03, 1.0, 10.0):
        lam = unstable_rate(np.array([[-2.0]]), friction=[g])
        assert lam == pytest.approx(math.sqrt(g * g / 4 + 2.0) - g / 2, rel=1e-12)
    # masses: M x'' = -H x - F x': omega_b^2 = 2/M, rate g = F/M
    lam = unstable_rate(np.array([[-2.0]]), mass=[4.0], friction=[2.0])
    assert lam == pytest.approx(math.sqrt(0.25 / 4 + 0.5) - 0.25, rel=1e-12)
    assert unstable_rate(np.array([[-2.0, 0], [0, 5.0]]), mobility=[0.5, 1.0]) == pytest.approx(1.0)


def test_tst_upper_bounds_kramers_langer() -> None:
    hm, hs = np.diag([8.0, 2.0]), np.diag([-4.0, 3.0])
    t = tst_rate(barrier=5.0, hessian_min=hm, hessian_saddle=hs, kT=1.0)
    for g in (0.1, 1.0, 10.0):
        k = kramers_langer_rate(barrier=5.0, hessian_min=hm, hessian_saddle=hs, kT=1.0, friction=[g, g])
        assert k < t
    assert t == pytest.approx(2.0 / (2 * math.pi) * math.sqrt(16 / 12) * math.exp(-5.0), rel=1e-12)


@pytest.mark.parametrize("barrier", [6.0, 10.0])
def test_overdamped_kramers_vs_exact_mfpt(barrier: float) -> None:
    # U = barrier (x^2 - 1)^2: minima at +-1 (U'' = 8 barrier), saddle at 0 (U'' = -4 barrier)
    kT, mu = 1.0, 1.0
    U = lambda x: barrier * (x * x - 1) ** 2  # noqa: E731
    inner = lambda y: integrate.quad(lambda z: math.exp(-U(z) / kT), -4.0, y, limit=200)[0]  # noqa: E731
    xb = 1.0  # end point: the other minimum, where U has dropped by the full barrier
    T = integrate.quad(lambda y: math.exp(U(y) / kT) * inner(y), -1.0, xb, limit=200)[0] / (mu * kT)
    k = kramers_langer_rate(barrier=barrier, hessian_min=[[8 * barrier]], hessian_saddle=[[-4 * barrier]],
                            kT=kT, mobility=[mu])
    # the MFPT to the far minimum counts the barrier crossing once: Gamma T = 1 + O(kT/DeltaU)
    assert abs(k * T - 1.0) < 1.5 * kT / barrier


def test_melnikov_meshkov_limits() -> None:
    for d in (1e-3, 1e-2):
        assert melnikov_meshkov_factor(d) / d == pytest.approx(1.0, rel=2 * math.sqrt(d) + 0.02)
    assert melnikov_meshkov_factor(50.0) == pytest.approx(1.0, abs=1e-3)
    vals = [melnikov_meshkov_factor(d) for d in (0.1, 0.3, 1.0, 3.0, 10.0)]
    assert all(a < b for a, b in zip(vals, vals[1:], strict=False))


def test_orbit_energy_loss_matches_quartic_action() -> None:
    # U = (x^2-1)^2 along x (plus a stiff y): orbit at E = U(0) = 1 from the saddle through x = 1 to
    # x = sqrt(2); S = 2 int_0^sqrt2 sqrt(2(1 - U)) dx; loss = gamma S
    pot = Potential(lambda x: (x[..., 0] ** 2 - 1) ** 2 + 5 * x[..., 1] ** 2,
                    lambda x: np.stack([4 * x[..., 0] * (x[..., 0] ** 2 - 1), 10 * x[..., 1]], -1),
                    lambda x: np.stack([np.stack([12 * x[..., 0] ** 2 - 4, 0 * x[..., 0]], -1),
                                        np.stack([0 * x[..., 0], 0 * x[..., 0] + 10], -1)], -2),
                    ndim=2, vectorized=True)
    pts = find_critical_points(pot, bounds=[(-2, 2), (-1, 1)])
    b = barriers(pot, pts)
    k = b.index_of([1.0, 0.0])
    c = b.lowest_escape(k)
    assert c is not None
    S = 2 * integrate.quad(lambda x: math.sqrt(max(0.0, 2 * (1 - (x * x - 1) ** 2))), 0, math.sqrt(2))[0]
    gamma = 0.2
    loss = orbit_energy_loss(pot, orbit_path(pot, c, k), energy=c.saddle.energy, friction=[gamma, gamma])
    assert loss == pytest.approx(gamma * S, rel=1e-3)
    r_mm = escape_rate(pot, b, k, kT=0.2, method="melnikov-meshkov", friction=[gamma, gamma])
    r_kl = escape_rate(pot, b, k, kT=0.2, method="kramers-langer", friction=[gamma, gamma])
    assert r_mm == pytest.approx(r_kl * melnikov_meshkov_factor(gamma * S / 0.2), rel=1e-3)
