r"""The one verdict rule used by every paper reproduction (``summary.json``).

Vocabulary
----------
``agree`` / ``disagree`` / ``inconclusive``
    Only against a ``paper_value``: a number or a true/false claim the paper itself states (never a
    number the library computed). For numbers, with the band

    .. math:: b = \max(3\,\mathrm{SE},\ \mathrm{tolerance}),

    the result is ``disagree`` if ``|value - paper_value| > b``; otherwise ``agree`` when
    ``b <= |paper_value| / 2`` and ``inconclusive`` when the band is wider than half the paper's value
    (then "agree" would say nothing: 0 and twice the value would agree too). ``tolerance`` (same unit
    as the value) is what the comparison allows beyond statistics, e.g. half a unit of the last digit
    the paper printed; it must be explained in the note. Claims (booleans) agree iff equal.
``log10`` comparisons
    Orders of magnitude are compared on ``log10`` of both values: ``SE`` becomes
    ``SE / (value ln 10)`` and ``tolerance`` is in decades; the band is ``inconclusive`` beyond
    :data:`LOG_INCONCLUSIVE_DECADES` (a factor ~3.2 either way).
``pass`` / ``fail``
    Checks against our own theory or bounds (second law, an exact identity, a closed form).
``n/a``
    Everything else (values reported without a reference).
"""

from __future__ import annotations

import math
from typing import Literal

Verdict = Literal["agree", "disagree", "inconclusive", "pass", "fail", "n/a"]
VERDICTS: tuple[str, ...] = ("agree", "disagree", "inconclusive", "pass", "fail", "n/a")

#: Number of standard errors in the statistical band.
K_SE = 3.0
#: A log10 band wider than this (decades) cannot tell a factor of ~3 and is inconclusive.
LOG_INCONCLUSIVE_DECADES = 0.5


def band(stderr: float | None, tolerance: float | None) -> float:
    """``max(3 SE, tolerance)`` with missing parts read as 0."""
    se = 0.0 if stderr is None or not math.isfinite(stderr) else abs(float(stderr))
    tol = 0.0 if tolerance is None else abs(float(tolerance))
    return max(K_SE * se, tol)


def compare(
    value: float | bool,
    paper_value: float | bool,
    *,
    stderr: float | None = None,
    tolerance: float | None = None,
    log10: bool = False,
) -> Verdict:
    """Verdict of ``value`` (with its SE) against a value or claim the paper states (see module doc).

    Parameters
    ----------
    value, paper_value : float or bool
        Our number and the paper's, in the same unit; booleans compare claims (equal -> agree).
    stderr : float, optional
        Standard error of ``value`` (``None`` or 0 for exact numbers and conversions).
    tolerance : float, optional
        Allowance beyond statistics, same unit (decades when ``log10``); explain it in the note.
    log10 : bool
        Compare orders of magnitude (both values must be > 0).

    Examples
    --------
    >>> compare(0.70, 0.693, stderr=0.01)
    'agree'
    >>> compare(0.215, 0.693, stderr=0.52)
    'inconclusive'
    >>> compare(2.8, 4.1, tolerance=0.05)
    'disagree'
    """
    if isinstance(paper_value, bool) or isinstance(value, bool):
        if not (isinstance(paper_value, bool) and isinstance(value, bool)):
            raise TypeError("a claim (bool) can only be compared with a claim")
        return "agree" if value == paper_value else "disagree"
    v, p = float(value), float(paper_value)
    if not (math.isfinite(v) and math.isfinite(p)):
        return "inconclusive"
    if log10:
        if v <= 0 or p <= 0:
            raise ValueError("log10 comparison needs positive values")
        se = None if stderr is None else abs(float(stderr)) / (v * math.log(10.0))
        b = band(se, tolerance)
        diff, wide = abs(math.log10(v) - math.log10(p)), b > LOG_INCONCLUSIVE_DECADES
    else:
        b = band(stderr, tolerance)
        diff, wide = abs(v - p), b > abs(p) / 2
    if diff > b:
        return "disagree"
    return "inconclusive" if wide else "agree"


def check(passed: bool) -> Verdict:
    """``pass``/``fail`` for a check against our own theory or bounds."""
    return "pass" if bool(passed) else "fail"


def audit_summary(summary: dict[str, object]) -> list[str]:
    """Problems with the verdicts of a ``summary.json`` dict (empty list when every verdict follows the rule).

    Recomputes each comparison from ``value``, ``stderr``, ``paper_value``, ``tolerance`` and
    ``compared_on``; ``pass``/``fail`` must carry no ``paper_value``, ``agree``/``disagree``/
    ``inconclusive`` must carry one, and a ``tolerance`` must be explained (the note says "tolerance").
    """
    problems = []
    results = summary.get("results", {})
    assert isinstance(results, dict)
    for key, r in results.items():
        v, pv = r["verdict"], r["paper_value"]
        if v not in VERDICTS:
            problems.append(f"{key}: unknown verdict {v!r}")
        elif pv is None and v in ("agree", "disagree", "inconclusive"):
            problems.append(f"{key}: {v} without a paper_value")
        elif pv is not None and v in ("pass", "fail", "n/a"):
            problems.append(f"{key}: paper_value given but verdict {v}")
        elif pv is not None and r["value"] is not None:
            expect = compare(r["value"], pv, stderr=r["stderr"], tolerance=r["tolerance"],
                             log10=r["compared_on"] == "log10")
            if expect != v:
                problems.append(f"{key}: verdict {v} but the rule gives {expect}")
        if r.get("tolerance") is not None and "tolerance" not in r["note"].lower():
            problems.append(f"{key}: tolerance not explained in the note")
    return problems
