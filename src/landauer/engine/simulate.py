"""Run a Langevin ensemble of a :class:`~landauer.engine.model.Model` under a
:class:`~landauer.engine.protocol.Protocol` and return per-trajectory energetics as a Dataset.

Everything here is in the model's dimensionless units; substrates convert at their boundary.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numba
import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.engine.integrators import Integrator, check_step
from landauer.engine.lanes import LANES, kernel_module
from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.rng import seed_key
from landauer.progress import progress_bar
from landauer.results import provenance
from landauer.validation import ParameterError, check_int, check_positive

if TYPE_CHECKING:
    from landauer.engine.sphere import SphereLangevin


SERIAL_BELOW = 2_000_000  # particle-steps below which a run stays on one thread


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
    dynamics: Langevin | SphereLangevin,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike,
    p0: ArrayLike | None = None,
    record: Record = Record(),  # noqa: B008 (frozen, immutable)
    stop: Stop = Stop(),  # noqa: B008
    progress: bool = False,
    energy_unit: str = "model energy unit",
    parameters: dict[str, Any] | None = None,
    backend: str = "cpu",
) -> xr.Dataset:
    """Simulate ``n_trajectories`` independent trajectories and account work and heat per trajectory.

    Parameters
    ----------
    model, protocol
        What to simulate; the protocol's controls are reordered to the model's, missing ones taken from
        ``model.defaults``; the model's params are fixed for the run.
    dynamics
        :class:`Langevin` settings (or a sphere dynamics object with ``state_space == "sphere"``, which
        is handed to :func:`landauer.engine.sphere.run_ensemble`).
    n_trajectories, seed
        Ensemble size and master seed; trajectory ``j`` uses stream ``(seed, j)`` whatever the thread count.
    x0 : array_like
        Initial positions, shape ``(n_trajectories, ndim)`` or ``(ndim,)`` (same for all).
    p0 : array_like, optional
        Initial momenta (underdamped); by default drawn from the Maxwell distribution.
    record : Record
        What to keep beyond W, Q, dE: snapshots at times, passage times, the final state.
    stop : Stop
        When a trajectory ends early (``Stop(at_passage=True)``: at its first change of logical state; its
        W, Q, dE then cover only that part).
    backend : {"cpu", "cuda"}
        ``"cuda"`` runs the ensemble on an NVIDIA GPU (:mod:`landauer.engine.cuda_run`; same streams and
        Dataset, results equal to rounding).

    Returns
    -------
    xarray.Dataset
        ``W`` (work done ON the system by the controller; > 0 means the controller spent energy),
        ``Q`` (heat released INTO the bath; > 0 means the bath received heat), ``dE`` (energy change),
        ``W_shadow`` (integrator shadow work, underdamped splitting only), so that
        ``W + W_shadow = dE + Q`` per trajectory; ``state_initial``/``state_final`` (logical states),
        ``x_initial``, ``x_final`` (and ``p_final`` underdamped); ``t_passage`` (NaN if none) when
        recorded; ``x`` (and ``p``) snapshots with dims ``(time, trajectory, coordinate)``.
        Energies in ``energy_unit``.
    """
    _refuse_start_jump(protocol)
    if backend != "cpu":  # the GPU backend (lazy import: numba.cuda is optional)
        from landauer.engine.cuda_run import check_backend, run_cuda

        check_backend(backend)
        return run_cuda(model, protocol, dynamics=dynamics, n_trajectories=n_trajectories, seed=seed, x0=x0,
                        p0=p0, record=record, stop=stop, progress=progress, energy_unit=energy_unit,
                        parameters=parameters)
    if getattr(dynamics, "state_space", "euclidean") == "sphere":
        from landauer.engine.sphere import run_ensemble

        sphere_dynamics: Any = dynamics
        return run_ensemble(model, protocol, dynamics=sphere_dynamics, n_trajectories=n_trajectories, seed=seed,
                            x0=x0, p0=p0, record=record, stop=stop, progress=progress,
                            energy_unit=energy_unit, parameters=parameters)
    if not isinstance(record, Record):
        raise ParameterError(f"record must be a landauer.engine.Record, got {type(record).__name__}")
    if not isinstance(stop, Stop):
        raise ParameterError(f"stop must be a landauer.engine.Stop, got {type(stop).__name__}")
    if not isinstance(dynamics, Langevin):
        raise ParameterError(f"dynamics must be a landauer.engine.Langevin, got {type(dynamics).__name__}")
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    ndim = model.ndim
    method = dynamics.method
    under = method.underdamped
    prot = protocol.with_controls(model.controls, model.defaults)
    nsteps = prot.n_steps(dynamics.dt)
    dt_eff = prot.duration / nsteps
    snap_steps = _snapshot_steps(record.snapshot_array(), dt_eff, nsteps)
    check_memory(n, ndim, snap_steps.size, underdamped=under)
    x_init = _initial(x0, n, ndim, "x0")
    pvec = model.param_vector()
    kmax = model.curvature_bound(prot.probe_values(), dynamics.kT, x_probe=x_init)
    mob = dynamics.per_coordinate("mobility", ndim)
    mass = dynamics.per_coordinate("mass", ndim)
    fric = dynamics.per_coordinate("friction", ndim)
    check_step(method, dt=dt_eff, max_curvature=kmax, mobility=mob, mass=mass, friction=fric)

    ptimes, pvals, psmooth = prot.knot_arrays()
    key = seed_key(seed)
    kind = "overdamped" if not under else ("baoab" if method is Integrator.BAOAB else "underdamped-euler")
    mod = kernel_module(model.energy, model.gradient, model.classify, kind=kind, ndim=ndim,
                        nc=len(model.controls), npar=int(pvec.size))

    lm = method is Integrator.OVERDAMPED_LM
    track = bool(record.passage or stop.needs_passage)
    at_passage = bool(stop.at_passage)
    nsnap = snap_steps.size
    # trajectory-major buffers; NaN where a trajectory had stopped
    snaps = np.full((n, nsnap, ndim), np.nan)
    psnaps = np.full((n, nsnap if under else 0, ndim), np.nan)
    draw_p = under and p0 is None
    p_init = _initial(p0, n, ndim, "p0") if (under and p0 is not None) else np.zeros((n, ndim))
    base = ndim if (draw_p or lm) else 0  # normals each stream spent before the first step
    S = np.empty((n, 4), dtype=np.uint64)
    ZB = np.zeros(n)
    X = np.empty((n, ndim))
    P = np.empty((n, ndim))
    ZP = np.zeros((n, ndim))
    G = np.empty((n, ndim))
    E0 = np.empty(n)
    W = np.zeros(n)
    Q = np.zeros(n)
    dE = np.empty(n)
    st_i = np.empty(n, dtype=np.int64)
    st_f = np.empty(n, dtype=np.int64)
    err = np.empty(n, dtype=np.int64)
    fp = np.empty(n, dtype=np.int64)
    dur = float(prot.duration)
    c0 = np.ascontiguousarray(pvals[0])
    # a small run stays on one thread: waking a second thread costs more than it saves (tens of ms under load)
    threads_before = numba.get_num_threads()
    if n * nsteps * ndim < SERIAL_BELOW or n <= LANES:
        numba.set_num_threads(1)
    try:
        mod.init(0, x_init, p_init, draw_p, lm, c0, pvec, mass, dynamics.kT, key, snap_steps, S, ZB, X, P, ZP, G, E0,
                 st_i, fp, err, snaps, psnaps)
        seg = _segment_steps(n, ndim, nsteps)
        with progress_bar(total=nsteps, desc=f"{model.name} ({method.value})", enabled=progress, unit="step") as bar:
            for k_lo in range(0, nsteps, seg):
                k_hi = min(nsteps, k_lo + seg)
                mod.advance(k_lo, k_hi, base, ptimes, pvals, psmooth, dt_eff, dur, pvec, mob, mass, fric, dynamics.kT,
                            lm, snap_steps, track, at_passage, S, ZB, X, P, ZP, G, W, Q, st_i, fp, err, snaps, psnaps)
                bar.update(k_hi - k_lo)
        mod.finish(ptimes, pvals, psmooth, nsteps, dt_eff, dur, pvec, mass, at_passage, X, P, E0, fp, dE, st_f)
    finally:
        numba.set_num_threads(threads_before)
    xf = X
    pf = P

    return ensemble_dataset(
        model, prot, dynamics, method=method, seed=seed, energy_unit=energy_unit, parameters=parameters,
        record=record, track=track, at_passage=at_passage, dt_eff=dt_eff, nsteps=nsteps, snap_steps=snap_steps,
        x_init=x_init, W=W, Q=Q, dE=dE, st_i=st_i, st_f=st_f, fp=fp, err=err, xf=xf, pf=pf, snaps=snaps,
        psnaps=psnaps)


def ensemble_dataset(
    model: Model, prot: Protocol, dynamics: Langevin, *, method: Integrator, seed: int, energy_unit: str,
    parameters: dict[str, Any] | None, record: Record, track: bool, at_passage: bool, dt_eff: float,
    nsteps: int, snap_steps: NDArray[np.int64], x_init: NDArray[np.float64], W: NDArray[np.float64],
    Q: NDArray[np.float64], dE: NDArray[np.float64], st_i: NDArray[np.int64], st_f: NDArray[np.int64],
    fp: NDArray[np.int64], err: NDArray[np.int64], xf: NDArray[np.float64], pf: NDArray[np.float64],
    snaps: NDArray[np.float64], psnaps: NDArray[np.float64], extra: dict[str, Any] | None = None,
) -> xr.Dataset:
    """The Euclidean ensemble Dataset from a backend's raw per-trajectory arrays (shared by the CPU and CUDA
    backends); raises :class:`SimulationError` naming the first non-finite trajectory and its step."""
    n = W.shape[0]
    under = method.underdamped
    failed = np.flatnonzero(err >= 0)
    if failed.size:
        j = int(failed[0])
        raise SimulationError(
            f"trajectory {j} became non-finite at step {int(err[j])} (t = {err[j] * dt_eff:.6g}); "
            f"{failed.size} of {n} trajectories failed: reduce dt or check the potential"
        )
    if method is Integrator.BAOAB:
        W_shadow = dE + Q - W
    else:
        Q = W - dE
        W_shadow = np.zeros(n)

    coords: dict[str, Any] = {"trajectory": np.arange(n), "coordinate": list(model.coordinates)}
    data: dict[str, Any] = {
        "W": ("trajectory", W, {"long_name": "work done on the system", "units": energy_unit}),
        "Q": ("trajectory", Q, {"long_name": "heat released into the bath", "units": energy_unit}),
        "dE": ("trajectory", dE, {"long_name": "energy change", "units": energy_unit}),
        "W_shadow": ("trajectory", W_shadow, {"long_name": "integrator shadow work", "units": energy_unit}),
        "state_initial": ("trajectory", st_i, {"long_name": "initial logical state"}),
        "state_final": ("trajectory", st_f, {"long_name": "final logical state"}),
        "x_initial": (("trajectory", "coordinate"), np.array(x_init), {"long_name": "initial position"}),
    }
    if record.final:
        data["x_final"] = (("trajectory", "coordinate"), xf, {"long_name": "final position"})
        if under:
            data["p_final"] = (("trajectory", "coordinate"), pf, {"long_name": "final momentum"})
    if track:  # recorded, or needed to stop at passage
        tp = np.where(fp >= 0, fp * dt_eff, np.nan)
        data["t_passage"] = ("trajectory", tp, {"long_name": "first time the logical state changed"})
    if snap_steps.size:
        coords["time"] = snap_steps * dt_eff
        data["x"] = (("time", "trajectory", "coordinate"), snaps.transpose(1, 0, 2), {"long_name": "position"})
        if under:
            data["p"] = (("time", "trajectory", "coordinate"), psnaps.transpose(1, 0, 2), {"long_name": "momentum"})
    attrs = provenance(
        model=model.name,
        parameters={**{f"param_{k}": v for k, v in model.params.items()}, **(parameters or {})},
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
            "params": list(model.params),
            "stopped_at_passage": int(at_passage),
            "sign_convention": "W > 0: work done on the system; Q > 0: heat into the bath",
            **(extra or {}),
        },
    )
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _refuse_start_jump(protocol: Protocol) -> None:
    """A jump at t = 0 (a zero-length first stage that changes a control) would not be charged: the kernels
    start from the controls in force just after it. Refuse it rather than lose its work silently."""
    if not isinstance(protocol, Protocol):
        return  # not a protocol: the argument checks further on name it
    times, vals = np.asarray(protocol.times), np.asarray(protocol.values, dtype=float)
    k = 1
    while k < times.size and times[k] == 0.0:
        if np.any(vals[k] != vals[0]):
            changed = [c for c, a, b in zip(protocol.controls, vals[0], vals[k], strict=True) if a != b]
            raise ParameterError(
                f"protocol jumps at t = 0 ({', '.join(changed)}): the engine would not charge that jump's work; "
                "start the protocol at the values after the jump and add U(x0; after) - U(x0; before) to W, "
                "or give the jump a short duration")
        k += 1


def available_memory() -> int:
    """Bytes of memory available to a new allocation (``MemAvailable``; physical pages otherwise)."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 2**62


