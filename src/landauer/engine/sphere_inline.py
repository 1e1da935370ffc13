"""Inline element-wise model functions into generated lane kernels (source-to-source, by AST).

The engine's model contract asks for ``energy(x, c, p)``, ``gradient(x, c, p, g)`` and ``classify(x, p)``
written element-wise (``x[0]``, ``c[1]``, ``p[2]``, ``g[0] = ...``). For such functions the array
arguments are only ever indexed by integer constants, so every ``x[i]`` can be replaced by a scalar
lane variable and every ``g[i] = expr`` by a scalar assignment. The generated lane kernel then holds
pure scalar arithmetic over struct-of-arrays lanes, which LLVM vectorises; calling the functions
through per-lane scratch arrays instead blocks vectorisation (measured 3.3x slower for the MTJ
macrospin).

:func:`inline` returns ``None`` for any function outside this subset (loops, early returns, arrays
passed on, ...); the kernel generator then falls back to calling the compiled function. The transform
never changes arithmetic: expressions are copied verbatim, only names are substituted.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_ALLOWED_BUILTINS = {"abs", "min", "max", "float", "int", "bool", "round", "pow", "True", "False", "None"}


class NotInlinable(Exception):
    """The function is outside the element-wise subset; call it instead."""


@dataclass(frozen=True)
class Inlined:
    """A model function rewritten as scalar statements.

    ``render(tag, scalars, out)`` returns source lines that compute the function with array arguments
    replaced by ``scalars`` (mapping argument name -> list of scalar expressions per index) and assign
    the result to ``out`` (energy/classify: one name; gradient: one name per component).
    ``globals_used`` maps each referenced global name to the object it refers to.
    """

    name: str
    params: tuple[str, ...]
    body: tuple[ast.stmt, ...]
    locals_: frozenset[str]
    globals_used: Mapping[str, Any]
    kind: str  # "return" or "gradient"

    def render(self, tag: str, scalars: Mapping[str, Sequence[str]], out: Sequence[str], gname: Callable[[str], str]) -> list[str]:
        writer = _Rewriter(self, tag, scalars, gname)
        lines: list[str] = []
        for stmt in self.body:
            new = writer.visit(_clone(stmt))
            if isinstance(new, ast.Return):
                assert new.value is not None
                lines.append(f"{out[0]} = {ast.unparse(new.value)}")
            else:
                lines.append(ast.unparse(new))
        if self.kind == "gradient":
            for i, o in enumerate(out):
                lines.append(f"{o} = {writer.out_name(i)}")
        return lines


def _clone(node: ast.AST) -> ast.AST:
    return ast.parse(ast.unparse(node)).body[0]


class _Rewriter(ast.NodeTransformer):
    def __init__(self, fn: Inlined, tag: str, scalars: Mapping[str, Sequence[str]], gname: Callable[[str], str]):
        self.fn = fn
        self.tag = tag
        self.scalars = scalars
        self.gname = gname

    def out_name(self, i: int) -> str:
        return f"_{self.tag}_g{i}"

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        if not (isinstance(node.value, ast.Name) and node.value.id in self.fn.params):
            return self.generic_visit(node)
        arr = node.value.id
        idx = _const_index(node.slice)
        if self.fn.kind == "gradient" and arr == self.fn.params[3]:
            return ast.Name(id=self.out_name(idx), ctx=node.ctx)
        return ast.parse(f"({self.scalars[arr][idx]})", mode="eval").body

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.fn.locals_:
            return ast.Name(id=f"_{self.tag}_{node.id}", ctx=node.ctx)
        if node.id in self.fn.globals_used:
            return ast.Name(id=self.gname(node.id), ctx=node.ctx)
        return node


def _const_index(sl: ast.expr) -> int:
    if isinstance(sl, ast.Constant) and isinstance(sl.value, int) and not isinstance(sl.value, bool) and sl.value >= 0:
        return int(sl.value)
    raise NotInlinable("array index is not a non-negative integer constant")


def inline(fn: Any, kind: str, sizes: Mapping[int, int]) -> Inlined | None:
    """Parse ``fn`` (a Numba dispatcher or plain function) into an :class:`Inlined`, or ``None``.

    Parameters
    ----------
    kind : {"energy", "gradient", "classify"}
    sizes : mapping of argument position -> its length (indices must be below it).
    """
    try:
        return _inline(fn, kind, sizes)
    except (NotInlinable, OSError, TypeError, SyntaxError):
        return None


def _inline(fn: Any, kind: str, sizes: Mapping[int, int]) -> Inlined:
    py = getattr(fn, "py_func", fn)
    tree = ast.parse(textwrap.dedent(inspect.getsource(py)))
    fdef = tree.body[0]
    if not isinstance(fdef, ast.FunctionDef):
        raise NotInlinable("not a function definition")
    a = fdef.args
    if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults:
        raise NotInlinable("only plain positional arguments")
    params = tuple(arg.arg for arg in a.args)
    expect = {"energy": 3, "gradient": 4, "classify": 2}[kind]
    if len(params) != expect:
        raise NotInlinable(f"{kind} takes {expect} arguments")
    body = list(fdef.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # docstring
    if not body:
        raise NotInlinable("empty body")
    locals_: set[str] = set()
    gout = params[3] if kind == "gradient" else None
    written: set[int] = set()
    for k, stmt in enumerate(body):
        last = k == len(body) - 1
        if isinstance(stmt, ast.Return):
            if kind == "gradient" or not last or stmt.value is None:
                raise NotInlinable("return must be the last statement of energy/classify")
            _check_expr(stmt.value, params, gout, sizes, locals_, written)
        elif isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
                raise NotInlinable("bare annotation")
            value = stmt.value
            assert value is not None
            _check_expr(value, params, gout, sizes, locals_, written)
            for t in targets:
                if isinstance(t, ast.Name) and t.id not in params:
                    if isinstance(stmt, ast.AugAssign) and t.id not in locals_:
                        raise NotInlinable("augmented assignment before assignment")
                    locals_.add(t.id)
                elif (
                    gout is not None
                    and isinstance(t, ast.Subscript)
                    and isinstance(t.value, ast.Name)
                    and t.value.id == gout
                ):
                    i = _const_index(t.slice)
                    if i >= sizes[3]:
                        raise NotInlinable("gradient index out of range")
                    if isinstance(stmt, ast.AugAssign) and i not in written:
                        raise NotInlinable("augmented gradient component before assignment")
                    written.add(i)
                else:
                    raise NotInlinable("unsupported assignment target")
        else:
            raise NotInlinable(f"unsupported statement {type(stmt).__name__}")
    if kind != "gradient" and not isinstance(body[-1], ast.Return):
        raise NotInlinable("energy/classify must end with a return")
    if kind == "gradient" and written != set(range(sizes[3])):
        raise NotInlinable("gradient must write every component")
    # globals: every Name load that is neither a parameter nor a local nor an allowed builtin
    gl: dict[str, Any] = {}
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.Name) and node.id not in params and node.id not in locals_:
            if node.id in py.__globals__:
                gl[node.id] = py.__globals__[node.id]
            elif node.id in _ALLOWED_BUILTINS and hasattr(builtins, node.id):
                continue
            else:
                raise NotInlinable(f"unknown name {node.id}")
    return Inlined(
        name=py.__name__,
        params=params,
        body=tuple(body),
        locals_=frozenset(locals_),
        globals_used=gl,
        kind="gradient" if kind == "gradient" else "return",
    )


def _check_expr(
    expr: ast.expr,
    params: tuple[str, ...],
    gout: str | None,
    sizes: Mapping[int, int],
    locals_: set[str],
    written: set[int],
) -> None:
    """Array arguments may appear only as ``arg[const]`` within range; no lambdas or comprehensions."""
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(expr):
        for ch in ast.iter_child_nodes(node):
            parents[id(ch)] = node
        if isinstance(node, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp | ast.NamedExpr):
            raise NotInlinable("unsupported expression")
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and node.id in params:
            par = parents.get(id(node))
            if not (isinstance(par, ast.Subscript) and par.value is node):
                raise NotInlinable(f"array argument {node.id} used whole")
            i = _const_index(par.slice)
            pos = params.index(node.id)
            if node.id == gout:
                if i not in written:
                    raise NotInlinable("gradient component read before written")
            elif pos in sizes and i >= sizes[pos]:
                raise NotInlinable(f"index {i} out of range for {node.id}")
