"""CEs and the NAND with the hypothetical half-plane barrier control (:mod:`landauer.models.squid.halfplane`):
thermal ensembles in the same Dataset layout as :func:`landauer.models.squid.thermal.run_sequence`, so
:func:`landauer.models.squid.nand.summarize` reads them (orchestration only)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xarray as xr

from landauer.engine.simulate import run
from landauer.models.squid import halfplane
from landauer.models.squid.model import langevin
from landauer.models.squid.nand import ideal_trace, landauer_cost, summarize
from landauer.models.squid.potential import STATE_LABELS
from landauer.models.squid.protocols import CE
from landauer.models.squid.thermal import Thermal, initial_positions
from landauer.optimise.squid import TradeoffPoint
from landauer.stats import child_seed, clopper_pearson
from landauer.validation import ParameterError

HALFPLANE_DT = 0.035  # t_c


def run_sequence(ces: Sequence[CE], *, tau: float, thermal: Thermal, n_per_input: int, seed: int,
                 k_low: float = 0.9, tilt: float = 0.15) -> xr.Dataset:
    """Each CE of ``ces`` by :func:`halfplane.ce_protocol` (duration ``tau`` t_c each), one engine run per CE
    continuing positions and momenta, from Boltzmann starts in all four rest wells (the rest landscape is the
    device's). Energies in kT."""
    if thermal.dof != 2:
        raise ParameterError("the half-plane model is 2-D (dof = 2)")
    m = halfplane.model(beta=thermal.shape.beta)
    start_seed, step_seed = child_seed(seed, 0), child_seed(seed, 1)  # as models.squid.thermal.run_sequence
    x, which = initial_positions(list(STATE_LABELS), n_per_input, kappa=thermal.kappa, seed=start_seed,
                                 shape=thermal.shape, dof=2)
    # the blend's curvature bound (module halfplane) is looser than the device's: a finer step keeps
    # dt sqrt(bound) below 0.1
    dyn = langevin(damping=thermal.damping, kappa=thermal.kappa, dt=min(thermal.dt, HALFPLANE_DT))
    p = None
    states = [(2 * (x[:, 0] > 0) + (x[:, 1] > 0)).astype(np.int64)]
    W, Q = [], []
    for k, ce in enumerate(ces):
        prot = halfplane.ce_protocol(ce, tau=tau, k_low=k_low, tilt=tilt, beta=thermal.shape.beta)
        ds = run(m, prot, dynamics=dyn, n_trajectories=x.shape[0], seed=child_seed(step_seed, k), x0=x, p0=p,
                 energy_unit="U0")
        x = np.ascontiguousarray(ds["x_final"].values)
        p = np.ascontiguousarray(ds["p_final"].values)
        states.append(ds["state_final"].values.astype(np.int64))
        W.append(ds["W"].values / thermal.kappa)
        Q.append(ds["Q"].values / thermal.kappa)
    Wa, Qa = np.array(W).T, np.array(Q).T
    return xr.Dataset(
        {"input": ("trajectory", which), "state": (("trajectory", "step"), np.array(states).T),
         "W_step": (("trajectory", "ce"), Wa), "Q_step": (("trajectory", "ce"), Qa),
         "W": ("trajectory", Wa.sum(axis=1)), "Q": ("trajectory", Qa.sum(axis=1))},
        attrs={"inputs": ",".join(STATE_LABELS), "energy_unit": "kT", "tau_tc": tau, "k_low": k_low, "tilt": tilt})


def point(ces: Sequence[CE], *, tau: float, thermal: Thermal, n_per_input: int, seed: int, label: str,
          k_low: float = 0.9, tilt: float = 0.15) -> TradeoffPoint:
    """Mean work (uniform inputs), error rate and the erased inputs' work of ``ces`` with the half-plane
    control; kept barrier: the full rest barrier of the preserved half-plane lowered by the tilt (reported
    as NaN here: the kept wells never come near a fold)."""
    ces = tuple(ces)
    ds = run_sequence(ces, tau=tau, thermal=thermal, n_per_input=n_per_input, seed=seed, k_low=k_low, tilt=tilt)
    s = summarize(ds, ces, nand="complete" if len(ces) == 5 else None)
    w, se = s.average()
    n = int(s.confusion.sum())
    bad = n - int(round(sum(s.success[k] * s.confusion[i].sum() for i, k in enumerate(s.inputs))))
    moved = [lab for lab in STATE_LABELS if len(set(ideal_trace(ces)[lab])) > 1]
    sw = float(np.mean([s.mean_work[k] for k in moved]))
    sse = float(np.sqrt(np.sum([s.work_stderr[k] ** 2 for k in moved])) / len(moved))
    return TradeoffPoint(label, w, se, sw, sse, float("nan"), bad / n, clopper_pearson(bad, n)[1], n,
                         landauer_cost(ces))