def memory_estimate(n: int, ndim: int, n_snapshots: int, *, underdamped: bool) -> int:
    """Bytes a run holds at its peak: per-trajectory results, and snapshots twice (buffer + Dataset)."""
    vecs = 3 if not underdamped else 5  # x_initial, x_final, x0 copy (+ p0, p_final)
    per_traj = 8 * (8 + vecs * ndim) + 2 * 8 * n_snapshots * ndim * (2 if underdamped else 1)
    return int(n) * per_traj


def check_memory(n: int, ndim: int, n_snapshots: int, *, underdamped: bool) -> None:
    """Refuse a run whose memory estimate exceeds the memory available now (before any work)."""
    need = memory_estimate(n, ndim, n_snapshots, underdamped=underdamped)
    have = available_memory()
    if need > have:
        raise ParameterError(
            f"this run needs about {need / 2**30:.3g} GiB ({n} trajectories x {n_snapshots} snapshots x "
            f"{ndim} coordinates) but only {have / 2**30:.3g} GiB are available: record fewer snapshots "
            "or run fewer trajectories per call"
        )


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


def _segment_steps(n: int, ndim: int, nsteps: int) -> int:
    """Time segments of about 5e7 particle-steps (a fraction of a second) for progress and Ctrl-C."""
    return max(1, min(nsteps, int(5e7 // max(1, n * ndim))))
