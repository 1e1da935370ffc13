"""Fuzz the CLI: random argument vectors and random/malformed input files for every command of the
substrate and core groups, run in-process.

Asserted for every example: exit code 0 or 2 (1 would be an 'internal error', i.e. a bug), no traceback,
no file left behind by a failed run (and only the requested --out by a successful one), strictly valid
JSON without NaN/Infinity from a successful --json run.

What it covers, honestly: the vectors are built from each click command's own parameters (types,
ranges, choices, paths), mixing valid values, boundary values, garbage text, huge counts and malformed
files (random bytes, CSV with wrong fields/BOM/decimal commas/semicolons, TOML-looking text). Cheap
commands run for real. Commands whose valid runs simulate ensembles (erase, mtj erase/loops, squid
thermal runs and robustness, aqfp simulate/mismatch, bench) run every check for real, up to and including
the memory/run-time plan, and are then stopped by a sentinel instead of computing: the fuzz exercises
their argument handling, not their physics. Commands added by other helpers are not in the list below.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import click
import pytest
from clihelp import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landauer.cli import _common, cli

COMMANDS = [
    "bound", "cite", "bench", "reproduce", "erase",
    "mtj erase", "mtj loops", "mtj moke",
    "squid landscape", "squid ce", "squid nand", "squid robustness",
    "aqfp potential", "aqfp mismatch", "aqfp entropy", "aqfp simulate",
    "quantum erase",
    "transport iv", "transport audit", "transport fit",
    # commands of the device, optimise, sweep and report helpers (sweep run and optimise stop before work)
    "devices", "landscape", "optimise", "report", "sweep run", "sweep status", "sweep points", "sweep plot",
]
EXAMPLES = int(os.environ.get("LANDAUER_FUZZ_EXAMPLES", "12"))
DERANDOMIZE = not os.environ.get("LANDAUER_FUZZ_RANDOM")


STATS: dict[str, list[Any]] = {}
"""Exit codes seen per command (inspect with -s and LANDAUER_FUZZ_STATS=1)."""


class Reached(BaseException):  # noqa: N818 - a sentinel, not an error
    """Raised where a heavy command would start computing: all its checks have passed."""


def _command(path: str) -> click.Command:
    cmd: click.Command = cli
    for part in path.split():
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[part]
    return cmd


@pytest.fixture(autouse=True)
def _stop_before_heavy_work(monkeypatch: pytest.MonkeyPatch) -> None:
    import landauer.cli as pkg
    import landauer.models.squid.robustness as rob
    from landauer import reproduce

    real_plan_ensemble, real_plan = _common.plan_ensemble, _common.plan

    def plan_ensemble(**kw: Any) -> None:
        real_plan_ensemble(**kw)
        raise Reached

    def plan(**kw: Any) -> None:
        real_plan(**kw)
        raise Reached

    for name in ("erase", "mtj", "squid"):
        mod = __import__(f"{pkg.__name__}.{name}", fromlist=["x"])
        monkeypatch.setattr(mod, "plan_ensemble", plan_ensemble)
    for name in ("aqfp", "core"):
        mod = __import__(f"{pkg.__name__}.{name}", fromlist=["x"])
        monkeypatch.setattr(mod, "plan", plan)

    def stop(*a: Any, **k: Any) -> None:
        raise Reached

    import landauer.optimise as opt
    import landauer.sweep as sweep

    monkeypatch.setattr(opt, "optimise", stop)
    monkeypatch.setattr(sweep, "run_study", stop)
    monkeypatch.setattr(rob, "hold_time", stop)
    monkeypatch.setattr(rob, "robustness", stop)
    real_load = reproduce.load_paper

    def load_paper(name: str) -> Any:
        import types

        real_load(name)  # unknown names raise as in real use
        return types.SimpleNamespace(TITLE="t", CITATION="c", run=stop)

    monkeypatch.setattr(reproduce, "load_paper", load_paper)


GARBAGE = ["", "x", "nan", "inf", "-inf", "1,5", "1e400", "0x10", " ", "--", "-1", "1e30", "\u00e9"]
COUNTS = ["-5", "-1", "0", "1", "2", "3", "1e30", "2.5", "x", ""]
FLOATS = ["-1", "0", "0.5", "1", "2", "10", "-0", "1e-6", "1e6"]
STRINGS = {
    "sweep_ns": ["5,10", "", "5,,10", "a,b", "-1,2", "1e9"],
    "p_text": ["0.25,0.25,0.25,0.25", "1,0,0,0", "0.5,0.5", "a,b,c,d", "-1,1,1,0", ""],
    "ce_text": ["2,0,0", "1,1,1", "3,0,0", "x", "", "2,0"],
    "free": ["sp", "sp,SP", "e0_AP", "bogus", "", "sp,sp"],
    "target": ["list", "nonexistent", "double-well", ""],
    "paper": ["double-well", "nonexistent"],
    "name": ["double-well", "nonexistent", "", "../x"],
    "device": ["double-well", "nonexistent", "", "/dev/null"],
    "controls": ["f=1", "f", "bogus=1", "f=nan", "="],
    "params": ["a=1", "a", "bogus=2", "a=-1", "a=inf"],
}
# keep valid runs of the cheap commands cheap: small sizes where the default would be slow
CHEAP = {"points": ["3", "5", "9", "-1", "1e30", "x"], "N": ["1", "2", "3", "0", "-1", "1e30", "x"],
         "draws": ["100", "150", "99", "1e30", "-5"], "starts": ["1", "2", "0", "-1", "1e30"],
         "n_mc": ["0", "-5", "1e30", "x", "1000"]}

CSV_HEADERS = ["state,V_mV,I_nA,sigma_nA", "state,V_mV,I_nA", "mu0H_mT,kerr_mrad,kerr_err_mrad,time_s",
               "mu0H_mT,kerr_mrad", "key,value,uncertainty", "a;b;c", "\ufeffstate,V_mV,I_nA", ""]
CELLS = ["P", "AP", "X", "0", "1", "-1", "2.5", "1,5", "1e300", "nan", "", "abc", "1e-9", '"3,4"']


@st.composite
def data_file(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["csv", "csv", "csv", "binary", "toml"]))
    if kind == "binary":
        return draw(st.binary(min_size=0, max_size=300))
    if kind == "toml":
        lines = draw(st.lists(st.sampled_from(
            ["[device]", "name = 'x'", "energy = \"x**4 - x**2\"", "[params", "a = ", "b = 1e400", "= 3",
             "[[controls]]", "c = [1, 2", "key,value", "\x00"]), max_size=8))
        return "\n".join(lines).encode()
    header = draw(st.sampled_from(CSV_HEADERS))
    width = max(1, len(header.split(",")))
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=width - 1, max_size=width + 1),
                         max_size=14))
    text = header + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    enc = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]))
    return text.encode(enc, errors="replace")


VALID = {"points": ["3", "5", "9"], "N": ["1", "2", "3"], "draws": ["100", "150"], "starts": ["1", "2"],
         "n_mc": ["0", "1000"], "trajectories": ["2", "3"], "steps": ["1", "5"], "n_gates": ["1", "2"],
         "seed": ["0", "1", "12345"], "sweep_ns": ["5,10", "3"], "p_text": ["0.25,0.25,0.25,0.25"],
         "ce_text": ["2,0,0", "1,1,1"], "free": ["sp", "sp,pL"], "target": ["list", "double-well"],
         "paper": ["double-well"], "name": ["double-well", "harmonic-drag"], "device": ["double-well"],
         "controls": ["f=1"], "params": ["a=1"]}
ARG_ONLY = {"target", "paper", "name"}
DATA = Path(__file__).resolve().parents[2] / "src" / "landauer" / "data"
IV_OK = "state,V_mV,I_nA\nP,-5,-1.0\nP,-1,-0.1\nP,0,0.02\nP,1,0.15\nP,5,1.2\n"


def _valid(draw: st.DrawFn, p: click.Parameter, root: Path) -> list[str]:
    t, name = p.type, p.name or ""
    if isinstance(t, click.Path):
        if name == "files":
            return [str(DATA / "mtj_moke_dev01_easy.csv"), str(DATA / "mtj_moke_dev01_hard.csv")]
        if name == "meta_path":
            return [str(DATA / "mtj_moke_metadata.csv")]
        if getattr(t, "exists", False) or name == "data":
            f = root / "iv.csv"
            f.write_text(IV_OK)
            return [str(f)]
        return [str(root / "out" / "result.out")]
    if name in VALID and _applies(name, p):
        return [draw(st.sampled_from(VALID[name]))]
    if isinstance(t, click.Choice):
        return [draw(st.sampled_from([str(c) for c in t.choices]))]
    if isinstance(p, click.Option) and isinstance(p.default, int | float | str) and not isinstance(p.default, bool):
        return [str(p.default)]
    if isinstance(t, _common.Real):
        cands = [v for v in FLOATS if _accepts(t, float(v))]
        return [draw(st.sampled_from(cands or ["1"]))]
    if isinstance(t, click.types.IntRange):
        return [str(t.min if t.min is not None else 0)]
    return ["1"]


def _applies(name: str, p: click.Parameter) -> bool:
    """Name-keyed values apply to free-text parameters (and the named arguments) only."""
    if name in ARG_ONLY:
        return isinstance(p, click.Argument)
    if name in STRINGS:
        return isinstance(p.type, click.types.StringParamType)
    return True


def _accepts(t: _common.Real, v: float) -> bool:
    try:
        t.convert(v, None, None)
    except click.BadParameter:
        return False
    return True


def _corrupt(draw: st.DrawFn, p: click.Parameter, root: Path) -> list[str]:
    t = p.type
    name = p.name or ""
    if isinstance(t, click.Path):
        choice = draw(st.sampled_from(["missing_dir", "under_file", "dir", "data", "data"]))
        if choice == "data":
            f = root / f"in{draw(st.integers(0, 99))}_{draw(st.sampled_from(['easy', 'hard', 'x']))}.csv"
            f.write_bytes(draw(data_file()))
            return [str(f)]
        return [str({"missing_dir": root / "nope" / "r.out", "under_file": root / "afile" / "r.out",
                     "dir": root}[choice])]
    if name in CHEAP:
        return [draw(st.sampled_from(CHEAP[name]))]
    if name == "device" and draw(st.booleans()):
        f = root / f"dev{draw(st.integers(0, 9))}.toml"
        f.write_bytes(draw(data_file()))
        return [str(f)]
    if name in STRINGS and _applies(name, p):
        return [draw(st.sampled_from(STRINGS[name]))]
    if isinstance(t, click.Choice):
        return [draw(st.sampled_from([*map(str, t.choices), "bogus"]))]
    if isinstance(t, _common.Count):
        return [draw(st.sampled_from(COUNTS))]
    if isinstance(t, click.types.IntRange | click.types.IntParamType):
        return [draw(st.sampled_from(["-1", "0", "1", "2", "3", "x"]))]
    if isinstance(t, _common.Real | click.types.FloatParamType):
        return [draw(st.sampled_from(FLOATS + GARBAGE[:8]))]
    return [draw(st.sampled_from(GARBAGE))]


@st.composite
def argv_for(draw: st.DrawFn, path: str, root: Path) -> list[str]:
    """Mostly valid vectors with 0-2 corrupted parameters, so that valid runs are explored too."""
    cmd = _command(path)
    params = [p for p in cmd.params if not (isinstance(p, click.Option) and (p.hidden or p.name == "help"))]
    n_bad = draw(st.sampled_from([0, 0, 1, 1, 2]))
    bad = set(draw(st.lists(st.sampled_from(range(len(params))), max_size=n_bad, unique=True))) if params \
        else set()
    argv = path.split()
    for k, p in enumerate(params):
        make = _corrupt if k in bad else _valid

        def value(make: Any = make, p: click.Parameter = p) -> list[str]:
            return make(draw, p, root)

        if isinstance(p, click.Argument):
            if p.nargs == -1:
                argv += value() if (k in bad or draw(st.booleans())) else []
            elif k in bad and draw(st.integers(0, 4)) == 0:
                continue  # missing argument
            else:
                argv += value()
            continue
        assert isinstance(p, click.Option)
        force = p.name in CHEAP or p.name in ("files",) or p.required
        if k not in bad and not force and not draw(st.booleans()):
            continue
        flag = draw(st.sampled_from(p.opts))
        if p.is_flag:
            argv.append(flag if not p.secondary_opts or draw(st.booleans()) else p.secondary_opts[0])
        else:
            argv += [flag, *value()]
    return argv


def _snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _strict_json(text: str) -> Any:
    def bad(token: str) -> None:
        raise AssertionError(f"non-finite number {token} in JSON output")

    return json.loads(text, parse_constant=bad)


@pytest.mark.parametrize("path", COMMANDS)
def test_fuzz_command(path: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.filter_too_much])
    @given(st.data())
    def run(data: st.DataObject) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "afile").write_text("")
            (root / "out").mkdir()
            argv = data.draw(argv_for(path, root))
            before = _snapshot(root)
            try:
                o = invoke(*argv)
                STATS.setdefault(path, []).append(o.rc)
            except Reached:
                STATS.setdefault(path, []).append("reached")
                assert _snapshot(root) == before, argv  # checks passed, nothing written yet
                return
            assert o.rc in (0, 2), (argv, o.rc, o.err)
            assert "Traceback" not in o.err + o.out, (argv, o.err)
            after = _snapshot(root)
            new = after - before
            if o.rc != 0:
                assert not new, (argv, new)
                return
            assert not any(".tmp" in n or n.startswith(".") or "/." in n for n in new), (argv, new)
            if "--json" in argv and o.out.strip():
                _strict_json(o.out)

    run()
    if os.environ.get("LANDAUER_FUZZ_STATS"):
        from collections import Counter

        print(path, dict(Counter(map(str, STATS.get(path, [])))))
