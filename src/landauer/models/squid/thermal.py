"""Thermal (underdamped Langevin, BAOAB) runs of CE sequences on the shared engine.

Initial conditions are exact Boltzmann samples ``P ~ exp(-U'/kappa')`` of the rest landscape (2-D),
restricted to one well's quadrant or over the whole box, by grid-envelope rejection: each cell of a
fine grid gets the rigorous lower bound ``U_lb = U(c) - |grad U(c)| r - lambda_max r^2/2`` (``r`` the
half-diagonal, ``lambda_max`` a bound on the Hessian), cells are drawn with weights
``exp(-U_lb/kappa')``, points uniformly within them and accepted with ``exp(-(U - U_lb)/kappa')``.
4-DOF starts add ``phi_dc`` from its conditional Gaussian at ``phi_xdc = 0`` and an equilibration hold.

Each CE of a sequence is a separate engine run continuing from the previous run's positions and momenta
(with its own noise streams), so the work, heat and logical state are recorded after every step.

Seeds: a run with master ``seed`` draws the starts of input ``k`` from ``child_seed(child_seed(seed, 0), k)``
and the noise of step ``k`` from ``child_seed(child_seed(seed, 1), k)`` (:mod:`landauer.stats.seeds`,
``SeedSequence`` spawning), so every stream is independent and none is an offset of another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from landauer.engine.protocol import Protocol
from landauer.engine.simulate import run
from landauer.models.squid.model import engine_protocol, langevin, model_for
from landauer.models.squid.params import SquidParams
from landauer.models.squid.potential import DEFAULT_SHAPE, Controls, Shape, energy_2d, gradient_2d, label
from landauer.stats.seeds import child_seed
from landauer.validation import ParameterError, check_choice, check_int, check_positive

Array = NDArray[np.float64]
QUADRANTS = {"11": (1, 1), "01": (-1, 1), "00": (-1, -1), "10": (1, -1)}


def boltzmann_2d(*, kappa: float, n: int, seed: int, shape: Shape = DEFAULT_SHAPE, well: str | None = None,
                 controls: Controls | None = None, box: float = 4.0, h: float = 0.004,
                 window_kT: float = 40.0) -> Array:
    """``n`` exact samples of ``exp(-U'/kappa')`` (2-D), in one well's quadrant or the whole box."""
    check_positive("kappa", kappa)
    n = check_int("n", n, minimum=1)
    c = Controls() if controls is None else controls
    if well is not None:
        check_choice("well", well, QUADRANTS)
    key = (float(kappa), shape, well, c, float(box), float(h), float(window_kT))
    env = _ENVELOPES.get(key)
    if env is None:
        env = _envelope(*key)
        if env[0].shape[0] <= _CACHE_CELLS:  # cold starts (a few 1e4 cells per well) only, not hot whole boxes
            if len(_ENVELOPES) >= 16:
                _ENVELOPES.pop(next(iter(_ENVELOPES)))
            _ENVELOPES[key] = env
    centres, U_lb, cdf = env
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0x5C1D]))
    out = np.empty((0, 2))
    while out.shape[0] < n:
        m = int(1.3 * (n - out.shape[0])) + 64
        idx = np.minimum(np.searchsorted(cdf, rng.random(m)), cdf.size - 1)
        pts = centres[idx] + (rng.random((m, 2)) - 0.5) * h
        acc = rng.random(m) < np.exp(-(energy_2d(pts, c, shape) - U_lb[idx]) / kappa)
        out = np.vstack([out, pts[acc]])
    return out[:n]


#: Sampling envelopes of :func:`boltzmann_2d` kept for reuse (a sweep samples the same wells at every
#: point), at most 16, each of at most ``_CACHE_CELLS`` cells (~10 MB).
_ENVELOPES: dict[tuple, tuple[Array, Array, Array]] = {}
_CACHE_CELLS = 300_000


