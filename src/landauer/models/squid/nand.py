"""NAND from control erasures (specs/squid_ce.md section 8) and the analysis of thermal runs.

Sequence (authors' code): (1) CE(1,0,0) 10->00; (2) CE(2,0,1) 00->01; (3) CE(2,1,0) 11->10;
(4) CE(1,1,1) 01->11; (5) CE(1,0,0) 10->00. Steps 1-3 form the partial NAND ({00,01,10} -> 01,
11 -> 10: ``b2 = NAND(A, B)``, ``b1 = AND(A, B)``); steps 1-5 the complete NAND ({00,01,10} -> 11,
11 -> 00: ``b1 = b2 = NAND(A, B)``), with ``(A, B) = (b1, b2)``.

Landauer cost: starting and ending in the symmetric rest landscape, ``<W> >= kT [H(p) - H(p_out)]``
(R. Landauer, IBM J. Res. Dev. 5, 183 (1961); M. Esposito, C. Van den Broeck, EPL 95, 40004 (2011));
uniform inputs: 1.189 bits = 0.824 kT for either NAND.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.bounds import logical_map_cost
from landauer.models.squid.potential import STATE_LABELS, label
from landauer.models.squid.protocols import CE
from landauer.stats import EnsembleSummary, clopper_pearson
from landauer.validation import ParameterError, check_probability

NAND_STEPS = (CE(1, 0, 0), CE(2, 0, 1), CE(2, 1, 0), CE(1, 1, 1), CE(1, 0, 0))


def nand_sequence(*, complete: bool) -> tuple[CE, ...]:
    return NAND_STEPS if complete else NAND_STEPS[:3]


def ideal_map(ces: Sequence[CE]) -> dict[str, str]:
    """The logical map of a CE sequence composed from the CE definitions."""
    out = {}
    for s in range(4):
        t = s
        for ce in ces:
            t = ce.apply(t)
        out[label(s)] = label(t)
    return out


def ideal_trace(ces: Sequence[CE]) -> dict[str, list[str]]:
    out = {}
    for s in range(4):
        seq, t = [label(s)], s
        for ce in ces:
            t = ce.apply(t)
            seq.append(label(t))
        out[label(s)] = seq
    return out


def nand_ok(inp: str, out: str, *, complete: bool) -> bool:
    """Whether ``out`` carries NAND(A, B) of ``inp = "AB"``: ``b2`` (partial) or both bits (complete)."""
    y = 0 if inp == "11" else 1
    return (int(out[0]) == y and int(out[1]) == y) if complete else int(out[1]) == y


def as_distribution(p: ArrayLike | Mapping[str, float] | None) -> NDArray[np.float64]:
    """Input distribution over ``00, 01, 10, 11`` (uniform by default)."""
    if p is None:
        return np.full(4, 0.25)
    if isinstance(p, Mapping):
        unknown = set(p) - set(STATE_LABELS)
        if unknown:
            raise ParameterError(f"unknown input label(s) {sorted(unknown)}; use 00, 01, 10, 11")
        arr = np.array([float(p.get(k, 0.0)) for k in STATE_LABELS])
    else:
        arr = np.asarray(p, dtype=float)
    if arr.shape != (4,):
        raise ParameterError("the input distribution needs 4 probabilities (00, 01, 10, 11)")
    check_probability("input probability", arr)
    if not np.isclose(arr.sum(), 1.0, atol=1e-9):
        raise ParameterError(f"input probabilities must sum to 1, got {arr.sum():.6g}")
    return arr


def landauer_cost(ces: Sequence[CE], p: ArrayLike | Mapping[str, float] | None = None) -> float:
    """``H(p) - H(p_out)`` in kT for the ideal map of ``ces`` on input distribution ``p``."""
    m = ideal_map(ces)
    return logical_map_cost(np.array([STATE_LABELS.index(m[k]) for k in STATE_LABELS]), as_distribution(p))


@dataclass(frozen=True)
class SequenceSummary:
    """Statistics of a thermal run of a CE sequence (energies in kT)."""

    inputs: tuple[str, ...]
    confusion: NDArray[np.int64]  # [input index, final state]
    success: dict[str, float]  # exact ideal map
    success_ci: dict[str, tuple[float, float]]
    nand_success: dict[str, float]  # output bit(s) = NAND(A, B) (for NAND sequences)
    mean_work: dict[str, float]
    work_stderr: dict[str, float]
    mean_heat: dict[str, float]
    mean_work_step: dict[str, list[float]]
    errors: dict[str, dict[str, int]]
    found_map: dict[str, str]  # the most frequent output of each input
    ensembles: dict[str, EnsembleSummary]  # per input, target = the ideal output

    def average(self, p: ArrayLike | Mapping[str, float] | None = None) -> tuple[float, float]:
        """``<W>_p`` and its standard error for input distribution ``p`` over the simulated inputs."""
        pp = as_distribution(p)
        m = s2 = 0.0
        for k, lab in enumerate(STATE_LABELS):
            if pp[k] == 0:
                continue
            if lab not in self.mean_work:
                raise ParameterError(f"input {lab} was not simulated")
            m += pp[k] * self.mean_work[lab]
            s2 += (pp[k] * self.work_stderr[lab]) ** 2
        del k
        return m, float(np.sqrt(s2))

    def as_dict(self) -> dict[str, Any]:
        return {
            "inputs": list(self.inputs), "found_map": self.found_map,
            "confusion": {i: {label(s): int(self.confusion[k, s]) for s in range(4)}
                          for k, i in enumerate(self.inputs)},
            "success": self.success, "success_ci95": {k: list(v) for k, v in self.success_ci.items()},
            "nand_success": self.nand_success, "mean_work_kT": self.mean_work,
            "work_stderr_kT": self.work_stderr,
            "mean_heat_kT": self.mean_heat, "mean_work_step_kT": self.mean_work_step, "errors": self.errors,
        }


def summarize(ds: xr.Dataset, ces: Sequence[CE], *, nand: str | None = None) -> SequenceSummary:
    """Success, confusion matrix, work per input/step and error types of :func:`thermal.run_sequence` output.

    Error types at the first step where a trajectory leaves the ideal trace: 'leak' (it should have stayed
    and moved), 'incomplete slide' (should have moved, stayed), 'wrong target' (moved elsewhere).
    ``nand`` = "partial" or "complete" adds ``nand_success``.
    """
    inputs = tuple(ds.attrs["inputs"].split(","))
    trace = ideal_trace(ces)
    which = ds["input"].values
    st = ds["state"].values
    W = ds["W"].values
    Wst = ds["W_step"].values
    Q = ds["Q"].values
    conf = np.zeros((len(inputs), 4), dtype=np.int64)
    keys = ("success", "ci", "nand", "mw", "se", "mq", "mws", "err", "map", "ens")
    out: dict[str, Any] = {k: {} for k in keys}
    for k, lab in enumerate(inputs):
        sel = which == k
        n = int(sel.sum())
        s = st[sel]
        conf[k] = np.bincount(s[:, -1], minlength=4)
        ideal = np.array([STATE_LABELS.index(v) for v in trace[lab]])
        ok = np.all(s == ideal[None, :], axis=1)
        ens = EnsembleSummary.from_arrays(work_kT=W[sel], heat_kT=Q[sel], state_initial=s[:, 0],
                                          state_final=s[:, -1], target=int(ideal[-1]),
                                          state_names=STATE_LABELS) if n > 1 else None
        good = int(np.sum(s[:, -1] == ideal[-1]))
        out["success"][lab] = good / n
        out["ci"][lab] = clopper_pearson(good, n)
        if nand is not None:
            out["nand"][lab] = float(np.mean([nand_ok(lab, label(v), complete=nand == "complete")
                                              for v in s[:, -1]]))
        out["mw"][lab] = float(W[sel].mean())
        out["se"][lab] = ens.mean_work_se if ens is not None else float("nan")
        out["mq"][lab] = float(Q[sel].mean())
        if ens is not None:
            out["ens"][lab] = ens
        out["mws"][lab] = [float(v) for v in Wst[sel].mean(axis=0)]
        out["map"][lab] = label(int(np.argmax(conf[k])))
        errs = {"leak": 0, "incomplete slide": 0, "wrong target": 0}
        for row in s[~ok]:
            j = int(np.argmax(row != ideal))
            prev, got, want = row[j - 1], row[j], ideal[j]
            should_move = ideal[j] != ideal[j - 1]
            if not should_move:
                errs["leak"] += 1
            elif got == prev:
                errs["incomplete slide"] += 1
            else:
                errs["wrong target"] += 1
            del want
        out["err"][lab] = errs
    return SequenceSummary(inputs, conf, out["success"], out["ci"], out["nand"], out["mw"], out["se"],
                           out["mq"], out["mws"], out["err"], out["map"], out["ens"])
