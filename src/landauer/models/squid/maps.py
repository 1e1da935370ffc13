"""Robustness maps over inductance and temperature (the CE paper's Fig. 6).

With ``beta`` fixed (``I_c = beta Phi0 / (2 pi L)``) the dimensionless landscape does not depend on
``L``; only ``kappa' = kT/U0 = L T / 7845 pH K`` and the damping ``gamma' = 2 sqrt(L/C)/R`` change. So
``R = min_k 2 pi exp(Delta U'_k/kappa') / (sqrt(H_ii,k) tau'_CE(gamma'))`` (``t_c`` cancels), computed for
a whole grid from one landscape analysis and one noise-free slide per distinct ``gamma'``.
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from landauer.constants import Phi_0, hbar, k_B
from landauer.models.squid.potential import DEFAULT_SHAPE, Shape
from landauer.models.squid.protocols import CE, EFFECTIVE, CEAmplitudes
from landauer.models.squid.robustness import capture_times, slide_geometry, tau_appendix_a
from landauer.results import provenance
from landauer.validation import check_positive

LN10 = math.log(10.0)
DEFAULT_CE = CE(2, 0, 0)


def robustness_map(*, L: ArrayLike, T: ArrayLike, C: float, R: float, ce: CE = DEFAULT_CE,
                   amplitudes: CEAmplitudes = EFFECTIVE, shape: Shape = DEFAULT_SHAPE,
                   n_min: float = 40.0, name: str = "") -> xr.Dataset:
    """``log10 R`` on the grid ``L`` (H) x ``T`` (K) for junction capacitance ``C`` and shunt ``R``.

    Returns a Dataset with ``log10_R_measured`` and ``log10_R_appendix_a`` (L, T), the lowest kept barrier
    in kT, ``damping`` (L), ``T0`` (L, the classical crossover ``hbar omega_p / 2 pi k_B`` of the
    fastest kept well) and the slide times.
    """
    Lv = np.atleast_1d(np.asarray(L, dtype=float))
    Tv = np.atleast_1d(np.asarray(T, dtype=float))
    check_positive("L", Lv)
    check_positive("T", Tv)
    check_positive("C", C)
    check_positive("R", R)
    geom = slide_geometry(ce, amplitudes=amplitudes, shape=shape)
    kept = [s for s in ("00", "01", "10", "11") if s != ce.moved()[0]]
    wells = [geom.landscape.wells[s] for s in kept]
    damping = 2 * np.sqrt(Lv / C) / R
    t_meas, _ = capture_times(geom, damping, shape=shape, amplitudes=amplitudes)
    t_app = np.array([tau_appendix_a(k=geom.target_curvature, x0=geom.x0, damping=g) for g in damping])
    u0_over_k = Phi_0**2 / (4 * math.pi**2 * k_B)  # U0 / k_B = this / L   (K H)
    inv_kappa = u0_over_k / (Lv[:, None] * Tv[None, :])
    log_dwell = np.min(np.stack([np.log10(2 * math.pi / math.sqrt(w.curvature)) + w.barrier * inv_kappa / LN10
                                 for w in wells]), axis=0)
    low_barrier = min(w.barrier for w in wells)
    t_c = np.sqrt(Lv * C)
    omega = math.sqrt(max(w.curvature for w in wells)) / t_c
    T0 = hbar * omega / (2 * math.pi * k_B)
    ds = xr.Dataset(
        {
            "log10_R_measured": (("L", "T"), log_dwell - np.log10(t_meas)[:, None],
                                 {"long_name": "log10 robustness (measured capture time)"}),
            "log10_R_appendix_a": (("L", "T"), log_dwell - np.log10(t_app)[:, None],
                                   {"long_name": "log10 robustness (App. A estimate, optimistic)"}),
            "min_kept_barrier_kT": (("L", "T"), low_barrier * inv_kappa, {"units": "kT"}),
            "damping": ("L", damping, {"long_name": "gamma' = 2 sqrt(L/C)/R"}),
            "tau_CE_measured": ("L", t_meas, {"units": "t_c"}),
            "tau_CE_appendix_a": ("L", t_app, {"units": "t_c"}),
            "T0": ("L", T0, {"units": "K", "long_name": "classical-activation crossover temperature"}),
        },
        coords={"L": ("L", Lv, {"units": "H"}), "T": ("T", Tv, {"units": "K"})},
        attrs=provenance(model="squid-2d", parameters={"C": C, "R": R, "beta": shape.beta, "n_min": n_min},
                         seed=0, extra={"set": name, "ce": ce.name, "C_F": C, "R_ohm": R,
                                        "critical_damping": 2 * math.sqrt(geom.target_curvature)}),
    )
    return ds
