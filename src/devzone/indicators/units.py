"""Units of the indicators (计量单位) and conversion between them.

A unit is a size in a *dimension*: 万元 is 10⁴ of the base unit 元 in the dimension ``money_cny``.
Converting between two units of one dimension multiplies by the ratio of their sizes:

    x[target] = x[source] · size(source) / size(target)

Compound units written ``a/b`` (万元/亩, 万元/吨标准煤) are parsed into the dimension ``dim(a)/dim(b)``
with size ``size(a)/size(b)``, so 万元/亩 converts to 元/平方米 and to 万元/公顷 without a table entry.
Units of different dimensions never convert: 亿元 to 亿美元 needs an exchange rate, 家 to 个 counts
different things, and both raise :class:`IncompatibleUnitsError`.

References:
    GB 3100-1993《国际单位制及其应用》; 1 亩 = 10000/15 m² (《中华人民共和国法定计量单位》, 1984);
    tce (吨标准煤) = 29.3076 GJ, GB/T 2589-2020《综合能耗计算通则》.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from types import MappingProxyType


class UnitError(ValueError):
    """Base of the unit errors."""


class UnknownUnitError(UnitError):
    """A unit text that is not in the catalogue."""


class IncompatibleUnitsError(UnitError):
    """Two units of different dimensions (亿元 and 亿美元, 家 and 个)."""


@dataclass(frozen=True, kw_only=True)
class Unit:
    """One unit: its symbol as shown, its dimension and its size in the dimension's base unit."""

    symbol: str
    dimension: str
    size: float
    name: str
    aliases: tuple[str, ...] = ()


_SIMPLE: tuple[Unit, ...] = (
    Unit(symbol="元", dimension="money_cny", size=1.0, name="yuan", aliases=("人民币元", "cny", "rmb")),
    Unit(symbol="千元", dimension="money_cny", size=1e3, name="thousand yuan"),
    Unit(symbol="万元", dimension="money_cny", size=1e4, name="10k yuan"),
    Unit(symbol="亿元", dimension="money_cny", size=1e8, name="100m yuan"),
    Unit(symbol="美元", dimension="money_usd", size=1.0, name="US dollar", aliases=("usd",)),
    Unit(symbol="万美元", dimension="money_usd", size=1e4, name="10k US dollars"),
    Unit(symbol="亿美元", dimension="money_usd", size=1e8, name="100m US dollars"),
    Unit(symbol="1", dimension="ratio", size=1.0, name="pure number", aliases=("倍", "比值", "无")),
    Unit(symbol="%", dimension="ratio", size=1e-2, name="percent", aliases=("百分比", "百分点")),
    Unit(symbol="‰", dimension="ratio", size=1e-3, name="per mille"),
    Unit(symbol="家", dimension="count_enterprise", size=1.0, name="enterprises"),
    Unit(symbol="户", dimension="count_enterprise", size=1.0, name="enterprises (户)"),
    Unit(symbol="个", dimension="count_item", size=1.0, name="items", aliases=("项", "座", "处", "件")),
    Unit(symbol="次", dimension="count_event", size=1.0, name="times"),
    Unit(symbol="人", dimension="count_person", size=1.0, name="persons", aliases=("名",)),
    Unit(symbol="万人", dimension="count_person", size=1e4, name="10k persons"),
    Unit(symbol="位", dimension="rank", size=1.0, name="rank places", aliases=("名次",)),
    Unit(symbol="平方米", dimension="area", size=1.0, name="square metre", aliases=("m2",)),
    Unit(symbol="亩", dimension="area", size=10000.0 / 15.0, name="mu"),
    Unit(symbol="万亩", dimension="area", size=1e4 * 10000.0 / 15.0, name="10k mu"),
    Unit(symbol="公顷", dimension="area", size=1e4, name="hectare", aliases=("ha",)),
    Unit(symbol="平方公里", dimension="area", size=1e6, name="square kilometre", aliases=("km2",)),
    Unit(
        symbol="tce",
        dimension="energy",
        size=1.0,
        name="tonne of coal equivalent",
        aliases=("吨标准煤", "吨标煤"),
    ),
    Unit(symbol="万tce", dimension="energy", size=1e4, name="10k tce", aliases=("万吨标准煤", "万吨标煤")),
    Unit(symbol="kgce", dimension="energy", size=1e-3, name="kg of coal equivalent", aliases=("千克标准煤",)),
    Unit(symbol="千瓦时", dimension="electricity", size=1.0, name="kWh", aliases=("kwh", "度")),
    Unit(symbol="万千瓦时", dimension="electricity", size=1e4, name="10k kWh", aliases=("万kwh", "万度")),
    Unit(symbol="吨", dimension="mass", size=1.0, name="tonne", aliases=("t",)),
    Unit(symbol="万吨", dimension="mass", size=1e4, name="10k tonnes"),
    Unit(
        symbol="当量",
        dimension="pollution_equivalent",
        size=1.0,
        name="pollution equivalent",
        aliases=("污染当量",),
    ),
    Unit(symbol="年", dimension="time", size=1.0, name="year"),
)


