"""Closed forms and quadratures the macrospin simulations are checked against (reduced units).

- Neel-Brown exact mean first-passage time in an axial field (1-D Fokker-Planck in ``z = m_y``)::

      T(z0 -> a) = 2 tau_N int_a^{z0} dz e^{phi(z)}/(1 - z^2) int_z^1 e^{-phi(y)} dy,  phi = -sigma z^2 - xi z

  with ``tau_N = (1 + alpha^2) sigma / alpha`` in units of ``t0`` (W. F. Brown, Phys. Rev. 130, 1677
  (1963); Coffey & Kalmykov, J. Appl. Phys. 112, 121301 (2012)).
- Brown's high-barrier asymptote ``Gamma_pm = sigma^{3/2}/(sqrt(pi) tau_N) (1 - h^2)(1 +- h) e^{-sigma (1 +- h)^2}``.
- Quasi-static erasure work by sphere quadrature of ``-2 sigma int <m>_eq . dh`` along the 4-stage
  protocol, stage 4 with frozen well populations, and the closed form
  ``W_min(eps) = ln 2 + eps ln eps + (1 - eps) ln(1 - eps)`` it must equal (Esposito & Van den Broeck,
  EPL 95, 40004 (2011); specs/mtj.md section 5).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.integrate import cumulative_trapezoid

from landauer.bounds import erasure_with_error
from landauer.validation import ParameterError, check_positive


def tau_N(*, sigma: float, alpha: float) -> float:
    """Brown's free-diffusion time in units of ``t0 = 1/(gamma mu0 H_K)``: ``(1 + alpha^2) sigma / alpha``."""
    check_positive("sigma", sigma)
    check_positive("alpha", alpha)
    return (1.0 + alpha * alpha) * sigma / alpha


def mfpt_axial(
    *, sigma: float, xi: float, alpha: float, z0: float = 1.0, absorb: float = -0.5, points: int = 200001
) -> float:
    """Exact mean first-passage time (units of ``t0``) from ``m_y = z0`` to ``m_y = absorb``."""
    if not -1.0 < absorb < z0 <= 1.0:
        raise ParameterError(f"need -1 < absorb < z0 <= 1, got absorb={absorb:g}, z0={z0:g}")
    # grid dense near z = 1 (where 1/(1 - z^2) is large) and near the wells
    s = np.linspace(0.0, 1.0, points)
    z = absorb + (1.0 - absorb) * (1.0 - (1.0 - s) ** 3)
    z = np.unique(np.concatenate([z, [z0]]))
    phi = -sigma * z * z - xi * z
    shift = float(np.max(-phi))
    inner_from_a = cumulative_trapezoid(np.exp(-phi - shift), z, initial=0.0)
    inner = inner_from_a[-1] - inner_from_a  # int_z^1 e^{-phi}
    with np.errstate(divide="ignore", invalid="ignore"):
        integrand = np.exp(phi + shift) * inner / (1.0 - z * z)
    # at z = 1: inner ~ (1 - z) e^{-phi(1)}, so the integrand -> e^{phi(1)} e^{-phi(1)} / 2 = 1/2
    integrand[-1] = 0.5
    sel = z <= z0
    return 2.0 * tau_N(sigma=sigma, alpha=alpha) * float(np.trapezoid(integrand[sel], z[sel]))


def brown_rates(*, sigma: float, h: float, alpha: float) -> tuple[float, float]:
    """Brown's asymptotic escape rates ``(Gamma_+, Gamma_-)`` (per ``t0``) out of the +y / -y wells.

    ``h`` is the axial reduced field; valid for ``sigma (1 -+ h)^2 >> 1`` with ``O(1/sigma)`` error.
    """
    if abs(h) >= 1:
        raise ParameterError(f"Brown's asymptote needs |h| < 1, got {h:g}")
    pref = sigma**1.5 / (math.sqrt(math.pi) * tau_N(sigma=sigma, alpha=alpha)) * (1 - h * h)
    # escape out of +y is against the barrier sigma (1 + h)^2
    return pref * (1 + h) * math.exp(-sigma * (1 + h) ** 2), pref * (1 - h) * math.exp(-sigma * (1 - h) ** 2)


# --- sphere quadrature ---------------------------------------------------------------------------


