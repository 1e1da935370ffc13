"""Energy-landscape tools shared by the substrates (SQUID, aQFP, MTJ): critical points, barriers,
bifurcation diagrams, folds and escape rates. Plain NumPy/SciPy, dimensionless, no plotting.

Public API (all arguments after the first are keyword-only unless shown)
-----------------------------------------------------------------------
Potential(energy, gradient, hessian, ndim, vectorized=False, names=())
    Callables of ``x`` (shape ``(ndim,)``, or ``(..., ndim)`` if ``vectorized``); bind controls with a
    closure. Every function below also accepts a :class:`landauer.devices.Device` (at its rest controls;
    ``device.potential(controls)`` for others): ``as_potential(obj) -> Potential``. ``check_derivatives(pot, x, h=1e-5) -> (grad_err, hess_err)`` checks them.
find_critical_points(pot, *, bounds, n_per_axis=None, n_random=0, extra_starts=None, seed=0,
                     tol=1e-10, dedup_tol=1e-6, fold_tol=1e-6, max_step=None) -> list[CriticalPoint]
    Multi-start damped Newton on grad U, deduplicated, classified, sorted by energy.
CriticalPoint: .x, .energy, .eigenvalues, .eigenvectors, .hessian, .kind (Kind), .index, .fold,
    .det, .unstable_direction, .as_dict(names)
Kind: MINIMUM, SADDLE (index 1), HIGHER_SADDLE, MAXIMUM
classify_hessian(H, *, fold_tol=1e-6) -> (Kind, index, fold); make_point(pot, x) -> CriticalPoint
newton(pot, starts, *, tol, max_iter, max_step) -> (X, converged_mask)
minima(points), saddles(points), nearest(points, x, *, kind=None)
barriers(pot, points, *, mass=None, eps=1e-3, match_tol=1e-4, bounds=None) -> Barriers
    Connects each index-1 saddle (1-D: maximum) to the two minima its unstable manifold reaches (steepest descent).
Barriers: .minima, .connections (Connection: .saddle, .a, .b, .path_a, .path_b), .well(k) (barrier of
    well k), .escapes(k), .lowest_escape(k), .pair(a, b), .index_of(x), .as_dicts(names)
descend(pot, x0, *, mass=None, max_step=0.05, gtol=1e-7, bounds=None) -> (x_end, path, converged)
bifurcation_diagram(family, values, *, bounds, parameter="p", n_per_axis=None, fold_tol=1e-6,
                    locate_folds=True) -> Diagram
    ``family(p) -> Potential``. Diagram: .values, .points, .folds (Fold: .p, .x, .energy, .kinds),
    .count(kind), .scatter(kind=, coordinate=) -> (p, x, energy)
locate_fold(family, x0, p_lo, p_hi, *, bounds, radius=0.3) -> Fold | None
    Bisection on the local count of critical points, polished on {grad U = 0, det H = 0}.
solve_fold(family, x0, p0, *, p_range=None) -> Fold | None
    Newton-type solve of {grad U(x, p) = 0, det H(x, p) = 0} from a nearby guess.
tst_rate_1d(*, barrier, curvature, kT, mass=1.0)
tst_rate(*, barrier, hessian_min, hessian_saddle, kT, mass=None)
kramers_langer_rate(*, barrier, hessian_min, hessian_saddle, kT, mass=None, friction=None, mobility=None)
unstable_rate(hessian_saddle, *, mass=None, friction=None, mobility=None) -> lambda_+
melnikov_meshkov_factor(delta) -> A(delta)
orbit_energy_loss(pot, path, *, energy, mass=None, friction=None); orbit_path(pot, connection, well)
escape_rate(pot, barriers, well, *, kT, method="kramers-langer"|"tst"|"melnikov-meshkov", mass=None,
            friction=None, mobility=None, all_saddles=True) -> rate (1/time unit)
dwell_time(rate) -> 1/rate

Conventions: ``friction`` is the friction coefficient ``F`` in ``M x'' = -grad U - F x' + noise``
(the engine's convention: damping rate ``F/M``); ``mobility`` is the overdamped ``mu``.

Example
-------
>>> import numpy as np
>>> pot = Potential(energy=lambda x: (x[..., 0]**2 - 1)**2 + x[..., 1]**2,
...                 gradient=lambda x: np.stack([4*x[..., 0]*(x[..., 0]**2 - 1), 2*x[..., 1]], -1),
...                 hessian=lambda x: np.stack([np.stack([12*x[..., 0]**2 - 4, 0*x[..., 0]], -1),
...                                             np.stack([0*x[..., 0], 0*x[..., 0] + 2], -1)], -2),
...                 ndim=2, vectorized=True)
>>> pts = find_critical_points(pot, bounds=[(-2, 2), (-2, 2)])
>>> [p.kind.value for p in pts]
['minimum', 'minimum', 'saddle']
>>> round(barriers(pot, pts).well(0), 6)
1.0
"""

from landauer.landscape.barriers import Barriers, Connection, barriers, descend
from landauer.landscape.continuation import Diagram, Fold, bifurcation_diagram, locate_fold, solve_fold
from landauer.landscape.critical import (
    CriticalPoint,
    Kind,
    classify_hessian,
    find_critical_points,
    grid_starts,
    make_point,
    minima,
    nearest,
    newton,
    saddles,
)
from landauer.landscape.potential import Potential, as_potential, check_derivatives
from landauer.landscape.rates import (
    dwell_time,
    escape_rate,
    kramers_langer_rate,
    melnikov_meshkov_factor,
    orbit_energy_loss,
    orbit_path,
    tst_rate,
    tst_rate_1d,
    unstable_rate,
)

__all__ = [
    "Barriers",
    "Connection",
    "CriticalPoint",
    "Diagram",
    "Fold",
    "Kind",
    "Potential",
    "as_potential",
    "barriers",
    "bifurcation_diagram",
    "check_derivatives",
    "classify_hessian",
    "descend",
    "dwell_time",
    "escape_rate",
    "find_critical_points",
    "grid_starts",
    "kramers_langer_rate",
    "locate_fold",
    "make_point",
    "melnikov_meshkov_factor",
    "minima",
    "nearest",
    "newton",
    "orbit_energy_loss",
    "orbit_path",
    "saddles",
    "solve_fold",
    "tst_rate",
    "tst_rate_1d",
    "unstable_rate",
]
