"""Formulas and conditions over the canonical input columns, compiled to Ibis expressions.

A method file writes an indicator as ``tax / land_mu`` (亩均税收 = 评价税收 / 用地面积) and a rule as
``scale == "below" and land_mu >= 3``. The text is parsed with :mod:`ast` (never evaluated), checked
against the canonical columns, and compiled node by node from registries. Division by zero or by a
missing value gives a missing value (SQL NULL), which the method's missing-value rule then handles.

Allowed: numbers, strings, ``True``/``False``, column names, ``+ - * /``, unary ``-``, comparisons
``== != < <= > >=``, ``and or not``, and the functions in :data:`FUNCTIONS`.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from devzone.enterprises.inputs_schema import BOOLEAN, BY_NAME, NUMERIC, TEXT

if TYPE_CHECKING:
    import ibis.expr.types as ir

# Ibis is imported by the functions that build expressions: a method is parsed and checked without it
# (``devzone mu run`` with a kept SQL never builds one; enterprises/compiled.py).


class FormulaError(ValueError):
    """A formula or condition text is not valid; the message says why."""


@dataclass(frozen=True, kw_only=True)
class Formula:
    """A parsed formula: ``kind`` is ``num`` or ``bool``; ``fields`` are the input columns it reads."""

    text: str
    kind: str
    fields: tuple[str, ...]
    tree: ast.expr


def _safe_div(a: Any, b: Any) -> Any:
    import ibis  # noqa: PLC0415
    import ibis.expr.types as ir  # noqa: PLC0415

    return a / b.nullif(0) if isinstance(b, ir.Value) else a / (b if b != 0 else ibis.null())


ARITHMETIC: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _safe_div,
}
COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def _present(x: Any) -> Any:
    return x.notnull() & (x.strip().length() > 0)


def _contains(x: Any, s: Any) -> Any:
    return x.contains(s).fill_null(False)


def _startswith(x: Any, s: Any) -> Any:
    return x.startswith(s).fill_null(False)


def _missing(x: Any) -> Any:
    return x.isnull()


def _coalesce(a: Any, b: Any) -> Any:
    import ibis  # noqa: PLC0415

    return ibis.coalesce(a, b)


# name → (argument kinds, result kind, Ibis builder)
FUNCTIONS: dict[str, tuple[tuple[str, ...], str, Callable[..., Any]]] = {
    "present": (("str",), "bool", _present),
    "contains": (("str", "str"), "bool", _contains),
    "startswith": (("str", "str"), "bool", _startswith),
    "missing": (("any",), "bool", _missing),
    "coalesce": (("num", "num"), "num", _coalesce),
}


def _field_kind(name: str) -> str:
    if name in NUMERIC:
        return "num"
    if name in TEXT:
        return "str"
    if name in BOOLEAN:
        return "bool"
    raise FormulaError(f"unknown field {name!r}")


def _kind(node: ast.expr, fields: list[str]) -> str:  # noqa: C901 — one branch per allowed node kind: the whitelist is read as one list
    """Type-check ``node`` and return ``num``, ``str`` or ``bool``; collect field names."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return "bool"
        if isinstance(node.value, int | float):
            return "num"
        if isinstance(node.value, str):
            return "str"
        raise FormulaError(f"constant {node.value!r} is not a number, string or boolean")
    if isinstance(node, ast.Name):
        fields.append(node.id)
        return _field_kind(node.id)
    if isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        if _kind(node.left, fields) != "num" or _kind(node.right, fields) != "num":
            raise FormulaError("arithmetic needs numbers on both sides")
        return "num"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        want = "num" if isinstance(node.op, ast.USub) else "bool"
        if _kind(node.operand, fields) != want:
            raise FormulaError(f"{'-' if want == 'num' else 'not'} needs a {want}")
        return want
    if isinstance(node, ast.BoolOp):
        if any(_kind(v, fields) != "bool" for v in node.values):
            raise FormulaError("and/or need conditions on both sides")
        return "bool"
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARISONS:
        left, right = _kind(node.left, fields), _kind(node.comparators[0], fields)
        if left != right:
            raise FormulaError(f"cannot compare a {left} with a {right}")
        return "bool"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        spec = FUNCTIONS.get(node.func.id)
        if spec is None:
            raise FormulaError(f"unknown function {node.func.id!r}; known: {', '.join(sorted(FUNCTIONS))}")
        arg_kinds, result, _ = spec
        if len(node.args) != len(arg_kinds):
            raise FormulaError(f"{node.func.id}() takes {len(arg_kinds)} argument(s)")
        for arg, want in zip(node.args, arg_kinds, strict=True):
            got = _kind(arg, fields)
            if want not in {"any", got}:
                raise FormulaError(f"{node.func.id}() wants a {want}, got a {got}")
        return result
    raise FormulaError(f"{ast.dump(node)[:60]} is not allowed in a formula")


