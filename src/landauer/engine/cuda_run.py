"""``engine.run(..., backend="cuda")``: the ensemble on an NVIDIA GPU, same Dataset as the CPU backend.

Needs the ``gpu`` extra (``pip install 'landauer[gpu]'``, which brings NVIDIA's ``numba-cuda``) and a
CUDA driver with a device, or the CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``, slow Python, for tests).
The Euclidean integrators (overdamped Euler/LM, BAOAB, underdamped Euler) run here, the sphere's
stochastic Heun in :mod:`landauer.engine.cuda_sphere`. Trajectory ``j`` uses the same stream ``(seed, j)`` and the
same step arithmetic as on the CPU, so per-trajectory ``W``, ``Q``, ``dE``, states and passage times
agree with ``backend="cpu"`` to rounding (see :mod:`landauer.engine.cuda_kernels`).

Ensembles larger than half the free device memory are run in chunks of trajectories (one kernel launch
per chunk); everything is float64.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from landauer.engine.cuda_kernels import ensemble_kernel, step_coefficients
from landauer.engine.integrators import Integrator, check_step
from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.rng import seed_key
from landauer.progress import progress_bar
from landauer.validation import ParameterError, check_int

BACKENDS = ("cpu", "cuda")
THREADS = 128  # threads per block on a device (the simulator uses fewer: each is a Python thread)


def check_backend(backend: str) -> None:
    """Refuse an unknown backend name, or ``"cuda"`` without numba-cuda, a driver and a device."""
    if backend not in BACKENDS:
        raise ParameterError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    if backend == "cuda":
        cuda_module()


def simulator() -> bool:
    """True when Numba runs CUDA kernels in its simulator (``NUMBA_ENABLE_CUDASIM=1``)."""
    return bool(getattr(numba.config, "ENABLE_CUDASIM", False))


def cuda_module() -> Any:
    """``numba.cuda``, or a one-line ParameterError when no CUDA device or driver can be used."""
    try:
        from numba import cuda
    except Exception as e:  # noqa: BLE001 (any import failure means: no usable CUDA)
        raise ParameterError(f"backend 'cuda' needs numba-cuda (pip install 'landauer[gpu]'): {e}") from None
    if simulator():
        return cuda
    try:
        ok = bool(cuda.is_available())
    except Exception:  # noqa: BLE001
        ok = False
    if not ok:
        raise ParameterError("backend 'cuda': no CUDA device or driver found (numba.cuda.is_available() is "
                             "False); use backend 'cpu', or install the gpu extra on a machine with an NVIDIA GPU")
    return cuda


def device_description() -> dict[str, Any]:
    """Name, compute capability and memory of the current device (``simulator`` under the simulator)."""
    cuda = cuda_module()
    if simulator():
        return {"name": "CUDA simulator", "compute_capability": "", "memory_total": 0, "memory_free": 0}
    dev = cuda.get_current_device()
    free, total = cuda.current_context().get_memory_info()
    cc = ".".join(str(v) for v in dev.compute_capability)
    name = dev.name.decode() if isinstance(dev.name, bytes) else str(dev.name)
    return {"name": name, "compute_capability": cc, "memory_total": int(total), "memory_free": int(free)}


def bytes_per_trajectory(ndim: int, n_snapshots: int) -> int:
    """Device bytes one trajectory holds: x0, p0, x_final, p_final, 3 energies, 4 integers, snapshots."""
    return 8 * (4 * ndim + 3 + 4 + 2 * n_snapshots * ndim)


def chunk_size(n: int, ndim: int, n_snapshots: int, chunk: int | None = None) -> int:
    """Trajectories per launch: ``chunk`` if given, else what fits in half the free device memory."""
    if chunk is not None:
        return max(1, min(n, int(chunk)))
    info = device_description()
    free = info["memory_free"] if info["memory_free"] else 2**30
    return max(1, min(n, int(0.5 * free) // bytes_per_trajectory(ndim, n_snapshots)))


def run_cuda(
    model: Model,
    protocol: Protocol,
    *,
    dynamics: Any,
    n_trajectories: int,
    seed: int,
    x0: ArrayLike,
    p0: ArrayLike | None = None,
    record: Record = Record(),  # noqa: B008 (frozen, immutable)
    stop: Stop = Stop(),  # noqa: B008
    progress: bool = False,
    energy_unit: str = "model energy unit",
    parameters: dict[str, Any] | None = None,
    chunk: int | None = None,
) -> xr.Dataset:
    """:func:`landauer.engine.run` on the GPU (same arguments and Dataset; ``chunk`` caps a launch)."""
    from landauer.engine.simulate import Langevin, _initial, _snapshot_steps, check_memory, ensemble_dataset

    if getattr(dynamics, "state_space", "euclidean") == "sphere":
        from landauer.engine.cuda_sphere import run_sphere_cuda

        return run_sphere_cuda(model, protocol, dynamics=dynamics, n_trajectories=n_trajectories, seed=seed, x0=x0,
                               p0=p0, record=record, stop=stop, progress=progress, energy_unit=energy_unit,
                               parameters=parameters, chunk=chunk)
    if not isinstance(record, Record):
        raise ParameterError(f"record must be a landauer.engine.Record, got {type(record).__name__}")
    if not isinstance(stop, Stop):
        raise ParameterError(f"stop must be a landauer.engine.Stop, got {type(stop).__name__}")
    if not isinstance(dynamics, Langevin):
        raise ParameterError(f"dynamics must be a landauer.engine.Langevin, got {type(dynamics).__name__}")
    n = check_int("n_trajectories", n_trajectories, minimum=1)
    cuda = cuda_module()
    ndim = model.ndim
    method = dynamics.method
    under = method.underdamped
    prot = protocol.with_controls(model.controls, model.defaults)
    nsteps = prot.n_steps(dynamics.dt)
    dt_eff = prot.duration / nsteps
    snap_steps = _snapshot_steps(record.snapshot_array(), dt_eff, nsteps)
    check_memory(n, ndim, snap_steps.size, underdamped=under)
    x_init = _initial(x0, n, ndim, "x0")
    pvec = np.ascontiguousarray(model.param_vector(), dtype=float)
    kmax = model.curvature_bound(prot.probe_values(), dynamics.kT, x_probe=x_init)
    mob = dynamics.per_coordinate("mobility", ndim)
    mass = dynamics.per_coordinate("mass", ndim)
    fric = dynamics.per_coordinate("friction", ndim)
    check_step(method, dt=dt_eff, max_curvature=kmax, mobility=mob, mass=mass, friction=fric)
    ptimes, pvals, psmooth = prot.knot_arrays()
    key = seed_key(seed)
    kind = "overdamped" if not under else ("baoab" if method is Integrator.BAOAB else "underdamped-euler")
    lm = method is Integrator.OVERDAMPED_LM
    track = bool(record.passage or stop.needs_passage)
    at_passage = bool(stop.at_passage)
    nsnap = int(snap_steps.size)
    draw_p = under and p0 is None
    p_init = _initial(p0, n, ndim, "p0") if (under and p0 is not None) else np.zeros((n, ndim))
    coef = step_coefficients(lm, dt_eff, float(dynamics.kT), mob, mass, fric)
    kernel = ensemble_kernel(model.energy, model.gradient, model.classify, kind=kind, ndim=ndim,
                             nc=len(model.controls), npar=int(pvec.size))
    info = device_description()

    W = np.zeros(n)
    Q = np.zeros(n)
    dE = np.empty(n)
    xf = np.empty((n, ndim))
    pf = np.empty((n, ndim))
    st_i = np.empty(n, dtype=np.int64)
    st_f = np.empty(n, dtype=np.int64)
    fp = np.empty(n, dtype=np.int64)
    err = np.empty(n, dtype=np.int64)
    snaps = np.full((n, nsnap, ndim), np.nan)
    psnaps = np.full((n, nsnap if under else 0, ndim), np.nan)

    consts = [cuda.to_device(np.ascontiguousarray(a)) for a in (
        pvec, ptimes, pvals, np.asarray(psmooth, dtype=np.int64), coef["drift"], coef["amp"], mass, coef["oc1"],
        coef["oc2"], fric, coef["uamp"], snap_steps.astype(np.int64))]
    d_p, d_t, d_v, d_s, d_drift, d_amp, d_mass, d_oc1, d_oc2, d_fric, d_uamp, d_snap = consts
    size = chunk_size(n, ndim, nsnap, chunk)
    threads = 32 if simulator() else THREADS
    with progress_bar(total=n, desc=f"{model.name} ({method.value}, cuda)", enabled=progress,
                      unit="traj") as bar:
        for lo in range(0, n, size):
            hi = min(n, lo + size)
            m = hi - lo
            # zero-size buffers (no snapshots) travel as a 1-element dummy: the kernel never touches them
            outs = [cuda.to_device(a[lo:hi] if a.size else np.zeros((1,) * a.ndim, dtype=a.dtype))
                    for a in (xf, pf, W, Q, dE, st_i, st_f, fp, err, snaps, psnaps)]
            blocks = (m + threads - 1) // threads
            kernel[blocks, threads](
                np.int64(lo), np.int64(m), key[0], key[1], cuda.to_device(x_init[lo:hi]),
                cuda.to_device(np.ascontiguousarray(p_init[lo:hi])), bool(draw_p), bool(lm), d_p, d_t, d_v, d_s,
                np.int64(nsteps), float(dt_eff), float(prot.duration), d_drift, d_amp, d_mass, d_oc1, d_oc2,
                d_fric, d_uamp, float(dynamics.kT), d_snap, track, at_passage, *outs)
            for host, dev in zip((xf, pf, W, Q, dE, st_i, st_f, fp, err, snaps, psnaps), outs, strict=True):
                if host.size:
                    host[lo:hi] = dev.copy_to_host()
            bar.update(m)

    return ensemble_dataset(
        model, prot, dynamics, method=method, seed=seed, energy_unit=energy_unit, parameters=parameters,
        record=record, track=track, at_passage=at_passage, dt_eff=dt_eff, nsteps=nsteps, snap_steps=snap_steps,
        x_init=np.asarray(x_init), W=W, Q=Q, dE=dE, st_i=st_i, st_f=st_f, fp=fp, err=err, xf=xf, pf=pf,
        snaps=snaps, psnaps=psnaps, extra={"backend": "cuda", "cuda_device": info["name"]})
