"""Validation of the logical-entropy calculator and the reset classes (specs/aqfp.md targets 10, 11).

- Target 10 (Table 1 of Q. Herr, arXiv:2504.04284, reconstructed): a duplicated stream (true bit 1/2,
  each copy reads 0 as 1 with probability p) through OR-AND loses Delta H = p(1 - p) bits exactly and
  dissipates <E> = 2 Delta H kT ln 2 (one bit thermalised in each splitter when the inputs differ).
- Target 11 (paper, section "Power Dissipation and Logical Entropy"): a buffer chain costs 0; a
  terminate costs kT ln 2 for any input pmf; two terminates cost 2 kT ln 2; fan-out -> merge ->
  terminate costs kT ln 2; a minority copy with one terminate coupling sees S = 0 and thermalises
  (kT ln 2 in the copy); backaction occurs only in the conventional NAND; dissipation/bound >= 1
  (Landauer, IBM J. Res. Dev. 5, 183 (1961)).
"""

import math

import numpy as np
import pytest

from landauer.models.aqfp import gates
from landauer.models.aqfp.energetics import ResetCosts, dissipation
from landauer.models.aqfp.entropy import duplicated, explicit, iid, logical_entropy, markov, or_and_table
from landauer.models.aqfp.network import ResetClass

COSTS = ResetCosts.ideal(max_signal=2)
LN2KT = COSTS.kT * math.log(2)


@pytest.mark.parametrize("p", [1e-3, 0.01, 0.1])
def test_table1_or_and(p):
    t = or_and_table(p, COSTS)
    assert t["delta_H_bits"] == pytest.approx(p * (1 - p), rel=1e-9, abs=1e-14)
    assert t["dissipation_kTln2"] == pytest.approx(2 * p * (1 - p), rel=1e-12)
    assert t["ratio"] == pytest.approx(2.0, rel=1e-9)
    rows = {(r["A"], r["B"]): r for r in t["rows"]}
    assert rows[(0, 0)]["P_in"] == pytest.approx(0.5 * (1 - p) ** 2)
    assert rows[(1, 1)]["P_in"] == pytest.approx(0.5 * (1 + p * p))
    assert rows[(0, 1)]["P_out"] == pytest.approx(p * (1 - p))
    assert rows[(0, 1)]["E_kTln2"] == pytest.approx(2.0) and rows[(0, 0)]["E_kTln2"] == 0.0


def test_buffer_chain_is_free():
    r = logical_entropy(gates.buffer_chain(6, invert=(2,)), iid(1, 0.3), COSTS)
    assert r.delta_h == pytest.approx(0.0, abs=1e-12) and r.dissipation == 0.0


@pytest.mark.parametrize("pmf", [[0.5, 0.5], [0.9, 0.1], [1.0, 0.0]])
def test_terminate_costs_kTln2_for_any_pmf(pmf):
    r = logical_entropy(gates.terminates(1), explicit(pmf), COSTS)
    assert r.dissipation == pytest.approx(LN2KT, rel=1e-12)
    assert r.ratio is None or r.ratio >= 1.0


def test_two_terminates_and_fanout_merge():
    two = logical_entropy(gates.terminates(2), iid(1), COSTS)
    assert two.dissipation == pytest.approx(2 * LN2KT) and two.delta_h == pytest.approx(1.0)
    fm = logical_entropy(gates.fanout_merge_terminate(3), iid(1), COSTS)
    assert fm.dissipation == pytest.approx(LN2KT) and fm.ratio == pytest.approx(1.0)


def test_copy_minority_couplings():
    one = gates.copy_minority(1).evaluate({"A": [0], "B": [1], "C": [1]})
    assert one.reset_signal["copyA"][0] == 0
    assert one.reset_class["copyA"][0] == ResetClass.THERMALISING
    e, per = dissipation(one, COSTS)
    assert per["copyA"][0] == pytest.approx(LN2KT) and e[0] == pytest.approx(2 * LN2KT)
    two = gates.copy_minority(2).evaluate({"A": [0], "B": [1], "C": [1]})
    assert two.reset_class["copyA"][0] == ResetClass.SUPPORTED
    none = gates.copy_minority(0).evaluate({"A": [0], "B": [1], "C": [1]})
    assert none.reset_class["copyA"][0] == ResetClass.OPPOSED


def test_backaction_only_in_conventional_nand():
    a, b = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    for form in ("conventional", "landauer", "fig1"):
        ev = gates.nand(form).evaluate({"A": a, "B": b})
        np.testing.assert_array_equal(ev.output_bits()[:, 0], 1 - (a & b))
        opposed = {g for g, c in ev.reset_class.items() if np.any(c == ResetClass.OPPOSED)}
        if form == "conventional":
            assert opposed == {"bufA", "bufB"}
        elif form == "fig1":
            assert opposed == {"bufA"}
        else:
            assert opposed == set()
    # backaction is far above kT ln 2
    assert COSTS.opposed[1] > 50 * LN2KT


@pytest.mark.parametrize("dist", [iid(2, 0.3), markov(2, p01=0.2, p10=0.4), duplicated(2, p01=0.1, p10=0.05),
                                  explicit([0.1, 0.2, 0.3, 0.4])])
@pytest.mark.parametrize("circuit", ["landauer", "fig1", "conventional"])
def test_ratio_at_least_one(dist, circuit):
    r = logical_entropy(gates.nand(circuit), dist, COSTS)
    assert r.ratio is not None and r.ratio >= 1.0


def test_markov_entropy_closed_form():
    d = markov(6, p01=0.2, p10=0.4)
    assert d.pmf is not None and d.pmf.sum() == pytest.approx(1.0)
    h_pmf = float(-np.sum(d.pmf * np.log2(d.pmf)))
    assert d.h_in() == pytest.approx(h_pmf, rel=1e-12)


def test_sampled_path_agrees_with_exact():
    """Monte Carlo estimates for a 22-input network (beyond exact enumeration) agree with the closed
    forms within 4 standard errors: 22 independent bits each into a terminate."""
    from landauer.models.aqfp.network import GateKind, Network

    net = Network(name="many-terminates")
    for i in range(22):
        net.add(GateKind.INPUT, f"x{i}", phase=0, n_in=0)
        net.connect(f"x{i}", net.add(GateKind.TERMINATE, f"t{i}", phase=1, n_out=0))
    d = iid(22, 0.3)
    assert d.pmf is None
    r = logical_entropy(net, d, COSTS, n_samples=20_000, seed=3)
    assert not r.exact and r.h_in == pytest.approx(22 * (-0.3 * math.log2(0.3) - 0.7 * math.log2(0.7)))
    assert r.dissipation == pytest.approx(22 * LN2KT, rel=1e-12)  # every terminate, every pattern
    assert r.h_out == pytest.approx(0.0, abs=1e-12)
