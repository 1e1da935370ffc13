"""CE timescales, dwell times and robustness (the CE paper's App. A, App. B and Sec. V.3).

- ``tau_CE`` by App. A: a damped particle on a 1-D quadratic slope along the erased axis,
  ``x'' + gamma' x' + k' x = 0`` with ``x(0) = x0``, ``x'(0) = 0``, ``k' = H_ii`` at the target and ``x0``
  the axis-i distance from the annihilation point to the target. Underdamped: first arrival at ``x = 0``,
  ``t' = (pi - arctan(2 omega_d/gamma'))/omega_d``, ``omega_d = sqrt(k' - gamma'^2/4)``; overdamped (and
  critical): arrival at ``x = 0.05 x0`` [choice, specs/squid_ce.md section 10].
- ``tau_CE`` measured: the capture time of a noise-free damped trajectory in the CE landscape, from rest
  at the annihilation point (or, conservatively, at the rest-landscape source minimum): the first time it
  is in the target quadrant with ``v^2/2 + U'`` below the lowest saddle around the target well. Just
  past the fold the slide starts in a saddle-node bottleneck App. A ignores (Strogatz, Nonlinear
  Dynamics and Chaos (1994), Sec. 4.3), so the measured time is 10-25x longer.
- Dwell time of kept well ``k`` (App. B, 1-D TST): ``tau_k = 2 pi / sqrt(H_ii) exp(Delta U_k / kappa')``
  in t_c, ``i`` the axis of its lowest saddle; optionally Kramers-Langer or Mel'nikov-Meshkov
  (:mod:`landauer.landscape.rates`).
- Robustness ``R = min_k tau_k / tau_CE`` over the three kept wells (about the number of successful CEs a
  device performs before a thermal error).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numba import njit
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from landauer.landscape import escape_rate
from landauer.models.squid.analysis import Landscape, analyze, erase_fold, potential
from landauer.models.squid.kernels import nb_energy_2d, nb_gradient_2d
from landauer.models.squid.model import lam_of
from landauer.models.squid.potential import DEFAULT_SHAPE, Shape, state_of
from landauer.models.squid.protocols import CE, EFFECTIVE, CEAmplitudes
from landauer.models.squid.quasistatic import rest_minima
from landauer.validation import ParameterError, check_positive

Array = NDArray[np.float64]
Start = Literal["annihilation", "source"]
DwellMethod = Literal["tst-1d", "kramers-langer", "melnikov-meshkov"]


def tau_appendix_a(*, k: float, x0: float, damping: float, overdamped_fraction: float = 0.05) -> float:
    """App. A estimate of the slide time (t_c) for curvature ``k``, distance ``x0``, damping ``gamma'``."""
    check_positive("k", k)
    check_positive("damping", damping)
    g = damping
    disc = g * g - 4 * k
    if disc < 0:
        wd = math.sqrt(k - g * g / 4)
        return (math.pi - math.atan(2 * wd / g)) / wd
    f = overdamped_fraction
    if disc == 0:
        w = g / 2

        def xr(t: float) -> float:
            return (1 + w * t) * math.exp(-w * t) - f
    else:
        rp, rm = (-g + math.sqrt(disc)) / 2, (-g - math.sqrt(disc)) / 2

        def xr(t: float) -> float:
            return (rp * math.exp(rm * t) - rm * math.exp(rp * t)) / (rp - rm) - f

    hi = 1.0
    while xr(hi) > 0:
        hi *= 2
    return float(optimize.brentq(xr, 0.0, hi, xtol=1e-12))
    del x0  # the linear slide time does not depend on x0


