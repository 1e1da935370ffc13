"""Adiabatic quantum-flux-parametron (aQFP) logic at the Landauer limit.

Reduced potential (Eq. 1-3), calibration, gate networks with reset classes, parameter-mismatch
statistics, logical entropy of correlated bit streams and RCSJ Langevin dynamics on the shared engine.

Reference: Q. Herr, "Landauer-Limited Dissipation in Quantum-Flux-Parametron Logic",
arXiv:2504.04284 (2025); specs/aqfp.md.
"""

from landauer.models.aqfp.params import AqfpParams
from landauer.models.aqfp.potential import ReducedPotential, adiabatic_ber, crossing_difference

CITATION = (
    "Q. Herr, Landauer-Limited Dissipation in Quantum-Flux-Parametron Logic, arXiv:2504.04284 (2025); "
    "N. Takeuchi et al., IEEE TAS 23, 1700304 (2013)"
)

__all__ = ["CITATION", "AqfpParams", "ReducedPotential", "adiabatic_ber", "crossing_difference"]