def _sphere_nodes(
    n_u: int, n_phi: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Nodes ``m`` (N, 3) and weights on the sphere: Gauss-Legendre in ``u = m_y`` on each hemisphere
    (with a tanh clustering near the poles) times a uniform azimuth grid around y."""
    x, w = np.polynomial.legendre.leggauss(n_u)
    u = 0.5 * (x + 1.0)  # (0, 1)
    wu = 0.5 * w
    uu = np.concatenate([-u[::-1], u])
    ww = np.concatenate([wu[::-1], wu])
    phi = np.arange(n_phi) * (2.0 * np.pi / n_phi)
    r = np.sqrt(1.0 - uu * uu)
    m = np.stack(
        [np.outer(r, np.cos(phi)).ravel(), np.repeat(uu, n_phi), np.outer(r, np.sin(phi)).ravel()], axis=1
    )
    weights = np.repeat(ww, n_phi) * (2.0 * np.pi / n_phi)
    return m, weights, np.repeat(uu, n_phi)


class SphereQuadrature:
    """Equilibrium averages of the macrospin ``exp(sigma m_y^2 + 2 sigma h.m)`` on a fixed grid."""

    def __init__(self, *, sigma: float, n_u: int = 800, n_phi: int = 512) -> None:
        check_positive("sigma", sigma)
        self.sigma = float(sigma)
        self.m, self.w, self.u = _sphere_nodes(n_u, n_phi)

    def _logw(self, h: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.sigma * self.u * self.u + 2.0 * self.sigma * (self.m @ h)

    def mean(self, h: NDArray[np.float64], *, hemisphere: int = 0) -> NDArray[np.float64]:
        """``<m>`` at reduced field ``h`` (3,), over the sphere or restricted to ``sign(m_y) = hemisphere``."""
        lw = self._logw(np.asarray(h, dtype=float))
        mask = np.ones_like(self.u, dtype=bool) if hemisphere == 0 else (np.sign(self.u) == hemisphere)
        p = np.where(mask, np.exp(lw - lw[mask].max()) * self.w, 0.0)
        return np.asarray(p @ self.m / p.sum())

    def log_z(self, h: NDArray[np.float64], *, hemisphere: int = 0) -> float:
        lw = self._logw(np.asarray(h, dtype=float))
        mask = np.ones_like(self.u, dtype=bool) if hemisphere == 0 else (np.sign(self.u) == hemisphere)
        top = lw[mask].max()
        return float(top + math.log(np.sum(np.exp(lw[mask] - top) * self.w[mask])))


def quasistatic_reset_work(
    *, sigma: float, hx: float, hb: float, n_path: int = 48, n_u: int = 800, n_phi: int = 512
) -> dict[str, float]:
    """Quasi-static work (kT) of the 4-stage reset by quadrature, and the closed form it must equal.

    Stages: (1) h_x 0 -> hx; (2) h_y 0 -> hb; (3) h_x -> 0; (4) h_y -> 0. Stages 1-3 in global
    equilibrium; stage 4 with frozen populations ``(1 - eps, eps)`` of the +y/-y wells, each locally
    equilibrated. Returns per-stage works, ``eps`` and ``W_min(eps)``.
    """
    q = SphereQuadrature(sigma=sigma, n_u=n_u, n_phi=n_phi)
    x, wgl = np.polynomial.legendre.leggauss(n_path)
    s = 0.5 * (x + 1.0)
    ws = 0.5 * wgl
    path = [
        (np.array([0.0, 0.0, 0.0]), np.array([hx, 0.0, 0.0])),
        (np.array([hx, 0.0, 0.0]), np.array([hx, hb, 0.0])),
        (np.array([hx, hb, 0.0]), np.array([0.0, hb, 0.0])),
        (np.array([0.0, hb, 0.0]), np.array([0.0, 0.0, 0.0])),
    ]
    end3 = np.array([0.0, hb, 0.0])
    lz = q.log_z(end3)
    eps = math.exp(q.log_z(end3, hemisphere=-1) - lz)
    works = []
    for k, (a, b) in enumerate(path):
        dh = b - a
        total = 0.0
        for sk, wk in zip(s, ws, strict=True):
            h = a + sk * dh
            if k < 3:
                mbar = q.mean(h)
            else:
                mbar = (1.0 - eps) * q.mean(h, hemisphere=1) + eps * q.mean(h, hemisphere=-1)
            total += wk * float(mbar @ dh)
        works.append(-2.0 * sigma * total)
    return {
        "W_stage1": works[0],
        "W_stage2": works[1],
        "W_stage3": works[2],
        "W_stage4": works[3],
        "W_qs": float(sum(works)),
        "eps": eps,
        "W_min": float(erasure_with_error(min(eps, 1.0 - eps))),
    }


def eps_closed_form(*, sigma: float, hb: float) -> float:
    """Large-sigma wrong-well fraction ``[1 + e^{2 xi_b} (1 - h_b)/(1 + h_b)]^-1``, ``xi_b = 2 sigma h_b``."""
    xi = 2.0 * sigma * hb
    return 1.0 / (1.0 + math.exp(min(2.0 * xi, 700.0)) * (1.0 - hb) / (1.0 + hb))
