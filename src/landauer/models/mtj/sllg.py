"""Compiled stochastic Landau-Lifshitz-Gilbert ensemble on the unit sphere, with work and heat.

Landau-Lifshitz form with Brown's thermal field in both terms (Garcia-Palacios & Lazaro, PRB 58,
14937 (1998)), in reduced units (field unit ``H_ref``, time unit ``1/(gamma mu0 H_ref)``)::

    dm/dtau = -(1 + alpha^2)^-1 [m x h_tot + alpha m x (m x h_tot)],   h_tot = h_eff + h_th (+ h_stt)
    h_eff   = k_a m_y y + h(tau) - d * m
    beta E  = -zeta [k_a m_y^2 / 2 + h.m - (1/2) sum_i d_i m_i^2],   zeta = mu0 Ms V H_ref / kT
    <h_th,i(tau) h_th,j(tau')> = (2 alpha / zeta) delta_ij delta(tau - tau')   (Brown, PRB 130, 1677 (1963))

With ``H_ref = H_K``: ``k_a = 1``, ``zeta = 2 sigma`` and the noise variance is ``alpha/(sigma dtau)``.

Integrator: stochastic Heun (Stratonovich, weak order 1), the same thermal field in predictor and
corrector, then ``m <- m/|m|``. Slonczewski spin-transfer torque (reference layer along +y) enters as the
Gilbert-form field ``h_stt = a_J (m x p) + b_J p`` with ``a_J = a0 / (1 + P^2 m.p)``
(Slonczewski, PRB 39, 6995 (1989)).

Energetics per trajectory (Sekimoto, Prog. Theor. Phys. Suppl. 130, 17 (1998)): the field switches
``h_k -> h_{k+1}`` at fixed ``m_k`` (work ``W += -zeta m_k.(h_{k+1} - h_k)``, exact because E is linear in
h, accumulated per Cartesian component), then one Heun step at fixed ``h_{k+1}`` (heat released
``Q += E(m_k; h_{k+1}) - E(m_{k+1}; h_{k+1})``, minus the STT work). ``dE = W + W_stt - Q`` holds per
trajectory up to rounding; :func:`landauer.models.mtj.sllg.simulate` asserts it.

Each trajectory ``offset + i`` draws from its own stream (:mod:`landauer.engine.rng`): results do not
depend on the thread count.
"""

from __future__ import annotations

import math

from numba import njit, prange

from landauer.engine.rng import next_normal_pair, stream_state


@njit(inline="always")
def _field_at(t, seg, times, vals, smooth):  # noqa: ANN001, ANN202
    """Control values at time ``t`` and the (advanced) segment index; ``times`` non-decreasing."""
    nseg = times.shape[0] - 1
    while seg < nseg - 1 and t > times[seg + 1]:
        seg += 1
    span = times[seg + 1] - times[seg]
    if span > 0.0:
        u = (t - times[seg]) / span
        if u > 1.0:
            u = 1.0
        elif u < 0.0:
            u = 0.0
    else:
        u = 1.0
    if smooth[seg]:
        u = u * u * (3.0 - 2.0 * u)
    hx = vals[seg, 0] + u * (vals[seg + 1, 0] - vals[seg, 0])
    hy = vals[seg, 1] + u * (vals[seg + 1, 1] - vals[seg, 1])
    hz = vals[seg, 2] + u * (vals[seg + 1, 2] - vals[seg, 2])
    return hx, hy, hz, seg


@njit(inline="always")
def _rhs(mx, my, mz, hx, hy, hz, ac, alpha):  # noqa: ANN001, ANN202
    """``-(1+alpha^2)^-1 [m x h + alpha m x (m x h)]``."""
    cx = my * hz - mz * hy
    cy = mz * hx - mx * hz
    cz = mx * hy - my * hx
    dx = my * cz - mz * cy
    dy = mz * cx - mx * cz
    dz = mx * cy - my * cx
    return -ac * (cx + alpha * dx), -ac * (cy + alpha * dy), -ac * (cz + alpha * dz)


@njit(inline="always")
def _energy(mx, my, mz, hx, hy, hz, ka, zeta, d0, d1, d2):  # noqa: ANN001, ANN202
    return -zeta * (
        0.5 * ka * my * my + hx * mx + hy * my + hz * mz - 0.5 * (d0 * mx * mx + d1 * my * my + d2 * mz * mz)
    )


