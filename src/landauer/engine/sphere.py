"""The unit-sphere state space: stochastic Landau-Lifshitz-Gilbert ensembles with work and heat.

A model on the sphere has coordinates ``("mx", "my", "mz")`` (a unit vector ``m``) and an energy
``U(m; c, p)`` in the run's energy unit. :func:`run_ensemble` (reached through
:func:`landauer.engine.simulate.run` with ``dynamics=SphereLangevin(...)``) integrates, in Landau-Lifshitz
form with Brown's thermal field in both terms (Garcia-Palacios & Lazaro, PRB 58, 14937 (1998)),

    dm/dt = -(1 + alpha^2)^-1 [m x h + alpha m x (m x h)],     h = -(1/mu) dU/dm + h_th (+ h_stt),
    <h_th,i(t) h_th,j(t')> = (2 alpha kT / mu) delta_ij delta(t - t')      (Brown, PRB 130, 1677 (1963)),

with ``mu`` the moment (:attr:`SphereLangevin.moment`: energy per unit field; time in units of
``1/(gamma H_unit)``). The integrator is stochastic Heun (Stratonovich, weak order 1) with the same
thermal field in predictor and corrector, then ``m <- m/|m|``. Optional Slonczewski spin-transfer torque
with polarisation ``e`` enters as ``h_stt = a_J (m x e) + b_J e``, ``a_J = a0 / (1 + P^2 m.e)``
(Slonczewski, PRB 39, 6995 (1989)).

Energetics per trajectory (Sekimoto, Prog. Theor. Phys. Suppl. 130, 17 (1998)): at the start of step
``k`` the controls switch ``c_k -> c_{k+1}`` at fixed ``m_k`` (work ``W += U(m_k; c_{k+1}) - U(m_k; c_k)``),
then one Heun step at fixed ``c_{k+1}`` (heat released ``Q += U(m_k; c_{k+1}) - U(m_{k+1}; c_{k+1}) + dW_stt``),
where ``W_stt`` is the work of the torque, ``dt/4 (dU/dm(m) + dU/dm(m_pred)) . (v_stt(m) + v_stt(m_pred))``.
Then ``W + W_stt = dE + Q`` per trajectory (``W_shadow = 0`` on the sphere).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.rng import seed_key
from landauer.engine.simulate import SimulationError
from landauer.engine.sphere_kernel import LANES, kernel_module
from landauer.progress import progress_bar
from landauer.results import provenance
from landauer.validation import ParameterError, check_finite, check_int, check_positive

COORDINATES = ("mx", "my", "mz")
STEP_WARN = 0.03
STEP_MAX = 0.1
WORK_PER_CALL = 4e7  # lane-steps per kernel call: a fraction of a second, so Ctrl-C is honoured quickly
CHUNK_TRAJ = 1 << 15


@dataclass(frozen=True)
class SphereLangevin:
    """Stochastic LLG dynamics on the unit sphere (see module docstring), in the model's units.

    Parameters
    ----------
    alpha : float
        Gilbert damping (> 0).
    dt : float
        Time step (units of ``1/(gamma H_unit)``).
    kT : float
        Thermal energy in the model's energy unit (> 0).
    moment : float
        ``mu``: energy per unit field, so that ``h = -(1/mu) dU/dm`` (for an MTJ with energies in kT and
        fields in units of H_K: ``mu0 Ms V H_K / kT = 2 sigma``).
    stt_a0, stt_b : float
        Slonczewski damping-like prefactor ``a0`` and field-like ``b_J`` (field units); 0 disables.
    stt_p2 : float
        ``P^2`` (spin polarisation squared), in [0, 1).
    stt_direction : tuple of float
        Polarisation direction ``e`` (normalised here); the reference layer, default ``+y``.
    """

    alpha: float
    dt: float
    kT: float = 1.0
    moment: float = 1.0
    stt_a0: float = 0.0
    stt_b: float = 0.0
    stt_p2: float = 0.0
    stt_direction: tuple[float, float, float] = (0.0, 1.0, 0.0)
    state_space: str = "sphere"

    def __post_init__(self) -> None:
        check_positive("alpha", self.alpha)
        check_positive("dt", self.dt)
        check_positive("kT", self.kT)
        check_positive("moment", self.moment)
        check_finite("stt_a0", self.stt_a0)
        check_finite("stt_b", self.stt_b)
        check_positive("stt_p2", self.stt_p2, allow_zero=True)
        if self.stt_p2 >= 1.0:
            raise ParameterError(f"stt_p2 must be below 1, got {self.stt_p2:g}")
        e = np.asarray(self.stt_direction, dtype=float)
        if e.shape != (3,) or not np.all(np.isfinite(e)) or not np.any(e):
            raise ParameterError("stt_direction must be a finite, non-zero 3-vector")
        object.__setattr__(self, "stt_direction", tuple(float(v) for v in e / np.linalg.norm(e)))
        if self.state_space != "sphere":
            raise ParameterError(f"SphereLangevin.state_space must be 'sphere', got {self.state_space!r}")

    @property
    def stt_on(self) -> bool:
        return self.stt_a0 != 0.0 or self.stt_b != 0.0

    def stt_vector(self) -> NDArray[np.float64]:
        """``(a0, b, P^2, e_x, e_y, e_z, on)`` as the kernel takes it."""
        return np.array([self.stt_a0, self.stt_b, self.stt_p2, *self.stt_direction, 1.0 if self.stt_on else 0.0])

    def noise_amplitude(self, dt: float) -> float:
        """Standard deviation of each thermal-field component held over one step: ``sqrt(2 alpha kT/(mu dt))``."""
        return math.sqrt(2.0 * self.alpha * self.kT / (self.moment * dt))


def knots(prot: Protocol) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """Knot times, values and smooth flags of a protocol, padded to at least one segment."""
    times, vals, smooth = prot.knot_arrays()
    if times.size == 1:
        times = np.array([0.0, prot.duration])
        vals = np.ascontiguousarray(np.vstack([vals, vals]))
        smooth = np.zeros(1, dtype=np.int64)
    return times, vals, smooth


def field_bound(model: Any, prot: Protocol, p: NDArray[np.float64], kT: float) -> float:
    """An upper estimate of ``max |dU/dm|`` over the sphere and the protocol (energy units).

    Uses ``model.max_curvature(c_knots, p, kT)`` when the model gives one (for sphere models it bounds the
    gradient norm); otherwise evaluates the gradient on 400 directions at the knots and 8 points inside
    every segment.
    """
    if model.max_curvature is not None:
        return float(model.max_curvature(np.asarray(prot.values, dtype=float), p, kT))
    vals = prot.probe_values()
    k = np.arange(400) + 0.5
    z = 1.0 - 2.0 * k / 400
    r = np.sqrt(1.0 - z * z)
    phi = math.pi * (3.0 - math.sqrt(5.0)) * k
    pts = np.ascontiguousarray(np.stack([r * np.cos(phi), r * np.sin(phi), z], axis=1))
    g = np.empty(3)
    best = 0.0
    for c in vals:
        cc = np.ascontiguousarray(c)
        for x in pts:
            model.gradient(x, cc, p, g)
            best = max(best, float(np.sqrt(g @ g)))
    return best


def check_step(dynamics: SphereLangevin, dt: float, bound: float) -> float:
    """Step rule ``dt * max|h| <= 0.03`` (warn above, raise above 0.1), ``|h| = |dU/dm|/mu + |h_stt|``."""
    h = bound / dynamics.moment + abs(dynamics.stt_a0) + abs(dynamics.stt_b)
    r = dt * h
    if r > STEP_MAX:
        raise ParameterError(f"time step dt = {dt:g} is too coarse: dt * max|h_eff| = {r:.3g} > {STEP_MAX}")
    if r > STEP_WARN:
        warnings.warn(f"dt * max|h_eff| = {r:.3g} > {STEP_WARN}: expect discretisation bias", stacklevel=4)
    return r


def initial_directions(x0: ArrayLike, n: int) -> NDArray[np.float64]:
    """Unit vectors of shape ``(n, 3)`` from ``x0`` (``(n, 3)`` or ``(3,)``), normalised."""
    arr = np.asarray(x0, dtype=float)
    if arr.shape == (3,):
        arr = np.broadcast_to(arr, (n, 3))
    if arr.shape != (n, 3):
        raise ParameterError(f"x0 must have shape ({n}, 3) or (3,), got {arr.shape}")
    norm = np.linalg.norm(arr, axis=1)
    if not np.all(np.isfinite(arr)) or np.any(norm == 0):
        raise ParameterError("x0 must contain finite, non-zero vectors")
    return np.ascontiguousarray(arr / norm[:, None])


def snapshot_steps(times: Sequence[float] | NDArray[np.float64], dt: float, nsteps: int) -> NDArray[np.int64]:
    t = np.asarray(times, dtype=float)
    if t.size == 0:
        return np.zeros(0, dtype=np.int64)
    if np.any(t > nsteps * dt * (1 + 1e-12)):
        raise ParameterError("snapshot times must lie within the protocol duration")
    return np.unique(np.clip(np.rint(t / dt).astype(np.int64), 0, nsteps))


def _check_memory(n: int, nsnap: int) -> None:
    need = n * (8 * 3 * 3 + 8 * 4 + 8 * 8 + 8 * 4) + n * nsnap * 3 * 8
    try:
        have = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        return
    if need > 0.8 * have:
        raise ParameterError(
            f"this run needs about {need / 2**30:.1f} GiB of memory (machine: {have / 2**30:.1f} GiB); "
            "use fewer trajectories or snapshots"
        )


def run_ensemble(
    model: Any,
    protocol: Protocol,
    *,
    dynamics: SphereLangevin,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike,
    p0: ArrayLike | None = None,
    record: Record | None = None,
    stop: Stop | None = None,
    progress: bool = False,
    energy_unit: str = "model energy unit",
    parameters: dict[str, Any] | None = None,
    inline: bool = True,
) -> xr.Dataset:
    """Integrate ``n_trajectories`` unit vectors under ``protocol``; per-trajectory energetics as a Dataset.

    Parameters
    ----------
    model
        An engine model with coordinates ``("mx", "my", "mz")``, ``energy(m, c, p)``,
        ``gradient(m, c, p, g)`` (``dU/dm``), ``classify(m, p)`` and ``param_vector()``.
    protocol
        Controls over time; reordered to ``model.controls``, missing ones from ``model.defaults``.
    dynamics : SphereLangevin
    n_trajectories, seed
        Ensemble size and master seed; trajectory ``j`` uses stream ``(seed, j)`` (any thread count).
    x0 : array_like
        Initial directions, ``(n, 3)`` or ``(3,)`` (normalised here).
    p0
        Must be None (no momenta on the sphere).
    record, stop
        What to keep (:class:`~landauer.engine.record.Record`) and when to end a trajectory
        (:class:`~landauer.engine.record.Stop`).
    inline : bool
        Inline element-wise model functions into the kernel (default); False calls them (for tests).

    Returns
    -------
    xarray.Dataset
        ``W``, ``Q``, ``dE``, ``W_shadow`` (0), ``W_stt`` (trajectory; ``W + W_stt = dE + Q``),
        ``x_initial``, ``x_final`` (trajectory, coordinate), ``state_initial``, ``state_final``,
        ``t_passage`` (if recorded), snapshots ``x`` (time, trajectory, coordinate).
    """
    record = Record() if record is None else record
    stop = Stop() if stop is None else stop
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    if p0 is not None:
        raise ParameterError("p0 must be None on the sphere (there are no momenta)")
    if not isinstance(dynamics, SphereLangevin):
        raise ParameterError("dynamics for a sphere model must be a SphereLangevin")
    if tuple(model.coordinates) != COORDINATES:
        raise ParameterError(f"a sphere model needs coordinates {COORDINATES}, got {tuple(model.coordinates)}")
    prot = protocol.with_controls(model.controls, model.defaults)
    nsteps = prot.n_steps(dynamics.dt)
    dt = prot.duration / nsteps
    times, vals, smooth = knots(prot)
    p = np.ascontiguousarray(np.asarray(model.param_vector(), dtype=float).reshape(-1))
    if p.size == 0:
        p = np.zeros(1)
    check_step(dynamics, dt, field_bound(model, prot, p, dynamics.kT))
    m = initial_directions(x0, n)
    x_init = m.copy()
    snaps_at = snapshot_steps(record.snapshot_array(), dt, nsteps)
    _check_memory(n, snaps_at.size)
    track = bool(record.passage or stop.at_passage)
    key = seed_key(seed)
    mod = kernel_module(model.energy, model.gradient, model.classify, len(model.controls), p.size, allow_inline=inline)

    S = np.empty((n, 4), dtype=np.uint64)
    ZB = np.empty(n)
    W = np.empty(n)
    Q = np.empty(n)
    WS = np.empty(n)
    EC = np.empty(n)
    E0 = np.empty(n)
    STI = np.empty(n, dtype=np.int64)
    STF = np.empty(n, dtype=np.int64)
    FP = np.empty(n, dtype=np.int64)
    ERR = np.empty(n, dtype=np.int64)
    snaps = np.full((n, snaps_at.size, 3), np.nan)
    if snaps_at.size and snaps_at[0] == 0:
        snaps[:, 0, :] = m
    c0 = np.ascontiguousarray(vals[0].copy())
    mod.init(0, c0, p, key, m, S, ZB, W, Q, WS, EC, E0, STI, FP, ERR)
    amp = dynamics.noise_amplitude(dt)
    stt = dynamics.stt_vector()
    chunk = min(n, CHUNK_TRAJ)
    kseg = max(1, int(WORK_PER_CALL // max(chunk, LANES)))
    state = {"m": m, "S": S, "ZB": ZB, "W": W, "Q": Q, "WS": WS, "EC": EC, "STI": STI, "FP": FP, "ERR": ERR,
             "STF": STF, "snaps": snaps}
    with progress_bar(total=n * nsteps, desc=f"{model.name} (sphere Heun)", enabled=progress, unit="step") as bar:
        for lo in range(0, n, chunk):
            idx = np.arange(lo, min(n, lo + chunk))
            w = {k: np.ascontiguousarray(v[idx]) for k, v in state.items()}
            for k_lo in range(0, nsteps, kseg):
                k_hi = min(nsteps, k_lo + kseg)
                mod.advance(lo, k_lo, k_hi, times, vals, smooth, dt, dynamics.alpha, 1.0 / dynamics.moment, amp,
                            stt, p, key, snaps_at, track, stop.at_passage, w["m"], w["S"], w["ZB"], w["W"], w["Q"],
                            w["WS"], w["EC"], w["STI"], w["FP"], w["ERR"], w["STF"], w["snaps"])
                bar.update(idx.size * (k_hi - k_lo))
                bad = np.flatnonzero(w["ERR"] >= 0)
                if bad.size:
                    j = int(idx[bad[0]])
                    raise SimulationError(
                        f"trajectory {j} became non-finite at step {int(w['ERR'][bad[0]])} "
                        f"(t = {w['ERR'][bad[0]] * dt:.6g}); {bad.size} trajectories failed in this chunk: "
                        "reduce dt or check the model"
                    )
                if stop.at_passage:
                    live = w["FP"] < 0
                    if not live.any():
                        bar.update(idx.size * (nsteps - k_hi))
                        break
                    if live.sum() <= idx.size // 2:
                        # compaction: stopped trajectories leave the lane blocks (lanes are independent and
                        # every lane runs the same arithmetic, so results do not change)
                        for k, v in state.items():
                            v[idx] = w[k]
                        bar.update((idx.size - int(live.sum())) * (nsteps - k_hi))
                        idx = idx[live]
                        w = {k: np.ascontiguousarray(v[idx]) for k, v in state.items()}
            for k, v in state.items():
                v[idx] = w[k]
    dE = EC - E0
    return sphere_dataset(
        model, prot, dynamics, seed=seed, energy_unit=energy_unit, parameters=parameters, record=record,
        track=track, dt=dt, nsteps=nsteps, snaps_at=snaps_at, x_init=x_init, W=W, Q=Q, WS=WS, dE=dE, STI=STI,
        STF=STF, FP=FP, m_final=m, snaps=snaps, extra={"kernel": str(getattr(mod, "MODE", ""))})


def sphere_dataset(
    model: Any, prot: Any, dynamics: Any, *, seed: int, energy_unit: str, parameters: dict[str, Any] | None,
    record: Record, track: bool, dt: float, nsteps: int, snaps_at: Any, x_init: Any, W: Any, Q: Any, WS: Any,
    dE: Any, STI: Any, STF: Any, FP: Any, m_final: Any, snaps: Any, extra: dict[str, Any] | None = None,
) -> xr.Dataset:
    """The sphere ensemble Dataset from a backend's raw per-trajectory arrays (shared by the CPU and CUDA
    backends), after checking the first law ``W + W_stt = dE + Q`` per trajectory."""
    n = W.shape[0]
    resid = W + WS - Q - dE
    scale = 1.0 + np.abs(W) + np.abs(Q) + np.abs(dE)
    if np.max(np.abs(resid) / scale) > 1e-8:
        raise SimulationError(f"first law violated: max |W + W_stt - Q - dE| = {np.max(np.abs(resid)):.3g}")
    coords: dict[str, Any] = {"trajectory": np.arange(n), "coordinate": list(COORDINATES)}
    data: dict[str, Any] = {
        "W": ("trajectory", W, {"long_name": "work done on the system", "units": energy_unit}),
        "Q": ("trajectory", Q, {"long_name": "heat released into the bath", "units": energy_unit}),
        "dE": ("trajectory", dE, {"long_name": "energy change", "units": energy_unit}),
        "W_shadow": ("trajectory", np.zeros(n), {"long_name": "integrator shadow work", "units": energy_unit}),
        "W_stt": ("trajectory", WS, {"long_name": "spin-transfer-torque work", "units": energy_unit}),
        "state_initial": ("trajectory", STI, {"long_name": "initial logical state"}),
        "state_final": ("trajectory", STF, {"long_name": "final logical state"}),
        "x_initial": (("trajectory", "coordinate"), x_init, {"long_name": "initial direction"}),
    }
    if record.final:
        data["x_final"] = (("trajectory", "coordinate"), m_final, {"long_name": "final direction"})
    if track:
        tp = np.where(FP >= 0, FP * dt, np.nan)
        data["t_passage"] = ("trajectory", tp, {"long_name": "first time the logical state changed"})
    if snaps_at.size:
        coords["time"] = snaps_at * dt
        data["x"] = (("time", "trajectory", "coordinate"), snaps.transpose(1, 0, 2), {"long_name": "direction"})
    attrs = provenance(
        model=model.name,
        parameters=parameters or {},
        seed=seed,
        extra={
            "integrator": "stochastic Heun (Stratonovich), renormalised, on the unit sphere",
            "state_space": "sphere",
            "weak_order": 1,
            "alpha": dynamics.alpha,
            "kT": dynamics.kT,
            "moment": dynamics.moment,
            "dt": dt,
            "n_steps": nsteps,
            "duration": prot.duration,
            "energy_unit": energy_unit,
            "controls": list(model.controls),
            **(extra or {}),
            "sign_convention": "W > 0: work done on the system; Q > 0: heat into the bath",
        },
    )
    return xr.Dataset(data, coords=coords, attrs=attrs)
