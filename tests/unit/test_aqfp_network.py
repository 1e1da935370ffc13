"""Unit tests: parameter validation, network construction errors, evaluation details."""

import numpy as np
import pytest

from landauer.models.aqfp import gates
from landauer.models.aqfp.mismatch import MismatchSpec
from landauer.models.aqfp.network import Direction, GateKind, Network, Port
from landauer.models.aqfp.params import AqfpParams
from landauer.validation import ParameterError


@pytest.mark.parametrize("field,value", [("critical_current", -1.0), ("temperature", 0.0),
                                         ("loop_inductance", float("nan")), ("b_convention", "bogus")])
def test_params_reject_bad_values(field, value):
    with pytest.raises(ParameterError, match=field.split("_")[0]):
        AqfpParams(**{field: value})


def test_params_reject_large_beta_L():
    with pytest.raises(ParameterError, match="beta_L"):
        AqfpParams(loop_inductance=1e-11)


def test_supercritical_set_has_requested_B():
    assert AqfpParams.supercritical(B=1.7).B == pytest.approx(1.7, rel=1e-12)
    with pytest.raises(ParameterError, match="B"):
        AqfpParams.supercritical(B=0.1)


def test_ports_only_convention():
    p = AqfpParams(b_convention="ports-only")
    assert p.B == pytest.approx(2 * p.beta_q)


def test_edges_must_follow_the_clock():
    net = Network()
    net.add(GateKind.INPUT, "a", phase=0, n_in=0)
    net.add(GateKind.BUFFER, "b", phase=2)
    with pytest.raises(ParameterError, match="next clock phase"):
        net.connect("a", "b")


def test_undriven_input_and_double_connection():
    net = Network()
    net.add(GateKind.INPUT, "a", phase=0, n_in=0)
    net.add(GateKind.BUFFER, "b", phase=1)
    with pytest.raises(ParameterError, match="not driven"):
        net.validate()
    net.connect("a", "b")
    with pytest.raises(ParameterError, match="no free"):
        net.connect("a", "b")


def test_bad_inputs_rejected():
    net = gates.buffer_chain(2)
    with pytest.raises(ParameterError, match="bits"):
        net.evaluate({"in": [2]})
    with pytest.raises(ParameterError, match="missing"):
        net.evaluate({})


def test_port_sign_validation():
    with pytest.raises(ParameterError, match="sign"):
        Port("x", Direction.IN, sign=0)


def test_not_gate_and_maj_logic():
    ev = gates.buffer_chain(3, invert=(1,)).evaluate({"in": [0, 1]})
    np.testing.assert_array_equal(ev.output_bits()[:, 0], [1, 0])
    bits = np.array([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)])
    ev = gates.majority().evaluate({"A": bits[:, 0], "B": bits[:, 1], "C": bits[:, 2]})
    np.testing.assert_array_equal(ev.output_bits()[:, 0], (bits.sum(axis=1) >= 2).astype(int))
    np.testing.assert_array_equal(ev.alpha("maj"), np.where((bits.sum(1) == 0) | (bits.sum(1) == 3), 3, 1))


def test_mismatch_spec_validation():
    with pytest.raises(ParameterError, match="pattern"):
        MismatchSpec(pattern=(2.0,))
    with pytest.raises(ParameterError, match="worst-minority"):
        MismatchSpec(pattern=(1.0, 0.0), inductor_term="worst-minority")
    with pytest.raises(ParameterError, match="inductor_term"):
        MismatchSpec(inductor_term="max")


def test_per_gate_signal_scales_with_alpha():
    p = AqfpParams()
    ev = gates.majority().evaluate({"A": [1, 1], "B": [1, 0], "C": [0, 0]})
    np.testing.assert_allclose(ev.theta_s("maj", p.theta_s), [p.theta_s, -p.theta_s])
    np.testing.assert_allclose(ev.signal_current("bufA", p.signal_current), [p.signal_current] * 2)
