"""The engine's columns read straight from the database: one raw query per model, dates and numbers turned
into arrays by numpy (dates arrive as day numbers the database computed), no model instance and no record
dataclass in between.

Why: a 20,000-project zone has some 80,000 milestones; read through the ORM into record dataclasses it
took over a second (Django's per-value date converters, then one object per row), and the boards read
it on every request. Rows in the database were checked when they were written (the import and the
actions refuse bad rows), so they go into the columns as they are. Same columns as
:func:`devzone.projects.columns.from_records` over :func:`devzone.projects.store.records` (a test checks
they agree).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Func, IntegerField, Max, QuerySet, Sum
from django.db.models import F as F_

from devzone.orgs.models import Unit, Zone
from devzone.projects.columns import (
    EVIDENCE_CODE,
    NEVER,
    SOURCES,
    Codes,
    Columns,
    Days,
    Floats,
    Texts,
)
from devzone.projects.models import FaiMonth, FaiPlan, FundsArrival, Milestone, Project
from devzone.projects.stages import CONTRACT, STAGE


class EpochDays(Func):
    """A date column as days since 1970-01-01, computed by the database (no date object per value)."""

    output_field = IntegerField()
    template = "(%(expressions)s - DATE '1970-01-01')"  # PostgreSQL: date − date is an integer

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


def _d(field: str) -> EpochDays:
    return EpochDays(F_(field))


def _rows(qs: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The raw rows of ``qs`` (a ``values_list``): the database's own values, no field converters."""
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # no zone at all ("zone IN ()"): Django knows there is no row and writes no SQL
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _col(rows: Sequence[tuple[Any, ...]], k: int) -> list[Any]:
    return [r[k] for r in rows]


def _days(values: list[Any]) -> Days:
    """Days since 1970-01-01 as the database gave them (:class:`EpochDays`; None: never)."""
    return np.array([NEVER if v is None else v for v in values], dtype=np.int64).reshape(-1)


def _floats(values: list[Any]) -> Floats:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64).reshape(-1)


def _texts(values: list[Any]) -> Texts:
    out: Texts = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _codes(values: Iterable[int]) -> Codes:
    return np.fromiter(values, dtype=np.intp)


def _bools(values: list[Any]) -> Any:
    return np.array(values, dtype=bool).reshape(-1)


PROJECT_FIELDS = (
    "pk", "code", "zone__name", "lead_unit__name", "channel", "event", "kind", "agreement", "signed_on",
    "total_wan", "in_zone", "terminated_on", "fake", "delivered_on", "land_paid_on", "land_price_wan",
    "planned_start", "deadline_start", "deadline_finish", "deadline_review", "review_applied_on",
)  # fmt: skip
DATES = {"signed_on", "terminated_on", "delivered_on", "land_paid_on", "planned_start", "deadline_start",
         "deadline_finish", "deadline_review", "review_applied_on"}  # fmt: skip
F = {name: k for k, name in enumerate(PROJECT_FIELDS)}


def _fields(names: Sequence[str]) -> list[Any]:
    return [_d(n) if n in DATES else n for n in names]


CACHE_SIZE = 32
_cache: OrderedDict[tuple[Any, ...], Columns] = OrderedDict()
_lock = threading.Lock()


def fingerprint(zones: Sequence[Zone]) -> tuple[Any, ...]:
    """What changes whenever the zones' columns would: counts, the highest ids and the last update of each
    table read. Milestones are append-only and verified once (so their count, highest id and number
    verified move with every change); a project's edit moves its ``updated_at``; a renamed unit or zone
    moves theirs. A few aggregate queries, a few milliseconds at 20,000 projects."""
    ids = sorted(z.pk for z in zones)
    projects = Project.objects.filter(zone__in=ids).aggregate(
        n=Count("pk"), top=Max("pk"), at=Max("updated_at"), s=Sum("total_wan")
    )
    milestones = Milestone.objects.filter(project__zone__in=ids).aggregate(
        n=Count("pk"), top=Max("pk"), v=Count("verified_by")
    )
    ledgers = [
        tuple(model.objects.filter(project__zone__in=ids).aggregate(n=Count("pk"), top=Max("pk"), s=Sum("amount_wan")).values())
        for model in (FundsArrival, FaiMonth, FaiPlan)
    ]  # fmt: skip
    names = (
        Unit.objects.aggregate(at=Max("updated_at"))["at"],
        Zone.objects.aggregate(at=Max("updated_at"))["at"],
    )
    return (tuple(ids), tuple(projects.values()), tuple(milestones.values()), *ledgers, names)


