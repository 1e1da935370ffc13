"""Quantum Landauer erasure: a qubit coupled to a finite thermal environment.

Exact (dense) and free-fermion paths for the heat, entropy change and the bounds ``B_Q``
(Goold, Paternostro, Modi, PRL 114, 060602 (2015)) and ``B_RW`` (Reeb, Wolf, NJP 16, 103011 (2014)).
See docs/quantum.md.
"""

from landauer.models.quantum.bounds_rw import reeb_wolf_bound, reeb_wolf_R
from landauer.models.quantum.closed_form import closed_form_n1, erase_closed_form
from landauer.models.quantum.exact import ExactErasure
from landauer.models.quantum.free_fermion import FreeFermionErasure
from landauer.models.quantum.model import XXChainModel, jt_from_seconds
from landauer.models.quantum.result import ErasureResult
from landauer.models.quantum.states import pure_state

__all__ = [
    "ErasureResult",
    "ExactErasure",
    "FreeFermionErasure",
    "XXChainModel",
    "closed_form_n1",
    "erase_closed_form",
    "jt_from_seconds",
    "pure_state",
    "reeb_wolf_R",
    "reeb_wolf_bound",
]
