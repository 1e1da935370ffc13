"""Generated, disk-cached time-outer lane kernels for the unit-sphere state space (stochastic Heun).

For each model (its ``energy``, ``gradient`` and ``classify``) this module writes a small Python module
into the kernel cache directory and imports it; its functions are ``@njit(cache=True)``, so a new
process with a warm cache loads machine code instead of recompiling. The file name is a hash of
everything the machine code depends on: this generator, :mod:`landauer.engine.rng`, the source of the
model functions' modules and the numbers of controls and parameters.

Layout (issue 10): trajectories are processed in blocks of ``LANES`` as struct-of-arrays lanes; the
time loop is outside and the lane loop inside, so independent trajectories fill the pipeline and LLVM
vectorises the Heun arithmetic. The Gaussian draws are a separate scalar lane loop (the ziggurat's
rare slow path is a call). Each trajectory ``j`` draws from stream ``(seed, j)`` in the same order as a
scalar loop would, so results do not depend on the thread count, the block a trajectory lands in, or
how the run is cut into calls. Element-wise model functions are inlined into the lane loop
(:mod:`landauer.engine.sphere_inline`); others are called through per-lane scratch arrays.

Equations: see :mod:`landauer.engine.sphere`.
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

import numpy as np
from numba import njit

from landauer.engine import rng as _rng
from landauer.engine.codecache import cache_root, import_line, source_of
from landauer.engine.rng import ZIG_K, ZIG_W, _normal_slow
from landauer.engine.sphere_inline import Inlined, inline

LANES = 128
FASTMATH = '{"contract", "arcp", "nsz"}'
_LOADED: dict[str, ModuleType] = {}
#: per-process memo keyed by the model functions themselves (skips hashing sources and the inlining analysis)
_BY_FUNCTIONS: dict[tuple[Any, ...], ModuleType] = {}


def cache_dir() -> Path:
    """Where generated kernels live: ``$LANDAUER_CACHE_DIR`` or ``~/.cache/landauer``, subfolder ``sphere``."""
    return cache_root() / "sphere"


@njit(inline="always")
def controls_at(t, seg, times, vals, smooth, out):  # noqa: ANN001, ANN201
    """Write the controls at time ``t`` into ``out``; ``seg`` is advanced (``times`` non-decreasing)."""
    nseg = times.shape[0] - 1
    while seg < nseg - 1 and t > times[seg + 1]:
        seg += 1
    span = times[seg + 1] - times[seg]
    if span > 0.0:
        u = (t - times[seg]) / span
        if u > 1.0:
            u = 1.0
        elif u < 0.0:
            u = 0.0
    else:
        u = 1.0
    if smooth[seg]:
        u = u * u * (3.0 - 2.0 * u)
    for j in range(out.shape[0]):
        out[j] = vals[seg, j] + u * (vals[seg + 1, j] - vals[seg, j])
    return seg


_U17 = np.uint64(17)
_U23 = np.uint64(23)
_U32 = np.uint64(32)
_U41 = np.uint64(41)
_U45 = np.uint64(45)
_U19 = np.uint64(19)
_LO32 = np.uint64(0xFFFFFFFF)
_M23 = np.int64(0x7FFFFF)


@njit(inline="always")
def lane_normal_pairs(S0, S1, S2, S3, RR, RA, RB, ZA, ZB):  # noqa: ANN001, ANN201
    """One :func:`landauer.engine.rng.next_normal_pair` per lane, into ``ZA``/``ZB``, bitwise the same.

    Vectorisable form: all lanes' xoshiro256++ outputs first, then the ziggurat fast-path decode, then a
    scalar fix-up of the rare rejected candidates in stream order (each lane's slow path draws from its
    own state right after its own pair, as the scalar generator does).
    """
    n = S0.shape[0]
    for l in range(n):  # noqa: E741
        s0 = S0[l]
        s1 = S1[l]
        s2 = S2[l]
        s3 = S3[l]
        q = s0 + s3
        RR[l] = ((q << _U23) | (q >> _U41)) + s0
        t = s1 << _U17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        S0[l] = s0
        S1[l] = s1
        S2[l] = s2
        S3[l] = (s3 << _U45) | (s3 >> _U19)
    nrej = 0
    for l in range(n):  # noqa: E741
        r = RR[l]
        h = np.int64(r & _LO32)
        ia = h & 255
        ja = (h >> 9) & _M23
        xa = ja * ZIG_W[ia]
        ZA[l] = -xa if (h >> 8) & 1 else xa
        g = np.int64(r >> _U32)
        ib = g & 255
        jb = (g >> 9) & _M23
        xb = jb * ZIG_W[ib]
        ZB[l] = -xb if (g >> 8) & 1 else xb
        ra = ja >= ZIG_K[ia]
        rb = jb >= ZIG_K[ib]
        RA[l] = ia if ra else -1
        RB[l] = ib if rb else -1
        nrej += ra + rb
    if nrej:
        for l in range(n):  # noqa: E741
            if RA[l] >= 0 or RB[l] >= 0:
                s0 = S0[l]
                s1 = S1[l]
                s2 = S2[l]
                s3 = S3[l]
                if RA[l] >= 0:
                    ZA[l], s0, s1, s2, s3 = _normal_slow(RA[l], ZA[l], s0, s1, s2, s3)
                if RB[l] >= 0:
                    ZB[l], s0, s1, s2, s3 = _normal_slow(RB[l], ZB[l], s0, s1, s2, s3)
                S0[l] = s0
                S1[l] = s1
                S2[l] = s2
                S3[l] = s3


class _Gen:
    """Emits the lane kernel source for one model."""

    def __init__(self, energy: Any, gradient: Any, classify: Any, nc: int, npar: int, allow_inline: bool):
        self.fns = {"energy": energy, "gradient": gradient, "classify": classify}
        self.nc, self.npar = nc, npar
        sizes = {
            "energy": {0: 3, 1: nc, 2: npar},
            "gradient": {0: 3, 1: nc, 2: npar, 3: 3},
            "classify": {0: 3, 1: npar},
        }
        self.inl: dict[str, Inlined | None] = {
            k: (inline(f, k, sizes[k]) if allow_inline else None) for k, f in self.fns.items()
        }
        self.globals: dict[str, tuple[str, str]] = {}  # generated name -> (module, attribute)
        self.count = 0

    @property
    def mode(self) -> str:
        return "+".join(f"{k}:{'inline' if v is not None else 'call'}" for k, v in self.inl.items())

    def _gname(self, fn: Any, name: str) -> str:
        py = getattr(fn, "py_func", fn)
        g = f"_G_{py.__name__}_{name}"
        self.globals[g] = (py.__module__, name)
        return g

    def _call(self, kind: str, xs: tuple[str, str, str], out: tuple[str, ...]) -> list[str]:
        inl = self.inl[kind]
        fn = self.fns[kind]
        if inl is None:
            lines = [f"xs[0] = {xs[0]}", f"xs[1] = {xs[1]}", f"xs[2] = {xs[2]}"]
            if kind == "energy":
                return [*lines, f"{out[0]} = _energy(xs, CN, p)"]
            if kind == "classify":
                return [*lines, f"{out[0]} = _classify(xs, p)"]
            return [*lines, "_gradient(xs, CN, p, gs)", *(f"{o} = gs[{i}]" for i, o in enumerate(out))]
        self.count += 1
        tag = f"{kind[0]}{self.count}"
        scal: dict[str, list[str]] = {inl.params[0]: list(xs)}
        if kind == "classify":
            scal[inl.params[1]] = [f"_p{i}" for i in range(self.npar)]
        else:
            scal[inl.params[1]] = [f"_c{i}" for i in range(self.nc)]
            scal[inl.params[2]] = [f"_p{i}" for i in range(self.npar)]
        return inl.render(tag, scal, out, lambda name: self._gname(fn, name))

    # ------------------------------------------------------------------------------------------
    def step_loop(self, stt: bool, changed: bool) -> list[str]:
        """One Heun step for every lane of the block (module docstring of landauer.engine.sphere)."""
        b: list[str] = ["for l in range(LANES):", "    mx = MX[l]", "    my = MY[l]", "    mz = MZ[l]"]
        body: list[str] = []
        if changed:
            body += self._call("energy", ("mx", "my", "mz"), ("en",))
            body += ["dw = en - AE[l]"]
        else:
            body += ["en = AE[l]", "dw = 0.0"]
        body += ["tx = amp * Z0[l]", "ty = amp * Z1[l]", "tz = amp * Z2[l]"]
        body += self._call("gradient", ("mx", "my", "mz"), ("g0", "g1", "g2"))
        body += ["hx = tx - g0 * inv_mom", "hy = ty - g1 * inv_mom", "hz = tz - g2 * inv_mom"]
        if stt:
            body += _stt_field("mx", "my", "mz", "a")
            body += ["hx += sax", "hy += say", "hz += saz"]
        body += _rhs("mx", "my", "mz", "hx", "hy", "hz", "f")
        body += ["px = mx + fx * dt", "py = my + fy * dt", "pz = mz + fz * dt"]
        body += self._call("gradient", ("px", "py", "pz"), ("k0", "k1", "k2"))
        body += ["hx = tx - k0 * inv_mom", "hy = ty - k1 * inv_mom", "hz = tz - k2 * inv_mom"]
        if stt:
            body += _stt_field("px", "py", "pz", "b")
            body += ["hx += sbx", "hy += sby", "hz += sbz"]
        body += _rhs("px", "py", "pz", "hx", "hy", "hz", "q")
        if stt:
            body += _rhs("mx", "my", "mz", "sax", "say", "saz", "u")
            body += _rhs("px", "py", "pz", "sbx", "sby", "sbz", "v")
            body += ["ws = 0.25 * dt * ((g0 + k0) * (ux + vx) + (g1 + k1) * (uy + vy) + (g2 + k2) * (uz + vz))"]
        else:
            body += ["ws = 0.0"]
        body += [
            "nx = mx + 0.5 * (fx + qx) * dt",
            "ny = my + 0.5 * (fy + qy) * dt",
            "nz = mz + 0.5 * (fz + qz) * dt",
            "inv = 1.0 / math.sqrt(nx * nx + ny * ny + nz * nz)",
            "nx = nx * inv",
            "ny = ny * inv",
            "nz = nz * inv",
        ]
        body += self._call("energy", ("nx", "ny", "nz"), ("e1",))
        body += [
            "bad = not (abs(nx) < 2.0 and abs(ny) < 2.0 and abs(nz) < 2.0)",
            "ER[l] = k + 1 if (bad and ER[l] < 0) else ER[l]",
            "live = LV[l] != 0",
            "MX[l] = nx if live else mx",
            "MY[l] = ny if live else my",
            "MZ[l] = nz if live else mz",
            "AW[l] = AW[l] + dw if live else AW[l]",
            "AQ[l] = AQ[l] + (en - e1 + ws) if live else AQ[l]",
            "AS[l] = AS[l] + ws if live else AS[l]",
            "AE[l] = e1 if live else AE[l]",
        ]
        return b + ["    " + s for s in body]

    def passage_loop(self) -> list[str]:
        body = self._call("classify", ("MX[l]", "MY[l]", "MZ[l]"), ("cl",))
        body += [
            "hit = cl != ST[l] and FPl[l] < 0 and LV[l] != 0",
            "FPl[l] = k + 1 if hit else FPl[l]",
            "LV[l] = 0 if (hit and stop) else LV[l]",
        ]
        return ["for l in range(LANES):"] + ["    " + s for s in body]

    def init_body(self) -> list[str]:
        out = self._call("energy", ("M[i, 0]", "M[i, 1]", "M[i, 2]"), ("e0",))
        out += self._call("classify", ("M[i, 0]", "M[i, 1]", "M[i, 2]"), ("cl",))
        return out

    def source(self, key: str) -> str:
        steps = []
        for stt in (False, True):
            for changed in (False, True):
                steps.append(f"if use_stt == {stt} and changed == {changed}:")
                steps += ["    " + s for s in self.step_loop(stt, changed)]
        passage = self.passage_loop()
        init = self.init_body()
        final = self._call("classify", ("MX[l]", "MY[l]", "MZ[l]"), ("cf",))
        imports = [
            import_line(self.fns["energy"], "_energy"),
            import_line(self.fns["gradient"], "_gradient"),
            import_line(self.fns["classify"], "_classify"),
        ]
        gl = [f"{g} = importlib.import_module({m!r}).{a}" for g, (m, a) in sorted(self.globals.items())]
        phoist = [f"_p{i} = p[{i}]" for i in range(self.npar)]
        choist = [f"_c{i} = CN[{i}]" for i in range(self.nc)]
        return _TEMPLATE.format(
            key=key,
            mode=self.mode,
            lanes=LANES,
            fastmath=FASTMATH,
            imports="\n".join(imports),
            globals="\n".join(gl),
            phoist=_indent(phoist, 4),
            phoist_init=_indent(phoist, 4),
            choist_init=_indent(choist, 4),
            choist=_indent(choist, 12),
            steps=_indent(steps, 12),
            passage=_indent(passage, 16),
            init=_indent(init, 8),
            final=_indent(final, 12),
        )


def _indent(lines: list[str], n: int) -> str:
    pad = " " * n
    return "\n".join(pad + s for s in lines) if lines else pad + "pass"


def _rhs(mx: str, my: str, mz: str, hx: str, hy: str, hz: str, o: str) -> list[str]:
    """``o = -(1+alpha^2)^-1 [m x h + alpha m x (m x h)]``."""
    return [
        f"c{o}x = {my} * {hz} - {mz} * {hy}",
        f"c{o}y = {mz} * {hx} - {mx} * {hz}",
        f"c{o}z = {mx} * {hy} - {my} * {hx}",
        f"{o}x = -ac * (c{o}x + alpha * ({my} * c{o}z - {mz} * c{o}y))",
        f"{o}y = -ac * (c{o}y + alpha * ({mz} * c{o}x - {mx} * c{o}z))",
        f"{o}z = -ac * (c{o}z + alpha * ({mx} * c{o}y - {my} * c{o}x))",
    ]


def _stt_field(mx: str, my: str, mz: str, o: str) -> list[str]:
    """Slonczewski field ``a_J (m x e) + b_J e``, ``a_J = a0 / (1 + P^2 m.e)``."""
    return [
        f"aj{o} = a0 / (1.0 + pp2 * ({mx} * ex + {my} * ey + {mz} * ez))",
        f"s{o}x = aj{o} * ({my} * ez - {mz} * ey) + bj * ex",
        f"s{o}y = aj{o} * ({mz} * ex - {mx} * ez) + bj * ey",
        f"s{o}z = aj{o} * ({mx} * ey - {my} * ex) + bj * ez",
    ]


_TEMPLATE = '''"""Generated by landauer.engine.sphere_kernel (do not edit). key {key}; {mode}"""
import importlib
import math

import numpy as np
from numba import njit, prange

from landauer.engine.rng import stream_state
from landauer.engine.sphere_kernel import controls_at, lane_normal_pairs
{imports}
{globals}

LANES = {lanes}


@njit(parallel=True, cache=True)
def init(offset, c0, p, key, M, S, ZB, W, Q, WS, EC, E0, STI, FP, ERR):
    n = M.shape[0]
    CN = c0
{phoist_init}
{choist_init}
    for i in prange(n):
        s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
        S[i, 0] = s0
        S[i, 1] = s1
        S[i, 2] = s2
        S[i, 3] = s3
        xs = np.empty(3)
{init}
        EC[i] = e0
        E0[i] = e0
        STI[i] = cl
        ZB[i] = 0.0
        W[i] = 0.0
        Q[i] = 0.0
        WS[i] = 0.0
        FP[i] = -1
        ERR[i] = -1


@njit(parallel=True, fastmath={fastmath}, cache=True)
def advance(offset, k_lo, k_hi, times, vals, smooth, dt, alpha, inv_mom, amp, stt, p, key,
            snap_steps, track, stop, M, S, ZB, W, Q, WS, EC, STI, FP, ERR, STF, SNAPS):
    n = M.shape[0]
    nb = (n + LANES - 1) // LANES
    nc = vals.shape[1]
    ac = 1.0 / (1.0 + alpha * alpha)
    a0 = stt[0]
    bj = stt[1]
    pp2 = stt[2]
    ex = stt[3]
    ey = stt[4]
    ez = stt[5]
    use_stt = stt[6] != 0.0
    nsnap = snap_steps.shape[0]
{phoist}
    for b in prange(nb):
        lo = b * LANES
        cnt = min(LANES, n - lo)
        MX = np.empty(LANES)
        MY = np.empty(LANES)
        MZ = np.empty(LANES)
        S0 = np.empty(LANES, dtype=np.uint64)
        S1 = np.empty(LANES, dtype=np.uint64)
        S2 = np.empty(LANES, dtype=np.uint64)
        S3 = np.empty(LANES, dtype=np.uint64)
        Z0 = np.empty(LANES)
        Z1 = np.empty(LANES)
        Z2 = np.empty(LANES)
        Z3 = np.empty(LANES)
        RR = np.empty(LANES, dtype=np.uint64)
        RA = np.empty(LANES, dtype=np.int64)
        RB = np.empty(LANES, dtype=np.int64)
        AW = np.empty(LANES)
        AQ = np.empty(LANES)
        AS = np.empty(LANES)
        AE = np.empty(LANES)
        ST = np.empty(LANES, dtype=np.int64)
        FPl = np.empty(LANES, dtype=np.int64)
        ER = np.empty(LANES, dtype=np.int64)
        LV = np.empty(LANES, dtype=np.int64)
        CN = np.empty(nc)
        CO = np.empty(nc)
        xs = np.empty(3)
        gs = np.empty(3)
        for l in range(LANES):
            if l < cnt:
                i = lo + l
                MX[l] = M[i, 0]
                MY[l] = M[i, 1]
                MZ[l] = M[i, 2]
                S0[l] = S[i, 0]
                S1[l] = S[i, 1]
                S2[l] = S[i, 2]
                S3[l] = S[i, 3]
                Z3[l] = ZB[i]
                AW[l] = W[i]
                AQ[l] = Q[i]
                AS[l] = WS[i]
                AE[l] = EC[i]
                ST[l] = STI[i]
                FPl[l] = FP[i]
                ER[l] = ERR[i]
                LV[l] = 0 if (stop and FP[i] >= 0) else 1
            else:
                MX[l] = 0.0
                MY[l] = 0.0
                MZ[l] = 1.0
                S0[l] = np.uint64(1)
                S1[l] = np.uint64(2)
                S2[l] = np.uint64(3)
                S3[l] = np.uint64(4)
                Z3[l] = 0.0
                AW[l] = 0.0
                AQ[l] = 0.0
                AS[l] = 0.0
                AE[l] = 0.0
                ST[l] = 0
                FPl[l] = -1
                ER[l] = -1
                LV[l] = 0
        seg = controls_at(k_lo * dt, 0, times, vals, smooth, CO)
        si = 0
        while si < nsnap and snap_steps[si] <= k_lo:
            si += 1
        for k in range(k_lo, k_hi):
            seg = controls_at((k + 1) * dt, seg, times, vals, smooth, CN)
            changed = False
            for j in range(nc):
                if CN[j] != CO[j]:
                    changed = True
                CO[j] = CN[j]
{choist}
            if k & 1:
                for l in range(LANES):
                    Z0[l] = Z3[l]
                lane_normal_pairs(S0, S1, S2, S3, RR, RA, RB, Z1, Z2)
            else:
                lane_normal_pairs(S0, S1, S2, S3, RR, RA, RB, Z0, Z1)
                lane_normal_pairs(S0, S1, S2, S3, RR, RA, RB, Z2, Z3)
{steps}
            while si < nsnap and snap_steps[si] == k + 1:
                for l in range(cnt):
                    if LV[l] != 0:
                        SNAPS[lo + l, si, 0] = MX[l]
                        SNAPS[lo + l, si, 1] = MY[l]
                        SNAPS[lo + l, si, 2] = MZ[l]
                si += 1
            if track:
{passage}
                if stop:
                    alive = 0
                    for l in range(cnt):
                        alive += LV[l]
                    if alive == 0:
                        break
        for l in range(cnt):
            i = lo + l
            M[i, 0] = MX[l]
            M[i, 1] = MY[l]
            M[i, 2] = MZ[l]
            S[i, 0] = S0[l]
            S[i, 1] = S1[l]
            S[i, 2] = S2[l]
            S[i, 3] = S3[l]
            ZB[i] = Z3[l]
            W[i] = AW[l]
            Q[i] = AQ[l]
            WS[i] = AS[l]
            EC[i] = AE[l]
            FP[i] = FPl[l]
            ERR[i] = ER[l]
{final}
            STF[i] = cf
'''


def _write(d: Path, name: str, src: str) -> Path:
    """Write ``src`` to ``d/name.py`` atomically unless it is already there (keeps Numba's cache valid)."""
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{name}.py"
    if not path.exists() or path.read_text() != src:
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            f.write(src)
        os.replace(tmp, path)
    return path


def kernel_module(energy: Any, gradient: Any, classify: Any, nc: int, npar: int, *, allow_inline: bool = True) -> ModuleType:
    """The generated module (functions ``init`` and ``advance``) for these model functions."""
    memo = (energy, gradient, classify, nc, npar, allow_inline)  # strong references: ids cannot be reused
    if memo in _BY_FUNCTIONS:
        return _BY_FUNCTIONS[memo]
    h = hashlib.sha256()
    for part in (
        Path(__file__).read_text(),
        inspect.getsource(_rng),
        Path(inspect.getfile(inline)).read_text(),
        *(source_of(f) for f in (energy, gradient, classify)),
        *(import_line(f, "") for f in (energy, gradient, classify)),
        str((nc, npar, allow_inline)),
    ):
        h.update(part.encode())
        h.update(b"\0")
    key = h.hexdigest()[:20]
    name = f"landauer_sphere_{key}"
    if name in _LOADED:
        _BY_FUNCTIONS[memo] = _LOADED[name]
        return _LOADED[name]
    gen = _Gen(energy, gradient, classify, nc, npar, allow_inline)  # the inlining analysis: ~20 ms
    src = gen.source(key)
    try:
        path = _write(cache_dir(), name, src)
    except OSError:  # unwritable cache directory: a per-user temporary one (still reused across processes)
        path = _write(Path(tempfile.gettempdir()) / f"landauer-{os.getuid()}" / "sphere", name, src)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    mod.MODE = gen.mode  # type: ignore[attr-defined]
    _LOADED[name] = mod
    _BY_FUNCTIONS[memo] = mod
    return mod
