"""The textbook memory: an overdamped particle in a quartic double well.

``U(x; a, b, f) = a x^4 - b x^2 - f x`` (energies in kT, x in units of the well position ``x_m``).
With ``b = 2a`` the minima sit at ``x = +-1`` and the barrier is ``a``. The quartic coefficient ``a`` is
a fixed model param (``MODEL.with_params(a=...)``, or :meth:`DoubleWellParams.model`); the controls are
the barrier ``b`` (lowered to 0 to merge the wells) and the tilt ``f`` (``f < 0`` pushes the particle to
``x < 0``). Logical state: 0 for ``x < 0``, 1 for ``x >= 0``. Erasure resets to state 0.

Units: energies in ``k_B T``, lengths in ``x_m``, time in ``x_m^2 / (mu k_B T)`` (one diffusion time over
the well distance) with mobility ``mu = 1/gamma``; :class:`DoubleWellParams` maps them to SI.

References: R. Landauer, IBM J. Res. Dev. 5, 183 (1961); A. Berut et al., Nature 483, 187 (2012)
(colloidal erasure in a double well); E. Aurell et al., J. Stat. Phys. 147, 487 (2012).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import xarray as xr
from numba import njit
from numpy.typing import ArrayLike, NDArray

from landauer.constants import k_B
from landauer.engine.model import Model
from landauer.engine.protocol import Protocol
from landauer.engine.record import Record
from landauer.units import Scales
from landauer.validation import check_positive, check_temperature


@njit(inline="always")
def energy(x, c, p):  # noqa: ANN001, ANN201
    x0 = x[0]
    x2 = x0 * x0
    return p[0] * x2 * x2 - c[0] * x2 - c[1] * x0


@njit(inline="always")
def gradient(x, c, p, g):  # noqa: ANN001, ANN201
    x0 = x[0]
    g[0] = (4.0 * p[0] * x0 * x0 - 2.0 * c[0]) * x0 - c[1]


@njit(inline="always")
def classify(x, p):  # noqa: ANN001, ANN201
    return 0 if x[0] < 0.0 else 1


@njit(cache=True)
def _curvature_scan(c_knots, a, kT):  # noqa: ANN001, ANN202
    worst = 0.0
    m = 4001
    for r in range(c_knots.shape[0]):
        b = c_knots[r, 0]
        f = c_knots[r, 1]
        umin = np.inf
        for i in range(m):
            x = -4.0 + 8.0 * i / (m - 1)
            u = a * x**4 - b * x**2 - f * x
            umin = min(umin, u)
        for i in range(m):
            x = -4.0 + 8.0 * i / (m - 1)
            if a * x**4 - b * x**2 - f * x <= umin + 25.0 * kT:
                worst = max(worst, 12.0 * a * x * x - 2.0 * b)
    return worst


def max_curvature(c_knots: NDArray[np.float64], p: NDArray[np.float64], kT: float) -> float:
    """Largest ``U'' = 12 a x^2 - 2 b`` on ``|x| <= 4`` where ``U`` is within 25 kT of its minimum, over
    the control rows ``c_knots`` (columns ``b, f``); a compiled scan (well under a millisecond)."""
    return float(_curvature_scan(np.ascontiguousarray(c_knots, dtype=np.float64), float(p[0]), float(kT)))


MODEL = Model(
    "double-well",
    ("x",),
    ("b", "f"),
    energy,
    gradient,
    classify,
    params={"a": 8.0},
    defaults={"b": 16.0, "f": 0.0},
    max_curvature=max_curvature,
    citation="R. Landauer, IBM J. Res. Dev. 5, 183 (1961)",
)


@dataclass(frozen=True)
class DoubleWellParams:
    """SI description of a double-well memory and its erasure protocol.

    Parameters
    ----------
    temperature : float
        Bath temperature, K.
    barrier_kT : float
        Barrier height between the wells at rest, in kT (sets ``a = barrier``, ``b = 2 a``).
    tilt_kT : float
        Tilt force amplitude ``|f|`` during erasure, in kT per ``x_m``.
    well_position : float
        Distance ``x_m`` of each minimum from the barrier, m.
    friction : float
        Viscous friction ``gamma = 1/mu``, N s/m (default: Stokes drag of a 1 um bead in water).
    """

    temperature: float = 300.0
    barrier_kT: float = 10.0
    tilt_kT: float = 10.0
    well_position: float = 1e-6
    friction: float = 1.88e-8

    def __post_init__(self) -> None:
        check_temperature(self.temperature)
        check_positive("barrier_kT", self.barrier_kT)
        check_positive("tilt_kT", self.tilt_kT)
        check_positive("well_position", self.well_position)
        check_positive("friction", self.friction)

    @property
    def scales(self) -> Scales:
        """Energy kT, length x_m, time x_m^2 gamma / kT."""
        kT = k_B * self.temperature
        return Scales(energy=kT, time=self.well_position**2 * self.friction / kT, length=self.well_position)

    def rest_controls(self) -> dict[str, float]:
        return {"b": 2.0 * self.barrier_kT, "f": 0.0}

    def model(self) -> Model:
        """The engine model with ``a = barrier_kT`` (same compiled functions as :data:`MODEL`)."""
        return MODEL.with_params(a=self.barrier_kT)

    def kramers_time(self) -> float:
        """Dimensionless mean dwell time in one well at rest (overdamped Kramers, mu = 1).

        ``1/k`` with ``k = sqrt(U''(x_min) |U''(0)|) / (2 pi) exp(-Delta U/kT)``
        (Kramers, Physica 7, 284 (1940); Hanggi, Talkner, Borkovec, RMP 62, 251 (1990)).
        """
        a = self.barrier_kT
        k = np.sqrt(8 * a * 4 * a) / (2 * np.pi) * np.exp(-a)
        return float(1.0 / k)


def erasure_protocol(params: DoubleWellParams, *, tau: float, shape: str = "linear") -> Protocol:
    """Four equal stages of total duration ``tau`` (dimensionless): lower barrier, tilt towards
    ``x < 0``, raise barrier, untilt. Starts and ends at the rest potential (so ``Delta F = 0``).
    Controls ``b, f``; run it on ``params.model()`` (whose param ``a`` is the barrier)."""
    check_positive("tau", tau)
    rest = params.rest_controls()
    s = tau / 4.0
    sh = shape
    return (
        Protocol.start(**rest)
        .ramp(s, b=0.0, name="lower barrier", shape=sh)
        .ramp(s, f=-params.tilt_kT, name="tilt", shape=sh)
        .ramp(s, b=rest["b"], name="raise barrier", shape=sh)
        .ramp(s, f=0.0, name="untilt", shape=sh)
    )


def equilibrium_positions(params: DoubleWellParams, *, n: int, seed: int) -> NDArray[np.float64]:
    """Exact Boltzmann samples of the rest potential (random initial bit), shape ``(n, 1)``."""
    from landauer.engine.equilibrium import boltzmann_samples_1d

    model = params.model()
    lam = model.control_vector(**params.rest_controls())
    return boltzmann_samples_1d(model, lam, kT=1.0, n=n, seed=seed, lo=-3.0, hi=3.0)


def erase(
    params: DoubleWellParams,
    *,
    tau: float,
    n_trajectories: int,
    seed: int,
    dt: float = 3e-4,
    integrator: str = "overdamped-lm",
    snapshot_times: ArrayLike | None = None,
    progress: bool = False,
    record: Record | None = None,
) -> xr.Dataset:
    """Run the erasure protocol of duration ``tau`` (dimensionless) from a random equilibrium bit.

    Energies in the returned Dataset are in kT; ``x_initial`` holds the starting positions;
    ``snapshot_times`` is shorthand for ``record=Record(snapshots=...)``. Attributes
    record the SI parameters and the SI time unit. The default Leimkuhler-Matthews integrator keeps the
    quasi-static work free of the O(dt) bias of Euler-Maruyama (a few 1e-3 kT here).
    """
    from landauer.engine.simulate import Langevin, run

    if record is None:
        snaps = () if snapshot_times is None else tuple(np.atleast_1d(np.asarray(snapshot_times, dtype=float)))
        record = Record(snapshots=snaps)
    x0 = equilibrium_positions(params, n=n_trajectories, seed=seed)
    return run(
        params.model(), erasure_protocol(params, tau=tau), dynamics=Langevin(kT=1.0, dt=dt, integrator=integrator),
        n_trajectories=n_trajectories, seed=seed, x0=x0, record=record, progress=progress,
        energy_unit="kT", parameters={**asdict(params), "tau": tau, "time_unit_s": params.scales.time},
    )


def _wells(a: float, b: float, f: float) -> tuple[float, float, float] | None:
    """Left minimum, barrier top and right minimum of ``a x^4 - b x^2 - f x`` (None with fewer than three)."""
    r = np.roots([4.0 * a, 0.0, -2.0 * b, -f])
    if np.any(np.abs(r.imag) > 1e-9):
        return None
    xl, xb, xr = np.sort(r.real)
    return float(xl), float(xb), float(xr)


def kramers_rates(params: DoubleWellParams, f: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Overdamped Kramers rate out of the left well, and the well free-energy difference, at rest barrier and tilt ``f``.

    With ``U = a x^4 - 2 a x^2 - f x`` (``a`` = barrier in kT, mobility 1, time in diffusion times):
    ``k_L(f) = sqrt(U''(x_L) |U''(x_b)|) / (2 pi) exp(-(U(x_b) - U(x_L)))`` (Kramers, Physica 7, 284 (1940);
    Hanggi, Talkner, Borkovec, RMP 62, 251 (1990), Eq. 4.56b) and, in the harmonic approximation,
    ``Delta F = F_R - F_L = U(x_R) - U(x_L) + ln(U''(x_R) / U''(x_L)) / 2`` (kT). Accurate to ``O(kT/barrier)``.
    Returns ``(k_L, Delta F)`` with the shape of ``f``; NaN where the tilt has merged the wells.
    """
    a = params.barrier_kT
    b = 2.0 * a
    ff = np.atleast_1d(np.asarray(f, dtype=float))
    k = np.full(ff.shape, np.nan)
    dF = np.full(ff.shape, np.nan)
    for i, fi in enumerate(ff.ravel()):
        w = _wells(a, b, float(fi))
        if w is None:
            continue
        u = [a * x**4 - b * x**2 - fi * x for x in w]
        c = [12.0 * a * x**2 - 2.0 * b for x in w]
        k.flat[i] = np.sqrt(c[0] * abs(c[1])) / (2.0 * np.pi) * np.exp(-(u[1] - u[0]))
        dF.flat[i] = u[2] - u[0] + 0.5 * np.log(c[2] / c[0])
    return k.reshape(np.shape(f)), dF.reshape(np.shape(f))


