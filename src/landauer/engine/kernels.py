"""Scalar helpers shared by the generated lane kernels (:mod:`landauer.engine.lanes`).

The ensemble kernels themselves are generated per (model functions, integrator) and cached on disk by
:mod:`landauer.engine.lanes`. This module holds what they import: the in-kernel protocol evaluation
(:func:`control_at`) and the index of the controls in force at the end of a trajectory (:func:`k_end`).

Energetics (specs/core.md section 1): at the start of step ``k`` the controller switches
``lambda_k -> lambda_{k+1}`` and does work ``U(x_k; lambda_{k+1}) - U(x_k; lambda_k)``; the system then
moves at fixed ``lambda_{k+1}``. Overdamped runs derive the heat ``Q = W - dE``; BAOAB measures the heat
released into the bath by its O sub-steps (``-Delta KE``) and the caller derives the shadow work
``W_shadow = dE + Q - W`` of the deterministic B/A sub-steps. Non-finite states stop a trajectory and
report the step. With passage tracking, a trajectory's first step at which ``classify(x)`` differs from
the initial state is recorded, and with stop-at-passage the trajectory ends there.
"""

from __future__ import annotations

from numba import njit


@njit(inline="always")
def k_end(first: int, stop: bool, nsteps: int) -> int:
    """Index of the control vector in force at the end of a trajectory (earlier if stopped at passage)."""
    return first if (stop and first >= 0) else nsteps


@njit("int64(int64, float64, float64, float64[::1], float64[:, ::1], int64[::1], int64, float64[::1])",
      cache=True)
def control_at(k, dt, duration, times, vals, smooth, seg, c):  # noqa: ANN001, ANN201
    """Write the controls at ``t_k = k dt`` into ``c``; ``seg`` is a search hint (returned updated).

    Same arithmetic as :meth:`Protocol.values_at` (bitwise). It is compiled eagerly, on its own and without
    fast-math: compiled lazily from inside a kernel it would inherit the kernel's ``contract`` flag, and
    the FMA of ``v0 + u (v1 - v0)`` would move controls by an ulp. ``seg`` must not exceed the segment of
    ``t_k`` (pass 0 to search from the start).
    """
    t = k * dt
    if t > duration:
        t = duration
    if t < 0.0:
        t = 0.0
    nk = times.shape[0]
    while seg + 1 < nk and times[seg + 1] <= t:
        seg += 1
    s = seg if seg < nk - 2 else nk - 2
    span = times[s + 1] - times[s]
    u = (t - times[s]) / span if span > 0.0 else 1.0
    if smooth[s]:
        u = u * u * (3.0 - 2.0 * u)
    for i in range(c.shape[0]):
        c[i] = vals[s, i] + u * (vals[s + 1, i] - vals[s, i])
    return seg
