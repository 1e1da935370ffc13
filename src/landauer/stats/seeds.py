"""Independent seeds for sweeps, from :meth:`numpy.random.SeedSequence.spawn` (never ``seed + k j``).

Point ``j`` of a sweep run with master seed ``s`` uses ``spawn_seeds(s, n)[j]``: the seeds are
statistically independent streams whatever ``n`` (spawned children of one ``SeedSequence`` are keyed
by their index, so ``spawn_seeds(s, n)[:m] == spawn_seeds(s, m)``) and adding points to a sweep does not
change the earlier ones.

Examples
--------
>>> spawn_seeds(1, 3) == spawn_seeds(1, 5)[:3]
True
>>> child_seed(1, 4) == spawn_seeds(1, 5)[4]
True
"""

from __future__ import annotations

import numpy as np

from landauer.validation import ParameterError, check_int


def _root(seed: int) -> np.random.SeedSequence:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.SeedSequence(int(seed))


def _as_int(ss: np.random.SeedSequence) -> int:
    # 63 bits: a non-negative Python int that every consumer (engine, NumPy, JSON) accepts
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def spawn_seeds(seed: int, n: int) -> list[int]:
    """``n`` independent integer seeds spawned from the master ``seed``."""
    k = check_int("n", n, minimum=0)
    return [_as_int(c) for c in _root(seed).spawn(k)]


def child_seed(seed: int, j: int) -> int:
    """The seed of sweep point ``j`` (equal to ``spawn_seeds(seed, n)[j]`` for any ``n > j``)."""
    jj = check_int("j", j, minimum=0)
    root = _root(seed)
    return _as_int(np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, jj)))
