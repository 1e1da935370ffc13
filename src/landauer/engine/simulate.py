"""Run a Langevin ensemble of a :class:`~landauer.engine.model.Model` under a
:class:`~landauer.engine.protocol.Protocol` and return per-trajectory energetics as a Dataset.

Everything here is in the model's dimensionless units; substrates convert at their boundary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.engine.integrators import Integrator, check_step
from landauer.engine.kernels import get_kernel
from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.engine.rng import seed_key
from landauer.progress import progress_bar
from landauer.results import provenance
from landauer.validation import ParameterError, check_int, check_positive

MAX_TABLE_BYTES = 2**30


class SimulationError(ValueError):
    """A trajectory became non-finite or left the domain; the message names the trajectory and step."""


@dataclass(frozen=True)
class Langevin:
    """Dynamics settings, in the model's units.

    Parameters
    ----------
    kT : float
        Thermal energy (> 0).
    dt : float
        Time step (> 0).
    integrator : Integrator or str
        ``"overdamped-euler"`` (default), ``"overdamped-lm"``, ``"baoab"`` or ``"underdamped-euler"``.
    mobility : float or sequence
        Overdamped mobility ``mu = 1/gamma`` per coordinate (``D = mu kT``).
    mass, friction : float or sequence
        Underdamped mass ``m`` and friction ``gamma`` per coordinate.
    """

    kT: float
    dt: float
    integrator: Integrator | str = Integrator.OVERDAMPED_EULER
    mobility: float | Sequence[float] = 1.0
    mass: float | Sequence[float] = 1.0
    friction: float | Sequence[float] = 1.0
    _int: Integrator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_positive("kT", self.kT)
        check_positive("dt", self.dt)
        check_positive("mobility", self.mobility)
        check_positive("mass", self.mass)
        check_positive("friction", self.friction)
        object.__setattr__(self, "_int", Integrator.parse(self.integrator))

    @property
    def method(self) -> Integrator:
        return self._int

    def per_coordinate(self, name: str, ndim: int) -> NDArray[np.float64]:
        v = np.broadcast_to(np.asarray(getattr(self, name), dtype=float), (ndim,)) if np.ndim(
            getattr(self, name)) == 0 else np.asarray(getattr(self, name), dtype=float)
        if v.shape != (ndim,):
            raise ParameterError(f"{name} needs one value per coordinate ({ndim}), got {v.shape[0]}")
        return np.ascontiguousarray(v, dtype=float)


def run(
    model: Model,
    protocol: Protocol,
    *,
    dynamics: Any,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike,
    p0: ArrayLike | None = None,
    snapshot_times: ArrayLike | None = None,
    progress: bool = False,
    first_passage: bool = False,
    stop_at_passage: bool = False,
    energy_unit: str = "model energy unit",
    parameters: dict[str, Any] | None = None,
    record: Any = None,
    stop: Any = None,
) -> xr.Dataset:
    """Simulate ``n_trajectories`` independent trajectories and account work and heat per trajectory.

    Parameters
    ----------
    model, protocol
        What to simulate; the protocol's controls are reordered to the model's, missing ones taken from
        ``model.defaults``.
    dynamics
        :class:`Langevin` settings.
    n_trajectories, seed
        Ensemble size and master seed; trajectory ``j`` uses stream ``(seed, j)`` whatever the thread count.
    x0 : array_like
        Initial positions, shape ``(n_trajectories, ndim)`` or ``(ndim,)`` (same for all).
    p0 : array_like, optional
        Initial momenta (underdamped); by default drawn from the Maxwell distribution.
    snapshot_times : sequence of float, optional
        Times at which to record positions (rounded to the nearest step).
    first_passage : bool
        Record ``t_passage``, the first time the logical state differs from the initial one (NaN if never).
    stop_at_passage : bool
        End each trajectory at its first passage (its W, Q, dE then cover only that part).

    Returns
    -------
    xarray.Dataset
        ``W`` (work done ON the system by the controller; > 0 means the controller spent energy),
        ``Q`` (heat released INTO the bath; > 0 means the bath received heat), ``dE`` (energy change),
        ``W_shadow`` (integrator shadow work, underdamped splitting only), so that
        ``W + W_shadow = dE + Q`` per trajectory; ``state_initial``/``state_final`` (logical states),
        ``x_final`` (and ``p_final`` underdamped); optional ``x`` (and ``p``) snapshots with dims
        ``(time, trajectory, coordinate)``. Energies in ``energy_unit``.
    """
    if getattr(dynamics, "state_space", "euclidean") == "sphere":
        from landauer.engine.sphere import run_ensemble

        return run_ensemble(model, protocol, dynamics=dynamics, n_trajectories=n_trajectories, seed=seed, x0=x0,
                            p0=p0, record=record, stop=stop, progress=progress, energy_unit=energy_unit,
                            parameters=parameters)
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    ndim = model.ndim
    method = dynamics.method
    prot = protocol.with_controls(model.controls, model.defaults)
    lam = np.ascontiguousarray(prot.table(dynamics.dt))
    if lam.nbytes > MAX_TABLE_BYTES:
        raise ParameterError(f"protocol table of {lam.shape[0]} steps is too large; use a larger dt")
    nsteps = lam.shape[0] - 1
    dt_eff = prot.duration / nsteps
    changes = np.any(lam[1:] != lam[:-1], axis=1)
    if model.max_curvature is None:
        raise ParameterError(f"model {model.name} needs max_curvature for Euclidean dynamics")
    kmax = float(model.max_curvature(lam, dynamics.kT))
    mob = dynamics.per_coordinate("mobility", ndim)
    mass = dynamics.per_coordinate("mass", ndim)
    fric = dynamics.per_coordinate("friction", ndim)
    check_step(method, dt=dt_eff, max_curvature=kmax, mobility=mob, mass=mass, friction=fric)

    x_init = _initial(x0, n, ndim, "x0")
    snap_steps = _snapshot_steps(snapshot_times, dt_eff, nsteps)
    key = seed_key(seed)
    kernel = get_kernel(model.energy, model.gradient, model.classify, ndim, method)

    W = np.empty(n)
    dE = np.empty(n)
    Q = np.empty(n)
    st_i = np.empty(n, dtype=np.int64)
    st_f = np.empty(n, dtype=np.int64)
    err = np.empty(n, dtype=np.int64)
    fp = np.empty(n, dtype=np.int64)
    track = bool(first_passage or stop_at_passage)
    xf = np.empty((n, ndim))
    # trajectory-major buffers: every chunk slice is C-contiguous, so one compiled kernel serves all chunks
    snaps = np.full((n, snap_steps.size, ndim), np.nan)
    under = method.underdamped
    if under:
        draw_p = p0 is None
        p_init = np.zeros((n, ndim)) if p0 is None else _initial(p0, n, ndim, "p0")
        pf = np.empty((n, ndim))
        psnaps = np.full((n, snap_steps.size, ndim), np.nan)

    chunk = _chunk_size(n, nsteps * ndim)
    with progress_bar(total=n, desc=f"{model.name} ({method.value})", enabled=progress, unit="traj") as bar:
        for lo in range(0, n, chunk):
            sl = slice(lo, min(n, lo + chunk))
            if under:
                kernel(lo, x_init[sl], p_init[sl], draw_p, lam, changes, dt_eff, mass, fric, dynamics.kT, key,
                       snap_steps, track, stop_at_passage, W[sl], Q[sl], dE[sl], st_i[sl], st_f[sl], err[sl],
                       fp[sl], xf[sl], pf[sl], snaps[sl], psnaps[sl])
            else:
                kernel(lo, x_init[sl], lam, changes, dt_eff, mob, dynamics.kT, key, snap_steps, track,
                       stop_at_passage, method is Integrator.OVERDAMPED_LM, W[sl], dE[sl], st_i[sl], st_f[sl], err[sl], fp[sl], xf[sl], snaps[sl])
            bar.update(sl.stop - sl.start)

    failed = np.flatnonzero(err >= 0)
    if failed.size:
        j = int(failed[0])
        raise SimulationError(
            f"trajectory {j} became non-finite at step {int(err[j])} (t = {err[j] * dt_eff:.6g}); "
            f"{failed.size} of {n} trajectories failed: reduce dt or check the potential"
        )
    if under and method is Integrator.BAOAB:
        W_shadow = dE + Q - W
    else:
        if not under:
            Q = W - dE
        W_shadow = np.zeros(n)

    coords = {"trajectory": np.arange(n), "coordinate": list(model.coordinates)}
    data: dict[str, Any] = {
        "W": ("trajectory", W, {"long_name": "work done on the system", "units": energy_unit}),
        "Q": ("trajectory", Q, {"long_name": "heat released into the bath", "units": energy_unit}),
        "dE": ("trajectory", dE, {"long_name": "energy change", "units": energy_unit}),
        "W_shadow": ("trajectory", W_shadow, {"long_name": "integrator shadow work", "units": energy_unit}),
        "state_initial": ("trajectory", st_i, {"long_name": "initial logical state"}),
        "state_final": ("trajectory", st_f, {"long_name": "final logical state"}),
        "x_final": (("trajectory", "coordinate"), xf, {"long_name": "final position"}),
    }
    if under:
        data["p_final"] = (("trajectory", "coordinate"), pf, {"long_name": "final momentum"})
    if track:
        tp = np.where(fp >= 0, fp * dt_eff, np.nan)
        data["t_passage"] = ("trajectory", tp, {"long_name": "first time the logical state changed"})
    if snap_steps.size:
        coords["time"] = snap_steps * dt_eff
        data["x"] = (("time", "trajectory", "coordinate"), snaps.transpose(1, 0, 2), {"long_name": "position"})
        if under:
            data["p"] = (("time", "trajectory", "coordinate"), psnaps.transpose(1, 0, 2), {"long_name": "momentum"})
    attrs = provenance(
        model=model.name,
        parameters=parameters or {},
        seed=seed,
        extra={
            "integrator": method.value,
            "weak_order": method.weak_order,
            "kT": dynamics.kT,
            "dt": dt_eff,
            "n_steps": nsteps,
            "duration": prot.duration,
            "energy_unit": energy_unit,
            "controls": list(model.controls),
            "sign_convention": "W > 0: work done on the system; Q > 0: heat into the bath",
        },
    )
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _initial(x: ArrayLike, n: int, ndim: int, name: str) -> NDArray[np.float64]:
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 1 and arr.shape == (ndim,):
        arr = np.broadcast_to(arr, (n, ndim))
    if arr.shape == (n,) and ndim == 1:
        arr = arr[:, None]
    if arr.shape != (n, ndim):
        raise ParameterError(f"{name} must have shape ({n}, {ndim}) or ({ndim},), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} contains non-finite values")
    return np.ascontiguousarray(arr)


def _snapshot_steps(times: ArrayLike | None, dt: float, nsteps: int) -> NDArray[np.int64]:
    t = np.zeros(0) if times is None else np.atleast_1d(np.asarray(times, dtype=float))
    if t.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(t > nsteps * dt * (1 + 1e-12)):
        raise ParameterError("snapshot times must lie within the protocol duration")
    return np.unique(np.clip(np.rint(t / dt).astype(np.int64), 0, nsteps))


def _chunk_size(n: int, work_per_traj: int) -> int:
    """Chunks of about 2e7 particle-steps (a fraction of a second) for the progress bar."""
    target = max(1, int(2e7 // max(work_per_traj, 1)))
    chunk = max(1024, target)
    return min(n, int(math.ceil(n / max(1, math.ceil(n / chunk)))))
