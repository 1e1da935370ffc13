"""CSV readers (transport I(V) data, MOKE loops and metadata): every defect named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import assert_one_line_error, invoke

from landauer.io import read_csv_table
from landauer.models.mtj.moke import MokeMetadata, read_loop
from landauer.models.transport.fit import load_iv_csv
from landauer.validation import ParameterError

DATA = Path(__file__).resolve().parents[2] / "src" / "landauer" / "data"
IV = "state,V_mV,I_nA,sigma_nA\nP,-1,-2.0,0.1\nP,0,0.5,0.1\nP,1,3.0,0.1\nP,2,5.5,0.1\n"


def _w(tmp_path: Path, text: str | bytes, name: str = "d.csv") -> Path:
    p = tmp_path / name
    (p.write_bytes if isinstance(text, bytes) else p.write_text)(text)  # type: ignore[operator]
    return p


def test_bom_is_stripped(tmp_path: Path) -> None:
    d = load_iv_csv(_w(tmp_path, ("\ufeff" + IV).encode("utf-8")))
    assert d.V_mV.tolist() == [-1.0, 0.0, 1.0, 2.0]


@pytest.mark.parametrize(("text", "needles"), [
    # decimal commas: more fields than the header, said so
    ("state,V_mV,I_nA,sigma_nA\nP,-1,-2,0,0,1\nP,0,0,5,0,1\nP,1,3,0,0,1\n", ["line 2", "decimal commas"]),
    # semicolon separated (European spreadsheet export)
    ("state;V_mV;I_nA\nP;-1;-2,0\nP;0;0,5\nP;1;3,0\n", ["line 1", "';'"]),
    # too many / too few fields
    ("state,V_mV,I_nA\nP,1,2,3\nP,2,3\nP,3,4\n", ["line 2", "expected 3 fields", "got 4"]),
    ("state,V_mV,I_nA\nP,1,2\nP,2\nP,3,4\n", ["line 3", "expected 3 fields", "got 2"]),
    # quoted comma decimal in one field
    ('state,V_mV,I_nA\nP,1,"2,5"\nP,2,3\nP,3,4\n', ["line 2", "I_nA", "decimal comma"]),
    # absurd magnitudes: an error naming the row, not chi2 = inf
    ("state,V_mV,I_nA\nP,1,1e300\nP,2,3\nP,3,4\n", ["line 2", "I_nA", "physical range"]),
    ("state,V_mV,I_nA\n\nP,1,2\n# comment\nP,2,inf\nP,3,4\n", ["line 5", "not finite"]),
])
def test_malformed_iv_csv(tmp_path: Path, text: str, needles: list[str]) -> None:
    p = _w(tmp_path, text)
    with pytest.raises(ParameterError) as exc:
        load_iv_csv(p)
    msg = str(exc.value)
    assert str(p) in msg
    for n in needles:
        assert n in msg, (n, msg)


@pytest.mark.parametrize("blob", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                  "state,V_mV,I_nA\nP,1,2\n".encode("utf-16")])
def test_binary_garbage_names_the_file(tmp_path: Path, blob: bytes) -> None:
    p = _w(tmp_path, blob)
    with pytest.raises(ParameterError) as exc:
        load_iv_csv(p)
    assert str(p) in str(exc.value)
    o = invoke("transport", "fit", str(p))
    assert_one_line_error(o, str(p))


def test_latin1_file_names_file_and_line(tmp_path: Path) -> None:
    p = _w(tmp_path, "state,V_mV,I_nA\n# r\xe9sum\xe9\nP,1,2\n".encode("latin-1"))
    with pytest.raises(ParameterError, match=r"d\.csv, line 2: not UTF-8"):
        read_csv_table(p, required=("state",))


def test_moke_loop_reader_shares_the_checks(tmp_path: Path) -> None:
    good = (DATA / "mtj_moke_dev01_easy.csv").read_text()
    loop = read_loop(_w(tmp_path, "\ufeff" + good, "a_easy.csv"))
    assert loop.H.size == len(good.strip().splitlines()) - 1
    lines = good.splitlines()
    lines[3] = lines[3] + ",7"
    with pytest.raises(ParameterError, match=r"b_easy\.csv, line 4: expected 4 fields"):
        read_loop(_w(tmp_path, "\n".join(lines) + "\n", "b_easy.csv"))
    semi = good.replace(",", ";")
    with pytest.raises(ParameterError, match=r"c_easy\.csv, line 1: fields are separated by ';'"):
        read_loop(_w(tmp_path, semi, "c_easy.csv"))


def test_moke_metadata_reader(tmp_path: Path) -> None:
    text = (DATA / "mtj_moke_metadata.csv").read_text()
    assert MokeMetadata.from_csv(_w(tmp_path, "\ufeff" + text, "m.csv")) == MokeMetadata.synthetic_default()
    with pytest.raises(ParameterError, match=r"m2\.csv, row 3: metadata key 'A_dev_m2' given twice"):
        lines = text.splitlines()
        MokeMetadata.from_csv(_w(tmp_path, "\n".join([lines[0], lines[1], lines[1], *lines[2:]]) + "\n",
                                 "m2.csv"))
    with pytest.raises(ParameterError, match=r"m3\.csv, line 2: expected 3 fields"):
        lines = text.splitlines()
        MokeMetadata.from_csv(_w(tmp_path, "\n".join([lines[0], lines[1] + ",9", *lines[2:]]) + "\n",
                                 "m3.csv"))


def test_fit_reports_unconstrained_parameters(tmp_path: Path) -> None:
    """``--free sp,e0_AP`` on P-only data: e0_AP is reported as unconstrained, not silently dropped."""
    import json

    import numpy as np

    from landauer.models.transport.fit import IVData, model_current_nA
    from landauer.models.transport.params import paper_params

    v = np.linspace(-8, 8, 9)
    d = IVData(np.array(["P"] * v.size), v, np.zeros_like(v), None)
    i = model_current_nA({}, {"P": paper_params("P")}, d)
    rows = "\n".join(f"P,{a:.6g},{b:.8g},{max(abs(b) * 0.01, 1e-3):.3g}" for a, b in zip(v, i, strict=True))
    p = _w(tmp_path, "state,V_mV,I_nA,sigma_nA\n" + rows + "\n")
    o = invoke("transport", "fit", str(p), "--free", "sp,e0_AP", "--starts", "1", "--json")
    assert o.rc == 0, o.err
    res = json.loads(o.out)
    assert res["unconstrained"] == {"e0_AP": "no AP data"}
    assert "sp" in res["values"]
    assert any("--free e0_AP" in ln and "not constrained" in ln for ln in o.err_lines), o.err
    only = invoke("transport", "fit", str(p), "--free", "e0_AP", "--starts", "1")
    assert_one_line_error(only, "e0_AP", "absent from the data")