def _normalise(text: str) -> str:
    """NFKC (full-width ％ → %, ／ → /), no spaces, ASCII lower case."""
    folded = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    return "".join(ch.lower() if ch.isascii() else ch for ch in folded)


def _index(units: tuple[Unit, ...]) -> MappingProxyType[str, Unit]:
    table: dict[str, Unit] = {}
    for unit in units:
        for key in (unit.symbol, *unit.aliases):
            norm = _normalise(key)
            if norm in table:
                raise UnitError(f"unit text {key!r} is defined twice")
            table[norm] = unit
    return MappingProxyType(table)


UNITS: MappingProxyType[str, Unit] = _index(_SIMPLE)
"""Simple units by normalised symbol or alias."""


def parse_unit(text: str) -> Unit:
    """The unit written as ``text``; ``a/b`` makes a compound unit.

    >>> parse_unit("亿元").size
    100000000.0
    >>> parse_unit("万元/亩").dimension
    'money_cny/area'
    >>> parse_unit("％").symbol
    '%'
    """
    norm = _normalise(text)
    if norm in UNITS:
        return UNITS[norm]
    if norm.count("/") == 1:
        top_text, bottom_text = norm.split("/")
        top, bottom = UNITS.get(top_text), UNITS.get(bottom_text)
        if top is not None and bottom is not None:
            return Unit(
                symbol=f"{top.symbol}/{bottom.symbol}",
                dimension=f"{top.dimension}/{bottom.dimension}",
                size=top.size / bottom.size,
                name=f"{top.name} per {bottom.name}",
            )
    raise UnknownUnitError(f"unknown unit {text!r}")


def is_known_unit(text: str) -> bool:
    """Whether ``text`` parses as a unit.

    >>> is_known_unit("万美元")
    True
    >>> is_known_unit("万元/亩")
    True
    >>> is_known_unit("斤")
    False
    """
    try:
        parse_unit(text)
    except UnknownUnitError:
        return False
    return True


def compatible(first: str, second: str) -> bool:
    """Whether two units share a dimension and so convert into each other.

    >>> compatible("万元", "亿元")
    True
    >>> compatible("亿元", "亿美元")
    False
    >>> compatible("家", "户")
    True
    """
    return parse_unit(first).dimension == parse_unit(second).dimension


def conversion_factor(*, source: str, target: str) -> float:
    """Factor k with x[target] = k · x[source], k = size(source) / size(target).

    >>> conversion_factor(source="亿元", target="万元")
    10000.0
    >>> conversion_factor(source="%", target="1")
    0.01
    >>> conversion_factor(source="公顷", target="亩")
    15.0
    """
    src, dst = parse_unit(source), parse_unit(target)
    if src.dimension != dst.dimension:
        raise IncompatibleUnitsError(
            f"cannot convert {source!r} ({src.dimension}) to {target!r} ({dst.dimension})"
        )
    return src.size / dst.size


def convert(value: float, *, source: str, target: str) -> float:
    """``value`` in unit ``source`` expressed in unit ``target``: x · size(source) / size(target).

    >>> convert(1.5, source="亿元", target="万元")
    15000.0
    >>> convert(250.0, source="万元", target="亿元")
    0.025
    >>> convert(50.0, source="%", target="1")
    0.5
    """
    src, dst = parse_unit(source), parse_unit(target)
    if src.dimension != dst.dimension:
        raise IncompatibleUnitsError(
            f"cannot convert {source!r} ({src.dimension}) to {target!r} ({dst.dimension})"
        )
    if src.size == dst.size:
        return float(value)
    return float(value) * src.size / dst.size


def units_of_dimension(dimension: str) -> tuple[str, ...]:
    """Symbols of the simple units of one dimension, smallest first.

    >>> units_of_dimension("money_cny")
    ('元', '千元', '万元', '亿元')
    >>> units_of_dimension("money_usd")
    ('美元', '万美元', '亿美元')
    >>> units_of_dimension("rank")
    ('位',)
    """
    members = {unit.symbol: unit for unit in UNITS.values() if unit.dimension == dimension}
    return tuple(sorted(members, key=lambda symbol: members[symbol].size))


def alternatives(text: str) -> tuple[str, ...]:
    """Units a value in ``text`` may be entered in: the unit itself first, then its dimension's others.

    For a compound unit only the unit itself is offered.

    >>> alternatives("亿元")
    ('亿元', '元', '千元', '万元')
    >>> alternatives("万元/亩")
    ('万元/亩',)
    >>> alternatives("%")
    ('%', '‰', '1')
    """
    unit = parse_unit(text)
    if "/" in unit.dimension:
        return (unit.symbol,)
    others = tuple(symbol for symbol in units_of_dimension(unit.dimension) if symbol != unit.symbol)
    return (unit.symbol, *others)
