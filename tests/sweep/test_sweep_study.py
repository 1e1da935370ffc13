"""Study files: grid syntax, seeds, and one-line errors (exit 2, nothing written) for bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sweep_testpoints  # noqa: F401  (registers the test points)

from landauer.cli import main
from landauer.sweep import parse, point_seed
from landauer.validation import ParameterError

HEAD = '[study]\npoint = "sweep_testpoints:counter"\nstore = "s.zarr"\nseed = 5\n'


def test_ranges_zip_and_product_order(tmp_path: Path) -> None:
    st = parse(HEAD + "[grid]\nx = {log = [1, 64], num = 7}\n[grid.zip]\nsleep_s = [0, 0]\nfail_at_x = [-2, -3]\n"
               "[fixed]\nkill_at_x = -5\n", base=tmp_path)
    assert st.dims == ("x", "zip")
    assert st.shape == (7, 2)
    # geometric range: 2^k for k = 0..6 (both ends included)
    np.testing.assert_allclose(st.axes[0].values["x"], [2.0**k for k in range(7)], rtol=1e-12)
    p = st.params_at(5)  # C order: x index 2, zip index 1
    assert p["x"] == pytest.approx(4.0) and p["fail_at_x"] == -3.0 and p["kill_at_x"] == -5.0
    assert st.store == tmp_path / "s.zarr"
    lin = parse(HEAD + "[grid]\nx = {linear = [0, 1], num = 5}\n").axes[0].values["x"]
    assert lin == (0.0, 0.25, 0.5, 0.75, 1.0)


def test_seed_depends_only_on_master_seed_and_index() -> None:
    a = parse(HEAD + "[grid]\nx = [1, 2, 3]\n")
    b = parse(HEAD.replace("seed = 5", "seed = 6") + "[grid]\nx = [1, 2, 3]\n")
    seeds = [a.point_seed(k) for k in range(3)]
    assert len(set(seeds)) == 3
    ss = np.random.SeedSequence(5, spawn_key=(1,))
    assert seeds[1] == int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
    assert seeds[1] == point_seed((5, 1))
    assert seeds != [b.point_seed(k) for k in range(3)]
    assert 0 <= min(seeds) and max(seeds) < 2**63


@pytest.mark.parametrize(("grid", "fixed", "needle"), [
    ("x = []", "", "grid.x: empty list"),
    ("", "", "grid: empty"),
    ("xx = [1, 2]", "", "grid.xx: unknown parameter 'xx'"),
    ("x = [1, 2]", "speed = 3", "fixed.speed: unknown parameter 'speed'"),
    ("x = [1, nan]", "", "grid.x: must be finite"),
    ("x = [1, 2]", "sleep_s = inf", "fixed.sleep_s: must be finite"),
    ("x = [1, 2]", "x = 3", "fixed.x: also on the grid"),
    ("x = {log = [0, 1], num = 3}", "", "grid.x.log: end points must be > 0"),
    ("x = {linear = [0, 1]}", "", "grid.x.num"),
    ("x = [1, 1]", "", "grid.x: repeated values"),
    ("[grid.zip]\nx = [1, 2]\nsleep_s = [0]", "", "grid.zip: zipped lists differ in length"),
    ("x = [1, 2]", "sleep_s = -1", "fixed.sleep_s: must be >= 0"),
    ("x = [1, 2]", 'counter_file = 3', "fixed.counter_file: must be a string"),
])
def test_bad_study_files_exit_2_with_one_line_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 grid: str, fixed: str, needle: str) -> None:
    text = HEAD + ("[grid]\n" + grid if not grid.startswith("[grid") else grid) + "\n[fixed]\n" + fixed + "\n"
    f = tmp_path / "study.toml"
    f.write_text(text)
    with pytest.raises(SystemExit) as exc:
        main(["sweep", "run", str(f), "--serial", "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and needle in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.toml"]


def test_unknown_point_and_unknown_study_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for text, needle in [
        (HEAD.replace("sweep_testpoints:counter", "erasee") + "[grid]\nx = [1]\n", "study.point: unknown point 'erasee'"),
        (HEAD.replace("sweep_testpoints:counter", "no_such_module:p") + "[grid]\nx = [1]\n", "cannot import"),
        (HEAD + "sed = 3\n[grid]\nx = [1]\n", "study.sed: unknown key"),
        (HEAD.replace("seed = 5", "seed = -1") + "[grid]\nx = [1]\n", "study.seed"),
        (HEAD + "[grids]\nx = [1]\n", "unknown table 'grids'"),
    ]:
        f = tmp_path / "study.toml"
        f.write_text(text)
        with pytest.raises(SystemExit) as exc:
            main(["sweep", "run", str(f), "--serial", "--no-progress"])
        assert exc.value.code == 2
        err = capsys.readouterr().err.strip()
        assert needle in err and "\n" not in err, err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["study.toml"]


def test_parse_error_is_parameter_error() -> None:
    with pytest.raises(ParameterError, match="not valid TOML"):
        parse("[study\n")


def test_set_overrides_replace_values_and_bad_ones_are_one_line_errors(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    text = HEAD + "[grid]\nx = [1, 2, 3]\n[fixed]\nsleep_s = 0.5\n"
    st = parse(text, overrides={"grid.x": "[4, 5]", "fixed.sleep_s": "0", "fixed.kill_at_x": "7"})
    assert st.axes[0].values["x"] == (4.0, 5.0) and st.fixed["sleep_s"] == 0.0 and st.fixed["kill_at_x"] == 7.0
    assert "# --set grid.x=[4, 5]" in st.text  # the store's study_text records the overrides
    assert parse(text).identity() != st.identity()
    f = tmp_path / "study.toml"
    f.write_text(text)
    for args, needle in [
        (["--set", "sleep_s=1"], "--set sleep_s: name a key as TABLE.KEY"),
        (["--set", "fixed.sleep_s"], "--set: expected TABLE.KEY=VALUE"),
        (["--set", "fixed.counter_file=a b"], "--set fixed.counter_file: 'a b' is not a TOML value"),
        (["--set", "grid.x=[]"], "grid.x: empty list"),
        (["--set", "fixed.speed=1"], "fixed.speed: unknown parameter"),
    ]:
        with pytest.raises(SystemExit) as exc:
            main(["sweep", "run", str(f), "--serial", "--no-progress", *args])
        assert exc.value.code == 2
        err = capsys.readouterr().err.strip()
        assert needle in err and "\n" not in err, err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["study.toml"]
