"""Macrospin energy, effective field, barriers and equilibrium samples (reduced units).

Reduced energy (specs/mtj.md section 3), ``m`` a unit vector, ``h = H / H_K``::

    beta E = -sigma m_y^2 - 2 sigma h.m + sigma sum_i d_i m_i^2,   d_i = (Ms/H_K) N_i
    h_eff  = -(1/(2 sigma)) d(beta E)/dm = m_y y + h - d * m

Stoner-Wohlfarth barriers: ``K V (1 - h_x)^2`` for a transverse (hard-axis) field (saddle at +x,
``h_x <= 1``); ``K V (1 +- h)^2`` for an axial field. Otherwise the barrier is found numerically on the
x-y great circle.

References: E. C. Stoner, E. P. Wohlfarth, Phil. Trans. R. Soc. A 240, 599 (1948);
W. F. Brown, Phys. Rev. 130, 1677 (1963).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from landauer.validation import ParameterError, check_int, check_positive


def reduced_energy(
    m: ArrayLike, h: ArrayLike, *, sigma: float, demag: ArrayLike = (0.0, 0.0, 0.0)
) -> NDArray[np.float64]:
    """``beta E`` (kT) for unit vectors ``m`` (..., 3) in reduced fields ``h`` (..., 3)."""
    mm = np.asarray(m, dtype=float)
    hh = np.asarray(h, dtype=float)
    d = np.asarray(demag, dtype=float)
    return np.asarray(
        sigma * (-(mm[..., 1] ** 2) - 2.0 * np.sum(hh * mm, axis=-1) + np.sum(d * mm * mm, axis=-1))
    )


def effective_field(m: ArrayLike, h: ArrayLike, *, demag: ArrayLike = (0.0, 0.0, 0.0)) -> NDArray[np.float64]:
    """``h_eff = m_y y + h - d * m`` (units of ``H_K``)."""
    mm = np.asarray(m, dtype=float)
    out = np.asarray(h, dtype=float) - np.asarray(demag, dtype=float) * mm
    out = np.broadcast_to(out, np.broadcast_shapes(mm.shape, out.shape)).copy()
    out[..., 1] += mm[..., 1]
    return out


def transverse_barrier(h_x: float | NDArray[np.float64]) -> NDArray[np.float64]:
    """Barrier ``(1 - h_x)^2`` in units of ``K V`` for a hard-axis field (0 for ``h_x >= 1``)."""
    hx = np.abs(np.asarray(h_x, dtype=float))
    return np.where(hx < 1.0, (1.0 - hx) ** 2, 0.0)


def axial_barriers(h_y: float) -> tuple[float, float]:
    """Barriers ``((1 + h)^2, (1 - h)^2)`` (units of ``K V``) out of the +y and -y wells, ``|h| < 1``."""
    if abs(h_y) >= 1.0:
        raise ParameterError(f"axial barriers exist only for |h_y| < 1, got {h_y:g}")
    return (1.0 + h_y) ** 2, (1.0 - h_y) ** 2


def great_circle_barrier(h_x: float, h_y: float, *, points: int = 20001) -> float:
    """Barrier (units of ``K V``) out of the lowest well along the x-y great circle; 0 if single well.

    ``e(phi) = -cos^2 phi - 2 (h_x sin phi + h_y cos phi)`` with ``m = (sin phi, cos phi, 0)``.
    """
    phi = np.linspace(-np.pi, np.pi, check_int("points", points, minimum=101), endpoint=False)
    e = -(np.cos(phi) ** 2) - 2.0 * (h_x * np.sin(phi) + h_y * np.cos(phi))
    left, right = np.roll(e, 1), np.roll(e, -1)
    minima = np.flatnonzero((e < left) & (e <= right))
    maxima = np.flatnonzero((e > left) & (e >= right))
    if minima.size < 2:
        return 0.0
    return float(np.min(e[maxima]) - np.min(e[minima]))


def axial_density(u: ArrayLike, *, sigma: float, xi: float) -> NDArray[np.float64]:
    """Unnormalised equilibrium density of ``u = m_y`` in an axial field: ``exp(sigma u^2 + xi u)``.

    Returned divided by its maximum over ``[-1, 1]`` to avoid overflow.
    """
    uu = np.asarray(u, dtype=float)
    peak = max(sigma + abs(xi), 0.0) if sigma >= 0 else abs(xi)
    return np.exp(sigma * uu * uu + xi * uu - peak)


def _u_grid(sigma: float, xi: float) -> NDArray[np.float64]:
    """A grid on [-1, 1], dense near the poles where the density concentrates."""
    width = 1.0 / max(2.0 * abs(sigma) + abs(xi), 1.0)
    edge = np.geomspace(width * 1e-4, 2.0, 4000)
    g = np.concatenate([-1.0 + edge, 1.0 - edge, np.linspace(-1, 1, 4001)])
    return np.unique(np.clip(g, -1.0, 1.0))


def axial_samples(
    n: int, *, sigma: float, xi: float = 0.0, seed: int, hemisphere: int = 0
) -> NDArray[np.float64]:
    """Exact equilibrium unit vectors for density ``exp(sigma m_y^2 + xi m_y)``, azimuth uniform.

    Parameters
    ----------
    n : int
        Number of samples.
    sigma, xi : float
        Anisotropy ``K V / kT`` and axial Zeeman energy ``mu0 Ms V H_y / kT``.
    seed : int
        Seed for a NumPy generator.
    hemisphere : {0, 1, -1}
        Restrict to ``m_y > 0`` (1) or ``m_y < 0`` (-1); 0 for the whole sphere.

    Returns
    -------
    ndarray, shape (n, 3)
    """
    n = check_int("n", n, minimum=1)
    check_positive("sigma", sigma, allow_zero=True)
    if hemisphere not in (0, 1, -1):
        raise ParameterError(f"hemisphere must be 0, 1 or -1, got {hemisphere!r}")
    u = _u_grid(sigma, xi)
    if hemisphere == 1:
        u = u[u >= 0]
    elif hemisphere == -1:
        u = u[u <= 0]
    rho = axial_density(u, sigma=sigma, xi=xi)
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (rho[1:] + rho[:-1]) * np.diff(u))])
    cdf /= cdf[-1]
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0x4D544A]))
    my = np.interp(rng.random(n), cdf, u)
    phi = rng.random(n) * 2.0 * np.pi
    r = np.sqrt(np.clip(1.0 - my * my, 0.0, None))
    return np.stack([r * np.cos(phi), my, r * np.sin(phi)], axis=1)


def axial_mean(*, sigma: float, xi: float, lo: float = -1.0, hi: float = 1.0) -> tuple[float, float]:
    """``(<m_y>, <m_y^2>)`` for density ``exp(sigma u^2 + xi u)`` on ``[lo, hi]`` (quadrature)."""
    u = _u_grid(sigma, xi)
    u = u[(u >= lo) & (u <= hi)]
    rho = axial_density(u, sigma=sigma, xi=xi)
    z = np.trapezoid(rho, u)
    return float(np.trapezoid(rho * u, u) / z), float(np.trapezoid(rho * u * u, u) / z)


def wrong_well_fraction(*, sigma: float, xi: float) -> float:
    """``eps = int_{-1}^0 e^{sigma u^2 + xi u} du / int_{-1}^1 ...`` (specs/mtj.md section 5)."""
    u = _u_grid(sigma, xi)
    rho = axial_density(u, sigma=sigma, xi=xi)
    neg = u <= 0
    a = np.trapezoid(rho[neg], u[neg])
    return float(a / np.trapezoid(rho, u))


def langevin(xi: float | NDArray[np.float64]) -> NDArray[np.float64]:
    """Langevin function ``L(xi) = coth xi - 1/xi`` (``L(0) = 0``), the isotropic ``<m.h>``."""
    x = np.asarray(xi, dtype=float)
    small = np.abs(x) < 1e-4
    xs = np.where(small, 1.0, x)
    return np.where(small, x / 3.0, 1.0 / np.tanh(xs) - 1.0 / xs)
