"""``landauer aqfp``: the aQFP potential, mismatch statistics, logical entropy and Langevin dynamics."""

from __future__ import annotations

import math
import os
from collections.abc import Callable

import click

from landauer.cli._common import (
    FLOAT,
    NO_PROGRESS,
    Count,
    check_out_file,
    emit,
    out_option,
    plan,
    real,
    seed_option,
    temperature_option,
    trajectories_option,
)

MC_DEVICES_PER_S_PER_CORE = 2e7
"""Order of magnitude of the mismatch Monte Carlo kernel's throughput (for the ETA)."""


@click.group("aqfp")
def aqfp() -> None:
    """Adiabatic quantum-flux-parametron logic at the Landauer limit (Herr, arXiv:2504.04284)."""


def _params(parameter_set: str, temperature: float):  # noqa: ANN202
    from landauer.models.aqfp.params import AqfpParams

    if parameter_set == "dynamics":
        return AqfpParams.supercritical(temperature=temperature)
    return AqfpParams(temperature=temperature)


SET = click.option(
    "--set",
    "parameter_set",
    type=click.Choice(["static", "dynamics"]),
    default="static",
    show_default=True,
    help="Calibrated static set (B ~ 4.66) or the supercritical dynamics set.",
)
TEMP = temperature_option(4.2)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
_OUT = out_option()


def JSON(f: Callable) -> Callable:  # noqa: N802 - a decorator named like the option it adds
    """``--json`` and ``--out`` (every aqfp command prints a result that --out also writes)."""
    return _JSON(_OUT(f))


@aqfp.command()
@click.option(
    "--excitation",
    type=real(0.0, 1.0),
    default=1.0,
    show_default=True,
    help="Exciter phase phix / 2pi (1 = fully excited).",
)
@click.option(
    "--signal",
    type=FLOAT,
    default=1.0,
    show_default=True,
    help="Input signal in units of the calibrated single-input signal (alpha).",
)
@SET
@TEMP
@JSON
def potential(
    excitation: float, signal: float, parameter_set: str, temperature: float, as_json: bool, out_file: str | None
) -> None:
    """Calibration, Eq. 3 crossing estimate, wells and barrier at one exciter phase."""
    from landauer.models.aqfp.calibration import criticality
    from landauer.models.aqfp.potential import ReducedPotential, crossing_difference, log10_adiabatic_ber

    if not 0.0 <= excitation <= 1.0:
        raise ValueError(f"excitation must lie in [0, 1] (phix / 2pi), got {excitation}")
    check_out_file(out_file)
    p = _params(parameter_set, temperature)
    rp = ReducedPotential.from_params(p)
    ts = signal * p.theta_s
    du = crossing_difference(theta_s=ts, B=p.B)
    w = rp.wells(phix=2 * math.pi * excitation, theta_s=ts)
    crit = criticality(p)
    out = {
        "parameter_set": parameter_set,
        **p.as_dict(),
        "delta_U_crossing_kT": du * p.ej_over_kT,
        "log10_ber_crossing": float(log10_adiabatic_ber(du * p.ej_over_kT)),
        "n_minima": 0 if w is None else w.n_minima,
        "theta_plus_rad": None if w is None else w.theta_plus,
        "theta_minus_rad": None if w is None else w.theta_minus,
        "splitting_kT": None if w is None else w.splitting * p.ej_over_kT,
        "barrier_lower_kT": None if w is None else w.barrier_lower * p.ej_over_kT,
        "barrier_upper_kT": None if w is None else w.barrier_upper * p.ej_over_kT,
        "supercritical": crit.supercritical,
        "coexistence_window_rad": crit.coexistence_window,
        "bifurcation_phix_over_2pi": crit.phix_bifurcation / (2 * math.pi),
    }
    emit(out, as_json=as_json, title=f"aQFP potential ({parameter_set} set) at phix/2pi = {excitation:g}",
         out_file=out_file)


