"""The runnable example of docs/optimise.md executes and prints what the page says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "optimise.md"


def test_docs_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)
    assert blocks
    for code in blocks:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, str(DOC), "exec"), {})
        printed = buf.getvalue().split()
        # each print line's comment starts with the value it prints
        comments = [ln.split("#", 1)[1].split()[0] for ln in code.splitlines() if "print(" in ln and "#" in ln]
        assert printed == comments, (printed, comments)
