"""Built-in point functions: declared parameters and outputs, SI parameter mapping against direct calls
of the substrate functions, and the shipped example studies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from landauer.stats import spawn_seeds
from landauer.sweep import get_point, load, registered
from landauer.validation import ParameterError

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "studies").glob("*.toml"))


def test_registry_declares_parameters_with_units_and_defaults() -> None:
    names = set(registered())
    assert {"erase", "double_well.erase", "mtj.reset", "squid.ce", "squid.nand", "aqfp.terminate",
            "aqfp.mismatch", "quantum.erase", "transport.iv"} <= names
    for spec in registered().values():
        assert len({p.name for p in spec.all_params}) == len(spec.all_params)
        assert len({o.name for o in spec.all_outputs}) == len(spec.all_outputs)
        spec.resolve({})  # every default passes the point's own checks
    with pytest.raises(ParameterError, match="unknown parameter 'Jtt'"):
        get_point("quantum.erase").resolve({"Jtt": 1.0})
    with pytest.raises(ParameterError, match="method: unknown value 'fast'"):
        get_point("quantum.erase").resolve({"method": "fast"})
    with pytest.raises(ParameterError, match="N: must be an integer"):
        get_point("quantum.erase").resolve({"N": 1.5})


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_shipped_example_studies_parse(path: Path) -> None:
    st = load(path)
    assert st.size >= 4 and st.store.parent.name == "runs"


def test_quantum_point_maps_parameters() -> None:
    from landauer.models.quantum import XXChainModel
    from landauer.models.quantum.api import erase

    spec = get_point("quantum.erase")
    ds = spec(spec.resolve({"N": 2, "beta": 0.7, "Jt": 3.0, "alpha": 0.8}), (1, 0))
    r = erase(XXChainModel(N=2, beta=0.7), Jt=3.0, alpha=0.8, method="exact")
    assert float(ds.beta_Q) == r.beta_heat and float(ds.delta_S) == r.delta_S and float(ds.B_RW) == r.B_RW


def test_transport_point_maps_si_bias_and_conductance() -> None:
    from landauer.models.transport.observables import current
    from landauer.models.transport.params import paper_params

    spec = get_point("transport.iv")
    ds = spec(spec.resolve({"V_mV": 20.0, "alignment": "AP", "temperature_K": 250.0, "dv_mV": 0.05}), (1, 0))
    p = paper_params("AP", T_L=250.0, T_R=250.0)
    i = current(p, np.array([19.95, 20.0, 20.05]))
    assert float(ds.current) == pytest.approx(i[1], rel=1e-12)
    assert float(ds.dIdV) == pytest.approx((i[2] - i[0]) / 0.1e-3, rel=1e-9)  # S = A / V
    assert float(ds.power_el) == pytest.approx(-i[1] * 20e-3, rel=1e-12)


def test_aqfp_mismatch_point_uses_the_spawned_seed() -> None:
    from landauer.models.aqfp.mismatch import MismatchSpec, monte_carlo
    from landauer.models.aqfp.params import AqfpParams

    spec = get_point("aqfp.mismatch")
    ds = spec(spec.resolve({"sigma_J": 0.02, "devices": 65536}), (9, 3))
    mc = monte_carlo(MismatchSpec.from_params(AqfpParams(temperature=4.2), sigma_J=0.02, sigma_L=0.05),
                     n_devices=65536, seed=spawn_seeds(9, 4)[3])
    assert float(ds.min_alpha) == mc.min_alpha and float(ds.mean_abs_dI) == mc.mean_abs_dI


@pytest.mark.slow
def test_substrate_ensemble_points_run() -> None:
    """mtj.reset and squid.ce with tiny ensembles: finite outputs, work above the error-corrected bound
    within 4 SE (second law)."""
    spec = get_point("mtj.reset")
    ds = spec(spec.resolve({"trajectories": 64, "stage_time_ns": 5.0}), (1, 0))
    assert float(ds.mean_W) >= float(ds.W_min_eps) - 4 * float(ds.se_W)
    spec = get_point("squid.ce")
    ds = spec(spec.resolve({"trajectories": 8}), (1, 0))
    assert np.isfinite(float(ds.mean_work)) and 0.0 <= float(ds.min_success) <= 1.0
