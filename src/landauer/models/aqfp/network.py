"""aQFP gate networks: ports, coupling signs, four-phase clocking, evaluation and reset classes.

Every aQFP gate is the same device; only its couplings differ (Q. Herr, arXiv:2504.04284). A network
is a set of :class:`Gate` objects, each on a clock phase ``k`` in Z4 with input and output
:class:`Port` objects, and directed :class:`Edge` objects from an output port of a phase-``k`` gate to an
input port of a phase-``k+1`` gate. The coupling sign of an edge is the product of its two ports'
signs (``-1`` makes a NOT).

Clocking (specs/aqfp.md section 4): a phase-``k`` gate excites while phase ``k-1`` holds and reads it,
holds while phase ``k+1`` excites, and resets while phase ``k+1`` is still excited. Hence

- its digital value is ``v = sign(sum_in s_e v_src + bias)`` (``0``: undetermined, no net signal);
- at its reset the net signal from the still-excited consumers is ``S = sum_out s_e v_dst`` and the
  reset is SUPPORTED (``S v > 0``, adiabatic, no dissipation), THERMALISING (``S = 0``: a symmetric
  double well, ``kT ln 2``) or OPPOSED (``S v < 0``: backaction, the state is in the upper well and
  switches non-adiabatically, dissipating the well splitting).

Digital values: ``+1`` is logical 1 (``theta > 0``), ``-1`` logical 0, ``0`` unexcited/grounded.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import ParameterError, check_choice

IntArray = NDArray[np.int64]


class GateKind(enum.StrEnum):
    INPUT = "input"  # a driver outside the network (its value is the input pattern)
    BUFFER = "buffer"
    NOT = "not"
    SPLITTER = "splitter"
    MERGE = "merge"
    MAJ = "maj"
    COPY = "copy"
    TERMINATE = "terminate"
    OUTPUT = "output"  # a readout gate: copies its driver and hands on to the outside world


class ResetClass(enum.IntEnum):
    SUPPORTED = 0
    THERMALISING = 1
    OPPOSED = 2
    EXTERNAL = 3  # OUTPUT gates: their reset belongs to the downstream circuit
    UNDETERMINED = 4  # the gate had no net input signal, its state is random


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class Port:
    """One coupling port of a gate: ``L_eff`` is the reduced-model port inductance (H, ``None``: the
    calibrated default) and ``sign`` the coupling sign (+1 or -1)."""

    name: str
    dir: Direction
    L_eff: float | None = None
    sign: int = 1

    def __post_init__(self) -> None:
        if self.sign not in (1, -1):
            raise ParameterError(f"port {self.name}: sign must be +1 or -1, got {self.sign!r}")
        if self.L_eff is not None and not self.L_eff > 0:
            raise ParameterError(f"port {self.name}: L_eff must be > 0 H, got {self.L_eff!r}")


@dataclass(frozen=True)
class Gate:
    """An aQFP on clock phase ``phase`` (0..3). ``bias`` is a constant input (``+1``: OR, ``-1``: AND)."""

    id: str
    kind: GateKind
    phase: int
    ports: tuple[Port, ...]
    bias: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.phase <= 3:
            raise ParameterError(f"gate {self.id}: phase must be 0..3, got {self.phase!r}")
        names = [p.name for p in self.ports]
        if len(set(names)) != len(names):
            raise ParameterError(f"gate {self.id}: duplicate port names")

    def port(self, name: str) -> Port:
        for p in self.ports:
            if p.name == name:
                return p
        raise ParameterError(f"gate {self.id} has no port {name!r}")

    def ports_of(self, direction: Direction) -> list[Port]:
        return [p for p in self.ports if p.dir is direction]


@dataclass(frozen=True)
class Edge:
    src: str
    src_port: str
    dst: str
    dst_port: str


@dataclass(frozen=True)
class Evaluation:
    """Result of evaluating a network on a batch of input patterns (arrays over patterns)."""

    values: dict[str, IntArray]  # digital value of every gate
    net_input: dict[str, IntArray]  # signed net input signal during excitation (units of one input)
    reset_signal: dict[str, IntArray]  # S at the gate's reset
    reset_class: dict[str, IntArray]  # ResetClass codes
    outputs: tuple[str, ...]

    def alpha(self, gate: str) -> IntArray:
        """Signal strength ``alpha = |net input|`` of ``gate`` (1: a single input or a mixed MAJ)."""
        return np.abs(self.net_input[gate])

    def theta_s(self, gate: str, theta_s_unit: float) -> NDArray[np.float64]:
        """Signed signal phase (rad) while ``gate`` excites: net input times the calibrated unit signal
        ``theta_s_unit`` (``AqfpParams.theta_s``)."""
        return np.asarray(self.net_input[gate] * theta_s_unit, dtype=float)

    def signal_current(self, gate: str, unit_current: float) -> NDArray[np.float64]:
        """Signed signal current (A): net input times the calibrated ``I_s`` (``AqfpParams.signal_current``)."""
        return np.asarray(self.net_input[gate] * unit_current, dtype=float)

    def classes(self, gate: str) -> list[ResetClass]:
        return [ResetClass(int(c)) for c in self.reset_class[gate]]

    def output_bits(self) -> IntArray:
        """Output values as bits (``v > 0`` -> 1), shape ``(n_patterns, n_outputs)``."""
        if not self.outputs:
            return np.zeros((next(iter(self.values.values())).size, 0), dtype=np.int64)
        return np.stack([(self.values[o] > 0).astype(np.int64) for o in self.outputs], axis=1)


@dataclass
class Network:
    """Gates and edges with validation (phases, directions, one driver per input port)."""

    gates: dict[str, Gate] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    name: str = "network"

    # --- construction --------------------------------------------------------------------------
    def add(self, kind: GateKind | str, gate_id: str, *, phase: int, n_in: int = 1, n_out: int = 1,
            bias: int = 0, in_signs: Sequence[int] | None = None, out_signs: Sequence[int] | None = None,
            L_eff: float | None = None) -> str:
        """Add a gate with ``n_in`` input and ``n_out`` output ports named ``in0..``, ``out0..``."""
        k = GateKind(kind)
        if gate_id in self.gates:
            raise ParameterError(f"duplicate gate id {gate_id!r}")
        if bias not in (-1, 0, 1):
            raise ParameterError(f"gate {gate_id}: bias must be -1, 0 or +1")
        ins = list(in_signs) if in_signs is not None else [1] * n_in
        outs = list(out_signs) if out_signs is not None else [1] * n_out
        ports = tuple(Port(f"in{i}", Direction.IN, L_eff, s) for i, s in enumerate(ins)) + tuple(
            Port(f"out{i}", Direction.OUT, L_eff, s) for i, s in enumerate(outs))
        self.gates[gate_id] = Gate(gate_id, k, phase % 4, ports, bias)
        return gate_id

    def connect(self, src: str, dst: str, *, src_port: str | None = None,
                dst_port: str | None = None) -> None:
        """Edge from ``src``'s next free (or named) output port to ``dst``'s next free input port."""
        gs, gd = self._gate(src), self._gate(dst)
        sp = src_port or self._free(gs, Direction.OUT)
        dp = dst_port or self._free(gd, Direction.IN)
        if gs.port(sp).dir is not Direction.OUT or gd.port(dp).dir is not Direction.IN:
            raise ParameterError(f"edge {src}.{sp} -> {dst}.{dp} must run from an out port to an in port")
        if (gs.phase + 1) % 4 != gd.phase:
            raise ParameterError(
                f"edge {src} (phase {gs.phase}) -> {dst} (phase {gd.phase}) must go to the next clock phase")
        self.edges.append(Edge(src, sp, dst, dp))

    def _gate(self, gid: str) -> Gate:
        if gid not in self.gates:
            raise ParameterError(f"unknown gate {gid!r}")
        return self.gates[gid]

    def _free(self, g: Gate, direction: Direction) -> str:
        used = {e.src_port for e in self.edges if e.src == g.id}
        used |= {e.dst_port for e in self.edges if e.dst == g.id}
        for p in g.ports_of(direction):
            if p.name not in used:
                return p.name
        raise ParameterError(f"gate {g.id} has no free {direction.value} port")

    # --- queries ---------------------------------------------------------------------------------
    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(g for g, gate in self.gates.items() if gate.kind is GateKind.INPUT)

    @property
    def outputs(self) -> tuple[str, ...]:
        return tuple(g for g, gate in self.gates.items() if gate.kind is GateKind.OUTPUT)

    def sign(self, e: Edge) -> int:
        return self.gates[e.src].port(e.src_port).sign * self.gates[e.dst].port(e.dst_port).sign

    def validate(self) -> None:
        """Every non-INPUT gate's input ports driven exactly once; OUTPUT/TERMINATE have no consumers."""
        driven: dict[tuple[str, str], int] = {}
        used_out: dict[tuple[str, str], int] = {}
        for e in self.edges:
            driven[(e.dst, e.dst_port)] = driven.get((e.dst, e.dst_port), 0) + 1
            used_out[(e.src, e.src_port)] = used_out.get((e.src, e.src_port), 0) + 1
        for (gid, pname), n in {**driven, **used_out}.items():
            if n > 1:
                raise ParameterError(f"port {gid}.{pname} is connected {n} times")
        for g in self.gates.values():
            for p in g.ports_of(Direction.IN):
                if g.kind is not GateKind.INPUT and (g.id, p.name) not in driven:
                    raise ParameterError(f"input port {g.id}.{p.name} is not driven")
            if g.kind in (GateKind.TERMINATE, GateKind.OUTPUT) and g.ports_of(Direction.OUT):
                raise ParameterError(f"{g.kind.value} gate {g.id} must not have output ports (grounded)")
        self.order()

    def order(self) -> list[str]:
        """Gates in dependency order (raises on combinational loops)."""
        preds: dict[str, set[str]] = {g: set() for g in self.gates}
        for e in self.edges:
            preds[e.dst].add(e.src)
        done: list[str] = []
        seen: set[str] = set()
        while len(done) < len(self.gates):
            ready = [g for g in self.gates if g not in seen and preds[g] <= seen]
            if not ready:
                raise ParameterError("the network has a feedback loop; unroll it over clock cycles")
            for g in ready:
                seen.add(g)
                done.append(g)
        return done

    # --- evaluation ------------------------------------------------------------------------------
    def evaluate(self, inputs: Mapping[str, ArrayLike], *, as_bits: bool = True) -> Evaluation:
        """Evaluate on a batch of input patterns.

        Parameters
        ----------
        inputs : mapping
            ``{input gate id: array}`` of bits (0/1, default) or digital values (+1/-1, ``as_bits=False``).
        """
        self.validate()
        missing = set(self.inputs) - set(inputs)
        if missing:
            raise ParameterError(f"missing input(s) {sorted(missing)}")
        n = None
        vals: dict[str, IntArray] = {}
        for name in self.inputs:
            a = np.atleast_1d(np.asarray(inputs[name]))
            if as_bits:
                if not np.all((a == 0) | (a == 1)):
                    raise ParameterError(f"input {name} must be bits 0/1")
                a = 2 * a.astype(np.int64) - 1
            elif not np.all(np.isin(a, (-1, 1))):
                raise ParameterError(f"input {name} must be digital values +1/-1")
            n = a.size if n is None else n
            if a.size != n:
                raise ParameterError("all inputs need the same number of patterns")
            vals[name] = a.astype(np.int64)
        n = n or 1
        in_edges: dict[str, list[Edge]] = {g: [] for g in self.gates}
        out_edges: dict[str, list[Edge]] = {g: [] for g in self.gates}
        for e in self.edges:
            in_edges[e.dst].append(e)
            out_edges[e.src].append(e)
        net_in: dict[str, IntArray] = {}
        for g in self.order():
            gate = self.gates[g]
            if gate.kind is GateKind.INPUT:
                net_in[g] = vals[g].copy()
                continue
            total = np.full(n, gate.bias, dtype=np.int64)
            for e in in_edges[g]:
                total += self.sign(e) * vals[e.src]
            net_in[g] = total
            vals[g] = np.sign(total).astype(np.int64)
        reset_sig: dict[str, IntArray] = {}
        classes: dict[str, IntArray] = {}
        for g, gate in self.gates.items():
            s = np.zeros(n, dtype=np.int64)
            for e in out_edges[g]:
                s += self.sign(e) * vals[e.dst]
            reset_sig[g] = s
            if gate.kind is GateKind.OUTPUT:
                classes[g] = np.full(n, ResetClass.EXTERNAL, dtype=np.int64)
                continue
            prod = s * vals[g]
            c = np.where(prod > 0, ResetClass.SUPPORTED,
                         np.where(prod < 0, ResetClass.OPPOSED, ResetClass.THERMALISING))
            c = np.where(vals[g] == 0, ResetClass.UNDETERMINED, c)
            classes[g] = c.astype(np.int64)
        return Evaluation(vals, net_in, reset_sig, classes, self.outputs)


def parse_kind(kind: str) -> GateKind:
    check_choice("gate kind", kind, [k.value for k in GateKind])
    return GateKind(kind)
