"""Transport observables in SI: I(V), dI/dV, TMR, electrical power, spin currents, entropy production.

Conventions (spec section 3): ``mu_L - mu_R = eV`` and ``I = e J_L`` with ``J_L`` the particle current
entering the dimer from the left lead, so ``I > 0`` at ``V > 0`` for a passive junction. The electrical
power delivered by the junction is ``P_el = -I V`` (> 0 when it works as a generator). The free-energy
input of the spin accumulation is ``F_in = sum_alpha (Delta mu_alpha / 2) J^s_alpha`` with
``Delta mu_alpha = mu_alpha,up - mu_alpha,down`` and ``J^s = J^N_up - J^N_down``; at equal temperatures
``T sigma = eV J_L + F_in >= 0`` so ``P_el <= F_in`` (see :mod:`.audit`).
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq, minimize_scalar

from landauer.models.transport.params import SpinEngineParams
from landauer.models.transport.pauli import (
    CURRENT_A,
    ENTROPY_W_PER_K,
    POWER_W,
    RATE_PER_S,
    SteadyState,
    solve,
)
from landauer.results import provenance


def spin_input(state: SteadyState) -> NDArray[np.float64]:
    """F_in = sum_alpha (Delta mu_alpha / 2) J^s_alpha (meV x meV/hbar), per bias point."""
    total = np.zeros(state.mu.shape[0])
    for lead in sorted(set(state.lead)):
        cols = [i for i, a in enumerate(state.lead) if a == lead]
        up = [i for i in cols if state.spin[i] > 0][0]
        dn = [i for i in cols if state.spin[i] < 0][0]
        dmu = state.mu[:, up] - state.mu[:, dn]
        total += 0.5 * dmu * (state.particle[:, up] - state.particle[:, dn])
    return total


def iv_dataset(p: SpinEngineParams, v: NDArray[np.float64], *, polarity: int = 1) -> xr.Dataset:
    """Full bias sweep of the model as an :class:`xarray.Dataset` in SI units.

    Parameters
    ----------
    p : SpinEngineParams
        Model parameters (meV, K).
    v : array
        Bias points in mV (model convention ``mu_L - mu_R = eV``).
    polarity : {+1, -1}
        The experiment's sign convention relative to the model's: the data use ``V_exp = polarity V``
        and ``I_exp = polarity I``; ``-IV`` is invariant.
    """
    if polarity not in (1, -1):
        raise ValueError(f"polarity must be +1 or -1, got {polarity!r}")
    v = np.asarray(v, dtype=float)
    st = solve(p, polarity * v)
    jl = st.lead_particle("L")
    current = polarity * CURRENT_A * jl
    didv = np.gradient(current, v * 1e-3) if v.size > 2 else np.full(v.size, np.nan)
    f_in = spin_input(st) * POWER_W
    p_el = -current * v * 1e-3
    with np.errstate(divide="ignore", invalid="ignore"):
        eff = np.where((p_el > 0) & (f_in > 0), p_el / f_in, np.nan)
    channel = [f"{a}{'up' if s > 0 else 'down'}" for a, s in zip(st.lead, st.spin, strict=True)]
    ds = xr.Dataset(
        {
            "current": ("V", current, {"units": "A", "long_name": "charge current I = e J_L"}),
            "dIdV": ("V", didv, {"units": "S", "long_name": "differential conductance"}),
            "power_el": ("V", p_el, {"units": "W", "long_name": "electrical output power -IV"}),
            "spin_input": ("V", f_in, {"units": "W", "long_name": "free-energy input F_in"}),
            "efficiency": ("V", eff, {"units": "1", "long_name": "P_el / F_in where P_el > 0"}),
            "entropy_production": (
                "V", st.sigma * ENTROPY_W_PER_K, {"units": "W/K", "long_name": "sigma"}
            ),
            "spin_current_L": ("V", st.lead_spin("L") * RATE_PER_S, {"units": "1/s"}),
            "spin_current_R": ("V", st.lead_spin("R") * RATE_PER_S, {"units": "1/s"}),
            "particle_current": (("V", "channel"), st.particle * RATE_PER_S, {"units": "1/s"}),
            "heat_current": (("V", "channel"), st.heat * POWER_W, {"units": "W"}),
        },
        coords={
            "V": ("V", v, {"units": "mV"}),
            "channel": ("channel", channel),
        },
        attrs=provenance(model="transport.spin_engine_pauli", parameters=p.as_dict(), seed=None,
                         extra={"polarity": polarity}),
    )
    return ds


def current(p: SpinEngineParams, v: ArrayLike) -> NDArray[np.float64]:
    """Charge current I(V) in A at bias points ``v`` (mV)."""
    return CURRENT_A * solve(p, v, warn=False).lead_particle("L")


def zero_crossings(p: SpinEngineParams, v: NDArray[np.float64], i: NDArray[np.float64]
                   ) -> NDArray[np.float64]:
    """Biases (mV) where I(V) = 0, bracketed on the grid and refined with Brent's method."""
    roots: list[float] = []
    for k in np.flatnonzero(np.sign(i[:-1]) * np.sign(i[1:]) < 0):
        roots.append(
            brentq(lambda x: float(current(p, x)[0]), v[k], v[k + 1], xtol=1e-10, rtol=1e-12)
        )
    roots.extend(v[i == 0.0].tolist())
    return np.sort(np.asarray(roots, dtype=float))


def open_circuit_voltage(p: SpinEngineParams, v: NDArray[np.float64], i: NDArray[np.float64]
                         ) -> float:
    """The zero-current bias nearest to V = 0 (mV); NaN if I(V) has no zero on the grid."""
    roots = zero_crossings(p, v, i)
    if roots.size == 0:
        return float("nan")
    return float(roots[np.argmin(np.abs(roots))])


def tmr(i_p: NDArray[np.float64], i_ap: NDArray[np.float64], *, min_current: float
        ) -> NDArray[np.float64]:
    """TMR = I_P / I_AP - 1, NaN where |I_AP| < ``min_current`` (A)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = i_p / i_ap - 1.0
    return np.where(np.abs(i_ap) >= min_current, out, np.nan)


def max_power_point(v: NDArray[np.float64], power: NDArray[np.float64]) -> tuple[float, float]:
    """(V in mV, P_el in W) at the maximum of the electrical output power on the grid."""
    k = int(np.argmax(power))
    return float(v[k]), float(power[k])


def refined_max_power(p: SpinEngineParams, v: NDArray[np.float64], power: NDArray[np.float64],
                      v_oc: float) -> tuple[float, float]:
    """Maximum-power point (V in mV, P_el in W), refined between V = 0 and ``v_oc``.

    A generating junction delivers power only between V = 0 and the open-circuit voltage, which a
    coarse grid can miss; the grid maximum is kept if it is larger.
    """
    vg, pg = max_power_point(v, power)
    if not np.isfinite(v_oc) or v_oc == 0.0:
        return vg, pg
    lo, hi = sorted((0.0, v_oc))
    res = minimize_scalar(lambda x: float(current(p, x)[0]) * x * 1e-3, bounds=(lo, hi),
                          method="bounded", options={"xatol": 1e-9 * max(1.0, abs(v_oc))})
    pr = -float(res.fun)
    return (float(res.x), pr) if pr > pg else (vg, pg)
