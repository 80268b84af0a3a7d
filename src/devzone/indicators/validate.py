"""Validation of submitted observations (数据校验): every cell checked, every error reported at once.

The input is the rows of a data-collection sheet as read from a file (:mod:`devzone.indicators.template`),
the API or a form, plus the template's own record of zone and period. Nothing is written here: the
caller stores the clean rows only when the report has no issue ("an import lands whole or not at
all"). Each issue names sheet, row and column, and a code from :data:`ISSUE_CODES`.

The unit-slip rule flags a value whose ratio to the reference (the median of the indicator's history
and of its other rows in the same submission) is near the ratio of two units of one dimension:

    slip ⇔ |log₁₀(x / median) − log₁₀(size(U) / size(V))| ≤ tolerance,   |log₁₀(size(U)/size(V))| ≥ 2

with U the catalogue unit and V another unit of its dimension (亿元 expected, 万元 typed: ratio 10⁴).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from devzone.core.files import CellIssue
from devzone.indicators.catalogue import Catalogue, Indicator
from devzone.indicators.periods import Period, PeriodError, parse_period, period_within
from devzone.indicators.units import UnitError, alternatives, convert, parse_unit

COLUMNS: MappingProxyType[str, str] = MappingProxyType(
    {"code": "A", "name": "B", "unit": "C", "period": "D", "value": "E", "status": "F", "source": "G"}
)
"""Column letter of each field of a data row (shared with the template)."""

ISSUE_CODES: MappingProxyType[str, str] = MappingProxyType(
    {
        "missing_template_info": "模板信息页缺失或不完整",
        "wrong_zone": "模板属于其他开发区",
        "unknown_indicator": "指标代码不在指标目录中",
        "not_a_number": "数值单元格不是数字",
        "unknown_unit": "单位无法识别",
        "incompatible_unit": "单位与指标单位量纲不同",
        "bad_period": "统计期无法识别",
        "period_outside_plan": "统计期不在方案期内",
        "bad_status": "数据状态应为“初步”或“最终”",
        "out_of_range": "数值超出合理范围",
        "duplicate_row": "同一指标同一统计期重复填报",
        "unit_slip": "数值约为历史值的整数量级倍, 疑似单位填错",
    }
)
"""Every issue code → its meaning (shown in the UI)."""

STATUS_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "初步": "preliminary",
        "快报": "preliminary",
        "preliminary": "preliminary",
        "最终": "final",
        "final": "final",
    }
)
"""Accepted texts of the status column → preliminary/final; a blank cell means preliminary."""

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True, kw_only=True)
class SubmittedRow:
    """One data row as read: raw cell values, row number as in the spreadsheet (1-based)."""

    sheet: str
    row: int
    code: object
    unit: object
    period: object
    value: object
    status: object = None
    source: object = None
    name: object = None


@dataclass(frozen=True, kw_only=True)
class TemplateInfo:
    """The template's hidden record: zone and period, with the cells they were read from."""

    sheet: str
    zone: object
    zone_cell: tuple[int, str]
    period: object
    period_cell: tuple[int, str]


@dataclass(frozen=True, kw_only=True)
class Expectations:
    """What the submission must be: its zone, the plan's span, the catalogue and history per code."""

    zone: str
    first_period: Period
    last_period: Period
    catalogue: Catalogue
    history: Mapping[str, Sequence[float]] = field(default_factory=dict)
    slip_tolerance: float = 0.5


# One refusal reason at one cell: the shared reader's type, so that a bad cell reads the same in every import.
Issue = CellIssue


@dataclass(frozen=True, kw_only=True)
class CleanRow:
    """A valid observation, its value converted to the catalogue unit."""

    sheet: str
    row: int
    indicator: str
    period: Period
    value: float
    unit: str
    entered_value: float
    entered_unit: str
    status: str
    source: str


