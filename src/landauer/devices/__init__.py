"""Devices: a potential written once (an expression, or a TOML file) serving the engine and the
landscape tools.

- :class:`Device` (``Device.from_expression(energy=..., coordinates=[...], params={...}, controls={...})``);
- :func:`load` reads a TOML device file (or a shipped name) into a :class:`DeviceFile` with the device,
  its dynamics, protocol and task; :func:`shipped` lists the shipped examples.
"""

from landauer.devices.device import Device

__all__ = ["Device"]
