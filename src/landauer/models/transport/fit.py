"""Joint weighted least-squares fit of the spin-engine model to measured I(V) in P and AP.

Input: a CSV with header ``state,V_mV,I_nA[,sigma_nA]`` (state P or AP). Shared parameters (sp, SP, pL,
pR, ap_ratio, gamma_L, gamma_R, sp_width) are common to P and AP; e0 and asym are per state, following
the paper's constraints [seed, Methods]. Optional voltage scale ``kappa`` (the paper's "apparent factor
in the voltage scale": the model is evaluated at kappa*V) and a current offset bounded by 0.5 nA (the
paper's maximal offset); no voltage offset, which would be a hidden EMF.

Uncertainties: covariance ``s^2 (J^T J)^+`` from the SVD of the Jacobian at the best of ``n_starts``
bounded :func:`scipy.optimize.least_squares` runs, with ``s^2 = chi^2/(N - n_p)`` when no sigmas are
given (else 1). Couplings are fitted as log10(Gamma); their errors are propagated linearly.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import least_squares

from landauer.models.transport.params import Alignment, SpinEngineParams
from landauer.models.transport.pauli import CURRENT_A, solve, spectrum, validity
from landauer.validation import ParameterError, check_int

SHARED = ("sp", "SP", "pL", "pR", "ap_ratio", "gamma_L", "gamma_R", "sp_width")
PER_STATE = ("e0", "asym")
EXTRA = ("kappa", "offset_nA")
BOUNDS: dict[str, tuple[float, float]] = {
    "sp": (0.0, 40.0), "SP": (-20.0, 20.0), "pL": (-0.95, 0.95), "pR": (-0.95, 0.95),
    "ap_ratio": (-1.0, 1.0), "gamma_L": (1e-4, 2.5), "gamma_R": (1e-4, 2.5), "sp_width": (1.0, 50.0),
    "e0": (-40.0, 40.0), "asym": (-20.0, 20.0), "kappa": (0.1, 10.0), "offset_nA": (-0.5, 0.5),
}
LOG_PARAMS = ("gamma_L", "gamma_R")
DEFAULT_FREE: tuple[str, ...] = SHARED + ("e0_P", "e0_AP", "asym_P", "asym_AP")


@dataclass(frozen=True)
class IVData:
    """Measured I(V) points: state ('P'/'AP'), bias (mV), current (nA), optional sigma (nA)."""

    state: NDArray[np.str_]
    V_mV: NDArray[np.float64]
    I_nA: NDArray[np.float64]
    sigma_nA: NDArray[np.float64] | None = None

    @property
    def states(self) -> list[str]:
        return [s for s in ("P", "AP") if np.any(self.state == s)]


def load_iv_csv(path: str | os.PathLike[str]) -> IVData:
    """Read an I(V) CSV (``state,V_mV,I_nA[,sigma_nA]``); every error names the file and the line.

    The shared reader (:func:`landauer.io.read_csv_table`) strips a BOM and refuses binary files, ``;``
    separators and rows with the wrong number of fields (decimal commas).
    """
    from landauer.io import parse_number, read_csv_table

    if not os.path.exists(path):
        raise FileNotFoundError(f"no such data file: {path}")
    header, rows = read_csv_table(path, required=("state", "V_mV", "I_nA"), optional=("sigma_nA",))
    col = {h: i for i, h in enumerate(header)}
    has_sigma = "sigma_nA" in col
    states, vs, cur, sig = [], [], [], []
    for lineno, row in rows:
        st = row[col["state"]].strip().upper()
        if st not in ("P", "AP"):
            raise ParameterError(f"{path}, line {lineno}: state must be P or AP, got {row[col['state']]!r}")
        v, i = (parse_number(row[col[c]], path=path, line=lineno, column=c) for c in ("V_mV", "I_nA"))
        s = parse_number(row[col["sigma_nA"]], path=path, line=lineno, column="sigma_nA") if has_sigma else 1.0
        for c, x, limit in (("V_mV", v, 1e6), ("I_nA", i, 1e12)):
            if abs(x) > limit:
                raise ParameterError(f"{path}, line {lineno}: {c} = {x:g} is outside the physical range "
                                 f"|{c}| <= {limit:g} (check the value and its unit)")
        if s <= 0:
            raise ParameterError(f"{path}, line {lineno}: sigma_nA must be > 0, got {s}")
        states.append(st)
        vs.append(v)
        cur.append(i)
        sig.append(s)
    if len(states) < 3:
        raise ParameterError(f"{path}: need at least 3 data rows, got {len(states)}")
    return IVData(np.array(states), np.array(vs), np.array(cur),
                  np.array(sig) if has_sigma else None)


@dataclass(frozen=True)
class FitResult:
    """Best-fit parameters with 1-sigma errors, correlations and diagnostics."""

    names: tuple[str, ...]
    values: dict[str, float]
    stderr: dict[str, float]
    correlation: NDArray[np.float64]
    chi2: float
    dof: int
    condition_number: float
    at_bounds: tuple[str, ...]
    gamma_over_kT: float
    min_spacing_over_gamma: float
    valid: bool
    params: dict[str, SpinEngineParams]
    start_costs: tuple[float, ...] = field(default=())
    unconstrained: dict[str, str] = field(default_factory=dict)
    """Free parameters the data cannot determine, with the reason (not in ``values``/``stderr`` if no data)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "unconstrained": dict(self.unconstrained),
            "values": self.values, "stderr": self.stderr,
            "correlation": {"names": list(self.names), "matrix": self.correlation.tolist()},
            "chi2": self.chi2, "dof": self.dof,
            "reduced_chi2": self.chi2 / self.dof if self.dof > 0 else float("nan"),
            "condition_number": self.condition_number, "at_bounds": list(self.at_bounds),
            "gamma_over_kT": self.gamma_over_kT,
            "min_spacing_over_gamma": self.min_spacing_over_gamma, "valid": self.valid,
            "start_costs": list(self.start_costs),
        }