@dataclass(frozen=True, kw_only=True)
class ValidationReport:
    """Clean rows and issues; store the rows only when ``ok``."""

    rows: tuple[CleanRow, ...]
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """No issue at all."""
        return not self.issues


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: object) -> float | None:
    """A cell as a finite number, or None when it is not one (text, bool, date, NaN).

    >>> parse_number(12.5)
    12.5
    >>> parse_number(" 1,234.5 ")
    1234.5
    >>> parse_number("约100") is None
    True
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("，", "")
        if _NUMBER.match(cleaned):
            return float(cleaned)
    return None


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def add(self, *, sheet: str, row: int, field_name: str, code: str, detail: str) -> None:
        column = COLUMNS.get(field_name, field_name)
        message = f"{ISSUE_CODES[code]}: {detail}"
        self.issues.append(
            Issue(sheet=sheet, row=row, column=column, code=code, reason=message, file=self.file)
        )

    def at(self, row: SubmittedRow, *, field_name: str, code: str, detail: str) -> None:
        self.add(sheet=row.sheet, row=row.row, field_name=field_name, code=code, detail=detail)


def _check_template(info: TemplateInfo | None, expect: Expectations, out: _Collector) -> None:
    if info is None:
        out.add(sheet="", row=0, field_name="A", code="missing_template_info", detail="请使用系统生成的模板")
        return
    if _blank(info.zone):
        row, column = info.zone_cell
        out.add(
            sheet=info.sheet,
            row=row,
            field_name=column,
            code="missing_template_info",
            detail="缺少开发区代码",
        )
    elif str(info.zone).strip() != expect.zone:
        row, column = info.zone_cell
        out.add(
            sheet=info.sheet,
            row=row,
            field_name=column,
            code="wrong_zone",
            detail=f"模板为 {str(info.zone).strip()!r}, 应为 {expect.zone!r}",
        )


def _read_row(row: SubmittedRow, expect: Expectations, out: _Collector) -> CleanRow | None:
    """Check the cells of one row; a CleanRow only when every cell is valid."""
    before = len(out.issues)
    code = "" if _blank(row.code) else str(row.code).strip()
    indicator: Indicator | None = None
    try:
        indicator = expect.catalogue.get(code)
    except KeyError:
        out.at(row, field_name="code", code="unknown_indicator", detail=repr(code))
    number = parse_number(row.value)
    if number is None:
        out.at(row, field_name="value", code="not_a_number", detail=repr(row.value))
    period: Period | None = None
    try:
        period = parse_period(row.period if isinstance(row.period, int | float | str) else repr(row.period))
    except PeriodError:
        out.at(row, field_name="period", code="bad_period", detail=repr(row.period))
    if period is not None and not period_within(period, first=expect.first_period, last=expect.last_period):
        span = f"{expect.first_period.label}–{expect.last_period.label}"
        out.at(row, field_name="period", code="period_outside_plan", detail=f"{period.label} 不在 {span}")
    status = "preliminary" if _blank(row.status) else STATUS_LABELS.get(str(row.status).strip().lower())
    if status is None:
        out.at(row, field_name="status", code="bad_status", detail=repr(row.status))
    entered_unit = "" if _blank(row.unit) else str(row.unit).strip()
    value: float | None = None
    if indicator is not None:
        entered_unit = entered_unit or indicator.unit
        try:
            parse_unit(entered_unit)
        except UnitError:
            out.at(row, field_name="unit", code="unknown_unit", detail=repr(entered_unit))
        else:
            if parse_unit(entered_unit).dimension != parse_unit(indicator.unit).dimension:
                detail = f"{entered_unit} 与 {indicator.name} 的单位 {indicator.unit} 不能换算"
                out.at(row, field_name="unit", code="incompatible_unit", detail=detail)
            elif number is not None:
                value = convert(number, source=entered_unit, target=indicator.unit)
    if len(out.issues) > before or indicator is None or period is None or value is None or number is None:
        return None
    return CleanRow(
        sheet=row.sheet,
        row=row.row,
        indicator=indicator.code,
        period=period,
        value=value,
        unit=indicator.unit,
        entered_value=number,
        entered_unit=entered_unit,
        status=status or "preliminary",
        source="" if _blank(row.source) else str(row.source).strip(),
    )


def _check_duplicates(rows: Sequence[CleanRow], out: _Collector) -> list[CleanRow]:
    seen: dict[tuple[str, str], CleanRow] = {}
    unique: list[CleanRow] = []
    for row in rows:
        key = (row.indicator, row.period.label)
        first = seen.setdefault(key, row)
        if first is row:
            unique.append(row)
        else:
            detail = f"{row.indicator} {row.period.label} 已在第 {first.row} 行填报"
            out.add(sheet=row.sheet, row=row.row, field_name="code", code="duplicate_row", detail=detail)
    return unique


def _slip_unit(value: float, reference: float, *, unit: str, tolerance: float) -> str | None:
    """The unit V the value looks typed in, when x/reference ≈ size(U)/size(V), |log₁₀| ≥ 2."""
    if value <= 0 or reference <= 0:
        return None
    observed = math.log10(value / reference)
    expected = parse_unit(unit)
    for other in alternatives(unit)[1:]:
        shift = math.log10(expected.size / parse_unit(other).size)
        if abs(shift) >= 2 and abs(observed - shift) <= tolerance:
            return other
    return None


def median_without(pool: Sequence[float], value: float) -> float | None:
    """The median of sorted ``pool`` with one occurrence of ``value`` taken out (when it is in it,
    as a positive value is); None when nothing is left.

    >>> median_without([1.0, 2.0, 3.0, 10.0], 10.0), median_without([1.0, 2.0, 3.0, 10.0], -5.0)
    (2.0, 2.5)
    >>> median_without([4.0], 4.0) is None
    True
    """
    skip = bisect.bisect_left(pool, value) if value > 0 else len(pool)
    size = len(pool) - (1 if skip < len(pool) else 0)
    if size == 0:
        return None

    def at(k: int) -> float:
        return pool[k if k < skip else k + 1]

    half = size // 2
    return at(half) if size % 2 else (at(half - 1) + at(half)) / 2


def _check_unit_slips(rows: Sequence[CleanRow], expect: Expectations, out: _Collector) -> set[int]:
    """Flag likely unit slips; returns the ids of the flagged rows."""
    flagged: set[int] = set()
    # The reference of a row is the median of the indicator's history and of the file's other values of
    # it (positive ones). Sorted once per indicator, each row's median leaves out its own value by index
    # arithmetic — the same number as statistics.median of that list, in O(log n) instead of O(n) a row.
    pools: dict[str, list[float]] = {}
    for row in rows:
        pools.setdefault(row.indicator, []).append(row.value)
    for indicator, values in pools.items():
        history = expect.history.get(indicator, ())
        pools[indicator] = sorted(v for v in (*history, *values) if v > 0)
    for row in rows:
        reference = median_without(pools[row.indicator], row.value)
        if reference is None:
            continue
        slipped = _slip_unit(row.value, reference, unit=row.unit, tolerance=expect.slip_tolerance)
        if slipped is not None:
            detail = (
                f"{row.entered_value:g} 约为参考值 {reference:g} {row.unit} 的 "
                f"{row.value / reference:,.0f} 倍, 是否按 {slipped} 填写?"
            )
            out.add(sheet=row.sheet, row=row.row, field_name="value", code="unit_slip", detail=detail)
            flagged.add(id(row))
    return flagged


def _check_ranges(rows: Sequence[CleanRow], expect: Expectations, skip: set[int], out: _Collector) -> None:
    """Plausible range of each value in the catalogue unit (a unit slip is reported as such instead)."""
    for row in rows:
        if id(row) in skip:
            continue
        low, high = expect.catalogue.get(row.indicator).plausible
        if (low is not None and row.value < low) or (high is not None and row.value > high):
            detail = f"{row.value:g} {row.unit} 不在 [{low}, {high}] 内"
            out.add(sheet=row.sheet, row=row.row, field_name="value", code="out_of_range", detail=detail)


def validate_submission(
    *,
    rows: Sequence[SubmittedRow],
    template: TemplateInfo | None,
    expect: Expectations,
    file: str = "",
) -> ValidationReport:
    """Check a whole submission; all issues are collected, clean rows are returned only if none.

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> expect = Expectations(zone="LYG-ETDZ", first_period=parse_period("2021"),
    ...                       last_period=parse_period("2025"), catalogue=load_catalogue())
    >>> info = TemplateInfo(sheet="_meta", zone="LYG-ETDZ", zone_cell=(2, "B"), period="2023", period_cell=(4, "B"))
    >>> ok = validate_submission(rows=[SubmittedRow(sheet="数据填报", row=2, code="gdp", unit="亿元",
    ...     period="2023", value=812.5)], template=info, expect=expect)
    >>> (ok.ok, ok.rows[0].value)
    (True, 812.5)
    >>> bad = validate_submission(rows=[SubmittedRow(sheet="数据填报", row=2, code="gdp", unit="亿元",
    ...     period="2030", value="八百")], template=info, expect=expect)
    >>> [(issue.location, issue.code) for issue in bad.issues]
    [('数据填报!E2', 'not_a_number'), ('数据填报!D2', 'period_outside_plan')]
    """
    out = _Collector(file)
    _check_template(template, expect, out)
    clean: list[CleanRow] = []
    for row in rows:
        if all(_blank(cell) for cell in (row.code, row.value)):
            continue
        if _blank(row.value):
            continue  # an indicator left empty is not submitted
        parsed = _read_row(row, expect, out)
        if parsed is not None:
            clean.append(parsed)
    unique = _check_duplicates(clean, out)
    slips = _check_unit_slips(unique, expect, out)
    _check_ranges(unique, expect, slips, out)
    if out.issues:
        return ValidationReport(rows=(), issues=tuple(out.issues))
    return ValidationReport(rows=tuple(unique), issues=())
