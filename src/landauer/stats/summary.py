"""One summary of an ensemble run: work and heat with standard errors, the logical outcome, the bounds
and the Jarzynski estimators. Used by every substrate, the CLI and the papers.

All energies in kT. Sign convention (the engine's): ``W > 0`` is work done on the system, ``Q > 0`` heat
released into the bath. With ``eps_hat`` the fraction of trajectories not ending in the target state:

- Landauer's bound for a uniform bit: ``W >= ln 2`` (R. Landauer, IBM J. Res. Dev. 5, 183 (1961));
- error-corrected: ``W_min(eps) = ln 2 + eps ln eps + (1 - eps) ln(1 - eps)``
  (:func:`landauer.bounds.erasure_with_error`); for ``b`` bits (``M = 2^b`` uniform inputs) the least
  work that leaves a fraction ``eps`` outside the target is ``ln M - H_2(eps) - eps ln(M - 1)`` (the output
  entropy is largest with the errors spread evenly over the other ``M - 1`` states);
- finite-time (1-D overdamped, when positions and the mobility are known):
  ``<W> - W_min(eps) >= W_2(rho_0, rho_tau)^2 / (mu tau)`` (:func:`landauer.bounds.finite_time_bound`);
- free-energy (Kullback-Leibler) bound, for a cycle that starts in equilibrium with state occupations
  ``pi`` and ends in local equilibria with occupations ``p``: ``W >= D(p || pi) = sum_i p_i ln(p_i/pi_i)``
  (both estimated from the initial and final logical states; for ``pi`` uniform over ``M`` states this is
  ``ln M - H(p)``). It holds when the states' local free energies differ, where ``ln 2`` does not
  (M. Esposito, C. Van den Broeck, EPL 95, 40004 (2011); Parrondo, Horowitz, Sagawa, Nat. Phys. 11, 131
  (2015));
- Jarzynski: ``<exp(-W)> = exp(-Delta F)`` and ``Delta F_J = -ln <exp(-W)>``
  (C. Jarzynski, PRL 78, 2690 (1997)).

Summaries of independent ensembles of the same experiment :meth:`merge` exactly (pooled moments), except
the Wasserstein distance, which needs the positions and is dropped on merging.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from landauer import bounds
from landauer.bounds import Estimate
from landauer.stats.estimators import Moments, clopper_pearson, proportion
from landauer.validation import ParameterError

LN2 = math.log(2.0)


def _counts(states: ArrayLike) -> dict[int, int]:
    s = np.asarray(states, dtype=np.int64).ravel()
    vals, cnt = np.unique(s, return_counts=True)
    return {int(v): int(c) for v, c in zip(vals, cnt, strict=True)}


@dataclass(frozen=True, eq=False)
class EnsembleSummary:
    """Statistics of one ensemble (see module docstring); build with :meth:`from_dataset` or :meth:`from_arrays`.

    Attributes
    ----------
    work, heat : Moments
        Per-trajectory work and heat (kT).
    exp_work : Moments
        Moments of ``exp(-(W - shift))``; ``<exp(-W)> = exp(-shift) * exp_work.mean``.
    shift : float
        Reference work for ``exp_work`` (the smallest work seen), avoiding overflow.
    target : int or None
        The logical state the protocol should end in (None: no logical outcome is scored).
    counts_initial, counts_final : dict
        Number of trajectories per logical state at the start and at the end.
    tau : float or None
        Protocol duration (model time unit).
    w2_squared, mobility : float or None
        Squared 2-Wasserstein distance between initial and final 1-D positions, and the mobility, for
        the finite-time bound.
    state_names : tuple of str
        Names of the logical states ``0, 1, ...`` (for reports); default their numbers.
    bits : float
        Erased information for Landauer's bound ``bits ln 2`` (1 for a uniform bit).
    """

    work: Moments
    heat: Moments
    exp_work: Moments
    shift: float
    target: int | None = None
    counts_initial: Mapping[int, int] = field(default_factory=dict)
    counts_final: Mapping[int, int] = field(default_factory=dict)
    tau: float | None = None
    w2_squared: float | None = None
    mobility: float | None = None
    state_names: tuple[str, ...] = ()
    bits: float = 1.0

    # --- construction --------------------------------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        *,
        work_kT: ArrayLike,
        heat_kT: ArrayLike,
        state_final: ArrayLike | None = None,
        state_initial: ArrayLike | None = None,
        target: int | None = None,
        tau: float | None = None,
        x_initial: ArrayLike | None = None,
        x_final: ArrayLike | None = None,
        mobility: float | None = None,
        state_names: Sequence[str] = (),
        bits: float = 1.0,
    ) -> EnsembleSummary:
        """Summary from per-trajectory arrays (energies in kT).

        The finite-time bound needs 1-D positions ``x_initial``/``x_final`` and the overdamped ``mobility``.
        """
        w = np.asarray(work_kT, dtype=float).ravel()
        q = np.asarray(heat_kT, dtype=float).ravel()
        if w.size < 2:
            raise ParameterError("need at least two trajectories")
        if q.size != w.size:
            raise ParameterError(f"heat has {q.size} values but work has {w.size}")
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(q))):
            raise ParameterError("work and heat must be finite")
        shift = float(w.min())
        w2 = None
        if x_initial is not None and x_final is not None and mobility is not None:
            xi, xf = np.asarray(x_initial, dtype=float), np.asarray(x_final, dtype=float)
            if xi.size == w.size and xf.size == w.size:  # 1-D positions only
                w2 = bounds.wasserstein2_samples(xi.ravel(), xf.ravel())
        if target is not None and state_final is None:
            raise ParameterError("a target state needs the final states")
        return cls(
            work=Moments.of(w), heat=Moments.of(q), exp_work=Moments.of(np.exp(-(w - shift))), shift=shift,
            target=None if target is None else int(target),
            counts_initial={} if state_initial is None else _counts(state_initial),
            counts_final={} if state_final is None else _counts(state_final),
            tau=None if tau is None else float(tau), w2_squared=w2,
            mobility=None if mobility is None else float(mobility), state_names=tuple(state_names),
            bits=float(bits),
        )

    @classmethod
    def from_dataset(
        cls,
        ds: xr.Dataset,
        *,
        target: int | str | None = None,
        kT: float | None = None,
        mobility: float | None = None,
        bits: float = 1.0,
    ) -> EnsembleSummary:
        """Summary of an engine Dataset (``W``, ``Q``, ``state_initial``, ``state_final``, optional
        ``x_initial``/``x_final``).

        Parameters
        ----------
        target : int or str, optional
            Target logical state, as its number or its name (``ds.attrs["states"]``, comma-separated).
        kT : float, optional
            Thermal energy in the Dataset's energy unit; default 1 if ``energy_unit`` is ``"kT"``, else
            ``ds.attrs["kT"]``.
        mobility : float, optional
            Overdamped mobility in the Dataset's units (length^2 per energy unit per time unit), for the
            finite-time bound of 1-D devices; converted here to per kT, so the bound comes out in kT.
        """
        names = tuple(s for s in str(ds.attrs.get("states", "")).split(",") if s)
        if kT is None:
            if ds.attrs.get("energy_unit") == "kT":
                kT = 1.0
            elif "kT" in ds.attrs:
                kT = float(ds.attrs["kT"])
            else:
                raise ParameterError("give kT: the Dataset records neither energy_unit = 'kT' nor kT")
        if not (math.isfinite(kT) and kT > 0):
            raise ParameterError(f"kT must be finite and > 0, got {kT!r}")
        tau = ds.attrs.get("duration", ds.attrs.get("tau"))
        xi = ds["x_initial"].values if "x_initial" in ds else None
        xf = ds["x_final"].values if "x_final" in ds else None
        return cls.from_arrays(
            work_kT=ds["W"].values / kT, heat_kT=ds["Q"].values / kT,
            state_final=ds["state_final"].values if "state_final" in ds else None,
            state_initial=ds["state_initial"].values if "state_initial" in ds else None,
            target=resolve_state(target, names), tau=None if tau is None else float(tau),
            x_initial=xi, x_final=xf, mobility=None if mobility is None else mobility * kT, state_names=names,
            bits=bits,
        )

    # --- statistics -----------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return self.work.n

    @property
    def mean_work(self) -> float:
        return self.work.mean

    @property
    def mean_work_se(self) -> float:
        return self.work.se

    @property
    def mean_heat(self) -> float:
        return self.heat.mean

    @property
    def mean_heat_se(self) -> float:
        return self.heat.se

    @property
    def n_success(self) -> int:
        if self.target is None:
            raise ParameterError("this summary has no target state")
        return int(self.counts_final.get(self.target, 0))

    @property
    def success(self) -> Estimate:
        """Fraction ending in the target state, with its binomial standard error."""
        return proportion(self.n_success, self.n)

    @property
    def success_probability(self) -> float:
        return self.success.value

    @property
    def eps(self) -> float:
        """Residual error ``eps_hat``: the fraction not ending in the target state."""
        return 1.0 - self.success_probability

    @property
    def eps_ci95(self) -> tuple[float, float]:
        """Exact 95 % confidence interval of the residual error."""
        lo, hi = clopper_pearson(self.n_success, self.n)
        return 1.0 - hi, 1.0 - lo

    @property
    def landauer_bound(self) -> float:
        """``bits ln 2`` (kT)."""
        return self.bits * LN2

    @property
    def eps_corrected_bound(self) -> float:
        """``W_min(eps_hat)`` (kT): ``ln 2 - H_2(eps)`` for a uniform bit, ``ln M - H_2(eps) - eps ln(M-1)``
        for ``bits = log2 M``."""
        base = float(bounds.erasure_with_error(self.eps))
        m = 2.0**self.bits
        return base + self.landauer_bound - LN2 - self.eps * math.log(m - 1.0) if self.bits != 1.0 else base

    @property
    def kl_bound(self) -> float:
        """``D(p_final || p_initial)`` of the empirical logical distributions (kT; module docstring);
        NaN if a final state was never occupied initially."""
        if not self.counts_initial or not self.counts_final:
            raise ParameterError("the free-energy bound needs initial and final states")
        ni, nf = sum(self.counts_initial.values()), sum(self.counts_final.values())
        total = 0.0
        for k, c in self.counts_final.items():
            if c == 0:
                continue
            ci = self.counts_initial.get(k, 0)
            if ci == 0:
                return math.nan
            total += c / nf * math.log((c / nf) / (ci / ni))
        return total

    @property
    def excess_work(self) -> float:
        """``<W> - W_min(eps_hat)`` (kT)."""
        return self.mean_work - self.eps_corrected_bound

    @property
    def excess_work_se(self) -> float:
        """SE of the excess work: the work's SE and the bound's through ``eps_hat`` (delta method,
        ``dW_min/deps = ln(eps/(1 - eps)) - ln(M - 1)``), added in quadrature."""
        e = self.eps
        slope = math.log(e / (1 - e)) - math.log(2.0**self.bits - 1.0) if 0 < e < 1 else 0.0
        return math.hypot(self.mean_work_se, slope * self.success.stderr)

    @property
    def finite_time_bound(self) -> float | None:
        """``W_2^2 / (mu tau)`` (kT), or None without positions, mobility or duration."""
        if self.w2_squared is None or self.mobility is None or not self.tau:
            return None
        return bounds.finite_time_bound(self.w2_squared, mobility=self.mobility, tau=self.tau)

    @property
    def mean_exp_minus_work(self) -> Estimate:
        """``<exp(-W)>`` and its standard error."""
        f = math.exp(-self.shift)
        return Estimate(self.exp_work.mean * f, self.exp_work.se * f)

    @property
    def jarzynski_free_energy(self) -> Estimate:
        """``Delta F = -ln <exp(-W)>`` (kT) with its delta-method standard error."""
        m = self.exp_work.mean
        return Estimate(self.shift - math.log(m), self.exp_work.se / m)

    # --- combination and output ---------------------------------------------------------------
    def merge(self, other: EnsembleSummary) -> EnsembleSummary:
        """Summary of both ensembles together (same experiment, independent trajectories)."""
        if self.target != other.target:
            raise ParameterError(f"cannot merge summaries with targets {self.target} and {other.target}")
        if (self.tau is not None and other.tau is not None
                and not math.isclose(self.tau, other.tau, rel_tol=1e-9)):
            raise ParameterError(f"cannot merge summaries of durations {self.tau:g} and {other.tau:g}")
        shift = min(self.shift, other.shift)
        ea = self.exp_work.scaled(math.exp(-(self.shift - shift)))
        eb = other.exp_work.scaled(math.exp(-(other.shift - shift)))

        def add(a: Mapping[int, int], b: Mapping[int, int]) -> dict[int, int]:
            return {k: int(a.get(k, 0)) + int(b.get(k, 0)) for k in sorted(set(a) | set(b))}

        return EnsembleSummary(
            work=self.work.merge(other.work), heat=self.heat.merge(other.heat), exp_work=ea.merge(eb),
            shift=shift, target=self.target, counts_initial=add(self.counts_initial, other.counts_initial),
            counts_final=add(self.counts_final, other.counts_final), tau=self.tau, w2_squared=None,
            mobility=self.mobility, state_names=self.state_names or other.state_names, bits=self.bits,
        )

    def state_name(self, k: int) -> str:
        return self.state_names[k] if 0 <= k < len(self.state_names) else str(k)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able figures of merit; energies in kT (keys ending ``_kT``)."""
        mex = self.mean_exp_minus_work
        dF = self.jarzynski_free_energy
        out: dict[str, Any] = {
            "trajectories": self.n,
            "tau": self.tau,
            "mean_work_kT": self.mean_work,
            "mean_work_se_kT": self.mean_work_se,
            "mean_heat_kT": self.mean_heat,
            "mean_heat_se_kT": self.mean_heat_se,
            "landauer_bound_kT": self.landauer_bound,
        }
        if self.target is not None:
            lo, hi = self.eps_ci95
            out.update({
                "target": self.state_name(self.target),
                "success_probability": self.success_probability,
                "success_probability_se": self.success.stderr,
                "residual_error": self.eps,
                "residual_error_ci95": [lo, hi],
                "eps_corrected_bound_kT": self.eps_corrected_bound,
                "excess_work_kT": self.excess_work,
                "excess_work_se_kT": self.excess_work_se,
            })
        ftb = self.finite_time_bound
        if ftb is not None:
            out["finite_time_bound_kT"] = ftb
            out["w2_squared"] = self.w2_squared
        if self.counts_initial and self.counts_final:
            out["kl_bound_kT"] = self.kl_bound
            out["states_initial"] = {self.state_name(k): v for k, v in self.counts_initial.items()}
            out["states_final"] = {self.state_name(k): v for k, v in self.counts_final.items()}
        out.update({
            "jarzynski_mean_exp": mex.value,
            "jarzynski_mean_exp_se": mex.stderr,
            "jarzynski_free_energy_kT": dF.value,
            "jarzynski_free_energy_se_kT": dF.stderr,
        })
        return out


def resolve_state(target: int | str | None, names: Sequence[str] = ()) -> int | None:
    """A state given as its number or its name -> its number (names: the states ``0, 1, ...`` in order)."""
    if target is None:
        return None
    if isinstance(target, bool):
        raise ParameterError(f"target state must be a name or a number, got {target!r}")
    if isinstance(target, int | np.integer):
        return int(target)
    t = str(target)
    if t in names:
        return list(names).index(t)
    if t.lstrip("-").isdigit() and not names:
        return int(t)
    known = ", ".join(names) if names else "0, 1, ..."
    raise ParameterError(f"unknown target state {t!r}; states are {known}")