def _split(name: str) -> tuple[str, str | None]:
    for s in ("_P", "_AP"):
        if name.endswith(s) and name[: -len(s)] in PER_STATE:
            return name[: -len(s)], s[1:]
    return name, None


def _check_free(free: tuple[str, ...], states: list[str]) -> None:
    allowed = set(SHARED) | set(EXTRA) | {f"{p}_{s}" for p in PER_STATE for s in ("P", "AP")}
    for name in free:
        if name not in allowed:
            raise ParameterError(f"unknown fit parameter {name!r}; choose from {sorted(allowed)}")
        base, st = _split(name)
        if st is not None and st not in states:
            raise ParameterError(f"fit parameter {name!r} refers to state {st}, absent from the data")
    if len(set(free)) != len(free) or not free:
        raise ParameterError("fit parameters must be a non-empty list without repeats")


def _to_internal(name: str, value: float) -> float:
    return math.log10(value) if _split(name)[0] in LOG_PARAMS else value


def _from_internal(name: str, x: float) -> float:
    return float(10.0**x) if _split(name)[0] in LOG_PARAMS else float(x)


def _bounds(name: str) -> tuple[float, float]:
    lo, hi = BOUNDS[_split(name)[0]]
    return _to_internal(name, lo), _to_internal(name, hi)


def model_current_nA(
    values: dict[str, float], base: dict[str, SpinEngineParams], data: IVData
) -> NDArray[np.float64]:
    """Model I (nA) at the data points for parameter ``values`` (missing ones from ``base``)."""
    out = np.empty(data.V_mV.size)
    kappa = values.get("kappa", 1.0)
    offset = values.get("offset_nA", 0.0)
    for st in data.states:
        changes = {}
        for name, val in values.items():
            key, which = _split(name)
            if key in EXTRA:
                continue
            if which is None or which == st:
                changes[key] = val
        p = base[st].replace(**changes)
        sel = data.state == st
        out[sel] = solve(p, kappa * data.V_mV[sel], warn=False).lead_particle("L") * CURRENT_A * 1e9
    return out + offset


