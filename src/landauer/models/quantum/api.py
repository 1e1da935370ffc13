"""One entry point for the built-in model: ``erase(model, alpha=..., Jt=..., method=...)``."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Literal

from landauer.models.quantum.channels import gad_from_exact
from landauer.models.quantum.closed_form import erase_closed_form
from landauer.models.quantum.exact import ExactErasure
from landauer.models.quantum.free_fermion import FreeFermionErasure
from landauer.models.quantum.model import XXChainModel
from landauer.models.quantum.result import ErasureResult
from landauer.models.quantum.states import pure_state
from landauer.validation import ParameterError, check_choice

Method = Literal["closed_form", "exact", "free_fermion"]
_ALIASES = {"ed": "exact", "free-fermion": "free_fermion", "closed-form": "closed_form"}


def normalise_method(method: str) -> Method:
    """Accept ``exact|ed``, ``free_fermion|free-fermion``, ``closed_form|closed-form``."""
    m = _ALIASES.get(method, method)
    check_choice("method", m, ("closed_form", "exact", "free_fermion"))
    return m  # type: ignore[return-value]


def erase(
    model: XXChainModel,
    *,
    Jt: float,
    alpha: float | None = None,
    rho_S: Any = None,
    method: str = "exact",
    d: float | None = None,
) -> ErasureResult:
    """Run the erasure protocol of Goold et al. (PRL 114, 060602) for the XX-chain model.

    Parameters
    ----------
    model : XXChainModel
        Chain size, temperature and couplings (units of J).
    Jt : float
        Dimensionless interaction time; every method evolves for ``t = Jt / J`` (``ExactErasure``
        itself takes the physical time ``t``). ``result.t`` is ``Jt``.
    alpha, rho_S :
        Either the paper's pure-state amplitude ``alpha`` or a 2x2 density matrix (order ``|1>, |0>``).
    method : {"exact", "free_fermion", "closed_form"}
        ED (N <= 12), Jordan-Wigner free fermions (any N) or the N = 1 closed forms.
    d : float, optional
        Reservoir dimension for ``B_RW`` (default ``2^N``).
    """
    if (alpha is None) == (rho_S is None):
        raise ParameterError("give exactly one of alpha or rho_S")
    rho = pure_state(alpha) if alpha is not None else rho_S
    m = normalise_method(method)
    if m == "closed_form":
        ld = None if d is None else math.log(d)
        return erase_closed_form(model, rho_S=rho, Jt=Jt, log_d=ld)
    if m == "free_fermion":
        return FreeFermionErasure(model).evolve(rho, Jt, d=d)
    ex = ExactErasure(*model.hamiltonians(), beta=model.beta)
    t = float(Jt) / model.J  # physical time, as in the free-fermion and closed-form paths
    gad = gad_from_exact(ex, t)
    return replace(ex.evolve(rho, t, d=d), t=float(Jt), phi=gad.phi, p=gad.p)