def parse(text: str, *, want: str) -> Formula:
    """Parse ``text`` into a :class:`Formula` whose result kind must be ``want`` (``num`` or ``bool``).

    >>> parse("tax / land_mu", want="num").fields
    ('tax', 'land_mu')
    >>> parse('scale == "below" and land_mu >= 3', want="bool").kind
    'bool'
    >>> parse("tax / nonsense", want="num")
    Traceback (most recent call last):
    ...
    devzone.enterprises.formula.FormulaError: unknown field 'nonsense'
    """
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"cannot parse {text!r}: {exc.msg}") from exc
    fields: list[str] = []
    kind = _kind(tree, fields)
    if kind != want:
        raise FormulaError(f"{text!r} gives a {kind}, a {want} is needed")
    return Formula(text=text, kind=kind, fields=tuple(dict.fromkeys(fields)), tree=tree)


def _compile(node: ast.expr, table: ir.Table) -> Any:
    import ibis  # noqa: PLC0415

    if isinstance(node, ast.Constant):
        return ibis.literal(node.value)
    if isinstance(node, ast.Name):
        column = table[node.id]
        return column.cast("float64") if node.id in NUMERIC else column.cast(BY_NAME[node.id].ibis_type)
    if isinstance(node, ast.BinOp):
        return ARITHMETIC[type(node.op)](_compile(node.left, table), _compile(node.right, table))
    if isinstance(node, ast.UnaryOp):
        operand = _compile(node.operand, table)
        return -operand if isinstance(node.op, ast.USub) else ~operand
    if isinstance(node, ast.BoolOp):
        values = [_compile(v, table) for v in node.values]
        combine = operator.and_ if isinstance(node.op, ast.And) else operator.or_
        result = values[0]
        for value in values[1:]:
            result = combine(result, value)
        return result
    if isinstance(node, ast.Compare):
        return COMPARISONS[type(node.ops[0])](
            _compile(node.left, table), _compile(node.comparators[0], table)
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return FUNCTIONS[node.func.id][2](*(_compile(a, table) for a in node.args))
    raise FormulaError(f"cannot compile {ast.dump(node)[:60]}")  # unreachable after parse()


def to_ibis(formula: Formula, table: ir.Table) -> ir.Value:
    """Compile ``formula`` over ``table``; a condition's missing result counts as false.

    >>> import ibis
    >>> t = ibis.memtable({"tax": [30.0, 0.0, 5.0], "land_mu": [10.0, 4.0, 0.0]})
    >>> t.select(v=to_ibis(parse("tax / land_mu", want="num"), t)).to_pyarrow()["v"].to_pylist()
    [3.0, 0.0, None]
    >>> t.select(c=to_ibis(parse("land_mu >= 4", want="bool"), t)).to_pyarrow()["c"].to_pylist()
    [True, True, False]
    """
    import ibis  # noqa: PLC0415

    value = _compile(formula.tree, table)
    if formula.kind == "bool":
        return ibis.coalesce(value, ibis.literal(False))
    return value
