"""Devices: a potential written once (an expression, or a TOML file) serving the engine and the
landscape tools.

- :class:`Device` (``Device.from_expression(energy=..., coordinates=[...], params={...}, controls={...})``);
- :func:`load` reads a TOML device file (or a shipped name) into a :class:`DeviceFile` with the device,
  its :class:`Dynamics`, protocol and task; :func:`shipped` lists the shipped examples;
- :func:`boltzmann_samples` draws equilibrium initial positions; :func:`landscape_report` summarises
  minima, saddles, barriers and Kramers times of a device file.
"""

from landauer.devices.device import Device
from landauer.devices.equilibrium import boltzmann_samples
from landauer.devices.files import DeviceFile, Dynamics
from landauer.devices.registry import load, shipped
from landauer.devices.report import landscape_report

__all__ = ["Device", "DeviceFile", "Dynamics", "boltzmann_samples", "landscape_report", "load", "shipped"]