def read_columns(zones: Iterable[Zone]) -> Columns:
    """:func:`load_columns`, kept in memory for as long as :func:`fingerprint` stays the same (the boards
    read a zone's columns on every request; most requests change nothing)."""
    zones = list(zones)
    key = fingerprint(zones)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    cols = load_columns(zones)
    for f in fields(cols):  # shared between requests: nobody may write into them
        value = getattr(cols, f.name)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    with _lock:
        _cache[key] = cols
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return cols


def load_columns(zones: Iterable[Zone]) -> Columns:
    """Every project of ``zones`` with its milestones, funds, FAI and FAI plans, as the engine's columns
    (projects in the order of their primary key)."""
    qs = Project.objects.filter(zone__in=list(zones))
    projects = _rows(qs.order_by("pk").values_list(*_fields(PROJECT_FIELDS)))
    row = {r[0]: k for k, r in enumerate(projects)}
    milestones = _rows(
        Milestone.objects.filter(project__in=qs).values_list(
            "project_id",
            "stage",
            _d("reached_on"),
            "evidence",
            _d("evidence_on"),
            "verified_by__name",
            "value",
        )
    )
    funds = _rows(
        FundsArrival.objects.filter(project__in=qs).values_list(
            "project_id", _d("arrived_on"), "amount_wan", "evidence"
        )
    )
    fai = _rows(
        FaiMonth.objects.filter(project__in=qs).values_list("project_id", _d("month"), "amount_wan", "source")
    )
    plans = _rows(FaiPlan.objects.filter(project__in=qs).values_list("project_id", "year", "amount_wan"))
    unit_names = sorted({r[F["lead_unit__name"]] for r in projects} | {m[5] for m in milestones if m[5]})
    unit = {u: k for k, u in enumerate(unit_names)}
    reached = _days(_col(milestones, 2))
    evidence_on = _days(_col(milestones, 4))
    signed = _days(_col(projects, F["signed_on"]))
    agreement = _col(projects, F["agreement"])

    def days(name: str) -> Days:
        return _days(_col(projects, F[name]))

    return Columns(
        code=_texts(_col(projects, F["code"])),
        zone=_texts(_col(projects, F["zone__name"])),
        units=tuple(unit_names),
        lead_unit=_codes(unit[r[F["lead_unit__name"]]] for r in projects),
        channel=_texts(_col(projects, F["channel"])),
        event_name=_texts(_col(projects, F["event"])),
        kind=_texts(_col(projects, F["kind"])),
        contract=np.array([a == CONTRACT for a in agreement], dtype=bool).reshape(-1) & (signed != NEVER),
        signed=signed,
        total_wan=_floats(_col(projects, F["total_wan"])),
        in_zone=_bools(_col(projects, F["in_zone"])),
        terminated=days("terminated_on"),
        fake=_bools(_col(projects, F["fake"])),
        delivered=days("delivered_on"),
        land_paid=days("land_paid_on"),
        land_price_wan=_floats(_col(projects, F["land_price_wan"])),
        planned_start=days("planned_start"),
        deadline_start=days("deadline_start"),
        deadline_finish=days("deadline_finish"),
        deadline_review=days("deadline_review"),
        review_applied=days("review_applied_on"),
        m_project=_codes(row[m[0]] for m in milestones),
        m_stage=_codes(STAGE[m[1]] for m in milestones),
        m_reached=reached,
        m_counted_from=np.where(evidence_on == NEVER, reached, evidence_on),
        m_evidence=_codes(EVIDENCE_CODE[m[3]] for m in milestones),
        m_verifier=_codes(unit[m[5]] if m[5] else -1 for m in milestones),
        m_value=_floats(_col(milestones, 6)),
        funds_project=_codes(row[f[0]] for f in funds),
        funds_day=_days(_col(funds, 1)),
        funds_wan=_floats(_col(funds, 2)),
        funds_evidence=_codes(EVIDENCE_CODE[f[3]] for f in funds),
        fai_project=_codes(row[x[0]] for x in fai),
        fai_day=_days(_col(fai, 1)),
        fai_wan=_floats(_col(fai, 2)),
        fai_source=_codes(SOURCES.index(x[3]) for x in fai),
        plan_project=_codes(row[p[0]] for p in plans),
        plan_year=_codes(int(p[1]) for p in plans),
        plan_wan=_floats(_col(plans, 2)),
    )
