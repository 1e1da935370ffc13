"""Expression devices: generated derivatives, default states, the landscape against closed forms and
against the hand-written NumPy potentials (two coupled double wells; the reduced SQUID pair).

Closed forms: for U = a x^4 - b x^2 (f = 0) the minima are x = +-sqrt(b/2a), the barrier b^2/4a, the
curvatures U''(min) = 4b and U''(0) = -2b; the overdamped Kramers rate is
k = sqrt(U''_min |U''_0|)/(2 pi) exp(-Delta U) (Kramers 1940; Hanggi, Talkner, Borkovec RMP 62, 251 (1990)).
"""

import math

import numpy as np
import pytest

from landauer.devices import Device
from landauer.landscape import Kind, Potential, barriers, check_derivatives, escape_rate, find_critical_points
from landauer.validation import ParameterError

A, B = 8.0, 16.0


@pytest.fixture(scope="module")
def dw() -> Device:
    return Device.from_expression(energy="a*x**4 - b*x**2 - f*x", coordinates=["x"], params={"a": A},
                                  controls={"b": B, "f": 0.0}, bounds=[(-3, 3)], name="dw")


def test_double_well_landscape_matches_closed_form(dw: Device) -> None:
    mins = dw.minima()
    xm = math.sqrt(B / (2 * A))
    assert [float(m.x[0]) for m in mins] == pytest.approx([-xm, xm], abs=1e-12)
    assert [m.energy for m in mins] == pytest.approx([-B**2 / (4 * A)] * 2, abs=1e-12)
    assert dw.states == ("0", "1")
    bar = dw.barriers()
    assert bar.well(0) == pytest.approx(B**2 / (4 * A), abs=1e-12)
    assert bar.connections[0].saddle.hessian[0, 0] == pytest.approx(-2 * B, abs=1e-12)
    rate = escape_rate(dw, bar, 0, kT=1.0, mobility=1.0)
    assert rate == pytest.approx(math.sqrt(4 * B * 2 * B) / (2 * math.pi) * math.exp(-B**2 / (4 * A)), rel=1e-10)
    assert dw.classify([[-0.2], [0.2]]).tolist() == [0, 1]


def test_double_well_derivatives_are_exact(dw: Device) -> None:
    x = np.linspace(-2, 2, 9)[:, None]
    c = {"b": 3.0, "f": -1.5}
    assert np.allclose(dw.gradient(x, c)[:, 0], 4 * A * x[:, 0] ** 3 - 2 * 3.0 * x[:, 0] + 1.5, rtol=0, atol=1e-12)
    assert np.allclose(dw.hessian(x, c)[:, 0, 0], 12 * A * x[:, 0] ** 2 - 6.0, rtol=0, atol=1e-12)
    # the compiled functions agree with their pure-Python form
    g = np.empty(1)
    dw.module.gradient(np.array([0.7]), dw.control_vector(c), dw.param_vector(), g)
    assert g[0] == pytest.approx(dw.gradient([0.7], c)[0], rel=1e-14)


def test_curvature_bound_against_closed_form(dw: Device) -> None:
    # largest U'' = 12 a x^2 - 2b where a x^4 - b x^2 <= -b^2/4a + 25: x^2 = (b + sqrt(b^2 + 4a (25 - b^2/4a)))/2a
    x2 = (B + math.sqrt(B**2 + 4 * A * (25 - B**2 / (4 * A)))) / (2 * A)
    exact = 12 * A * x2 - 2 * B
    k = dw.max_curvature(np.array([[B, 0.0]]), dw.param_vector(), 1.0)
    h = 6.0 / 4000  # grid spacing over the bounds
    assert exact - 24 * A * math.sqrt(x2) * h <= k <= exact


def test_named_and_conditional_states() -> None:
    named = Device.from_expression(energy="(x**2 - 1)**2 * h", coordinates=["x"], params={"h": 5.0},
                                   states=["left", "right"], bounds=[(-2, 2)])
    assert named.states == ("left", "right")
    cond = Device.from_expression(energy="(x**2 - 1)**2 * h", coordinates=["x"], params={"h": 5.0},
                                  states={"far": "abs(x) > 1.5", "left": "x < 0", "right": "x >= 0"})
    assert cond.classify([[-2.0], [-0.5], [0.5]]).tolist() == [0, 1, 2]
    with pytest.raises(ParameterError, match="3 name"):
        Device.from_expression(energy="(x**2 - 1)**2", coordinates=["x"], states=["a", "b", "c"], bounds=[(-2, 2)])


