"""Year-end counts of a zone (stock, flows, net increase) and the firms behind each number."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.counts import FLOWS
from devzone.pools.kinds import BY_CODE
from devzone.pools.report import FLOW_WORDS
from devzone.pools.store import year_counts
from devzone.pools.views.common import int_param, zone_context, zone_of

COLUMNS = [("stock", "年末有效数"), *((f, FLOW_WORDS[f]) for f in FLOWS), ("issued", "当年认定数"),
           ("net_increase", "净增")]  # fmt: skip


ENTERING_OR_LEAVING = ("first", "re_entry", "moved_in", "lapsed", "revoked", "moved_out")


def _rows(counts: pa.Table, zone: str, year: int) -> list[dict[str, Any]]:
    if "year" not in counts.column_names:
        return []
    rows = [
        {
            "kind": str(r["kind"]),
            "name": BY_CODE[str(r["kind"])].name,
            "cells": [(c, r[c]) for c, _ in COLUMNS],
        }
        for r in counts.to_pylist()
        if str(r["zone"]) == zone and r["year"] == year and str(r["kind"]) in BY_CODE
    ]
    return sorted(rows, key=lambda r: list(BY_CODE).index(r["kind"]))


def _behind(f: dict[str, Any], flow: str) -> bool:
    """Whether a drill-down row is one of the firms behind the column ``flow``."""
    if flow == "stock":
        return bool(f["in_stock"])
    if flow == "issued":
        return bool(f["issued"])
    if flow == "net_increase":
        return str(f["flow"]) in ENTERING_OR_LEAVING
    return str(f["flow"]) == flow


def _drill(flows: pa.Table, zone: Zone, year: int, kind: str, flow: str) -> dict[str, Any] | None:
    if not kind or not flow or "year" not in flows.column_names:
        return None
    key = str(zone.pk)
    picked = [
        f for f in flows.to_pylist()
        if str(f["zone"]) == key and f["year"] == year and str(f["kind"]) == kind and _behind(f, flow)
    ]  # fmt: skip
    names = dict(
        Enterprise.objects.filter(zone=zone, uscc__in=[str(f["uscc"]) for f in picked]).values_list(
            "uscc", "name"
        )
    )
    firms = [
        {
            "uscc": str(f["uscc"]),
            "name": names.get(str(f["uscc"]), "—"),
            "flow": FLOW_WORDS.get(str(f["flow"]), ""),
        }
        for f in picked
    ]
    title = f"{BY_CODE[kind].name if kind in BY_CODE else kind} · {dict(COLUMNS).get(flow, flow)}"
    return {"title": title, "firms": sorted(firms, key=lambda f: f["name"])}


def _typed(zone: Zone, year: int, computed: dict[str, int]) -> list[dict[str, Any]]:
    """The figures of the counted indicators a zone entered itself for ``year`` (the latest that is not the
    count), beside the computed one and their difference — so a 报表 figure that disagrees is seen."""
    from devzone.indicators.models import Observation  # noqa: PLC0415
    from devzone.pools.actions.observations import INDICATORS, SOURCE  # noqa: PLC0415

    out = []
    for code in INDICATORS:
        typed = (
            Observation.objects.filter(indicator__code=code, zone=zone, period=str(year))
            .exclude(source=SOURCE).select_related("indicator").order_by("-entered_at", "-pk").first()
        )  # fmt: skip
        if typed is None:
            continue
        counted = computed.get(code, 0)
        out.append({"name": typed.indicator.name, "typed": typed.value, "counted": counted,
                    "difference": counted - typed.value, "source": typed.source or "—",
                    "current": typed.is_current})  # fmt: skip
    return out


@login_required
@require_GET
def counts_page(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    year = int_param(request, "year", timezone.localdate().year - 1)
    result = year_counts([year])
    context = {
        **zone_context(request, zone, "counts"), "year": year, "columns": COLUMNS,
        "rows": _rows(result.counts, str(zone.pk), year),
        "drill": _drill(result.flows, zone, year, request.GET.get("kind", ""), request.GET.get("flow", "")),
        "years": list(range(year - 4, year + 2)),
    }  # fmt: skip
    from devzone.pools.actions.observations import figures  # noqa: PLC0415

    computed = {c: n for (c, z, y), n in figures([year]).items() if z == str(zone.pk) and y == year}
    context["typed"] = _typed(zone, year, computed)
    return render(request, "pools/counts.html", context)