@njit(cache=True)
def _capture_times(x0, lam, dampings, e_trap, target, source, dt_max, t_max):  # noqa: ANN001, ANN202
    n = dampings.shape[0]
    t_cap = np.full(n, np.inf)
    t_flip = np.full(n, np.inf)
    g = np.empty(2)
    xs = np.empty(2)
    for j in range(n):
        gam = dampings[j]
        dt = min(dt_max, 0.5 / gam)
        x = x0.copy()
        v = np.zeros(2)
        t = 0.0
        flipped = False
        kx = np.empty((4, 2))
        kv = np.empty((4, 2))
        while t < t_max:
            # RK4 for x' = v, v' = -grad U - gam v
            for s in range(4):
                c = 0.0 if s == 0 else (0.5 if s < 3 else 1.0)
                for d in range(2):
                    xs[d] = x[d] + c * dt * (kx[s - 1, d] if s > 0 else 0.0)
                nb_gradient_2d(xs, lam[:5], lam[5:], g)
                for d in range(2):
                    vs = v[d] + c * dt * (kv[s - 1, d] if s > 0 else 0.0)
                    kx[s, d] = vs
                    kv[s, d] = -g[d] - gam * vs
            for d in range(2):
                x[d] += dt / 6.0 * (kx[0, d] + 2 * kx[1, d] + 2 * kx[2, d] + kx[3, d])
                v[d] += dt / 6.0 * (kv[0, d] + 2 * kv[1, d] + 2 * kv[2, d] + kv[3, d])
            t += dt
            st = 2 * (x[0] > 0.0) + (x[1] > 0.0)
            if not flipped and st != source:
                flipped = True
                t_flip[j] = t
            if st == target and 0.5 * (v[0] * v[0] + v[1] * v[1]) + nb_energy_2d(x, lam[:5], lam[5:]) < e_trap:
                t_cap[j] = t
                break
    return t_cap, t_flip


@dataclass(frozen=True)
class SlideGeometry:
    """Where the erased state starts its slide and where it must end, in the CE landscape (2-D)."""

    ce: CE
    start: Array  # annihilation point (fold position)
    source_minimum: Array  # rest-landscape minimum of the erased state
    fold_control: float  # phi_ixdc at the fold
    landscape: Landscape  # the CE landscape at the hold
    target_x: Array
    target_curvature: float  # H_ii at the target, i the erased axis
    trap_energy: float  # lowest saddle around the target (U0)

    @property
    def x0(self) -> float:
        """App. A distance along the erased axis from annihilation point to target."""
        i = self.ce.erased - 1
        return float(abs(self.target_x[i] - self.start[i]))


def slide_geometry(ce: CE, *, amplitudes: CEAmplitudes = EFFECTIVE, shape: Shape = DEFAULT_SHAPE
                   ) -> SlideGeometry:
    """Annihilation point, target well and trap energy for ``ce`` (2-D landscape)."""
    info = analyze(ce.controls(amplitudes), shape)
    src, tgt = ce.moved()
    if src in info.wells:
        raise ParameterError(f"{ce.name}: the erased well {src} survives at these amplitudes (no slide)")
    if tgt not in info.wells:
        raise ParameterError(f"{ce.name}: the target well {tgt} does not exist at these amplitudes")
    fold = erase_fold(ce, amplitudes=amplitudes, shape=shape, hi=amplitudes.phi_xdc)
    w = info.wells[tgt]
    i = ce.erased - 1
    return SlideGeometry(ce, fold.x[:2], rest_minima(shape)[src], fold.p, info, w.x,
                         float(info.barriers.minima[info.barriers.index_of(w.x)].hessian[i, i]),
                         w.energy + w.barrier)


def capture_times(geom: SlideGeometry, dampings: ArrayLike, *, start: Start = "annihilation",
                  shape: Shape = DEFAULT_SHAPE, amplitudes: CEAmplitudes = EFFECTIVE,
                  t_max: float = 1e5) -> tuple[Array, Array]:
    """Measured capture times and b_i-flip times (t_c) of noise-free slides, one per damping."""
    g = np.atleast_1d(np.asarray(dampings, dtype=float))
    check_positive("damping", g)
    lam = lam_of(geom.ce.controls(amplitudes), shape, 2)
    x0 = geom.start if start == "annihilation" else geom.source_minimum
    src, tgt = (int(state_of(np.array(_lab(s)))) for s in geom.ce.moved())
    return _capture_times(np.array(x0, dtype=float), lam, g, geom.trap_energy, tgt, src, 0.01, t_max)


