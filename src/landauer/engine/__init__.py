"""The one Langevin energetics engine: models, protocols, integrators, what to record, and run().

>>> from landauer.engine import Model, Protocol, Langevin, Integrator, Record, Stop, run, SimulationError
"""

from landauer.engine.integrators import Integrator
from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.simulate import Langevin, SimulationError, run

__all__ = ["Integrator", "Langevin", "Model", "Protocol", "Record", "SimulationError", "Stop", "run"]
