"""Standard aQFP cells and the circuits of the paper, built as :class:`~.network.Network` objects.

Cells (Q. Herr, arXiv:2504.04284, Figs. 1 and 3; specs/aqfp.md section 4): buffer, NOT (coupling sign
-1), splitter (fan-out; serial and parallel fan-out are free), merge (a splitter in reverse), MAJ (3
inputs; AND/OR as MAJ with a constant -1/+1), copy (one output to its consumer plus couplings to a
terminate) and terminate (outputs grounded: it thermalises once its input is deasserted).

Circuits: buffer chain, the NAND of Fig. 1 in the conventional (splitter-buffer-MAJ) and Landauer
(splitter-copy-MAJ + terminate) forms, the OR-AND of Fig. 3e, terminates, fan-out -> merge ->
terminate and a copy as minority MAJ input with one or two terminate couplings.
"""

from __future__ import annotations

from typing import Literal

from landauer.models.aqfp.network import GateKind, Network
from landauer.validation import ParameterError, check_int

NandForm = Literal["conventional", "landauer", "fig1"]


def buffer_chain(n: int = 4, *, invert: tuple[int, ...] = ()) -> Network:
    """``input -> n buffers -> output``; buffers listed in ``invert`` are NOT gates."""
    n = check_int("n", n, minimum=1)
    net = Network(name=f"buffer-chain-{n}")
    prev = net.add(GateKind.INPUT, "in", phase=0, n_in=0)
    for i in range(n):
        kind = GateKind.NOT if i in invert else GateKind.BUFFER
        g = net.add(kind, f"b{i}", phase=i + 1, in_signs=[-1 if i in invert else 1])
        net.connect(prev, g)
        prev = g
    net.connect(prev, net.add(GateKind.OUTPUT, "out", phase=n + 1, n_out=0))
    return net


def terminates(n_terminates: int = 1) -> Network:
    """An input driving ``n_terminates`` terminates in parallel (1 bit; each terminate thermalises)."""
    k = check_int("n_terminates", n_terminates, minimum=1)
    net = Network(name=f"{k}-terminate")
    net.add(GateKind.INPUT, "in", phase=0, n_in=0, n_out=k)
    for i in range(k):
        net.connect("in", net.add(GateKind.TERMINATE, f"t{i}", phase=1, n_out=0))
    return net


def fanout_merge_terminate(n_branches: int = 2) -> Network:
    """``input -> splitter -> n buffers -> merge -> terminate``: the copies are recombined and one bit
    is thermalised once (the paper: copying and deleting copies are logically reversible)."""
    k = check_int("n_branches", n_branches, minimum=2)
    net = Network(name="fanout-merge-terminate")
    net.add(GateKind.INPUT, "in", phase=0, n_in=0)
    net.connect("in", net.add(GateKind.SPLITTER, "split", phase=1, n_out=k))
    net.add(GateKind.MERGE, "merge", phase=3, n_in=k)
    for i in range(k):
        b = net.add(GateKind.BUFFER, f"b{i}", phase=2)
        net.connect("split", b)
        net.connect(b, "merge")
    net.connect("merge", net.add(GateKind.TERMINATE, "term", phase=0, n_out=0))
    return net


def copy_minority(terminate_couplings: int = 2) -> Network:
    """A copy gate feeding MAJ input ``A`` and coupled ``terminate_couplings`` times to a terminate;
    inputs ``B`` and ``C`` reach the MAJ through buffers. With ``A`` in the minority the copy's reset
    signal is ``S = -1 + k`` times its value: ``k = 2`` supports it, ``k = 1`` thermalises it."""
    k = check_int("terminate_couplings", terminate_couplings, minimum=0)
    net = Network(name=f"copy-minority-k{k}")
    for name in ("A", "B", "C"):
        net.add(GateKind.INPUT, name, phase=0, n_in=0)
    net.connect("A", net.add(GateKind.COPY, "copyA", phase=1, n_out=1 + k))
    net.add(GateKind.MAJ, "maj", phase=2, n_in=3)
    net.connect("copyA", "maj")
    if k:
        net.add(GateKind.TERMINATE, "term", phase=2, n_in=k, n_out=0)
        for _ in range(k):
            net.connect("copyA", "term")
    for name in ("B", "C"):
        net.connect(name, net.add(GateKind.BUFFER, f"buf{name}", phase=1))
        net.connect(f"buf{name}", "maj")
    net.connect("maj", net.add(GateKind.OUTPUT, "out", phase=3, n_out=0))
    return net