def _lab(s: str) -> list[float]:
    return [1.0 if s[0] == "1" else -1.0, 1.0 if s[1] == "1" else -1.0]


def hold_time(ce: CE, *, damping: float, amplitudes: CEAmplitudes = EFFECTIVE, shape: Shape = DEFAULT_SHAPE,
              factor: float = 5.0) -> float:
    """Hold duration (t_c): ``factor`` x the measured capture time from the annihilation point."""
    geom = slide_geometry(ce, amplitudes=amplitudes, shape=shape)
    t, _ = capture_times(geom, [damping], shape=shape, amplitudes=amplitudes)
    if not np.isfinite(t[0]):
        raise ParameterError(f"{ce.name}: the noise-free slide is not captured (damping {damping})")
    return float(factor * t[0])


def dwell_times(info: Landscape, *, kappa: float, wells: list[str], method: DwellMethod = "tst-1d",
                damping: float | None = None) -> dict[str, float]:
    """Dwell time (t_c) of each listed well of a landscape (module docstring)."""
    check_positive("kappa", kappa)
    out = {}
    pot = potential(info.controls, info.shape, info.dof)
    for lab in wells:
        if lab not in info.wells:
            out[lab] = 0.0
            continue
        w = info.wells[lab]
        if method == "tst-1d":
            out[lab] = 2 * math.pi / math.sqrt(w.curvature) * math.exp(w.barrier / kappa)
            continue
        if damping is None:
            raise ParameterError(f"dwell method {method} needs the damping")
        k = info.barriers.index_of(w.x)
        m = np.ones(info.dof) if info.dof == 2 else np.array([1.0, 1.0, 0.25, 0.25])
        rate = escape_rate(pot, info.barriers, k, kT=kappa, method=method, mass=m, friction=damping * m)
        out[lab] = math.inf if rate <= 0 else 1.0 / rate
    return out


@dataclass(frozen=True)
class Robustness:
    """Robustness of one CE at one (damping, kappa); times in t_c."""

    tau_appendix_a: float
    tau_measured: float
    tau_measured_from_source: float
    dwell: dict[str, float]
    R_appendix_a: float
    R_measured: float

    def as_dict(self) -> dict[str, float | dict[str, float]]:
        return {"tau_CE_appendix_a_tc": self.tau_appendix_a, "tau_CE_measured_tc": self.tau_measured,
                "tau_CE_measured_from_source_tc": self.tau_measured_from_source, "dwell_tc": self.dwell,
                "R_appendix_a": self.R_appendix_a, "R_measured": self.R_measured}


def robustness(ce: CE, *, damping: float, kappa: float, amplitudes: CEAmplitudes = EFFECTIVE,
               shape: Shape = DEFAULT_SHAPE, method: DwellMethod = "tst-1d") -> Robustness:
    """Both robustness estimates (App. A and measured capture) for ``ce``."""
    geom = slide_geometry(ce, amplitudes=amplitudes, shape=shape)
    ta = tau_appendix_a(k=geom.target_curvature, x0=geom.x0, damping=damping)
    tm, _ = capture_times(geom, [damping], shape=shape, amplitudes=amplitudes)
    ts, _ = capture_times(geom, [damping], start="source", shape=shape, amplitudes=amplitudes)
    kept = [s for s in ("00", "01", "10", "11") if s != ce.moved()[0]]
    dw = dwell_times(geom.landscape, kappa=kappa, wells=kept, method=method, damping=damping)
    low = min(dw.values())
    return Robustness(ta, float(tm[0]), float(ts[0]), dw, low / ta, low / float(tm[0]))
