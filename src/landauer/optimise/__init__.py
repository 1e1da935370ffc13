"""Optimal protocols: knot families, common-random-number optimisation and slow-driving geometry.

- :mod:`~landauer.optimise.family`: piecewise-linear control schedules with jumps (``KnotFamily``);
- :mod:`~landauer.optimise.objective`: CRN ensemble objective, exact oracles, independent evaluation;
- :mod:`~landauer.optimise.optimiser`: SciPy search and the reported result (``optimise``);
- :mod:`~landauer.optimise.gaussian`: exact mean work of a harmonic trap (moment equations);
- :mod:`~landauer.optimise.friction`: the friction tensor from equilibrium runs, and its 1-D quadrature;
- :mod:`~landauer.optimise.geometry`: geodesic protocols of that metric (Sivak & Crooks 2012);
- :mod:`~landauer.optimise.dw_geometry`: that geometry applied to the double-well erasure (friction grid,
  erasure geodesic, its evaluation and its use as the optimiser's starting point);
- :mod:`~landauer.optimise.problems`: built-in tasks (harmonic drag/stiffening, double-well erasure).
"""

from landauer.optimise.family import ControlSpec, KnotFamily
from landauer.optimise.objective import CRNObjective, Evaluation, ExactObjective, Problem
from landauer.optimise.optimiser import OptimisationResult, minimise, optimise

__all__ = [
    "CRNObjective", "ControlSpec", "Evaluation", "ExactObjective", "KnotFamily", "OptimisationResult",
    "Problem", "minimise", "optimise",
]
