"""Parameters of the spin-engine transport model (energies in meV, temperatures in K).

The model is a spinful double dot (paramagnetic centres PM1, PM2) between two ferromagnetic leads with
spin-resolved chemical potentials, spin-polarised couplings and optional spinterface filters, following
Katcko et al., Commun. Phys. 2, 116 (2019), arXiv:1809.09836 (Methods), made thermodynamically
consistent as described in ``docs/transport.md``.

Units: energies, couplings and chemical potentials are in meV and the bias ``V`` is in mV, so ``eV``
is in meV; temperatures are in K. This is the one place the package departs from SI inside a model: every
number in the paper and in the spec is in meV, and currents/powers leave the model in A and W.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from landauer.validation import (
    ParameterError,
    check_finite,
    check_positive,
    check_temperature,
)

#: Lever arms (FM_L, SP1, PM1, PM2, SP2, FM_R): each element's energy shifts by ``eta * eV``.
#: The bias drop is split symmetrically into 6 zones about the junction midpoint [seed, Methods].
DEFAULT_LEVER: tuple[float, float, float, float, float, float] = (
    1 / 2,
    1 / 3,
    1 / 6,
    -1 / 6,
    -1 / 3,
    -1 / 2,
)


class Alignment(StrEnum):
    """Magnetic configuration of the junction: parallel (P) or antiparallel (AP) electrodes."""

    P = "P"
    AP = "AP"

    @property
    def sign(self) -> int:
        """``s_R``: +1 in P, -1 in AP (the right electrode's magnetisation is flipped)."""
        return 1 if self is Alignment.P else -1


@dataclass(frozen=True)
class SpinEngineParams:
    """All parameters of the spin-engine double-dot model.

    Dimer Hamiltonian (meV), sites ``i = 1`` (PM1, left) and ``2`` (PM2, right), spins ``sigma``:

    .. math::
        H_D = \\sum_{i\\sigma} \\varepsilon_i(V) n_{i\\sigma} - t\\sum_\\sigma (d^\\dagger_{1\\sigma}
        d_{2\\sigma} + h.c.) + U\\sum_i n_{i\\uparrow}n_{i\\downarrow} + U' n_1 n_2
        + J_H \\mathbf S_1\\cdot\\mathbf S_2 + J_I S_1^z S_2^z + D_z(\\mathbf S_1\\times\\mathbf S_2)_z
        + \\sum_i B_i S_i^z,

    with :math:`\\varepsilon_{1,2}(V) = e_0 \\pm \\mathrm{ASYM}/2 + \\eta_{PM1,2}\\, eV`.

    Leads (``s_R = +1`` in P, ``-1`` in AP):
    :math:`\\mu_{L\\sigma} = \\eta_{FM_L} eV + \\sigma\\, sp/2`,
    :math:`\\mu_{R\\sigma} = \\eta_{FM_R} eV + \\sigma s_R\\, \\mathrm{AP}\\, sp/2`,
    :math:`\\Gamma_{L\\sigma} = \\Gamma_L(1+\\sigma p_L)`,
    :math:`\\Gamma_{R\\sigma} = \\Gamma_R(1+\\sigma s_R p_R)`.

    Parameters
    ----------
    e0, asym : float
        Mean dimer level relative to E_F and the PM1-PM2 level splitting (meV).
    t : float
        Interdot hopping (meV), >= 0.
    U, U_inter : float
        On-site and inter-dot Coulomb energies (meV), >= 0.
    J_heis, J_ising, D_z : float
        Heisenberg, Ising and Dzyaloshinskii-Moriya (z) exchange between the two spins (meV).
    B1, B2 : float
        Spintronic-anisotropy (exchange) fields on PM1, PM2 along z (meV); Misiorny, Hell & Wegewijs,
        Nat. Phys. 9, 801 (2013).
    sp : float
        Spin splitting of the left lead's chemical potential, mu_up - mu_down (meV); this is the
        imposed spin accumulation that drives the junction out of equilibrium [seed].
    ap_ratio : float
        Right-lead spin splitting as a fraction of ``sp`` (the paper's ``AP``); its sign is flipped in
        the AP configuration through ``s_R``.
    pL, pR : float
        Spin polarisations of the lead-dimer tunnelling, |p| < 1.
    gamma_L, gamma_R : float
        Spin-averaged tunnel couplings (meV); rates are ``Gamma/hbar``.
    T_L, T_R : float
        Lead temperatures (K).
    alignment : Alignment
        P or AP.
    spinterface : bool
        Multiply the rates by the spinterface band filter ``g`` (see :mod:`.rates`).
    SP, E0, sp_width, sp_edge, sp_floor : float
        Spinterface spin splitting, band centre, box width, edge smoothing (meV) and floor (0..1).
    spinterface_follows_electrode : bool
        If True the right spinterface's spin splitting flips with its electrode in AP (physical
        choice); False reproduces the paper's Methods literally.
    lever : tuple of 6 floats
        Lever arms (FM_L, SP1, PM1, PM2, SP2, FM_R); ``lever[0] - lever[5]`` must equal 1.
    """

    e0: float = 0.0
    asym: float = 0.0
    t: float = 2.0
    U: float = 200.0
    U_inter: float = 20.0
    J_heis: float = 1.0
    J_ising: float = 0.0
    D_z: float = 0.0
    B1: float = 0.0
    B2: float = 0.0
    sp: float = 0.0
    ap_ratio: float = 1.0
    pL: float = 0.0
    pR: float = 0.0
    gamma_L: float = 0.05
    gamma_R: float = 0.05
    T_L: float = 295.0
    T_R: float = 295.0
    alignment: Alignment = Alignment.P
    spinterface: bool = False
    SP: float = 0.0
    E0: float = 0.0
    sp_width: float = 10.0
    sp_edge: float = 0.5
    sp_floor: float = 1e-3
    spinterface_follows_electrode: bool = True
    lever: tuple[float, float, float, float, float, float] = DEFAULT_LEVER

    def __post_init__(self) -> None:
        if not isinstance(self.alignment, Alignment):
            try:
                object.__setattr__(self, "alignment", Alignment(str(self.alignment)))
            except ValueError:
                raise ParameterError(
                    f"alignment must be 'P' or 'AP', got {self.alignment!r}"
                ) from None
        for name in ("e0", "asym", "J_heis", "J_ising", "D_z", "B1", "B2", "sp", "ap_ratio", "SP",
                     "E0"):
            check_finite(name, getattr(self, name))
        for name in ("t", "U", "U_inter"):
            check_positive(name, getattr(self, name), allow_zero=True)
        for name in ("gamma_L", "gamma_R", "sp_width", "sp_edge"):
            check_positive(name, getattr(self, name))
        for name in ("pL", "pR"):
            check_finite(name, getattr(self, name))
            if not -1.0 < getattr(self, name) < 1.0:
                raise ParameterError(
                    f"{name} must lie in (-1, 1) (at |p| = 1 a spin sector disconnects), "
                    f"got {getattr(self, name)!r}"
                )
        check_finite("sp_floor", self.sp_floor)
        if not 0.0 < self.sp_floor <= 1.0:
            raise ParameterError(f"sp_floor must lie in (0, 1], got {self.sp_floor!r}")
        check_temperature(self.T_L, "T_L")
        check_temperature(self.T_R, "T_R")
        lever = tuple(float(x) for x in self.lever)
        if len(lever) != 6:
            raise ParameterError(f"lever must have 6 entries (FM_L..FM_R), got {len(lever)}")
        check_finite("lever", lever)
        if abs(lever[0] - lever[5] - 1.0) > 1e-12:
            raise ParameterError(
                f"lever[0] - lever[5] must be 1 (mu_L - mu_R = eV), got {lever[0] - lever[5]!r}"
            )
        object.__setattr__(self, "lever", lever)

    def replace(self, **changes: Any) -> SpinEngineParams:
        """A copy with ``changes`` applied (validated again)."""
        return dataclasses.replace(self, **changes)

    @property
    def s_R(self) -> int:
        """+1 in P, -1 in AP."""
        return self.alignment.sign

    def as_dict(self) -> dict[str, Any]:
        """Plain values (alignment as its string) for provenance and JSON."""
        out = dataclasses.asdict(self)
        out["alignment"] = self.alignment.value
        out["lever"] = list(self.lever)
        return out


#: The paper's fitted parameter set (Fig. 3 caption / Methods), per configuration [seed].
PAPER_VALUES: dict[str, dict[str, float]] = {
    "shared": {"sp": 8.4, "SP": 2.0, "pL": 0.35, "pR": 0.35, "ap_ratio": 0.3, "E0": 0.0},
    "P": {"e0": -2.5, "asym": 0.5},
    "AP": {"e0": 0.85, "asym": -0.75},
}


def paper_params(alignment: Alignment | str, **overrides: Any) -> SpinEngineParams:
    """The paper's parameter set mapped onto this model (meV, 295 K), with spinterfaces on.

    Mapping [choice, documented in docs/transport.md]: sp, SP, pL, pR, AP=ap_ratio and E0 as printed;
    e0 and ASYM per configuration; the AP configuration flips pR and AP through ``s_R``; the paper's
    26 meV Fermi broadening is the lead temperature 295 K (k_B T = 25.4 meV); the tunnelling rates
    T = [1 1 1] have no recoverable absolute scale, so ``t`` = 2 meV and ``Gamma`` = 0.05 meV are the
    spec's defaults for the validity of the Pauli master equation (hopping >> coupling), not fitted.
    """
    if not isinstance(alignment, Alignment) and alignment not in [a.value for a in Alignment]:
        raise ParameterError(f"alignment must be one of {', '.join(a.value for a in Alignment)} "
                             f"(magnetic configuration), got {alignment!r}", name="alignment")
    al = Alignment(alignment) if not isinstance(alignment, Alignment) else alignment
    values: dict[str, Any] = dict(PAPER_VALUES["shared"])
    values.update(PAPER_VALUES[al.value])
    values.update(alignment=al, spinterface=True)
    values.update(overrides)
    return SpinEngineParams(**values)
