"""Outputs: checked before work, written atomically with the umask's permissions, never over user files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from clihelp import assert_one_line_error, invoke

from landauer import io
from landauer.reproduce import Report, completed
from landauer.validation import ParameterError


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_atomic_file_honours_umask(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        io.atomic_write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.txt") == 0o666 & ~mask  # tempfile alone gives 0600


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_atomic_directory_honours_umask(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        with io.atomic_directory(tmp_path / "paper") as tmp:
            (tmp / "summary.json").write_text("{}")
            (tmp / "sub").mkdir()
            (tmp / "sub" / "f.nc").write_text("")
    finally:
        os.umask(old)
    d = tmp_path / "paper"
    assert _mode(d) == 0o777 & ~mask  # mkdtemp alone gives 0700
    assert _mode(d / "sub") == 0o777 & ~mask
    assert _mode(d / "summary.json") == 0o666 & ~mask
    assert _mode(d / "sub" / "f.nc") == 0o666 & ~mask


def test_atomic_directory_never_replaces_foreign_files(tmp_path: Path) -> None:
    dest = tmp_path / "paper"
    dest.mkdir()
    (dest / "my_notes.txt").write_text("precious")
    with pytest.raises(ParameterError, match="my_notes.txt"), io.atomic_directory(dest) as tmp:
        (tmp / "summary.json").write_text("{}")
    assert (dest / "my_notes.txt").read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["paper"]  # no temporary left behind


def test_atomic_directory_replaces_its_own_output(tmp_path: Path) -> None:
    dest = tmp_path / "paper"
    for text in ("one", "two"):
        with io.atomic_directory(dest) as tmp:
            (tmp / "summary.json").write_text(text)
    assert (dest / "summary.json").read_text() == "two"
    assert io.foreign_files(dest) == []
    (dest / "added.txt").write_text("user")
    assert io.foreign_files(dest) == ["added.txt"]


def test_reproduce_refuses_before_computing_when_user_files_are_in_the_way(tmp_path: Path) -> None:
    mine = tmp_path / "out" / "double-well" / "keep.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine")
    o = invoke("reproduce", "double-well", "--quick", "--out", str(tmp_path / "out"), "--no-progress")
    assert_one_line_error(o, "--out", "keep.txt", "Move them away")
    assert mine.read_text() == "mine"
    assert sorted(p.name for p in mine.parent.iterdir()) == ["keep.txt"]


def test_resume_skips_completed_papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import landauer.papers.double_well as paper

    calls = []

    def fake_run(*, quick: bool, seed: int, progress: bool) -> Report:
        calls.append(seed)
        r = Report(paper="double-well", quick=quick, seed=seed)
        r.add("x", 1.0, unit="kT")
        return r

    monkeypatch.setattr(paper, "run", fake_run)
    out = tmp_path / "out"
    assert invoke("reproduce", "double-well", "--quick", "--out", str(out), "--seed", "5").rc == 0
    assert completed(out, "double-well", quick=True, seed=5)
    assert not completed(out, "double-well", quick=False, seed=5)
    assert not completed(out, "double-well", quick=True, seed=6)
    o = invoke("reproduce", "double-well", "--quick", "--out", str(out), "--seed", "5", "--resume")
    assert o.rc == 0 and "skipped" in o.err
    assert calls == [5]
    assert invoke("reproduce", "double-well", "--quick", "--out", str(out), "--seed", "6", "--resume").rc == 0
    assert calls == [5, 6]
    assert json.loads((out / "double-well" / "summary.json").read_text())["seed"] == 6


def test_check_writable_file_cases(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    with pytest.raises(ParameterError, match="afile is a file"):
        io.check_writable_file(tmp_path / "afile" / "x.nc", "--out")
    with pytest.raises(ParameterError, match="does not exist"):
        io.check_writable_file(tmp_path / "missing" / "x.nc", "--out")
    with pytest.raises(ParameterError, match="is a directory"):
        io.check_writable_file(tmp_path, "--out")
    assert io.check_writable_file(tmp_path / "ok.nc", "--out") == tmp_path / "ok.nc"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]  # the probe leaves nothing


def test_check_refuses_a_directory_it_cannot_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit test of the decision, independent of who runs the tests: access() says no -> refused."""
    real = os.access
    ro = tmp_path / "ro"
    ro.mkdir()
    monkeypatch.setattr(io.os, "access", lambda p, m: False if Path(p) == ro else real(p, m))
    with pytest.raises(ParameterError, match="not writable"):
        io.check_writable_file(ro / "x.nc", "--out")
    with pytest.raises(ParameterError, match="not writable"):
        io.check_writable_dir(ro / "sub", "--out")


def test_check_refuses_when_creating_a_file_fails_with_erofs(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """root passes access() on a read-only mount in some containers; the probe file catches EROFS."""
    import errno
    import tempfile

    def erofs(*a: object, **k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", erofs)
    with pytest.raises(ParameterError, match="not writable"):
        io.check_writable_file(tmp_path / "x.nc", "--out")


def test_read_only_directory_for_real(tmp_path: Path) -> None:
    """chmod 0555: refused before any work (skipped where this user can write anyway, e.g. root)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        try:
            (ro / "probe").write_text("")
        except PermissionError:
            pass
        else:
            pytest.skip("this user can write into a 0555 directory (root); covered by the unit tests above")
        for argv in (["bound", "--out", str(ro / "b.json")],
                     ["transport", "iv", "--points", "5", "--out", str(ro / "iv.csv")],
                     ["erase", "double-well", "--out", str(ro / "x.nc")],
                     ["reproduce", "double-well", "--out", str(ro / "out")]):
            assert_one_line_error(invoke(*argv), "not writable")
    finally:
        ro.chmod(0o755)
