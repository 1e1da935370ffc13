"""Generate the synthetic MOKE dataset shipped in ``landauer/data/mtj_moke_*.csv``.

Each "device" is an array of identical macrospins (diameter drawn around 50 nm): the ensemble-mean
magnetisation of a simulated 4-stage reset (sLLG, alpha = 1, stage time ``tau_stage``) is converted to
Kerr rotation ``theta = theta_sat <m_i>`` with Gaussian measurement noise, and written as one easy-axis
(H_y, m_y) and one hard-axis (H_x, m_x) loop per device in sweep order. ``time_s`` is the simulated time.
Regenerate with ``python -m landauer.models.mtj.moke_synthetic OUTDIR``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

from landauer.models.mtj.macrospin import ReducedMacrospin
from landauer.models.mtj.params import MTJParams
from landauer.models.mtj.reset import ResetProtocol, run_reset
from landauer.stats import child_seed

THETA_SAT_MRAD = 2.0
KERR_NOISE_MRAD = 0.01
A_REF = 25e-6  # 5 mm x 5 mm reference film


def generate(out_dir: str | Path, *, n_devices: int = 5, n_trajectories: int = 400, tau_stage: float = 1000.0,
             n_points: int = 401, seed: int = 2026) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # spawned seeds: 0 for the device diameters and the Kerr noise, 1 + k for device k's reset ensemble
    rng = np.random.default_rng(child_seed(seed, 0))
    written = []
    base = MTJParams(alpha=1.0)
    for k in range(n_devices):
        p = base.replace(diameter=base.diameter * (1 + 0.03 * rng.normal()))
        ds = run_reset(ReducedMacrospin.from_params(p), ResetProtocol(tau_stage=tau_stage),
                       n_trajectories=n_trajectories, seed=child_seed(seed, 1 + k), n_snapshots=n_points)
        m = ds["x"].values.mean(axis=1)
        h = ds["h"].values
        t = ds["time"].values * p.t0
        for axis, i in (("easy", 1), ("hard", 0)):
            path = out / f"mtj_moke_dev{k + 1:02d}_{axis}.csv"
            theta = THETA_SAT_MRAD * m[:, i] + rng.normal(0, KERR_NOISE_MRAD, m.shape[0])
            with path.open("w", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["mu0H_mT", "kerr_mrad", "kerr_err_mrad", "time_s"])
                for hh, th, tt in zip(h[:, i] * p.mu0_Hk * 1e3, theta, t, strict=True):
                    w.writerow([f"{hh:.6f}", f"{th:.6f}", f"{KERR_NOISE_MRAD:g}", f"{tt:.6e}"])
            written.append(path)
    area = np.pi * base.diameter**2 / 4
    meta = out / "mtj_moke_metadata.csv"
    with meta.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["key", "value", "uncertainty"])
        w.writerow(["A_dev_m2", f"{area:.6e}", f"{0.05 * area:.3e}"])
        w.writerow(["m_s_Am2", f"{base.Ms * A_REF * base.t_eff:.6e}", f"{0.02 * base.Ms * A_REF * base.t_eff:.3e}"])
        w.writerow(["A_ref_m2", f"{A_REF:.6e}", f"{0.01 * A_REF:.3e}"])
        w.writerow(["t_nom_m", f"{base.t_nominal:.3e}", ""])
        w.writerow(["t_dead_m", f"{base.t_dead:.3e}", "1e-10"])
        w.writerow(["theta_sat_mrad", f"{THETA_SAT_MRAD:g}", f"{0.02 * THETA_SAT_MRAD:g}"])
        w.writerow(["temperature_K", "300", ""])
        w.writerow(["field_scale_rel", "0.005", ""])
    written.append(meta)
    return written


if __name__ == "__main__":  # pragma: no cover
    for f in generate(sys.argv[1] if len(sys.argv) > 1 else "."):
        print(f)
