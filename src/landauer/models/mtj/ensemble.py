"""Run an sLLG ensemble under a field protocol and return per-trajectory energetics as a Dataset.

The protocol (:class:`landauer.engine.protocol.Protocol`) has controls ``hx``, ``hy``, ``hz`` (reduced
fields, units of ``H_ref``; missing ones are 0) and times in units of ``1/(gamma mu0 H_ref)``. Energies
are in kT. See :mod:`landauer.models.mtj.sllg` for the equations.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.engine.protocol import Protocol
from landauer.engine.rng import normals, seed_key
from landauer.engine.simulate import SimulationError
from landauer.models.mtj.params import MTJParams
from landauer.progress import progress_bar
from landauer.results import provenance
from landauer.validation import ParameterError, check_finite, check_int, check_positive

CONTROLS = ("hx", "hy", "hz")
STEP_WARN = 0.03
STEP_MAX = 0.1


@dataclass(frozen=True)
class ReducedMacrospin:
    """The dimensionless macrospin the kernel integrates.

    Parameters
    ----------
    zeta : float
        ``mu0 Ms V H_ref / kT``: Zeeman energy (kT) of a unit reduced field (``2 sigma`` when H_ref = H_K).
    alpha : float
        Gilbert damping.
    ka : float
        Anisotropy field in units of ``H_ref`` (1 when H_ref = H_K; 0 for an isotropic spin).
    demag : tuple of float
        ``(Ms/H_ref) N_i``.
    stt_a0, stt_b, stt_p2 : float
        Slonczewski prefactor ``a0`` and field-like ``b`` (units of ``H_ref``) and ``P^2``.
    """

    zeta: float
    alpha: float
    ka: float = 1.0
    demag: tuple[float, float, float] = (0.0, 0.0, 0.0)
    stt_a0: float = 0.0
    stt_b: float = 0.0
    stt_p2: float = 0.0

    def __post_init__(self) -> None:
        check_positive("zeta", self.zeta)
        check_positive("alpha", self.alpha)
        check_positive("ka", self.ka, allow_zero=True)
        check_positive("demag", self.demag, allow_zero=True)
        check_finite("stt_a0", self.stt_a0)
        check_finite("stt_b", self.stt_b)
        check_positive("stt_p2", self.stt_p2, allow_zero=True)

    @classmethod
    def from_params(cls, params: MTJParams) -> ReducedMacrospin:
        """Reduce with ``H_ref = H_K``."""
        return cls(
            zeta=2.0 * params.sigma,
            alpha=params.alpha,
            ka=1.0,
            demag=params.demag_reduced,
            stt_a0=params.stt_aj_reduced,
            stt_p2=params.polarization**2,
        )

    @property
    def sigma(self) -> float:
        """Anisotropy energy ``K V / kT = zeta ka / 2``."""
        return 0.5 * self.zeta * self.ka

    @property
    def stt_on(self) -> bool:
        return self.stt_a0 != 0.0 or self.stt_b != 0.0


def _noise_count(nsteps: int) -> int:
    return 3 * nsteps + (3 * nsteps) % 2


def check_dtau(system: ReducedMacrospin, table: NDArray[np.float64], dtau: float) -> float:
    """Step-size rule ``dtau * max|h_eff| <= 0.03`` (specs/mtj.md section 3): warn above, raise > 0.1."""
    hmax = float(np.max(np.linalg.norm(table, axis=1))) + system.ka + max(system.demag) + abs(system.stt_a0)
    r = dtau * hmax
    if r > STEP_MAX:
        raise ParameterError(
            f"time step dtau = {dtau:g} is too coarse: dtau * max|h_eff| = {r:.3g} > {STEP_MAX}"
        )
    if r > STEP_WARN:
        warnings.warn(f"dtau * max|h_eff| = {r:.3g} > {STEP_WARN}: expect discretisation bias", stacklevel=3)
    return r


def simulate(
    system: ReducedMacrospin,
    protocol: Protocol,
    *,
    n_trajectories: int,
    seed: int,
    m0: ArrayLike,
    dtau: float = 0.01,
    snapshot_times: Sequence[float] | NDArray[np.float64] | None = None,
    absorb_my: float | None = None,
    progress: bool = False,
    parameters: dict[str, Any] | None = None,
) -> xr.Dataset:
    """Integrate an ensemble of macrospins and account work, heat and energy change per trajectory.

    Parameters
    ----------
    system : ReducedMacrospin
        Reduced model.
    protocol : Protocol
        Field schedule over controls ``hx, hy, hz`` (reduced, missing ones 0).
    n_trajectories, seed : int
        Ensemble size and master seed; trajectory ``j`` uses stream ``(seed, j)``.
    m0 : array_like, shape (n, 3) or (3,)
        Initial unit vectors (normalised here).
    dtau : float
        Requested step; the protocol duration is split into a whole number of steps.
    snapshot_times : sequence of float, optional
        Reduced times at which to record ``m`` of every trajectory.
    absorb_my : float, optional
        Stop each trajectory when ``m_y`` first drops below this level (first-passage runs).

    Returns
    -------
    xarray.Dataset
        ``W`` (kT, work on the magnet), ``W_axis`` (per Cartesian component of the field), ``W_stt``,
        ``Q`` (kT, heat into the bath), ``dE``, ``state_initial``/``state_final`` (1 if ``m_y >= 0``),
        ``m_final``, ``first_passage`` (reduced time, NaN if none), optional snapshots ``m``.
    """
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    check_positive("dtau", dtau)
    prot = protocol.with_controls(CONTROLS, {"hx": 0.0, "hy": 0.0, "hz": 0.0})
    nsteps = prot.n_steps(dtau)
    dt_eff = prot.duration / nsteps
    times = np.asarray(prot.times, dtype=float)
    vals = np.ascontiguousarray(np.asarray(prot.values, dtype=float))
    if times.size == 1:
        times = np.array([0.0, prot.duration])
        vals = np.vstack([vals, vals])
    smooth = np.array([s == "smooth" for s in prot._shapes()] or [False], dtype=np.bool_)
    check_dtau(system, vals, dt_eff)
    m_init = _initial(m0, n)
    snap_steps = _snapshot_steps(snapshot_times, dt_eff, nsteps)
    key = seed_key(seed)
    absorb = -2.0 if absorb_my is None else float(absorb_my)
    demag = np.asarray(system.demag, dtype=float)
    stt = np.array([system.stt_a0, system.stt_b, system.stt_p2, 1.0 if system.stt_on else 0.0])

    from landauer.models.mtj.sllg import sllg_kernel

    Wc = np.empty((n, 3))
    Ws = np.empty(n)
    Q = np.empty(n)
    dE = np.empty(n)
    st_i = np.empty(n, dtype=np.int64)
    st_f = np.empty(n, dtype=np.int64)
    err = np.empty(n, dtype=np.int64)
    fpt = np.empty(n, dtype=np.int64)
    mf = np.empty((n, 3))
    snaps = np.full((snap_steps.size, n, 3), np.nan)
    chunk = max(256, min(n, int(4e8 // max(nsteps, 1))))
    with progress_bar(total=n, desc="sLLG ensemble", enabled=progress, unit="traj") as bar:
        for lo in range(0, n, chunk):
            sl = slice(lo, min(n, lo + chunk))
            sllg_kernel(
                lo,
                m_init[sl],
                times,
                vals,
                smooth,
                nsteps,
                dt_eff,
                system.alpha,
                system.ka,
                system.zeta,
                demag,
                stt,
                key,
                snap_steps,
                absorb,
                Wc[sl],
                Ws[sl],
                Q[sl],
                dE[sl],
                st_i[sl],
                st_f[sl],
                err[sl],
                mf[sl],
                fpt[sl],
                snaps[:, sl],
            )
            bar.update(sl.stop - sl.start)
    failed = np.flatnonzero(err >= 0)
    if failed.size:
        j = int(failed[0])
        raise SimulationError(f"trajectory {j} left the sphere at step {int(err[j])}; reduce dtau")
    W = Wc.sum(axis=1)
    resid = W + Ws - Q - dE
    scale = 1.0 + np.abs(W) + np.abs(Q) + np.abs(dE)
    if np.max(np.abs(resid) / scale) > 1e-8:
        raise SimulationError(
            f"first law violated: max |W + W_stt - Q - dE| = {np.max(np.abs(resid)):.3g} kT"
        )
    first = np.where(fpt >= 0, fpt * dt_eff, np.nan)
    coords: dict[str, Any] = {"trajectory": np.arange(n), "axis": ["x", "y", "z"]}
    data: dict[str, Any] = {
        "W": ("trajectory", W, {"long_name": "work done on the magnet by the field", "units": "kT"}),
        "W_axis": (("trajectory", "axis"), Wc, {"long_name": "work per field component", "units": "kT"}),
        "W_stt": ("trajectory", Ws, {"long_name": "spin-transfer-torque work", "units": "kT"}),
        "Q": ("trajectory", Q, {"long_name": "heat released into the bath", "units": "kT"}),
        "dE": ("trajectory", dE, {"long_name": "energy change", "units": "kT"}),
        "state_initial": ("trajectory", st_i, {"long_name": "initial bit (1: m_y >= 0)"}),
        "state_final": ("trajectory", st_f, {"long_name": "final bit (1: m_y >= 0)"}),
        "m_final": (("trajectory", "axis"), mf, {"long_name": "final magnetisation direction"}),
        "first_passage": ("trajectory", first, {"long_name": "first time m_y < absorb_my", "units": "t0"}),
    }
    if snap_steps.size:
        coords["time"] = snap_steps * dt_eff
        data["m"] = (("time", "trajectory", "axis"), snaps, {"long_name": "magnetisation direction"})
        data["h"] = (("time", "axis"), prot.values_at(snap_steps * dt_eff), {"long_name": "reduced field"})
    attrs = provenance(
        model="mtj-macrospin-sllg",
        parameters=parameters or {},
        seed=seed,
        extra={
            "integrator": "stochastic Heun (Stratonovich), renormalised",
            "zeta": system.zeta,
            "alpha": system.alpha,
            "ka": system.ka,
            "dtau": dt_eff,
            "n_steps": nsteps,
            "duration": prot.duration,
            "absorb_my": absorb,
            "energy_unit": "kT",
            "sign_convention": "W > 0: work done on the magnet; Q > 0: heat into the bath",
        },
    )
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _initial(m0: ArrayLike, n: int) -> NDArray[np.float64]:
    arr = np.asarray(m0, dtype=float)
    if arr.shape == (3,):
        arr = np.broadcast_to(arr, (n, 3))
    if arr.shape != (n, 3):
        raise ParameterError(f"m0 must have shape ({n}, 3) or (3,), got {arr.shape}")
    norm = np.linalg.norm(arr, axis=1)
    if not np.all(np.isfinite(arr)) or np.any(norm == 0):
        raise ParameterError("m0 must contain finite, non-zero vectors")
    return np.ascontiguousarray(arr / norm[:, None])


def _snapshot_steps(times: Sequence[float] | NDArray[np.float64] | None, dt: float, nsteps: int) -> NDArray[np.int64]:
    if times is None or len(times) == 0:
        return np.zeros(0, dtype=np.int64)
    t = np.asarray(times, dtype=float)
    if not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(t > nsteps * dt * (1 + 1e-12)):
        raise ParameterError("snapshot times must lie within the protocol duration")
    return np.unique(np.clip(np.rint(t / dt).astype(np.int64), 0, nsteps))


def reference_trajectory(
    system: ReducedMacrospin,
    protocol: Protocol,
    *,
    seed: int,
    trajectory: int,
    m0: ArrayLike,
    dtau: float = 0.01,
) -> tuple[NDArray[np.float64], float, float]:
    """Readable NumPy twin of the kernel for one trajectory (same noise stream, no STT).

    Returns ``(m_final, W, Q)``; used to cross-check the compiled kernel.
    """
    if system.stt_on:
        raise ParameterError("the NumPy reference does not implement STT")
    prot = protocol.with_controls(CONTROLS, {"hx": 0.0, "hy": 0.0, "hz": 0.0})
    nsteps = prot.n_steps(dtau)
    dt = prot.duration / nsteps
    table = prot.values_at(np.arange(nsteps + 1) * dt)
    z = normals(seed_key(seed), trajectory, _noise_count(nsteps))[: 3 * nsteps].reshape(nsteps, 3)
    amp = math.sqrt(2.0 * system.alpha / (system.zeta * dt))
    d = np.asarray(system.demag)
    ac = 1.0 / (1.0 + system.alpha**2)
    m = np.asarray(m0, dtype=float) / np.linalg.norm(m0)

    def heff(v: NDArray[np.float64], h: NDArray[np.float64]) -> NDArray[np.float64]:
        return h - d * v + np.array([0.0, system.ka * v[1], 0.0])

    def energy(v: NDArray[np.float64], h: NDArray[np.float64]) -> float:
        return float(-system.zeta * (0.5 * system.ka * v[1] ** 2 + h @ v - 0.5 * np.sum(d * v * v)))

    def rhs(v: NDArray[np.float64], g: NDArray[np.float64]) -> NDArray[np.float64]:
        c = np.cross(v, g)
        return -ac * (c + system.alpha * np.cross(v, c))

    W = 0.0
    Q = 0.0
    for k in range(nsteps):
        W += energy(m, table[k + 1]) - energy(m, table[k])
        th = amp * z[k]
        f1 = rhs(m, heff(m, table[k + 1]) + th)
        p = m + f1 * dt
        f2 = rhs(p, heff(p, table[k + 1]) + th)
        new = m + 0.5 * (f1 + f2) * dt
        new /= np.linalg.norm(new)
        Q += energy(m, table[k + 1]) - energy(new, table[k + 1])
        m = new
    return m, W, Q
