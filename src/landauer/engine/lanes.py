"""Generated, disk-cached, time-outer lane kernels for the Euclidean state space (all four integrators).

For each (model functions, integrator, ndim, n_controls, n_params) this module writes a small Python
module into the kernel cache directory (``$LANDAUER_CACHE_DIR``, ``$LANDAUER_CACHE`` or
``~/.cache/landauer``, subfolder ``kernels``) and imports it. Its functions are ``@njit(cache=True)``, so a
new process with a warm cache loads machine code instead of recompiling. Numba does not invalidate a
cache when a callee changes, so the file name is a hash of everything the machine code depends on: this
generator, :mod:`landauer.engine.rng`, :mod:`landauer.engine.kernels` (``control_at``), the source of the
model functions' modules, their import paths, the sizes and the Numba version. Model functions must be
module-level (a generated module registered in ``sys.modules`` is fine).

Layout (issue 10): trajectories are processed in blocks of ``LANES`` as struct-of-arrays lanes, the time
loop outside and the lane loop inside, so independent trajectories fill the pipeline and LLVM vectorises
the arithmetic. Element-wise model functions are inlined as scalar code
(:mod:`landauer.engine.sphere_inline`); others are called through per-lane scratch arrays. The Gaussian
draws are a lane loop of their own: xoshiro256++ and the ziggurat's fast path for every lane, then a
scalar fix-up that replays the rare rejections (about 1 %) through the slow path in stream order. Every
trajectory ``j`` therefore consumes stream ``(seed, j)`` exactly as the scalar v1 kernel did, and its
arithmetic is the same, so results are bitwise identical to v1 (trajectories; see
``tests/validation/test_engine_v1_golden.py``) and do not depend on the thread count, the block a
trajectory lands in or how the run is cut into time segments. The protocol is evaluated once per
block-step from its knots (:func:`landauer.engine.kernels.control_at`). Lanes are masked, not removed,
when a trajectory stops at its passage or fails.

Kernels: ``init`` (per trajectory: stream, initial momenta, energy, state), ``advance(k_lo, k_hi)``
(blocks of lanes over a time segment; all state lives in arrays between calls, so a run is cut into
segments for progress and Ctrl-C) and ``finish`` (final energy with the controls in force, final state).
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import numba

from landauer.engine import kernels as _kernels
from landauer.engine import rng as _rng
from landauer.engine.codecache import cache_root, import_line, source_of
from landauer.engine.sphere_inline import Inlined, inline

LANES = 64
_LOADED: dict[str, ModuleType] = {}
_SELF_SOURCE = Path(__file__).read_text()  # the generator as imported (hashed into every kernel's key)
KINDS = ("overdamped", "baoab", "underdamped-euler")


def cache_dir() -> Path:
    """``$LANDAUER_CACHE_DIR`` (or ``$LANDAUER_CACHE``, or ``~/.cache/landauer``) / ``kernels``."""
    return cache_root() / "kernels"


class _Gen:
    """Emits the lane kernels' source for one model and integrator kind.

    Lane state lives in three flat buffers per block (``F`` float64, ``I`` int64, ``U`` uint64 stream
    states) indexed with literal offsets ``row * LANES + l``: with one base pointer per type LLVM can prove
    the rows disjoint and vectorises the lane loops (separate arrays per quantity defeat its alias checks).
    """

    def __init__(self, fns: dict[str, Any], kind: str, ndim: int, nc: int, npar: int, allow_inline: bool):
        self.fns, self.kind, self.D, self.nc, self.npar = fns, kind, ndim, nc, npar
        D = ndim
        self.rows = {"X": 0, "P": D, "G": 2 * D, "ZP": 3 * D, "Z": 4 * D, "ZBUF": 5 * D, "AW": 5 * D + 1,
                     "AQ": 5 * D + 2}
        self.nf = 5 * D + 3
        self.irows = {"RC": 0, "ST": 1, "FP": 2, "ER": 3, "LV": 4}
        sizes = {"energy": {0: ndim, 1: nc, 2: npar}, "gradient": {0: ndim, 1: nc, 2: npar, 3: ndim},
                 "classify": {0: ndim, 1: npar}}
        self.inl: dict[str, Inlined | None] = {
            k: (inline(f, k, sizes[k]) if allow_inline else None) for k, f in fns.items()}
        self.globals: dict[str, tuple[str, str]] = {}
        self.count = 0

    def f(self, name: str, d: int = 0) -> str:
        """The flat-buffer element of lane ``l`` for row ``name`` (+ coordinate ``d``)."""
        return f"F[{(self.rows[name] + d) * LANES} + l]"

    def i(self, name: str) -> str:
        return f"I[{self.irows[name] * LANES} + l]"

    def fix(self, lines: list[str]) -> list[str]:
        """Rewrite the ``X[d, l]``-style references of the step bodies to flat-buffer elements."""
        out = []
        for ln in lines:
            for nm in ("ZP", "Z", "X", "P", "G"):  # ZP before P and Z
                for d in range(self.D - 1, -1, -1):
                    ln = ln.replace(f"{nm}[{d}, l]", self.f(nm, d))
            for nm in ("AW", "AQ"):
                ln = ln.replace(f"{nm}[l]", self.f(nm))
            ln = ln.replace("FPl[l]", self.i("FP"))
            for nm in ("ST", "ER", "LV"):
                ln = ln.replace(f"{nm}[l]", self.i(nm))
            out.append(ln)
        return out

    @property
    def mode(self) -> str:
        return "+".join(f"{k}:{'inline' if v is not None else 'call'}" for k, v in self.inl.items())

    def _gname(self, fn: Any, name: str) -> str:
        py = getattr(fn, "py_func", fn)
        g = f"_G_{py.__name__}_{name}"
        self.globals[g] = (py.__module__, name)
        return g

    def call(self, kind: str, xs: list[str], out: list[str], cvec: str = "c") -> list[str]:
        """Lines computing ``kind`` at scalar coordinates ``xs`` with controls ``_{cvec}{i}``."""
        inl = self.inl[kind]
        fn = self.fns[kind]
        carr = {"c": "CN", "o": "CO"}[cvec]
        if inl is None:
            lines = [f"xs[{d}] = {x}" for d, x in enumerate(xs)]
            if kind == "energy":
                return [*lines, f"{out[0]} = _energy(xs, {carr}, p)"]
            if kind == "classify":
                return [*lines, f"{out[0]} = _classify(xs, p)"]
            return [*lines, "_gradient(xs, CN, p, gs)", *(f"{o} = gs[{i}]" for i, o in enumerate(out))]
        self.count += 1
        tag = f"{kind[0]}{self.count}"
        scal: dict[str, list[str]] = {inl.params[0]: list(xs)}
        if kind == "classify":
            scal[inl.params[1]] = [f"_p{i}" for i in range(self.npar)]
        else:
            scal[inl.params[1]] = [f"_{cvec}{i}" for i in range(self.nc)]
            scal[inl.params[2]] = [f"_p{i}" for i in range(self.npar)]
        return inl.render(tag, scal, out, lambda name: self._gname(fn, name))

    # --- step bodies (one lane; x{d}, p{d} scalars loaded from the lane arrays) -------------------
    def _load(self, mom: bool) -> list[str]:
        out = [f"x{d} = X[{d}, l]" for d in range(self.D)]
        if mom:
            out += [f"p{d} = P[{d}, l]" for d in range(self.D)]
        return out

    def _work(self, changed: bool) -> list[str]:
        if not changed:
            return ["dw = 0.0"]
        xs = [f"x{d}" for d in range(self.D)]
        return [*self.call("energy", xs, ["en"], "c"), *self.call("energy", xs, ["eo"], "o"), "dw = en - eo"]

    def overdamped(self, changed: bool, lm: bool) -> list[str]:
        D = self.D
        body = self._load(False) + self._work(changed)
        body += self.call("gradient", [f"x{d}" for d in range(D)], [f"g{d}" for d in range(D)])
        for d in range(D):
            if lm:
                body += [f"z{d} = Z[{d}, l]", f"n{d} = x{d} + (-drift{d} * g{d} + amp{d} * (z{d} + ZP[{d}, l]))",
                         f"ZP[{d}, l] = z{d}"]
            else:
                body += [f"n{d} = x{d} + (-drift{d} * g{d} + amp{d} * Z[{d}, l])"]
        body += ["ok = " + " & ".join(f"(abs(n{d}) < BIG)" for d in range(D)), "live = LV[l] != 0"]
        body += [f"X[{d}, l] = n{d} if live else x{d}" for d in range(D)]
        body += ["AW[l] = AW[l] + dw if live else AW[l]",
                 "ER[l] = k + 1 if (live & (not ok)) else ER[l]",
                 "LV[l] = 0 if not ok else LV[l]"]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def baoab_a(self, changed: bool) -> list[str]:
        """B, A, O, A of BAOAB (the closing B follows the passage check)."""
        D = self.D
        body = self._load(True) + self._work(changed)
        if changed:
            body += self.call("gradient", [f"x{d}" for d in range(D)], [f"g{d}" for d in range(D)])
        else:
            body += [f"g{d} = G[{d}, l]" for d in range(D)]
        for d in range(D):
            body += [f"p{d} = p{d} - half * g{d}", f"x{d} = x{d} + half * p{d} / m{d}"]
        body += ["q = AQ[l]"]
        for d in range(D):
            body += [f"pn = oc1_{d} * p{d} + oc2_{d} * Z[{d}, l]", f"q = q + 0.5 * (p{d} * p{d} - pn * pn) / m{d}",
                     f"p{d} = pn"]
        for d in range(D):
            body += [f"x{d} = x{d} + half * p{d} / m{d}"]
        body += ["ok = " + " & ".join(f"(abs(x{d}) < BIG)" for d in range(D)), "live = LV[l] != 0"]
        body += [f"X[{d}, l] = x{d} if live else X[{d}, l]" for d in range(D)]
        body += [f"P[{d}, l] = p{d} if live else P[{d}, l]" for d in range(D)]
        if changed:
            body += [f"G[{d}, l] = g{d}" for d in range(D)]
        body += ["AW[l] = AW[l] + dw if live else AW[l]", "AQ[l] = q if live else AQ[l]",
                 "ER[l] = k + 1 if (live & (not ok)) else ER[l]", "LV[l] = 0 if not ok else LV[l]"]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def baoab_b(self) -> list[str]:
        D = self.D
        body = [f"x{d} = X[{d}, l]" for d in range(D)]
        body += self.call("gradient", [f"x{d}" for d in range(D)], [f"g{d}" for d in range(D)])
        body += ["live = LV[l] != 0"]
        for d in range(D):
            body += [f"G[{d}, l] = g{d}", f"P[{d}, l] = P[{d}, l] - half * g{d} if live else P[{d}, l]"]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def underdamped_euler(self, changed: bool) -> list[str]:
        D = self.D
        body = self._load(True) + self._work(changed)
        body += self.call("gradient", [f"x{d}" for d in range(D)], [f"g{d}" for d in range(D)])
        for d in range(D):
            body += [f"nx{d} = x{d} + p{d} / m{d} * dt",
                     f"np{d} = p{d} + (-g{d} - fr{d} / m{d} * p{d}) * dt + amp{d} * Z[{d}, l]"]
        body += ["ok = " + " & ".join(f"(abs(nx{d}) < BIG) & (abs(np{d}) < BIG)" for d in range(D)),
                 "live = LV[l] != 0"]
        body += [f"X[{d}, l] = nx{d} if live else x{d}" for d in range(D)]
        body += [f"P[{d}, l] = np{d} if live else p{d}" for d in range(D)]
        body += ["AW[l] = AW[l] + dw if live else AW[l]",
                 "ER[l] = k + 1 if (live & (not ok)) else ER[l]", "LV[l] = 0 if not ok else LV[l]"]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def passage(self) -> list[str]:
        body = self.call("classify", [f"X[{d}, l]" for d in range(self.D)], ["cl"])
        body += ["hit = (cl != ST[l]) & (FPl[l] < 0) & (LV[l] != 0)",
                 "FPl[l] = k + 1 if hit else FPl[l]",
                 "LV[l] = 0 if (hit & stop) else LV[l]"]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def draws(self) -> list[str]:
        """The step's normals for every lane: parity of the stream position decides draw or buffer."""
        L = LANES
        zb = self.f("ZBUF")
        rc = self.i("RC")
        out: list[str] = ["mcount = base + k * D"]
        for d in range(self.D):
            z = self.f("Z", d)
            out += [f"if (mcount + {d}) % 2 == 1:", "    for l in range(LANES):", f"        {z} = {zb}", "else:"]
            out += _ind([
                "for l in range(LANES):",
                f"    r, s0, s1, s2, s3 = next_u64(U[l], U[{L} + l], U[{2 * L} + l], U[{3 * L} + l])",
                "    U[l] = s0",
                f"    U[{L} + l] = s1",
                f"    U[{2 * L} + l] = s2",
                f"    U[{3 * L} + l] = s3",
                "    idx1, j1, z1 = _candidate(np.int64(r & LO32))",
                "    idx2, j2, z2 = _candidate(np.int64(r >> U32))",
                f"    {z} = z1",
                f"    {zb} = z2",
                f"    {rc} = idx1 | (np.int64(j1 >= ZIG_K[idx1]) << 8) | (idx2 << 9) | (np.int64(j2 >= ZIG_K[idx2]) << 17)",
                "for l in range(LANES):",
                f"    code = {rc}",
                "    if code & 0x20100:",
                f"        s0, s1, s2, s3 = U[l], U[{L} + l], U[{2 * L} + l], U[{3 * L} + l]",
                "        if code & 0x100:",
                f"            zz, s0, s1, s2, s3 = _normal_slow(code & 255, {z}, s0, s1, s2, s3)",
                f"            {z} = zz",
                "        if code & 0x20000:",
                f"            zz, s0, s1, s2, s3 = _normal_slow((code >> 9) & 255, {zb}, s0, s1, s2, s3)",
                f"            {zb} = zz",
                f"        U[l], U[{L} + l], U[{2 * L} + l], U[{3 * L} + l] = s0, s1, s2, s3",
            ], 4)
        return out

    def steps(self) -> list[str]:
        return self.fix(self._steps())

    def _steps(self) -> list[str]:
        out: list[str] = []
        for changed in (True, False):
            out.append(f"if changed == {changed}:")
            if self.kind == "overdamped":
                out += ["    if lm:"] + _ind(self.overdamped(changed, True), 8)
                out += ["    else:"] + _ind(self.overdamped(changed, False), 8)
            elif self.kind == "baoab":
                out += _ind(self.baoab_a(changed), 4)
            else:
                out += _ind(self.underdamped_euler(changed), 4)
        if self.kind == "baoab":
            out += ["if track:"] + _ind(self.passage(), 4)
            out += self.baoab_b()
        else:
            out += ["if track:"] + _ind(self.passage(), 4)
        return out

    def source(self, key: str) -> str:
        D = self.D
        imports = [import_line(self.fns["energy"], "_energy"), import_line(self.fns["gradient"], "_gradient"),
                   import_line(self.fns["classify"], "_classify")]
        steps = self.steps()
        gl = [f"{g} = importlib.import_module({m!r}).{a}" for g, (m, a) in sorted(self.globals.items())]
        hoist = [f"_p{i} = p[{i}]" for i in range(self.npar)]
        coef = []
        for d in range(D):
            if self.kind == "overdamped":
                coef += [f"drift{d} = drift[{d}]", f"amp{d} = amp[{d}]"]
            elif self.kind == "baoab":
                coef += [f"m{d} = mass[{d}]", f"oc1_{d} = oc1[{d}]", f"oc2_{d} = oc2[{d}]"]
            else:
                coef += [f"m{d} = mass[{d}]", f"fr{d} = fric[{d}]", f"amp{d} = uamp[{d}]"]
        chist = [f"_c{i} = CN[{i}]" for i in range(self.nc)] + [f"_o{i} = CO[{i}]" for i in range(self.nc)]
        r, ir_ = self.rows, self.irows
        return _TEMPLATE.format(
            key=key, mode=self.mode, lanes=LANES, D=D, imports="\n".join(imports), globals="\n".join(gl),
            hoist=_indent(hoist + coef, 4), chist=_indent(chist, 12), steps=_indent(steps, 12),
            draws=_indent(self.draws(), 12), mom="True" if self.kind != "overdamped" else "False",
            NF=self.nf, NI=len(ir_), rX=r["X"], rP=r["P"], rG=r["G"], rZP=r["ZP"], rZB=r["ZBUF"], rAW=r["AW"],
            rAQ=r["AQ"], iST=ir_["ST"], iFP=ir_["FP"], iER=ir_["ER"], iLV=ir_["LV"],
        )


