"""The canonical enterprise-year input columns (issue 7, criterion 5).

One table, the same in CSV, Parquet, the template's English header row and the API. Money is in
万元 (10,000 CNY), land in 亩 (1 亩 = 2000/3 m² ≈ 666.67 m²), energy in tce (吨标准煤), emissions in
pollution equivalents (排放当量), electricity in kWh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass(frozen=True, kw_only=True)
class Column:
    """One canonical input column: ``kind`` is ``int``, ``float``, ``str`` or ``bool``."""

    name: str
    kind: str
    unit: str
    label: str
    required: bool

    @property
    def ibis_type(self) -> str:
        """The Ibis type the engine reads this column as."""
        return IBIS_TYPES[self.kind]


IBIS_TYPES = {"int": "int64", "float": "float64", "str": "string", "bool": "boolean"}


COLUMNS: tuple[Column, ...] = (
    Column(name="year", kind="int", unit="", label="评价年度", required=True),
    Column(name="uscc", kind="str", unit="", label="统一社会信用代码", required=True),
    Column(name="name", kind="str", unit="", label="企业名称", required=True),
    Column(name="zone", kind="str", unit="", label="所属开发区", required=True),
    Column(name="industry_code", kind="str", unit="GB/T 4754-2017", label="行业代码", required=True),
    Column(name="scale", kind="str", unit="above|below", label="规模(规上above/规下below)", required=True),
    Column(name="land_mu", kind="float", unit="亩", label="用地面积(亩)", required=True),
    Column(name="leased", kind="bool", unit="", label="租赁厂房", required=True),
    Column(name="tax", kind="float", unit="万元", label="评价税收(万元)", required=True),
    Column(name="sales", kind="float", unit="万元", label="销售收入(万元)", required=True),
    Column(name="value_added", kind="float", unit="万元", label="工业增加值(万元)", required=False),
    Column(name="energy_tce", kind="float", unit="tce", label="综合能耗(吨标煤)", required=False),
    Column(name="emission_equiv", kind="float", unit="当量", label="主要污染物排放当量", required=False),
    Column(name="rd_expense", kind="float", unit="万元", label="研发经费(万元)", required=False),
    Column(name="employees", kind="int", unit="人", label="年平均职工人数", required=False),
    Column(name="electricity_kwh", kind="float", unit="kWh", label="用电量(kWh)", required=False),
    Column(name="veto", kind="str", unit="", label="否决事项(空=无)", required=False),
    Column(name="exempt", kind="str", unit="", label="不定等级事由(空=无)", required=False),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
NUMERIC: frozenset[str] = frozenset(c.name for c in COLUMNS if c.kind in {"int", "float"})
TEXT: frozenset[str] = frozenset(c.name for c in COLUMNS if c.kind == "str")
BOOLEAN: frozenset[str] = frozenset(c.name for c in COLUMNS if c.kind == "bool")
MONEY: frozenset[str] = frozenset(c.name for c in COLUMNS if c.unit == "万元")


ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_()}
ARROW_SCHEMA = pa.schema([(c.name, ARROW_TYPES[c.kind]) for c in COLUMNS])


class InputColumnsError(ValueError):
    """The input table lacks required canonical columns."""


def conform(table: ir.Table) -> ir.Table:
    """Cast the canonical columns to their types and add absent optional ones as typed NULLs.

    Extra columns are kept. A missing required column raises :class:`InputColumnsError`.

    >>> import ibis
    >>> t = conform(ibis.memtable({c.name: [None] for c in COLUMNS if c.required}))
    >>> str(t.schema()["veto"]), str(t.schema()["land_mu"])
    ('string', 'float64')
    >>> conform(ibis.memtable({"year": [2022]}))
    Traceback (most recent call last):
    ...
    devzone.enterprises.inputs_schema.InputColumnsError: 缺少必填列：uscc（统一社会信用代码）、name（企业名称）、zone（所属开发区）、industry_code（行业代码）、scale（规模(规上above/规下below)）、land_mu（用地面积(亩)）、leased（租赁厂房）、tax（评价税收(万元)）、sales（销售收入(万元)）
    """
    import ibis  # noqa: PLC0415 — only where an expression is built

    missing = [c.name for c in COLUMNS if c.required and c.name not in table.columns]
    if missing:
        named = "、".join(f"{name}（{BY_NAME[name].label}）" for name in missing)
        raise InputColumnsError(f"缺少必填列：{named}")
    typed = {
        c.name: (table[c.name] if c.name in table.columns else ibis.null()).cast(c.ibis_type) for c in COLUMNS
    }
    return table.mutate(**typed)
