"""Run the CLI in-process and capture what a user would see (shared by tests/cli)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from landauer.cli import main


@dataclass
class Outcome:
    rc: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [ln for ln in self.err.splitlines() if ln.strip()]


def invoke(*argv: str) -> Outcome:
    """``landauer ARGV`` in this process; returns exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    rc = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(argv))
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Outcome(rc, out.getvalue(), err.getvalue())


def assert_one_line_error(o: Outcome, *needles: str) -> None:
    """Exit 2, exactly one line on stderr starting 'error:', containing every needle, no traceback."""
    assert o.rc == 2, (o.rc, o.err, o.out)
    assert "Traceback" not in o.err, o.err
    errs = [ln for ln in o.err_lines if not ln.startswith("warning:")]
    assert len(errs) == 1 and errs[0].startswith("error:"), o.err
    for n in needles:
        assert n in errs[0], (n, errs[0])
