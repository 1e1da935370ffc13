"""Thermal-dynamics experiments with aQFP chains on the shared engine (BAOAB).

- :func:`four_phase_protocol`: the four-phase clock (each phase rises in its quarter, holds a quarter,
  falls in the next quarter and rests one), a source following phase 0 and an optional sink (an ideal
  downstream gate) following the phase after the last gate.
- :func:`cycle_energy`: Sekimoto work per gate per clock cycle in periodic steady state: a fill run
  brings the pipeline to steady state, its final positions and momenta start the measured run, and the
  work of the measured whole cycles is averaged (shadow work of the BAOAB splitting reported beside it).
  :func:`cycle_ensemble` keeps the per-trajectory values (the ``aqfp.cycle`` sweep point;
  energy vs rise time, ``E = E_inf + A/t_rise``, is a sweep over ``t_rise``).
- :func:`ber_run`: adiabatic switching of one gate under a weak signal; error fraction vs temperature.

Energetics follow specs/core.md section 1 (work ``W`` done on the system by the controller; heat ``Q``
into the bath; ``W + W_shadow = dE + Q`` per trajectory).

References: N. Takeuchi et al., IEEE TAS 23, 1700304 (2013); Phys. Rev. Applied 4, 034007 (2015);
K. Sekimoto, Stochastic Energetics (Springer 2010); D. A. Sivak et al., PRX 3, 011007 (2013).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xarray as xr

from landauer.engine.protocol import Protocol
from landauer.engine.simulate import Langevin, run
from landauer.models.aqfp.dynamics import (
    DynamicsUnits,
    chain_model,
    excited_centre_phase,
    source_phase_for_signal,
)
from landauer.models.aqfp.freeze import BerRamp
from landauer.models.aqfp.params import AqfpParams
from landauer.stats import child_seed
from landauer.validation import ParameterError, check_int, check_positive

FULL_EX = math.pi  # phix/2 at full excitation


def four_phase_protocol(
    *,
    t_rise: float,
    n_cycles: int,
    data: Sequence[int],
    src_amp: float,
    n_gates: int,
    sink_amp: float = 0.0,
    signs: Sequence[int] = (),
    settle: float = 0.0,
    start_cycle: int = 0,
    shape: str = "smooth",
) -> Protocol:
    """Quarter-by-quarter schedule of ``ex0..ex3``, ``src`` and ``sink`` (dimensionless time).

    Cycle ``c`` sends ``data[c]`` from the source (phase 0). Gate ``i`` is on phase ``i + 1`` and the sink
    on phase ``n_gates + 1``; the sink carries the value gate ``n_gates - 1`` should hold (0 until the
    data has arrived). ``start_cycle`` continues a run: the protocol then starts mid-stream with the
    excitations of the steady state (phases 2 and 3 high... as left at the end of the previous cycle).
    """
    check_positive("t_rise", t_rise)
    nc = check_int("n_cycles", n_cycles, minimum=1)
    if len(data) < start_cycle + nc:
        raise ParameterError("data needs one value per cycle")
    sgn = list(signs) or [1] * (n_gates - 1)
    total_sign = int(np.prod(sgn)) if sgn else 1
    sink_phase = (n_gates + 1) % 4
    delay = n_gates + 1  # quarters from the source's rise to the sink's rise
    ex = [0.0, 0.0, 0.0, 0.0]
    src, sink = 0.0, 0.0
    if start_cycle > 0:  # at a cycle boundary phases 2 and 3 are excited (phase 2 about to fall)
        ex = [0.0, 0.0, FULL_EX, FULL_EX]
        q_prev = 4 * start_cycle - 1
        sink = _sink_value(q_prev, sink_phase, delay, data, total_sign, sink_amp, held=True)
    prot = Protocol.start(ex0=ex[0], ex1=ex[1], ex2=ex[2], ex3=ex[3], src=src, sink=sink)
    if settle > 0:
        prot = prot.hold(settle, name="settle")
    sh = "smooth" if shape == "smooth" else "linear"
    for q in range(4 * start_cycle, 4 * (start_cycle + nc)):
        rising, falling = q % 4, (q - 2) % 4
        targets = {f"ex{rising}": FULL_EX, f"ex{falling}": 0.0}
        c = q // 4
        if rising == 0:
            targets["src"] = src_amp * data[c]
        if falling == 0:
            targets["src"] = 0.0
        if rising == sink_phase:
            targets["sink"] = _sink_value(q, sink_phase, delay, data, total_sign, sink_amp, held=False)
        if falling == sink_phase:
            targets["sink"] = 0.0
        prot = prot.ramp(t_rise, name=f"q{q}", shape=sh, **targets)
    return prot


def _sink_value(
    q: int, sink_phase: int, delay: int, data: Sequence[int], total_sign: int, amp: float, *, held: bool
) -> float:
    """Value of the sink rising in quarter ``q`` (or still held at the end of quarter ``q``)."""
    q_rise = q if not held else q - ((q - sink_phase) % 4)
    if held and (q - q_rise) >= 2:  # already fallen
        return 0.0
    q_src = q_rise - delay
    if q_src < 0 or q_src % 4 != 0:
        return 0.0
    c = q_src // 4
    return amp * total_sign * data[c] if c < len(data) else 0.0


@dataclass(frozen=True)
class CycleEnergy:
    """Work per gate per cycle (units of kT) in periodic steady state."""

    t_rise: float  # dimensionless
    t_rise_s: float
    work_kT: float
    work_stderr_kT: float
    shadow_kT: float
    heat_kT: float
    error_fraction: float  # final states not equal to the expected data
    n_trajectories: int
    n_gates: int
    n_cycles: int


def cycle_ensemble(
    params: AqfpParams,
    *,
    n_gates: int,
    t_rise: float,
    n_cycles: int = 1,
    n_trajectories: int,
    seed: int,
    sink: bool = True,
    data_value: int = 1,
    asym: float = 0.0,
    h: float = 0.099,
    progress: bool = False,
) -> xr.Dataset:
    """Per-trajectory Sekimoto work per gate per clock cycle of a chain in periodic steady state
    (``sink=False``: the last gate is a terminate with its output grounded).

    Returns a Dataset over ``trajectory`` with ``W``, ``W_shadow``, ``Q`` (kT per gate per cycle) and
    ``error`` (1 where an excited gate ends in the wrong state). The fill run and the measured run draw
    from the independent streams ``child_seed(seed, 0)`` and ``child_seed(seed, 1)``
    (:func:`landauer.stats.child_seed`).
    """
    check_int("n_trajectories", n_trajectories, minimum=1)
    base = chain_model(params, n_gates)
    units = DynamicsUnits.of(params, base, h=h)  # dt from the symmetric chain (as before asym became a param)
    model = base.with_params(asym=asym)
    amp = excited_centre_phase(params)
    n_fill = (n_gates + 1) // 4 + 1
    data = [data_value] * (n_fill + n_cycles)
    common = dict(
        t_rise=t_rise, data=data, src_amp=amp, n_gates=n_gates, sink_amp=amp if sink else 0.0
    )
    dyn = Langevin(kT=units.kT, dt=units.dt, integrator="baoab", mass=units.mass, friction=units.friction)
    fill = four_phase_protocol(n_cycles=n_fill, settle=30.0, **common)  # type: ignore[arg-type]
    ds0 = run(
        model,
        fill,
        dynamics=dyn,
        n_trajectories=n_trajectories,
        seed=child_seed(seed, 0),
        x0=np.zeros(model.ndim),
        progress=progress,
    )
    meas = four_phase_protocol(n_cycles=n_cycles, start_cycle=n_fill, **common)  # type: ignore[arg-type]
    ds = run(
        model,
        meas,
        dynamics=dyn,
        n_trajectories=n_trajectories,
        seed=child_seed(seed, 1),
        x0=ds0["x_final"].values,
        p0=ds0["p_final"].values,
        progress=progress,
        energy_unit="E_J",
    )
    per = 1.0 / (units.kT * n_gates * n_cycles)
    expected = sum(1 << i for i in range(n_gates)) if data_value > 0 else 0
    # at a cycle boundary only the gates on phases 2 and 3 are excited
    excited = [i for i in range(n_gates) if (i + 1) % 4 in (2, 3)]
    mask = sum(1 << i for i in excited)
    err = ((ds["state_final"].values & mask) != (expected & mask)).astype(np.int64) if mask else np.zeros(
        n_trajectories, np.int64)
    return xr.Dataset(
        {"W": ("trajectory", ds["W"].values * per), "W_shadow": ("trajectory", ds["W_shadow"].values * per),
         "Q": ("trajectory", ds["Q"].values * per), "error": ("trajectory", err)},
        attrs={"t_rise_s": t_rise * units.time_unit, "energy_unit": "kT per gate per cycle"},
    )


def cycle_energy(
    params: AqfpParams,
    *,
    n_gates: int,
    t_rise: float,
    n_cycles: int = 1,
    n_trajectories: int,
    seed: int,
    sink: bool = True,
    data_value: int = 1,
    asym: float = 0.0,
    h: float = 0.099,
    progress: bool = False,
) -> CycleEnergy:
    """Steady-state Sekimoto work per gate per clock cycle of a chain, summarised
    (:func:`cycle_ensemble`; ``sink=False``: the last gate is a terminate with its output grounded)."""
    ds = cycle_ensemble(params, n_gates=n_gates, t_rise=t_rise, n_cycles=n_cycles, n_trajectories=n_trajectories,
                        seed=seed, sink=sink, data_value=data_value, asym=asym, h=h, progress=progress)
    return summarise_cycle(ds, t_rise=t_rise, n_gates=n_gates, n_cycles=n_cycles)


def summarise_cycle(ds: xr.Dataset, *, t_rise: float, n_gates: int, n_cycles: int) -> CycleEnergy:
    """Mean work (with its standard error), shadow work, heat and error fraction of a
    :func:`cycle_ensemble` result (concatenated batches allowed)."""
    w = ds["W"].values
    return CycleEnergy(
        t_rise=t_rise,
        t_rise_s=float(ds.attrs["t_rise_s"]),
        work_kT=float(w.mean()),
        work_stderr_kT=float(w.std(ddof=1) / math.sqrt(w.size)),
        shadow_kT=float(ds["W_shadow"].values.mean()),
        heat_kT=float(ds["Q"].values.mean()),
        error_fraction=float(ds["error"].values.mean()),
        n_trajectories=int(w.size),
        n_gates=n_gates,
        n_cycles=n_cycles,
    )


def ber_run(
    params: AqfpParams, *, theta_s: float, ramp: BerRamp, n_trajectories: int, seed: int, h: float = 0.099
) -> tuple[float, int]:
    """Excite one gate (phase 1, grounded output) from rest along ``ramp`` under a source giving the signal
    phase ``theta_s`` > 0; returns (error fraction, number of errors)."""
    model = chain_model(params, 1)
    units = DynamicsUnits.of(params, model, h=h)
    dyn = Langevin(kT=units.kT, dt=units.dt, integrator="baoab", mass=units.mass, friction=units.friction)
    ds = run(
        model,
        ramp.protocol(source_phase_for_signal(theta_s)),
        dynamics=dyn,
        n_trajectories=n_trajectories,
        seed=seed,
        x0=np.zeros(2),
    )
    wrong = int(np.sum(ds["state_final"].values == 0))
    return wrong / n_trajectories, wrong
