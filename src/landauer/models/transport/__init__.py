"""Spin-engine transport: spin-resolved sequential tunnelling through a paramagnetic dimer.

Model of Katcko et al., Commun. Phys. 2, 116 (2019) (arXiv:1809.09836) made thermodynamically
consistent: Pauli master equation in the many-body eigenbasis, per-channel particle/energy/heat
currents, entropy production and an energy audit naming the free-energy resource behind any current.
"""

from landauer.models.transport.params import Alignment, SpinEngineParams, paper_params
from landauer.models.transport.pauli import (
    CURRENT_A,
    POWER_W,
    SteadyState,
    TransportValidityWarning,
    solve,
)

__all__ = [
    "CURRENT_A",
    "POWER_W",
    "Alignment",
    "SpinEngineParams",
    "SteadyState",
    "TransportValidityWarning",
    "paper_params",
    "solve",
]