@aqfp.command()
@click.option("--sigma-j", type=real(0.0), default=0.01, show_default=True,
              help="Junction I_c spread (1 sigma, relative).")
@click.option("--sigma-l", type=real(0.0), default=0.05, show_default=True,
              help="Inductor spread (1 sigma, relative).")
@click.option("--devices", type=real(1.0), default=1e9, show_default=True, help="Devices per chip N.")
@click.option(
    "--mc",
    "n_mc",
    type=Count(0),
    default=1_000_000,
    show_default=True,
    help="Monte Carlo devices for the check (0: none).",
)
@seed_option(0)
@TEMP
@JSON
def mismatch(
    sigma_j: float, sigma_l: float, devices: float, n_mc: int, seed: int, temperature: float, as_json: bool,
    out_file: str | None
) -> None:
    """Worst device on a chip (paper heuristic and order statistics), chip BER, terminate dissipation."""
    from landauer.models.aqfp.mismatch import MismatchSpec, monte_carlo
    from landauer.models.aqfp.orderstats import chip_statistics
    from landauer.models.aqfp.params import AqfpParams
    from landauer.models.aqfp.terminate import terminate_dissipation

    check_out_file(out_file)
    # per 65536-device chunk: a 400-bin int64 histogram and four scalars; plus the kept sample (<= 1e5)
    chunks = -(-n_mc // (1 << 16))
    plan(memory=chunks * (400 + 4) * 8 + 8e5,
         seconds=n_mc / (MC_DEVICES_PER_S_PER_CORE * (os.cpu_count() or 1)),
         flags="--mc", what=f"the mismatch Monte Carlo ({n_mc:.3g} devices)")
    p = AqfpParams(temperature=temperature)
    spec = MismatchSpec.from_params(p, sigma_J=sigma_j, sigma_L=sigma_l)
    out: dict[str, object] = {f"chip_{k}": v for k, v in chip_statistics(spec, devices).as_dict().items()}
    term = terminate_dissipation(
        p, sigma_J=sigma_j, dynamics_params=AqfpParams.supercritical(temperature=temperature)
    )
    out.update({f"terminate_{k}": v for k, v in term.as_dict().items()})
    if n_mc > 0:
        mc = monte_carlo(spec, n_devices=n_mc, seed=seed)
        out.update(
            {
                "mc_devices": mc.n_devices,
                "mc_min_alpha": mc.min_alpha,
                "mc_median_alpha": mc.quantile(0.5),
                "mc_failures": mc.n_fail,
                "mc_mean_abs_dI": mc.mean_abs_dI,
            }
        )
    emit(out, as_json=as_json, title="aQFP parameter mismatch", out_file=out_file)


@aqfp.command()
@click.option(
    "--circuit",
    type=click.Choice(
        ["or-and", "nand", "buffer-chain", "terminate", "fanout-merge-terminate", "copy-minority", "maj3"]
    ),
    default="or-and",
    show_default=True,
)
@click.option(
    "--form",
    type=click.Choice(["conventional", "landauer", "fig1"]),
    default="fig1",
    show_default=True,
    help="NAND form.",
)
@click.option(
    "--stream", type=click.Choice(["iid", "duplicated", "markov"]), default="duplicated", show_default=True
)
@click.option(
    "--p",
    "p",
    type=FLOAT,
    default=0.01,
    show_default=True,
    help="iid: P(1); duplicated: P(0 read as 1); markov: P(1|0).",
)
@click.option(
    "--q", "q", type=FLOAT, default=0.0, show_default=True, help="duplicated: P(1 read as 0); markov: P(0|1)."
)
@JSON
def entropy(circuit: str, form: str, stream: str, p: float, q: float, as_json: bool, out_file: str | None) -> None:
    """Logical entropy lost by a circuit on a bit stream, its Landauer bound and the modelled dissipation."""
    from landauer.models.aqfp import gates
    from landauer.models.aqfp.energetics import ResetCosts
    from landauer.models.aqfp.entropy import duplicated, iid, logical_entropy, markov
    from landauer.models.aqfp.network import Network

    check_out_file(out_file)
    factory: Callable[[], Network] = gates.CIRCUITS[circuit]  # type: ignore[assignment]
    net = gates.nand(form) if circuit == "nand" else factory()  # type: ignore[arg-type]
    n = len(net.inputs)
    if stream == "iid":
        dist = iid(n, p)
    elif stream == "duplicated":
        dist = duplicated(n, p01=p, p10=q)
    else:
        dist = markov(n, p01=p, p10=q)
    costs = ResetCosts.ideal(max_signal=2)
    res = logical_entropy(net, dist, costs)
    out = {"circuit": net.name, "stream": dist.label, **res.as_dict(costs.kT)}
    emit(out, as_json=as_json, title=f"logical entropy of {net.name}", out_file=out_file)


@aqfp.command()
@click.option(
    "--what", type=click.Choice(["terminate", "chain", "ber"]), default="terminate", show_default=True
)
@click.option(
    "--rise-ps",
    type=real(0, lo_open=True, unit="ps"),
    default=50.0,
    show_default=True,
    help="Excitation rise time in ps (chain/terminate) or the slow window (ber).",
)
@click.option("--gates", "n_gates", type=Count(1, 10_000), default=4, show_default=True, help="Chain length.")
@trajectories_option(200, minimum=2)
@click.option(
    "--signal", type=FLOAT, default=0.003, show_default=True, help="ber: signal phase theta_s (rad)."
)
@seed_option(0)
@TEMP
@JSON
@NO_PROGRESS
def simulate(
    what: str,
    rise_ps: float,
    n_gates: int,
    trajectories: int,
    signal: float,
    seed: int,
    temperature: float,
    as_json: bool,
    out_file: str | None,
    no_progress: bool,
) -> None:
    """RCSJ Langevin dynamics (supercritical set): energy per cycle, or the adiabatic BER of one gate."""
    from landauer.models.aqfp.experiments import ber_run, cycle_energy
    from landauer.models.aqfp.freeze import ber_ramp, freeze_out
    from landauer.models.aqfp.params import AqfpParams

    check_out_file(out_file)
    # memory: per trajectory and gate a few coordinates, momenta and accumulators (float64)
    plan(memory=float(trajectories) * n_gates * 8 * 40, flags="-n/--trajectories and --gates",
         what=f"the Langevin ensemble ({trajectories:.3g} trajectories x {n_gates} gates)")
    p = AqfpParams.supercritical(temperature=temperature)
    t = rise_ps * 1e-12 / p.scales.time
    if what == "ber":
        ramp = ber_ramp(p, theta_s=signal, t_slow=t)
        fo = freeze_out(p, theta_s=signal, ramp=ramp)
        frac, k = ber_run(p, theta_s=signal, ramp=ramp, n_trajectories=trajectories, seed=seed)
        out: dict[str, object] = {
            "ber_simulated": frac,
            "errors": k,
            "trajectories": trajectories,
            **{f"model_{a}": b for a, b in fo.as_dict().items()},
        }
    else:
        n = 1 if what == "terminate" else n_gates
        r = cycle_energy(p, n_gates=n, t_rise=t, n_trajectories=trajectories, seed=seed, sink=what == "chain",
                         progress=not no_progress)
        out = {
            "what": what,
            "gates": n,
            "rise_time_s": r.t_rise_s,
            "work_per_gate_per_cycle_kT": r.work_kT,
            "work_stderr_kT": r.work_stderr_kT,
            "shadow_work_kT": r.shadow_kT,
            "heat_kT": r.heat_kT,
            "error_fraction": r.error_fraction,
            "work_over_kTln2": r.work_kT / math.log(2),
        }
    emit(out, as_json=as_json, title=f"aQFP Langevin: {what}", out_file=out_file)


def register(group: click.Group) -> None:
    group.add_command(aqfp)
