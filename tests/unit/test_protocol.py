import numpy as np
import pytest

from landauer.engine.protocol import Protocol
from landauer.validation import ParameterError


def _p():
    return Protocol.start(b=2.0, f=0.0).ramp(1.0, b=0.0, name="lower").ramp(3.0, f=-1.0, name="tilt")


def test_values_and_stages():
    p = _p()
    assert p.duration == 4.0
    np.testing.assert_allclose(p.values_at([0.0, 0.5, 1.0, 2.5, 4.0]),
                               [[2, 0], [1, 0], [0, 0], [0, -0.5], [0, -1]])
    assert [s[0] for s in p.stage_bounds()] == ["lower", "tilt"]


def test_reverse_stretch_compose():
    p = _p()
    r = p.reversed()
    t = np.linspace(0, 4, 17)
    np.testing.assert_allclose(r.values_at(t), p.values_at(4 - t))
    s = p.stretched(2.5)
    np.testing.assert_allclose(s.values_at(2.5 * t), p.values_at(t))
    c = p.then(r)
    assert c.duration == 8.0
    np.testing.assert_allclose(c.values_at([8.0])[0], [2.0, 0.0])


def test_smooth_shape_and_table():
    p = Protocol.start(a=0.0).ramp(1.0, a=1.0, shape="smooth")
    assert p.value(0.5)["a"] == pytest.approx(0.5)
    assert p.value(0.25)["a"] == pytest.approx(0.25**2 * (3 - 0.5))
    tab = p.table(0.1)
    assert tab.shape == (11, 1) and tab[-1, 0] == 1.0


def test_errors():
    with pytest.raises(ParameterError, match="unknown control"):
        _p().ramp(1.0, g=1.0)
    with pytest.raises(ParameterError, match="start at the first"):
        _p().then(_p())
    with pytest.raises(ParameterError, match="longer than"):
        _p().table(10.0)
    with pytest.raises(ParameterError, match="finite"):
        Protocol.start(a=float("nan"))
