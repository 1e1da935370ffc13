"""Figures for the spin-engine reproduction. Plotting only: every function takes Datasets from
:func:`~.observables.iv_dataset` and never runs the model."""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

COLOURS = {"P": "black", "AP": "tab:red"}


def _v(ds: xr.Dataset) -> np.ndarray:
    return np.asarray(ds["V"].values)


def iv_figure(iv: dict[str, xr.Dataset], iv_eq: dict[str, xr.Dataset], *, zoom_mV: float = 1.5
              ) -> Figure:
    """I(V) in P and AP with the spin accumulation (solid) and with equilibrium leads (dashed)."""
    fig = Figure(figsize=(10, 4.2))
    axes = fig.subplots(1, 2)
    for ax, lim in zip(axes, (None, zoom_mV), strict=True):
        for state, ds in iv.items():
            ax.plot(_v(ds), ds["current"] * 1e9, color=COLOURS[state], label=rf"{state}, $s_p > 0$")
            eq = iv_eq[state]
            ax.plot(_v(eq), eq["current"] * 1e9, color=COLOURS[state], ls="--", lw=1,
                    label=rf"{state}, equilibrium leads ($s_p = 0$)")
        ax.axhline(0, color="grey", lw=0.5)
        ax.axvline(0, color="grey", lw=0.5)
        ax.set_xlabel(r"bias $V$ (mV)")
        ax.set_ylabel(r"current $I$ (nA)")
        if lim is not None:
            ax.set_xlim(-lim, lim)
            sel = np.abs(_v(iv["P"])) <= lim
            top = max(float(np.abs(ds["current"].values[sel]).max()) for ds in iv.values()) * 1e9
            ax.set_ylim(-1.2 * top, 1.2 * top)
            ax.set_title(rf"zoom $|V| \leq$ {lim:g} mV: $I(0) \neq 0$ only with $s_p > 0$")
        else:
            ax.set_title(r"$I(V)$, paper parameters mapped onto the Pauli model")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def tmr_figure(v: np.ndarray, tmr: np.ndarray, opposite: np.ndarray) -> Figure:
    """TMR(V) = I_P/I_AP - 1 in percent, shading the bias window where I_P and I_AP differ in sign."""
    fig = Figure(figsize=(7, 4.2))
    ax = fig.subplots()
    ax.plot(v, 100 * tmr, color="tab:green", label=r"TMR $= I_P/I_{AP} - 1$")
    if opposite.any():
        ax.fill_between(v, 0, 1, where=opposite, transform=ax.get_xaxis_transform(), alpha=0.2,
                        color="tab:purple", label=r"$I_P I_{AP} < 0$ (TMR < -100 %)")
    ax.axhline(-100, color="grey", ls=":", lw=1)
    ax.set_yscale("symlog", linthresh=100)
    ax.set_xlabel(r"bias $V$ (mV)")
    ax.set_ylabel("TMR (%)")
    ax.set_title(r"TMR($V$) (masked where $|I_{AP}|$ is small)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def power_figure(iv: dict[str, xr.Dataset], *, zoom_mV: float = 1.5) -> Figure:
    """Electrical output power -IV and the spin-accumulation input F_in near V = 0."""
    fig = Figure(figsize=(10, 4.2))
    axes = fig.subplots(1, 2)
    for state, ds in iv.items():
        v = _v(ds)
        sel = np.abs(v) <= zoom_mV
        axes[0].plot(v[sel], ds["power_el"].values[sel] * 1e15, color=COLOURS[state],
                     label=rf"{state}: $P_{{el}} = -IV$")
        axes[0].plot(v[sel], ds["spin_input"].values[sel] * 1e15, color=COLOURS[state], ls=":",
                     label=rf"{state}: $F_{{in}}$ (spin accumulation)")
        axes[1].plot(v[sel], ds["efficiency"].values[sel], color=COLOURS[state], label=state)
    axes[0].axhline(0, color="grey", lw=0.5)
    axes[0].set_xlabel(r"bias $V$ (mV)")
    axes[0].set_ylabel("power (fW)")
    axes[0].set_title("output power vs free-energy input")
    axes[0].legend(fontsize=8)
    axes[1].set_xlabel(r"bias $V$ (mV)")
    axes[1].set_ylabel(r"efficiency $P_{el}/F_{in}$ (dimensionless)")
    axes[1].set_title(r"efficiency where $P_{el} > 0$ (bounded by 1)")
    axes[1].legend(fontsize=8)
    from matplotlib.ticker import MaxNLocator

    for ax in axes:  # same window on both panels; few ticks, so that narrow ranges stay readable
        ax.set_xlim(-zoom_mV, zoom_mV)
        ax.xaxis.set_major_locator(MaxNLocator(5))
    fig.tight_layout()
    return fig


def spin_current_figure(iv: dict[str, xr.Dataset]) -> Figure:
    """Spin-resolved charge currents from the left lead, e J^N_{L sigma}, for P and AP."""
    from landauer.constants import e

    fig = Figure(figsize=(7, 4.2))
    ax = fig.subplots()
    for state, ds in iv.items():
        for ch, alpha in (("Lup", 1.0), ("Ldown", 0.45)):
            cur = ds["particle_current"].sel(channel=ch).values * e * 1e9
            ax.plot(_v(ds), cur, color=COLOURS[state], alpha=alpha,
                    label=f"{state}, spin {'up' if ch == 'Lup' else 'down'}")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel(r"bias $V$ (mV)")
    ax.set_ylabel(r"$e J_{L,\sigma}$ (nA)")
    ax.set_title("spin-resolved currents from the left lead")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def entropy_figure(iv: dict[str, xr.Dataset], temperature: float) -> Figure:
    """Dissipation T sigma and its two sources, eV J_L (bias) and F_in (spin accumulation)."""
    fig = Figure(figsize=(7, 4.2))
    ax = fig.subplots()
    for state, ds in iv.items():
        v = _v(ds)
        ax.plot(v, temperature * ds["entropy_production"] * 1e15, color=COLOURS[state],
                label=rf"{state}: $T\sigma$")
        ax.plot(v, -ds["power_el"] * 1e15, color=COLOURS[state], ls="--", lw=1,
                label=f"{state}: IV (bias work)")
        ax.plot(v, ds["spin_input"] * 1e15, color=COLOURS[state], ls=":", lw=1,
                label=rf"{state}: $F_{{in}}$")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel(r"bias $V$ (mV)")
    ax.set_ylabel("power (fW)")
    ax.set_title(r"$T\sigma = IV + F_{in} \geq 0$")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
