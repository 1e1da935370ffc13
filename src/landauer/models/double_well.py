"""The textbook memory: an overdamped particle in a quartic double well.

``U(x; a, b, f) = a x^4 - b x^2 - f x`` (energies in kT, x in units of the well position ``x_m``).
With ``b = 2a`` the minima sit at ``x = +-1`` and the barrier is ``a``. The controls are the barrier
``b`` (lowered to 0 to merge the wells) and the tilt ``f`` (``f < 0`` pushes the particle to
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
from landauer.units import Scales
from landauer.validation import check_positive, check_temperature


@njit(inline="always")
def energy(x, lam):  # noqa: ANN001, ANN201
    x0 = x[0]
    x2 = x0 * x0
    return lam[0] * x2 * x2 - lam[1] * x2 - lam[2] * x0


@njit(inline="always")
def gradient(x, lam, g):  # noqa: ANN001, ANN201
    x0 = x[0]
    g[0] = (4.0 * lam[0] * x0 * x0 - 2.0 * lam[1]) * x0 - lam[2]


@njit(inline="always")
def classify(x):  # noqa: ANN001, ANN201
    return 0 if x[0] < 0.0 else 1


def max_curvature(lam: NDArray[np.float64], kT: float) -> float:
    """Largest ``U'' = 12 a x^2 - 2 b`` where ``U`` is within 25 kT of its minimum, over all controls."""
    rows = lam[:: max(1, lam.shape[0] // 200)]
    rows = np.vstack([rows, lam[-1:]])
    x = np.linspace(-4.0, 4.0, 4001)
    worst = 0.0
    for a, b, f in rows:
        u = a * x**4 - b * x**2 - f * x
        inside = u <= u.min() + 25.0 * kT
        worst = max(worst, float(np.max(12 * a * x[inside] ** 2 - 2 * b)))
    return worst


MODEL = Model(
    name="double-well",
    coordinates=("x",),
    controls=("a", "b", "f"),
    energy=energy,
    gradient=gradient,
    classify=classify,
    max_curvature=max_curvature,
    defaults={"a": 8.0, "b": 16.0, "f": 0.0},
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
        return {"a": self.barrier_kT, "b": 2.0 * self.barrier_kT, "f": 0.0}

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
    ``x < 0``, raise barrier, untilt. Starts and ends at the rest potential (so ``Delta F = 0``)."""
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

    lam = MODEL.lam_vector(**params.rest_controls())
    return boltzmann_samples_1d(MODEL, lam, kT=1.0, n=n, seed=seed, lo=-3.0, hi=3.0)


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
) -> xr.Dataset:
    """Run the erasure protocol of duration ``tau`` (dimensionless) from a random equilibrium bit.

    Energies in the returned Dataset are in kT; ``x_initial`` holds the starting positions. Attributes
    record the SI parameters and the SI time unit. The default Leimkuhler-Matthews integrator keeps the
    quasi-static work free of the O(dt) bias of Euler-Maruyama (a few 1e-3 kT here).
    """
    from landauer.engine.simulate import Langevin, run

    x0 = equilibrium_positions(params, n=n_trajectories, seed=seed)
    ds = run(
        MODEL, erasure_protocol(params, tau=tau), dynamics=Langevin(kT=1.0, dt=dt, integrator=integrator),
        n_trajectories=n_trajectories, seed=seed, x0=x0, snapshot_times=snapshot_times, progress=progress,
        energy_unit="kT", parameters={**asdict(params), "tau": tau, "time_unit_s": params.scales.time},
    )
    return ds.assign(x_initial=(("trajectory", "coordinate"), x0, {"long_name": "initial position"}))