def _ind(lines: list[str], n: int) -> list[str]:
    return [" " * n + s for s in lines]


def _indent(lines: list[str], n: int) -> str:
    pad = " " * n
    return "\n".join(pad + s for s in lines) if lines else pad + "pass"


_TEMPLATE = '''"""Generated by landauer.engine.lanes (do not edit). key {key}; {mode}"""
import importlib
import math

import numpy as np
from numba import njit, prange

from landauer.engine.kernels import control_at, k_end
from landauer.engine.rng import _candidate, _normal_slow, next_normal_pair, next_u64, stream_state, ZIG_K
{imports}
{globals}

LANES = {lanes}
D = {D}
MOM = {mom}
BIG = 1e150
LO32 = np.uint64(0xFFFFFFFF)
U32 = np.uint64(32)


@njit(inline="always")
def _normal(have, zb, s0, s1, s2, s3):
    if have:
        return zb, False, zb, s0, s1, s2, s3
    z, zb, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
    return z, True, zb, s0, s1, s2, s3


@njit(parallel=True, fastmath={{"contract"}}, cache=True)
def init(offset, X0, P0, draw_p, lm, c0, p, mass, kT, key, snap_steps, S, ZB, X, P, ZP, G, E0, ST, FP, ERR, SNAPS,
         PSNAPS):
    """Per trajectory: stream, Maxwell momenta (if drawn) or LM's first noise, energy, state, gradient."""
    n = X0.shape[0]
    nsnap = snap_steps.shape[0]
    for i in prange(n):
        s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
        x = X0[i].copy()
        pm = P0[i].copy()
        zb = 0.0
        have = False
        if MOM and draw_p:
            for d in range(D):
                z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                pm[d] = np.sqrt(mass[d] * kT) * z
        if (not MOM) and lm:
            for d in range(D):
                z, have, zb, s0, s1, s2, s3 = _normal(have, zb, s0, s1, s2, s3)
                ZP[i, d] = z
        ST[i] = _classify(x, p)
        ke = 0.0
        if MOM:
            for d in range(D):
                ke += 0.5 * pm[d] * pm[d] / mass[d]
        E0[i] = ke + _energy(x, c0, p)
        g = np.empty(D)
        _gradient(x, c0, p, g)
        for d in range(D):
            X[i, d] = x[d]
            P[i, d] = pm[d]
            G[i, d] = g[d]
        S[i, 0] = s0
        S[i, 1] = s1
        S[i, 2] = s2
        S[i, 3] = s3
        ZB[i] = zb
        FP[i] = -1
        ERR[i] = -1
        si = 0
        while si < nsnap and snap_steps[si] == 0:
            SNAPS[i, si, :] = x
            if MOM:
                PSNAPS[i, si, :] = pm
            si += 1


@njit(parallel=True, fastmath={{"contract"}}, cache=True)
def advance(k_lo, k_hi, base, times, vals, smooth, dt, duration, p, mob, mass, fric, kT, lm,
            snap_steps, track, stop, S, ZB, X0, P0, ZP0, G0, W, Q, ST0, FP, ERR, SNAPS, PSNAPS):
    """Advance every trajectory from step ``k_lo`` to ``k_hi`` (blocks of LANES, time loop outside)."""
    n = X0.shape[0]
    nb = (n + LANES - 1) // LANES
    nc = vals.shape[1]
    nsnap = snap_steps.shape[0]
    half = 0.5 * dt
    drift = mob * dt
    amp = np.sqrt(2.0 * mob * kT * dt)
    if lm:
        amp = amp * 0.5
    oc1 = np.exp(-fric / mass * dt)
    oc2 = np.sqrt((1.0 - oc1 * oc1) * mass * kT)
    uamp = np.sqrt(2.0 * fric * kT * dt)
{hoist}
    for b in prange(nb):
        lo = b * LANES
        cnt = min(LANES, n - lo)
        F = np.zeros({NF} * LANES)
        I = np.zeros({NI} * LANES, dtype=np.int64)
        U = np.empty(4 * LANES, dtype=np.uint64)
        CN = np.empty(nc)
        CO = np.empty(nc)
        xs = np.empty(D)
        gs = np.empty(D)
        for l in range(LANES):
            I[{iFP} * LANES + l] = -1
            I[{iER} * LANES + l] = -1
            if l < cnt:
                i = lo + l
                for d in range(D):
                    F[({rX} + d) * LANES + l] = X0[i, d]
                    F[({rP} + d) * LANES + l] = P0[i, d]
                    F[({rG} + d) * LANES + l] = G0[i, d]
                    F[({rZP} + d) * LANES + l] = ZP0[i, d]
                for j in range(4):
                    U[j * LANES + l] = S[i, j]
                F[{rZB} * LANES + l] = ZB[i]
                F[{rAW} * LANES + l] = W[i]
                F[{rAQ} * LANES + l] = Q[i]
                I[{iST} * LANES + l] = ST0[i]
                I[{iFP} * LANES + l] = FP[i]
                I[{iER} * LANES + l] = ERR[i]
                I[{iLV} * LANES + l] = 0 if ((stop and FP[i] >= 0) or ERR[i] >= 0) else 1
            else:
                for j in range(4):
                    U[j * LANES + l] = np.uint64(j + 1)
        seg = control_at(k_lo, dt, duration, times, vals, smooth, 0, CO)
        si = 0
        while si < nsnap and snap_steps[si] <= k_lo:
            si += 1
        for k in range(k_lo, k_hi):
            seg = control_at(k + 1, dt, duration, times, vals, smooth, seg, CN)
            changed = False
            for j in range(nc):
                if CN[j] != CO[j]:
                    changed = True
{chist}
{draws}
{steps}
            for j in range(nc):
                CO[j] = CN[j]
            while si < nsnap and snap_steps[si] == k + 1:
                for l in range(cnt):
                    if I[{iLV} * LANES + l] != 0:
                        for d in range(D):
                            SNAPS[lo + l, si, d] = F[({rX} + d) * LANES + l]
                            if MOM:
                                PSNAPS[lo + l, si, d] = F[({rP} + d) * LANES + l]
                si += 1
            if stop:
                alive = 0
                for l in range(cnt):
                    alive += I[{iLV} * LANES + l]
                if alive == 0:
                    break
        for l in range(cnt):
            i = lo + l
            for d in range(D):
                X0[i, d] = F[({rX} + d) * LANES + l]
                P0[i, d] = F[({rP} + d) * LANES + l]
                G0[i, d] = F[({rG} + d) * LANES + l]
                ZP0[i, d] = F[({rZP} + d) * LANES + l]
            for j in range(4):
                S[i, j] = U[j * LANES + l]
            ZB[i] = F[{rZB} * LANES + l]
            W[i] = F[{rAW} * LANES + l]
            Q[i] = F[{rAQ} * LANES + l]
            FP[i] = I[{iFP} * LANES + l]
            ERR[i] = I[{iER} * LANES + l]


@njit(parallel=True, fastmath={{"contract"}}, cache=True)
def finish(times, vals, smooth, nsteps, dt, duration, p, mass, stop, X, P, E0, FP, dE, STF):
    """``dE`` with the controls in force at the end (the passage step if stopped) and the final state."""
    n = X.shape[0]
    nc = vals.shape[1]
    for i in prange(n):
        c = np.empty(nc)
        control_at(k_end(FP[i], stop, nsteps), dt, duration, times, vals, smooth, 0, c)
        x = X[i].copy()
        ke = 0.0
        if MOM:
            for d in range(D):
                ke += 0.5 * P[i, d] * P[i, d] / mass[d]
        dE[i] = ke + _energy(x, c, p) - E0[i]
        STF[i] = _classify(x, p)
'''


