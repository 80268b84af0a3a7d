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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from devzone.indicators.annual import annual_figures
from devzone.indicators.models import Coverage, Indicator, Observation, Target
from devzone.indicators.periods import PeriodError, parse_period
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


@dataclass
class Figures:
    """Current annual figures by (indicator id, zone id or None, city)."""

    by_key: dict[tuple[int, int | None, str], Series] = field(default_factory=dict)
    zone_city: dict[int, str] = field(default_factory=dict)

    def series(self, indicator: Indicator, *, zone_id: int | None, city: str, coverage: str) -> Series:
        if coverage == Coverage.ZONE:
            return self.by_key.get((indicator.pk, zone_id, city), {})
        if coverage == Coverage.ZONES and indicator.aggregation == "sum":
            total: Series = defaultdict(float)
            for (ind, zone, _city), values in self.by_key.items():
                if ind == indicator.pk and zone is not None and self.zone_city.get(zone) == city:
                    for t, value in values.items():
                        total[t] += value
            return dict(total)
        return self.by_key.get((indicator.pk, None, city), {})


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


def evaluate_row(target: Target, figures: Figures, *, as_of: float) -> TargetRow:
    """Evaluate one stored target at ``as_of`` (a point of the decimal-year axis)."""
    indicator = target.indicator
    if indicator is None:
        return TargetRow(target, None, None, [], problem=str(_("待确认指标")))
    scale = 100.0 if target.kind == "share" else 1.0
    unit = "%" if target.kind == "share" else ("位" if target.kind == "rank_change" else indicator.unit)
    try:
        base_time = parse_period(target.base_period).end
        deadline = parse_period(target.deadline).end
        points = _points(target, indicator, figures)
        engine = EngineTarget(
            kind=target.kind,
            plan_value=_plan_value(target, indicator),
            base_time=base_time,
            deadline=deadline,
            base_value=_base_value(target, points, base_time),
            direction=_direction(target, indicator),
        )
        evaluation = evaluate_target(engine, points, now=as_of)
    except (TargetError, PeriodError, UnitError) as error:
        problem = (
            str(_("缺少基期值（未填写，也没有基期数据）"))
            if "needs a base value" in str(error)
            else str(error)
        )
        return TargetRow(target, None, None, [], problem=problem, scale=scale, unit=unit)
    return TargetRow(target, evaluation, engine, points, scale=scale, unit=unit)


def as_of_for(targets: Sequence[Target], figures: Figures) -> float:
    """The board's date: the latest annual figure any of its targets has (统计截至)."""
    latest = [t for series in figures.by_key.values() for t in series]
    if not latest:
        deadlines = []
        for target in targets:
            try:
                deadlines.append(parse_period(target.base_period).end)
            except PeriodError:
                continue
        return max(deadlines, default=0.0)
    return max(latest)


def evaluate_targets(
    targets: Sequence[Target], *, as_of: float | None = None
) -> tuple[list[TargetRow], float]:
    """Every target evaluated at ``as_of`` (default: the latest annual figure), and that date."""
    figures = load_figures(targets)
    when = as_of if as_of is not None else as_of_for(targets, figures)
    return [evaluate_row(target, figures, as_of=when) for target in targets], when


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
