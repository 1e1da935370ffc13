"""The eight control-erase (CE) protocols and their time schedules (specs/squid_ce.md section 6).

``CE(i, c, t)``: with ``j != i`` the other SQUID, if ``b_j = c`` bit ``i`` is erased to ``t``, otherwise
the state is left unchanged. Sign rules (+mu convention; ``[[P]] = +1`` if ``P`` else ``-1``)::

    phi_ixdc = A_dc              lowers both barriers of axis i
    phi_jx   = A_jx [[c = 0]]    tilts axis j toward the preserved half-plane b_j = 1 - c
    mu       = A_mu [[c != t]]   the tilt mu induces on axis i in the control half-plane points to t
    phi_ix   = A_ix [[t = 1]]    cancels mu's tilt on axis i in the preserved half-plane

Effective amplitudes (authors' code): ``A_dc = 1.79, A_jx = 0.61, A_ix = 0.10, A_mu = 0.06`` at
``beta = 2.3``; ``A_dc = 1.79`` is only a few thousandths past the fold that annihilates the erased
well, so the slide starts in a saddle-node bottleneck. The 'robust' preset (the authors' later code)
``A_dc = 1.96, A_jx = 0.58, A_ix = 0.095, A_mu = 0.055`` sits well past it.

Schedule: ramp from the rest controls (all zero) to the CE controls over ``ramp``, hold ``hold``, ramp
back over ``ramp`` (times in t_c). CEs are named by ``(i, c, t)``, never by the paper's lost numbering.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from landauer.engine.protocol import Protocol
from landauer.engine.protocol import Shape as RampShape
from landauer.models.squid.potential import Controls, label
from landauer.validation import ParameterError, check_choice, check_positive


@dataclass(frozen=True)
class CEAmplitudes:
    """Magnitudes of the CE controls (signs come from the sign rules)."""

    phi_xdc: float = 1.79
    phi_jx: float = 0.61
    phi_ix: float = 0.10
    mu: float = 0.06

    def __post_init__(self) -> None:
        check_positive("phi_xdc", self.phi_xdc)
        check_positive("phi_jx", self.phi_jx, allow_zero=True)
        check_positive("phi_ix", self.phi_ix, allow_zero=True)
        check_positive("mu", self.mu, allow_zero=True)
        if self.mu >= 1:
            raise ParameterError(f"mu amplitude must be < 1, got {self.mu!r}")


EFFECTIVE = CEAmplitudes()
ROBUST = CEAmplitudes(phi_xdc=1.96, phi_jx=0.58, phi_ix=0.095, mu=0.055)
PRESETS = {"effective": EFFECTIVE, "robust": ROBUST}


def _pm(p: bool) -> float:
    return 1.0 if p else -1.0


@dataclass(frozen=True)
class CE:
    """``CE(i, c, t)``: erase bit ``erased`` to ``target`` if the other bit equals ``control``."""

    erased: int
    control: int
    target: int

    def __post_init__(self) -> None:
        if self.erased not in (1, 2):
            raise ParameterError(f"erased bit must be 1 or 2, got {self.erased!r}")
        if self.control not in (0, 1) or self.target not in (0, 1):
            raise ParameterError("control and target values must be 0 or 1")

    @property
    def other(self) -> int:
        return 3 - self.erased

    @property
    def name(self) -> str:
        return f"CE({self.erased},{self.control},{self.target})"

    @property
    def notation(self) -> str:
        """E.g. ``b2 := 0 if b1 = 0`` for CE(2,0,0)."""
        return f"b{self.erased} := {self.target} if b{self.other} = {self.control}"

    def apply(self, state: int) -> int:
        """The ideal logical map on a state integer ``2 b1 + b2``."""
        b = [(state >> 1) & 1, state & 1]
        if b[self.other - 1] == self.control:
            b[self.erased - 1] = self.target
        return 2 * b[0] + b[1]

    def mapping(self) -> dict[str, str]:
        return {label(s): label(self.apply(s)) for s in range(4)}

    def moved(self) -> tuple[str, str]:
        """The one state the CE moves, and where to."""
        for s in range(4):
            if self.apply(s) != s:
                return label(s), label(self.apply(s))
        raise AssertionError("every CE moves one state")

    def controls(self, amplitudes: CEAmplitudes = EFFECTIVE) -> Controls:
        """The controls at the CE's hold (sign rules in the module docstring)."""
        a = amplitudes
        v = {
            f"phi{self.erased}xdc": a.phi_xdc,
            f"phi{self.other}x": a.phi_jx * _pm(self.control == 0),
            f"phi{self.erased}x": a.phi_ix * _pm(self.target == 1),
        }
        return Controls(**v, mu=a.mu * _pm(self.control != self.target))