def nand(form: NandForm = "fig1", *, fanout: bool = False) -> Network:
    """The NAND of the paper's Fig. 1: ``NOT(MAJ(A, B, -1))`` (constant -1, negative output coupling).

    ``form``: ``"conventional"`` (both inputs splitter -> buffer -> MAJ), ``"landauer"`` (both inputs
    splitter -> copy -> MAJ, each copy coupled twice to its own terminate) or ``"fig1"`` (upper half
    conventional for ``A``, lower half Landauer for ``B``, as drawn). ``fanout=True`` gives each
    splitter a second output to an external consumer (the input is used elsewhere).
    """
    if form not in ("conventional", "landauer", "fig1"):
        raise ParameterError(f"unknown NAND form {form!r}; choose conventional, landauer or fig1")
    net = Network(name=f"nand-{form}")
    net.add(GateKind.MAJ, "maj", phase=3, n_in=2, bias=-1, out_signs=[-1])
    for name in ("A", "B"):
        landauer = form == "landauer" or (form == "fig1" and name == "B")
        net.add(GateKind.INPUT, name, phase=0, n_in=0)
        sp = net.add(GateKind.SPLITTER, f"split{name}", phase=1, n_out=2 if fanout else 1)
        net.connect(name, sp)
        if fanout:
            net.add(GateKind.OUTPUT, f"{name}_fanout", phase=2, n_out=0)
        if landauer:
            mid = net.add(GateKind.COPY, f"copy{name}", phase=2, n_out=3)
            net.connect(sp, mid)
            net.connect(mid, "maj")
            t = net.add(GateKind.TERMINATE, f"term{name}", phase=3, n_in=2, n_out=0)
            net.connect(mid, t)
            net.connect(mid, t)
        else:
            mid = net.add(GateKind.BUFFER, f"buf{name}", phase=2)
            net.connect(sp, mid)
            net.connect(mid, "maj")
        if fanout:
            net.connect(sp, f"{name}_fanout")
    net.connect("maj", net.add(GateKind.OUTPUT, "out", phase=0, n_out=0))
    return net


def or_and() -> Network:
    """Fig. 3e: inputs ``A``, ``B`` fan out through splitters to an AND (MAJ with -1) and an OR (MAJ
    with +1); outputs ``AB`` and ``A+B``. When ``A != B`` each splitter's reset signal sums to zero and
    it thermalises one bit."""
    net = Network(name="or-and")
    net.add(GateKind.MAJ, "and", phase=2, n_in=2, bias=-1)
    net.add(GateKind.MAJ, "or", phase=2, n_in=2, bias=1)
    for name in ("A", "B"):
        net.add(GateKind.INPUT, name, phase=0, n_in=0)
        sp = net.add(GateKind.SPLITTER, f"split{name}", phase=1, n_out=2)
        net.connect(name, sp)
        net.connect(sp, "and")
        net.connect(sp, "or")
    net.connect("and", net.add(GateKind.OUTPUT, "AB", phase=3, n_out=0))
    net.connect("or", net.add(GateKind.OUTPUT, "A+B", phase=3, n_out=0))
    return net


def majority(*, bias: int = 0) -> Network:
    """Three inputs through buffers into a MAJ (``bias`` adds a constant; with 2 inputs use AND/OR)."""
    net = Network(name="maj3")
    net.add(GateKind.MAJ, "maj", phase=2, n_in=3, bias=bias)
    for name in ("A", "B", "C"):
        net.add(GateKind.INPUT, name, phase=0, n_in=0)
        net.connect(name, net.add(GateKind.BUFFER, f"buf{name}", phase=1))
        net.connect(f"buf{name}", "maj")
    net.connect("maj", net.add(GateKind.OUTPUT, "out", phase=3, n_out=0))
    return net


CIRCUITS = {
    "buffer-chain": buffer_chain,
    "terminate": terminates,
    "fanout-merge-terminate": fanout_merge_terminate,
    "copy-minority": copy_minority,
    "nand": nand,
    "or-and": or_and,
    "maj3": majority,
}
