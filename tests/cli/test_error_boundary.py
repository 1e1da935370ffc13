"""The one error boundary in ``landauer.cli.main``: exit codes, one line, --debug, warnings, Ctrl-C."""

from __future__ import annotations

import errno
import warnings

import pytest
from clihelp import assert_one_line_error, invoke

from landauer.cli import core


def _patch_bound(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    import landauer.bounds as b

    def boom(*a: object, **k: object) -> float:
        raise exc

    monkeypatch.setattr(b, "erasure_with_error", boom)


@pytest.mark.parametrize(("exc", "needle"), [
    (MemoryError(), "not enough memory"),
    (OverflowError("math range error"), "numerical overflow"),
    (OSError(errno.EROFS, "Read-only file system", "/ro/x.nc"), "Read-only file system: /ro/x.nc"),
    (FileExistsError(errno.EEXIST, "File exists", "out/x"), "File exists: out/x"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "not UTF-8"),
    (KeyError("bogus"), "unknown key 'bogus'"),
])
def test_user_errors_are_one_line_exit_2(monkeypatch: pytest.MonkeyPatch, exc: BaseException,
                                         needle: str) -> None:
    _patch_bound(monkeypatch, exc)
    assert_one_line_error(invoke("bound"), needle)


def test_debug_flag_and_env_show_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_bound(monkeypatch, MemoryError())
    o = invoke("--debug", "bound")
    assert o.rc == 2 and "Traceback" in o.err
    o = invoke("bound", "--debug")  # anywhere on the line
    assert o.rc == 2 and "Traceback" in o.err
    monkeypatch.setenv("LANDAUER_DEBUG", "1")
    o = invoke("bound")
    assert o.rc == 2 and "Traceback" in o.err


def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_bound(monkeypatch, KeyboardInterrupt())
    o = invoke("bound")
    assert o.rc == 130
    assert "Traceback" not in o.err and o.err_lines == ["interrupted (nothing half-written was left behind)"]


def test_ctrl_c_during_write_leaves_nothing(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Interrupted while the output file is being written: no partial file, no temporary left over."""
    from pathlib import Path

    real = Path.write_text

    def half_then_interrupt(self: Path, data: str, *a: object, **k: object) -> int:
        real(self, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", half_then_interrupt)
    o = invoke("bound", "--out", str(tmp_path / "b.json"))
    monkeypatch.undo()
    assert o.rc == 130
    assert list(tmp_path.iterdir()) == []


def test_bugs_say_internal_error_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_bound(monkeypatch, RuntimeError("oops"))
    o = invoke("bound")
    assert o.rc == 1 and "Traceback" not in o.err
    assert len(o.err_lines) == 1 and o.err_lines[0].startswith("internal error: RuntimeError: oops")


def test_warnings_print_as_one_clean_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import landauer.bounds as b

    real = b.erasure_with_error

    def noisy(eps: float) -> float:
        warnings.warn("something to know\nsecond line", UserWarning, stacklevel=1)
        return real(eps)

    monkeypatch.setattr(b, "erasure_with_error", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        o = invoke("bound")
    assert o.rc == 0
    assert o.err_lines == ["warning: something to know"]


def test_click_usage_errors_are_one_line() -> None:
    assert_one_line_error(invoke("bound", "--bogus"), "No such option")
    assert_one_line_error(invoke("bound", "-T", "abc"), "-T", "not a number")
    assert_one_line_error(invoke("bound", "-T", "1,5"), "decimal point")
    assert_one_line_error(invoke("bound", "-T", "nan"), "not finite")


def test_reproduce_unknown_paper_before_any_work() -> None:
    assert_one_line_error(invoke("reproduce", "nonexistent-paper"), "unknown paper")


def test_core_module_uses_the_shared_vocabulary() -> None:
    names = {p.name: p.opts for p in core.bench.params}
    assert names["trajectories"] == ["-n", "--trajectories"]
    assert {o for p in core.bound.params for o in p.opts} >= {"-T", "--temperature", "--json", "--out"}


def test_every_command_speaks_one_vocabulary() -> None:
    """Same things, same flags: -T/--temperature, -n/--trajectories, --seed, --json in every group."""
    import click

    from landauer.cli import cli

    def leaves(g: click.Group, path: str = ""):  # noqa: ANN202
        for name, c in g.commands.items():
            if isinstance(c, click.Group):
                yield from leaves(c, f"{path}{name} ")
            else:
                yield f"{path}{name}", c

    for name, cmd in leaves(cli):
        for p in cmd.params:
            if not isinstance(p, click.Option) or p.hidden:
                continue
            if p.name == "temperature":
                assert set(p.opts) == {"-T", "--temperature"}, name
            if p.name == "trajectories":
                assert set(p.opts) == {"-n", "--trajectories"}, name
            assert "--T" not in p.opts and "--n" not in p.opts, name


def test_old_spellings_still_work_with_a_deprecation_line() -> None:
    import json

    new = invoke("squid", "landscape", "-T", "1", "--json")
    old = invoke("squid", "landscape", "--T", "1", "--json")
    default = invoke("squid", "landscape", "--json")
    assert new.rc == old.rc == default.rc == 0
    u_new, u_old = json.loads(new.out)["U0_over_kT"], json.loads(old.out)["U0_over_kT"]
    assert u_old == u_new != json.loads(default.out)["U0_over_kT"]
    assert old.err_lines == ["warning: --T is deprecated; use -T/--temperature"]