def untilt_leak(params: DoubleWellParams, *, tau: float, points: int = 2001) -> tuple[float, float]:
    """Kramers prediction of the leak of the erased bit back over the raised barrier during the untilt.

    In the last stage (duration ``tau/4``, barrier at rest, tilt ``f`` ramped from ``-tilt`` to 0) a particle
    in the left well hops to the right one at the rate ``k_L(f)`` (:func:`kramers_rates`), so the leaked
    fraction is ``eps_leak = 1 - exp(-int k_L dt)``; the hops happen near the end (``k_L`` grows as ``e^{-f}``),
    mostly within ``tau / (4 tilt)`` of it. The leak is an irreversible relaxation of the two-state populations
    ``(1 - p, p)``: with ``p`` far below its equilibrium value, the entropy it produces is (kT)

    .. math:: \\Sigma_{leak} = \\int k_L\\,(1-p)\\,[\\ln((1-p)/p) - \\Delta F(f)]\\,dt
              \\approx \\varepsilon_l (1 - \\ln \\varepsilon_l) - \\varepsilon_l \\langle \\Delta F \\rangle_{hop},

    which adds to ``<W> - W_min(eps)`` on top of the ``1/tau`` excess and grows with ``tau`` (erasure fails
    for ``tau`` beyond the Kramers time times the tilt). Returns ``(eps_leak, Sigma_leak)``; assumes no errors
    before the untilt (they lower ``Sigma_leak`` slightly: ``-ln p`` is smaller).
    """
    check_positive("tau", tau)
    s = np.linspace(0.0, 1.0, points)
    f = -params.tilt_kT * (1.0 - s)
    k, dF = kramers_rates(params, f)
    if not np.all(np.isfinite(k)):
        raise ValueError("the untilt merges the wells (tilt beyond the critical tilt); no Kramers leak")
    dt = tau / 4.0 / (points - 1)
    rate = k * dt
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (rate[1:] + rate[:-1]))])
    eps = 1.0 - np.exp(-cum)  # leaked fraction p(t)
    dp = np.diff(eps)
    p_mid = 0.5 * (eps[1:] + eps[:-1])
    with np.errstate(divide="ignore"):
        drive = np.log((1.0 - p_mid) / p_mid) - 0.5 * (dF[1:] + dF[:-1])
    sigma = float(np.sum(dp * drive))
    return float(eps[-1]), sigma
