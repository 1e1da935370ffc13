"""Energy of each reset class, and the modelled dissipation of a network evaluation.

- SUPPORTED: 0 (adiabatic; the finite-rate ``1/t_rise`` cost is measured by the dynamics).
- THERMALISING: ``kT ln 2`` for an ideal device [seed]; a mismatched terminate pays more
  (:mod:`~landauer.models.aqfp.mismatch`).
- OPPOSED (backaction): the state is in the upper well while the barrier falls; it escapes at the
  spinodal, where the upper well merges with the barrier, and dissipates the energy drop to the lower
  well there (the instantaneous well splitting; specs/aqfp.md open question 8). Computed from the exact
  reduced potential for reset signal ``S`` (in units of the calibrated signal).
- EXTERNAL / UNDETERMINED: 0 (an undetermined gate was excited by symmetry breaking and holds an
  uncorrelated random bit; erasing it costs nothing on average).

Reference: Q. Herr, arXiv:2504.04284 (2025); R. Landauer, IBM J. Res. Dev. 5, 183 (1961).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from landauer.constants import LN2
from landauer.models.aqfp.network import Evaluation, ResetClass
from landauer.models.aqfp.params import AqfpParams
from landauer.models.aqfp.potential import ReducedPotential
from landauer.validation import ParameterError

FULL = 2.0 * math.pi


def backaction_energy(params: AqfpParams, *, opposing_signal: float = 1.0, points: int = 120) -> float:
    """Energy (J) dissipated when a gate holding +1 is reset against a signal ``-opposing_signal``.

    The exciter is lowered from full excitation; the upper (+) well vanishes at the spinodal
    ``phix_sp`` (bisection); the dissipation is ``U_eff(theta_sp) - U_lower(phix_sp)``.
    """
    if opposing_signal <= 0:
        raise ParameterError(f"opposing_signal must be > 0 (calibrated signal units), got {opposing_signal}")
    rp = ReducedPotential.from_params(params)
    ts = -opposing_signal * params.theta_s

    def upper_exists(phx: float) -> bool:
        st = rp.stationary(phix=phx, theta_s=ts, points=801)
        return bool(st.n_minima >= 2 and st.minima[-1] > 0 and st.minima[0] < 0)

    if not upper_exists(FULL):
        raise ParameterError(f"an opposing signal of {opposing_signal:g} units removes the upper well even "
                             "at full excitation: the gate cannot hold its state")
    grid = np.linspace(FULL, math.pi, points)
    exists = np.array([upper_exists(g) for g in grid])
    k = int(np.argmin(exists))  # first phix (descending) without the upper well
    hi, lo = float(grid[k - 1]), float(grid[k])
    for _ in range(50):
        mid = 0.5 * (hi + lo)
        hi, lo = (mid, lo) if upper_exists(mid) else (hi, mid)
    st = rp.stationary(phix=hi, theta_s=ts, points=4001)
    u_sp = float(st.minima_energy[-1])  # merging with the barrier at the spinodal
    return float((u_sp - st.minima_energy[0]) * params.josephson_energy)


@dataclass(frozen=True)
class ResetCosts:
    """Energy (J) per reset class; ``opposed[k]`` for an opposing reset signal of ``k`` units."""

    thermalising: float
    opposed: dict[int, float]
    kT: float

    @classmethod
    def ideal(cls, params: AqfpParams | None = None, *, max_signal: int = 3) -> ResetCosts:
        p = params or AqfpParams()
        opp: dict[int, float] = {}
        for k in range(1, max_signal + 1):
            try:
                opp[k] = backaction_energy(p, opposing_signal=float(k))
            except ParameterError:  # the gate cannot hold against k units at all
                break
        return cls(thermalising=p.kT * LN2, opposed=opp, kT=p.kT)

    def with_thermalising(self, energy: float) -> ResetCosts:
        """The same costs with a different thermalisation energy (e.g. a mismatched terminate)."""
        return ResetCosts(thermalising=energy, opposed=self.opposed, kT=self.kT)


def dissipation(ev: Evaluation, costs: ResetCosts, *, gates: list[str] | None = None
                ) -> tuple[NDArray[np.float64], dict[str, NDArray[np.float64]]]:
    """Modelled energy dissipated per input pattern (J), total and per gate."""
    per: dict[str, NDArray[np.float64]] = {}
    total = None
    for g in gates or list(ev.reset_class):
        c = ev.reset_class[g]
        s = np.abs(ev.reset_signal[g])
        e = np.zeros(c.size)
        e[c == ResetClass.THERMALISING] = costs.thermalising
        opp = c == ResetClass.OPPOSED
        if opp.any():
            for k in np.unique(s[opp]):
                if int(k) not in costs.opposed:
                    raise ParameterError(f"no backaction energy for an opposing signal of {int(k)} units")
                e[opp & (s == k)] = costs.opposed[int(k)]
        per[g] = e
        total = e.copy() if total is None else total + e
    if total is None:
        raise ParameterError("network has no gates")
    return total, per
