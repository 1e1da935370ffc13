"""Benchmark: quantum erasure quantities by our paths vs a straightforward QuTiP implementation.

1. N = 10 (dimension 2048), one time point: <Q>, S(rho'_S), M, B_Q, I, D by ``ExactErasure`` vs
   QuTiP (``Qobj.expm``, ``ptrace``, ``entropy_vn``) in the same run; "ratio" = qutip_time / our_time,
   with the max abs difference of the results.
2. Free fermions: one time point (<Q>, n_S, S(rho'_S), B_Q, B_RW) at N = 100 and N = 1000, and the full
   P(Q) at N = 200, with the ED-vs-free-fermion ratio at N = 10.

Usage: ``python benchmarks/quantum.py [--json] [--N 10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

import numpy as np


def qutip_reference(N: int, beta: float, alpha: float, jt: float) -> dict[str, float]:
    """Textbook QuTiP evaluation of the section-4 quantities (no eigen-decomposition reuse)."""
    import qutip as qt

    from landauer.models.quantum import XXChainModel

    model = XXChainModel(N=N, beta=beta)
    H_S, H_E, H_SE = model.hamiltonians()
    iS = qt.qeye(2)
    iE = qt.qeye(H_E.dims[0])
    H = qt.tensor(H_S, iE) + qt.tensor(iS, H_E) + H_SE
    rho_E = (-beta * H_E).expm()
    rho_E = rho_E / rho_E.tr()
    psi = alpha * qt.basis(2, 0) + np.sqrt(1 - alpha**2) * qt.basis(2, 1)
    rho_S = psi.proj()
    U = (-1j * H * jt).expm()
    rho_f = U * qt.tensor(rho_S, rho_E) * U.dag()
    rho_sf, rho_ef = rho_f.ptrace(0), rho_f.ptrace(list(range(1, N + 1)))
    M = (U.dag() * qt.tensor(iS, rho_E) * U).ptrace(0)
    q = (H_E * rho_ef).tr().real - (H_E * rho_E).tr().real
    s_f, s_ef, s_j = qt.entropy_vn(rho_sf), qt.entropy_vn(rho_ef), qt.entropy_vn(rho_f)
    log_z = np.log((-beta * H_E).expm().tr().real)
    return {"beta_Q": beta * q, "B_Q": -np.log((M * rho_S).tr().real), "S_final": s_f,
            "I": s_f + s_ef - s_j, "D": -s_ef + beta * (H_E * rho_ef).tr().real + log_z}


def ours(N: int, beta: float, alpha: float, jt: float) -> dict[str, float]:
    from landauer.models.quantum import ExactErasure, XXChainModel, pure_state

    model = XXChainModel(N=N, beta=beta)
    r = ExactErasure(*model.hamiltonians(), beta=beta).evolve(pure_state(alpha), jt)
    return {"beta_Q": r.beta_heat, "B_Q": r.B_Q, "S_final": r.entropy_final,
            "I": float(r.mutual_information or 0.0), "D": float(r.relative_entropy or 0.0)}


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--skip-pq", action="store_true", help="skip the N = 200 P(Q)")
    args = ap.parse_args()
    from landauer.models.quantum import FreeFermionErasure, XXChainModel, pure_state
    from landauer.models.quantum.heat_distribution import heat_density_fft

    beta, alpha, jt = 10.0, 0.95, 5.0
    ref, t_ref = _timed(qutip_reference, args.N, beta, alpha, jt)
    mine, t_ours = _timed(ours, args.N, beta, alpha, jt)
    diff = max(abs(ref[k] - mine[k]) for k in ref)
    ff_small, t_ff_small = _timed(
        lambda: FreeFermionErasure(XXChainModel(N=args.N, beta=beta)).evolve(pure_state(alpha), jt))
    ff_diff = max(abs(ff_small.beta_heat - mine["beta_Q"]), abs(ff_small.B_Q - mine["B_Q"]),
                  abs(ff_small.entropy_final - mine["S_final"]))
    ff_times = {}
    for n in (100, 1000):
        _, ff_times[n] = _timed(
            lambda n=n: FreeFermionErasure(XXChainModel(N=n, beta=beta)).evolve(pure_state(alpha), jt))
    out: dict[str, Any] = {
        "ratio": t_ref / t_ours,
        "N_exact": args.N,
        "qutip_reference_s": t_ref,
        "exact_ours_s": t_ours,
        "max_abs_difference_vs_qutip": diff,
        "free_fermion_N_exact_s": t_ff_small,
        "free_fermion_vs_exact_max_abs_difference": ff_diff,
        "ratio_exact_over_free_fermion": t_ours / t_ff_small,
        "free_fermion_N100_s": ff_times[100],
        "free_fermion_N1000_s": ff_times[1000],
        "cores": os.cpu_count(),
    }
    if not args.skip_pq:
        ff = FreeFermionErasure(XXChainModel(N=200, beta=1.0))
        dens, t_pq = _timed(lambda: heat_density_fft(ff, pure_state(alpha), 7.0))
        out.update({"pq_N200_s": t_pq, "pq_N200_determinants": dens.n_evaluations,
                    "pq_N200_mean_error": abs(dens.mean() - ff.evolve(pure_state(alpha), 7.0).heat)})
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:45s} {v:.4g}" if isinstance(v, float) else f"{k:45s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
