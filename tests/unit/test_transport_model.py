"""Unit tests: parameter validation, Fock-space algebra, block diagonalisation, channel set-up."""

from __future__ import annotations

import numpy as np
import pytest

from landauer.models.transport.hamiltonian import (
    DimerCouplings,
    blocks,
    creation_operators,
    diagonalise,
    hamiltonian,
)
from landauer.models.transport.params import Alignment, SpinEngineParams, paper_params
from landauer.models.transport.rates import K_B_MEV, build_channels
from landauer.validation import ParameterError


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("pL", 1.0, "pL must lie in"),
        ("pR", -1.2, "pR must lie in"),
        ("gamma_L", 0.0, "gamma_L must be > 0"),
        ("t", -1.0, "t must be >= 0"),
        ("T_R", -3.0, "T_R"),
        ("e0", float("nan"), "e0 must be finite"),
        ("alignment", "XP", "alignment must be 'P' or 'AP'"),
        ("lever", (0.5, 0.3, 0.1, -0.1, -0.3, -0.4), "lever"),
        ("sp_floor", 0.0, "sp_floor"),
    ],
)
def test_params_reject_bad_input(field: str, value: object, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        SpinEngineParams(**{field: value})  # type: ignore[arg-type]


def test_alignment_from_string_and_paper_mapping() -> None:
    p = SpinEngineParams(alignment="AP")  # type: ignore[arg-type]
    assert p.alignment is Alignment.AP and p.s_R == -1
    pp = paper_params("P")
    assert (pp.sp, pp.SP, pp.pL, pp.pR, pp.ap_ratio, pp.e0, pp.asym) == (8.4, 2, 0.35, 0.35, 0.3,
                                                                         -2.5, 0.5)
    pa = paper_params("AP")
    assert (pa.e0, pa.asym, pa.s_R) == (0.85, -0.75, -1)


def test_fermion_anticommutation() -> None:
    c = creation_operators()
    for k in range(4):
        for q in range(4):
            anti = c[k] @ c[q].T + c[q].T @ c[k]
            np.testing.assert_array_equal(anti, np.eye(16) if k == q else 0.0)
            np.testing.assert_array_equal(c[k] @ c[q] + c[q] @ c[k], 0.0)


def test_hamiltonian_hermitian_and_block_diagonal() -> None:
    cp = DimerCouplings(t=1.3, U=20, U_inter=4, J_heis=0.7, J_ising=0.2, D_z=0.5, B1=0.3, B2=-0.4)
    h = hamiltonian(np.array([0.3]), np.array([-1.1]), cp)[0]
    np.testing.assert_allclose(h, h.conj().T, atol=1e-14)
    mask = np.zeros((16, 16), dtype=bool)
    for idx in blocks():
        mask[np.ix_(idx, idx)] = True
    assert np.all(h[~mask] == 0)
    spec = diagonalise(np.array([0.3]), np.array([-1.1]), cp)
    full = np.linalg.eigvalsh(h)
    np.testing.assert_allclose(np.sort(spec.energies[0]), full, atol=1e-12)
    v = spec.vectors[0]
    np.testing.assert_allclose(v.conj().T @ v, np.eye(16), atol=1e-12)


def test_singlet_triplet_splitting_is_heisenberg_J() -> None:
    """Half filling, t = 0, U' = 0: S1.S2 gives triplet +J/4 and singlet -3J/4 above 2 eps."""
    spec = diagonalise(np.array([-10.0]), np.array([-10.0]), DimerCouplings(U=500.0, J_heis=2.0))
    two = np.sort(spec.energies[0][spec.n == 2])[:4]
    np.testing.assert_allclose(two, [-20 - 1.5, -20 + 0.5, -20 + 0.5, -20 + 0.5], atol=1e-12)


def test_channels_follow_spec_conventions() -> None:
    p = paper_params(Alignment.AP)
    ch = build_channels(p, np.array([2.0]))
    # mu_L sigma = eV/2 + sigma sp/2 ; mu_R sigma = -eV/2 + sigma s_R AP sp/2
    np.testing.assert_allclose(ch.mu[0], [1 + 4.2, 1 - 4.2, -1 - 1.26, -1 + 1.26])
    np.testing.assert_allclose(ch.gamma, 0.05 * np.array([1.35, 0.65, 0.65, 1.35]))
    np.testing.assert_allclose(ch.kT, 295 * K_B_MEV)
    assert abs(295 * K_B_MEV - 25.42) < 0.01
    assert ch.filter_centre is not None
    # spinterface of the flipped right electrode follows it: up band below down band
    assert ch.filter_centre[0, 2] < ch.filter_centre[0, 3]
    lit = build_channels(p.replace(spinterface_follows_electrode=False), np.array([2.0]))
    assert lit.filter_centre is not None and lit.filter_centre[0, 2] > lit.filter_centre[0, 3]
