"""Where every stored target stands: load the figures it needs, hand them to the pure engine.

Targets are measured on annual figures, by the one rule of ``annual.py``: the year's figure, else its
Q4, else its December year-to-date figure (they sit at the same point of the time axis, periods.py). A target's area decides which figures count:

    本开发区 (zone)         the zone's own figures
    全市开发区合计 (zones)  Σ over the city's zones for additive indicators (catalogue rule ``sum``),
                            the city-level figure otherwise
    全市 (city)             the city-level figure (an observation without a zone)

A share (占全市比重) divides the numerator's figure by the denominator's, the denominator taken in
the same area or the whole city (the indicator's ``denominator_scope``; 全市 when the target is a
share of a plain indicator such as 一般公共预算收入).

A sum over the city's zones is honest only when every zone that should report has reported: one zone
uploading next year's figure early must not become "the city's total" for that year. The zones that
should report an indicator for year Y are the city's zones that reported it for Y or any earlier
year (a zone that has never reported an indicator is not waited for; 假设: a zone, once reporting,
keeps reporting). A year with fewer reports is *incomplete*: shown with its completeness
("2025：1/11 个开发区已报"), never used for a status or a forecast. Each target is evaluated at its own
latest complete year (its 统计截至), so one city's or one zone's early data moves no other target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from devzone.indicators.annual import annual_figures
from devzone.indicators.models import Coverage, Indicator, Observation, Target
from devzone.indicators.periods import PeriodError, parse_period, time_label
from devzone.indicators.targets import (
    Evaluation,
    TargetError,
    evaluate_target,
    expected_value,
    plan_figure,
)
from devzone.indicators.targets import Observation as Point
from devzone.indicators.targets import Target as EngineTarget
from devzone.indicators.units import UnitError, convert

STATUS_COLOURS: dict[str, str] = {
    "met": "success",
    "on track": "primary",
    "at risk": "warning",
    "off track": "danger",
    "no data": "secondary",
}
STATUS_LABELS: dict[str, Promise] = {
    "met": _("已完成"),
    "on track": _("进度正常"),
    "at risk": _("有风险"),
    "off track": _("滞后"),
    "no data": _("无数据"),
}
CHART_COLOURS: dict[str, str] = {
    "met": "#198754",
    "on track": "#0d6efd",
    "at risk": "#ffc107",
    "off track": "#dc3545",
    "no data": "#6c757d",
}
ALWAYS_HIGHER = frozenset({"cumulative", "count_per_period", "rank_change"})
PLAN_UNIT_KINDS = frozenset({"level", "net_increase", "cumulative", "count_per_period"})

Series = dict[float, float]


@dataclass(frozen=True)
class YearCompleteness:
    """How many of the zones that should report a year's figure have reported it, and their sum."""

    year: int
    reported: int
    expected: int
    total: float

    @property
    def complete(self) -> bool:
        return self.reported >= self.expected

    @property
    def label(self) -> str:
        """``2025：1/11 个开发区已报``."""
        return str(_("%(year)d：%(reported)d/%(expected)d 个开发区已报")) % {
            "year": self.year,
            "reported": self.reported,
            "expected": self.expected,
        }


@dataclass
class Figures:
    """Current annual figures by (indicator id, zone id or None, city)."""

    by_key: dict[tuple[int, int | None, str], Series] = field(default_factory=dict)
    zone_city: dict[int, str] = field(default_factory=dict)
    # completeness per (indicator id, city): a board asks for it once per target and once more for
    # the target's pending years, and each answer scans every figure
    _completeness: dict[tuple[int, str], list[YearCompleteness]] = field(default_factory=dict)

    def completeness(self, indicator: Indicator, *, city: str) -> list[YearCompleteness]:
        """Year by year, the zones of ``city`` that reported ``indicator`` against those that should have."""
        key = (indicator.pk, city)
        if key not in self._completeness:
            self._completeness[key] = self._count_reports(indicator.pk, city)
        return self._completeness[key]

    def _count_reports(self, indicator_id: int, city: str) -> list[YearCompleteness]:
        by_zone = {
            zone: values
            for (ind, zone, _city), values in self.by_key.items()
            if ind == indicator_id and zone is not None and self.zone_city.get(zone) == city
        }
        first_year = {zone: min(values) for zone, values in by_zone.items() if values}
        years = sorted({t for values in by_zone.values() for t in values})
        rows = []
        for year in years:
            expected = [zone for zone, first in first_year.items() if first <= year]
            reported = [zone for zone in expected if year in by_zone[zone]]
            total = sum(by_zone[zone][year] for zone in reported)
            rows.append(YearCompleteness(int(year), len(reported), len(expected), total))
        return rows

    def series(self, indicator: Indicator, *, zone_id: int | None, city: str, coverage: str) -> Series:
        """The figures a target is measured on; a sum over zones keeps its complete years only."""
        if coverage == Coverage.ZONE:
            return self.by_key.get((indicator.pk, zone_id, city), {})
        if coverage == Coverage.ZONES and indicator.aggregation == "sum":
            return {
                float(year.year): year.total
                for year in self.completeness(indicator, city=city)
                if year.complete
            }
        return self.by_key.get((indicator.pk, None, city), {})

    def incomplete(self, indicator: Indicator, *, city: str, coverage: str) -> list[YearCompleteness]:
        """The years a target's sum leaves out because not every zone has reported them."""
        if coverage != Coverage.ZONES or indicator.aggregation != "sum":
            return []
        return [year for year in self.completeness(indicator, city=city) if not year.complete]


