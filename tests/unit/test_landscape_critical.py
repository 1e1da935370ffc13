"""Unit tests of landauer.landscape: critical points, classification, barriers, folds, on potentials with
known answers (1-D quartic, 2-D double well, a non-vectorised potential)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from landauer.landscape import (
    Kind,
    Potential,
    barriers,
    bifurcation_diagram,
    check_derivatives,
    classify_hessian,
    find_critical_points,
    locate_fold,
)
from landauer.validation import ParameterError


def quartic(p: float) -> Potential:
    """U = x^4/4 - x^2/2 - p x: folds at p = +-2/(3 sqrt 3), x = -+1/sqrt 3."""
    return Potential(
        energy=lambda x: x[..., 0] ** 4 / 4 - x[..., 0] ** 2 / 2 - p * x[..., 0],
        gradient=lambda x: (x[..., 0] ** 3 - x[..., 0] - p)[..., None],
        hessian=lambda x: (3 * x[..., 0] ** 2 - 1)[..., None, None],
        ndim=1,
        vectorized=True,
    )


def double_well_2d(c: float = 0.0) -> Potential:
    """U = (x^2 - 1)^2 + y^2 + c x y (vectorised)."""

    def e(x):  # noqa: ANN001, ANN202
        return (x[..., 0] ** 2 - 1) ** 2 + x[..., 1] ** 2 + c * x[..., 0] * x[..., 1]

    def g(x):  # noqa: ANN001, ANN202
        gx = 4 * x[..., 0] * (x[..., 0] ** 2 - 1) + c * x[..., 1]
        return np.stack([gx, 2 * x[..., 1] + c * x[..., 0]], -1)

    def h(x):  # noqa: ANN001, ANN202
        a = 12 * x[..., 0] ** 2 - 4
        one = np.ones_like(a)
        return np.stack([np.stack([a, c * one], -1), np.stack([c * one, 2 * one], -1)], -2)

    return Potential(e, g, h, ndim=2, vectorized=True, names=("x", "y"))


def test_quartic_points_and_kinds() -> None:
    pts = find_critical_points(quartic(0.0), bounds=[(-3, 3)])
    xs = sorted(float(p.x[0]) for p in pts)
    assert np.allclose(xs, [-1, 0, 1], atol=1e-10)
    kinds = {round(float(p.x[0])): p.kind for p in pts}
    assert kinds[-1] is Kind.MINIMUM and kinds[1] is Kind.MINIMUM and kinds[0] is Kind.MAXIMUM


def test_double_well_barrier_and_saddle() -> None:
    pot = double_well_2d()
    pts = find_critical_points(pot, bounds=[(-2, 2), (-2, 2)])
    assert [p.kind for p in pts] == [Kind.MINIMUM, Kind.MINIMUM, Kind.SADDLE]
    b = barriers(pot, pts)
    assert len(b.connections) == 1
    c = b.connections[0]
    assert {c.a, c.b} == {0, 1}
    assert b.well(0) == pytest.approx(1.0, abs=1e-12)
    assert b.pair(0, 1) is c
    assert np.allclose(c.saddle.unstable_direction ** 2, [1, 0], atol=1e-12)


def test_coupled_double_well_matches_closed_form() -> None:
    # with the xy coupling, minima at x^2 = 1 + c^2/8, y = -c x/2; U_min = -(c^2/4)(1 + c^2/16) ... check
    # numerically against the 1-D reduction U(x, y*(x)) = (x^2-1)^2 - c^2 x^2/4
    c = 0.6
    pot = double_well_2d(c)
    pts = find_critical_points(pot, bounds=[(-2, 2), (-2, 2)])
    mins = [p for p in pts if p.kind is Kind.MINIMUM]
    xm = math.sqrt(1 + c**2 / 8)
    for m in mins:
        assert abs(abs(m.x[0]) - xm) < 1e-10
        assert m.x[1] == pytest.approx(-c * m.x[0] / 2, abs=1e-10)
        assert m.energy == pytest.approx((xm**2 - 1) ** 2 - c**2 * xm**2 / 4, abs=1e-12)
    assert barriers(pot, pts).well(0) == pytest.approx(1 - ((xm**2 - 1) ** 2 - c**2 * xm**2 / 4), abs=1e-10)


def test_non_vectorised_potential_gives_same_points() -> None:
    v = double_well_2d(0.3)
    scalar = Potential(lambda x: float(v.energy(np.asarray(x))), lambda x: v.gradient(np.asarray(x)),
                       lambda x: v.hessian(np.asarray(x)), ndim=2)
    a = find_critical_points(v, bounds=[(-2, 2), (-2, 2)], n_per_axis=8)
    b = find_critical_points(scalar, bounds=[(-2, 2), (-2, 2)], n_per_axis=8)
    assert len(a) == len(b) == 3
    assert all(np.allclose(p.x, q.x, atol=1e-9) for p, q in zip(a, b, strict=True))


def test_check_derivatives_detects_a_wrong_hessian() -> None:
    good = double_well_2d(0.5)
    ge, he = check_derivatives(good, [0.3, -0.2])
    assert ge < 1e-8 and he < 1e-8
    bad = Potential(good.energy, good.gradient, lambda x: 2 * good.hessian(x), ndim=2, vectorized=True)
    assert check_derivatives(bad, [0.3, -0.2])[1] > 0.1


def test_classify_hessian_signatures() -> None:
    assert classify_hessian(np.diag([1.0, 2.0, 3.0]))[0] is Kind.MINIMUM
    assert classify_hessian(np.diag([-1.0, 2.0, 3.0]))[:2] == (Kind.SADDLE, 1)
    assert classify_hessian(np.diag([-1.0, -2.0, 3.0]))[:2] == (Kind.HIGHER_SADDLE, 2)
    assert classify_hessian(np.diag([-1.0, -2.0]))[0] is Kind.MAXIMUM
    assert classify_hessian(np.diag([1e-9, 2.0]))[2] is True


def test_fold_of_tilted_quartic() -> None:
    pc = 2 / (3 * math.sqrt(3))
    d = bifurcation_diagram(quartic, np.linspace(0.0, 0.6, 13), bounds=[(-3, 3)], parameter="p")
    assert list(d.count(Kind.MINIMUM)[:8]) == [2] * 8 and d.count(Kind.MINIMUM)[-1] == 1
    assert len(d.folds) == 1
    f = d.folds[0]
    assert f.p == pytest.approx(pc, abs=1e-8)
    assert f.x[0] == pytest.approx(-1 / math.sqrt(3), abs=1e-5)
    assert set(f.kinds) == {"minimum", "maximum"}
    # direct call from the other side of the bracket
    g = locate_fold(quartic, np.array([-0.6]), 0.5, 0.3, bounds=[(-3, 3)])
    assert g is not None and g.p == pytest.approx(pc, abs=1e-8)


def test_bad_bounds_rejected() -> None:
    with pytest.raises(ParameterError, match="bounds"):
        find_critical_points(double_well_2d(), bounds=[(-2, 2)])
    with pytest.raises(ParameterError, match="lo < hi"):
        find_critical_points(double_well_2d(), bounds=[(2, -2), (-2, 2)])
