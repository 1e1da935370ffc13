"""The engine's unit-sphere integrator (stochastic Heun, Stratonovich, renormalised).

- The generated lane kernel agrees with the NumPy reference twin (same streams, same equations) to 1e-10,
  with spin-transfer torque, demagnetising factors, smooth and linear ramps and stop-at-passage, both
  with the model functions inlined and called.
- Results are bitwise identical across thread counts (1 and 2), trajectory chunkings and time
  segmentations of the run (issue 14: thread independence of the sphere kernel).
- W + W_stt = dE + Q per trajectory (Sekimoto, Prog. Theor. Phys. Suppl. 130, 17 (1998)).
"""

from __future__ import annotations

import numba
import numpy as np
import pytest

from landauer.engine import sphere
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record, Stop
from landauer.engine.simulate import run
from landauer.engine.sphere_inline import inline
from landauer.engine.sphere_reference import reference_run
from landauer.models.mtj.energy import axial_samples
from landauer.models.mtj.macrospin import ReducedMacrospin, classify, energy, gradient
from landauer.validation import ParameterError

PROT = Protocol.start(hx=0.0, hy=0.0, hz=0.0).ramp(0.7, hx=0.9, hz=0.1, shape="smooth").ramp(0.5, hy=-0.4).hold(0.3)


@pytest.mark.parametrize("inlined", [True, False])
@pytest.mark.parametrize("stt", [0.0, 0.15])
def test_kernel_matches_reference(inlined: bool, stt: float) -> None:
    system = ReducedMacrospin(zeta=8.0, alpha=0.3, demag=(0.2, 0.0, 0.5), stt_a0=stt, stt_b=0.5 * stt, stt_p2=0.3)
    n = 131  # two lane blocks, the second partly empty
    m0 = axial_samples(n, sigma=4.0, seed=2)
    model = system.model(y_threshold=0.2)
    ds = sphere.run_ensemble(model, PROT, dynamics=system.dynamics(0.01), n_trajectories=n, seed=9, x0=m0,
                             record=Record(passage=True), stop=Stop(at_passage=True), inline=inlined)
    assert ds.attrs["kernel"].count("inline") == (3 if inlined else 0)
    ref = reference_run(model, PROT, dynamics=system.dynamics(0.01), n_trajectories=n, seed=9, x0=m0,
                        stop_at_passage=True)
    assert np.abs(ds.x_final.values - ref["x_final"]).max() <= 1e-10
    for k in ("W", "Q", "dE", "W_stt"):
        assert np.abs(ds[k].values - ref[k]).max() <= 1e-10, k
    assert np.array_equal(ds.state_final.values, ref["state_final"])
    tp = np.where(ref["fp"] >= 0, ref["fp"] * float(ds.attrs["dt"]), np.nan)
    assert np.array_equal(np.isnan(ds.t_passage.values), np.isnan(tp))
    assert np.nanmax(np.abs(ds.t_passage.values - tp)) <= 1e-12
    assert 0 < np.isfinite(tp).sum() < n  # the test exercises both stopped and running lanes
    resid = ds.W + ds.W_stt - ds.dE - ds.Q
    assert float(np.abs(resid).max()) <= 1e-10


def _ensemble(**kw: object):  # noqa: ANN202
    system = ReducedMacrospin(zeta=12.0, alpha=0.4, demag=(0.0, 0.0, 0.1), stt_a0=0.05, stt_p2=0.2)
    n = 131
    return run(system.model(), PROT, dynamics=system.dynamics(0.0097), n_trajectories=n, seed=5,
               x0=axial_samples(n, sigma=6.0, seed=1), record=Record(snapshots=(0.0, 0.5, 1.5), passage=True),
               **kw)


def _assert_identical(a, b) -> None:  # noqa: ANN001
    for k in ("W", "Q", "dE", "W_stt", "x_final", "x", "t_passage", "state_final"):
        assert np.array_equal(a[k].values, b[k].values, equal_nan=True), k