def _hash_key(fns: dict[str, Any], kind: str, ndim: int, nc: int, npar: int, allow_inline: bool) -> str:
    h = hashlib.sha256()
    for part in (
        _SELF_SOURCE,
        inspect.getsource(_rng),
        inspect.getsource(_kernels),
        Path(inspect.getfile(inline)).read_text(),
        *(source_of(f) for f in fns.values()),
        *(import_line(f, "") for f in fns.values()),
        str((kind, ndim, nc, npar, allow_inline, LANES, numba.__version__)),
    ):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def _importable(fn: Any) -> bool:
    py = getattr(fn, "py_func", fn)
    mod = sys.modules.get(py.__module__)
    if mod is None or getattr(mod, py.__qualname__, None) is not fn:
        return False
    try:
        inspect.getsource(py)
    except (OSError, TypeError):
        return False
    return True


def kernel_module(energy: Any, gradient: Any, classify: Any, *, kind: str, ndim: int, nc: int, npar: int,
                  allow_inline: bool = True) -> ModuleType:
    """The generated module (``init``, ``advance``, ``finish``) for these model functions and integrator.

    Functions that cannot be imported by name (defined in ``exec``'d code or a notebook cell without a
    module) get the same kernels compiled in memory for this process only (not cached on disk).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kernel kind {kind!r}")
    fns = {"energy": energy, "gradient": gradient, "classify": classify}
    if not all(_importable(f) for f in fns.values()):
        return _memory_module(fns, kind, ndim, nc, npar)
    key = _hash_key(fns, kind, ndim, nc, npar, allow_inline)
    name = f"landauer_lanes_{key}"
    if name in _LOADED:
        return _LOADED[name]
    gen = _Gen(fns, kind, ndim, nc, npar, allow_inline)
    src = gen.source(key)
    d = cache_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{name}.py"
    if not path.exists() or path.read_text() != src:
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            f.write(src)
        os.replace(tmp, path)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    mod.MODE = gen.mode  # type: ignore[attr-defined]
    _LOADED[name] = mod
    return mod



_MEMORY: dict[tuple[Any, ...], ModuleType] = {}


def _memory_module(fns: dict[str, Any], kind: str, ndim: int, nc: int, npar: int) -> ModuleType:
    """Kernels for non-importable model functions: same source, compiled in memory, functions injected."""
    key = (*(id(f) for f in fns.values()), kind, ndim, nc, npar)
    if key in _MEMORY:
        return _MEMORY[key]
    gen = _Gen(fns, kind, ndim, nc, npar, allow_inline=False)
    src = gen.source("in-memory")
    src = "\n".join(ln for ln in src.splitlines() if not ln.endswith(("as _energy", "as _gradient", "as _classify")))
    src = src.replace("cache=True", "cache=False")
    mod = ModuleType(f"landauer_lanes_memory_{len(_MEMORY)}")
    mod.__dict__.update(_energy=fns["energy"], _gradient=fns["gradient"], _classify=fns["classify"])
    exec(compile(src, mod.__name__, "exec"), mod.__dict__)  # noqa: S102 (generated by this module)
    mod.MODE = "in-memory"  # type: ignore[attr-defined]
    _MEMORY[key] = mod
    return mod
