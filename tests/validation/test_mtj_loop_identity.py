"""The mean magnetisation loops carry the mean work of an MTJ reset.

The work done by a changing field on a macrospin is ``W = -zeta int m . dh`` per trajectory; ``m`` enters
linearly, so ``<W> = -zeta oint <m> . dh`` over the mean loops exactly in the continuum. The loops are sampled
at snapshots, so the check allows 3 Richardson estimates of the trapezoid error (``|T_h - T_2h| / 3``).
Negative control: Eq. 4 of seed 000 read literally (``W_x - W_y``) fails the same test.
"""

from landauer.models.mtj import loops, reset
from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams


def test_mean_loops_carry_the_mean_work():
    system = ReducedMacrospin.from_params(MTJParams().replace(alpha=1.0))
    ds = reset.run_reset(system, reset.ResetProtocol().with_tau(300.0), n_trajectories=100, seed=7,
                         n_snapshots=600)
    le = loops.reset_loop_energetics(ds)
    assert le.loop_identity_ok, (le.W_signed_extrapolated, le.W_mean, le.quadrature_error)
    assert le.quadrature_error < 0.02 * abs(le.W_mean)  # the snapshots resolve the loops
    assert abs(le.W_eq4_literal - le.W_mean) > 3 * le.quadrature_error + 3 * le.W_se  # negative control
