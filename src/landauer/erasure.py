"""Erasure of a bit in any device, and its figures of merit (thin helpers over :mod:`landauer.stats`).

:func:`erase` runs a device file's protocol from equilibrium and summarises it against the bounds;
:func:`simulate` runs any protocol on a :class:`~landauer.devices.Device`.

All energies in kT. Sign convention: W > 0 is work done on the memory by the controller.
:func:`summarise` builds an :class:`~landauer.stats.EnsembleSummary` from arrays, :func:`stats_table`
turns a list of them into columns for Datasets and plots, and :func:`fit_inverse_tau` is the one
weighted ``a + b/tau`` fit (:func:`landauer.stats.fit_inverse_tau`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from landauer.constants import k_B
from landauer.devices.device import Device
from landauer.devices.equilibrium import boltzmann_samples
from landauer.devices.files import DeviceFile
from landauer.devices.registry import load
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.stats import EnsembleSummary, Fit, fit_inverse_tau
from landauer.validation import ParameterError, check_int, check_positive

if TYPE_CHECKING:
    from landauer.engine.simulate import Langevin

__all__ = ["EnsembleSummary", "ErasureRun", "Fit", "erase", "fit_inverse_tau", "simulate", "stats_table",
           "summarise"]


def summarise(
    *,
    work_kT: ArrayLike,
    heat_kT: ArrayLike,
    state_final: ArrayLike,
    target_state: int,
    tau: float,
    x_initial: ArrayLike | None = None,
    x_final: ArrayLike | None = None,
    mobility: float | None = None,
    state_initial: ArrayLike | None = None,
) -> EnsembleSummary:
    """Figures of merit of one erasure run; the Wasserstein bound needs 1-D positions and the mobility.

    The finite-time bound (Schmiedl & Seifert 2007; Proesmans, Ehrich, Bechhoefer 2020) uses
    ``Delta F = W_min(eps)``, valid for a final state that returns to the initial potential with locally
    equilibrated wells; any residual non-equilibrium only raises the true Delta F, so the bound stays valid.
    """
    return EnsembleSummary.from_arrays(
        work_kT=work_kT, heat_kT=heat_kT, state_final=state_final, state_initial=state_initial,
        target=target_state, tau=tau, x_initial=x_initial, x_final=x_final, mobility=mobility,
    )


TABLE_COLUMNS = ("tau", "mean_work", "mean_work_se", "eps", "success_probability", "w_min_eps", "excess_work",
                 "excess_work_se", "w2_squared", "finite_time_bound", "mean_exp_minus_w", "mean_exp_minus_w_se",
                 "mean_heat", "mean_heat_se")


def stats_table(stats: Sequence[EnsembleSummary]) -> dict[str, NDArray[np.float64]]:
    """Columns of a list of summaries as arrays (for Datasets and :func:`landauer.plotting.work_vs_tau`).

    ``w_min_eps`` is the error-corrected bound ``W_min(eps_hat)``; missing values are NaN.
    """

    def row(s: EnsembleSummary) -> dict[str, float | None]:
        me = s.mean_exp_minus_work
        return {
            "tau": s.tau, "mean_work": s.mean_work, "mean_work_se": s.mean_work_se, "eps": s.eps,
            "success_probability": s.success_probability, "w_min_eps": s.eps_corrected_bound,
            "excess_work": s.excess_work, "excess_work_se": s.excess_work_se, "w2_squared": s.w2_squared,
            "finite_time_bound": s.finite_time_bound, "mean_exp_minus_w": me.value,
            "mean_exp_minus_w_se": me.stderr, "mean_heat": s.mean_heat, "mean_heat_se": s.mean_heat_se,
        }

    rows = [row(s) for s in stats]
    return {k: np.array([np.nan if r[k] is None else r[k] for r in rows], dtype=float) for k in TABLE_COLUMNS}


# --- running a device ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ErasureRun:
    """An erasure ensemble of a device: the per-trajectory Dataset and its summary."""

    dataset: xr.Dataset
    summary: EnsembleSummary
    device_file: DeviceFile

    def to_dict(self) -> dict[str, Any]:
        """The summary's figures of merit plus the device, duration in SI when known, and the run settings."""
        dyn = self.device_file.dynamics
        out: dict[str, Any] = {"device": self.device_file.name, "path": str(self.device_file.path)}
        out.update(self.summary.to_dict())
        if dyn.time_unit_s is not None and self.summary.tau is not None:
            out["tau_s"] = self.summary.tau * dyn.time_unit_s
        kT_J = k_B * dyn.temperature_K
        out["temperature_K"] = dyn.temperature_K
        out["mean_work_J"] = self.summary.mean_work * kT_J
        out["landauer_bound_J"] = self.summary.landauer_bound * kT_J
        out["seed"] = int(self.dataset.attrs.get("seed", -1))
        return out