def load_figures(targets: Sequence[Target]) -> Figures:
    """One query for the current annual figures of every indicator the targets need."""
    codes: set[str] = set()
    for target in targets:
        if target.indicator is not None:
            codes.add(target.indicator.code)
            codes.update(c for c in (target.indicator.numerator, target.indicator.denominator) if c)
    cities = {target.city for target in targets}
    figures = Figures()
    for figure in annual_figures(Observation.objects.filter(indicator__code__in=codes, city__in=cities)):
        key = (figure.indicator_id, figure.zone_id, figure.city)
        figures.by_key.setdefault(key, {})[float(figure.year)] = figure.value
        if figure.zone_id is not None:
            figures.zone_city[figure.zone_id] = figure.city
    return figures


@dataclass
class TargetRow:
    """One target with its evaluation (None when it cannot be evaluated: see ``problem``)."""

    target: Target
    evaluation: Evaluation | None
    engine: EngineTarget | None
    points: list[Point]
    problem: str = ""
    scale: float = 1.0
    unit: str = ""
    as_of: float = 0.0
    incomplete: list[YearCompleteness] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.evaluation.status if self.evaluation is not None else "no data"

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def shown(self, value: float | None) -> float | None:
        """A measure value in display units (a share in %)."""
        return None if value is None else round(value * self.scale, 4)

    @property
    def as_of_label(self) -> str:
        """The 统计截至 in words: ``2024年``, ``2024年第2季度`` or ``2024年6月``."""
        return time_label(self.as_of) if self.as_of else ""

    @property
    def pending(self) -> list[YearCompleteness]:
        """Incomplete years after the 统计截至: data is coming in, not yet counted."""
        return [year for year in self.incomplete if year.year > self.as_of]

    @property
    def current(self) -> float | None:
        return self.shown(self.evaluation.current) if self.evaluation else None

    @property
    def goal(self) -> float | None:
        return self.shown(self.evaluation.goal) if self.evaluation else None

    @property
    def expected(self) -> float | None:
        return self.shown(self.evaluation.expected) if self.evaluation else None

    @property
    def completion_percent(self) -> float | None:
        if self.evaluation is None or self.evaluation.completion is None:
            return None
        return round(self.evaluation.completion * 100, 1)

    @property
    def forecast(self) -> float | None:
        if self.evaluation is None or self.evaluation.forecast is None:
            return None
        return self.shown(self.evaluation.forecast.value)


def _direction(target: Target, indicator: Indicator) -> str:
    if target.kind in ALWAYS_HIGHER:
        return "higher"
    if target.op in {"<", "<="}:
        return "lower"
    if target.op in {">", ">="}:
        return "higher"
    return indicator.direction


def _plan_value(target: Target, indicator: Indicator) -> float:
    if target.kind in PLAN_UNIT_KINDS:
        return convert(target.value, source=target.unit, target=indicator.unit)
    return plan_figure(kind=target.kind, value=target.value, unit=target.unit)


