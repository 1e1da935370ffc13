r"""The paper's model: a qubit coupled through site 1 to an isotropic XX chain of N spins.

Goold, Paternostro, Modi, PRL 114, 060602 (2015), Eqs. 9-10 (hbar = k_B = 1):

.. math::

    H_S = B_0 \sigma_z^S,\quad
    H_E = J\sum_{j=1}^{N-1}(\sigma_x^j\sigma_x^{j+1} + \sigma_y^j\sigma_y^{j+1}) + B\sum_{j=1}^N \sigma_z^j,
    \quad H_{SE} = J_0(\sigma_x^S\sigma_x^1 + \sigma_y^S\sigma_y^1).

Units: energies (B0, B, J0) in units of J, beta in 1/J (the paper's beta = 1, 10 mean beta J), times
as the dimensionless ``Jt``. :meth:`XXChainModel.from_si` converts SI inputs. Tensor order is
``S (x) E_1 (x) ... (x) E_N``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from landauer.constants import hbar, k_B
from landauer.validation import ParameterError, check_finite, check_int, check_positive

#: Largest environment for which the exact (dense) path is offered.
MAX_EXACT_N = 12


@dataclass(frozen=True)
class XXChainModel:
    """Parameters of the qubit + XX-chain erasure model (energies in units of J, J = 1 by default).

    Parameters
    ----------
    N : int
        Number of environment spins (>= 1).
    beta : float
        Inverse temperature of the environment, in units of 1/J (> 0).
    B0, B, J0 : float
        System field, chain field and system-chain coupling, in units of J (finite).
    J : float
        Chain coupling (the energy unit; 1 unless you work in other units, > 0).
    """

    N: int
    beta: float
    B0: float = 1.0
    B: float = 1.0
    J0: float = 0.1
    J: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "N", check_int("N", self.N, minimum=1))
        check_positive("beta", self.beta)
        for name in ("B0", "B", "J0"):
            check_finite(name, getattr(self, name))
        check_positive("J", self.J)

    @classmethod
    def from_si(
        cls, *, N: int, J: float, B0: float, B: float, J0: float, temperature: float
    ) -> XXChainModel:
        """Build the model from SI energies (joules) and a temperature (kelvin).

        Energies are divided by ``J`` and ``beta = J / (k_B T)``; use :func:`jt_from_seconds` for times.
        """
        check_positive("J", J)
        check_positive("temperature", temperature)
        return cls(N=N, beta=J / (k_B * temperature), B0=B0 / J, B=B / J, J0=J0 / J, J=1.0)

    def single_particle_h(self) -> NDArray[np.float64]:
        r"""Jordan-Wigner hopping matrix ``h`` ((N+1)x(N+1), site 0 = S).

        ``H = sum_ij h_ij c_i^dag c_j - (B0 + N B)`` with ``h_00 = 2 B0``, ``h_jj = 2 B``,
        ``h_01 = 2 J0``, ``h_{j,j+1} = 2 J``.
        """
        n = self.N + 1
        h = np.zeros((n, n))
        h[0, 0] = 2.0 * self.B0
        idx = np.arange(1, n)
        h[idx, idx] = 2.0 * self.B
        h[0, 1] = h[1, 0] = 2.0 * self.J0
        if self.N > 1:
            h[idx[:-1], idx[1:]] = 2.0 * self.J
            h[idx[1:], idx[:-1]] = 2.0 * self.J
        return h

    def energy_offset(self) -> float:
        """Constant ``-(B0 + N B)`` relating the fermionic and spin Hamiltonians."""
        return -(self.B0 + self.N * self.B)

    def hamiltonians(self) -> tuple[Any, Any, Any]:
        """``(H_S, H_E, H_SE)`` as QuTiP ``Qobj`` (H_S on S only, H_E on E only, H_SE on S (x) E)."""
        if self.N > MAX_EXACT_N:
            raise ParameterError(f"N = {self.N} is too large for exact diagonalisation (max {MAX_EXACT_N})")
        import qutip as qt

        n = self.N
        i2 = qt.qeye(2)

        def op_e(o: Any, j: int) -> Any:
            return qt.tensor([o if k == j else i2 for k in range(n)]) if n > 1 else o

        sx, sy, sz = qt.sigmax(), qt.sigmay(), qt.sigmaz()
        H_S = self.B0 * sz
        H_E = self.B * sum(op_e(sz, j) for j in range(n))
        for j in range(n - 1):
            H_E = H_E + self.J * (op_e(sx, j) * op_e(sx, j + 1) + op_e(sy, j) * op_e(sy, j + 1))
        H_SE = self.J0 * (qt.tensor(sx, op_e(sx, 0)) + qt.tensor(sy, op_e(sy, 0)))
        return H_S, H_E, H_SE


def jt_from_seconds(t: float, J: float) -> float:
    """Dimensionless time ``J t / hbar`` from a time in seconds and ``J`` in joules."""
    check_finite("t", t)
    check_positive("J", J)
    return float(J * t / hbar)
