"""RCSJ Langevin model of aQFP chains for the shared engine (beyond the paper).

Each junction obeys ``(Phi_0/2pi) C theta_i'' + (Phi_0/2pi R) theta_i' + I_c sin(theta_i) = I_L,i + I_n,i``
with Johnson noise ``<I_n(t) I_n(t')> = (2 kT / R) delta(t - t')`` from the subgap resistance ``R0`` (the
junctions are unshunted). In units of ``E_J`` and ``1/omega_p`` each junction phase has mass 1 and
friction ``1/Q`` (``Q = omega_p R0 C``); in the coordinates ``theta = (theta1 + theta2)/2``,
``phi = (theta1 - theta2)/2`` each has mass 2 and friction ``2/Q`` (the transformation is orthogonal up to
the factor 2, so the noise stays independent).

A chain of ``n`` gates has ``2n`` coordinates ``(theta_0, phi_0, theta_1, phi_1, ...)``. Gate ``i``'s
centre node ``psi_i`` is joined to ``theta_i`` by the two loop inductors (``(theta_i - psi_i)^2/beta_L``)
and to its neighbours by one interconnect inductor ``beta_c`` each (``(psi_i - s psi_j)^2 / 2 beta_c``,
``s = -1`` for a NOT coupling); gate 0 reads a source phase ``src`` and gate ``n-1`` drives a sink
phase ``sink`` (0: grounded, i.e. a terminate; an excited downstream gate otherwise), each through
``beta_c``. With ``beta_c = 2 beta_q`` a gate between two unexcited neighbours is exactly Eq. 1. The
massless centre nodes are eliminated exactly (Schur complement)::

    U = sum_i [-2 cos th_i cos ph_i + asym sin th_i sin ph_i + (ph_i - ex_k(i))^2 / beta_L]
        + th^T K th / 2 - th^T (b_src src + b_sink sink) + u^T C u / 2,   u = (src, sink)

``ex_k = phix_k / 2`` is the excitation of clock phase ``k`` (gate ``i`` is on phase ``(i + 1) mod 4``;
the source on phase 0); ``asym = dI_1 - dI_2`` is a junction mismatch shared by all gates (a model param,
as are the coupling matrices; the controls are ``ex0..ex3``, ``src``, ``sink``).

Limitation: the engine's friction is constant, so the junction stays at ``R0``; the switch to ``Rn``
above the gap voltage (``theta' > 2 e V_g / hbar``) is not modelled (adiabatic operation stays far below it).

References: W. C. Stewart, APL 12, 277 (1968); D. E. McCumber, JAP 39, 3113 (1968); N. Takeuchi et al.,
IEEE TAS 23, 1700304 (2013); Q. Herr, arXiv:2504.04284 (2025).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

from landauer.engine.model import Model
from landauer.models.aqfp.params import AqfpParams, beta
from landauer.validation import ParameterError, check_int

Array = NDArray[np.float64]
CONTROLS = ("ex0", "ex1", "ex2", "ex3", "src", "sink")
_CACHE: dict[tuple[Any, ...], Model] = {}


@dataclass(frozen=True)
class ChainCoupling:
    """The eliminated quadratic form of a chain (dimensionless)."""

    K: Array  # (n, n)
    b_src: Array  # (n,)
    b_sink: Array  # (n,)
    C: Array  # (2, 2) over (src, sink)
    beta_L: float
    beta_c: float
    M: Array  # centre-node stiffness: psi = M^-1 (2 theta / beta_L + E u)
    E: Array  # (n, 2)

    @property
    def n(self) -> int:
        return int(self.K.shape[0])


def chain_coupling(
    params: AqfpParams, n_gates: int, *, signs: tuple[int, ...] | None = None
) -> ChainCoupling:
    """Eliminate the centre nodes of an ``n_gates`` chain; ``signs[i]`` couples gate ``i`` to ``i+1``."""
    n = check_int("n_gates", n_gates, minimum=1)
    s = tuple(signs) if signs is not None else (1,) * (n - 1)
    if len(s) != n - 1 or any(v not in (1, -1) for v in s):
        raise ParameterError(f"signs needs {n - 1} entries of +1/-1")
    bl = params.beta_L
    bc = 2.0 * params.beta_q  # one interconnect inductor per neighbour (= L_io for equal ports)
    M = np.zeros((n, n))
    N = np.zeros((n, n))
    E = np.zeros((n, 2))
    for i in range(n):
        M[i, i] += 2.0 / bl + 2.0 / bc  # loop pair + two interconnects
        N[i, i] = 2.0 / bl
    for i, si in enumerate(s):
        M[i, i + 1] = M[i + 1, i] = -si / bc
    E[0, 0] = 1.0 / bc
    E[n - 1, 1] += 1.0 / bc
    P = np.diag(np.full(n, 2.0 / bl))
    Minv = np.linalg.inv(M)
    K = P - N.T @ Minv @ N
    Bm = N.T @ Minv @ E
    C = np.diag([1.0 / bc, 1.0 / bc]) - E.T @ Minv @ E
    return ChainCoupling(
        K=0.5 * (K + K.T), b_src=Bm[:, 0].copy(), b_sink=Bm[:, 1].copy(), C=C, beta_L=bl, beta_c=bc, M=M, E=E
    )


def centre_phases(cc: ChainCoupling, theta: Array, src: float = 0.0, sink: float = 0.0) -> Array:
    """Centre-node phases ``psi`` of the chain for junction phases ``theta`` (readout and checks)."""
    rhs = 2.0 / cc.beta_L * np.asarray(theta, float) + cc.E @ np.array([src, sink])
    return np.asarray(np.linalg.solve(cc.M, rhs))


# Params layout of a chain model (n gates): asym, 1/beta_L, C_ss, C_sk, C_kk, b_src[n], b_sink[n], K[n*n].
_P_BS = 5


@njit(inline="always")
def energy(x, c, p):  # noqa: ANN001, ANN201
    """Chain energy; ``c = (ex0, ex1, ex2, ex3, src, sink)``, ``p`` as in ``_P_BS`` layout above."""
    n = x.shape[0] // 2
    src = c[4]
    snk = c[5]
    asym = p[0]
    inv_bl = p[1]
    ok = _P_BS + 2 * n
    u = 0.5 * p[2] * src * src + p[3] * src * snk + 0.5 * p[4] * snk * snk
    for i in range(n):
        t = x[2 * i]
        q = x[2 * i + 1]
        d = q - c[(i + 1) % 4]
        u = u - 2.0 * np.cos(t) * np.cos(q) + asym * np.sin(t) * np.sin(q) + d * d * inv_bl
        u = u - t * (p[_P_BS + i] * src + p[_P_BS + n + i] * snk)
        for j in range(n):
            u = u + 0.5 * p[ok + i * n + j] * t * x[2 * j]
    return u


@njit(inline="always")
def gradient(x, c, p, g):  # noqa: ANN001, ANN201
    n = x.shape[0] // 2
    src = c[4]
    snk = c[5]
    asym = p[0]
    inv_bl = p[1]
    ok = _P_BS + 2 * n
    for i in range(n):
        t = x[2 * i]
        q = x[2 * i + 1]
        st = np.sin(t)
        ct = np.cos(t)
        sp = np.sin(q)
        cp = np.cos(q)
        gt = 2.0 * st * cp + asym * ct * sp - p[_P_BS + i] * src - p[_P_BS + n + i] * snk
        for j in range(n):
            gt += p[ok + i * n + j] * x[2 * j]
        g[2 * i] = gt
        g[2 * i + 1] = 2.0 * ct * sp + asym * st * cp + 2.0 * (q - c[(i + 1) % 4]) * inv_bl


@njit(inline="always")
def classify(x, p):  # noqa: ANN001, ANN201
    code = 0
    for i in range(x.shape[0] // 2):
        if x[2 * i] > 0.0:
            code += 1 << i
    return code


def chain_params(cc: ChainCoupling, asym: float = 0.0) -> dict[str, float]:
    """The model params of a chain: ``asym``, ``inv_beta_L``, ``C_*``, ``b_src_i``, ``b_sink_i``, ``K_i_j``."""
    n = cc.n
    out = {"asym": float(asym), "inv_beta_L": 1.0 / cc.beta_L, "C_ss": float(cc.C[0, 0]),
           "C_sk": float(cc.C[0, 1]), "C_kk": float(cc.C[1, 1])}
    out.update({f"b_src_{i}": float(cc.b_src[i]) for i in range(n)})
    out.update({f"b_sink_{i}": float(cc.b_sink[i]) for i in range(n)})
    out.update({f"K_{i}_{j}": float(cc.K[i, j]) for i in range(n) for j in range(n)})
    return out


def chain_model(params: AqfpParams, n_gates: int = 1, *, signs: tuple[int, ...] | None = None) -> Model:
    """Engine :class:`~landauer.engine.model.Model` of an ``n_gates`` chain (cached per parameters).

    The junction asymmetry is the param ``asym`` (``chain_model(...).with_params(asym=...)``).
    """
    cc = chain_coupling(params, n_gates, signs=signs)
    key = (n_gates, signs, cc.K.tobytes(), cc.b_src.tobytes(), cc.beta_L)
    if key in _CACHE:
        return _CACHE[key]
    kmax = 2.0 + 1.0 + max(float(np.linalg.eigvalsh(cc.K).max()), 2.0 / cc.beta_L)

    def max_curvature(c: Array, p: Array, kT: float) -> float:
        return kmax + abs(float(p[0]))

    coords = tuple(c for i in range(cc.n) for c in (f"theta{i}", f"phi{i}"))
    model = Model(
        f"aqfp-chain-{cc.n}",
        coords,
        CONTROLS,
        energy,
        gradient,
        classify,
        params=chain_params(cc),
        defaults={"ex0": 0.0, "ex1": 0.0, "ex2": 0.0, "ex3": 0.0, "src": 0.0, "sink": 0.0},
        max_curvature=max_curvature,
        citation="N. Takeuchi et al., IEEE TAS 23, 1700304 (2013); Q. Herr, arXiv:2504.04284 (2025)",
    )
    _CACHE[key] = model
    return model


@dataclass(frozen=True)
class DynamicsUnits:
    """Dimensionless settings for the engine: mass, friction, kT and a stable time step."""

    mass: float
    friction: float
    kT: float
    dt: float
    time_unit: float  # seconds per unit (1/omega_p)

    @classmethod
    def of(cls, params: AqfpParams, model: Model, *, h: float = 0.099) -> DynamicsUnits:
        """Units of ``E_J`` and ``1/omega_p``; ``dt`` so that ``dt sqrt(k_max/m) = h`` (and at most
        ``0.01 * 2 pi``, the spec's bound of 1 % of a plasma period)."""
        m = 2.0
        kmax = model.curvature_bound(np.zeros((1, len(CONTROLS))), 0.0)
        dt = min(h / math.sqrt(kmax / m), 0.01 * 2.0 * math.pi)
        return cls(
            mass=m,
            friction=2.0 / params.quality_factor,
            kT=params.kT_dimensionless,
            dt=dt,
            time_unit=1.0 / params.plasma_frequency,
        )


def source_phase_for_signal(theta_s: float) -> float:
    """Source phase ``src`` giving an isolated gate (grounded output) the signal phase ``theta_s``:
    ``theta_s = beta_q src / beta_c = src / 2`` (Eq. 1 with two equal ports)."""
    return 2.0 * theta_s


def excited_centre_phase(params: AqfpParams) -> float:
    """Centre-node phase of a fully excited, unloaded gate: ``psi* = theta* 2 beta_q / B``."""
    from landauer.models.aqfp.calibration import excited_theta

    return excited_theta(params) * 2.0 * params.beta_q / params.B


def interconnect_inductance(params: AqfpParams) -> float:
    """The interconnect inductor between neighbouring centre nodes (H): ``2 L_q``."""
    return 2.0 * params.port_inductance


def check_equal_ports(params: AqfpParams) -> None:
    if not math.isclose(
        beta(params.input_inductance, params.critical_current),
        beta(params.output_inductance, params.critical_current),
        rel_tol=1e-9,
    ):
        raise ParameterError("the chain model needs L_in = L_out")