@njit(parallel=True, fastmath={"contract", "arcp", "nsz"}, cache=True)
def sllg_kernel(
    offset,
    m0,
    times,
    vals,
    smooth,
    nsteps,
    dtau,
    alpha,
    ka,
    zeta,
    demag,
    stt,  # noqa: ANN001, ANN201
    key,
    snap_steps,
    absorb_my,
    Wc,
    Wstt,
    Q,
    dE,
    st_i,
    st_f,
    err,
    mf,
    fpt,
    snaps,
):
    """Integrate ``m0.shape[0]`` trajectories (see module docstring); outputs are written in place.

    ``stt = (a0, b, P^2, on)``; ``absorb_my``: stop a trajectory the first time ``m_y < absorb_my``
    and record that step in ``fpt`` (-1 if never); use -2 to disable.
    """
    n = m0.shape[0]
    nsnap = snap_steps.shape[0]
    ac = 1.0 / (1.0 + alpha * alpha)
    amp = math.sqrt(2.0 * alpha / (zeta * dtau))
    d0 = demag[0]
    d1 = demag[1]
    d2 = demag[2]
    a0 = stt[0]
    bj = stt[1]
    p2 = stt[2]
    use_stt = stt[3] != 0.0
    for i in prange(n):
        s0, s1, s2, s3 = stream_state(key[0], key[1], offset + i)
        mx = m0[i, 0]
        my = m0[i, 1]
        mz = m0[i, 2]
        st_i[i] = 1 if my >= 0.0 else 0
        seg = 0
        hx, hy, hz, seg = _field_at(0.0, seg, times, vals, smooth)
        e_start = _energy(mx, my, mz, hx, hy, hz, ka, zeta, d0, d1, d2)
        e_cur = e_start
        zb = 0.0
        have = False
        wx = 0.0
        wy = 0.0
        wz = 0.0
        q = 0.0
        ws = 0.0
        bad = -1
        hit = -1
        si = 0
        while si < nsnap and snap_steps[si] == 0:
            snaps[si, i, 0] = mx
            snaps[si, i, 1] = my
            snaps[si, i, 2] = mz
            si += 1
        for k in range(nsteps):
            nx, ny, nz, seg = _field_at((k + 1) * dtau, seg, times, vals, smooth)
            # work: field switches at fixed m
            dwx = zeta * mx * (nx - hx)
            dwy = zeta * my * (ny - hy)
            dwz = zeta * mz * (nz - hz)
            wx -= dwx
            wy -= dwy
            wz -= dwz
            hx = nx
            hy = ny
            hz = nz
            e_before = e_cur - (dwx + dwy + dwz)  # E(m_k; h_{k+1}), E linear in h
            # thermal field, fixed over the step: three normals, the spare carried to the next step
            if have:
                z1 = zb
                z2, z3, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
                have = False
            else:
                z1, z2, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
                z3, zb, s0, s1, s2, s3 = next_normal_pair(s0, s1, s2, s3)
                have = True
            tx = amp * z1
            ty = amp * z2
            tz = amp * z3
            # predictor
            ex = hx - d0 * mx
            ey = hy + (ka - d1) * my
            ez = hz - d2 * mz
            gx = ex + tx
            gy = ey + ty
            gz = ez + tz
            if use_stt:
                aj = a0 / (1.0 + p2 * my)
                gx += -aj * mz
                gy += bj
                gz += aj * mx
            fx, fy, fz = _rhs(mx, my, mz, gx, gy, gz, ac, alpha)
            px = mx + fx * dtau
            py = my + fy * dtau
            pz = mz + fz * dtau
            # corrector
            ex2 = hx - d0 * px
            ey2 = hy + (ka - d1) * py
            ez2 = hz - d2 * pz
            gx = ex2 + tx
            gy = ey2 + ty
            gz = ez2 + tz
            if use_stt:
                aj2 = a0 / (1.0 + p2 * py)
                gx += -aj2 * pz
                gy += bj
                gz += aj2 * px
            fx2, fy2, fz2 = _rhs(px, py, pz, gx, gy, gz, ac, alpha)
            if use_stt:
                # STT part of the Heun increment, against the midpoint effective field
                sx1, sy1, sz1 = _rhs(mx, my, mz, -aj * mz, bj, aj * mx, ac, alpha)
                sx2, sy2, sz2 = _rhs(px, py, pz, -aj2 * pz, bj, aj2 * px, ac, alpha)
                ws -= (
                    0.5
                    * zeta
                    * dtau
                    * (
                        0.5 * (ex + ex2) * (sx1 + sx2)
                        + 0.5 * (ey + ey2) * (sy1 + sy2)
                        + 0.5 * (ez + ez2) * (sz1 + sz2)
                    )
                )
            qx = mx + 0.5 * (fx + fx2) * dtau
            qy = my + 0.5 * (fy + fy2) * dtau
            qz = mz + 0.5 * (fz + fz2) * dtau
            inv = 1.0 / math.sqrt(qx * qx + qy * qy + qz * qz)
            mx = qx * inv
            my = qy * inv
            mz = qz * inv
            if not (abs(mx) <= 1.0 and abs(my) <= 1.0 and abs(mz) <= 1.0):
                bad = k + 1
                break
            e_cur = _energy(mx, my, mz, hx, hy, hz, ka, zeta, d0, d1, d2)
            q += e_before - e_cur
            while si < nsnap and snap_steps[si] == k + 1:
                snaps[si, i, 0] = mx
                snaps[si, i, 1] = my
                snaps[si, i, 2] = mz
                si += 1
            if my < absorb_my:
                hit = k + 1
                break
        Wc[i, 0] = wx
        Wc[i, 1] = wy
        Wc[i, 2] = wz
        Wstt[i] = ws
        Q[i] = q + ws
        dE[i] = _energy(mx, my, mz, hx, hy, hz, ka, zeta, d0, d1, d2) - e_start
        st_f[i] = 1 if my >= 0.0 else 0
        err[i] = bad
        fpt[i] = hit
        mf[i, 0] = mx
        mf[i, 1] = my
        mf[i, 2] = mz