def _envelope(kappa: float, shape: Shape, well: str | None, c: Controls, box: float, h: float,
              window_kT: float) -> tuple[Array, Array, Array]:
    """The grid envelope of :func:`boltzmann_2d`: kept cell centres, their lower bounds ``U_lb`` and the
    cumulative cell weights."""
    if well is not None:
        sx, sy = QUADRANTS[well]
        xs = np.arange(0.0, box, h) + h / 2
        ax, ay = sx * xs, sy * xs
    else:
        ax = ay = np.arange(-box, box, h) + h / 2
    X, Y = np.meshgrid(ax, ay, indexing="ij")
    centres = np.stack([X.ravel(), Y.ravel()], axis=1)
    U = energy_2d(centres, c, shape)
    G = np.linalg.norm(gradient_2d(centres, c, shape), axis=1)
    r = h / np.sqrt(2.0)
    lam_max = 1.0 / (1.0 - c.mu**2) * (1 + abs(c.mu)) + shape.beta
    U_lb = U - G * r - 0.5 * lam_max * r * r
    keep = U_lb < U.min() + window_kT * kappa
    centres, U_lb = centres[keep], U_lb[keep]
    w = np.exp(-(U_lb - U_lb.min()) / kappa)
    cdf = np.cumsum(w)
    cdf /= cdf[-1]
    for a in (centres, U_lb, cdf):
        a.flags.writeable = False
    return centres, U_lb, cdf


def initial_positions(inputs: Sequence[str], n_per_input: int, *, kappa: float, seed: int, shape: Shape,
                      dof: int) -> tuple[Array, NDArray[np.int64]]:
    """Boltzmann starts in each input well (stacked in ``inputs`` order) and the input index of each row.

    Input ``k`` draws from ``child_seed(seed, k)`` only (its 4-DOF ``phi_dc`` from a second stream of it).
    """
    rows, which = [], []
    for k, lab in enumerate(inputs):
        sk = child_seed(seed, k)
        x = boltzmann_2d(kappa=kappa, n=n_per_input, seed=sk, shape=shape, well=lab)
        if dof == 4:
            # conditional Gaussian of phi_dc at phi_xdc = 0: mean ~ 0 by symmetry (cos(phi_dc/2) even),
            # curvature gamma - (beta/4) cos(phi) (dbeta = 0); refined by the equilibration hold
            rng = np.random.default_rng(np.random.SeedSequence([sk, 17]))
            curv = shape.gamma - 0.25 * shape.beta * np.cos(x)
            dc = rng.standard_normal(x.shape) * np.sqrt(kappa / np.clip(curv, 1e-3, None))
            x = np.hstack([x, dc])
        rows.append(x)
        which.append(np.full(n_per_input, k))
    return np.vstack(rows), np.concatenate(which)


@dataclass(frozen=True)
class Thermal:
    """Dynamics settings in (U0, t_c) units: damping ``gamma'``, ``kappa' = kT/U0``, step, model."""

    damping: float
    kappa: float
    dt: float = 0.05
    dof: int = 2
    shape: Shape = field(default=DEFAULT_SHAPE)
    equilibrate: float = 0.0

    def __post_init__(self) -> None:
        check_positive("damping", self.damping)
        check_positive("kappa", self.kappa)
        check_positive("dt", self.dt)
        check_positive("equilibrate", self.equilibrate, allow_zero=True)
        if self.dof not in (2, 4):
            raise ParameterError(f"dof must be 2 or 4, got {self.dof!r}")

    @classmethod
    def from_params(cls, p: SquidParams, *, dt: float = 0.05, dof: int = 2, xi_on: bool | None = None,
                    equilibrate: float | None = None) -> Thermal:
        """Settings for SI parameters: ``gamma' = 2 sqrt(L/C)/R``, ``kappa' = kT/U0``, the device's beta,
        dbeta, gamma; 4-DOF keeps ``xi`` and equilibrates 10/gamma' t_c by default."""
        keep_xi = (dof == 4) if xi_on is None else xi_on
        shape = Shape(beta=p.beta, dbeta=p.dbeta, gamma=p.gamma, xi_on=keep_xi)
        eq = (10.0 / p.damping if dof == 4 else 0.0) if equilibrate is None else equilibrate
        return cls(damping=p.damping, kappa=p.kappa, dt=dt, dof=dof, shape=shape, equilibrate=eq)