def test_expression_errors_are_one_line() -> None:
    with pytest.raises(ParameterError, match=r"unknown name\(s\) \['q'\]"):
        Device.from_expression(energy="x**2 + q", coordinates=["x"])
    with pytest.raises(ParameterError, match="cannot parse"):
        Device.from_expression(energy="x**2 +* 1", coordinates=["x"])
    with pytest.raises(ParameterError, match="not supported"):
        Device.from_expression(energy="erf(x) + x**2", coordinates=["x"])
    with pytest.raises(ParameterError, match="identifier"):
        Device.from_expression(energy="x**2", coordinates=["_x"])
    with pytest.raises(ParameterError, match="does not depend"):
        Device.from_expression(energy="b", coordinates=["x"], controls={"b": 1.0})
    with pytest.raises(ParameterError, match="must be finite"):
        Device.from_expression(energy="a*x**2", coordinates=["x"], params={"a": math.inf})


def _coupled_numpy(a: float, b: float, k: float, f: float) -> Potential:
    """Hand-written U = a (x^4 + y^4) - b (x^2 + y^2) + k x y - f (x + y)."""

    def e(X):  # noqa: ANN001, ANN202
        x, y = X[..., 0], X[..., 1]
        return a * (x**4 + y**4) - b * (x**2 + y**2) + k * x * y - f * (x + y)

    def g(X):  # noqa: ANN001, ANN202
        x, y = X[..., 0], X[..., 1]
        return np.stack([4 * a * x**3 - 2 * b * x + k * y - f, 4 * a * y**3 - 2 * b * y + k * x - f], -1)

    def h(X):  # noqa: ANN001, ANN202
        x, y = X[..., 0], X[..., 1]
        hxx, hyy = 12 * a * x**2 - 2 * b, 12 * a * y**2 - 2 * b
        kk = np.full_like(hxx, k)
        return np.stack([np.stack([hxx, kk], -1), np.stack([kk, hyy], -1)], -2)

    return Potential(e, g, h, ndim=2, vectorized=True)


def _same_landscape(pa: Potential, pb: Potential, box) -> None:  # noqa: ANN001
    ca, cb = find_critical_points(pa, bounds=box), find_critical_points(pb, bounds=box)
    assert len(ca) == len(cb) >= 5
    for p in ca:  # the same point (degenerate energies may order differently)
        q = min(cb, key=lambda r: float(np.max(np.abs(r.x - p.x))))
        assert np.allclose(p.x, q.x, atol=1e-9) and p.energy == pytest.approx(q.energy, abs=1e-10)
        assert p.kind is q.kind and np.allclose(p.eigenvalues, q.eigenvalues, atol=1e-8)
    ba, bb = barriers(pa, ca), barriers(pb, cb)
    wa = sorted(ba.well(k) for k in range(len(ba.minima)))
    wb = sorted(bb.well(k) for k in range(len(bb.minima)))
    assert wa == pytest.approx(wb, abs=1e-10)


def test_coupled_double_wells_match_hand_written() -> None:
    dev = Device.from_expression(energy="a*(x**4 + y**4) - b*(x**2 + y**2) + k*x*y - f*(x + y)",
                                 coordinates=["x", "y"], params={"a": 6.0, "k": 0.5},
                                 controls={"b": 12.0, "f": 0.0}, bounds=[(-2.5, 2.5)] * 2)
    assert dev.states == ("0", "1", "2", "3")
    signs = np.sign([m.x for m in dev.minima()]).tolist()
    assert signs == [[-1, -1], [-1, 1], [1, -1], [1, 1]]
    assert dev.classify(0.9 * np.array(signs)).tolist() == [0, 1, 2, 3]
    for f in (0.0, 1.3):
        _same_landscape(dev.potential({"f": f}), _coupled_numpy(6.0, 12.0, 0.5, f), [(-2.5, 2.5)] * 2)


def test_squid_expression_matches_hand_written_potential() -> None:
    from landauer.models.squid.potential import Controls, Shape, landscape_2d

    energy = ("(phi1 - phi1x)**2/2 + (phi2 - phi2x)**2/2 + beta*(cos(phi1)*cos(phi1xdc/2) "
              "+ cos(phi2)*cos(phi2xdc/2)) + mu*(phi1 - phi1x)*(phi2 - phi2x)")
    dev = Device.from_expression(energy=energy, coordinates=["phi1", "phi2"], params={"beta": 2.3},
                                 controls={"phi1x": 0.0, "phi2x": 0.0, "phi1xdc": 0.0, "phi2xdc": 0.0, "mu": 0.0},
                                 bounds=[(-4, 4)] * 2)
    assert len(dev.states) == 4
    for c in (Controls(), Controls(phi1x=0.2, phi2x=-0.1, phi1xdc=1.2, mu=0.05)):
        mine = dev.potential(c.as_dict())
        _same_landscape(mine, landscape_2d(c, Shape(beta=2.3)), [(-4, 4)] * 2)
        ge, he = check_derivatives(mine, [0.3, -1.1])
        assert ge < 1e-8 and he < 1e-7


def test_minima_are_minima_of_the_device(dw: Device) -> None:
    pts = find_critical_points(dw, bounds=[(-3, 3)])
    assert [p.kind for p in pts].count(Kind.MINIMUM) == 2
