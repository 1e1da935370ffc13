"""Magnetic-tunnel-junction free layer as a stochastic macrospin: Landauer reset, loops, TMR, spin-S, MOKE.

Implements specs/mtj.md for Wang et al., "Quantum Landauer Erasure using magnetic tunneling junctions",
Nanoscale Adv. (2026), DOI 10.1039/D5NA01057H. Submodules: :mod:`.params` (SI parameters),
:mod:`.energy` (energy, barriers, equilibrium samples), :mod:`.macrospin` (the engine model on the unit
sphere and its sLLG settings; runs go through :func:`landauer.engine.simulate.run`), :mod:`.theory`
(closed forms), :mod:`.reset` (4-stage reset),
:mod:`.loops`, :mod:`.tmr`, :mod:`.quantum_spin`, :mod:`.moke`.
"""

from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams
from landauer.models.mtj.reset import ResetProtocol, fit_excess, run_reset, sweep

__all__ = ["MTJParams", "ReducedMacrospin", "ResetProtocol", "fit_excess", "run_reset", "sweep"]