def test_bitwise_identical_across_thread_counts() -> None:
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = _ensemble()
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = _ensemble()
    finally:
        numba.set_num_threads(before)
    _assert_identical(one, two)


def test_bitwise_identical_across_chunkings(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _ensemble()
    monkeypatch.setattr(sphere, "CHUNK_TRAJ", 40)  # trajectory chunks not a multiple of the lane count
    monkeypatch.setattr(sphere, "WORK_PER_CALL", 40 * 17)  # 17 steps per call, odd: spare normals carried
    _assert_identical(whole, _ensemble())


def test_sphere_bad_input() -> None:
    system = ReducedMacrospin(zeta=10.0, alpha=1.0)
    with pytest.raises(ParameterError, match="p0"):
        run(system.model(), PROT, dynamics=system.dynamics(), n_trajectories=2, seed=0, x0=[0, 1, 0], p0=[0, 0, 0])
    with pytest.raises(ParameterError, match="x0"):
        run(system.model(), PROT, dynamics=system.dynamics(), n_trajectories=2, seed=0, x0=np.ones((3, 3)))
    with pytest.raises(ParameterError, match="stt_p2"):
        sphere.SphereLangevin(alpha=1.0, dt=0.01, stt_p2=1.0)


def test_inliner_accepts_the_mtj_functions_and_rejects_others() -> None:
    sizes = {0: 3, 1: 3, 2: 6, 3: 3}
    assert inline(energy, "energy", sizes) is not None
    assert inline(gradient, "gradient", sizes) is not None
    assert inline(classify, "classify", {0: 3, 1: 6}) is not None

    def looped(x, c, p):  # noqa: ANN001, ANN202
        s = 0.0
        for i in range(3):
            s += x[i]
        return s

    def passes_array(x, c, p):  # noqa: ANN001, ANN202
        return np.sum(x)

    def partial(x, c, p, g):  # noqa: ANN001, ANN202
        g[0] = x[0]

    assert inline(looped, "energy", sizes) is None
    assert inline(passes_array, "energy", sizes) is None
    assert inline(partial, "gradient", sizes) is None


def test_stop_at_passage_compaction_is_bitwise_neutral(monkeypatch: pytest.MonkeyPatch) -> None:
    # dwell-time run: stopped trajectories are compacted out of the lane blocks between calls
    system = ReducedMacrospin(zeta=4.0, alpha=1.0)

    def dwell():  # noqa: ANN202
        return run(system.model(y_threshold=-0.5), Protocol.start(hy=0.0).hold(60.0), dynamics=system.dynamics(),
                   n_trajectories=131, seed=3, x0=[0.0, 1.0, 0.0], record=Record(passage=True, snapshots=(3.0,)),
                   stop=Stop(at_passage=True))

    whole = dwell()
    monkeypatch.setattr(sphere, "WORK_PER_CALL", 131 * 37)
    calls = []
    real = sphere.kernel_module

    def spy(*a: object, **k: object):  # noqa: ANN202
        mod = real(*a, **k)  # type: ignore[arg-type]

        class Counting:
            init = mod.init
            MODE = mod.MODE

            @staticmethod
            def advance(*args: object) -> None:
                calls.append(args[16].shape[0])  # working-set size of this call
                mod.advance(*args)

        return Counting

    monkeypatch.setattr(sphere, "kernel_module", spy)
    compacted = dwell()
    assert min(calls) < 131 // 2  # compaction happened
    for k in ("W", "Q", "dE", "x_final", "x", "t_passage", "state_final"):
        assert np.array_equal(whole[k].values, compacted[k].values, equal_nan=True), k
    assert 0.5 < np.isfinite(whole.t_passage.values).mean() < 1.0


def test_kernel_is_cached_on_disk_and_loaded_by_a_new_process(tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys
    from pathlib import Path

    from landauer.engine.sphere_kernel import cache_dir, kernel_module

    _ensemble()  # compiled (or loaded) here
    mod = kernel_module(energy, gradient, classify, 3, 6)
    src = cache_dir() / f"{mod.__name__}.py"
    assert src.exists()
    assert list((cache_dir() / "__pycache__").glob(f"{mod.__name__}*.nbi"))
    code = (
        "import numpy as np\n"
        "from landauer.engine.protocol import Protocol\n"
        "from landauer.engine.simulate import run\n"
        "from landauer.engine.sphere_kernel import kernel_module\n"
        "from landauer.models.mtj.macrospin import ReducedMacrospin, classify, energy, gradient\n"
        "s = ReducedMacrospin(zeta=12.0, alpha=0.4)\n"
        "run(s.model(), Protocol.start(hx=0.0).ramp(0.1, hx=0.2), dynamics=s.dynamics(), n_trajectories=3, seed=1,"
        " x0=[0.0, 1.0, 0.0])\n"
        "st = kernel_module(energy, gradient, classify, 3, 6).advance.stats\n"
        "print(sum(st.cache_hits.values()), sum(st.cache_misses.values()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(tmp_path)).stdout.split()
    hits, misses = (int(v) for v in out[-2:])
    assert hits >= 1 and misses == 0, out


def test_step_rule_without_a_model_bound_samples_the_sphere() -> None:
    import dataclasses

    system = ReducedMacrospin(zeta=10.0, alpha=1.0)
    model = system.model()
    prot = Protocol.start(hy=0.0).ramp(1.0, hy=0.5)
    p = model.param_vector()
    exact = sphere.field_bound(model, prot.with_controls(model.controls, model.defaults), p, 1.0)
    assert exact == pytest.approx(10.0 * 1.5)  # zeta (|h| + k_a): max |dU/dm| at m = +y, h_y = 0.5
    sampled = sphere.field_bound(dataclasses.replace(model, max_curvature=None),
                                 prot.with_controls(model.controls, model.defaults), p, 1.0)
    assert 0.99 * exact <= sampled <= exact
    with pytest.raises(ParameterError, match="too coarse"):
        run(dataclasses.replace(model, max_curvature=None), Protocol.start(hx=20.0).hold(1.0),
            dynamics=system.dynamics(0.01), n_trajectories=2, seed=0, x0=[0, 1, 0])


@pytest.mark.parametrize(("a0", "b", "p2"), [(0.15, 0.0, 0.0), (0.15, 0.05, 0.3), (-0.1, 0.02, 0.5)])
def test_stt_work_is_the_energy_change_without_damping(a0: float, b: float, p2: float) -> None:
    # cold (zeta = mu/kT = 1e9) and nearly undamped (alpha = 1e-6) macrospin in a constant field: the
    # only energy source is the torque, so W_stt = dE and the heat Q = W + W_stt - dE vanishes (to O(alpha))
    system = ReducedMacrospin(zeta=1e9, alpha=1e-6, stt_a0=a0, stt_b=b, stt_p2=p2)
    ds = run(system.model(), Protocol.start(hx=0.2, hz=0.1).hold(2.0), dynamics=system.dynamics(0.001),
             n_trajectories=4, seed=9, x0=[[0.3, 0.5, 0.8], [0.1, -0.9, 0.2], [0.7, 0.1, -0.7], [-0.5, 0.5, 0.7]])
    dE, Ws, Q = ds.dE.values, ds.W_stt.values, ds.Q.values
    assert np.all(np.abs(dE) > 1e5)  # the torque moved the magnet (energies are O(zeta)): not vacuous
    assert np.all(ds.W.values == 0.0)
    assert np.all(np.abs(Q) <= 1e-4 * np.abs(dE)), Q / dE
    assert np.allclose(Ws, dE, rtol=1e-4, atol=0)