def run_sequence(steps: Sequence[Protocol], *, thermal: Thermal, inputs: Sequence[str], n_per_input: int,
                 seed: int, progress: bool = False) -> xr.Dataset:
    """Run protocols (over the physical controls) one after another from Boltzmann starts in each input.

    Returns a Dataset over ``trajectory`` with ``input`` (label index), ``state`` (``step``: 0 = start,
    k = after protocol k), per-step ``W``, ``Q``, ``W_shadow`` and totals, all energies in kT.
    """
    n = check_int("n_per_input", n_per_input, minimum=1)
    for lab in inputs:
        check_choice("input", lab, QUADRANTS)
    dof = thermal.dof
    model = model_for(dof, thermal.shape)
    start_seed, step_seed = child_seed(seed, 0), child_seed(seed, 1)
    x, which = initial_positions(inputs, n, kappa=thermal.kappa, seed=start_seed, shape=thermal.shape, dof=dof)
    p = None
    dyn = langevin(damping=thermal.damping, kappa=thermal.kappa, dt=thermal.dt, dof=dof)
    kap = thermal.kappa
    eprots = [engine_protocol(s, thermal.shape, dof) for s in steps]
    if thermal.equilibrate > 0:
        eprots[0] = engine_protocol(Protocol.start(**Controls().as_dict()).hold(thermal.equilibrate)
                                    .then(steps[0]), thermal.shape, dof)
    states = [np.asarray(_classify(x), dtype=np.int64)]
    W, Q, WS = [], [], []
    for k, prot in enumerate(eprots):
        ds = run(model, prot, dynamics=dyn, n_trajectories=x.shape[0], seed=child_seed(step_seed, k), x0=x, p0=p,
                 progress=progress, energy_unit="U0")
        x = np.ascontiguousarray(ds["x_final"].values)
        p = np.ascontiguousarray(ds["p_final"].values)
        states.append(ds["state_final"].values.astype(np.int64))
        W.append(ds["W"].values / kap)
        Q.append(ds["Q"].values / kap)
        WS.append(ds["W_shadow"].values / kap)
    Wa, Qa, WSa = np.array(W).T, np.array(Q).T, np.array(WS).T
    return xr.Dataset(
        {
            "input": ("trajectory", which, {"long_name": "input index", "labels": ",".join(inputs)}),
            "state": (("trajectory", "step"), np.array(states).T, {"long_name": "logical state 2 b1 + b2"}),
            "W_step": (("trajectory", "ce"), Wa, {"units": "kT", "long_name": "work on the system per CE"}),
            "Q_step": (("trajectory", "ce"), Qa, {"units": "kT", "long_name": "heat into the bath per CE"}),
            "W_shadow_step": (("trajectory", "ce"), WSa, {"units": "kT"}),
            "W": ("trajectory", Wa.sum(axis=1), {"units": "kT", "long_name": "total work on the system"}),
            "Q": ("trajectory", Qa.sum(axis=1), {"units": "kT", "long_name": "total heat into the bath"}),
            "x_final": (("trajectory", "coordinate"), x),
        },
        coords={"trajectory": np.arange(x.shape[0]), "step": np.arange(len(eprots) + 1),
                "ce": np.arange(len(eprots)), "coordinate": list(model.coordinates)},
        attrs={"inputs": ",".join(inputs), "damping": thermal.damping, "kappa": kap, "dt": thermal.dt,
               "dof": dof, "beta": thermal.shape.beta, "gamma": thermal.shape.gamma,
               "xi_on": int(thermal.shape.xi_on), "seed": seed,
               "labels": ",".join(label(s) for s in range(4))},
    )


def _classify(x: Array) -> NDArray[np.int64]:
    return (2 * (x[:, 0] > 0) + (x[:, 1] > 0)).astype(np.int64)
