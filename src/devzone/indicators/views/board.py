"""Board pages: the city board, a zone's board, one target, one indicator across zones, exports."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from devzone.accounts.access import can_change, get_visible, scope
from devzone.core.responses import attachment
from devzone.indicators.board import (
    TargetRow,
    as_of_heading,
    evaluate_row,
    evaluate_targets,
    load_figures,
    status_counts,
)
from devzone.indicators.charts import bullet, progress, series_lines, status_bars
from devzone.indicators.exports import board_workbook
from devzone.indicators.models import Coverage, Indicator, Observation, Target
from devzone.indicators.periods import PeriodError, parse_period, time_label
from devzone.orgs.models import Zone


def _as_of(request: HttpRequest) -> float | None:
    try:
        return parse_period(request.GET.get("asof", "")).end if request.GET.get("asof") else None
    except PeriodError:
        return None


def _targets(queryset: QuerySet[Target]) -> list[Target]:
    return list(
        queryset.select_related("indicator", "zone").order_by("city", "zone__name", "indicator_id", "pk")
    )


def _city_rows(request: HttpRequest) -> tuple[list[TargetRow], float, str]:
    targets = scope(request.user, Target.objects.all())
    city = request.GET.get("city", "")
    if city:
        targets = targets.filter(city=city)
    rows, as_of = evaluate_targets(_targets(targets), as_of=_as_of(request))
    return rows, as_of, city


@login_required
def city_board(request: HttpRequest) -> HttpResponse:
    rows, as_of, city = _city_rows(request)
    by_area: dict[str, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_area[row.target.zone_label].append(row)
    cities = sorted(set(scope(request.user, Target.objects.all()).values_list("city", flat=True)))
    context = {
        "rows": rows,
        "as_of": as_of,
        "as_of_heading": as_of_heading(rows),
        "city": city,
        "cities": cities,
        "counts": status_counts(rows),
        "chart": status_bars(by_area),
        "zones": scope(request.user, Zone.objects.all(), zone_field="pk")
        .filter(targets__isnull=False)
        .distinct(),
    }
    return render(request, "indicators/city_board.html", context)


@login_required
def zone_board(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    rows, as_of = evaluate_targets(_targets(Target.objects.filter(zone=zone)), as_of=_as_of(request))
    context = {
        "zone": zone,
        "rows": rows,
        "as_of": as_of,
        "as_of_heading": as_of_heading(rows),
        "counts": status_counts(rows),
        "can_edit": can_change(request.user, zone),
        "chart": status_bars({zone.short_name or zone.name: rows}),
    }
    return render(request, "indicators/zone_board.html", context)


@login_required
def target_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    target = get_visible(request.user, Target.objects.select_related("indicator", "zone"), pk=target_id)
    figures = load_figures([target])
    row = evaluate_row(target, figures, as_of=_as_of(request))
    sums_zones = (
        target.indicator is not None
        and target.coverage == Coverage.ZONES
        and target.indicator.aggregation == "sum"
    )
    context = {
        "target": target,
        "row": row,
        "bullet": bullet(row) if row.evaluation is not None else None,
        "progress": progress(row) if row.evaluation is not None else None,
        "observations": _target_observations(target, sums_zones=sums_zones),
        "sums_zones": sums_zones,
        "completeness": (
            figures.completeness(target.indicator, city=target.city)
            if sums_zones and target.indicator is not None
            else []
        ),
        "can_edit": can_change(request.user, target),
    }
    return render(request, "indicators/target_detail.html", context)


def _target_observations(target: Target, *, sums_zones: bool) -> list[Observation]:
    """The figures the target is measured on, revisions included: the zone's, the city's, or — for a
    sum over the city's zones — every zone's of that city (the series the chart and status use)."""
    if target.indicator is None:
        return []
    rows = Observation.objects.filter(indicator=target.indicator, city=target.city)
    if sums_zones:
        rows = rows.filter(zone__isnull=False, zone__city=target.city)
    else:
        rows = rows.filter(zone=target.zone)
    return list(
        rows.select_related("entered_by", "indicator", "zone").order_by(
            "-period_end", "zone__name", "-entered_at"
        )[:200]
    )


@login_required
def indicator_series(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.all()
    indicator = indicators.filter(code=request.GET.get("indicator", "gdp")).first() or indicators.first()
    lines: dict[str, list[tuple[str, float]]] = defaultdict(list)
    if indicator is not None:
        rows = scope(
            request.user,
            Observation.objects.filter(indicator=indicator, is_current=True).select_related("zone"),
        ).order_by("period_end")
        for obs in rows:
            name = (
                obs.zone.short_name or obs.zone.name if obs.zone is not None else f"{obs.city}（{_('全市')}）"
            )
            lines[name].append((obs.period, obs.value))
    context = {
        "indicator": indicator,
        "indicators": indicators,
        "chart": series_lines(lines, unit=indicator.unit if indicator else ""),
        "lines": dict(lines),
    }
    return render(request, "indicators/series.html", context)


@login_required
def city_export(request: HttpRequest) -> HttpResponse:
    rows, as_of, city = _city_rows(request)
    title = _("%s目标进度") % (city or _("全部"))
    return attachment(board_workbook(rows, title=title), filename=f"{title}-{_stamp(as_of)}.xlsx")


@login_required
def zone_export(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    rows, as_of = evaluate_targets(_targets(Target.objects.filter(zone=zone)), as_of=_as_of(request))
    title = _("%s目标进度") % zone.name
    return attachment(board_workbook(rows, title=title), filename=f"{title}-{_stamp(as_of)}.xlsx")


def _stamp(as_of: float) -> str:
    """The latest 统计截至 for a file name (``2025年``)."""
    return time_label(as_of) if as_of else str(_("无数据"))
