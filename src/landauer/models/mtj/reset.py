"""The 4-stage field-driven Landauer reset of a macrospin, its duration sweep and the 1/tau fit.

Stages (specs/mtj.md section 5; paper Fig. 2): random initial bit (exact Boltzmann samples at H = 0);
(1) hard-axis field ``h_x: 0 -> hx`` lowers the barrier ``K V (1 - h_x)^2``; (2) easy-axis bias
``h_y: 0 -> hb``; (3) ``h_x -> 0`` restores the barrier; (4) ``h_y -> 0``. Linear ramps of ``tau_s``
each. Bounds: ``<W> >= W_min(eps) = kT [ln 2 + eps ln eps + (1 - eps) ln(1 - eps)]`` (Esposito & Van den
Broeck, EPL 95, 40004 (2011)); finite-time excess ``<W>(tau) = W_inf + B / tau`` (Berut et al., Nature
483, 187 (2012); Proesmans et al., PRL 125, 100602 (2020)); integral fluctuation theorem restricted to
the final well ``<e^{-W/kT} 1[m_y(end) > 0]> = 1/2`` at any speed (Jarzynski, PRL 78, 2690 (1997)).

Times are reduced (units of ``t0 = 1/(gamma mu0 H_K)``); energies in kT.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xarray as xr

from landauer.bounds import erasure_with_error
from landauer.constants import LN2
from landauer.engine.protocol import Protocol, Shape
from landauer.engine.record import Record
from landauer.engine.simulate import run
from landauer.models.mtj.energy import axial_samples
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams
from landauer.progress import progress_bar
from landauer.results import provenance
from landauer.stats import child_seed, fit_inverse_tau
from landauer.validation import ParameterError, check_finite, check_int, check_positive

STAGES = ("1: hard-axis field on", "2: easy-axis bias on", "3: hard-axis field off", "4: bias off")


@dataclass(frozen=True)
class ResetProtocol:
    """Amplitudes (units of ``H_K``) and stage duration (units of ``t0``) of the 4-stage reset.

    Parameters
    ----------
    hx : float
        Hard-axis field amplitude (> 1 removes the barrier). Default 1.5 [choice].
    hb : float
        Easy-axis bias; >= 0 resets to bit 1 (``m_y > 0``); 0 is the no-bias control cycle. Default 0.3.
    tau_stage : float
        Duration of each stage (reduced time).
    shape : {"linear", "smooth"}
        Ramp shape.
    """

    hx: float = 1.5
    hb: float = 0.3
    tau_stage: float = 100.0
    shape: Shape = "linear"

    def __post_init__(self) -> None:
        check_positive("hx", self.hx)
        check_finite("hb", self.hb)
        if not 0.0 <= self.hb < 1.0:
            raise ParameterError(f"hb must lie in [0, 1), got {self.hb:g}")
        check_positive("tau_stage", self.tau_stage)
        if self.shape not in ("linear", "smooth"):
            raise ParameterError(f"unknown ramp shape {self.shape!r}; choose linear or smooth")

    def protocol(self) -> Protocol:
        t, sh = self.tau_stage, self.shape
        return (
            Protocol.start(hx=0.0, hy=0.0)
            .ramp(t, hx=self.hx, name=STAGES[0], shape=sh)
            .ramp(t, hy=self.hb, name=STAGES[1], shape=sh)
            .ramp(t, hx=0.0, name=STAGES[2], shape=sh)
            .ramp(t, hy=0.0, name=STAGES[3], shape=sh)
        )

    def with_tau(self, tau_stage: float) -> ResetProtocol:
        return ResetProtocol(hx=self.hx, hb=self.hb, tau_stage=tau_stage, shape=self.shape)


@dataclass(frozen=True)
class ResetSummary:
    """Ensemble statistics of one reset run (energies in kT)."""

    tau_stage: float
    n: int
    mean_W: float
    se_W: float
    sd_W: float
    eps_hat: float
    success: float
    W_min_eps: float
    jarzynski_restricted: float
    jarzynski_restricted_se: float
    jarzynski_full: float
    jarzynski_full_se: float


def summarize(ds: xr.Dataset, tau_stage: float) -> ResetSummary:
    """Mean work, SE, residual error, ``W_min(eps_hat)`` and the restricted Jarzynski average."""
    W = ds["W"].values
    n = W.size
    ok = ds["state_final"].values == 1
    eps = 1.0 - float(ok.mean())
    x = np.exp(-W) * ok
    xf = np.exp(-W)
    return ResetSummary(
        tau_stage=tau_stage,
        n=n,
        mean_W=float(W.mean()),
        se_W=float(W.std(ddof=1) / math.sqrt(n)),
        sd_W=float(W.std(ddof=1)),
        eps_hat=eps,
        success=1.0 - eps,
        W_min_eps=float(erasure_with_error(min(eps, 0.5))),
        jarzynski_restricted=float(x.mean()),
        jarzynski_restricted_se=float(x.std(ddof=1) / math.sqrt(n)),
        jarzynski_full=float(xf.mean()),
        jarzynski_full_se=float(xf.std(ddof=1) / math.sqrt(n)),
    )


def run_reset(
    system: ReducedMacrospin,
    reset: ResetProtocol,
    *,
    n_trajectories: int,
    seed: int,
    dtau: float = 0.01,
    n_snapshots: int = 0,
    progress: bool = False,
) -> xr.Dataset:
    """One reset ensemble from exact Boltzmann initial states at H = 0 (random bit)."""
    n = check_int("n_trajectories", n_trajectories, minimum=2)
    m0 = axial_samples(n, sigma=system.sigma, xi=0.0, seed=seed)
    prot = reset.protocol()
    snaps = tuple(np.linspace(0.0, prot.duration, n_snapshots)) if n_snapshots else ()
    ds = run(
        system.model(),
        prot,
        dynamics=system.dynamics(dtau),
        n_trajectories=n,
        seed=seed,
        x0=m0,
        record=Record(snapshots=snaps),
        progress=progress,
        energy_unit="kT",
    )
    ds.attrs.update(hx=reset.hx, hb=reset.hb, tau_stage=reset.tau_stage, sigma=system.sigma, zeta=system.zeta)
    if n_snapshots:
        h = prot.with_controls(("hx", "hy", "hz"), {"hx": 0.0, "hy": 0.0, "hz": 0.0}).values_at(ds["time"].values)
        ds["h"] = (("time", "control"), h, {"long_name": "reduced field", "units": "H_K"})
        ds = ds.assign_coords(control=["hx", "hy", "hz"])
    return ds


def sweep(
    system: ReducedMacrospin,
    reset: ResetProtocol,
    taus: Sequence[float],
    *,
    n_trajectories: int | Sequence[int],
    seed: int,
    dtau: float = 0.01,
    progress: bool = False,
    params: MTJParams | None = None,
) -> xr.Dataset:
    """Reset statistics over stage durations ``taus`` (reduced): a Dataset over ``tau_stage``.

    Duration ``j`` runs ``n_trajectories`` (or ``n_trajectories[j]``) trajectories seeded by
    ``child_seed(seed, j)`` (``numpy.random.SeedSequence`` spawning: independent streams, and adding
    durations leaves the earlier ones unchanged). The sweep runner's ``mtj.reset`` point runs the same
    ensembles resumably and on a cluster (:mod:`landauer.sweep`).
    """
    if len(taus) < 1:
        raise ParameterError("the duration sweep needs at least one tau")
    sizes = [n_trajectories] * len(taus) if isinstance(n_trajectories, int) else list(n_trajectories)
    if len(sizes) != len(taus):
        raise ParameterError(f"n_trajectories: {len(sizes)} sizes for {len(taus)} durations")
    rows: list[ResetSummary] = []
    with progress_bar(total=len(taus), desc="reset sweep", enabled=progress, unit="tau") as bar:
        for j, (tau, n) in enumerate(zip(taus, sizes, strict=True)):
            ds = run_reset(
                system,
                reset.with_tau(float(tau)),
                n_trajectories=n,
                seed=child_seed(seed, j),
                dtau=dtau,
            )
            rows.append(summarize(ds, float(tau)))
            bar.update(1)
    fields = [f for f in ResetSummary.__dataclass_fields__ if f != "tau_stage"]
    data = {f: ("tau_stage", np.array([getattr(r, f) for r in rows], dtype=float)) for f in fields}
    out = xr.Dataset(data, coords={"tau_stage": np.array([r.tau_stage for r in rows])})
    for f in ("mean_W", "se_W", "sd_W", "W_min_eps"):
        out[f].attrs["units"] = "kT"
    out["tau_stage"].attrs["units"] = "t0 = 1/(gamma mu0 H_K)"
    out.attrs.update(
        provenance(
            model="mtj-reset-sweep",
            parameters=params.as_dict() if params else {},
            seed=seed,
            extra={
                "hx": reset.hx,
                "hb": reset.hb,
                "sigma": system.sigma,
                "alpha": system.alpha,
                "dtau": dtau,
                "kTln2": LN2,
            },
        )
    )
    return out


@dataclass(frozen=True)
class ExcessFit:
    """``<W>(tau) = W_inf + B / tau`` by weighted least squares (kT, reduced time)."""

    W_inf: float
    W_inf_se: float
    B: float
    B_se: float
    chi2_dof: float
    n_points: int

    def tau_for_excess(self, excess_kT: float) -> float:
        """Stage duration at which the fitted excess ``B / tau`` equals ``excess_kT``."""
        check_positive("excess_kT", excess_kT)
        return max(self.B, 0.0) / excess_kT


def fit_excess(
    tau: Sequence[float], mean_W: Sequence[float], se_W: Sequence[float], *, decades: float = 1.0
) -> ExcessFit:
    """Fit ``W_inf + B/tau`` over the slowest ``decades`` of ``tau`` (at least 2 points)."""
    t = np.asarray(tau, dtype=float)
    w = np.asarray(mean_W, dtype=float)
    s = np.asarray(se_W, dtype=float)
    sel = t >= t.max() / 10.0**decades * (1 - 1e-12)
    if sel.sum() < 2:
        raise ParameterError("the 1/tau fit needs at least two durations in the top decade")
    f = fit_inverse_tau(t[sel], w[sel], s[sel], min_points=2)
    return ExcessFit(f.intercept, f.intercept_se, f.slope, f.slope_se, f.reduced_chi2, int(sel.sum()))


@dataclass(frozen=True)
class BoundExcessFit:
    """``<W> - W_min(eps_hat) = c0 + B/tau`` (kT): the excess over each run's own error-corrected bound.

    Fitting the excess rather than raw ``<W>`` removes the bias that ``eps_hat`` (which freezes out
    during stage 3 and differs from run to run) would put into the intercept. ``c0 = 0`` is the second
    law's quasi-static limit; ``W_inf = W_min(eps_hat of the slowest run) + c0``.
    """

    c0: float
    c0_se: float
    B: float
    B_se: float
    chi2: float
    dof: int
    W_min_ref: float

    @property
    def p_value(self) -> float:
        from scipy import stats

        return float(stats.chi2.sf(self.chi2, self.dof)) if self.dof > 0 else float("nan")

    @property
    def in_regime(self) -> bool:
        """chi2 gate: the 1/tau law describes the excess (p > 0.01)."""
        return self.dof > 0 and self.p_value > 0.01

    @property
    def W_inf(self) -> float:
        return self.W_min_ref + self.c0


def fit_bound_excess(sw: xr.Dataset, *, decades: float = 1.0) -> BoundExcessFit:
    """Weighted fit of ``mean_W - W_min_eps = c0 + B/tau`` over the slowest ``decades`` of a sweep (>= 3 points)."""
    t = np.asarray(sw["tau_stage"].values, dtype=float)
    sel = t >= t.max() / 10.0**decades * (1 - 1e-12)
    if sel.sum() < 3:
        raise ParameterError("the chi2-gated 1/tau fit needs at least three durations in the fitted range")
    exc = (sw["mean_W"].values - sw["W_min_eps"].values)[sel]
    f = fit_inverse_tau(t[sel], exc, sw["se_W"].values[sel])
    return BoundExcessFit(f.intercept, f.intercept_se, f.slope, f.slope_se, f.chi2, f.dof,
                          float(sw["W_min_eps"].values[np.argmax(t)]))


def trajectories_for_se(excess_kT: float, se_kT: float, *, n_min: int = 100, n_max: int = 20_000) -> int:
    """Ensemble size for a target SE of ``<W>`` from ``sigma_W^2 ~ 2 <W_diss>`` (near-equilibrium
    fluctuation-dissipation; Jarzynski's Gaussian limit), with the erasure's own variance floor folded
    into ``n_min``."""
    check_positive("se_kT", se_kT)
    n = math.ceil(2.0 * max(excess_kT, 0.0) / se_kT**2)
    return int(min(max(n, n_min), n_max))


def quasistatic_window(params: MTJParams) -> dict[str, float]:
    """Time scales (s) bounding a quasi-static protocol: ``t_rel << tau_s << dwell time``.

    ``dwell = 2 tau_N (sqrt(pi)/2) sigma^{-3/2} e^sigma`` (zero-field mean dwell time in one well, Brown's
    asymptote).
    """
    s = params.sigma
    dwell = 2.0 * params.tau_N * (math.sqrt(math.pi) / 2.0) * s**-1.5 * math.exp(s)
    return {"t0_s": params.t0, "t_rel_s": params.t_rel, "tau_N_s": params.tau_N, "dwell_s": dwell}
