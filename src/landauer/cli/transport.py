"""``landauer transport``: spin-engine double-dot transport (I(V), energy audit, fit to data)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import click

from landauer.cli._common import (
    FLOAT,
    JSON,
    SEED,
    Count,
    alias,
    check_out_file,
    emit,
    out_option,
    plan,
    real,
    takes_alias,
)
from landauer.validation import ParameterError

SECONDS_PER_POINT = 2e-3
"""Rough cost of one bias point (master equation + derivative), for the up-front run-time estimate."""
BYTES_PER_POINT = 8 * 40
"""Memory per bias point: the Dataset's ~10 variables, the solver's work arrays and the JSON/CSV copies."""

# (option flag, SpinEngineParams field, help)
_MODEL_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--e0", "e0", "Mean dimer level relative to E_F (meV)."),
    ("--asym", "asym", "PM1-PM2 level splitting ASYM (meV)."),
    ("--t", "t", "Interdot hopping (meV)."),
    ("--U", "U", "On-site Coulomb energy (meV)."),
    ("--U-inter", "U_inter", "Inter-dot Coulomb energy (meV)."),
    ("--J-heis", "J_heis", "Heisenberg exchange (meV)."),
    ("--J-ising", "J_ising", "Ising exchange (meV)."),
    ("--D-z", "D_z", "Dzyaloshinskii-Moriya exchange along z (meV)."),
    ("--B1", "B1", "Anisotropy field on PM1 (meV)."),
    ("--B2", "B2", "Anisotropy field on PM2 (meV)."),
    ("--sp", "sp", "Left-lead spin splitting of mu (spin accumulation, meV)."),
    ("--ap-ratio", "ap_ratio", "Right-lead splitting as a fraction of sp (paper's AP)."),
    ("--pL", "pL", "Left tunnelling spin polarisation, |p| < 1."),
    ("--pR", "pR", "Right tunnelling spin polarisation, |p| < 1."),
    ("--gamma-L", "gamma_L", "Left coupling Gamma_L (meV)."),
    ("--gamma-R", "gamma_R", "Right coupling Gamma_R (meV)."),
    ("--T-L", "T_L", "Left lead temperature (K)."),
    ("--T-R", "T_R", "Right lead temperature (K)."),
    ("--SP", "SP", "Spinterface spin splitting (meV)."),
    ("--E0", "E0", "Spinterface band centre (meV)."),
    ("--sp-width", "sp_width", "Spinterface band width (meV)."),
)


_TYPES = {"T_L": real(0, lo_open=True, unit="K"), "T_R": real(0, lo_open=True, unit="K"),
          "gamma_L": real(0, lo_open=True, unit="meV"), "gamma_R": real(0, lo_open=True, unit="meV"),
          "pL": real(-1, 1, lo_open=True, hi_open=True), "pR": real(-1, 1, lo_open=True, hi_open=True)}


def _model_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for flag, dest, help_text in reversed(_MODEL_OPTIONS):
        func = click.option(flag, dest, type=_TYPES.get(dest, FLOAT), default=None, help=help_text)(func)
    func = click.option("--spinterface/--no-spinterface", "spinterface", default=None,
                        help="Spinterface band filter on/off (default: on with --paper, else off).")(func)
    func = click.option("--paper/--no-paper", "paper", default=True, show_default=True,
                        help="Start from the paper's parameter set (Katcko et al. 2019) mapped onto "
                             "the model; other options override it.")(func)
    return func


def _bias_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--points", type=Count(3), default=401, show_default=True,
                        help="Number of bias points (>= 3).")(func)
    func = click.option("--v-max", type=FLOAT, default=10.0, show_default=True,
                        help="Largest bias (mV).")(func)
    func = click.option("--v-min", type=FLOAT, default=-10.0, show_default=True,
                        help="Smallest bias (mV).")(func)
    return func


def _params(state: str, paper: bool, spinterface: bool | None, kwargs: dict[str, Any]) -> Any:
    from landauer.models.transport.params import Alignment, SpinEngineParams, paper_params

    over = {dest: kwargs[dest] for _, dest, _ in _MODEL_OPTIONS if kwargs.get(dest) is not None}
    if spinterface is not None:
        over["spinterface"] = spinterface
    if paper:
        return paper_params(state, **over)
    return SpinEngineParams(alignment=Alignment(state), **over)


def _grid(v_min: float, v_max: float, points: int) -> Any:
    import numpy as np

    from landauer.validation import check_int

    n = check_int("--points", points, minimum=3)
    if not v_max > v_min:
        raise ParameterError(f"--v-max ({v_max:g} mV) must exceed --v-min ({v_min:g} mV)")
    plan(memory=n * BYTES_PER_POINT, seconds=n * SECONDS_PER_POINT, flags="--points",
         what=f"the bias sweep ({n:.3g} points)")
    return np.linspace(v_min, v_max, n)


@click.group("transport")
def transport() -> None:
    """Spin-engine MTJ: spin-resolved sequential tunnelling through a paramagnetic dimer."""


@transport.command("iv")
@click.option("--state", type=click.Choice(["P", "AP"]), default="P", show_default=True,
              help="Magnetic configuration.")
@_model_options
@_bias_options
@click.option("--polarity", type=click.Choice(["+1", "-1"]), default="+1", show_default=True,
              help="Experiment's sign convention relative to the model's (V and I flip together).")
@click.option("--out", "csv_path", type=click.Path(dir_okay=False), default=None, callback=takes_alias,
              help="Also write V_mV,I_A,dIdV_S,P_el_W,F_in_W,sigma_W_per_K to this CSV (atomically).")
@alias("--csv", dest="csv_path", type=click.Path(dir_okay=False), use="--out")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (includes the full sweep).")
def iv_cmd(state: str, paper: bool, spinterface: bool | None, v_min: float, v_max: float,
           points: int, polarity: str, csv_path: str | None, as_json: bool, **kwargs: Any) -> None:
    """I(V) sweep with currents, power, spin input and entropy production (SI units)."""
    import numpy as np

    from landauer.io import atomic_write_text
    from landauer.models.transport.observables import (
        iv_dataset,
        open_circuit_voltage,
        refined_max_power,
    )
    from landauer.models.transport.pauli import TransportValidityWarning

    check_out_file(csv_path, "--out")
    p = _params(state, paper, spinterface, kwargs)
    v = _grid(v_min, v_max, points)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TransportValidityWarning)
        ds = iv_dataset(p, v, polarity=int(polarity))
    i = ds["current"].values
    k0 = int(np.argmin(np.abs(v)))
    v_oc = open_circuit_voltage(p, v * int(polarity), i * int(polarity)) * int(polarity)
    v_best, p_best = refined_max_power(p, v * int(polarity), ds["power_el"].values,
                                       v_oc * int(polarity))
    out: dict[str, Any] = {
        "state": state,
        "parameters": p.as_dict(),
        "current_at_min_abs_V_A": float(i[k0]),
        "V_at_min_abs_V_mV": float(v[k0]),
        "open_circuit_voltage_mV": v_oc,
        "max_output_power_W": p_best,
        "max_power_bias_mV": v_best * int(polarity),
        "min_entropy_production_W_per_K": float(ds["entropy_production"].min()),
        "validity_warning": str(caught[0].message) if caught else "",
    }
    if as_json:
        out["sweep"] = {
            "V_mV": v, "I_A": i, "dIdV_S": ds["dIdV"].values, "P_el_W": ds["power_el"].values,
            "F_in_W": ds["spin_input"].values, "sigma_W_per_K": ds["entropy_production"].values,
            "spin_current_L_per_s": ds["spin_current_L"].values,
        }
    if csv_path:
        rows = ["V_mV,I_A,dIdV_S,P_el_W,F_in_W,sigma_W_per_K"]
        for row in zip(v, i, ds["dIdV"].values, ds["power_el"].values, ds["spin_input"].values,
                       ds["entropy_production"].values, strict=True):
            rows.append(",".join(f"{x:.10g}" for x in row))
        atomic_write_text(csv_path, "\n".join(rows) + "\n")
    if not as_json:
        out.pop("parameters")
    emit(out, as_json=as_json, title=f"spin-engine I(V), {state}, {v.size} points")


@transport.command("audit")
@click.option("--state", type=click.Choice(["P", "AP"]), default="P", show_default=True)
@_model_options
@_bias_options
@JSON
@out_option()
def audit_cmd(state: str, paper: bool, spinterface: bool | None, v_min: float, v_max: float,
              points: int, as_json: bool, out_file: str | None, **kwargs: Any) -> None:
    """Energy audit: what powers the zero-bias current (re-runs with equilibrium leads)."""
    from landauer.models.transport.audit import audit

    check_out_file(out_file)
    p = _params(state, paper, spinterface, kwargs)
    rep = audit(p, _grid(v_min, v_max, points))
    data = rep.as_dict()
    if as_json or out_file:
        emit(data, as_json=as_json, out_file=out_file)
    if as_json:
        return
    verdict = data.pop("verdict")
    emit(data, as_json=False, title=f"spin-engine energy audit, {state}")
    click.echo("")
    click.echo(click.wrap_text(verdict, width=100))


@transport.command("fit")
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("--free", default=None,
              help="Comma-separated parameters to fit (default: sp,SP,pL,pR,ap_ratio,gamma_L,"
                   "gamma_R,sp_width,e0_P,e0_AP,asym_P,asym_AP; also kappa, offset_nA).")
@click.option("--starts", type=Count(1, 10_000), default=20, show_default=True, help="Number of multi-starts.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the random starts.")
@click.option("--paper/--no-paper", "paper", default=True, show_default=True,
              help="Fixed parameters and first start from the paper's set (else model defaults).")
@JSON
@out_option()
def fit_cmd(data: str, free: str | None, starts: int, seed: int, paper: bool, as_json: bool,
            out_file: str | None) -> None:
    """Fit the model to I(V) data: CSV with columns state,V_mV,I_nA[,sigma_nA]."""
    import json

    from landauer.models.transport.fit import DEFAULT_FREE, fit_iv, load_iv_csv
    from landauer.models.transport.params import Alignment, SpinEngineParams, paper_params
    from landauer.reproduce import _jsonable

    check_out_file(out_file)
    d = load_iv_csv(data)
    names = DEFAULT_FREE if free is None else tuple(s.strip() for s in free.split(",") if s.strip())
    base = ({s: paper_params(s) for s in ("P", "AP")} if paper
            else {s: SpinEngineParams(alignment=Alignment(s)) for s in ("P", "AP")})
    res = fit_iv(d, base=base, free=names, n_starts=starts, seed=seed)
    bad = [k for k, v in res.values.items() if not math.isfinite(v)]
    if bad or not math.isfinite(res.chi2):
        raise ParameterError(f"{data}: the fit is not finite (chi2 = {res.chi2:g}"
                             + (f"; parameters {', '.join(bad)}" if bad else "") + "); check the data's values")
    for name, why in res.unconstrained.items():
        warnings.warn(f"--free {name}: not constrained by the data ({why}); listed under unconstrained",
                      stacklevel=1)
    out = res.as_dict()
    if not as_json:
        out = {
            **{f"{k}": f"{v:.6g} +- {res.stderr[k]:.2g}" for k, v in res.values.items()
               if k not in res.unconstrained},
            "unconstrained": "; ".join(f"{k} ({w})" for k, w in res.unconstrained.items()) or "none",
            "chi2/dof": f"{res.chi2:.4g}/{res.dof}",
            "condition_number": res.condition_number,
            "at_bounds": ", ".join(res.at_bounds) or "none",
            "gamma_over_kT": res.gamma_over_kT,
            "min_spacing_over_gamma": res.min_spacing_over_gamma,
            "valid": res.valid,
        }
    emit(out, as_json=as_json, title=f"fit of {d.V_mV.size} points ({', '.join(d.states)})",
         out_file=out_file if as_json else None)
    if out_file and not as_json:
        from landauer.io import atomic_write_text

        atomic_write_text(out_file, json.dumps(_jsonable(res.as_dict()), indent=2) + "\n")


def register(group: click.Group) -> None:
    group.add_command(transport)