def fit_iv(
    data: IVData,
    *,
    base: dict[str, SpinEngineParams] | None = None,
    free: tuple[str, ...] = DEFAULT_FREE,
    n_starts: int = 20,
    seed: int = 0,
) -> FitResult:
    """Fit ``free`` parameters of the model to ``data``; others stay at ``base`` (default: paper set)."""
    from landauer.models.transport.params import paper_params

    n_starts = check_int("n_starts", n_starts, minimum=1)
    states = data.states
    no_data = {n: f"no {_split(n)[1]} data" for n in free if _split(n)[1] not in (None, *states)}
    if free and len(no_data) == len(free):
        raise ParameterError(f"fit parameter(s) {', '.join(no_data)} refer to states absent from the data")
    free = tuple(n for n in free if n not in no_data)
    _check_free(free, states)
    base = base or {s: paper_params(s) for s in ("P", "AP")}
    base = {s: base[s].replace(alignment=Alignment(s)) for s in states}
    if data.V_mV.size <= len(free):
        raise ValueError(f"{data.V_mV.size} data points cannot determine {len(free)} parameters")
    sigma = data.sigma_nA if data.sigma_nA is not None else np.ones(data.V_mV.size)
    lo = np.array([_bounds(n)[0] for n in free])
    hi = np.array([_bounds(n)[1] for n in free])

    def values_of(x: NDArray[np.float64]) -> dict[str, float]:
        return {n: _from_internal(n, float(xi)) for n, xi in zip(free, x, strict=True)}

    def resid(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return (model_current_nA(values_of(x), base, data) - data.I_nA) / sigma

    rng = np.random.default_rng(seed)
    x0 = []
    for n in free:
        key, st = _split(n)
        ref = {"kappa": 1.0, "offset_nA": 0.0}.get(key)
        if ref is None:
            ref = getattr(base[st or states[0]], key)
        x0.append(float(np.clip(_to_internal(n, ref), *_bounds(n))))
    starts = [np.array(x0)] + [rng.uniform(lo, hi) for _ in range(n_starts - 1)]
    best = None
    costs = []
    for xs in starts:
        res = least_squares(resid, np.clip(xs, lo, hi), bounds=(lo, hi), x_scale="jac",
                            diff_step=1e-6, max_nfev=200)
        costs.append(float(res.cost))
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    if not np.all(np.isfinite(best.fun)):
        bad = np.flatnonzero(~np.isfinite(best.fun))[:5]
        raise ValueError(f"the fit residuals are not finite at data rows {', '.join(str(int(i)) for i in bad)} "
                         "(0-based): check those values")
    res = _summarise(best, free, lo, hi, data, base, sigma, tuple(costs))
    flat = {n: "the data do not depend on it (zero sensitivity)" for n in res.names
            if not math.isfinite(res.stderr[n]) or res.stderr[n] == 0.0
            or not np.any(best.jac[:, res.names.index(n)])}
    from dataclasses import replace as _replace

    return _replace(res, unconstrained={**no_data, **flat})


def _summarise(res: Any, free: tuple[str, ...], lo: NDArray[np.float64], hi: NDArray[np.float64],
               data: IVData, base: dict[str, SpinEngineParams], sigma: NDArray[np.float64],
               costs: tuple[float, ...]) -> FitResult:
    n_data, n_p = data.V_mV.size, len(free)
    chi2 = float(2 * res.cost)
    dof = n_data - n_p
    s2 = 1.0 if data.sigma_nA is not None else chi2 / max(dof, 1)
    _, sv, vt = np.linalg.svd(res.jac, full_matrices=False)
    keep = sv > sv[0] * 1e-12
    cov_int = (vt[keep].T / sv[keep] ** 2) @ vt[keep] * s2
    deriv = np.array([
        _from_internal(n, float(x)) * math.log(10.0) if _split(n)[0] in LOG_PARAMS else 1.0
        for n, x in zip(free, res.x, strict=True)
    ])
    cov = cov_int * np.outer(deriv, deriv)
    err = np.sqrt(np.clip(np.diag(cov), 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / np.outer(err, err)
    values = {n: _from_internal(n, float(x)) for n, x in zip(free, res.x, strict=True)}
    span = hi - lo
    at_b = tuple(n for n, x, a, b, s in zip(free, res.x, lo, hi, span, strict=True)
                 if x - a < 1e-6 * s or b - x < 1e-6 * s)
    fitted = {}
    gk, msg, hop = 0.0, math.inf, 0.0
    for st in data.states:
        ch = {}
        for n, v in values.items():
            key, which = _split(n)
            if key not in EXTRA and (which is None or which == st):
                ch[key] = v
        fitted[st] = base[st].replace(**ch)
        v = values.get("kappa", 1.0) * data.V_mV[data.state == st]
        ss = solve(fitted[st], v, warn=False)
        val = validity(fitted[st], spectrum(fitted[st], v), ss.populations)
        gk = max(gk, val.gamma_over_kT)
        msg = min(msg, val.min_spacing_over_gamma)
        hop = min(hop, val.hopping_over_gamma) if hop else val.hopping_over_gamma
    valid = gk <= 0.1 and msg >= 10 and (hop == 0 or hop >= 10)
    cond = float(sv[0] / sv[-1]) if sv[-1] > 0 else math.inf
    return FitResult(
        names=free, values=values, stderr=dict(zip(free, err.tolist(), strict=True)),
        correlation=corr, chi2=chi2, dof=dof, condition_number=cond, at_bounds=at_b,
        gamma_over_kT=gk, min_spacing_over_gamma=msg, valid=bool(valid), params=fitted,
        start_costs=costs,
    )
