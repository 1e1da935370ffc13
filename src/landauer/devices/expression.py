"""Symbolic side of an expression device: parse ``U(x; c, p)`` with SymPy, differentiate it, and print
Numba-compatible Python source for the energy, gradient, Hessian and classifier.

The generated functions follow the engine's model contract (:mod:`landauer.engine.model`)::

    energy(x, c, p) -> float        gradient(x, c, p, g) -> None      hessian(x, c, p, h) -> None
    classify(x, p) -> int

with ``x`` the coordinates, ``c`` the time-dependent controls and ``p`` the fixed parameters, each in the
device's declared order. They are written element-wise (``x[0]``, ``x[1]``) with ``numpy`` functions, so
their pure-Python ``py_func`` also accepts ``x`` of shape ``(ndim, n...)`` and writes ``g`` of shape
``(ndim, n...)`` and ``h`` of shape ``(ndim, ndim, n...)``: the landscape tools use that vectorised form.
Common subexpressions are shared between the gradient and Hessian components (``sympy.cse``).
"""

from __future__ import annotations

import keyword
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations
from sympy.printing.numpy import NumPyPrinter

from landauer.validation import ParameterError

ALLOWED_FUNCTIONS = (sp.sin, sp.cos, sp.tan, sp.exp, sp.log, sp.sinh, sp.cosh, sp.tanh, sp.asin, sp.acos,
                     sp.atan, sp.atan2, sp.Abs)
RESERVED = {"numpy", "njit", "pi", "E", "I", "oo", "nan", "zoo"}


def check_name(name: str, what: str, where: str = "") -> str:
    """A user-chosen symbol name must be a plain identifier not starting with ``_``."""
    if (not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_")
            or name in RESERVED):
        raise ParameterError(f"{what} name {name!r} must be an identifier (letters, digits, _), not "
                             f"starting with _ and not one of {sorted(RESERVED)}{where}")
    return name


@dataclass(frozen=True)
class Symbols:
    """The coordinate, control and parameter names of a device, in vector order."""

    coordinates: tuple[str, ...]
    controls: tuple[str, ...]
    params: tuple[str, ...]

    def __post_init__(self) -> None:
        names = [*self.coordinates, *self.controls, *self.params]
        for n in self.coordinates:
            check_name(n, "coordinate")
        for n in self.controls:
            check_name(n, "control")
        for n in self.params:
            check_name(n, "parameter")
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ParameterError(f"name(s) {dup} used twice among coordinates, controls and parameters")
        if not self.coordinates:
            raise ParameterError("a device needs at least one coordinate")

    def table(self) -> dict[str, sp.Symbol]:
        return {n: sp.Symbol(n, real=True) for n in (*self.coordinates, *self.controls, *self.params)}


