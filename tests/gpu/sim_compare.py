"""Child process of ``test_cuda_simulator.py``: run small ensembles on the CPU backend and on the CUDA
backend under the CUDA simulator, and save both to an ``.npz`` for the parent test to compare.

Run as ``NUMBA_ENABLE_CUDASIM=1 python tests/gpu/sim_compare.py OUT.npz CASE[,CASE...]`` (the variable must be set
before ``numba.cuda`` is imported, hence a separate process: the rest of the suite never sees it).
"""

from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from landauer.devices.registry import load
from landauer.engine import Integrator, Record, Stop, run
from landauer.engine.cuda_run import run_cuda, simulator

FIELDS = ("W", "Q", "dE", "W_shadow", "W_stt", "x_final", "p_final", "state_initial", "state_final", "t_passage", "x")


def cases() -> dict[str, dict]:
    dw = load("double-well")
    two = load("two-well-2d")
    fast = dw.protocol.stretched(0.24 / dw.protocol.duration)  # 0.24 time units: 160 steps of 0.0015
    lang = replace(dw.dynamics.langevin(), dt=0.0015)
    rng = np.random.default_rng(7)
    x_dw = np.where(rng.random(32) < 0.5, -1.0, 1.0)[:, None] + 0.1 * rng.standard_normal((32, 1))
    out = {
        "dw_lm": dict(model=dw.device.model(), protocol=fast, dynamics=lang, n_trajectories=32, seed=11, x0=x_dw,
                      record=Record(snapshots=(0.0, 0.06, 0.24), passage=True)),
        "dw_euler_stop": dict(model=dw.device.model(), protocol=fast,
                              dynamics=replace(lang, integrator=Integrator.OVERDAMPED_EULER), n_trajectories=32,
                              seed=12, x0=x_dw, stop=Stop(at_passage=True), record=Record(snapshots=(0.12,))),
        "dw_baoab": dict(model=dw.device.model(), protocol=fast,
                         dynamics=replace(lang, integrator=Integrator.BAOAB, mass=1.0, friction=1.0, dt=0.0015),
                         n_trajectories=24, seed=13, x0=x_dw[:24], record=Record(passage=True)),
    }
    ftwo = two.protocol.stretched(0.15 / two.protocol.duration)
    ltwo = replace(two.dynamics.langevin(), dt=0.001)
    out["two_well_2d"] = dict(model=two.device.model(), protocol=ftwo, dynamics=ltwo, n_trajectories=24, seed=14,
                              x0=np.tile([-1.0, 0.0], (24, 1)) + 0.05, record=Record(passage=True))
    from landauer.engine.protocol import Protocol
    from landauer.models.squid.model import engine_protocol, langevin, model_for
    from landauer.models.squid.potential import DEFAULT_SHAPE, Controls
    from landauer.models.squid.thermal import initial_positions

    x4, _ = initial_positions(["00", "11"], 8, kappa=0.05, seed=2, shape=DEFAULT_SHAPE, dof=4)
    out["squid_4d"] = dict(model=model_for(4, DEFAULT_SHAPE), n_trajectories=16, seed=15, x0=x4,
                           protocol=engine_protocol(Protocol.start(**Controls().as_dict()).hold(3.0), DEFAULT_SHAPE, 4),
                           dynamics=langevin(damping=1.0, kappa=0.05, dt=0.05, dof=4), record=Record(passage=True))
    from landauer.models.mtj.energy import axial_samples
    from landauer.models.mtj.macrospin import ReducedMacrospin

    mac = ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.2, 0.0, 0.5), stt_a0=0.15, stt_b=0.075, stt_p2=0.3)
    ramp = Protocol.start(hx=0.0, hy=0.0, hz=0.0).ramp(0.7, hx=0.9, hz=0.1, shape="smooth").ramp(0.5, hy=-0.4)
    out["sphere_stt_stop"] = dict(model=mac.model(y_threshold=0.2), protocol=ramp.hold(0.3),
                                  dynamics=mac.dynamics(0.01), n_trajectories=24, seed=9,
                                  x0=axial_samples(24, sigma=4.0, seed=2), stop=Stop(at_passage=True),
                                  record=Record(passage=True, snapshots=(0.0, 0.5, 1.5)))
    return out


def main(path: str, names: list[str]) -> None:
    assert simulator(), "set NUMBA_ENABLE_CUDASIM=1"
    saved: dict[str, np.ndarray] = {}
    all_cases = cases()
    for name in names:
        kw = all_cases[name]
        runs = [("cpu", run(**kw)), ("cuda", run(**kw, backend="cuda"))]
        if name in ("dw_lm", "sphere_stt_stop"):  # launches of 10, 10, 10, 2 (and 10, 10, 4)
            runs.append(("cuda_chunked", run_cuda(**kw, chunk=10)))
        for backend, ds in runs:
            for f in FIELDS:
                if f in ds:
                    saved[f"{name}/{backend}/{f}"] = ds[f].values
            saved[f"{name}/{backend}/attrs_backend"] = np.array(ds.attrs.get("backend", "cpu"))
    np.savez(path, **saved)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split(","))
