"""TOML device files: a device, its dynamics, its task and a protocol, in one file read with ``tomllib``.

Units: SI, with the unit written in the key (``temperature_K``, ``time_unit_s``, ``length_m``,
``energy_unit_J``, ``duration_s``). Keys without a unit suffix are in the device's own units: energies in
kT (or in ``energy_unit_J`` if given), coordinates in the device's length unit, times in its time unit
(overdamped: ``length^2 / (mobility kT)``). Every error is one line naming the file and the key.

Minimal file (see docs/devices.md for every key)::

    [device]
    name = "quartic"
    coordinates = ["x"]
    energy = "a*x**4 - b*x**2 - f*x"
    [device.params]
    a = 2.5
    [device.controls]
    b = 10.0
    f = 0.0
    [dynamics]
    kind = "overdamped"
    temperature_K = 300.0
    mobility = 1.0
    dt = 3e-4
    [task]
    target = "1"
    [[protocol]]
    duration = 16.0
    b = 0.0
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from landauer.constants import k_B
from landauer.devices.device import Device
from landauer.engine.protocol import SHAPES, Protocol
from landauer.validation import ParameterError

SECTIONS = ("device", "dynamics", "task", "protocol", "states")
DEVICE_KEYS = ("name", "coordinates", "energy", "params", "controls", "bounds", "description", "citation",
               "length_m", "energy_unit_J")
DYNAMICS_KEYS = ("kind", "temperature_K", "mobility", "mass", "friction", "dt", "integrator", "time_unit_s")
TASK_KEYS = ("target", "trajectories", "seed", "bits")
STAGE_KEYS = ("duration", "duration_s", "name", "shape")
STATES_KEYS = ("names", "conditions")
KINDS = ("overdamped", "underdamped", "sphere")
INTEGRATORS = {"overdamped": ("overdamped-lm", "overdamped-euler"), "underdamped": ("baoab", "underdamped-euler")}
UNIT_SUFFIXES = ("_K", "_s", "_m", "_J", "_kg", "_N_s_per_m")


@dataclass(frozen=True)
class Dynamics:
    """Langevin settings of a device file (model units except where the name says SI)."""

    kind: str
    temperature_K: float
    kT: float
    dt: float
    integrator: str
    mobility: float | tuple[float, ...] = 1.0
    mass: float | tuple[float, ...] = 1.0
    friction: float | tuple[float, ...] = 1.0
    time_unit_s: float | None = None

    def langevin(self) -> Any:
        """The engine's :class:`~landauer.engine.simulate.Langevin` settings."""
        from landauer.engine.simulate import Langevin

        return Langevin(kT=self.kT, dt=self.dt, integrator=self.integrator, mobility=self.mobility,
                        mass=self.mass, friction=self.friction)


@dataclass(frozen=True)
class DeviceFile:
    """A loaded device file: the device, its dynamics, its erasure target and protocol."""

    path: Path
    device: Device
    dynamics: Dynamics
    protocol: Protocol | None
    target: str | None = None
    trajectories: int | None = None
    seed: int | None = None
    bits: float = 1.0
    description: str = ""
    length_m: float | None = None
    energy_unit_J: float | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.device.name

    def with_overrides(self, *, params: Mapping[str, float] | None = None, temperature_K: float | None = None,
                       dt: float | None = None) -> DeviceFile:
        """This file with device parameters, the bath temperature or the time step replaced.

        The device stays the physical object the file describes; a new temperature changes only the bath:
        ``kT = k_B T / E_u`` with ``E_u = energy_unit_J`` if the file gives one, else ``k_B T_file``.
        """
        df = self
        if params:
            df = replace(df, device=df.device.with_params(**params))
        dyn = df.dynamics
        if temperature_K is not None and temperature_K != dyn.temperature_K:
            unit_J = df.energy_unit_J if df.energy_unit_J is not None else k_B * dyn.temperature_K
            dyn = replace(dyn, temperature_K=temperature_K, kT=k_B * temperature_K / unit_J)
        if dt is not None:
            dyn = replace(dyn, dt=dt)
        return df if dyn is df.dynamics else replace(df, dynamics=dyn)


