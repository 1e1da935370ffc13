"""TOML device files: the shipped examples load; bad files fail with one line naming the file and key;
the CLI lists devices and prints landscapes, and exits 2 on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from landauer.devices.files import read
from landauer.devices.registry import load, shipped
from landauer.validation import ParameterError

MINIMAL = """
[device]
name = "quartic"
coordinates = ["x"]
energy = "a*x**4 - b*x**2 - f*x"
bounds = [[-3.0, 3.0]]

[device.params]
a = 2.5

[device.controls]
b = 10.0
f = 0.0

[dynamics]
kind = "overdamped"
temperature_K = 300.0
mobility = 1.0
dt = 3e-4

[task]
target = "1"

[[protocol]]
duration = 16.0
b = 0.0
[[protocol]]
duration = 16.0
f = 12.0
[[protocol]]
duration = 16.0
b = 10.0
[[protocol]]
duration = 16.0
f = 0.0
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "dev.toml"
    p.write_text(text)
    return p


def test_minimal_file_of_the_issue_loads(tmp_path: Path) -> None:
    df = read(_write(tmp_path, MINIMAL))
    assert df.device.states == ("0", "1") and df.target == "1"
    assert df.protocol is not None and df.protocol.duration == 64.0
    assert df.protocol.final == {"b": 10.0, "f": 0.0}
    assert df.protocol.value(32.0) == {"b": 0.0, "f": 12.0}
    assert df.dynamics.kT == 1.0 and df.dynamics.integrator == "overdamped-lm"


def test_shipped_devices_load() -> None:
    names = shipped()
    assert {"double-well", "two-well-2d"} <= set(names)
    dw = load("double-well")
    assert dw.device.params == {"a": 8.0} and dw.device.rest == {"b": 16.0, "f": 0.0}
    assert load(str(names["two-well-2d"])).device.states == ("0", "1", "2", "3")


@pytest.mark.parametrize("old,new,needle", [
    ("temperature_K = 300.0", "temperature = 300.0", "[dynamics] temperature has no unit: write temperature_K"),
    ("temperature_K = 300.0", "temperature_C = 27.0", "[dynamics] temperature_C has the wrong unit: write temperature_K"),
    ("temperature_K = 300.0", 'temperature_K = "300 K"', "[dynamics] temperature_K must be a number, got the string"),
    ("temperature_K = 300.0", "temperature_K = -3.0", "[dynamics] temperature_K must be > 0"),
    ("dt = 3e-4", "dt = nan", "[dynamics] dt must be finite"),
    ("a = 2.5", "a = inf", "[device.params] a must be finite"),
    ("mobility = 1.0", "mobility = 1.0\nfriction = 2.0", "[dynamics] friction does not apply to overdamped"),
    ('kind = "overdamped"', 'kind = "ballistic"', "[dynamics] kind must be one of"),
    ("dt = 3e-4", "", "[dynamics] dt is missing"),
    ('target = "1"', 'target = "7"', "[task] target '7' is not a state"),
    ('target = "1"', 'target = "1"\nwobble = 3', "[task] wobble is not a known key"),
    ("duration = 16.0\nb = 0.0", "duration = 16.0\nq = 0.0", "[protocol stage 1] q is not a known key"),
    ("duration = 16.0\nb = 0.0", "b = 0.0", "[protocol stage 1] needs exactly one of duration"),
    ('energy = "a*x**4 - b*x**2 - f*x"', 'energy = "a*x**4 - g*x"', "unknown name(s) ['g']"),
    ('name = "quartic"', "", "[device] name is missing"),
])
def test_bad_files_name_file_and_key(tmp_path: Path, old: str, new: str, needle: str) -> None:
    assert old in MINIMAL
    p = _write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(ParameterError) as err:
        read(p)
    msg = str(err.value)
    assert needle in msg and str(p) in msg and "\n" not in msg, msg


def test_missing_file_and_unknown_name() -> None:
    with pytest.raises(ParameterError, match="does not exist"):
        load("no/such/file.toml")
    with pytest.raises(ParameterError, match="shipped: double-well"):
        load("no-such-device")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from landauer.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_devices_and_landscape_json() -> None:
    r = _cli("devices", "--json")
    assert r.returncode == 0, r.stderr
    assert "double-well" in {d["name"] for d in json.loads(r.stdout)}
    r = _cli("landscape", "--device", "double-well", "--controls", "f=0.5", "--json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert [m["state"] for m in rep["minima"]] == ["0", "1"]
    # tilted towards +x: the left well is shallower (barrier from the left below 8 kT, from the right above)
    assert rep["minima"][0]["barrier_kT"] < 8.0 < rep["minima"][1]["barrier_kT"]
    assert rep["minima"][0]["kramers_time_s"] == pytest.approx(rep["minima"][0]["kramers_time"] * 4.538928190051683)


@pytest.mark.parametrize("args,needle", [
    (("landscape", "--device", "double-well", "--controls", "q=1"), "unknown control"),
    (("landscape", "--device", "double-well", "--controls", "b"), "name=value"),
    (("erase", "--device", "nope.toml"), "does not exist"),
    (("erase", "--device", "double-well", "--tau", "-1"), "--tau"),
    (("erase", "--device", "double-well", "--param", "zz=1"), "unknown parameter"),
    (("erase",), "name a device"),
])
def test_cli_errors_exit_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    r = _cli(*args)
    assert r.returncode == 2, r.stderr
    lines = [ln for ln in r.stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0].lower(), r.stderr
