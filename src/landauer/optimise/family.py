"""Protocol families: each control piecewise-linear on K knots in time, with optional jumps at both ends.

A :class:`KnotFamily` maps a parameter vector ``theta`` (every free knot value, scaled to [0, 1] by the
control's bounds so that one optimiser step size fits all controls) to an engine
:class:`~landauer.engine.protocol.Protocol`.

Knots sit at ``t_i = i tau / (K - 1)``, ``i = 0..K-1`` (the "body"). The control starts at ``start``
(the device's value before the protocol) and ends at ``end``; with ``jump_start`` the first body knot is
free, so the control jumps from ``start`` to it at ``t = 0``; likewise ``jump_end`` lets the last body
knot differ from ``end`` with a jump at ``t = tau``. Without jumps those knots are pinned to the end
points. A control marked ``fixed`` takes no parameters (it stays at ``start`` throughout).

Jumps at the engine level: the engine samples a protocol at the step times and charges
``U(x_k; lambda_{k+1}) - U(x_k; lambda_k)`` when switching (specs/core.md section 1), so a jump is a
segment of negligible length ``delta = 1e-9 tau``: the first step switches from ``start`` to the body
and is charged the exact switching work ``U(x_0; lambda_body) - U(x_0; lambda_start)`` (plus the body's
change over one step); the last step switches to ``end``. (A zero-length segment at ``t = 0`` would be
sampled at its later knot and lose the jump's work, which is why it is not used.)

Examples
--------
>>> fam = KnotFamily(tau=4.0, knots=3, controls=(ControlSpec("centre", start=0.0, end=5.0, lower=-1, upper=6),))
>>> fam.n_free
3
>>> p = fam.protocol(fam.theta_from_values(np.array([[1.0], [2.5], [4.0]])))
>>> round(p.value(2.0)["centre"], 6), p.value(4.0)["centre"]
(2.5, 5.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.engine.protocol import Protocol
from landauer.validation import ParameterError, check_finite, check_int, check_positive

JUMP_FRACTION = 1e-9


@dataclass(frozen=True)
class ControlSpec:
    """One control of a family: its end points, bounds and whether it may jump.

    Parameters
    ----------
    name : str
        Control name as the model spells it.
    start, end : float
        Values before ``t = 0`` and after ``t = tau`` (model units).
    lower, upper : float
        Bounds on every free knot value.
    jump_start, jump_end : bool
        Whether the control may jump at ``t = 0`` / ``t = tau`` (free first / last knot).
    fixed : bool
        Hold the control at ``start`` (no parameters; ``end`` must equal ``start``).
    """

    name: str
    start: float
    end: float
    lower: float
    upper: float
    jump_start: bool = True
    jump_end: bool = True
    fixed: bool = False

    def __post_init__(self) -> None:
        check_finite(f"{self.name} bounds", (self.lower, self.upper, self.start, self.end))
        if not self.lower < self.upper:
            raise ParameterError(f"control {self.name}: lower bound {self.lower} must be below upper {self.upper}")
        if self.fixed and self.start != self.end:
            raise ParameterError(f"control {self.name}: a fixed control needs start == end")


@dataclass(frozen=True)
class KnotFamily:
    """Piecewise-linear schedules of several controls on ``knots`` equally spaced knots over ``tau``."""

    tau: float
    knots: int
    controls: tuple[ControlSpec, ...]

    def __post_init__(self) -> None:
        check_positive("tau", self.tau)
        check_int("knots", self.knots, minimum=2)
        if not self.controls:
            raise ParameterError("a protocol family needs at least one control")
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ParameterError(f"duplicate control names in {names}")
        object.__setattr__(self, "controls", tuple(self.controls))

    # --- layout ---------------------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.controls)

    @property
    def times(self) -> NDArray[np.float64]:
        """Body knot times ``i tau / (K - 1)``."""
        return np.linspace(0.0, self.tau, self.knots)

    def _free_mask(self) -> NDArray[np.bool_]:
        """``(K, nc)``: which body values are parameters."""
        mask = np.zeros((self.knots, len(self.controls)), dtype=bool)
        for j, c in enumerate(self.controls):
            if c.fixed:
                continue
            mask[1:-1, j] = True
            mask[0, j] = c.jump_start
            mask[-1, j] = c.jump_end
        return mask

    @property
    def n_free(self) -> int:
        return int(self._free_mask().sum())

    def _lo_hi(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        lo = np.array([c.lower for c in self.controls])
        hi = np.array([c.upper for c in self.controls])
        mask = self._free_mask()
        return np.broadcast_to(lo, mask.shape)[mask], np.broadcast_to(hi, mask.shape)[mask]

    # --- theta <-> values --------------------------------------------------------------------------
    def values(self, theta: ArrayLike) -> NDArray[np.float64]:
        """Body values ``(K, n_controls)`` for the scaled parameters ``theta`` (each in [0, 1])."""
        th = np.asarray(theta, dtype=float)
        if th.shape != (self.n_free,):
            raise ParameterError(f"theta needs {self.n_free} entries, got shape {th.shape}")
        lo, hi = self._lo_hi()
        out = self.linear_values()
        out[self._free_mask()] = lo + np.clip(th, 0.0, 1.0) * (hi - lo)
        return out

    def theta_from_values(self, values: ArrayLike) -> NDArray[np.float64]:
        """Scaled parameters of body values ``(K, n_controls)`` (clipped to the bounds)."""
        v = np.asarray(values, dtype=float)
        if v.shape != (self.knots, len(self.controls)):
            raise ParameterError(f"values need shape ({self.knots}, {len(self.controls)}), got {v.shape}")
        lo, hi = self._lo_hi()
        return np.asarray(np.clip((v[self._free_mask()] - lo) / (hi - lo), 0.0, 1.0))

    def linear_values(self) -> NDArray[np.float64]:
        """Body values of the linear protocol from every control's ``start`` to its ``end`` (no jumps)."""
        s = np.linspace(0.0, 1.0, self.knots)[:, None]
        start = np.array([c.start for c in self.controls])
        end = np.array([c.end for c in self.controls])
        return np.asarray(start + s * (end - start))

    def theta_linear(self) -> NDArray[np.float64]:
        return self.theta_from_values(self.linear_values())

    def values_of(self, protocol: Protocol) -> NDArray[np.float64]:
        """Body values of an arbitrary protocol sampled at the knot times (a projection onto the family)."""
        t = self.times.copy()
        eps = JUMP_FRACTION * self.tau * 10
        t[0] += eps  # after any start jump
        t[-1] -= eps  # before any end jump
        idx = [protocol.controls.index(n) for n in self.names]
        return protocol.stretched(self.tau / protocol.duration).values_at(t)[:, idx]

    # --- protocols ---------------------------------------------------------------------------------
    def protocol(self, theta: ArrayLike) -> Protocol:
        """The engine protocol of ``theta``: start values, jump, body, jump, end values."""
        return self.protocol_from_values(self.values(theta))

    def protocol_from_values(self, body: ArrayLike) -> Protocol:
        v = np.asarray(body, dtype=float)
        start = tuple(c.start for c in self.controls)
        end = tuple(c.end for c in self.controls)
        d = JUMP_FRACTION * self.tau
        t = self.times.copy()
        t_body = np.concatenate([[d], t[1:-1], [self.tau - d]])
        times = (0.0, *t_body.tolist(), self.tau)
        vals = (start, *(tuple(row) for row in v.tolist()), end)
        nseg = len(times) - 1
        names = ("jump",) + ("body",) * (nseg - 2) + ("jump",)
        return Protocol(controls=self.names, times=times, values=vals, names=names)

    def describe(self, theta: ArrayLike) -> dict[str, object]:
        """Knot times and values per control, with the start/end values and jump sizes (JSON-ready)."""
        v = self.values(theta)
        out: dict[str, object] = {"knot_times": self.times.tolist()}
        for j, c in enumerate(self.controls):
            out[c.name] = {
                "start": c.start, "end": c.end, "values": v[:, j].tolist(),
                "jump_start": float(v[0, j] - c.start), "jump_end": float(c.end - v[-1, j]),
            }
        return out