class _Reader:
    """Typed access to one TOML table with errors naming the file and the key."""

    def __init__(self, path: Path, table: Any, where: str, allowed: Sequence[str]) -> None:
        self.path, self.where = path, where
        if not isinstance(table, dict):
            self.fail(where, f"must be a table, got {type(table).__name__}")
        self.t: dict[str, Any] = table
        self.allowed = tuple(allowed)

    def fail(self, key: str, msg: str) -> None:
        raise ParameterError(f"{self.path}: {key} {msg}")

    def key(self, k: str) -> str:
        return f"[{self.where}] {k}" if self.where else k

    def check_unknown(self, extra_ok: Sequence[str] = ()) -> None:
        for k in self.t:
            if k in self.allowed or k in extra_ok:
                continue
            hint = next((a for a in (*self.allowed, *extra_ok) if a.startswith(k + "_")), None)
            if hint is not None:
                self.fail(self.key(k), f"has no unit: write {hint} (SI, the unit in the key)")
            base = next((a for a in self.allowed if "_" in k and a != k
                         and a.split("_", 1)[0] == k.split("_", 1)[0] and a.endswith(UNIT_SUFFIXES)), None)
            if base is not None:
                self.fail(self.key(k), f"has the wrong unit: write {base}")
            allowed = ", ".join((*self.allowed, *extra_ok))
            self.fail(self.key(k), f"is not a known key (allowed: {allowed})")

    def has(self, k: str) -> bool:
        return k in self.t

    def text(self, k: str, default: str | None = None, *, required: bool = False) -> str | None:
        if k not in self.t:
            if required:
                self.fail(self.key(k), "is missing")
            return default
        v = self.t[k]
        if not isinstance(v, str):
            self.fail(self.key(k), f"must be a string, got {v!r}")
        return str(v)

    def number(self, k: str, default: float | None = None, *, required: bool = False, positive: bool = False
               ) -> float | None:
        if k not in self.t:
            if required:
                self.fail(self.key(k), "is missing")
            return default
        return _number(self, self.key(k), self.t[k], positive)

    def numbers(self, k: str, default: float | tuple[float, ...], *, positive: bool = True
                ) -> float | tuple[float, ...]:
        if k not in self.t:
            return default
        v = self.t[k]
        if isinstance(v, list):
            if not v:
                self.fail(self.key(k), "must not be empty")
            return tuple(_number(self, self.key(k), e, positive) for e in v)
        return _number(self, self.key(k), v, positive)

    def integer(self, k: str, minimum: int = 0) -> int | None:
        if k not in self.t:
            return None
        v = self.t[k]
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            self.fail(self.key(k), f"must be an integer >= {minimum}, got {v!r}")
        return int(v)


def _number(r: _Reader, key: str, v: Any, positive: bool) -> float:
    if isinstance(v, str):
        r.fail(key, f"must be a number, got the string {v!r} (write SI numbers; the unit goes in the key)")
    if isinstance(v, bool) or not isinstance(v, int | float):
        r.fail(key, f"must be a number, got {v!r}")
    f = float(v)
    if not math.isfinite(f):
        r.fail(key, f"must be finite, got {v!r}")
    if positive and f <= 0:
        r.fail(key, f"must be > 0, got {v!r}")
    return f


