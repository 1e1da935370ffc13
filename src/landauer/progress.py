"""Progress bars for long runs: shown on stderr only after ~2 s, never in quiet mode."""

from __future__ import annotations

from typing import Any

from tqdm.auto import tqdm


def progress_bar(*, total: int, desc: str, enabled: bool = True, unit: str = "it") -> Any:
    """A tqdm bar that appears only if the work lasts longer than two seconds."""
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled, delay=2.0, leave=False)
