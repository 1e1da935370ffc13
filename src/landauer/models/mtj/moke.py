"""MOKE calibration pipeline: Kerr loops -> dissipated energy per device with propagated uncertainty.

Input: one CSV per device and axis, ``<device>_easy.csv`` and ``<device>_hard.csv`` (the part before
``_easy``/``_hard`` names the device), rows in sweep order, columns ``mu0H_mT`` (applied field, mT) and
``kerr_mrad`` (Kerr rotation, mrad), optional ``kerr_err_mrad`` (per-point SD) and ``time_s``. Metadata (a
CSV with columns ``key,value,uncertainty``, or :class:`MokeMetadata`): device area ``A_dev_m2``, the VSM
moment ``m_s_Am2`` of a reference film of area ``A_ref_m2``, ``t_nom_m``, ``t_dead_m``, the saturated Kerr
rotation of the array ``theta_sat_mrad``, ``temperature_K`` and the relative field-scale error
``field_scale_rel`` (+-0.5 % [seed]).

Equations (Wang et al., Nanoscale Adv. (2026)): Eq. 6 ``Ms = m_s/(A t)``; Eq. 7 ``C = Ms/theta_sat``;
Eq. 8 ``M = C theta``; Eq. 9 ``t_eff = t_nom - t_dead``; Eq. 5 ``E = mu0 V oint H dM``, ``V = A_dev t``.
Hence ``E = mu0 (A_dev/A_ref) m_s oint H d(theta/theta_sat)``: the thickness cancels when the same t is
used in Ms and V (``dead_layer_mode="both"`` or ``"none"``); ``"Ms_only"`` scales E by t_nom/t_eff and
``"V_only"`` by t_eff/t_nom. Steps: closure in H is required; the Kerr closure gap is reported (and optionally removed as
a linear drift; off by default because the reset itself changes M); the area is computed as
``-oint theta dH``, which equals ``oint H dtheta`` for closed loops and is insensitive to constant offsets
and to a linear background ``chi H``. Uncertainty by Monte Carlo (geometry and moment common to both axes; the
Kerr sensitivity ``theta_sat`` calibrated per axis with independent errors; field scale correlated within a loop,
independent between the x and y coils; Kerr noise independent per point) plus a linearised check. The easy- and
hard-axis loops of one device must be time-aligned sample by sample (checked when ``time_s`` is given).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from landauer.constants import LN2, k_B, mu_0
from landauer.stats import child_seed
from landauer.validation import ParameterError, check_choice, check_int, check_positive, check_temperature

DeadLayerMode = Literal["both", "none", "Ms_only", "V_only"]
REQUIRED = ("mu0H_mT", "kerr_mrad")
OPTIONAL = ("kerr_err_mrad", "time_s")


@dataclass(frozen=True)
class MokeMetadata:
    """Calibration constants and geometry (SI) with 1-sigma uncertainties (``*_err``)."""

    A_dev_m2: float
    m_s_Am2: float
    A_ref_m2: float
    t_nom_m: float
    t_dead_m: float
    theta_sat_mrad: float
    temperature_K: float = 300.0
    field_scale_rel: float = 0.005
    theta_sat_hard_mrad: float = 0.0
    A_dev_m2_err: float = 0.0
    m_s_Am2_err: float = 0.0
    A_ref_m2_err: float = 0.0
    t_dead_m_err: float = 0.0
    theta_sat_mrad_err: float = 0.0
    theta_sat_hard_mrad_err: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            check_positive(f.name, getattr(self, f.name), allow_zero=f.name.endswith("_err")
                           or f.name in ("t_dead_m", "field_scale_rel", "theta_sat_hard_mrad"))
        if self.t_dead_m >= self.t_nom_m:
            raise ParameterError("t_dead_m must be smaller than t_nom_m")
        check_temperature(self.temperature_K, "temperature_K")

    def kerr_calibration(self, axis: str) -> tuple[float, float]:
        """Saturated Kerr rotation of the array and its SD (mrad) for ``axis`` ('easy' or 'hard').

        M_x and M_y are measured in different geometries, so each axis has its own Kerr sensitivity,
        calibrated separately: ``theta_sat_mrad`` is the easy axis, ``theta_sat_hard_mrad`` the hard one
        (0: same nominal value and SD, still an independent calibration).
        """
        if axis == "easy" or self.theta_sat_hard_mrad == 0.0:
            err = self.theta_sat_mrad_err if axis == "easy" or self.theta_sat_hard_mrad_err == 0.0 \
                else self.theta_sat_hard_mrad_err
            return self.theta_sat_mrad, err
        return self.theta_sat_hard_mrad, self.theta_sat_hard_mrad_err

    @classmethod
    def from_csv(cls, path: str | Path) -> MokeMetadata:
        """Read ``key,value,uncertainty`` rows; unknown keys are an error naming the row."""
        from landauer.io import parse_number, read_csv_table

        p = Path(path)
        known = {f.name for f in fields(cls)}
        vals: dict[str, float] = {}
        header, table = read_csv_table(p, required=("key", "value"), optional=("uncertainty",),
                                       strict_columns=True)
        col = {h: i for i, h in enumerate(header)}
        for row_no, row in table:
            key = row[col["key"]].strip()
            if key not in known or key.endswith("_err"):
                raise ParameterError(f"{p.name}, row {row_no}: unknown metadata key {key!r}; known: "
                                     f"{', '.join(k for k in sorted(known) if not k.endswith('_err'))}")
            if key in vals:
                raise ParameterError(f"{p.name}, row {row_no}: metadata key {key!r} given twice")
            vals[key] = parse_number(row[col["value"]], path=p.name, line=row_no, column="value", label="row")
            unc = row[col["uncertainty"]].strip() if "uncertainty" in col else ""
            if unc and f"{key}_err" in known:
                vals[f"{key}_err"] = parse_number(unc, path=p.name, line=row_no, column="uncertainty",
                                                      label="row")
        missing = [f.name for f in fields(cls) if f.default is not None and f.name not in vals
                   and f.name in ("A_dev_m2", "m_s_Am2", "A_ref_m2", "t_nom_m", "t_dead_m", "theta_sat_mrad")]
        if missing:
            raise ParameterError(f"{p.name}: missing metadata {missing}")
        return cls(**vals)

    @classmethod
    def synthetic_default(cls) -> MokeMetadata:
        """The metadata shipped with the synthetic dataset."""
        return cls.from_csv(_data_path("mtj_moke_metadata.csv"))


def _number(text: Any, fname: str, row: int, col: str) -> float:
    try:
        v = float(str(text).strip())
    except (TypeError, ValueError):
        raise ParameterError(f"{fname}, row {row}: column {col} is not a number ({text!r})") from None
    if not math.isfinite(v):
        raise ParameterError(f"{fname}, row {row}: column {col} is not finite ({text!r})")
    return v


@dataclass(frozen=True)
class Loop:
    """One parsed Kerr loop (SI field in A/m, Kerr in mrad)."""

    name: str
    H: NDArray[np.float64]
    theta: NDArray[np.float64]
    theta_err: NDArray[np.float64]
    time: NDArray[np.float64] | None


_LIMITS = {"mu0H_mT": 1e7, "kerr_mrad": 1e5, "kerr_err_mrad": 1e5}
"""Magnitudes no MOKE loop can have (10 kT fields; 100 rad rotations): typos or wrong units, not data."""


def read_loop(path: str | Path) -> Loop:
    """Parse and validate one loop CSV; errors name the file and row."""
    from landauer.io import parse_number, read_csv_table

    p = Path(path)
    cols, table = read_csv_table(p, required=REQUIRED, optional=OPTIONAL, strict_columns=True)
    rows = [[parse_number(f, path=p.name, line=no, column=c, label="row") for c, f in zip(cols, fields, strict=True)]
            for no, fields in table]
    if len(rows) < 10:
        raise ParameterError(f"{p.name}: a loop needs at least 10 rows, got {len(rows)}")
    a = np.asarray(rows)
    col = {c: a[:, i] for i, c in enumerate(cols)}
    for c, limit in _LIMITS.items():
        if c in col and np.any(np.abs(col[c]) > limit):
            bad = int(np.flatnonzero(np.abs(col[c]) > limit)[0]) + 2
            raise ParameterError(f"{p.name}, row {bad}: {c} = {col[c][bad - 2]:g} is outside the physical range "
                                 f"|{c}| <= {limit:g} (check the value and its unit)")
    t = col.get("time_s")
    if t is not None and np.any(np.diff(t) < 0):
        bad = int(np.flatnonzero(np.diff(t) < 0)[0]) + 3
        raise ParameterError(f"{p.name}, row {bad}: time_s decreases (rows must be in sweep order)")
    err = col.get("kerr_err_mrad", np.zeros(len(rows)))
    if np.any(err < 0):
        bad = int(np.flatnonzero(err < 0)[0]) + 2
        raise ParameterError(f"{p.name}, row {bad}: kerr_err_mrad must be >= 0")
    return Loop(p.name, col["mu0H_mT"] * 1e-3 / mu_0, col["kerr_mrad"], err, t)


def prepare(loop: Loop, *, closure_tol: float = 0.01, drift: bool = False) -> tuple[NDArray[np.float64], float]:
    """Check closure in H and report the Kerr closure gap; return ``(theta, gap)``.

    ``drift=True`` removes the gap as a linear drift in time (or row index). Off by default: a reset
    changes the magnetisation (random bit -> 1), so the easy-axis gap of ~theta_sat/2 is physical, and
    with the field starting and ending at the same value the work ``-oint theta dH`` needs no closure
    in theta.
    """
    H = loop.H
    span = float(np.max(np.abs(H)))
    if span == 0:
        raise ParameterError(f"{loop.name}: the field never leaves zero")
    if abs(H[-1] - H[0]) > closure_tol * span:
        raise ParameterError(f"{loop.name}: loop not closed in H (start {H[0] * mu_0 * 1e3:.3g} mT, end "
                             f"{H[-1] * mu_0 * 1e3:.3g} mT)")
    gap = float(loop.theta[-1] - loop.theta[0])
    if not drift:
        return loop.theta, gap
    x = loop.time if loop.time is not None else np.arange(H.size, dtype=float)
    frac = (x - x[0]) / (x[-1] - x[0]) if x[-1] > x[0] else np.zeros_like(x)
    return loop.theta - gap * frac, gap


def signed_area(H: NDArray[np.float64], m: NDArray[np.float64]) -> NDArray[np.float64]:
    """``-oint m dH`` (= ``oint H dm`` for a loop closed in H and m) by the trapezoid rule along the last
    axis: the exact signed area of the sampled polygon. Insensitive to constant offsets of ``m`` and to a
    linear background ``chi H`` when H is closed."""
    return -np.sum(0.5 * (m[..., 1:] + m[..., :-1]) * np.diff(H, axis=-1), axis=-1)


def thickness_factor(meta: MokeMetadata, mode: DeadLayerMode, t_dead: float | NDArray[np.float64]
                     ) -> float | NDArray[np.float64]:
    """``t_V / t_Ms``: ratio of the thickness used in V to the one used in Ms (1 for both/none)."""
    check_choice("dead_layer_mode", mode, ("both", "none", "Ms_only", "V_only"))
    t_eff = meta.t_nom_m - t_dead
    return {"both": 1.0, "none": 1.0, "Ms_only": meta.t_nom_m / t_eff, "V_only": t_eff / meta.t_nom_m}[mode]


def time_alignment(easy: Loop, hard: Loop) -> float:
    """Largest |t_easy - t_hard| (s) between corresponding samples of the two loops of one reset cycle.

    Eq. 4 adds the areas of the easy- and hard-axis loops, which is the work only if both record the
    same cycle sample by sample. Returns NaN when a loop has no ``time_s`` column; raises if the loops
    cannot be aligned (different lengths).
    """
    if easy.time is None or hard.time is None:
        return float("nan")
    if easy.time.size != hard.time.size:
        raise ParameterError(f"{easy.name} and {hard.name}: {easy.time.size} and {hard.time.size} samples; "
                             "the easy- and hard-axis loops of one cycle must be sampled together")
    return float(np.max(np.abs(easy.time - hard.time)))


def device_energy(easy: Loop, hard: Loop, meta: MokeMetadata, *, mode: DeadLayerMode = "both",
                  n_draws: int = 10_000, seed: int = 0, time_tol_rel: float = 1e-3) -> dict[str, Any]:
    """Per-device energies (J) with Monte Carlo and linearised uncertainties.

    Error model: area, VSM moment, reference area and dead layer are common to both axes (fully
    correlated); the Kerr sensitivity ``theta_sat`` of each axis and each coil's field scale are
    independent between the axes; Kerr noise is independent per point. Because the net energy is a
    small difference of two large loop areas, the independent per-axis calibrations dominate its error.
    The loops must be time-aligned within ``time_tol_rel`` of the cycle duration (``ParameterError``
    otherwise).
    """
    n = check_int("n_draws", n_draws, minimum=100)
    misalign = time_alignment(easy, hard)
    if math.isfinite(misalign):
        span = float(max(easy.time.max() - easy.time.min(), 1e-300))  # type: ignore[union-attr]
        if misalign > time_tol_rel * span:
            raise ParameterError(f"{easy.name} and {hard.name} are not time-aligned: samples differ by up to "
                                 f"{misalign:.3g} s ({misalign / span:.2%} of the cycle)")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x4D4F4B45]))
    common0 = mu_0 * meta.A_dev_m2 / meta.A_ref_m2 * meta.m_s_Am2
    fac0 = float(thickness_factor(meta, mode, meta.t_dead_m))
    out: dict[str, Any] = {"time_misalignment_s": misalign}
    draws = {}
    common = common0 * (1 + rng.normal(0, 1, n) * meta.A_dev_m2_err / meta.A_dev_m2) \
        * (1 + rng.normal(0, 1, n) * meta.m_s_Am2_err / meta.m_s_Am2) \
        / (1 + rng.normal(0, 1, n) * meta.A_ref_m2_err / meta.A_ref_m2)
    fac = thickness_factor(meta, mode, meta.t_dead_m + rng.normal(0, 1, n) * meta.t_dead_m_err)
    lin_common = (meta.A_dev_m2_err / meta.A_dev_m2) ** 2 + (meta.m_s_Am2_err / meta.m_s_Am2) ** 2 + (
        meta.A_ref_m2_err / meta.A_ref_m2) ** 2
    lin_axis = 0.0
    for name, loop in (("easy", easy), ("hard", hard)):
        sat, sat_err = meta.kerr_calibration(name)
        theta, gap = prepare(loop)
        area = float(signed_area(loop.H, theta))
        out[f"E_{name}_J"] = common0 / sat * fac0 * area
        out[f"closure_gap_{name}_mrad"] = gap
        sat_draw = sat * (1 + rng.normal(0, 1, n) * sat_err / sat)
        scale = 1 + rng.normal(0, 1, (n, 1)) * meta.field_scale_rel
        noisy = theta[None, :] + rng.normal(0, 1, (n, theta.size)) * loop.theta_err[None, :]
        draws[name] = common / sat_draw * fac * signed_area(loop.H[None, :] * scale, noisy)
        dth = np.zeros_like(loop.H)
        dth[1:-1] = 0.5 * (loop.H[2:] - loop.H[:-2])
        dth[0] = 0.5 * (loop.H[1] - loop.H[0])
        dth[-1] = 0.5 * (loop.H[-1] - loop.H[-2])
        lin_axis += (common0 / sat * fac0) ** 2 * float(np.sum((dth * loop.theta_err) ** 2))
        lin_axis += out[f"E_{name}_J"] ** 2 * ((sat_err / sat) ** 2 + meta.field_scale_rel**2)
    signed = draws["easy"] + draws["hard"]
    eq4 = np.abs(draws["easy"]) - np.abs(draws["hard"])
    out["E_signed_J"] = out["E_easy_J"] + out["E_hard_J"]
    out["E_eq4_J"] = abs(out["E_easy_J"]) - abs(out["E_hard_J"])
    for key, arr in (("easy", draws["easy"]), ("hard", draws["hard"]), ("signed", signed), ("eq4", eq4)):
        out[f"E_{key}_err_J"] = float(arr.std(ddof=1))
    out["E_signed_err_lin_J"] = math.sqrt(out["E_signed_J"] ** 2 * lin_common + lin_axis)
    return out


_DEV = re.compile(r"^(?P<dev>.+)_(?P<axis>easy|hard)\.csv$")


def pair_files(paths: list[str | Path]) -> dict[str, dict[str, Path]]:
    """Group ``<dev>_easy.csv`` / ``<dev>_hard.csv`` files by device; a missing partner is an error."""
    groups: dict[str, dict[str, Path]] = {}
    for p in map(Path, paths):
        m = _DEV.match(p.name)
        if not m:
            raise ParameterError(f"{p.name}: loop files must be named <device>_easy.csv or <device>_hard.csv")
        groups.setdefault(m["dev"], {})[m["axis"]] = p
    for dev, g in groups.items():
        if set(g) != {"easy", "hard"}:
            raise ParameterError(f"device {dev}: need both {dev}_easy.csv and {dev}_hard.csv")
    if not groups:
        raise ParameterError("no loop files given")
    return dict(sorted(groups.items()))


def run_pipeline(paths: list[str | Path], meta: MokeMetadata, *, mode: DeadLayerMode = "both",
                 n_draws: int = 10_000, seed: int = 0) -> dict[str, Any]:
    """Energies per device and the ensemble mean, SD and SEM, in J, zJ, kT and kT ln 2.

    Device ``j`` (in sorted order) draws its Monte Carlo calibration errors from ``child_seed(seed, j)``.
    """
    kT = k_B * meta.temperature_K
    devices = []
    for j, (dev, g) in enumerate(pair_files(paths).items()):
        r = device_energy(read_loop(g["easy"]), read_loop(g["hard"]), meta, mode=mode, n_draws=n_draws,
                          seed=child_seed(seed, j))
        row: dict[str, Any] = {"device": dev}
        for key in ("easy", "hard", "signed", "eq4"):
            e, s = r[f"E_{key}_J"], r[f"E_{key}_err_J"]
            row[f"E_{key}_zJ"], row[f"E_{key}_zJ_err"] = e / 1e-21, s / 1e-21
            row[f"E_{key}_kT"], row[f"E_{key}_kTln2"] = e / kT, e / (kT * LN2)
            row[f"E_{key}_kTln2_err"] = s / (kT * LN2)
        row["E_signed_zJ_err_linearised"] = r["E_signed_err_lin_J"] / 1e-21
        row["closure_gap_easy_mrad"] = r["closure_gap_easy_mrad"]
        row["closure_gap_hard_mrad"] = r["closure_gap_hard_mrad"]
        row["time_misalignment_s"] = r["time_misalignment_s"]
        devices.append(row)
    e = np.array([d["E_signed_zJ"] for d in devices])
    sd = float(e.std(ddof=1)) if e.size > 1 else float("nan")
    zj = 1e-21
    return {
        "devices": devices,
        "temperature": meta.temperature_K,
        "dead_layer_mode": mode,
        "mean_zJ": float(e.mean()),
        "sd_zJ": sd,
        "sem_zJ": sd / math.sqrt(e.size) if e.size > 1 else float(devices[0]["E_signed_zJ_err"]),
        "mean_kT": float(e.mean()) * zj / kT,
        "mean_kTln2": float(e.mean()) * zj / (kT * LN2),
        "sd_kTln2": sd * zj / (kT * LN2),
        "sem_kTln2": sd * zj / (kT * LN2) / math.sqrt(e.size) if e.size > 1 else float("nan"),
    }


def _data_path(name: str) -> Path:
    return Path(str(resources.files("landauer") / "data" / name))


def shipped_files() -> list[str | Path]:
    """Paths of the synthetic loop CSVs shipped with the package."""
    d = _data_path("mtj_moke_metadata.csv").parent
    return sorted(d.glob("mtj_moke_dev*_*.csv"))


def with_meta(meta: MokeMetadata, **changes: Any) -> MokeMetadata:
    return replace(meta, **changes)
