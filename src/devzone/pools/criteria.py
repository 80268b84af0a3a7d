"""Criteria sets (认定条件 / 评价标准): typed, frozen objects for one file of ``sets/*.yaml``.

A set is one kind's published criteria in one version (``hte-2016``, ``innov-2022``, ``lg-2026`` …),
in force for applications dated in ``effective``. It has

* ``criteria`` — conditions that must all hold: ``measure op threshold`` (``ge gt le lt eq``), a
  threshold banded by another measure (高企 R&D by sales: "(含)" means the bound is included), an
  ``any_of`` of such conditions, or ``manual`` (a person decides; never met by the engine). A
  criterion with ``when`` applies only where ``when`` holds (小巨人 L5 by revenue band);
* ``score`` — a points table: blocks of items, each item points by bands (first band that holds wins,
  so bands are written best first; a 梯度培育 value exactly on an edge takes the higher band), the
  better of two items (``best_of``, "或"), points per unit (``per``) or a manual range; blocks may have
  a floor (创新型: 成长性 ≥ 15), and the total passes at ``op threshold``;
* ``direct`` — routes that pass the listed criteria at once (直通: 国家级科技奖, 高企 …).

Validation refuses what would silently mis-score: bands out of order or overlapping, a band above its
block's maximum, an unknown measure, duplicate ids, a ``replaces`` naming nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError, ValidationInfo, model_validator
from pydantic.dataclasses import dataclass

from devzone.core.citations import Assumption, Citation
from devzone.core.strict import (
    CONFIG,
    FileKeyError,
    Integer,
    Number,
    Refusal,
    Text,
    first_issue,
    one_of,
)
from devzone.pools.measures import BY_NAME as MEASURES
from devzone.pools.ops import CMP

KINDS = (
    "hte", "tsme", "innov_sme", "srdi_sme", "little_giant", "champion", "smart_factory",
    "gazelle", "gazelle_seed",
)  # fmt: skip
OPS = (*CMP, "manual")


class CriteriaError(FileKeyError):
    """A criteria file is invalid. The message starts with ``<file>: <key>:``."""


def _measure(name: str) -> str:
    if name not in MEASURES:
        raise ValueError(f"没有名为“{name}”的指标（见 devzone/pools/measures.py）")
    return name


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Cond:
    """``measure op value`` — a guard, a band's condition or one leg of ``any_of``."""

    measure: Text
    op: Annotated[str, one_of(CMP)]
    value: Number

    @model_validator(mode="after")
    def _known(self) -> Cond:
        try:
            _measure(self.measure)
        except ValueError as exc:
            raise Refusal("measure", str(exc)) from exc
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ThresholdBand:
    """One band of a banded threshold: applies while the ``by`` measure is ≤ ``le`` (or < ``lt``); the last
    band has no bound (all other values)."""

    le: Number | None = None
    lt: Number | None = None
    t: Number | None = None  # none: the criterion does not apply in this band

    @property
    def edge(self) -> float | None:
        return self.le if self.le is not None else self.lt

    @model_validator(mode="after")
    def _one(self) -> ThresholdBand:
        if self.le is not None and self.lt is not None:
            raise Refusal("lt", "每档只写 le 或 lt 之一")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Banded:
    """A threshold that depends on another measure (高企 R&D ratio by the latest year's sales)."""

    by: Text
    bands: Annotated[tuple[ThresholdBand, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _ordered(self) -> Banded:
        try:
            _measure(self.by)
        except ValueError as exc:
            raise Refusal("by", str(exc)) from exc
        edges = [b.edge for b in self.bands]
        if edges[-1] is not None:
            raise Refusal(f"bands[{len(edges) - 1}].le", "最后一档不写上限（其余情况）")
        for i, edge in enumerate(edges[:-1]):
            if edge is None:
                raise Refusal(f"bands[{i}].le", "只有最后一档可以不写上限")
            if i and edges[i - 1] is not None and edge <= edges[i - 1]:  # type: ignore[operator]
                raise Refusal(
                    f"bands[{i}].le", f"上限 {edge:g} 不大于上一档的 {edges[i - 1]:g}：档次重叠或顺序错误"
                )
        return self


_BANDED = TypeAdapter(Banded)


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Criterion:
    """A condition that must hold (see the module docstring)."""

    id: Text
    label: Text
    op: Annotated[str, one_of(OPS)] = "ge"
    measure: Text | None = None
    threshold: Number | Banded | None = None
    any_of: tuple[Cond, ...] = ()
    when: Cond | None = None
    also_manual: bool = False  # met on the numbers, but a person must still confirm (高企 H2 核心支持作用)
    unverified: bool = False
    basis: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _banded(cls, data: Any) -> Any:
        """Validate a mapping threshold as :class:`Banded` here, so a fault names its own key."""
        if isinstance(data, Mapping) and isinstance(data.get("threshold"), Mapping):
            try:
                banded = _BANDED.validate_python(data["threshold"])
            except ValidationError as exc:
                key, reason = first_issue(exc)
                raise Refusal(f"threshold.{key}", reason) from exc
            data = {**data, "threshold": banded}
        return data

    @model_validator(mode="after")
    def _shape(self) -> Criterion:
        if self.op == "manual":
            if self.measure is not None or self.any_of:
                raise Refusal("op", "人工判断（manual）的条件不写 measure 或 any_of")
            return self
        if self.any_of:
            if self.measure is not None or self.threshold is not None:
                raise Refusal("any_of", "any_of 与 measure/threshold 只能写一种")
            return self
        if self.measure is None:
            raise Refusal("measure", "缺少此项（必填）：条件比较的指标")
        try:
            _measure(self.measure)
        except ValueError as exc:
            raise Refusal("measure", str(exc)) from exc
        if self.threshold is None:
            raise Refusal("threshold", "缺少此项（必填）：门槛值")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Band:
    """Points while a condition holds: ``ge``/``gt``/``le``/``lt`` on the item's measure, or ``when``."""

    points: Number | tuple[Number, Number]
    ge: Number | None = None
    gt: Number | None = None
    le: Number | None = None
    lt: Number | None = None
    eq: Number | None = None
    when: Cond | None = None

    @property
    def low(self) -> float:
        return float(self.points[0] if isinstance(self.points, tuple) else self.points)

    @property
    def high(self) -> float:
        return float(self.points[1] if isinstance(self.points, tuple) else self.points)

    @property
    def cond(self) -> tuple[str, float] | None:
        """The (op, edge) on the item's own measure, or None for a ``when`` band."""
        given = [(op, v) for op, v in (("ge", self.ge), ("gt", self.gt), ("le", self.le), ("lt", self.lt),
                                        ("eq", self.eq)) if v is not None]  # fmt: skip
        return (given[0][0], float(given[0][1])) if given else None

    @model_validator(mode="after")
    def _one(self) -> Band:
        given = [k for k in ("ge", "gt", "le", "lt", "eq") if getattr(self, k) is not None]
        if len(given) + (self.when is not None) != 1:
            raise Refusal("(band)", "每档只写一个条件：ge、gt、le、lt、eq 或 when")
        if isinstance(self.points, tuple) and self.points[0] > self.points[1]:
            raise Refusal("points", f"分值区间 [{self.points[0]:g}, {self.points[1]:g}] 下限大于上限")
        return self


def _check_bands(bands: tuple[Band, ...], key: str) -> None:
    """Bands on one measure must be written best first without overlap: ge/gt edges falling, le/lt rising."""
    own = [(i, b.cond) for i, b in enumerate(bands) if b.cond is not None]
    for (_, (op0, e0)), (i, (op1, e1)) in itertools.pairwise(own):
        falling, rising = (
            op0 in ("ge", "gt") and op1 in ("ge", "gt"),
            op0 in ("le", "lt") and op1 in ("le", "lt"),
        )
        if (falling and e1 >= e0 and not (e1 == e0 and op0 == "gt" and op1 == "ge")) or (
            rising and e1 <= e0 and not (e1 == e0 and op0 == "lt" and op1 == "le")
        ):
            raise Refusal(
                f"{key}[{i}]", f"分档边界 {e1:g} 与上一档 {e0:g} 重叠或顺序错误（应由高档写到低档）"
            )


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Per:
    """Points per whole ``step`` of the measure, up to ``max`` (质量管理 3 分/项, 最高 5 分)."""

    step: Annotated[Number, Field(gt=0)] = 1.0
    points: Annotated[Number, Field(gt=0)]
    max: Annotated[Number, Field(gt=0)]


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Part:
    """One scored way of an item (for ``best_of``): a measure and its bands."""

    label: Text
    measure: Text
    bands: Annotated[tuple[Band, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ok(self) -> Part:
        try:
            _measure(self.measure)
        except ValueError as exc:
            raise Refusal("measure", str(exc)) from exc
        _check_bands(self.bands, "bands")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Item:
    """A scored item: bands on a measure, ``best_of`` two parts, ``per`` unit, or a ``manual`` range."""

    id: Text
    label: Text
    measure: Text | None = None
    bands: tuple[Band, ...] = ()
    best_of: tuple[Part, ...] = ()
    per: Per | None = None
    manual: tuple[Number, Number] | None = None
    unverified: bool = False

    @property
    def max_points(self) -> float:
        if self.manual is not None:
            return float(self.manual[1])
        if self.per is not None:
            return float(self.per.max)
        bands = self.bands or tuple(b for p in self.best_of for b in p.bands)
        return max(b.high for b in bands)

    @model_validator(mode="after")
    def _shape(self) -> Item:
        ways = sum((bool(self.bands), bool(self.best_of), self.per is not None, self.manual is not None))
        if ways != 1:
            raise Refusal("(item)", "每项只写一种计分方式：bands、best_of、per 或 manual")
        if (any(b.cond is not None for b in self.bands) or self.per is not None) and self.measure is None:
            raise Refusal("measure", "缺少此项（必填）：计分的指标")
        if self.measure is not None:
            try:
                _measure(self.measure)
            except ValueError as exc:
                raise Refusal("measure", str(exc)) from exc
        if self.bands:
            _check_bands(self.bands, "bands")
        if self.manual is not None and self.manual[0] > self.manual[1]:
            raise Refusal("manual", "分值区间下限大于上限")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Floor:
    """A block's minimum: the block's points ``op`` ``value`` (创新型 成长性 ≥ 15; 科技型 S1 > 0)."""

    op: Annotated[str, one_of(("ge", "gt"))] = "ge"
    value: Number


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Block:
    """A group of items with a maximum (and optionally a floor)."""

    id: Text
    label: Text
    max: Annotated[Number, Field(gt=0)]
    floor: Floor | None = None
    items: Annotated[tuple[Item, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _within(self) -> Block:
        for i, item in enumerate(self.items):
            if item.max_points > self.max:
                raise Refusal(f"items[{i}]", f"最高 {item.max_points:g} 分，超过本部分满分 {self.max:g} 分")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Score:
    """A points table and its pass mark; ``auto_met: false`` keeps it for a person even when passed (高企)."""

    id: Text
    label: Text
    op: Annotated[str, one_of(("ge", "gt"))] = "ge"
    threshold: Number
    max: Annotated[Number, Field(gt=0)]
    auto_met: bool = True
    blocks: Annotated[tuple[Block, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _within(self) -> Score:
        total = sum(b.max for b in self.blocks)
        if total > self.max + 1e-9:
            raise Refusal("blocks", f"各部分满分合计 {total:g}，超过总分 {self.max:g}")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Direct:
    """A route that passes ``replaces`` at once when any of its conditions holds (直通条件)."""

    id: Text
    label: Text
    any_of: Annotated[tuple[Cond, ...], Field(min_length=1)]
    replaces: Annotated[tuple[Text, ...], Field(min_length=1)]


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Effective:
    """Applications dated ``from`` ≤ date < ``until`` use this set."""

    from_: Annotated[dt.date, Field(alias="from")]
    until: dt.date | None = None


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Margin:
    """How close an unmet criterion must be for a 近似达标 (near miss)."""

    rel: Annotated[Number, Field(ge=0, le=1)] = 0.10
    points: Annotated[Number, Field(ge=0)] = 5.0


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class CriteriaSet:
    """One kind's criteria in one version."""

    id: Text
    kind: Annotated[str, one_of(KINDS)]
    title: Text
    version: Integer = 1
    effective: Effective
    validity_years: Integer | None = None
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]
    assumptions: tuple[Assumption, ...] = ()
    unverified: bool = False
    near_miss: Margin = Margin()
    criteria: tuple[Criterion, ...] = ()
    score: Score | None = None
    direct: tuple[Direct, ...] = ()
    digest: str = ""

    @model_validator(mode="before")
    @classmethod
    def _digest(cls, data: Any, info: ValidationInfo) -> Any:
        context = info.context or {}
        if isinstance(data, dict) and "digest" in context:
            data = {**data, "digest": context["digest"]}
        return data

    @model_validator(mode="after")
    def _ids(self) -> CriteriaSet:
        ids = [c.id for c in self.criteria]
        if self.score is not None:
            ids.append(self.score.id)
            ids += [b.id for b in self.score.blocks]
            ids += [i.id for b in self.score.blocks for i in b.items]
        ids += [d.id for d in self.direct]
        if twice := sorted({i for i in ids if ids.count(i) > 1}):
            raise Refusal("criteria", f"编号“{twice[0]}”重复")
        for k, d in enumerate(self.direct):
            for j, target in enumerate(d.replaces):
                if target not in ids:
                    raise Refusal(f"direct[{k}].replaces[{j}]", f"没有编号为“{target}”的条件")
        if not self.criteria and self.score is None:
            raise Refusal("criteria", "至少应有一条条件或一张计分表")
        return self

    @property
    def gated(self) -> tuple[str, ...]:
        """Ids whose status decides the verdict: criteria, block floors and the score total."""
        out = [c.id for c in self.criteria]
        if self.score is not None:
            out += [b.id for b in self.score.blocks if b.floor is not None]
            out.append(self.score.id)
        return tuple(out)