def simulate(
    device: Device,
    protocol: Protocol,
    *,
    dynamics: Langevin,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike | None = None,
    record: Record | None = None,
    stop: Stop | None = None,
    progress: bool = False,
    backend: str = "cpu",
) -> xr.Dataset:
    """Run an ensemble of ``device`` under ``protocol`` from equilibrium (or from ``x0``).

    Without ``x0`` the trajectories start from Boltzmann samples of the protocol's initial controls
    (:func:`landauer.devices.equilibrium.boltzmann_samples`, seeded by ``seed``). The Dataset is the
    engine's (energies in the device's energy unit) plus ``x_initial`` and the attribute ``states``
    (the state names, comma-separated, in ``state_final``'s numbering). ``backend`` is the engine's
    (``"cpu"`` or ``"cuda"``).
    """
    from landauer.engine.simulate import run

    n = check_int("n_trajectories", n_trajectories, minimum=1)
    if x0 is None:
        start = {k: v for k, v in protocol.initial.items() if k in device.controls}
        x0 = boltzmann_samples(device, n=n, seed=seed, kT=dynamics.kT, controls=start)
    xa = np.asarray(x0, dtype=float)
    if device.ndim == 1 and xa.shape == (n,):
        xa = xa[:, None]
    if xa.shape not in ((n, device.ndim), (device.ndim,)):
        raise ParameterError(f"x0 must have shape ({n}, {device.ndim}) or ({device.ndim},), got {xa.shape}")
    xi = np.broadcast_to(xa, (n, device.ndim)).copy()
    ds = run(device.model(), protocol, dynamics=dynamics, n_trajectories=n, seed=seed, x0=xi,
             record=record or Record(), stop=stop or Stop(), progress=progress,
             energy_unit=device.energy_unit, parameters={**device.params, "device": device.name}, backend=backend)
    ds.attrs["states"] = ",".join(device.states)
    ds.attrs["device"] = device.name
    return ds.assign(x_initial=(("trajectory", "coordinate"), xi, {"long_name": "initial position"}))


def erase(
    device: DeviceFile | str | Path,
    *,
    tau: float | None = None,
    n_trajectories: int | None = None,
    seed: int | None = None,
    target: str | None = None,
    progress: bool = False,
    backend: str = "cpu",
) -> ErasureRun:
    """Erase a bit in a device file's device with its protocol and summarise against the bounds.

    Parameters
    ----------
    device : DeviceFile, path or shipped name
        The device file (``landauer devices`` lists the shipped ones).
    tau : float, optional
        Total protocol duration (model time units); the file's protocol is stretched to it.
    n_trajectories, seed : int, optional
        Ensemble size and seed; default the file's ``[task]`` values, else 10000 and 1.
    target : str, optional
        Target state name; default the file's ``[task] target``.
    backend : {"cpu", "cuda"}
        Where the ensemble runs (:func:`landauer.engine.run`); ``"cuda"`` needs the ``gpu`` extra and a GPU.
    """
    df = device if isinstance(device, DeviceFile) else load(device)
    if df.protocol is None:
        raise ParameterError(f"{df.path}: [[protocol]] is missing; erasure needs a protocol")
    tgt = target if target is not None else df.target
    if tgt is None:
        raise ParameterError(f"{df.path}: [task] target is missing; name the state the erasure ends in")
    if tgt not in df.device.states:
        raise ParameterError(f"target {tgt!r} is not a state of {df.name} (states: {', '.join(df.device.states)})")
    prot = df.protocol
    if tau is not None:
        check_positive("--tau", tau)
        prot = prot.stretched(tau / prot.duration)
    n = n_trajectories if n_trajectories is not None else (df.trajectories or 10_000)
    n = check_int("trajectories", n, minimum=2)
    sd = seed if seed is not None else (df.seed if df.seed is not None else 1)
    dyn = df.dynamics
    ds = simulate(df.device, prot, dynamics=dyn.langevin(), n_trajectories=n, seed=sd, progress=progress,
                  backend=backend)
    mob = dyn.mobility if (dyn.kind == "overdamped" and df.device.ndim == 1
                           and not isinstance(dyn.mobility, tuple)) else None
    summary = EnsembleSummary.from_dataset(ds, target=tgt, kT=dyn.kT, mobility=mob, bits=df.bits)
    return ErasureRun(ds, summary, df)
