"""Thermal escape over a 6 kT barrier of the rest landscape vs rate theory.

Kramers-Langer: Gamma = sum_s (lambda_+/2 pi) sqrt(det H_min/|det H_s|) exp(-Delta U/kT),
lambda_+ = sqrt(gamma'^2/4 + omega_b^2) - gamma'/2 (H. A. Kramers, Physica 7, 284 (1940);
J. S. Langer, Ann. Phys. 54, 258 (1969)); at gamma' = 1 the Mel'nikov-Meshkov factor is ~1
(V. I. Mel'nikov, S. V. Meshkov, J. Chem. Phys. 85, 1018 (1986)). The simulated rate must match within
3 standard errors plus the declared O(kT/Delta U) allowance of the asymptotic theory, and stay below
the multi-D TST rate (specs/squid_ce.md section 9.3).
"""

from __future__ import annotations

from landauer.models.squid.escape import simulate_escape


def test_kramers_langer_at_moderate_damping() -> None:
    r = simulate_escape(kappa=1.2592371667659341 / 6.0, damping=1.0, n=4000, t_max=300.0, seed=1,
                        sample_every=1.0)
    assert 5.9 < r.barrier_kT < 6.1
    assert r.n_escaped > 400
    allowance = r.melnikov_meshkov / r.barrier_kT
    assert abs(r.rate - r.melnikov_meshkov) < 3 * r.stderr + allowance, (r.rate, r.melnikov_meshkov, r.stderr)
    assert r.rate < r.tst
