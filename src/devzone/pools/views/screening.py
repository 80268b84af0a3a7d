"""The pre-screen page of a zone: every firm against the criteria of one kind, each criterion explained."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

import ibis
import pyarrow as pa
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from devzone.enterprises.models import Enterprise
from devzone.pools.actions.members import BUILTIN_NAMES
from devzone.pools.criteria import CriteriaSet
from devzone.pools.kinds import BY_CODE
from devzone.pools.models import PoolMember
from devzone.pools.report import explained
from devzone.pools.screen import Screen, screen
from devzone.pools.store import enterprise_years
from devzone.pools.views.common import int_param, sets_today, zone_context, zone_of
from devzone.pools.words import VERDICT_WORDS

ORDER = {"near_miss": 0, "candidate": 1, "eligible": 2, "not_eligible": 3}
BADGE = {"eligible": "success", "candidate": "info", "near_miss": "warning", "not_eligible": "secondary"}
STATUS_BADGE = {"met": "success", "unmet": "danger", "unknown": "secondary", "manual": "info",
                "scored": "light", "na": "light"}  # fmt: skip
PROPOSED = ("candidate", "near_miss")
KEPT = 32  # screens kept per process: a few zones' kinds and years while a user pages through them

_kept: OrderedDict[tuple[str, str, int], Screen] = OrderedDict()
_lock = threading.Lock()


def _digest(table: pa.Table) -> str:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.blake2b(memoryview(sink.getvalue()), digest_size=16).hexdigest()


def _screened(table: pa.Table, cs: CriteriaSet, year: int) -> Screen:
    """The screen of the zone's table against one set, kept by the table's content: paging through its
    firms, or coming back to it, does not compile and run the criteria again (0.2–0.4 s each time) —
    and a changed table (an import, a supplement) is another key, so nothing stale is shown."""
    key = (_digest(table), cs.id, year)
    with _lock:
        if (found := _kept.get(key)) is not None:
            _kept.move_to_end(key)
            return found
    result = screen(ibis.memtable(table), [cs], year=year)
    with _lock:
        _kept[key] = result
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return result


@login_required
@require_GET
def screen_page(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    sets = sets_today()
    kind = request.GET.get("kind", "hte")
    if kind not in sets:
        kind = next(iter(sets))
    cs = sets[kind]
    table = enterprise_years([zone.pk])
    years = sorted(set(table.column("year").to_pylist())) if table.num_rows else []
    year = int_param(request, "year", years[-1] if years else 0)
    context: dict[str, Any] = {
        **zone_context(request, zone, "screen"), "kinds": [(k, BY_CODE[k].name) for k in sets], "kind": kind, "set": cs,
        "years": years, "year": year, "firms": None, "verdict": request.GET.get("verdict", ""),
        "verdict_words": VERDICT_WORDS,
    }  # fmt: skip
    if year not in years:
        return render(request, "pools/screen.html", context)
    result = _screened(table, cs, year)
    verdicts = result.verdicts.to_pylist()
    firms = {
        e.uscc: e for e in Enterprise.objects.filter(zone=zone, uscc__in=[str(v["uscc"]) for v in verdicts])
    }
    pool = BUILTIN_NAMES.get(kind, f"{BY_CODE[kind].name}培育库")
    pooled = set(
        PoolMember.objects.filter(zone=zone, pool__kind=kind, left_on__isnull=True).values_list(
            "enterprise__uscc", flat=True
        )
    )
    tally = dict.fromkeys(VERDICT_WORDS, 0)
    for v in verdicts:
        tally[str(v["verdict"])] += 1
    wanted = context["verdict"]
    shown = [v for v in verdicts if not wanted or v["verdict"] == wanted]
    shown.sort(
        key=lambda v: (
            ORDER[str(v["verdict"])],
            firms[str(v["uscc"])].name if str(v["uscc"]) in firms else "",
        )
    )
    page = Paginator(shown, 20).get_page(request.GET.get("page"))
    usccs = [str(v["uscc"]) for v in page]
    rows: dict[str, list[dict[str, Any]]] = {u: [] for u in usccs}
    for r in explained(result, {cs.id: cs}, uscc=usccs) if usccs else []:
        r["badge"] = STATUS_BADGE.get(str(r["status"]), "light")
        rows[str(r["uscc"])].append(r)
    context.update(
        page=page, pool_name=pool, tally=[(k, VERDICT_WORDS[k], n, BADGE[k]) for k, n in tally.items()],
        firms=[{
            "enterprise": firms.get(str(v["uscc"])), "uscc": str(v["uscc"]), "verdict": str(v["verdict"]),
            "verdict_words": VERDICT_WORDS[str(v["verdict"])], "badge": BADGE[str(v["verdict"])],
            "points": (v["points_lo"], v["points_hi"]) if v["points_lo"] is not None else None,
            "criteria": rows[str(v["uscc"])], "pooled": str(v["uscc"]) in pooled,
            "proposed": str(v["verdict"]) in PROPOSED,
        } for v in page],
    )  # fmt: skip
    return render(request, "pools/screen.html", context)
