"""landauer: the thermodynamics of computing.

Simulate how physical devices store, erase and process bits and measure what it costs (work, heat,
errors) against Landauer's bound ``k_B T ln 2`` per erased bit.
"""

from landauer._version import __version__
from landauer.constants import kT, landauer_bound
from landauer.units import Scales
from landauer.validation import ParameterError

__all__ = ["ParameterError", "Scales", "__version__", "kT", "landauer_bound"]
