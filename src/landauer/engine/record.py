"""What an ensemble run keeps (:class:`Record`) and when a trajectory ends early (:class:`Stop`).

These replace the boolean flags of the v1 ``run()`` (``first_passage``, ``stop_at_passage``,
``snapshot_times``). Every state space (Euclidean, sphere) and backend takes the same two objects.

Examples
--------
>>> Record(snapshots=(0.0, 1.0), passage=True).snapshot_array().tolist()
[0.0, 1.0]
>>> Stop(at_passage=True).needs_passage
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from landauer.validation import ParameterError


@dataclass(frozen=True)
class Record:
    """What to keep from each trajectory, beyond its work, heat and energy change.

    Parameters
    ----------
    snapshots : tuple of float
        Times (in the model's time unit) at which to record the state; rounded to the nearest step.
    passage : bool
        Record ``t_passage``, the first time the logical state differs from the initial one (NaN if never).
    final : bool
        Keep the final state (``x_final``, and ``p_final`` underdamped). Default True.
    """

    snapshots: tuple[float, ...] = ()
    passage: bool = False
    final: bool = True

    def __post_init__(self) -> None:
        t = np.asarray(self.snapshots, dtype=float).ravel()
        if not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ParameterError("snapshot times must be finite and >= 0")
        object.__setattr__(self, "snapshots", tuple(float(v) for v in t))

    def snapshot_array(self) -> NDArray[np.float64]:
        return np.asarray(self.snapshots, dtype=float)


@dataclass(frozen=True)
class Stop:
    """When a trajectory ends before the protocol does.

    Parameters
    ----------
    at_passage : bool
        End each trajectory at its first change of logical state (first-passage and dwell-time runs);
        its ``W``, ``Q`` and ``dE`` then cover only that part.
    """

    at_passage: bool = False

    @property
    def needs_passage(self) -> bool:
        return self.at_passage
