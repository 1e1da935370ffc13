"""Slow-driving geometry of the double-well erasure (Sivak & Crooks, PRL 108, 190602 (2012)).

``U(x; b, f) = a x^4 - b x^2 - f x`` (kT = mobility = 1). The conjugate forces are ``X_b = -dU/db = x^2``
and ``X_f = -dU/df = x``; the friction tensor ``zeta(b, f)`` is estimated with the engine on a grid over
the control space (:func:`landauer.optimise.geometry.friction_tensor`, standard errors from blocks of
trajectories) and checked against the exact one-dimensional quadrature
(:func:`~landauer.optimise.geometry.friction_quadrature_1d`).

Erasure starts and ends at the rest point ``R = (b0, 0)``: a geodesic from ``R`` to itself has zero length,
and the information erased lives in the metastability that the metric of one equilibrium ignores. The path
therefore runs through the erasure's control points, with the state the system is really in on each segment:

1. ``R -> M = (b_low, 0)`` (lower the barrier, no tilt): the symmetric two-well equilibrium; ``X_b = x^2`` is
   even, so hops between the wells do not enter ``zeta_bb`` and the metric is well defined at any barrier.
2. ``M -> U = (b0, -F)`` (tilt and raise): global equilibrium, the particle pushed into the left well. Either
   the four-stage corner ``M -> T = (b_low, -F) -> U`` (:data:`FOUR_STAGE`) or the 2-D geodesic ``M -> U``
   (:data:`GEODESIC`). Near ``f = 0`` with a high barrier both wells are populated and ``X_f = x`` decorrelates
   only by Kramers hops (``zeta_ff`` of order 1e3 at ``R``): there, and along the fold where the right well
   empties, the run does not resolve the integral (:meth:`FrictionEstimate.resolved`), the slow-driving
   expansion fails for any protocol shorter than the hopping time, and raising the barrier there would trap
   particles on the wrong side. Those grid elements are made impassable (``FORBID`` times the largest
   resolved value) so that the geodesic stays out of them.
3. ``U -> R`` (untilt at full barrier): the metastable *left-well* equilibrium (the grid's density restricted to
   the left basin), the state the erased bit is in.

Every segment is traversed at one constant excess power (time fractions proportional to the thermodynamic
lengths), so the predicted cost is ``ln 2 + L^2 / tau`` with ``L`` the total length; the error rate is not part
of the geometry (it is set by the waypoints' tilt ``F``) and is measured by the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.engine.protocol import Protocol
from landauer.optimise.geometry import (
    Geodesic,
    Metric,
    concatenate,
    constant_speed,
    friction_quadrature_1d,
    friction_tensor,
    geodesic,
    grid_metric,
    path_length_se,
)
from landauer.progress import progress_bar
from landauer.stats import spawn_seeds
from landauer.validation import ParameterError

FOUR_STAGE, GEODESIC = "four-stage path", "geodesic"
FORBID = 1e3  # metric of unresolved elements, in units of the grid's largest resolved value
#: A second basin of Boltzmann weight above MINOR_WEIGHT whose expected occupancy (weight x trajectories x
#: duration) is below MINOR_OCCUPANCY time units is sampled only by a few rare excursions, which carry a
#: large part of zeta (the fold region; e.g. b = 10, f = -5: weight 1e-3, half of zeta_ff): unresolved.
MINOR_WEIGHT, MINOR_OCCUPANCY = 1e-6, 50.0
#: ``metastable`` basin: a tilted point (f < 0) whose right well holds less than MINOR_MAX of the Boltzmann weight
#: is described by the left-well local equilibrium (the state the erased bit is in; the right well is the error
#: population, not part of the driven state); above it, by the global equilibrium.
MINOR_MAX = 1e-2


@dataclass(frozen=True)
class GridSpec:
    """Engine settings of the friction estimate at each grid point (dimensionless units)."""

    nb: int = 9
    nf: int = 6
    n: int = 256
    duration: float = 4.0
    sample_interval: float = 0.004
    max_lag: float = 1.0
    dt: float = 2e-4


QUICK = GridSpec(nb=5, nf=4, n=128)
FULL = GridSpec(nb=9, nf=6, n=512)


def basin(a: float, b: float, f: float, which: str) -> tuple[float, float]:
    """Position range of the density: ``all`` (both wells) or ``left`` (up to the barrier top when there is one)."""
    span = max(math.sqrt(max(b, 0.0) / (2 * a)), (abs(f) / (4 * a)) ** (1 / 3)) + 6.0 / a**0.25
    if which == "all":
        return -span, span
    if which == "metastable":
        return basin(a, b, f, state(a, b, f))
    if which != "left":
        raise ParameterError(f"unknown basin {which!r}; use 'all', 'left' or 'metastable'")
    r = np.roots([4 * a, 0.0, -2 * b, -f])
    real = np.sort(r[np.abs(r.imag) < 1e-9].real)
    return (-span, float(real[1])) if real.size == 3 else (-span, span)


def minor_basin_weight(a: float, b: float, f: float) -> float:
    """Boltzmann weight of the less populated basin (0 with one well): the part of the density that a finite
    run samples only through rare excursions."""
    r = np.roots([4 * a, 0.0, -2 * b, -f])
    real = np.sort(r[np.abs(r.imag) < 1e-9].real)
    if real.size < 3:
        return 0.0
    lo, hi = basin(a, b, f, "all")
    x = np.linspace(lo, hi, 8001)
    u = a * x**4 - b * x**2 - f * x
    p = np.exp(-(u - u.min()))
    left = float(np.trapezoid(np.where(x < real[1], p, 0.0), x) / np.trapezoid(p, x))
    return min(left, 1.0 - left)


def state(a: float, b: float, f: float) -> str:
    """The basin of the ``metastable`` description at ``(b, f)``: ``left`` or ``all`` (see MINOR_MAX)."""
    w = minor_basin_weight(a, b, f)
    return "left" if f < 0 and 0.0 < w < MINOR_MAX else "all"


def exact_friction(a: float, b: float, f: float, which: str = "all", *, nx: int = 4001) -> NDArray[np.float64]:
    """``zeta`` (controls ``b, f``) by quadrature over the basin's Boltzmann density (mobility = kT = 1)."""
    lo, hi = basin(a, b, f, which)
    x = np.linspace(lo, hi, nx)
    u = a * x**4 - b * x**2 - f * x
    inside = np.flatnonzero(u - u.min() < 60.0)  # the density beyond 60 kT is below e^-60: cut, then refine
    x = np.linspace(x[max(inside[0] - 1, 0)], x[min(inside[-1] + 1, x.size - 1)], nx)
    return friction_quadrature_1d(x, a * x**4 - b * x**2 - f * x, np.vstack([x**2, x]))