def read(path: str | Path) -> DeviceFile:
    """Parse and validate a device file; compile its device. Errors: one line naming file and key."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text())
    except FileNotFoundError:
        raise ParameterError(f"device file {p} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{p}: not valid TOML: {exc}") from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{p}: cannot read: {exc}") from None
    top = _Reader(p, raw, "", SECTIONS)
    top.check_unknown()
    for sec in ("device", "dynamics"):
        if sec not in raw:
            top.fail(f"[{sec}]", "is missing")

    d = _Reader(p, raw["device"], "device", DEVICE_KEYS)
    d.check_unknown()
    name = d.text("name", required=True)
    energy = d.text("energy", required=True)
    raw_coords = d.t.get("coordinates")
    if not isinstance(raw_coords, list) or not raw_coords or not all(isinstance(c, str) for c in raw_coords):
        d.fail("[device] coordinates", f"must be a non-empty list of names, got {raw_coords!r}")
    coords: list[str] = list(raw_coords or [])
    params = _values(p, d.t.get("params", {}), "device.params")
    controls = _values(p, d.t.get("controls", {}), "device.controls")
    bounds = d.t.get("bounds")
    if bounds is not None:
        ok = isinstance(bounds, list) and len(bounds) == len(coords) and all(
            isinstance(b, list) and len(b) == 2 and all(isinstance(v, int | float) and not isinstance(v, bool)
                                                        and math.isfinite(v) for v in b) and b[0] < b[1]
            for b in bounds)
        if not ok:
            d.fail("[device] bounds", f"must be {len(coords)} pairs [lo, hi] of finite numbers, lo < hi")
    length_m = d.number("length_m", positive=True)
    e_unit = d.number("energy_unit_J", positive=True)

    states: Sequence[str] | Mapping[str, str] | None = None
    if "states" in raw:
        s = _Reader(p, raw["states"], "states", STATES_KEYS)
        s.check_unknown()
        if s.has("names") and s.has("conditions"):
            s.fail("[states]", "takes either names or conditions, not both")
        if s.has("names"):
            names = s.t["names"]
            if not isinstance(names, list) or not all(isinstance(v, str) for v in names):
                s.fail("[states] names", f"must be a list of strings, got {names!r}")
            states = [str(v) for v in names]
        elif s.has("conditions"):
            conds = s.t["conditions"]
            if not isinstance(conds, dict) or not conds or not all(isinstance(v, str) for v in conds.values()):
                s.fail("[states.conditions]", "must map state names to condition strings, e.g. left = \"x < 0\"")
            states = {str(k): str(v) for k, v in conds.items()}

    dyn = _dynamics(p, raw["dynamics"], len(coords), e_unit)
    try:
        device = Device.from_expression(
            energy=str(energy), coordinates=coords, params=params, controls=controls, states=states,
            bounds=bounds, name=str(name), citation=d.text("citation", "") or "",
            energy_unit="kT" if e_unit is None else f"{e_unit:g} J")
    except ParameterError as exc:
        raise ParameterError(f"{p}: [device] {exc}") from None

    task = _Reader(p, raw.get("task", {}), "task", TASK_KEYS)
    task.check_unknown()
    target = task.text("target")
    if target is not None and target not in device.states:
        task.fail("[task] target", f"{target!r} is not a state of {name!r} (states: {', '.join(device.states)})")
    protocol = _protocol(p, raw.get("protocol"), device, dyn)
    return DeviceFile(path=p, device=device, dynamics=dyn, protocol=protocol, target=target,
                      trajectories=task.integer("trajectories", 2), seed=task.integer("seed", 0),
                      bits=task.number("bits", 1.0, positive=True) or 1.0,
                      description=d.text("description", "") or "", length_m=length_m, energy_unit_J=e_unit)


def _values(path: Path, table: Any, where: str) -> dict[str, float]:
    r = _Reader(path, table, where, ())
    return {str(k): _number(r, f"[{where}] {k}", v, False) for k, v in r.t.items()}


def _dynamics(path: Path, table: Any, ndim: int, e_unit: float | None) -> Dynamics:
    r = _Reader(path, table, "dynamics", DYNAMICS_KEYS)
    r.check_unknown()
    kind = r.text("kind", required=True)
    if kind not in KINDS:
        r.fail("[dynamics] kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    if kind == "sphere":
        r.fail("[dynamics] kind", "'sphere' is not available for expression devices yet "
                                  "(use a built-in magnet substrate)")
    temperature = r.number("temperature_K", required=True, positive=True)
    dt = r.number("dt", required=True, positive=True)
    assert temperature is not None and dt is not None and kind is not None
    wrong = ("mass", "friction") if kind == "overdamped" else ("mobility",)
    for k in wrong:
        if r.has(k):
            r.fail(f"[dynamics] {k}", f"does not apply to {kind} dynamics")
    integrator = r.text("integrator", INTEGRATORS[kind][0])
    if integrator not in INTEGRATORS[kind]:
        r.fail("[dynamics] integrator", f"must be one of {', '.join(INTEGRATORS[kind])} for {kind} dynamics, "
                                        f"got {integrator!r}")
    vals = {k: r.numbers(k, 1.0) for k in ("mobility", "mass", "friction")}
    for k, v in vals.items():
        if isinstance(v, tuple) and len(v) != ndim:
            r.fail(f"[dynamics] {k}", f"needs one value per coordinate ({ndim}), got {len(v)}")
    kT = 1.0 if e_unit is None else k_B * temperature / e_unit
    return Dynamics(kind=kind, temperature_K=temperature, kT=kT, dt=dt, integrator=str(integrator),
                    mobility=vals["mobility"], mass=vals["mass"], friction=vals["friction"],
                    time_unit_s=r.number("time_unit_s", positive=True))


def _protocol(path: Path, stages: Any, device: Device, dyn: Dynamics) -> Protocol | None:
    if stages is None:
        return None
    if not isinstance(stages, list) or not stages:
        raise ParameterError(f"{path}: [[protocol]] must be a list of stages ([[protocol]] tables)")
    if not device.controls:
        raise ParameterError(f"{path}: [[protocol]] needs controls, but [device.controls] is empty")
    prot = Protocol.start(**dict(device.rest))
    for i, st in enumerate(stages, start=1):
        where = f"protocol stage {i}"
        r = _Reader(path, st, where, STAGE_KEYS)
        r.check_unknown(extra_ok=device.controls)
        if r.has("duration") == r.has("duration_s"):
            r.fail(f"[{where}]", "needs exactly one of duration (model time units) or duration_s")
        if r.has("duration"):
            dur = r.number("duration", positive=True)
        else:
            if dyn.time_unit_s is None:
                r.fail(f"[{where}] duration_s", "needs [dynamics] time_unit_s to convert to model time")
            dur_s = r.number("duration_s", positive=True)
            assert dur_s is not None and dyn.time_unit_s is not None
            dur = dur_s / dyn.time_unit_s
        shape = r.text("shape", "linear")
        if shape not in SHAPES:
            r.fail(f"[{where}] shape", f"must be one of {', '.join(SHAPES)}, got {shape!r}")
        targets = {k: _number(r, f"[{where}] {k}", v, False) for k, v in r.t.items() if k in device.controls}
        assert dur is not None
        prot = prot.ramp_to(dur, targets, name=r.text("name", "") or f"stage {i}", shape=str(shape))
    return prot
