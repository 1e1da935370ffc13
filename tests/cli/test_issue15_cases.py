"""Every case listed in issue 15 ends as one line naming the flag (exit 2) before any work, or a result.

The memory refusals are made machine-independent by fixing the available memory at 16 GiB; every
refused case returns in well under a second because nothing is computed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from clihelp import assert_one_line_error, invoke

import landauer.cli._common as common

DATA = Path(__file__).resolve().parents[2] / "src" / "landauer" / "data"


@pytest.fixture(autouse=True)
def _sixteen_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "available_memory", lambda: 16 * 2**30)


@pytest.mark.parametrize(("argv", "needles"), [
    # too big for the machine or for a lifetime: refused up front, with the estimate and the flag
    (["erase", "double-well", "--tau", "1e9"], ["--tau/--dt", "years"]),
    (["erase", "double-well", "--trajectories", "1e9"], ["-n/--trajectories", "GiB"]),
    (["erase", "double-well", "--trajectories", "1e14"], ["-n/--trajectories", "TiB"]),
    (["transport", "iv", "--points", "1e8"], ["--points", "memory"]),
    (["mtj", "moke", "--synthetic", "--draws", "1e10"], ["--draws", "memory"]),
    (["quantum", "erase", "--method", "free-fermion", "--N", "100000"], ["--N", "memory"]),
    (["aqfp", "mismatch", "--mc", "1e12"], ["--mc", "memory"]),
    (["mtj", "erase", "-T", "1e-6"], ["-T/--temperature", "E_b/kT"]),
    (["mtj", "erase", "-n", "1e9"], ["-n/--trajectories"]),
    (["squid", "ce", "--bit", "2", "--control", "0", "--target", "0", "-n", "1e9"], ["-n/--trajectories"]),
    (["aqfp", "simulate", "-n", "1e12"], ["-n/--trajectories"]),
    (["bench", "--trajectories", "1e14"], ["--trajectories"]),
    # negative or empty counts
    (["bound", "--bits", "-1"], ["--bits", ">= 0"]),
    (["squid", "ce", "--bit", "2", "--control", "0", "--target", "0", "--n", "-5"], ["--n", ">= 0"]),
    (["squid", "nand", "-n", "-5"], ["-n", ">= 0"]),
    (["aqfp", "mismatch", "--mc", "-5"], ["--mc", ">= 0"]),
    (["mtj", "erase", "--sweep", ""], ["--sweep"]),
    (["mtj", "erase", "--sweep", "5,,10"], ["--sweep"]),
    (["bench", "--trajectories", "0"], ["--trajectories", ">= 2"]),
    (["erase", "double-well", "--seed", "-1"], ["--seed"]),
    (["mtj", "erase", "--seed", "-1"], ["--seed"]),
    (["transport", "fit", str(DATA / "mtj_moke_metadata.csv"), "--seed", "-1"], ["--seed"]),
    # messages in the user's units and flags
    (["mtj", "erase", "--diameter", "-5"], ["--diameter", "nm", "-5"]),
    (["squid", "landscape", "--L", "-10"], ["--L", "pH", "-10"]),
    (["mtj", "erase", "--stage-time", "0"], ["--stage-time", "ns"]),
    (["transport", "iv", "--gamma-L", "-1"], ["--gamma-L", "meV"]),
    (["mtj", "erase", "--hk", "1e-6", "-n", "4"], ["--stage-time", "ns", "--hk"]),
    (["mtj", "erase", "--hx", "100", "-n", "4"], ["--hx", "ns"]),
    # MOKE: the user's data need the user's calibration
    (["mtj", "moke", str(DATA / "mtj_moke_dev01_easy.csv"), str(DATA / "mtj_moke_dev01_hard.csv")], ["--meta"]),
    (["mtj", "moke", "--synthetic", str(DATA / "mtj_moke_dev01_easy.csv")], ["--synthetic"]),
    (["quantum", "erase", "-T", "2", "--beta", "1"], ["-T/--temperature", "--beta"]),
])
def test_refused_up_front_with_the_flag(argv: list[str], needles: list[str]) -> None:
    t0 = time.perf_counter()
    o = invoke(*argv)
    assert_one_line_error(o, *needles)
    assert time.perf_counter() - t0 < 20.0  # refused before computing (imports included)


def test_flag_named_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library error about ``n_trajectories`` names ``-n`` or ``--trajectories``, as the user wrote it."""
    from landauer.models.mtj import reset
    from landauer.validation import ParameterError

    def boom(*a: object, **k: object) -> None:
        raise ParameterError("n_trajectories must be >= 2, got 1")

    monkeypatch.setattr(reset, "run_reset", boom)
    short = invoke("mtj", "erase", "-n", "4")
    long = invoke("mtj", "erase", "--trajectories", "4")
    assert_one_line_error(short, "error: -n must be >= 2")
    assert_one_line_error(long, "error: --trajectories must be >= 2")


