"""Logical entropy of aQFP networks on (correlated) input streams, and its Landauer bound.

For a deterministic network ``f`` the logical entropy lost per cycle is
``Delta H = H(X) - H(f(X)) = H(X | f(X))`` bits and the mean dissipation obeys
``<E> >= kT ln 2 Delta H`` (Landauer, IBM J. Res. Dev. 5, 183 (1961)). The outputs are the network's
OUTPUT gates taken jointly (terminated signals are not outputs). The modelled dissipation sums the reset
class energies of :mod:`~landauer.models.aqfp.energetics` over the gates for each input pattern.

Input distributions: explicit pmf, i.i.d. biased bits, a duplicated stream (copies of one true bit with
asymmetric flips; the paper's Table 1 has ``p01 = p``, ``p10 = 0``) and a stationary two-state Markov
stream. Up to 2^20 patterns are enumerated exactly; larger inputs are sampled (Monte Carlo with a
standard error on the dissipation and a bootstrap interval on the output entropy).

Table 1 (paper, reconstructed): the duplicated stream through OR-AND (Fig. 3e) loses exactly
``Delta H = p (1 - p)`` bits and dissipates ``2 p (1 - p) kT ln 2``: twice the bound [seed].
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from landauer.models.aqfp.energetics import ResetCosts, dissipation
from landauer.models.aqfp.network import Network
from landauer.validation import ParameterError, check_int, check_probability

Array = NDArray[np.float64]
MAX_EXACT_INPUTS = 20
Sampler = Callable[[int, np.random.Generator], NDArray[np.int64]]


def entropy_bits(p: ArrayLike) -> float:
    """Shannon entropy ``-sum p log2 p`` (bits, ``0 log 0 = 0``)."""
    q = np.asarray(p, float)
    return max(0.0, float(-np.sum(special.xlogy(q, q)) / math.log(2.0)))


def h2(p: float) -> float:
    """Binary entropy (bits)."""
    return entropy_bits([p, 1.0 - p])


@dataclass(frozen=True)
class InputDistribution:
    """A distribution over input patterns: an exact pmf (index bit ``i`` = input ``i``) or a sampler."""

    n_inputs: int
    pmf: Array | None = None
    sampler: Sampler | None = None
    entropy: float | None = None  # exact H(X) in bits when known in closed form
    label: str = ""

    def __post_init__(self) -> None:
        check_int("n_inputs", self.n_inputs, minimum=1)
        if self.pmf is None and self.sampler is None:
            raise ParameterError("an input distribution needs a pmf or a sampler")
        if self.pmf is not None:
            q = np.asarray(self.pmf, float)
            if q.shape != (2**self.n_inputs,) or np.any(q < 0) or abs(q.sum() - 1) > 1e-9:
                raise ParameterError(f"pmf must be a probability vector of length 2^{self.n_inputs}")

    def patterns(self) -> NDArray[np.int64]:
        """All ``2^n`` patterns as bits, shape ``(2^n, n)``."""
        idx = np.arange(2**self.n_inputs)
        return ((idx[:, None] >> np.arange(self.n_inputs)[None, :]) & 1).astype(np.int64)

    def h_in(self) -> float:
        if self.entropy is not None:
            return self.entropy
        if self.pmf is None:
            raise ParameterError("H(X) of a sampled distribution needs a closed form")
        return entropy_bits(self.pmf)


def _pmf_from_logp(bits_fn: Callable[[NDArray[np.int64]], Array], n: int) -> Array | None:
    if n > MAX_EXACT_INPUTS:
        return None
    idx = np.arange(2**n)
    bits = ((idx[:, None] >> np.arange(n)[None, :]) & 1).astype(np.int64)
    return bits_fn(bits)


def explicit(pmf: ArrayLike, *, label: str = "explicit") -> InputDistribution:
    q = np.asarray(pmf, float)
    n = int(round(math.log2(q.size))) if q.size else 0
    if n < 1 or 2**n != q.size:
        raise ParameterError(f"an explicit pmf needs 2^n entries, got {q.size}")
    return InputDistribution(n, pmf=q, label=label)


def iid(n_inputs: int, p_one: float = 0.5) -> InputDistribution:
    """Independent bits, each 1 with probability ``p_one``."""
    check_probability("p_one", p_one)
    n = check_int("n_inputs", n_inputs, minimum=1)

    def probs(bits: NDArray[np.int64]) -> Array:
        k = bits.sum(axis=1)
        return np.asarray(p_one**k * (1 - p_one) ** (n - k), float)

    def sample(m: int, rng: np.random.Generator) -> NDArray[np.int64]:
        return (rng.random((m, n)) < p_one).astype(np.int64)

    return InputDistribution(n, pmf=_pmf_from_logp(probs, n), sampler=sample, entropy=n * h2(p_one),
                             label=f"iid(p1={p_one:g})")


def duplicated(n_copies: int = 2, *, p01: float, p10: float = 0.0, prior: float = 0.5) -> InputDistribution:
    """``n_copies`` copies of a true bit (1 with probability ``prior``); each copy independently reads
    a 0 as 1 with probability ``p01`` and a 1 as 0 with ``p10``."""
    for name, v in (("p01", p01), ("p10", p10), ("prior", prior)):
        check_probability(name, v)
    n = check_int("n_copies", n_copies, minimum=1)

    def probs(bits: NDArray[np.int64]) -> Array:
        k = bits.sum(axis=1)
        given0 = p01**k * (1 - p01) ** (n - k)
        given1 = (1 - p10) ** k * p10 ** (n - k)
        return np.asarray((1 - prior) * given0 + prior * given1, float)

    def sample(m: int, rng: np.random.Generator) -> NDArray[np.int64]:
        truth = rng.random(m) < prior
        flip = rng.random((m, n)) < np.where(truth, p10, p01)[:, None]
        return (truth[:, None] ^ flip).astype(np.int64)

    pmf = _pmf_from_logp(probs, n)
    return InputDistribution(n, pmf=pmf, sampler=sample, entropy=None if pmf is None else entropy_bits(pmf),
                             label=f"duplicated(p01={p01:g}, p10={p10:g})")


def markov(n_inputs: int, *, p01: float, p10: float) -> InputDistribution:
    """A stationary two-state Markov stream: ``P(1|0) = p01``, ``P(0|1) = p10``; window of ``n_inputs``."""
    check_probability("p01", p01)
    check_probability("p10", p10)
    if p01 + p10 == 0:
        raise ParameterError("p01 + p10 must be > 0 for a stationary Markov stream")
    n = check_int("n_inputs", n_inputs, minimum=1)
    pi1 = p01 / (p01 + p10)
    trans = np.array([[1 - p01, p01], [p10, 1 - p10]])

    def probs(bits: NDArray[np.int64]) -> Array:
        pr = np.where(bits[:, 0] == 1, pi1, 1 - pi1)
        for i in range(1, n):
            pr = pr * trans[bits[:, i - 1], bits[:, i]]
        return np.asarray(pr, float)

    def sample(m: int, rng: np.random.Generator) -> NDArray[np.int64]:
        out = np.empty((m, n), dtype=np.int64)
        out[:, 0] = rng.random(m) < pi1
        for i in range(1, n):
            u = rng.random(m)
            out[:, i] = np.where(out[:, i - 1] == 1, u >= p10, u < p01)
        return out

    h_rate = (1 - pi1) * h2(p01) + pi1 * h2(p10)
    return InputDistribution(n, pmf=_pmf_from_logp(probs, n), sampler=sample,
                             entropy=h2(pi1) + (n - 1) * h_rate, label=f"markov(p01={p01:g}, p10={p10:g})")


@dataclass(frozen=True)
class EntropyResult:
    """Logical entropy and dissipation of one network on one input distribution."""

    h_in: float  # bits
    h_out: float  # bits
    delta_h: float  # bits
    bound: float  # kT ln 2 Delta H (J)
    dissipation: float  # modelled mean dissipation (J)
    ratio: float | None  # dissipation / bound (None when both vanish)
    exact: bool
    dissipation_stderr: float = 0.0
    h_out_interval: tuple[float, float] | None = None
    per_gate: dict[str, float] | None = None

    def as_dict(self, kT: float) -> dict[str, Any]:
        ln2 = math.log(2.0)
        return {"H_in_bits": self.h_in, "H_out_bits": self.h_out, "delta_H_bits": self.delta_h,
                "bound_kTln2": self.bound / (kT * ln2), "dissipation_kTln2": self.dissipation / (kT * ln2),
                "dissipation_stderr_kTln2": self.dissipation_stderr / (kT * ln2), "ratio": self.ratio,
                "exact": self.exact}


def logical_entropy(network: Network, dist: InputDistribution, costs: ResetCosts, *,
                    n_samples: int = 200_000, seed: int = 0) -> EntropyResult:
    """``H_in``, ``H_out``, ``Delta H``, the bound and the modelled dissipation (exact or sampled)."""
    names = network.inputs
    if len(names) != dist.n_inputs:
        raise ParameterError(f"network has {len(names)} inputs, distribution has {dist.n_inputs}")
    exact = dist.pmf is not None
    rng = np.random.default_rng(seed)
    if exact:
        bits, w = dist.patterns(), np.asarray(dist.pmf, float)
    else:
        assert dist.sampler is not None
        bits = dist.sampler(check_int("n_samples", n_samples, minimum=2), rng)
        w = np.full(bits.shape[0], 1.0 / bits.shape[0])
    ev = network.evaluate({nm: bits[:, i] for i, nm in enumerate(names)})
    e, per = dissipation(ev, costs)
    out = ev.output_bits()
    codes = (out << np.arange(out.shape[1])[None, :]).sum(axis=1) if out.shape[1] else np.zeros(len(w), int)
    p_out = np.bincount(codes, weights=w)
    h_in = dist.h_in() if (exact or dist.entropy is not None) else float("nan")
    interval = None
    if exact:
        h_out = entropy_bits(p_out)
        e_mean, e_se = float(np.dot(w, e)), 0.0
    else:
        n = bits.shape[0]
        counts = np.bincount(codes)
        nz = int(np.count_nonzero(counts))
        h_out = entropy_bits(counts / n) + (nz - 1) / (2 * n * math.log(2.0))  # Miller-Madow
        boot = [entropy_bits(rng.multinomial(n, counts / n) / n) for _ in range(200)]
        interval = (float(np.quantile(boot, 0.025)), float(np.quantile(boot, 0.975)))
        e_mean, e_se = float(e.mean()), float(e.std(ddof=1) / math.sqrt(n))
    dh = h_in - h_out
    bound = max(dh, 0.0) * costs.kT * math.log(2.0)
    ratio = None if bound == 0 and e_mean == 0 else (math.inf if bound == 0 else e_mean / bound)
    per_gate = {g: float(np.dot(w, v)) for g, v in per.items()}
    return EntropyResult(h_in, h_out, dh, bound, e_mean, ratio, exact, e_se, interval, per_gate)


def or_and_table(p: float, costs: ResetCosts) -> dict[str, Any]:
    """Table 1 for error probability ``p``: rows (A, B, AB, A+B, P_in, P_out, E/kT ln 2) and totals."""
    from landauer.models.aqfp.gates import or_and

    net = or_and()
    dist = duplicated(2, p01=p, p10=0.0)
    res = logical_entropy(net, dist, costs)
    bits = dist.patterns()
    ev = net.evaluate({"A": bits[:, 0], "B": bits[:, 1]})
    e, _ = dissipation(ev, costs)
    out = ev.output_bits()
    assert dist.pmf is not None
    rows = []
    for i in range(bits.shape[0]):
        same = np.all(out == out[i], axis=1)
        rows.append({"A": int(bits[i, 0]), "B": int(bits[i, 1]), "AB": int(out[i, 0]), "A+B": int(out[i, 1]),
                     "P_in": float(dist.pmf[i]), "P_out": float(dist.pmf[same].sum()),
                     "E_kTln2": float(e[i] / (costs.kT * math.log(2.0)))})
    return {"p": p, "rows": rows, **res.as_dict(costs.kT)}