ALL_CES = tuple(CE(i, c, t) for i, c, t in itertools.product((1, 2), (0, 1), (0, 1)))


def parse_ce(text: str) -> CE:
    """Parse ``"2,0,1"`` or ``"CE(2,0,1)"``."""
    s = text.strip().upper().removeprefix("CE").strip("() ")
    try:
        i, c, t = (int(p) for p in s.split(","))
    except ValueError:
        raise ParameterError(f"cannot parse CE {text!r}; write i,c,t e.g. 2,0,1") from None
    return CE(i, c, t)


@dataclass(frozen=True)
class Schedule:
    """Stage durations of one CE in t_c: ramp in, hold, ramp back; ramp shape."""

    ramp: float = 100.0
    hold: float = 250.0
    ramp_back: float | None = None
    shape: RampShape = "linear"

    def __post_init__(self) -> None:
        check_positive("ramp", self.ramp)
        check_positive("hold", self.hold, allow_zero=True)
        if self.ramp_back is not None:
            check_positive("ramp_back", self.ramp_back)
        check_choice("ramp shape", self.shape, ("linear", "smooth"))

    @property
    def duration(self) -> float:
        return self.ramp + self.hold + (self.ramp if self.ramp_back is None else self.ramp_back)


DEFAULT_SCHEDULE = Schedule()


def rest_controls() -> Controls:
    return Controls()


def ce_protocol(ce: CE, *, amplitudes: CEAmplitudes = EFFECTIVE, schedule: Schedule = DEFAULT_SCHEDULE
                ) -> Protocol:
    """Protocol of one CE over the physical controls (rest -> CE controls -> rest); convert it for the
    engine with :func:`landauer.models.squid.model.engine_protocol`."""
    target = ce.controls(amplitudes).as_dict()
    rest = rest_controls().as_dict()
    back = schedule.ramp if schedule.ramp_back is None else schedule.ramp_back
    return (
        Protocol.start(**rest)
        .ramp(schedule.ramp, name=f"{ce.name} ramp", shape=schedule.shape, **target)
        .hold(schedule.hold, name=f"{ce.name} hold")
        .ramp(back, name=f"{ce.name} ramp back", shape=schedule.shape, **rest)
    )


def sequence_protocol(ces: Sequence[CE], *, amplitudes: CEAmplitudes = EFFECTIVE,
                      schedules: Sequence[Schedule] | Schedule = DEFAULT_SCHEDULE) -> Protocol:
    """CEs run one after another (each returns to rest before the next starts)."""
    if not ces:
        raise ParameterError("a CE sequence needs at least one CE")
    scheds = [schedules] * len(ces) if isinstance(schedules, Schedule) else list(schedules)
    if len(scheds) != len(ces):
        raise ParameterError("one schedule per CE")
    prot = ce_protocol(ces[0], amplitudes=amplitudes, schedule=scheds[0])
    for ce, sc in zip(ces[1:], scheds[1:], strict=True):
        prot = prot.then(ce_protocol(ce, amplitudes=amplitudes, schedule=sc))
    return prot
