"""Property (slow: each example compiles a kernel): for random confined polynomial/trigonometric
potentials driven by a control, the engine's energy accounting holds per trajectory and the second law
holds on average.

- ``dE = U(x_final; c_end) - U(x_initial; c_0)`` with ``U`` from the generated NumPy form (first law:
  ``W - Q = dE`` with ``Q`` the heat into the bath);
- ``<W> >= Delta F - 4 SE`` with ``Delta F = -kT ln(Z_1/Z_0)`` by quadrature on a grid (second law for a
  process that starts in equilibrium; Jarzynski, PRL 78, 2690 (1997)).
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landauer.devices import Device
from landauer.engine import Langevin, Protocol
from landauer.erasure import simulate

TERMS = ("x**2", "x**3", "sin(2*x)", "cos(x)", "x*cos(x)", "exp(-x**2)")


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coefs=st.lists(st.floats(-2, 2, allow_nan=False), min_size=len(TERMS), max_size=len(TERMS)),
       c1=st.floats(-3, 3, allow_nan=False))
def test_accounting_and_second_law(coefs, c1) -> None:  # noqa: ANN001
    energy = "x**4 + " + " + ".join(f"{a!r}*{t}" for a, t in zip(coefs, TERMS, strict=True)) + " - c*x"
    dev = Device.from_expression(energy=energy, coordinates=["x"], controls={"c": 0.0}, bounds=[(-6, 6)],
                                 states={"any": "x > -100"})
    prot = Protocol.start(c=0.0).ramp(1.0, c=c1)
    ds = simulate(dev, prot, dynamics=Langevin(kT=1.0, dt=1e-3, integrator="overdamped-lm"),
                  n_trajectories=400, seed=5)
    u0 = dev.energy(ds.x_initial.values, {"c": 0.0})
    u1 = dev.energy(ds.x_final.values, {"c": c1})
    assert np.allclose(ds.dE.values, u1 - u0, rtol=1e-12, atol=1e-9)
    assert np.allclose(ds.W.values - ds.Q.values, ds.dE.values, rtol=0, atol=1e-9)
    x = np.linspace(-6, 6, 24001)[:, None]
    e0, e1 = dev.energy(x, {"c": 0.0}), dev.energy(x, {"c": c1})
    m = min(e0.min(), e1.min())
    dF = -np.log(np.trapezoid(np.exp(-(e1 - m)), x[:, 0]) / np.trapezoid(np.exp(-(e0 - m)), x[:, 0]))
    w = ds.W.values
    assert w.mean() >= dF - 4 * w.std(ddof=1) / np.sqrt(w.size), (energy, c1, w.mean(), dF)
