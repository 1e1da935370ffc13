"""Parameter-mismatch Monte Carlo of aQFP devices: per-device signal factor alpha (Eq. 4) and BER.

Each device draws Gaussian relative excursions ``dL_p ~ N(0, sigma_L^2)`` of its port inductors and
``dI_1, dI_2 ~ N(0, sigma_J^2)`` of its junction critical currents (Gaussian, not JoSIM's uniform
``.spread``) [seed defaults sigma_J = 1 %, sigma_L = 5 %]. Eq. 4 (reconstructed)::

    alpha = 1 - |sum_p v_p dL_p| - (I_c / I_s) |dI_1 - dI_2|

with ``v_p`` the digital values on the ports (default: a MAJ with mixed inputs ``(+1, +1, -1)`` and its
unexcited output ``0``). Inductor weights go as ``1/L`` so a minority input on an inductor 33 % low
balances two majority inputs on inductors 33 % high (``alpha = 0``); opposite junction excursions with
``I_c |dI_1 - dI_2| = I_s`` shift the threshold by the whole signal (``alpha = 0``) [seed].
Inductor-term variants (specs/aqfp.md section 3): ``"abs"`` (Eq. 4 as printed), ``"signed"`` (fixed
pattern, ``1 - sum_p v_p dL_p`` for net signal +1) and ``"worst-minority"`` (the worst of the three MAJ
minority patterns). The junction term depends on the logical polarity, so its worst case ``|.|`` is
kept in all variants.

Per device ``BER_i = 1 / (1 + exp(alpha Delta U_0 / kT))`` (clipped form); devices with ``alpha <= 0``
fail outright and are counted separately (yield loss).

The compiled kernel draws device ``i`` of chunk ``c`` from the engine's per-stream generator keyed by
``(seed, c)``, so results do not depend on the number of threads. :func:`sample_alpha_numpy` is the
plain-NumPy reference (different random numbers, same distribution).

Reference: Q. Herr, arXiv:2504.04284 (2025), supplemental Eq. 4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numba import njit, prange
from numpy.typing import NDArray

from landauer.engine.rng import next_normal_pair, seed_key, stream_state
from landauer.models.aqfp.params import AqfpParams
from landauer.validation import ParameterError, check_choice, check_int, check_positive

Array = NDArray[np.float64]
InductorTerm = Literal["abs", "signed", "worst-minority"]
_MODES = {"abs": 0, "signed": 1, "worst-minority": 2}
#: Port values of a MAJ with mixed inputs (+1, +1, -1) and its (unexcited) output.
MAJ_MIXED = (1.0, 1.0, -1.0, 0.0)
#: Port values of a splitter reading +1 (one active port).
SPLITTER = (1.0, 0.0, 0.0)


@dataclass(frozen=True)
class MismatchSpec:
    """Process spread and the port pattern of the device under test.

    Parameters
    ----------
    sigma_J, sigma_L : float
        One-sigma relative spread of junction critical currents and of inductors.
    pattern : tuple of float
        Digital values ``v_p`` on the ports (inputs and outputs) during excitation.
    inductor_term : {"abs", "signed", "worst-minority"}
        Variant of Eq. 4's inductor term (see module docstring).
    ic_over_is : float
        ``I_c / I_s`` (junction-term weight).
    delta_u_kT : float
        Ideal crossing-point energy ``Phi_0 I_s / 2`` in kT (sets the per-device BER).
    """

    sigma_J: float = 0.01
    sigma_L: float = 0.05
    pattern: tuple[float, ...] = MAJ_MIXED
    inductor_term: str = "abs"
    ic_over_is: float = AqfpParams().critical_current / AqfpParams().signal_current
    delta_u_kT: float = AqfpParams().delta_u / AqfpParams().kT

    def __post_init__(self) -> None:
        check_positive("sigma_J", self.sigma_J, allow_zero=True)
        check_positive("sigma_L", self.sigma_L, allow_zero=True)
        check_positive("ic_over_is", self.ic_over_is)
        check_positive("delta_u_kT", self.delta_u_kT)
        check_choice("inductor_term", self.inductor_term, list(_MODES))
        if not self.pattern or any(v not in (-1.0, 0.0, 1.0) for v in self.pattern):
            raise ParameterError(f"pattern must be digital values -1/0/+1, got {self.pattern!r}")
        if self.inductor_term == "worst-minority" and self.n_active != 3:
            raise ParameterError("inductor_term='worst-minority' needs a pattern with 3 active ports (a MAJ)")
        if sum(self.pattern) == 0:
            raise ParameterError("the pattern's net signal is zero: the gate has no input to amplify")

    @classmethod
    def from_params(cls, params: AqfpParams, **kw: object) -> MismatchSpec:
        return cls(ic_over_is=params.critical_current / params.signal_current,
                   delta_u_kT=params.delta_u / params.kT, **kw)  # type: ignore[arg-type]

    @property
    def n_active(self) -> int:
        return int(sum(1 for v in self.pattern if v != 0))

    @property
    def net_sign(self) -> float:
        return math.copysign(1.0, sum(self.pattern))


def alpha(spec: MismatchSpec, dL: Array, dI1: Array, dI2: Array) -> Array:
    """Eq. 4 for arrays of excursions: ``dL`` of shape ``(n, n_ports)``; ``dI1``, ``dI2`` of shape (n,)."""
    v = np.asarray(spec.pattern, float)
    dL = np.atleast_2d(np.asarray(dL, float))
    if dL.shape[1] != v.size:
        raise ParameterError(f"dL needs {v.size} columns (one per port), got {dL.shape[1]}")
    junction = spec.ic_over_is * np.abs(np.asarray(dI1, float) - np.asarray(dI2, float))
    if spec.inductor_term == "abs":
        ind = np.abs(dL @ v)
    elif spec.inductor_term == "signed":
        ind = spec.net_sign * (dL @ v)
    else:
        act = np.flatnonzero(v != 0)
        ind = np.full(dL.shape[0], -np.inf)
        for m in act:  # minority on port m, majority on the other two
            w = np.zeros(v.size)
            w[act] = 1.0
            w[m] = -1.0
            ind = np.maximum(ind, dL @ w)
    return 1.0 - ind - junction


def device_ber(alpha_values: Array, delta_u_kT: float) -> Array:
    """Per-device adiabatic BER ``1/(1 + exp(alpha dU0/kT))``, set to NaN where ``alpha <= 0`` (failures)."""
    a = np.asarray(alpha_values, float)
    out = 1.0 / (1.0 + np.exp(np.minimum(a * delta_u_kT, 700.0)))
    return np.where(a > 0, out, np.nan)


@njit(inline="always")
def _alpha_one(dl, v, mode, c, dj):  # noqa: ANN001, ANN202
    n = v.shape[0]
    if mode == 0 or mode == 1:
        s = 0.0
        net = 0.0
        for p in range(n):
            s += v[p] * dl[p]
            net += v[p]
        ind = abs(s) if mode == 0 else (s if net > 0 else -s)
    else:
        tot = 0.0
        for p in range(n):
            if v[p] != 0.0:
                tot += dl[p]
        ind = -1e300
        for m in range(n):
            if v[m] != 0.0:
                val = tot - 2.0 * dl[m]
                ind = val if val > ind else ind
    return 1.0 - ind - c * abs(dj)


@njit(parallel=True, cache=True)
def _mc_kernel(k0, k1, n_chunks, chunk, sig_l, sig_j, c, v, mode, du_kT,  # noqa: ANN001, ANN202
               lo, hi, hist, amin, nfail, sber, sabsdj, sample):
    nb = hist.shape[1]
    nport = v.shape[0]
    nkeep = sample.shape[0]
    width = (hi - lo) / nb
    for ch in prange(n_chunks):
        s0, s1, s2, s3 = stream_state(k0, k1, ch)
        dl = np.empty(nport + 2)
        mn = 1e300
        nf = 0
        sb = 0.0
        sj = 0.0
        for i in range(chunk):
            for q in range(0, nport + 2, 2):
                z1, z2, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
                dl[q] = z1
                if q + 1 < nport + 2:
                    dl[q + 1] = z2
            for p in range(nport):
                dl[p] *= sig_l
            dj = sig_j * (dl[nport] - dl[nport + 1])
            a = _alpha_one(dl, v, mode, c, dj)
            sj += abs(dj)
            if a < mn:
                mn = a
            if a <= 0.0:
                nf += 1
            else:
                x = a * du_kT
                sb += math.exp(-x) / (1.0 + math.exp(-x)) if x < 700.0 else 0.0
            b = int((a - lo) / width)
            if 0 <= b < nb:
                hist[ch, b] += 1
            g = ch * chunk + i
            if g < nkeep:
                sample[g] = a
        amin[ch] = mn
        nfail[ch] = nf
        sber[ch] = sb
        sabsdj[ch] = sj


@dataclass(frozen=True)
class MonteCarloResult:
    """Summary of ``n_devices = n_chunks * chunk`` sampled devices."""

    n_devices: int
    chunk: int
    bin_edges: Array
    counts: NDArray[np.int64]  # histogram of alpha
    chunk_min: Array  # minimum alpha per chunk (a chunk is a "chip" of ``chunk`` devices)
    n_fail: int  # devices with alpha <= 0
    sum_ber: float  # sum over devices with alpha > 0 of BER_i
    mean_abs_dI: float  # mean |dI_1 - dI_2| (terminate tilt statistics)
    sample: Array  # the first alpha values (for plots and tests)

    @property
    def min_alpha(self) -> float:
        return float(self.chunk_min.min())

    def quantile(self, q: float) -> float:
        """Quantile of alpha from the histogram (linear within a bin)."""
        cdf = np.cumsum(self.counts) / max(self.counts.sum(), 1)
        return float(np.interp(q, np.concatenate([[0.0], cdf]), self.bin_edges))


def monte_carlo(spec: MismatchSpec, *, n_devices: int, seed: int, chunk: int = 1 << 16, bins: int = 400,
                alpha_range: tuple[float, float] = (-0.5, 1.5), keep: int = 100_000) -> MonteCarloResult:
    """Sample ``n_devices`` devices (rounded up to whole chunks) with the compiled kernel."""
    n = check_int("n_devices", n_devices, minimum=1)
    chunk = check_int("chunk", chunk, minimum=1)
    n_chunks = -(-n // chunk)
    key = seed_key(seed)
    hist = np.zeros((n_chunks, bins), dtype=np.int64)
    amin = np.empty(n_chunks)
    nfail = np.empty(n_chunks, dtype=np.int64)
    sber = np.empty(n_chunks)
    sabs = np.empty(n_chunks)
    sample = np.full(min(keep, n_chunks * chunk), np.nan)
    _mc_kernel(key[0], key[1], n_chunks, chunk, spec.sigma_L, spec.sigma_J, spec.ic_over_is,
               np.asarray(spec.pattern, float), _MODES[spec.inductor_term], spec.delta_u_kT,
               alpha_range[0], alpha_range[1], hist, amin, nfail, sber, sabs, sample)
    total = n_chunks * chunk
    return MonteCarloResult(
        n_devices=total, chunk=chunk, bin_edges=np.linspace(*alpha_range, bins + 1), counts=hist.sum(axis=0),
        chunk_min=amin, n_fail=int(nfail.sum()), sum_ber=float(sber.sum()),
        mean_abs_dI=float(sabs.sum() / total), sample=sample,
    )


def sample_alpha_numpy(spec: MismatchSpec, *, n_devices: int, seed: int) -> tuple[Array, Array]:
    """Plain-NumPy reference: ``(alpha, |dI_1 - dI_2|)`` for ``n_devices`` devices."""
    n = check_int("n_devices", n_devices, minimum=1)
    rng = np.random.default_rng(seed)
    dL = spec.sigma_L * rng.standard_normal((n, len(spec.pattern)))
    dI = spec.sigma_J * rng.standard_normal((n, 2))
    return alpha(spec, dL, dI[:, 0], dI[:, 1]), np.abs(dI[:, 0] - dI[:, 1])
