"""docs/devices.md ("Your own device") runs: its TOML file loads and erases a bit, and its Python blocks
execute (here, unless the generic runner tests/docs/test_examples.py, which runs every marked block, is
present)."""

import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "devices.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", PAGE.read_text(), flags=re.S)


def test_page_toml_erases_a_bit(tmp_path: Path) -> None:
    from landauer.erasure import erase

    (toml,) = _blocks("toml")
    path = tmp_path / "quartic.toml"
    path.write_text(toml)
    run = erase(path, n_trajectories=300, tau=32.0, seed=3)
    s = run.summary
    assert run.device_file.device.states == ("0", "1") and s.target == 1
    # the second law with the residual error, within 4 standard errors
    assert s.mean_work > s.eps_corrected_bound - 4 * s.mean_work_se
    assert s.success_probability > 0.9
    assert np.all(run.dataset.state_final.values >= 0)


@pytest.mark.skipif((ROOT / "tests" / "docs" / "test_examples.py").exists(),
                    reason="executed by tests/docs/test_examples.py")
@pytest.mark.parametrize("k", range(len(_blocks("python"))))
def test_page_python_blocks_run(k: int) -> None:
    exec(compile(_blocks("python")[k], f"{PAGE}:python[{k}]", "exec"), {"__name__": "__docs__"})