def _points(target: Target, indicator: Indicator, figures: Figures) -> list[Point]:
    where = {"zone_id": target.zone_id, "city": target.city, "coverage": target.coverage}
    if target.kind != "share":
        return [Point(t=t, value=v) for t, v in sorted(figures.series(indicator, **where).items())]
    parts = {
        row.code: row
        for row in Indicator.objects.filter(code__in=[indicator.numerator, indicator.denominator])
    }
    numerator = parts.get(indicator.numerator, indicator) if indicator.is_share else indicator
    denominator = parts.get(indicator.denominator, indicator) if indicator.is_share else indicator
    scope = indicator.denominator_scope if indicator.is_share else "city"
    top = figures.series(numerator, **where)
    bottom_where = {**where, "coverage": Coverage.CITY} if scope == "city" else where
    bottom = figures.series(denominator, **bottom_where)
    return [Point(t=t, value=top[t], total=bottom[t]) for t in sorted(top) if bottom.get(t)]


def _base_value(target: Target, points: list[Point], base_time: float) -> float | None:
    if target.base_value is not None:
        if target.kind == "share":
            return plan_figure(kind="share", value=target.base_value, unit=target.unit)
        return target.base_value
    for point in points:
        if point.t == base_time:
            if target.kind == "share":
                return point.value / point.total if point.total else None
            return point.value
    return None


def _own_as_of(target: Target, points: Sequence[Point]) -> float:
    """A target's 统计截至: its latest complete figure after the base, else its base period."""
    base = parse_period(target.base_period).end
    return max((point.t for point in points if point.t > base), default=base)


def evaluate_row(target: Target, figures: Figures, *, as_of: float | None = None) -> TargetRow:
    """Evaluate one stored target at ``as_of`` (a point of the decimal-year axis), by default at its
    own latest complete figure."""
    indicator = target.indicator
    if indicator is None:
        return TargetRow(target, None, None, [], problem=str(_("待确认指标")))
    scale = 100.0 if target.kind == "share" else 1.0
    unit = "%" if target.kind == "share" else ("位" if target.kind == "rank_change" else indicator.unit)
    incomplete = figures.incomplete(indicator, city=target.city, coverage=target.coverage)
    try:
        base_time = parse_period(target.base_period).end
        deadline = parse_period(target.deadline).end
        points = _points(target, indicator, figures)
        when = as_of if as_of is not None else _own_as_of(target, points)
        engine = EngineTarget(
            kind=target.kind,
            plan_value=_plan_value(target, indicator),
            base_time=base_time,
            deadline=deadline,
            base_value=_base_value(target, points, base_time),
            direction=_direction(target, indicator),
        )
        evaluation = evaluate_target(engine, points, now=when)
    except (TargetError, PeriodError, UnitError) as error:
        problem = (
            str(_("缺少基期值（未填写，也没有基期数据）"))
            if "needs a base value" in str(error)
            else str(error)
        )
        return TargetRow(
            target, None, None, [], problem=problem, scale=scale, unit=unit, incomplete=incomplete
        )
    return TargetRow(
        target, evaluation, engine, points, scale=scale, unit=unit, as_of=when, incomplete=incomplete
    )


def evaluate_targets(
    targets: Sequence[Target], *, as_of: float | None = None
) -> tuple[list[TargetRow], float]:
    """Every target evaluated at ``as_of``, by default each at its own 统计截至; and the board's date,
    the latest of them (or ``as_of``)."""
    figures = load_figures(targets)
    rows = [evaluate_row(target, figures, as_of=as_of) for target in targets]
    if as_of is not None:
        return rows, as_of
    return rows, max((row.as_of for row in rows if row.as_of), default=0.0)


def as_of_heading(rows: Sequence[TargetRow]) -> str:
    """A board's 统计截至: one date, or the span of its targets' own dates."""
    dates = sorted({row.as_of for row in rows if row.evaluation is not None and row.as_of})
    if not dates:
        return str(_("尚无数据"))
    if len(dates) == 1:
        return str(_("统计截至 %s")) % time_label(dates[0])
    return str(_("统计截至 %(first)s—%(last)s（各目标按其最近完整统计期）")) % {
        "first": time_label(dates[0]),
        "last": time_label(dates[-1]),
    }


def path_points(row: TargetRow) -> list[tuple[float, float]]:
    """The expected path (序时进度) year by year from the base to the deadline, in display units."""
    if row.engine is None:
        return []
    start, end = int(row.engine.base_time), int(row.engine.deadline)
    return [
        (float(t), round(expected_value(row.engine, now=float(t)) * row.scale, 4))
        for t in range(start, end + 1)
    ]


def status_counts(rows: Sequence[TargetRow]) -> list[tuple[str, Promise, str, int]]:
    """(status, label, colour, count) in status order, for the summary cards."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    return [(s, STATUS_LABELS[s], STATUS_COLOURS[s], counts[s]) for s in STATUS_LABELS]
