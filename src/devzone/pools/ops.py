"""The few operations the pre-screen is written in, for two engines: Ibis columns and Python values.

:mod:`devzone.pools.measures` and :mod:`devzone.pools.compile` build every measure, threshold, status and
score from these functions only. Given :data:`IBIS` they return Ibis expressions (one column over the
whole enterprise-year table, executed once by DuckDB or Spark); given :data:`PY` they return plain
values for one enterprise-year — the per-enterprise loop the benchmark compares against, on the very
same criteria. Both follow SQL's rules: a missing value (NULL / ``None``) propagates through
arithmetic, division by zero is missing, a comparison with a missing value is missing, and a
``cases`` branch whose condition is missing is not taken.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

CMP = ("ge", "gt", "le", "lt", "eq")


class Ops:
    """Null-propagating arithmetic, comparisons and choices; subclasses bind them to an engine."""

    def lit(self, x: float | None) -> Any:
        raise NotImplementedError

    def isnull(self, x: Any) -> Any:
        raise NotImplementedError

    def div(self, a: Any, b: Any) -> Any:
        raise NotImplementedError

    def cases(self, pairs: Sequence[tuple[Any, Any]], else_: Any) -> Any:
        raise NotImplementedError

    def sqrt(self, x: Any) -> Any:
        raise NotImplementedError

    def floor(self, x: Any) -> Any:
        raise NotImplementedError

    def flag(self, x: Any) -> Any:
        """A boolean as 1.0 / 0.0 (missing stays missing)."""
        raise NotImplementedError

    def bool_lit(self, x: bool) -> Any:
        raise NotImplementedError

    # Derived from the above, identical on both engines.
    def add(self, *xs: Any) -> Any:
        out = xs[0]
        for x in xs[1:]:
            out = None if out is None or x is None else out + x
        return out

    def sub(self, a: Any, b: Any) -> Any:
        return None if a is None or b is None else a - b

    def mul(self, a: Any, b: Any) -> Any:
        return None if a is None or b is None else a * b

    def cmp(self, op: str, a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        if op == "ge":
            return a >= b
        if op == "gt":
            return a > b
        if op == "le":
            return a <= b
        if op == "lt":
            return a < b
        return a == b

    def and_(self, a: Any, b: Any) -> Any:
        """Three-valued AND: false wins over missing."""
        if a is False or b is False:
            return False
        return None if a is None or b is None else a and b

    def or_(self, a: Any, b: Any) -> Any:
        """Three-valued OR: true wins over missing."""
        if a is True or b is True:
            return True
        return None if a is None or b is None else a or b

    def not_(self, a: Any) -> Any:
        return None if a is None else not a

    def ifelse(self, cond: Any, a: Any, b: Any) -> Any:
        return self.cases([(cond, a)], b)

    def coalesce(self, *xs: Any) -> Any:
        return self.cases([(self.notnull(x), x) for x in xs[:-1]], xs[-1])

    def notnull(self, x: Any) -> Any:
        raise NotImplementedError

    def least(self, a: Any, b: Any) -> Any:
        """The smaller of two, missing if either is (unlike SQL LEAST, which skips NULLs)."""
        return self.cases([(self.cmp("le", a, b), a), (self.cmp("gt", a, b), b)], self.lit(None))

    def greatest(self, a: Any, b: Any) -> Any:
        return self.cases([(self.cmp("ge", a, b), a), (self.cmp("lt", a, b), b)], self.lit(None))


class PyOps(Ops):
    """Plain Python values; ``None`` is missing."""

    def lit(self, x: float | None) -> Any:
        return x

    def isnull(self, x: Any) -> bool:
        return x is None

    def notnull(self, x: Any) -> bool:
        return x is not None

    def div(self, a: Any, b: Any) -> Any:
        return None if a is None or b is None or b == 0 else a / b

    def cases(self, pairs: Sequence[tuple[Any, Any]], else_: Any) -> Any:
        for cond, value in pairs:
            if cond:
                return value
        return else_

    def sqrt(self, x: Any) -> Any:
        return None if x is None or x < 0 else math.sqrt(x)

    def floor(self, x: Any) -> Any:
        return None if x is None else float(math.floor(x))

    def flag(self, x: Any) -> Any:
        return None if x is None else float(bool(x))

    def bool_lit(self, x: bool) -> Any:
        return x


def _is_ibis(x: Any) -> bool:
    return isinstance(x, ir.Value)


class IbisOps(Ops):
    """Ibis expressions; constants stay Python values until they meet a column."""

    def lit(self, x: float | None) -> Any:
        return ibis.null("float64") if x is None else x

    def _v(self, x: Any) -> Any:
        if x is None:
            return ibis.null("float64")
        if isinstance(x, bool):
            return ibis.literal(x)
        return ibis.literal(float(x), "float64") if isinstance(x, int | float) else x

    def isnull(self, x: Any) -> Any:
        return x.isnull() if _is_ibis(x) else x is None

    def notnull(self, x: Any) -> Any:
        return x.notnull() if _is_ibis(x) else x is not None

    def add(self, *xs: Any) -> Any:
        if not any(_is_ibis(x) for x in xs):
            return super().add(*xs)
        out = self._v(xs[0])
        for x in xs[1:]:
            out = out + self._v(x)
        return out

    def sub(self, a: Any, b: Any) -> Any:
        return self._v(a) - self._v(b) if _is_ibis(a) or _is_ibis(b) else super().sub(a, b)

    def mul(self, a: Any, b: Any) -> Any:
        return self._v(a) * self._v(b) if _is_ibis(a) or _is_ibis(b) else super().mul(a, b)

    def cmp(self, op: str, a: Any, b: Any) -> Any:
        if not (_is_ibis(a) or _is_ibis(b)):
            return super().cmp(op, a, b)
        a, b = self._v(a), self._v(b)
        if op == "ge":
            return a >= b
        if op == "gt":
            return a > b
        if op == "le":
            return a <= b
        if op == "lt":
            return a < b
        return a == b

    def and_(self, a: Any, b: Any) -> Any:
        if a is False or b is False or not (_is_ibis(a) or _is_ibis(b)):
            return super().and_(a, b)
        if a is True or b is True:
            return b if a is True else a
        return self._bool(a) & self._bool(b)

    def or_(self, a: Any, b: Any) -> Any:
        if a is True or b is True or not (_is_ibis(a) or _is_ibis(b)):
            return super().or_(a, b)
        if a is False or b is False:
            return b if a is False else a
        return self._bool(a) | self._bool(b)

    def not_(self, a: Any) -> Any:
        return ~a if _is_ibis(a) else super().not_(a)

    def _bool(self, x: Any) -> Any:
        return ibis.null("boolean") if x is None else x

    def div(self, a: Any, b: Any) -> Any:
        if not (_is_ibis(a) or _is_ibis(b)):
            return PY.div(a, b)
        return self._v(a) / self._v(b).nullif(0.0)

    def cases(self, pairs: Sequence[tuple[Any, Any]], else_: Any) -> Any:
        live: list[tuple[Any, Any]] = []
        for cond, value in pairs:
            if cond is None or cond is False:
                continue  # a constant condition that never holds
            if cond is True:
                else_ = value  # one that always holds ends the list
                break
            live.append((cond, value))
        if not live:
            return else_
        kind = next((self._v(v).type() for _, v in [*live, (None, else_)] if _is_ibis(v)), None)

        def typed(v: Any) -> Any:
            if v is None:
                return ibis.null(kind or "float64")
            return v if _is_ibis(v) else ibis.literal(v, kind) if kind is not None else self._v(v)

        return ibis.cases(*((c, typed(v)) for c, v in live), else_=typed(else_))

    def sqrt(self, x: Any) -> Any:
        if not _is_ibis(x):
            return PY.sqrt(x)
        return ibis.ifelse(x >= 0, x.sqrt(), ibis.null("float64"))

    def floor(self, x: Any) -> Any:
        return x.floor().cast("float64") if _is_ibis(x) else PY.floor(x)

    def flag(self, x: Any) -> Any:
        return x.cast("float64") if _is_ibis(x) else PY.flag(x)

    def bool_lit(self, x: bool) -> Any:
        return x


PY = PyOps()
IBIS = IbisOps()
