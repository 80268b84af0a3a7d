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
import numpy as np
from ibis.common.deferred import Deferred

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
    return isinstance(x, ir.Value | Deferred)


class IbisOps(Ops):
    """Ibis expressions; constants stay Python values until they meet a column."""

    def lit(self, x: float | None) -> Any:
        return ibis.null("float64") if x is None else x

    def _v(self, x: Any) -> Any:
        """A value as an operand: numbers stay Python (so they combine with deferred references too)."""
        if x is None:
            return ibis.null("float64")
        return float(x) if isinstance(x, int) and not isinstance(x, bool) else x

    def column(self, x: Any) -> Any:
        """A value as a column expression of its own (constants become typed literals)."""
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
        if any(x is None for x in xs):
            return ibis.null("float64")
        consts = sum(x for x in xs if not _is_ibis(x))
        cols = [x for x in xs if _is_ibis(x)]
        out = cols[0]
        for x in cols[1:]:
            out = out + x
        return out + consts if consts else out

    def sub(self, a: Any, b: Any) -> Any:
        if not (_is_ibis(a) or _is_ibis(b)):
            return super().sub(a, b)
        return ibis.null("float64") if a is None or b is None else a - b

    def mul(self, a: Any, b: Any) -> Any:
        if not (_is_ibis(a) or _is_ibis(b)):
            return super().mul(a, b)
        return ibis.null("float64") if a is None or b is None else a * b

    def cmp(self, op: str, a: Any, b: Any) -> Any:
        if not (_is_ibis(a) or _is_ibis(b)):
            return super().cmp(op, a, b)
        if a is None or b is None:
            return ibis.null("boolean")
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
        if a is None or b is None:
            return ibis.null("float64")
        if not _is_ibis(b):
            return ibis.null("float64") if b == 0 else a / float(b)
        return a / b.nullif(0.0)

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
        # Results are float64 unless a constant result is a boolean (statuses, flags and points are floats).
        kind = "boolean" if any(isinstance(v, bool) for _, v in [*live, (None, else_)]) else "float64"

        def typed(v: Any) -> Any:
            if v is None:
                return ibis.null(kind)
            return v if _is_ibis(v) else ibis.literal(v, kind)

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


class NumpyOps(Ops):
    """Whole columns as float64 arrays: NaN is missing, a condition is 1.0 / 0.0 / NaN.

    This is how the criteria run over a table: every criterion of every set is a handful of array
    operations over all enterprise-years (or a chunk of them) at once.
    """

    @staticmethod
    def _a(x: Any) -> Any:
        if x is None:
            return np.nan
        if isinstance(x, bool):
            return 1.0 if x else 0.0
        return x

    def lit(self, x: float | None) -> Any:
        return np.nan if x is None else x

    def isnull(self, x: Any) -> Any:
        return (
            np.isnan(self._a(x)).astype(np.float64)
            if isinstance(x, np.ndarray)
            else float(x is None or bool(np.isnan(x)))
        )

    def notnull(self, x: Any) -> Any:
        return 1.0 - self.isnull(x)

    def add(self, *xs: Any) -> Any:
        out = self._a(xs[0])
        for x in xs[1:]:
            out = out + self._a(x)
        return out

    def sub(self, a: Any, b: Any) -> Any:
        return self._a(a) - self._a(b)

    def mul(self, a: Any, b: Any) -> Any:
        return self._a(a) * self._a(b)

    def div(self, a: Any, b: Any) -> Any:
        a, b = self._a(a), self._a(b)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(b == 0, np.nan, a / np.where(b == 0, 1.0, b))

    def cmp(self, op: str, a: Any, b: Any) -> Any:
        a, b = self._a(a), self._a(b)
        with np.errstate(invalid="ignore"):
            if op == "ge":
                hit = a >= b
            elif op == "gt":
                hit = a > b
            elif op == "le":
                hit = a <= b
            elif op == "lt":
                hit = a < b
            else:
                hit = a == b
        hit = np.asarray(hit, dtype=np.float64)
        for side in (a, b):
            if isinstance(side, np.ndarray):
                hit[np.isnan(side)] = np.nan
            elif np.isnan(side):  # a missing constant
                hit[...] = np.nan
        return hit

    def and_(self, a: Any, b: Any) -> Any:
        a, b = self._a(a), self._a(b)
        out = np.minimum(a, b)  # missing if either is missing …
        if isinstance(out, np.ndarray):
            out[(a == 0) | (b == 0)] = 0.0  # … unless one is false
            return out
        return 0.0 if a == 0 or b == 0 else out

    def or_(self, a: Any, b: Any) -> Any:
        a, b = self._a(a), self._a(b)
        out = np.maximum(a, b)
        if isinstance(out, np.ndarray):
            out[(a == 1) | (b == 1)] = 1.0
            return out
        return 1.0 if a == 1 or b == 1 else out

    def not_(self, a: Any) -> Any:
        return 1.0 - self._a(a)

    def cases(self, pairs: Sequence[tuple[Any, Any]], else_: Any) -> Any:
        live = [(c, self._a(v)) for c, v in pairs if c is not None and c is not False]
        for i, (c, _) in enumerate(live):
            if c is True:
                live, else_ = live[:i], live[i][1]
                break
        shape = next((x.shape for c, v in live for x in (c, v) if isinstance(x, np.ndarray)), None)
        if shape is None:
            if isinstance(else_, np.ndarray):
                shape = else_.shape
            else:
                return next((v for c, v in live if c == 1), self._a(else_))
        out = np.empty(shape)
        np.copyto(out, self._a(else_))
        for cond, value in reversed(live):
            np.copyto(out, value, where=cond == 1)
        return out

    def sqrt(self, x: Any) -> Any:
        x = self._a(x)
        with np.errstate(invalid="ignore"):
            return np.where(x >= 0, np.sqrt(np.abs(x)), np.nan)

    def floor(self, x: Any) -> Any:
        return np.floor(self._a(x))

    def flag(self, x: Any) -> Any:
        return self._a(x)

    def bool_lit(self, x: bool) -> Any:
        return 1.0 if x else 0.0


PY = PyOps()
IBIS = IbisOps()
NP = NumpyOps()
