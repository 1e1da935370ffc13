"""Control protocols: named controls with piecewise-linear (or smoothstep) schedules.

A :class:`Protocol` is a list of knots ``(t_i, lambda_i)`` with a stage name and shape on each
segment. Protocols compose in sequence (:meth:`Protocol.then`), reverse in time
(:meth:`Protocol.reversed`, for Crooks-type forward/backward pairs) and stretch in time
(:meth:`Protocol.stretched`). The engine evaluates them inside its kernels from the knots
(:meth:`Protocol.knot_arrays`, :func:`landauer.engine.kernels.control_at`) at the step times
``t_k = k dt``, with the same arithmetic as :meth:`Protocol.values_at` (no per-step table, so memory does
not grow with the number of steps); the controller switches ``lambda_k -> lambda_{k+1}`` at the start of
step ``k`` and the work ``U(x_k; lambda_{k+1}) - U(x_k; lambda_k)`` is charged then.

Examples
--------
>>> p = (Protocol.start(barrier=1.0, tilt=0.0)
...      .ramp(1.0, barrier=0.0, name="lower")
...      .ramp(1.0, tilt=1.0, name="tilt"))
>>> p.duration, p.value(0.5)["barrier"]
(2.0, 0.5)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import ParameterError, check_finite, check_positive

Shape = Literal["linear", "smooth"]
SHAPES = ("linear", "smooth")


@dataclass(frozen=True)
class Protocol:
    """Piecewise schedule of named controls.

    Attributes
    ----------
    controls : tuple of str
        Control names, in the order the model's ``lambda`` vector expects.
    times : tuple of float
        Knot times (s or dimensionless, consistently with the model), starting at 0, non-decreasing.
    values : tuple of tuple of float
        Control values at each knot.
    names : tuple of str
        Stage name of each segment (``len(times) - 1`` entries).
    shapes : tuple of {"linear", "smooth"}
        Interpolation on each segment; "smooth" is the C1 smoothstep ``3u^2 - 2u^3``.
    """

    controls: tuple[str, ...]
    times: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    names: tuple[str, ...] = ()
    shapes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(set(self.controls)) != len(self.controls) or not self.controls:
            raise ParameterError("protocol controls must be non-empty and unique")
        if len(self.times) != len(self.values) or not self.times:
            raise ParameterError("protocol needs one value vector per knot time")
        check_finite("protocol times", self.times)
        check_finite("protocol values", self.values)
        if self.times[0] != 0.0 or np.any(np.diff(self.times) < 0):
            raise ParameterError("protocol times must start at 0 and be non-decreasing")
        if any(len(v) != len(self.controls) for v in self.values):
            raise ParameterError("every protocol knot needs a value for every control")
        nseg = len(self.times) - 1
        if self.names and len(self.names) != nseg:
            raise ParameterError("one stage name per segment")
        if self.shapes and len(self.shapes) != nseg:
            raise ParameterError("one shape per segment")
        for s in self.shapes:
            if s not in SHAPES:
                raise ParameterError(f"unknown segment shape {s!r}; choose linear or smooth")

    # --- construction ----------------------------------------------------------------------
    @classmethod
    def start(cls, **initial: float) -> Protocol:
        """A protocol of zero duration holding the given initial control values."""
        vals = tuple(float(v) for v in initial.values())
        return cls(controls=tuple(initial), times=(0.0,), values=(vals,))

    def ramp(self, duration: float, *, name: str = "", shape: str = "linear", **targets: float) -> Protocol:
        """Append a stage that moves the named controls linearly (or smoothly) to ``targets``."""
        return self.ramp_to(duration, targets, name=name, shape=shape)

    def ramp_to(
        self, duration: float, targets: Mapping[str, float], *, name: str = "", shape: str = "linear"
    ) -> Protocol:
        """Like :meth:`ramp` with the targets as a mapping (for control names held in variables)."""
        check_positive(f"duration of stage {name or len(self.times)}", duration, allow_zero=True)
        unknown = set(targets) - set(self.controls)
        if unknown:
            raise ParameterError(f"unknown control(s) {sorted(unknown)}; protocol has {list(self.controls)}")
        last = dict(zip(self.controls, self.values[-1], strict=True))
        last.update({k: float(v) for k, v in targets.items()})
        return Protocol(
            controls=self.controls,
            times=(*self.times, self.times[-1] + float(duration)),
            values=(*self.values, tuple(last[c] for c in self.controls)),
            names=(*self._names(), name),
            shapes=(*self._shapes(), shape),
        )

    def hold(self, duration: float, *, name: str = "hold") -> Protocol:
        """Append a stage that keeps every control constant."""
        return self.ramp(duration, name=name)

    def _names(self) -> tuple[str, ...]:
        return self.names or ("",) * (len(self.times) - 1)

    def _shapes(self) -> tuple[str, ...]:
        return self.shapes or ("linear",) * (len(self.times) - 1)

    # --- algebra -------------------------------------------------------------------------------
    @property
    def duration(self) -> float:
        return self.times[-1]

    @property
    def initial(self) -> dict[str, float]:
        return dict(zip(self.controls, self.values[0], strict=True))

    @property
    def final(self) -> dict[str, float]:
        return dict(zip(self.controls, self.values[-1], strict=True))

    def then(self, other: Protocol) -> Protocol:
        """This protocol followed by ``other`` (same controls; ``other`` must start where this ends)."""
        if other.controls != self.controls:
            raise ParameterError(f"cannot compose protocols over {self.controls} and {other.controls}")
        if not np.allclose(other.values[0], self.values[-1], rtol=0, atol=1e-12):
            raise ParameterError("the second protocol must start at the first one's final control values")
        t0 = self.duration
        return Protocol(
            controls=self.controls,
            times=(*self.times, *(t0 + t for t in other.times[1:])),
            values=(*self.values, *other.values[1:]),
            names=(*self._names(), *other._names()),
            shapes=(*self._shapes(), *other._shapes()),
        )

    def reversed(self) -> Protocol:
        """The time-reversed protocol ``lambda~(t) = lambda(tau - t)``."""
        T = self.duration
        return Protocol(
            controls=self.controls,
            times=tuple(T - t for t in reversed(self.times)),
            values=tuple(reversed(self.values)),
            names=tuple(reversed(self._names())),
            shapes=tuple(reversed(self._shapes())),
        )

    def stretched(self, factor: float) -> Protocol:
        """The same protocol run ``factor`` times slower (all durations multiplied)."""
        check_positive("stretch factor", factor)
        return Protocol(
            controls=self.controls,
            times=tuple(factor * t for t in self.times),
            values=self.values,
            names=self.names,
            shapes=self.shapes,
        )

    # --- evaluation -----------------------------------------------------------------------------
    def values_at(self, t: ArrayLike) -> NDArray[np.float64]:
        """Control values at times ``t`` as an array of shape ``(len(t), n_controls)``."""
        tt = np.clip(np.asarray(t, dtype=np.float64), 0.0, self.duration)
        times = np.asarray(self.times)
        vals = np.asarray(self.values, dtype=float)
        out = np.empty((tt.size, len(self.controls)))
        if times.size == 1:
            out[:] = vals[0]
            return out
        seg = np.clip(np.searchsorted(times, tt, side="right") - 1, 0, times.size - 2)
        # zero-length segments (instant switches): take the later knot
        span = times[seg + 1] - times[seg]
        u = np.where(span > 0, (tt - times[seg]) / np.where(span > 0, span, 1.0), 1.0)
        smooth = np.array([s == "smooth" for s in self._shapes()])[seg]
        u = np.where(smooth, u * u * (3.0 - 2.0 * u), u)
        out[:] = vals[seg] + u[:, None] * (vals[seg + 1] - vals[seg])
        return out

    def value(self, t: float) -> dict[str, float]:
        """Control values at one time, as a dict."""
        return dict(zip(self.controls, self.values_at([t])[0].tolist(), strict=True))

    def n_steps(self, dt: float) -> int:
        """Number of steps of size ``dt`` covering the protocol (duration rounded to whole steps)."""
        check_positive("dt", dt)
        n = int(round(self.duration / dt))
        if n < 1:
            raise ParameterError(f"dt = {dt:g} is longer than the protocol duration {self.duration:g}")
        return n

    def table(self, dt: float) -> NDArray[np.float64]:
        """``lambda[k]`` at ``t_k = k dt`` for ``k = 0..n_steps``; shape ``(n_steps + 1, n_controls)``."""
        n = self.n_steps(dt)
        return self.values_at(np.arange(n + 1) * (self.duration / n))

    def knot_arrays(self) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
        """``(times (K,), values (K, n_controls), smooth (K-1,))`` for in-kernel evaluation."""
        times = np.ascontiguousarray(self.times, dtype=np.float64)
        vals = np.ascontiguousarray(np.asarray(self.values, dtype=np.float64).reshape(len(self.times), -1))
        smooth = np.array([s == "smooth" for s in self._shapes()], dtype=np.int64)
        return times, vals, smooth

    def probe_values(self, per_segment: int = 8) -> NDArray[np.float64]:
        """The knots and ``per_segment`` evenly spaced points inside each segment (curvature checks)."""
        t = np.asarray(self.times, dtype=float)
        inner = [t[i] + (t[i + 1] - t[i]) * (np.arange(1, per_segment + 1) / (per_segment + 1))
                 for i in range(t.size - 1)]
        return self.values_at(np.sort(np.concatenate([t, *inner])))

    def stage_bounds(self) -> list[tuple[str, float, float]]:
        """``(name, t_start, t_end)`` of each segment."""
        return [(nm, self.times[i], self.times[i + 1]) for i, nm in enumerate(self._names())]

    def with_controls(self, order: Sequence[str], defaults: Mapping[str, float]) -> Protocol:
        """Reorder to ``order``, filling controls this protocol lacks with constant ``defaults``."""
        missing = [c for c in order if c not in self.controls and c not in defaults]
        if missing:
            raise ParameterError(f"protocol lacks control(s) {missing} and no default was given")
        extra = set(self.controls) - set(order)
        if extra:
            raise ParameterError(f"unknown control(s) {sorted(extra)}; the model has {list(order)}")
        idx = {c: i for i, c in enumerate(self.controls)}
        vals = tuple(
            tuple(v[idx[c]] if c in idx else float(defaults[c]) for c in order) for v in self.values
        )
        return Protocol(tuple(order), self.times, vals, self.names, self.shapes)