def _stays_below(top: float) -> Any:
    def keep(xs: NDArray[np.float64]) -> NDArray[np.bool_]:
        return np.asarray(np.all(xs[..., 0] < top, axis=0))

    return keep


@dataclass(frozen=True)
class FrictionGrid:
    """Engine estimates of ``zeta`` (controls ``b, f``) on the grid ``b x f``: shape ``(nb, nf, 2, 2)``."""

    b: NDArray[np.float64]
    f: NDArray[np.float64]
    zeta: NDArray[np.float64]
    se: NDArray[np.float64]
    resolved: NDArray[np.bool_]
    which: str
    spec: GridSpec

    def passable(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``zeta`` and ``se`` with unresolved elements made impassable: diagonal ``FORBID x`` the largest
        resolved value of that element, off-diagonals touching it zero (SE zero there)."""
        z, e = self.zeta.copy(), self.se.copy()
        for i in range(2):
            bad = ~self.resolved[..., i, i]
            top = np.max(np.where(self.resolved[..., i, i], z[..., i, i], 0.0))
            z[..., i, i] = np.where(bad, FORBID * top, z[..., i, i])
            e[..., i, i] = np.where(bad, 0.0, e[..., i, i])
            for j in range(2):
                if j != i:
                    cut = bad | ~self.resolved[..., i, j]
                    z[..., i, j] = np.where(cut, 0.0, z[..., i, j])
                    e[..., i, j] = np.where(cut, 0.0, e[..., i, j])
        return z, e

    def metric(self) -> Metric:
        if self.b.size < 2:  # one barrier value: a line in f (interpolate each element)
            z, _ = self.passable()

            def line(v: NDArray[np.float64]) -> NDArray[np.float64]:
                return np.array([[np.interp(v[1], self.f, z[0, :, i, j]) for j in range(2)] for i in range(2)])

            return line
        return grid_metric((self.b, self.f), self.passable()[0])


def estimate_grid(a: float, b_axis: Any, f_axis: Any, *, which: str, spec: GridSpec, seed: int,
                  progress: bool = False) -> FrictionGrid:
    """Friction tensor at every grid point from equilibrium engine runs started from exact Boltzmann samples
    of the basin ``which``; point ``k`` (row-major) seeded by ``spawn_seeds(seed, nb nf)[k]``. For the
    ``left`` basin (a metastable local equilibrium) the trajectories that cross the barrier top during the
    run (Kramers escapes, rare at the barriers used here) are left out."""
    from landauer.engine.equilibrium import boltzmann_samples_1d
    from landauer.engine.simulate import Langevin
    from landauer.models.double_well import MODEL

    model = MODEL.with_params(a=float(a))
    bs, fs = np.atleast_1d(np.asarray(b_axis, float)), np.atleast_1d(np.asarray(f_axis, float))
    dyn = Langevin(kT=1.0, dt=spec.dt, integrator="overdamped-lm")
    seeds = spawn_seeds(seed, bs.size * fs.size)
    z = np.empty((bs.size, fs.size, 2, 2))
    se, ok = np.empty_like(z), np.empty(z.shape, dtype=bool)
    with progress_bar(total=len(seeds), desc="friction grid", enabled=progress, unit="pt") as bar:
        for k, (i, j) in enumerate(np.ndindex(bs.size, fs.size)):
            b, f = float(bs[i]), float(fs[j])
            here = state(a, b, f) if which == "metastable" else which
            lo, hi = basin(a, b, f, here)
            x0 = boltzmann_samples_1d(model, model.control_vector(b=b, f=f), kT=1.0, n=spec.n, seed=seeds[k],
                                      lo=lo, hi=hi)
            est = friction_tensor(model, {"b": b, "f": f}, ("b", "f"), dynamics=dyn, seed=seeds[k],
                                  n_trajectories=spec.n, duration=spec.duration,
                                  sample_interval=spec.sample_interval, max_lag=spec.max_lag, x0=x0,
                                  keep=None if here == "all" else _stays_below(hi))
            z[i, j], se[i, j], ok[i, j] = est.zeta, est.se, est.resolved()
            p_minor = minor_basin_weight(a, b, f) if here == "all" else 0.0
            if MINOR_WEIGHT < p_minor and p_minor * spec.n * spec.duration < MINOR_OCCUPANCY:
                ok[i, j] = False  # a weakly populated second basin, visited too rarely to be sampled
            bar.update(1)
    return FrictionGrid(b=bs, f=fs, zeta=z, se=se, resolved=ok, which=which, spec=spec)


@dataclass(frozen=True)
class ErasureGeodesic:
    """A constant-excess-power erasure path ``R -> ... -> R`` (controls ``b, f``)."""

    name: str
    path: Geodesic
    segments: tuple[str, ...]
    segment_lengths: tuple[float, ...]
    length_se: float
    exact_length: float  # the same path's length in the quadrature metric

    @property
    def length(self) -> float:
        return self.path.length

    def predicted_work(self, tau: float) -> float:
        """Slow-driving prediction ``ln 2 + L^2 / tau`` (kT)."""
        return math.log(2.0) + self.path.excess_work(tau)

    def protocol(self, tau: float) -> Protocol:
        p = self.path.protocol(tau)
        return Protocol(controls=p.controls, times=p.times, values=p.values,
                        names=(self.name,) * (len(p.times) - 1))


def _line(a: NDArray[np.float64], b: NDArray[np.float64], points: int) -> NDArray[np.float64]:
    return np.asarray(a + np.linspace(0.0, 1.0, points)[:, None] * (b - a))


def _untilt_length_se(grid: FrictionGrid, f_path: NDArray[np.float64], *, seed: int, resamples: int = 200
                      ) -> float:
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x7117]))
    z, e = grid.zeta[0, :, 1, 1], grid.se[0, :, 1, 1]
    mid, df = 0.5 * (f_path[1:] + f_path[:-1]), np.abs(np.diff(f_path))
    out = [np.sum(df * np.sqrt(np.interp(mid, grid.f, np.maximum(z + e * rng.standard_normal(z.size), 1e-3 * z))))
           for _ in range(resamples)]
    return float(np.std(out, ddof=1))


def erasure_geodesics(a: float, main: FrictionGrid, untilt: FrictionGrid, *, b_low: float, tilt: float,
                      seed: int, line_points: int = 101, geodesic_points: int = 21) -> dict[str, ErasureGeodesic]:
    """The four-stage path and the geodesic path (module docstring) from the grids ``main`` (basin ``all``,
    covering ``[b_low, b0] x [-tilt, 0]``) and ``untilt`` (basin ``left``, the line ``b = b0``)."""
    b0 = 2.0 * a
    R, M = np.array([b0, 0.0]), np.array([b_low, 0.0])
    T, U = np.array([b_low, -tilt]), np.array([b0, -tilt])
    names = ("b", "f")
    g_main, g_untilt = main.metric(), untilt.metric()
    zm, em = main.passable()
    axes = (main.b, main.f)

    def exact(v: NDArray[np.float64], which: str) -> NDArray[np.float64]:
        return exact_friction(a, float(v[0]), float(v[1]), which)

    lower = constant_speed(names, g_main, _line(R, M, line_points))
    last = constant_speed(names, g_untilt, _line(U, R, line_points))
    last_se = _untilt_length_se(untilt, last.path[:, 1], seed=seed)
    middles = {
        FOUR_STAGE: ([constant_speed(names, g_main, _line(M, T, line_points)),
                      constant_speed(names, g_main, _line(T, U, line_points))], ("tilt", "raise barrier")),
        GEODESIC: ([geodesic(names, g_main, M, U, points=geodesic_points, starts=[np.array([M, T, U])],
                             densify=8, bounds=[(min(b_low, b0), b0), (-tilt, 0.0)])],
                   ("tilt and raise (2-D geodesic)",)),
    }
    out = {}
    for k, (name, (mid, labels)) in enumerate(middles.items()):
        segs = [lower, *mid, last]
        on_main = concatenate([lower, *mid])
        se_main = path_length_se(axes, zm, em, on_main.path, seed=spawn_seeds(seed, 2)[k])
        ex = sum(constant_speed(names, lambda v: exact(v, "metastable"), g.path).length for g in (lower, *mid))
        ex += constant_speed(names, lambda v: exact(v, "left"), last.path).length
        out[name] = ErasureGeodesic(
            name=name, path=concatenate(segs), segments=("lower barrier", *labels, "untilt"),
            segment_lengths=tuple(g.length for g in segs), length_se=float(math.hypot(se_main, last_se)),
            exact_length=float(ex))
    return out


def build(*, a: float = 10.0, tilt: float = 10.0, b_low: float = 0.0, spec: GridSpec = FULL, seed: int,
          progress: bool = False) -> tuple[dict[str, ErasureGeodesic], FrictionGrid, FrictionGrid]:
    """Estimate both grids (seeds spawned from ``seed``) and build the erasure paths."""
    if not b_low < 2 * a:
        raise ParameterError("b_low must lie below the rest barrier coefficient 2 a")
    s = spawn_seeds(seed, 3)
    main = estimate_grid(a, np.linspace(b_low, 2 * a, spec.nb), np.linspace(-tilt, 0.0, spec.nf), which="metastable",
                         spec=spec, seed=s[0], progress=progress)
    untilt = estimate_grid(a, [2 * a], np.linspace(-tilt, 0.0, spec.nf), which="left", spec=spec, seed=s[1],
                           progress=progress)
    return erasure_geodesics(a, main, untilt, b_low=b_low, tilt=tilt, seed=s[2]), main, untilt


def evaluate(protocol: Protocol, *, tau: float, n: int, seed: int, barrier_kT: float = 10.0) -> Any:
    """Independent evaluation of a protocol on the double-well erasure task of :func:`problems.double_well`
    (its finer evaluation step, equilibrium start, error rate and finite-time bound): an ``Evaluation``."""
    from landauer.optimise import problems
    from landauer.optimise.objective import summarise

    pr = problems.double_well(tau=tau, barrier_kT=barrier_kT)
    judge = replace(pr, dynamics=pr.eval_dynamics)
    return summarise(judge, judge.run(protocol.stretched(tau / protocol.duration), n=n, seed=seed), seed=seed)


def start_theta(problem: Any, geo: ErasureGeodesic) -> NDArray[np.float64]:
    """The geodesic protocol projected onto the problem's knot family (a starting point for the optimiser)."""
    fam = problem.family
    return np.asarray(fam.theta_from_values(fam.values_of(geo.protocol(fam.tau))))
