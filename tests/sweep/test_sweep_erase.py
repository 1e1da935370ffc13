"""The ``erase`` point with study overrides of the bath temperature and the device file's parameters.

Closed form (T. Schmiedl & U. Seifert, PRL 98, 108301 (2007)): an overdamped bead (mobility mu) in a
harmonic trap of stiffness k dragged at constant speed v = L/tau from equilibrium does mean work
``<W> = (v^2/mu) (tau - (1 - exp(-mu k tau)) / (mu k))`` (energy units of the file), independent of the
temperature, and its work is Gaussian with ``Var W = 2 kT <W>``. The shipped ``harmonic-drag`` file has
mu = 1, L = 5, energies in kT at 300 K; at temperature T the erase point reports energies in kT at T, so
``<W>/kT = <W>_file * 300/T``.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from landauer.cli import main
from landauer.constants import k_B
from landauer.sweep import open_store, run_study
from landauer.sweep.builtin.erase import configured

TAU, L = 4.0, 5.0


def _drag_work(k: float) -> float:
    v = L / TAU
    return v**2 * (TAU - (1.0 - math.exp(-k * TAU)) / k)


def _study(tmp: Path, body: str, name: str = "s.toml") -> Path:
    f = tmp / name
    f.write_text(body)
    return f


def test_temperature_and_device_parameter_overrides_match_the_dragged_trap(tmp_path: Path) -> None:
    f = _study(tmp_path, '[study]\npoint = "erase"\ndevice = "harmonic-drag"\nstore = "h.zarr"\nseed = 3\n'
               "[grid]\ntemperature_K = [300, 600]\nk = [1, 2]\n"
               f'[fixed]\ntau = {TAU}\ntrajectories = 2000\ntarget = "0"\nkeep_trajectories = true\n')
    o = run_study(f, serial=True, progress=False)
    assert (o.stored, o.failed) == (4, 0)
    ds = open_store(o.store).load()
    for T in (300.0, 600.0):
        for k in (1.0, 2.0):
            pt = ds.sel(temperature_K=T, k=k)
            mean, se = float(pt.mean_work), float(pt.mean_work_se)
            exact = _drag_work(k) * 300.0 / T
            assert abs(mean - exact) < 4 * se, (T, k, mean, se, exact)
            # Gaussian work: Var W = 2 <W> (kT units): the noise and the initial samples use the new kT
            w = pt.W.values
            var, var_se = w.var(ddof=1), w.var(ddof=1) * math.sqrt(2.0 / (w.size - 1))
            assert abs(var - 2 * exact) < 4 * var_se, (T, k, var, exact)
            assert float(pt.bath_temperature_K) == T
            assert float(pt.mean_work_J) == pytest.approx(mean * k_B * T, rel=1e-12)
    # the two temperatures differ by a factor 2 in kT units (about 30 standard errors): a lost override fails
    ratio = ds.mean_work.sel(temperature_K=300.0) / ds.mean_work.sel(temperature_K=600.0)
    np.testing.assert_allclose(ratio.values, 2.0, rtol=0.15)


def test_kT_of_an_overridden_temperature() -> None:
    # energies in kT at the file's 300 K: the bath at 350 K has kT = 350/300 of the file's unit
    df = configured({"device": "double-well", "temperature_K": 350.0, "dt": 0.0, "a": 6.0})
    assert df.dynamics.kT == pytest.approx(350.0 / 300.0, rel=1e-15)
    assert df.dynamics.temperature_K == 350.0 and df.device.params["a"] == 6.0
    same = configured({"device": "double-well", "temperature_K": 0.0, "dt": 1e-3})
    assert (same.dynamics.kT, same.dynamics.temperature_K, same.dynamics.dt) == (1.0, 300.0, 1e-3)


def test_device_parameter_override_equals_the_edited_file_and_local_files_win(tmp_path: Path) -> None:
    shipped = Path(configured({"device": "double-well", "temperature_K": 0.0, "dt": 0.0}).path)
    head = '[study]\npoint = "erase"\ndevice = "double-well.toml"\nseed = 1\n'
    grid = "[grid]\ntau = [2, 3]\n[fixed]\ntrajectories = 64\n"
    # "double-well.toml" is not beside the study: the shipped one, with its barrier a overridden
    over = run_study(_study(tmp_path, head + 'store = "over.zarr"\n' + grid + "a = 6.0\n"), serial=True,
                     progress=False)
    plain = run_study(_study(tmp_path, head + 'store = "plain.zarr"\n' + grid), serial=True, progress=False)
    local = tmp_path / "local"
    local.mkdir()
    (local / "double-well.toml").write_text(shipped.read_text().replace("a = 8.0", "a = 6.0"))
    edited = run_study(_study(local, head + 'store = "edited.zarr"\n' + grid), serial=True, progress=False)
    a, b, c = (open_store(o.store).load() for o in (over, plain, edited))
    assert json_fixed(a)["a"] == 6.0 and json_fixed(b)["a"] == 8.0
    assert a.mean_work.values.tobytes() == c.mean_work.values.tobytes()  # the override is the edited file
    assert a.mean_work.values.tobytes() != b.mean_work.values.tobytes()
    assert json_fixed(c)["device"] == str((local / "double-well.toml").resolve())
    shutil.rmtree(local)


def json_fixed(ds: object) -> dict[str, object]:
    import json

    return json.loads(ds.attrs["fixed_parameters"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(("study", "grid", "fixed", "needle"), [
    ('device = "double-well"', "tau = [2, 4]", "zz = 1", "fixed.zz: unknown parameter 'zz' of point 'erase'"),
    ('device = "double-well"', "aa = [1, 2]", "", "known: a, device"),
    ('device = "double-well"', "temperature_K = [-5, 300]", "", "grid.temperature_K: must be >= 0"),
    ('device = "double-well"', "tau = [2]", "a = nan", "fixed.a: must be finite"),
    ('device = "double-well"', "tau = [2]", 'a = "big"', "fixed.a: must be a number"),
    ('device = "nope.toml"', "tau = [2]", "", "study.device: device file nope.toml does not exist"),
    ("", "tau = [2]", 'device = "nope"', "fixed.device: no device file or shipped device named 'nope'"),
    ("", 'device = ["double-well", "harmonic-drag"]', "a = 6", "fixed.a: unknown parameter 'a'"),
])
def test_bad_overrides_exit_2_with_one_line_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             study: str, grid: str, fixed: str, needle: str) -> None:
    f = _study(tmp_path, f'[study]\npoint = "erase"\n{study}\nstore = "s.zarr"\nseed = 1\n[grid]\n{grid}\n'
               f"[fixed]\n{fixed}\n")
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "\n" not in err, err
    assert not (tmp_path / "s.zarr").exists()


def test_a_device_file_without_protocol_is_refused_before_running(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(configured({"device": "double-well", "temperature_K": 0.0, "dt": 0.0}).path).read_text()
    (tmp_path / "still.toml").write_text(shipped.split("[[protocol]]")[0])
    f = _study(tmp_path, '[study]\npoint = "erase"\ndevice = "still.toml"\nstore = "s.zarr"\nseed = 1\n'
               "[grid]\ntau = [2]\n")
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "study.device:" in err and "has no [[protocol]]" in err and "\n" not in err, err
    assert not (tmp_path / "s.zarr").exists()


def test_device_paths_on_the_grid_resolve_like_the_fixed_one(tmp_path: Path) -> None:
    from landauer.sweep import parse

    (tmp_path / "mine.toml").write_text("# a local device file (only its path matters here)\n")
    st = parse('[study]\npoint = "erase"\nstore = "s.zarr"\nseed = 1\n[grid]\n'
               'device = ["double-well.toml", "mine.toml", "harmonic-drag"]\n', base=tmp_path)
    assert st.axes[0].values["device"] == ("double-well", str((tmp_path / "mine.toml").resolve()), "harmonic-drag")


def test_an_edited_device_file_is_refused_like_an_edited_study(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(configured({"device": "double-well", "temperature_K": 0.0, "dt": 0.0}).path).read_text()
    dev = tmp_path / "dw.toml"
    dev.write_text(shipped)
    f = _study(tmp_path, '[study]\npoint = "erase"\ndevice = "dw.toml"\nstore = "s.zarr"\nseed = 1\n'
               "[grid]\ntau = [2]\n[fixed]\ntrajectories = 16\n")
    assert run_study(f, serial=True, progress=False).stored == 1
    dev.write_text(shipped.replace("f = -10.0", "f = -12.0"))  # a stronger tilt: other results
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "holds a different study (device_files." in err and "\n" not in err, err
    dev.write_text(shipped)  # restored: resumes, nothing to do
    assert run_study(f, serial=True, progress=False).skipped == 1
