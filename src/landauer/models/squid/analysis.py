"""Landscape analysis of the coupled SQUIDs: fixed points, barriers per well, bifurcation diagrams,
the fold that annihilates a CE's erased well, and the effective-range finder of the CE paper's Sec. V.1.

Built on :mod:`landauer.landscape`. Critical points of the 2-D potential are searched in
``|phi_i| <= 4``, which contains all of them: ``grad U' = 0`` forces
``|phi_i - phi_ix + mu (phi_j - phi_jx)| <= beta`` (specs/squid_ce.md section 5). The 4-DOF search adds
``phi_idc`` within 1.5 of ``phi_ixdc``, where the dc-loop stiffness ``gamma`` confines it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.landscape import (
    Barriers,
    CriticalPoint,
    Diagram,
    Fold,
    Kind,
    barriers,
    bifurcation_diagram,
    find_critical_points,
    solve_fold,
)
from landauer.landscape.potential import Potential
from landauer.models.squid.potential import (
    DEFAULT_SHAPE,
    Controls,
    Shape,
    label,
    landscape_2d,
    landscape_4d,
    state_of,
)
from landauer.models.squid.protocols import CE, EFFECTIVE, CEAmplitudes
from landauer.validation import ParameterError, check_choice

Array = NDArray[np.float64]
ControlName = Literal["phi1x", "phi2x", "phi1xdc", "phi2xdc", "mu"]
CONTROL_NAMES = ("phi1x", "phi2x", "phi1xdc", "phi2xdc", "mu")


def potential(c: Controls, shape: Shape = DEFAULT_SHAPE, dof: int = 2) -> Potential:
    if dof not in (2, 4):
        raise ParameterError(f"dof must be 2 or 4, got {dof!r}")
    return landscape_2d(c, shape) if dof == 2 else landscape_4d(c, shape)


def search_box(c: Controls, dof: int) -> list[tuple[float, float]]:
    box = [(-4.0, 4.0), (-4.0, 4.0)]
    if dof == 4:
        box += [(c.phi1xdc - 1.5, c.phi1xdc + 1.5), (c.phi2xdc - 1.5, c.phi2xdc + 1.5)]
    return box


def _grid(dof: int) -> tuple[int, ...]:
    return (16, 16) if dof == 2 else (14, 14, 3, 3)


@dataclass(frozen=True)
class Well:
    """A minimum: its logical label, position, energy, barrier and the axis its lowest saddle lies along."""

    label: str
    x: Array
    energy: float
    barrier: float
    crossing_axis: int
    curvature: float  # H_ii at the minimum along the crossing axis


@dataclass(frozen=True, eq=False)
class Landscape:
    """Fixed points and barriers of the SQUID potential at fixed controls (energies in U0)."""

    controls: Controls
    shape: Shape
    dof: int
    points: tuple[CriticalPoint, ...]
    barriers: Barriers
    wells: dict[str, Well]

    def as_dict(self, *, kappa: float | None = None) -> dict[str, Any]:
        """JSON-ready summary; energies in U0 and, when ``kappa = kT/U0`` is given, in kT."""
        names = ("phi1", "phi2", "phi1dc", "phi2dc")[: self.dof]

        def kt(v: float) -> float | None:
            return None if kappa is None else v / kappa

        pts = []
        for p in self.points:
            d = p.as_dict(names)
            d["energy_U0"] = d.pop("energy")
            d["energy_kT"] = kt(p.energy)
            if p.kind is Kind.MINIMUM:
                d["state"] = label(int(state_of(p.x)))
            pts.append(d)
        bars = []
        for c in self.barriers.connections:
            if c.a < 0 or c.b < 0 or c.a == c.b:
                continue
            la = label(int(state_of(self.barriers.minima[c.a].x)))
            lb = label(int(state_of(self.barriers.minima[c.b].x)))
            h = [c.height_from(c.a, self.barriers.minima), c.height_from(c.b, self.barriers.minima)]
            bars.append({"between": [la, lb], "saddle": [float(v) for v in c.saddle.x],
                         "height_U0": h, "height_kT": [kt(v) for v in h]})
        wells = {k: {"position": [float(v) for v in w.x], "energy_U0": w.energy, "barrier_U0": w.barrier,
                     "barrier_kT": kt(w.barrier), "crossing_axis": w.crossing_axis + 1}
                 for k, w in self.wells.items()}
        return {"controls": self.controls.as_dict(), "beta": self.shape.beta, "dof": self.dof,
                "fixed_points": pts, "barriers": bars, "wells": wells}


def analyze(c: Controls, shape: Shape = DEFAULT_SHAPE, *, dof: int = 2) -> Landscape:
    """Fixed points, connections and per-well barriers at controls ``c``."""
    pot = potential(c, shape, dof)
    pts = find_critical_points(pot, bounds=search_box(c, dof), n_per_axis=_grid(dof))
    bars = barriers(pot, pts, bounds=np.array(search_box(c, dof)) * 1.5)
    wells: dict[str, Well] = {}
    for k, m in enumerate(bars.minima):
        esc = bars.lowest_escape(k)
        if esc is not None:
            axis = int(np.argmax(np.abs(esc.saddle.x[:2] - m.x[:2])))
        else:
            axis = int(np.argmin(np.diag(m.hessian)[:2]))
        wells[label(int(state_of(m.x)))] = Well(label(int(state_of(m.x))), m.x, m.energy, bars.well(k), axis,
                                                 float(m.hessian[axis, axis]))
    return Landscape(c, shape, dof, tuple(pts), bars, wells)


def with_control(c: Controls, name: str, value: float) -> Controls:
    check_choice("control", name, CONTROL_NAMES)
    return replace(c, **{name: float(value)})


def bifurcation(control: str, values: ArrayLike, *, base: Controls, shape: Shape = DEFAULT_SHAPE,
                dof: int = 2, locate_folds: bool = True) -> Diagram:
    """Fixed points of the landscape as ``control`` scans ``values`` (others at ``base``)."""
    check_choice("control", control, CONTROL_NAMES)

    def fam(v: float) -> Potential:
        return potential(with_control(base, control, v), shape, dof)

    box = search_box(base, dof)
    if dof == 4 and control in ("phi1xdc", "phi2xdc"):
        v = np.asarray(values, dtype=float)
        k = 2 if control == "phi1xdc" else 3
        box[k] = (float(v.min()) - 1.5, float(v.max()) + 1.5)
    return bifurcation_diagram(fam, values, bounds=box, parameter=control, n_per_axis=_grid(dof),
                               locate_folds=locate_folds)


def erase_fold(ce: CE, *, amplitudes: CEAmplitudes = EFFECTIVE, shape: Shape = DEFAULT_SHAPE,
               dof: int = 2, lo: float = 1.2, hi: float | None = None) -> Fold:
    """The fold in ``phi_ixdc`` (other CE controls at ``amplitudes``) where the erased well vanishes.

    Returns the :class:`~landauer.landscape.Fold`: ``p`` the critical ``phi_ixdc``, ``x`` the
    annihilation point (where the erased state starts its slide).
    """
    name = f"phi{ce.erased}xdc"
    base = ce.controls(amplitudes)
    src = ce.moved()[0]
    hi = amplitudes.phi_xdc + 0.4 if hi is None else hi

    def fam(v: float) -> Potential:
        return potential(with_control(base, name, v), shape, dof)

    def source_well(v: float, near: Array | None) -> CriticalPoint | None:
        cc = with_control(base, name, v)
        if near is None:
            box, grid = search_box(cc, dof), _grid(dof)
        else:
            box, grid = [(c - 0.4, c + 0.4) for c in near], (5, 5) if dof == 2 else (3, 3, 3, 3)
        pts = find_critical_points(fam(v), bounds=box, n_per_axis=grid,
                                   extra_starts=None if near is None else near[None, :])
        for p in pts:
            if p.kind is Kind.MINIMUM and label(int(state_of(p.x))) == src:
                return p
        return None

    first = source_well(lo, None)
    if first is None or source_well(hi, None) is not None:
        raise ParameterError(f"{ce.name}: the erased well {src} does not vanish for {name} in [{lo}, {hi}]")
    # follow the well in steps of 0.02 to bracket the fold, then bisect with local searches
    grid = np.linspace(lo, hi, int(np.ceil((hi - lo) / 0.02)) + 1)
    x_prev = first.x
    for k in range(grid.size - 1):
        p = source_well(float(grid[k + 1]), x_prev)
        if p is None:
            lo, hi = float(grid[k]), float(grid[k + 1])
            break
        x_prev = p.x
    for _ in range(60):  # bisection on the existence of the source well near its last position
        mid = 0.5 * (lo + hi)
        p = source_well(mid, x_prev)
        if p is None:
            hi = mid
        else:
            lo, x_prev = mid, p.x
        if hi - lo < 1e-7:
            break
    fold = solve_fold(fam, x_prev, lo, p_range=(lo - 1e-3, hi + 1e-3))
    if fold is None:
        return Fold(0.5 * (lo + hi), x_prev, fam(lo).energy_at(x_prev), ("minimum", "saddle"))
    return Fold(fold.p, fold.x, fold.energy, ("minimum", "saddle"))


@dataclass(frozen=True)
class EffectiveRange:
    """Values of one CE control (others at their effective values) for which the CE landscape works."""

    control: str
    lower: float | None
    upper: float | None
    values: Array
    valid: NDArray[np.bool_]
    min_kept_barrier: Array  # U0


def ce_landscape_ok(ce: CE, c: Controls, shape: Shape, *, threshold: float, dof: int = 2
                    ) -> tuple[bool, float]:
    """Whether controls ``c`` erase ``ce``'s source well while keeping the other three with barriers
    >= ``threshold`` (U0); also returns the lowest kept barrier (-inf if a kept well is gone)."""
    info = analyze(c, shape, dof=dof)
    src = ce.moved()[0]
    kept = [s for s in ("00", "01", "10", "11") if s != src]
    if src in info.wells or any(s not in info.wells for s in kept):
        low = min((info.wells[s].barrier for s in kept if s in info.wells), default=-np.inf)
        return False, (low if all(s in info.wells for s in kept) else -np.inf)
    low = min(info.wells[s].barrier for s in kept)
    return bool(low >= threshold), float(low)


def effective_range(ce: CE, control: str, values: Sequence[float] | Array, *,
                    amplitudes: CEAmplitudes = EFFECTIVE, shape: Shape = DEFAULT_SHAPE, kappa: float,
                    n_min: float = 40.0, dof: int = 2) -> EffectiveRange:
    """Scan ``control`` (``"phi_xdc"``, ``"phi_jx"``, ``"phi_ix"`` or ``"mu"``, as CE amplitudes).

    Lower end: the first value where the erased well is annihilated while the kept wells survive;
    upper end: the first value beyond it where a kept barrier falls below ``n_min kT``
    (``threshold = n_min kappa`` in U0). The paper's exact lower-end criterion ("where the relevant
    barriers become equal") is lost; this is our definition (specs/squid_ce.md section 5).
    """
    check_choice("control", control, ("phi_xdc", "phi_jx", "phi_ix", "mu"))
    v = np.asarray(values, dtype=float)
    ok = np.zeros(v.size, dtype=bool)
    low = np.empty(v.size)
    for k, val in enumerate(v):
        amp = replace(amplitudes, **{control: float(val)})
        ok[k], low[k] = ce_landscape_ok(ce, ce.controls(amp), shape, threshold=n_min * kappa, dof=dof)
    idx = np.flatnonzero(ok)
    lower = float(v[idx[0]]) if idx.size else None
    upper = None
    if idx.size:
        after = np.flatnonzero(~ok[idx[0]:])
        upper = float(v[idx[0] + after[0]]) if after.size else None
    return EffectiveRange(control, lower, upper, v, ok, low)
