"""Per-trajectory random streams for compiled kernels: xoshiro256++ with a 256-layer ziggurat.

Every trajectory ``j`` of an ensemble gets its own generator whose 256-bit state is derived from a
key (from :class:`numpy.random.SeedSequence` of the user's seed) and ``j`` by SplitMix64 hashing, so a
trajectory's noise depends only on ``(seed, j)``: results do not depend on the number of threads or on
how trajectories are scheduled. The generator state is four ``uint64`` scalars threaded through pure
functions (``(value, s0, s1, s2, s3) = f(s0, s1, s2, s3)``) so that, once inlined, it lives in registers.

References
----------
- D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47, 36 (2021)
  (xoshiro256++, SplitMix64 seeding).
- G. Marsaglia, W. W. Tsang, "The ziggurat method for generating random variables", J. Stat. Softw. 5
  (2000); 256 layers, two 32-bit draws (8-bit layer, sign, 23-bit position) per 64-bit output.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

_U1 = np.uint64(1)
_U11 = np.uint64(11)
_U17 = np.uint64(17)
_U23 = np.uint64(23)
_U27 = np.uint64(27)
_U30 = np.uint64(30)
_U31 = np.uint64(31)
_U45 = np.uint64(45)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TWO_M53 = 2.0**-53


def _ziggurat_tables(bits: int) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """Marsaglia-Tsang tables for 256 layers with ``bits``-bit integers: (k, w, f)."""
    m1 = 2.0**bits
    dn = ZIG_R
    tn = dn
    vn = 0.00492867323399
    k = np.zeros(256, dtype=np.float64)
    w = np.zeros(256, dtype=np.float64)
    f = np.zeros(256, dtype=np.float64)
    q = vn / math.exp(-0.5 * dn * dn)
    k[0] = (dn / q) * m1
    w[0] = q / m1
    w[255] = dn / m1
    f[0] = 1.0
    f[255] = math.exp(-0.5 * dn * dn)
    for i in range(254, 0, -1):
        dn = math.sqrt(-2.0 * math.log(vn / dn + math.exp(-0.5 * dn * dn)))
        k[i + 1] = (dn / tn) * m1
        tn = dn
        f[i] = math.exp(-0.5 * dn * dn)
        w[i] = dn / m1
    return np.floor(k).astype(np.int64), w, f


ZIG_R = 3.6541528853610088
ZIG_INV_R = 1.0 / ZIG_R
# Each 64-bit output feeds two normals: 8 bits layer, 1 bit sign, 23 bits position (per 32-bit half).
ZIG_K, ZIG_W, ZIG_F = _ziggurat_tables(23)
_M23 = np.int64(0x7FFFFF)
_LO32 = np.uint64(0xFFFFFFFF)
_U32 = np.uint64(32)


def seed_key(seed: int) -> NDArray[np.uint64]:
    """A 2-word key for :func:`stream_state` derived from ``seed`` via ``SeedSequence``."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.asarray(np.random.SeedSequence(int(seed)).generate_state(2, dtype=np.uint64), dtype=np.uint64)


@njit(inline="always")
def _splitmix(z: np.uint64) -> tuple[np.uint64, np.uint64]:
    z = z + _GOLDEN
    r = z
    r = (r ^ (r >> _U30)) * _MIX1
    r = (r ^ (r >> _U27)) * _MIX2
    return r ^ (r >> _U31), z


@njit(inline="always")
def stream_state(
    k0: np.uint64, k1: np.uint64, j: np.int64
) -> tuple[np.uint64, np.uint64, np.uint64, np.uint64]:
    """Initial xoshiro256++ state of trajectory ``j`` for key ``(k0, k1)``."""
    h, _ = _splitmix(k1 ^ (np.uint64(j) * _GOLDEN))
    z = k0 ^ h
    s0, z = _splitmix(z)
    s1, z = _splitmix(z)
    s2, z = _splitmix(z)
    s3, z = _splitmix(z)
    return s0, s1, s2, s3


@njit(inline="always")
def _rotl(x: np.uint64, k: np.uint64) -> np.uint64:
    return (x << k) | (x >> (np.uint64(64) - k))


@njit(inline="always")
def next_u64(
    s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[np.uint64, np.uint64, np.uint64, np.uint64, np.uint64]:
    """One xoshiro256++ output and the advanced state."""
    result = _rotl(s0 + s3, _U23) + s0
    t = s1 << _U17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = _rotl(s3, _U45)
    return result, s0, s1, s2, s3


@njit(inline="always")
def next_uniform(
    s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[float, np.uint64, np.uint64, np.uint64, np.uint64]:
    """Uniform double in [0, 1) (53 bits) and the advanced state."""
    r, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
    return np.int64(r >> _U11) * _TWO_M53, s0, s1, s2, s3


@njit(inline="always")
def _candidate(h: np.int64) -> tuple[np.int64, np.int64, float]:
    """Decode 32 random bits into (layer, position, signed candidate value) of the ziggurat."""
    idx = h & 255
    j = (h >> 9) & _M23
    x = np.float64(np.int32(j)) * ZIG_W[idx]  # j < 2^23: exact; int32 -> float64 vectorises on AVX2
    if (h >> 8) & 1:
        x = -x
    return idx, j, x


@njit
def _normal_slow(
    idx: np.int64, x: float, s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[float, np.uint64, np.uint64, np.uint64, np.uint64]:
    """Ziggurat slow path: tail (layer 0) or wedge test, redrawing until a value is accepted."""
    while True:
        if idx == 0:
            while True:
                u1, s0, s1, s2, s3 = next_uniform(s0, s1, s2, s3)
                u2, s0, s1, s2, s3 = next_uniform(s0, s1, s2, s3)
                xx = -ZIG_INV_R * math.log1p(-u1)
                yy = -math.log1p(-u2)
                if yy + yy > xx * xx:
                    return (-(ZIG_R + xx) if x < 0 else ZIG_R + xx), s0, s1, s2, s3
        u, s0, s1, s2, s3 = next_uniform(s0, s1, s2, s3)
        if (ZIG_F[idx - 1] - ZIG_F[idx]) * u + ZIG_F[idx] < math.exp(-0.5 * x * x):
            return x, s0, s1, s2, s3
        r, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
        idx, j, x = _candidate(np.int64(r & _LO32))
        if j < ZIG_K[idx]:
            return x, s0, s1, s2, s3


@njit(inline="always")
def _half(
    h: np.int64, s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[float, np.uint64, np.uint64, np.uint64, np.uint64]:
    idx, j, x = _candidate(h)
    if j < ZIG_K[idx]:
        return x, s0, s1, s2, s3
    return _normal_slow(idx, x, s0, s1, s2, s3)


@njit(inline="always")
def next_normal_pair(
    s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[float, float, np.uint64, np.uint64, np.uint64, np.uint64]:
    """Two independent standard normal variates from one 64-bit draw (ziggurat fast path ~99 %)."""
    r, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
    z1, s0, s1, s2, s3 = _half(np.int64(r & _LO32), s0, s1, s2, s3)
    z2, s0, s1, s2, s3 = _half(np.int64(r >> _U32), s0, s1, s2, s3)
    return z1, z2, s0, s1, s2, s3


@njit(cache=True)
def normals(key: NDArray[np.uint64], trajectory: Any, n: int) -> NDArray[np.float64]:
    """The first ``n`` normal variates of one trajectory's stream, in the order kernels use them."""
    s0, s1, s2, s3 = stream_state(key[0], key[1], trajectory)
    out = np.empty(n + 1)
    for i in range((n + 1) // 2):
        out[2 * i], out[2 * i + 1], s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
    return out[:n]
