"""landauer: the thermodynamics of computing.

Simulate how physical devices store, erase and process bits and measure what it costs (work, heat,
errors) against Landauer's bound ``k_B T ln 2`` per erased bit.

The names a user needs::

    from landauer import Device, load_device, erase, simulate, Protocol, Langevin, EnsembleSummary, bounds

- :class:`Device` (``Device.from_expression(energy=..., coordinates=[...], params={...}, controls={...})``)
  and :func:`load_device` (a TOML device file, or a shipped name such as ``"double-well"``);
- :func:`erase` (a device file's erasure, summarised against the bounds) and :func:`simulate` (any
  protocol on a device); :class:`Protocol` and :class:`Langevin` from the engine;
- :class:`EnsembleSummary`, :func:`fit_inverse_tau` and the :mod:`bounds` module.

Heavy modules (Numba, SymPy, xarray) load on first use of these names, not at ``import landauer``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from landauer._version import __version__
from landauer.constants import kT, landauer_bound
from landauer.units import Scales
from landauer.validation import ParameterError

if TYPE_CHECKING:
    from landauer import bounds
    from landauer.devices import Device
    from landauer.devices.registry import load as load_device
    from landauer.engine.protocol import Protocol
    from landauer.engine.simulate import Langevin
    from landauer.erasure import erase, simulate
    from landauer.stats import EnsembleSummary, fit_inverse_tau

_LAZY = {
    "Device": ("landauer.devices", "Device"),
    "load_device": ("landauer.devices.registry", "load"),
    "Protocol": ("landauer.engine.protocol", "Protocol"),
    "Langevin": ("landauer.engine.simulate", "Langevin"),
    "erase": ("landauer.erasure", "erase"),
    "simulate": ("landauer.erasure", "simulate"),
    "EnsembleSummary": ("landauer.stats", "EnsembleSummary"),
    "fit_inverse_tau": ("landauer.stats", "fit_inverse_tau"),
    "bounds": ("landauer.bounds", None),
}

__all__ = ["Device", "EnsembleSummary", "Langevin", "ParameterError", "Protocol", "Scales", "__version__",
           "bounds", "erase", "fit_inverse_tau", "kT", "landauer_bound", "load_device", "simulate"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        mod = importlib.import_module(module)
        value = mod if attr is None else getattr(mod, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'landauer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