def test_library_field_names_become_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ParameterError raised deep in the library with its field name is re-worded with the CLI flag."""
    from landauer.models.mtj import reset
    from landauer.validation import ParameterError

    def boom(*a: object, **k: object) -> None:
        raise ParameterError("tau_stage must be > 0, got -1.0")

    monkeypatch.setattr(reset, "run_reset", boom)
    o = invoke("mtj", "erase", "-n", "4", "--stage-time", "1")
    assert_one_line_error(o, "--stage-time must be > 0")
    assert "tau_stage" not in o.err


@pytest.mark.parametrize("spelling", ["--out", "--csv"])
def test_out_under_a_file_is_refused_before_work(tmp_path: Path, spelling: str) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine\n")
    o = invoke("transport", "iv", "--points", "5", spelling, str(afile / "x.csv"))
    assert_one_line_error(o, "afile is a file")
    assert afile.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_erase_out_under_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    t0 = time.perf_counter()
    o = invoke("erase", "double-well", "--out", str(afile / "x.nc"))
    assert_one_line_error(o, "--out", "afile is a file")
    assert time.perf_counter() - t0 < 20.0


def test_out_missing_directory(tmp_path: Path) -> None:
    o = invoke("bound", "--out", str(tmp_path / "nope" / "b.json"))
    assert_one_line_error(o, "--out", "does not exist")
    assert not (tmp_path / "nope").exists()


def test_bound_json_to_out_file(tmp_path: Path) -> None:
    import json

    dest = tmp_path / "b.json"
    o = invoke("bound", "-T", "300", "--bits", "2", "--json", "--out", str(dest))
    assert o.rc == 0, o.err
    assert json.loads(dest.read_text()) == json.loads(o.out)
    assert json.loads(o.out)["bound_kTln2"] == pytest.approx(2.0)


def test_moke_non_finite_row_names_file_and_row(tmp_path: Path) -> None:
    for f in ("mtj_moke_dev01_easy.csv", "mtj_moke_dev01_hard.csv", "mtj_moke_metadata.csv"):
        (tmp_path / f).write_text((DATA / f).read_text())
    easy = tmp_path / "mtj_moke_dev01_easy.csv"
    lines = easy.read_text().splitlines()
    k = next(i for i, ln in enumerate(lines[1:], start=1) if float(ln.split(",")[0]) != 0.0)
    parts = lines[k].split(",")
    parts[1] = "1e300"
    lines[k] = ",".join(parts)
    easy.write_text("\n".join(lines) + "\n")
    o = invoke("mtj", "moke", str(easy), str(tmp_path / "mtj_moke_dev01_hard.csv"),
               "--meta", str(tmp_path / "mtj_moke_metadata.csv"))
    assert_one_line_error(o, "mtj_moke_dev01_easy.csv", f"row {k + 1}", "kerr_mrad")


def test_moke_user_files_with_meta_give_finite_energies(tmp_path: Path) -> None:
    import json

    o = invoke("mtj", "moke", str(DATA / "mtj_moke_dev01_easy.csv"), str(DATA / "mtj_moke_dev01_hard.csv"),
               "--meta", str(DATA / "mtj_moke_metadata.csv"), "--draws", "200", "--json")
    assert o.rc == 0, o.err
    d = json.loads(o.out)["devices"][0]
    assert d["device"] == "mtj_moke_dev01" and d["E_signed_zJ"] is not None


def test_bound_human_output_has_no_numpy_reprs_or_negative_zero() -> None:
    o = invoke("bound", "--bits", "0")
    assert o.rc == 0, o.err
    assert "np.float64" not in o.out and "-0 " not in o.out and "-0\n" not in o.out
    assert "bound_kTln2" in o.out


def test_group_help_not_truncated() -> None:
    o = invoke("--help")
    assert o.rc == 0
    # aqfp's first sentence carries its citation; click's default short help cut it off
    assert "arXiv:2504.04284" in o.out.replace("\n", " ").replace("  ", " ")
