"""Shipped device files (``landauer/data/devices/*.toml``) and lookup by name or path."""

from __future__ import annotations

import tomllib
from pathlib import Path

from landauer.devices.files import DeviceFile, read
from landauer.validation import ParameterError

DATA = Path(__file__).resolve().parent.parent / "data" / "devices"


def shipped() -> dict[str, Path]:
    """Shipped device files by name (file stem)."""
    return {p.stem: p for p in sorted(DATA.glob("*.toml"))}


def resolve(name_or_path: str | Path) -> Path:
    """A path to an existing file, or the path of the shipped device of that name."""
    p = Path(name_or_path)
    if p.is_file():
        return p
    ships = shipped()
    if str(name_or_path) in ships:
        return ships[str(name_or_path)]
    if p.suffix == ".toml" or p.parent != Path("."):
        raise ParameterError(f"device file {p} does not exist")
    raise ParameterError(f"no device file or shipped device named {str(name_or_path)!r} "
                         f"(shipped: {', '.join(ships) or 'none'})")


def load(name_or_path: str | Path) -> DeviceFile:
    """Read a device file, or a shipped device by name (see :func:`shipped`)."""
    return read(resolve(name_or_path))


def describe_shipped() -> list[dict[str, str]]:
    """Name, path and one-line description of each shipped device (without compiling it)."""
    out = []
    for name, path in shipped().items():
        try:
            dev = tomllib.loads(path.read_text()).get("device", {})
        except tomllib.TOMLDecodeError:
            dev = {}
        out.append({"name": name, "path": str(path), "description": str(dev.get("description", "")),
                    "energy": str(dev.get("energy", "")), "coordinates": ", ".join(dev.get("coordinates", []))})
    return out