def parse(text: str, syms: Symbols, *, what: str = "energy") -> sp.Expr:
    """Parse ``text`` with only the device's names (and ``pi``, ``E``) free; one-line errors otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise ParameterError(f"{what} must be a non-empty expression string")
    table = syms.table()
    local: dict[str, object] = {**table, "pi": sp.pi, "E": sp.E}
    for f in ALLOWED_FUNCTIONS:
        local.setdefault(f.__name__.lower() if f is not sp.Abs else "abs", f)
    local.update({"sqrt": sp.sqrt, "exp": sp.exp, "ln": sp.log})
    try:
        expr = parse_expr(text, local_dict=local, transformations=(*standard_transformations, convert_xor), evaluate=True)
    except Exception as exc:  # SymPy raises many types for bad syntax
        raise ParameterError(f"cannot parse {what} {text!r}: {type(exc).__name__}: {exc}") from None
    if not isinstance(expr, sp.Basic):
        raise ParameterError(f"{what} {text!r} is not an expression")
    unknown = sorted(str(s) for s in expr.free_symbols if str(s) not in table)
    if unknown:
        raise ParameterError(f"{what} uses unknown name(s) {unknown}; declare them as coordinates, "
                             f"params or controls")
    for f in expr.atoms(sp.Function):
        if not isinstance(f, ALLOWED_FUNCTIONS):
            raise ParameterError(f"{what}: function {type(f).__name__} is not supported "
                                 f"(use {', '.join(sorted(g.__name__ for g in ALLOWED_FUNCTIONS))}, sqrt)")
    return expr


class _Printer(NumPyPrinter):
    """NumPy printer that prints symbols by name (our names are plain identifiers)."""

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": True, "inline": True})


def _code(expr: sp.Basic) -> str:
    return str(_Printer().doprint(expr))


def _unpack(syms: Symbols, used: set[str], indent: str = "    ") -> list[str]:
    lines = []
    for arr, names in (("_x", syms.coordinates), ("_c", syms.controls), ("_p", syms.params)):
        for i, n in enumerate(names):
            if n in used:
                lines.append(f"{indent}{n} = {arr}[{i}]")
    return lines


def _used(*exprs: sp.Basic) -> set[str]:
    out: set[str] = set()
    for e in exprs:
        out |= {str(s) for s in e.free_symbols}
    return out


DECORATOR = '@njit(cache=True, inline="always")'


@lru_cache(maxsize=64)
def potential_source(energy: str, syms: Symbols) -> str:
    """Source of ``energy``, ``gradient`` and ``hessian`` for the expression ``energy`` (cached)."""
    U = parse(energy, syms)
    xs = [syms.table()[n] for n in syms.coordinates]
    grad = [sp.diff(U, v) for v in xs]
    hess = {(i, j): sp.diff(grad[i], xs[j]) for i in range(len(xs)) for j in range(i, len(xs))}
    if not any(v in U.free_symbols for v in xs):
        raise ParameterError(f"energy {energy!r} does not depend on the coordinates {list(syms.coordinates)}")
    out = [f"{DECORATOR}", "def energy(_x, _c, _p):  # noqa: ANN001, ANN201",
           f'    """U = {energy}"""']
    out += _unpack(syms, _used(U))
    out += [f"    return {_code(U)}", "", ""]
    out += _block("gradient", "_g", [((i,), g) for i, g in enumerate(grad)], syms)
    out += _block("hessian", "_h", [((i, j), h) for (i, j), h in hess.items()], syms, symmetric=True)
    return "\n".join(out)


def _block(name: str, arr: str, comps: Sequence[tuple[tuple[int, ...], sp.Expr]], syms: Symbols,
           *, symmetric: bool = False) -> list[str]:
    temps, reduced = sp.cse([e for _, e in comps], symbols=sp.numbered_symbols("_t"), optimizations="basic")
    out = [DECORATOR, f"def {name}(_x, _c, _p, {arr}):  # noqa: ANN001, ANN201"]
    out += _unpack(syms, _used(*[e for _, e in comps]))
    for t, e in temps:
        out.append(f"    {t} = {_code(e)}")
    for (idx, _), e in zip(comps, reduced, strict=True):
        key = ", ".join(str(i) for i in idx)
        out.append(f"    {arr}[{key}] = {_code(e)}")
        if symmetric and idx[0] != idx[1]:
            out.append(f"    {arr}[{idx[1]}, {idx[0]}] = {arr}[{key}]")
    return [*out, "", ""]


def _cond(expr: sp.Basic) -> str:
    if isinstance(expr, sp.And):
        return " and ".join(f"({_cond(a)})" for a in expr.args)
    if isinstance(expr, sp.Or):
        return " or ".join(f"({_cond(a)})" for a in expr.args)
    if isinstance(expr, sp.Not):
        return f"not ({_cond(expr.args[0])})"
    if isinstance(expr, sp.core.relational.Relational):
        return f"({_code(expr.lhs)}) {expr.rel_op} ({_code(expr.rhs)})"
    if expr is sp.true:
        return "True"
    if expr is sp.false:
        return "False"
    raise ParameterError(f"state condition {expr} is not a comparison (use <, <=, >, >=, &, |)")


def conditions_source(conditions: Mapping[str, str], syms: Symbols) -> str:
    """``classify`` returning the index of the first condition that holds (-1 if none)."""
    cs = Symbols(syms.coordinates, (), syms.params)
    out = [DECORATOR, "def classify(_x, _p):  # noqa: ANN001, ANN201"]
    parsed = []
    for name, text in conditions.items():
        text = str(text).replace("&&", "&").replace("||", "|")
        try:
            expr = parse_expr(text, local_dict={**cs.table(), "pi": sp.pi},
                              transformations=(*standard_transformations, convert_xor), evaluate=True)
        except Exception as exc:
            raise ParameterError(f"cannot parse the condition of state {name!r}: {text!r} ({exc})") from None
        if not isinstance(expr, sp.Basic):
            raise ParameterError(f"the condition of state {name!r} ({text!r}) is not a comparison")
        unknown = sorted(str(s) for s in expr.free_symbols if str(s) not in cs.table())
        if unknown:
            raise ParameterError(f"the condition of state {name!r} uses unknown name(s) {unknown} "
                                 "(conditions may use coordinates and params)")
        parsed.append(expr)
    out += _unpack(cs, _used(*parsed))
    for k, e in enumerate(parsed):
        out.append(f"    if {_cond(e)}:")
        out.append(f"        return {k}")
    out += ["    return -1", ""]
    return "\n".join(out)


def thresholds_source(thresholds: Sequence[float]) -> str:
    """1-D ``classify``: state ``k`` for ``t_{k-1} <= x[0] < t_k`` (ascending thresholds)."""
    out = [DECORATOR, "def classify(_x, _p):  # noqa: ANN001, ANN201"]
    for k, t in enumerate(thresholds):
        out.append(f"    if _x[0] < {float(t)!r}:")
        out.append(f"        return {k}")
    out += [f"    return {len(thresholds)}", ""]
    return "\n".join(out)


def nearest_source(centres: Sequence[Sequence[float]], offsets: Sequence[float]) -> str:
    """Multi-D ``classify``: the state ``k`` minimising ``|x - m_k|^2 - w_k`` (a power diagram whose
    boundaries pass through the saddles between neighbouring minima)."""
    out = [DECORATOR, "def classify(_x, _p):  # noqa: ANN001, ANN201"]
    for k, (m, w) in enumerate(zip(centres, offsets, strict=True)):
        terms = " + ".join(f"(_x[{i}] - {float(v)!r}) ** 2" for i, v in enumerate(m))
        out.append(f"    _d{k} = {terms} - {float(w)!r}")
    out.append("    _s = 0")
    out.append("    _b = _d0")
    for k in range(1, len(centres)):
        out.append(f"    if _d{k} < _b:")
        out.append(f"        _s = {k}")
        out.append(f"        _b = _d{k}")
    out += ["    return _s", ""]
    return "\n".join(out)
