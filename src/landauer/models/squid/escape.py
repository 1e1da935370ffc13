"""Thermal escape from one well of the rest landscape: simulated rate vs TST, Kramers-Langer and
Mel'nikov-Meshkov (specs/squid_ce.md section 9.3).

An escape is the first sampled time at which the trajectory is in another quadrant with
``U' < U'_saddle - 3 kT`` (committed: recrossings that do not fall 3 kT are not counted). The rate is
the censored-exponential maximum-likelihood estimate ``n_escaped / total time at risk`` with standard
error ``rate / sqrt(n_escaped)``. Starts are exact Boltzmann samples restricted to the well's quadrant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.landscape import escape_rate
from landauer.models.squid.analysis import analyze, potential
from landauer.models.squid.model import engine_protocol, langevin, model_for
from landauer.models.squid.potential import DEFAULT_SHAPE, Controls, Shape, energy_2d, state_of
from landauer.models.squid.thermal import boltzmann_2d
from landauer.validation import check_int, check_positive


@dataclass(frozen=True)
class EscapeResult:
    rate: float
    stderr: float
    n_escaped: int
    n: int
    barrier_kT: float
    tst: float
    kramers_langer: float
    melnikov_meshkov: float

    @property
    def ratio_mm(self) -> float:
        return self.rate / self.melnikov_meshkov


def predicted_rates(*, kappa: float, damping: float, well: str = "11", shape: Shape = DEFAULT_SHAPE,
                    controls: Controls | None = None) -> tuple[float, float, float, float]:
    """``(barrier/kT, TST, Kramers-Langer, Mel'nikov-Meshkov)`` escape rates (1/t_c) summed over saddles."""
    c = Controls() if controls is None else controls
    info = analyze(c, shape)
    k = info.barriers.index_of(info.wells[well].x)
    pot = potential(c, shape)
    m, f = np.ones(2), damping * np.ones(2)
    tst = escape_rate(pot, info.barriers, k, kT=kappa, method="tst", mass=m)
    kl = escape_rate(pot, info.barriers, k, kT=kappa, method="kramers-langer", mass=m, friction=f)
    mm = escape_rate(pot, info.barriers, k, kT=kappa, method="melnikov-meshkov", mass=m, friction=f)
    return info.wells[well].barrier / kappa, tst, kl, mm


def simulate_escape(*, kappa: float, damping: float, n: int, t_max: float, seed: int, well: str = "11",
                    shape: Shape = DEFAULT_SHAPE, dt: float = 0.05, sample_every: float = 0.5) -> EscapeResult:
    """Simulated escape rate from ``well`` of the rest landscape (module docstring)."""
    check_positive("t_max", t_max)
    n = check_int("n", n, minimum=1)
    c = Controls()
    barrier_kT, tst, kl, mm = predicted_rates(kappa=kappa, damping=damping, well=well, shape=shape)
    info = analyze(c, shape)
    u_s = info.wells[well].energy + info.wells[well].barrier
    x0 = boltzmann_2d(kappa=kappa, n=n, seed=seed, shape=shape, well=well)
    prot = engine_protocol(Protocol.start(**c.as_dict()).hold(t_max), shape, 2)
    times = np.arange(sample_every, t_max + 1e-9, sample_every)
    ds = run(model_for(2, shape), prot, dynamics=langevin(damping=damping, kappa=kappa, dt=dt), n_trajectories=n,
             seed=seed, x0=x0, record=Record(snapshots=tuple(times)), energy_unit="U0")
    x = ds["x"].values  # (time, traj, 2)
    src = int(state_of(np.array([1.0 if well[0] == "1" else -1.0, 1.0 if well[1] == "1" else -1.0])))
    out = (state_of(x) != src) & (energy_2d(x, c, shape) < u_s - 3 * kappa)
    esc = out.any(axis=0)
    first = np.where(esc, np.argmax(out, axis=0), -1)
    t_obs = ds["time"].values
    at_risk = np.where(esc, t_obs[first], t_max).sum()
    ne = int(esc.sum())
    rate = ne / at_risk
    return EscapeResult(rate, rate / np.sqrt(max(ne, 1)), ne, n, barrier_kT, tst, kl, mm)
