"""Property: for random polynomial and trigonometric potentials in 1-3 coordinates, the SymPy-generated
gradient and Hessian agree with central finite differences of the generated energy
(error O(h^2) times the third/fourth derivatives; h = 1e-5 with the tolerance scaled by the magnitude),
and the Hessian is symmetric. Evaluated through the pure-Python forms (no Numba compilation)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landauer.devices import Device
from landauer.landscape import check_derivatives

COORDS = ("x", "y", "z")
FUNCS = ("sin({})", "cos({})", "exp({}/4)", "tanh({})", "({})**2", "({})**3", "cos(2*{})*sin({})")


@st.composite
def expressions(draw):  # noqa: ANN001, ANN201
    ndim = draw(st.integers(1, 3))
    names = COORDS[:ndim]
    terms = []
    for _ in range(draw(st.integers(1, 5))):
        coef = draw(st.floats(-3, 3, allow_nan=False).filter(lambda v: abs(v) > 1e-3))
        kind = draw(st.sampled_from(("poly", "trig", "mixed")))
        a = draw(st.sampled_from(names))
        b = draw(st.sampled_from(names))
        if kind == "poly":
            terms.append(f"{coef!r}*{a}**{draw(st.integers(1, 4))}*{b}**{draw(st.integers(0, 2))}")
        elif kind == "trig":
            f = draw(st.sampled_from(FUNCS))
            terms.append(f"{coef!r}*" + f.format(f"{a} + k*{b}", a))
        else:
            terms.append(f"{coef!r}*c*{a}*cos({b}) + s*{a}**2")
    terms.append(f"0.1*{names[0]}**2")  # every coordinate appears through x; keep U coordinate-dependent
    x0 = draw(st.lists(st.floats(-1.5, 1.5, allow_nan=False), min_size=ndim, max_size=ndim))
    return " + ".join(terms), names, np.array(x0)


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory):  # noqa: ANN001, ANN202
    mp = pytest.MonkeyPatch()
    mp.setenv("LANDAUER_CACHE", str(tmp_path_factory.mktemp("devcache")))
    yield
    mp.undo()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_generated_derivatives_match_finite_differences(case) -> None:  # noqa: ANN001
    energy, names, x0 = case
    dev = Device.from_expression(energy=energy, coordinates=list(names), params={"k": 0.7, "s": 0.3},
                                 controls={"c": 1.1}, states={"all": "x > -1e9"})
    pot = dev.potential({"c": -0.4})
    scale = 1.0 + float(np.max(np.abs(pot.hessian_at(x0)))) + float(np.max(np.abs(pot.gradient_at(x0))))
    ge, he = check_derivatives(pot, x0, h=1e-5)
    assert ge < 1e-6 * scale, (energy, x0, ge)
    assert he < 1e-5 * scale, (energy, x0, he)
    H = pot.hessian_at(x0)
    assert np.array_equal(H, H.T)
    # vectorised evaluation equals point-wise evaluation
    X = np.stack([x0, 0.5 * x0, -x0])
    assert np.allclose(pot.energies(X), [pot.energy_at(r) for r in X], rtol=1e-14, atol=1e-14)
