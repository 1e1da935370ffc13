"""run() set-up costs and refusals that must not depend on the number of steps (issue 10, item 3):
no per-step control table (a protocol of 3e12 steps sets up in bounded memory), runs whose memory
estimate exceeds the machine are refused before any work, bad Record/Stop/dynamics are named."""

import tracemalloc
from types import SimpleNamespace

import numpy as np
import pytest

from landauer.engine import Langevin, Protocol, Record, Stop, simulate
from landauer.engine.simulate import run
from landauer.models.double_well import DoubleWellParams, erasure_protocol
from landauer.validation import ParameterError

P = DoubleWellParams()


class _Started(Exception):
    pass


def _stub(**_: object) -> SimpleNamespace:
    def advance(*args: object) -> None:
        raise _Started(args[1])  # k_hi of the first segment

    return SimpleNamespace(init=lambda *a: None, advance=advance)


def test_huge_tau_sets_up_in_bounded_memory(monkeypatch):
    monkeypatch.setattr(simulate, "kernel_module", lambda *a, **k: _stub())
    tracemalloc.start()
    with pytest.raises(_Started) as first:
        run(P.model(), erasure_protocol(P, tau=1e9), dynamics=Langevin(kT=1.0, dt=3e-4), n_trajectories=100,
            seed=1, x0=np.zeros(1))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 2**20, peak  # 3.3e12 steps; a v1 control table would need 80 TB
    assert 0 < int(str(first.value)) <= 5e5  # the run is cut into time segments


def test_run_larger_than_memory_is_refused_before_work(monkeypatch):
    monkeypatch.setattr(simulate, "available_memory", lambda: 2**30)
    with pytest.raises(ParameterError, match=r"GiB.*snapshots"):
        run(P.model(), erasure_protocol(P, tau=1.0), dynamics=Langevin(kT=1.0, dt=1e-3), n_trajectories=10**6,
            seed=1, x0=np.zeros(1), record=Record(snapshots=tuple(np.linspace(0, 1, 200))))


def test_bad_arguments_are_named():
    prot = erasure_protocol(P, tau=1.0)
    with pytest.raises(ParameterError, match="record"):
        run(P.model(), prot, dynamics=Langevin(kT=1.0, dt=1e-3), n_trajectories=4, seed=1, x0=np.zeros(1),
            record={"passage": True})  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="stop"):
        run(P.model(), prot, dynamics=Langevin(kT=1.0, dt=1e-3), n_trajectories=4, seed=1, x0=np.zeros(1),
            stop=True)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="unknown control"):  # a device constant is a param, not a control
        run(P.model(), Protocol.start(a=10.0, b=20.0, f=0.0).hold(1.0), dynamics=Langevin(kT=1.0, dt=1e-3),
            n_trajectories=4, seed=1, x0=np.zeros(1))
    with pytest.raises(ParameterError, match="use with_params"):
        P.model().control_vector(a=1.0)


def test_with_params_keeps_functions_and_checks_names():
    m = P.model()
    m2 = m.with_params(a=3.0)
    assert m2.energy is m.energy and m2.param_vector().tolist() == [3.0] and m.param_vector().tolist() == [10.0]
    with pytest.raises(ParameterError, match="unknown param"):
        m.with_params(b=1.0)
    assert Stop(at_passage=True).needs_passage


def test_jump_at_t0_is_refused_not_silently_dropped():
    """A zero-length first stage would start the kernel after the jump and lose its work: refused."""
    import pytest

    from landauer.engine import Protocol
    from landauer.engine import run as _run
    from landauer.validation import ParameterError

    jump = Protocol.start(k=1.0, c=0.0).ramp(0.0, c=1.0).ramp(1.0, c=2.0)
    with pytest.raises(ParameterError, match="jumps at t = 0"):
        _run(None, jump, dynamics=None, n_trajectories=2, seed=1, x0=[0.0])  # type: ignore[arg-type]
