"""Optimisation problems from the shipped device files."""

from __future__ import annotations

import numpy as np

from landauer.devices.registry import load
from landauer.models import harmonic
from landauer.optimise.devicefile import problem_from_file
from landauer.optimise.objective import summarise


def test_harmonic_drag_file_baseline_and_bound() -> None:
    """The file's protocol is the linear drag (Schmiedl & Seifert 2007 closed form within 3 SE); its
    Wasserstein bound Delta F + W_2^2/tau (Delta F = 0) lies below the optimum W* = 25/(tau + 2)."""
    tau = 4.0
    pr = problem_from_file(load("harmonic-drag"), tau=tau, knots=3)
    assert abs(pr.delta_f) < 1e-9
    ens = pr.run(pr.baseline, n=4000, seed=2)
    ev = summarise(pr, ens, seed=2)
    assert abs(ev.work - harmonic.drag_linear_work(5.0, tau)) < 3 * ev.work_se + 0.01  # + Euler O(dt) bias
    assert ev.bound is not None and ev.bound < harmonic.drag_optimal_work(5.0, tau)


def test_double_well_file_family_contains_its_protocol() -> None:
    """Five knots over the four equal stages reproduce the file's protocol exactly (the search starts there)."""
    pr = problem_from_file(load("double-well"), tau=8.0, knots=5, error_target=0.01)
    fam = pr.family
    assert pr.target_state == 0 and pr.error_target == 0.01
    p = fam.protocol(fam.theta_from_values(fam.values_of(pr.baseline)))
    t = np.linspace(0.0, 8.0, 97)[1:-1]
    idx = [pr.baseline.controls.index(n) for n in fam.names]
    np.testing.assert_allclose(p.values_at(t), pr.baseline.values_at(t)[:, idx], atol=1e-6)
