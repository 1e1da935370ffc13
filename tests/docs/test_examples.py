"""Every code block in README.md and docs/*.md marked ``<!-- runnable -->`` is executed here.

Marker (an HTML comment on the line before the fence, invisible on GitHub and in the site):

- ``<!-- runnable -->``: run in CI; ``<!-- runnable: slow -->``: run by ``make test-all`` only.
- ``<!-- not-runnable: reason -->``: deliberately not executed (e.g. ``make`` targets); the reason is required.

How a block runs:

- Python with ``>>>`` prompts: a doctest (outputs compared; ``...`` matches anything, whitespace normalised).
- Python without prompts: executed; it must not raise.
- ``console``/``bash``: each ``$ landauer ...`` line runs the CLI in-process; the lines after it, if any, are
  the expected standard output (compared like a doctest). Other commands are not allowed in a runnable block.

Every ``python``/``pycon``/``console``/``bash``/``shell`` block must carry one of the markers, so a new
example cannot silently escape the tests.
"""

from __future__ import annotations

import doctest
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARK = re.compile(r"^<!--\s*(runnable|not-runnable)\s*(?::\s*(.*?))?\s*-->$")
FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)")
CODE_LANGS = {"python", "py", "pycon", "console", "bash", "sh", "shell"}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    mark: str | None  # "runnable", "not-runnable" or None
    arg: str  # "slow" for runnable, the reason for not-runnable

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    out: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang = m.group(1), m.group(2).lower()
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence[:3]):
            j += 1
        prev = next((lines[k].strip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        mk = MARK.match(prev)
        out.append(Block(path, i + 1, lang, "\n".join(lines[i + 1:j]) + "\n",
                         mk.group(1) if mk else None, (mk.group(2) or "") if mk else ""))
        i = j + 1
    return out


ALL = [b for f in FILES for b in blocks(f)]
RUNNABLE = [pytest.param(b, id=b.id, marks=[pytest.mark.slow] if b.arg == "slow" else [])
            for b in ALL if b.mark == "runnable"]


def test_every_code_block_is_marked():
    unmarked = [b.id for b in ALL if b.lang in CODE_LANGS and b.mark is None]
    assert not unmarked, ("code blocks without <!-- runnable --> or <!-- not-runnable: reason -->: "
                          + ", ".join(unmarked))
    no_reason = [b.id for b in ALL if b.mark == "not-runnable" and not b.arg]
    assert not no_reason, f"not-runnable blocks must say why: {', '.join(no_reason)}"
    assert RUNNABLE, "no runnable examples found"


@pytest.mark.parametrize("block", RUNNABLE)
def test_example_runs(block: Block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    if block.lang in {"python", "py", "pycon"}:
        if ">>>" in block.code:
            _doctest(block)
        else:
            exec(compile(block.code, block.id, "exec"), {"__name__": "__docs__"})
    elif block.lang in {"console", "bash", "sh", "shell"}:
        _console(block)
    else:
        pytest.fail(f"{block.id}: cannot run a {block.lang or 'plain'} block")


def _doctest(block: Block) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.code, {"__name__": "__docs__"}, block.id, str(block.path), block.line)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def _console(block: Block) -> None:
    from click.testing import CliRunner

    from landauer.cli import cli

    commands: list[tuple[str, list[str]]] = []
    for line in block.code.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
        elif line.strip():
            pytest.fail(f"{block.id}: output before any '$ ' command")
    assert commands, f"{block.id}: no '$ ' command in a runnable console block"
    checker = doctest.OutputChecker()
    for command, expected in commands:
        argv = shlex.split(command, comments=True)
        assert argv[0] == "landauer", f"{block.id}: only `landauer` commands can run here, got {argv[0]!r}"
        result = CliRunner().invoke(cli, argv[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{block.id}: `{command}` exited {result.exit_code}:\n{result.output}"
        want = "\n".join(expected).strip("\n")
        got = result.stdout
        if want and not checker.check_output(want + "\n", got, FLAGS):
            diff = checker.output_difference(doctest.Example(command, want + "\n"), got, FLAGS)
            pytest.fail(f"{block.id}: `{command}` printed something else\n{diff}")
