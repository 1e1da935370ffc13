"""Optimised cost against the protocol duration: one optimisation per ``tau`` (for figures and summaries).

Rows are the JSON-ready dictionaries of :meth:`OptimisationResult.as_dict`, so a reproduction's summary can
report ``work_kT`` +- ``work_se_kT`` beside ``baseline_work_kT`` and ``bound_kT`` at each ``tau``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from landauer.optimise.objective import Problem
from landauer.optimise.optimiser import optimise
from landauer.stats import spawn_seeds


def tau_sweep(build: Callable[..., Problem], taus: Sequence[float], *, n: int, seed: int, eval_n: int,
              build_kw: dict[str, Any] | None = None, **optimise_kw: Any) -> list[dict[str, Any]]:
    """``[optimise(build(tau=tau, **build_kw), ...).as_dict() for tau in taus]`` with independent seeds per
    tau spawned from ``seed`` (:func:`landauer.stats.spawn_seeds`): search seed ``spawn_seeds(seed, .)[2 i]``,
    evaluation seed ``spawn_seeds(seed, .)[2 i + 1]``."""
    seeds = spawn_seeds(seed, 2 * len(taus))
    rows = []
    for i, tau in enumerate(taus):
        problem = build(tau=float(tau), **(build_kw or {}))
        res = optimise(problem, n=n, seed=seeds[2 * i], eval_seed=seeds[2 * i + 1], eval_n=eval_n, **optimise_kw)
        rows.append(res.as_dict())
    return rows
