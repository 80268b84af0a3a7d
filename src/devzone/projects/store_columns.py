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
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Func, IntegerField, Max, Q, QuerySet, Sum
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
_cache: OrderedDict[tuple[int, ...], _Entry] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class _State:
    """What changes whenever the zones' columns would: counts, the highest ids and the last change of each
    table read. Milestones are append-only and verified once (their count, highest id, number verified
    and last verification move with every change); a project's edit moves its ``updated_at``; a renamed
    unit or zone moves theirs. A few aggregate queries, a few milliseconds at 20,000 projects."""

    ids: tuple[int, ...]
    projects: tuple[Any, ...]  # count, highest id, last updated_at, sum of total_wan
    milestones: tuple[Any, ...]  # count, highest id, number verified, last verified_at
    ledgers: tuple[Any, ...]
    names: tuple[Any, ...]


def state(zones: Sequence[Zone]) -> _State:
    ids = tuple(sorted(z.pk for z in zones))
    projects = Project.objects.filter(zone__in=ids).aggregate(
        n=Count("pk"), top=Max("pk"), at=Max("updated_at"), s=Sum("total_wan")
    )
    milestones = Milestone.objects.filter(project__zone__in=ids).aggregate(
        n=Count("pk"), top=Max("pk"), v=Count("verified_by"), at=Max("verified_at")
    )
    ledgers = tuple(
        tuple(model.objects.filter(project__zone__in=ids).aggregate(n=Count("pk"), top=Max("pk"), s=Sum("amount_wan")).values())
        for model in (FundsArrival, FaiMonth, FaiPlan)
    )  # fmt: skip
    names = (
        Unit.objects.aggregate(at=Max("updated_at"))["at"],
        Zone.objects.aggregate(at=Max("updated_at"))["at"],
    )
    return _State(ids, tuple(projects.values()), tuple(milestones.values()), ledgers, names)


@dataclass(frozen=True)
class _Entry:
    state: _State
    columns: Columns
    project_pk: npt.NDArray[np.int64]  # the primary key of each project row
    milestone_pk: npt.NDArray[np.int64]  # the primary key of each milestone row


def read_columns(zones: Iterable[Zone]) -> Columns:
    """:func:`load_columns`, kept in memory while :func:`state` stays the same (the boards read a zone's
    columns on every request; most requests change nothing). After a write only the rows it touched are
    read again (:func:`_refreshed`): the first view after a zone user adds or verifies a milestone or
    edits a project costs a few small queries, not the zone's 100,000 rows again."""
    zones = list(zones)
    now = state(zones)
    with _lock:
        entry = _cache.get(now.ids)
        if entry is not None:
            _cache.move_to_end(now.ids)
    if entry is not None and entry.state == now:
        return entry.columns
    fresh = (_refreshed(entry, now) if entry is not None else None) or _loaded(now)
    for f in fields(fresh.columns):  # shared between requests: nobody may write into them
        value = getattr(fresh.columns, f.name)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    with _lock:
        _cache[now.ids] = fresh
        _cache.move_to_end(now.ids)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return fresh.columns


def load_columns(zones: Iterable[Zone]) -> Columns:
    """Every project of ``zones`` with its milestones, funds, FAI and FAI plans, as the engine's columns
    (projects and milestones in the order of their primary key)."""
    return _loaded(state(list(zones))).columns


def _projects(ids: Sequence[int]) -> QuerySet[Project, Project]:
    return Project.objects.filter(zone__in=ids)


def _project_rows(qs: QuerySet[Project, Project]) -> list[tuple[Any, ...]]:
    return _rows(qs.order_by("pk").values_list(*_fields(PROJECT_FIELDS)))


def _milestone_rows(qs: QuerySet[Milestone, Milestone]) -> list[tuple[Any, ...]]:
    return _rows(qs.order_by("pk").values_list("pk", *MILESTONE_FIELDS))


MILESTONE_FIELDS = ("project_id", "stage", _d("reached_on"), "evidence", _d("evidence_on"),
                    "verified_by__name", "value")  # fmt: skip


def _loaded(now: _State) -> _Entry:
    qs = _projects(now.ids)
    projects = _project_rows(qs)
    milestones = _milestone_rows(Milestone.objects.filter(project__in=qs))
    unit_names = sorted({r[F["lead_unit__name"]] for r in projects} | {m[6] for m in milestones if m[6]})
    unit = {u: k for k, u in enumerate(unit_names)}
    row = {r[0]: k for k, r in enumerate(projects)}
    columns = Columns(
        units=tuple(unit_names),
        **_project_part(projects, unit),
        **_milestone_part(milestones, row, unit),
        **_ledger_part(qs, row),
    )
    return _Entry(now, columns, _pks(projects), _pks(milestones))


def _pks(rows: Sequence[tuple[Any, ...]]) -> npt.NDArray[np.int64]:
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def _refreshed(entry: _Entry, now: _State) -> _Entry | None:
    """``entry`` brought up to ``now`` by reading only the rows changed since: projects added (a higher
    id) or saved (``updated_at`` at or after the last one seen), milestones added or verified since, and
    the ledgers when theirs changed. None — read everything — when the change is of another kind: a
    project or milestone deleted or moved between zones, a unit or zone renamed, a new unit name, a
    change the rows read do not explain."""
    old, cols = entry.state, entry.columns
    if now.ids != old.ids or now.names != old.names:
        return None
    qs = _projects(now.ids)
    unit = {u: k for k, u in enumerate(cols.units)}
    project_pk, milestone_pk = entry.project_pk, entry.milestone_pk
    parts: dict[str, Any] = {}
    if now.projects != old.projects:
        _, top, at, _ = old.projects
        changed = _project_rows(qs.filter(Q(pk__gt=top or 0) | (Q(updated_at__gte=at) if at else Q())))
        placed = _placed(changed, project_pk, top, now.projects[0])
        if placed is None or any(r[F["lead_unit__name"]] not in unit for r in changed):
            return None  # a new unit name shifts every unit code
        project_pk, rows = placed
        parts |= _grown(cols, _project_part(changed, unit), len(project_pk), rows)
        if not np.isclose(float(np.nansum(parts["total_wan"])), float(now.projects[3] or 0.0)):
            return None  # a change that did not move updated_at (a bulk update)
    row = {int(pk): k for k, pk in enumerate(project_pk)}
    if now.milestones != old.milestones:
        _, top, _, at = old.milestones
        since = Q(pk__gt=top or 0) | (Q(verified_at__gte=at) if at else Q(verified_at__isnull=False))
        changed = _milestone_rows(Milestone.objects.filter(project__in=qs).filter(since))
        placed = _placed(changed, milestone_pk, top, now.milestones[0])
        if placed is None or any(m[6] and m[6] not in unit for m in changed):
            return None
        milestone_pk, rows = placed
        parts |= _grown(cols, _milestone_part(changed, row, unit), len(milestone_pk), rows)
        if int((parts["m_verifier"] >= 0).sum()) != now.milestones[2]:
            return None
    if now.ledgers != old.ledgers:
        parts |= _ledger_part(qs, row)
    return _Entry(now, replace(cols, **parts), project_pk, milestone_pk)


def _placed(
    changed: Sequence[tuple[Any, ...]], pks: npt.NDArray[np.int64], top: int | None, count: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]] | None:
    """The primary keys after ``changed`` (rows whose first value is the key, in its order) and the row of
    each changed one; rows above the old highest key ``top`` are added at the end. None when the rows do
    not explain the new ``count`` or name a row that was not there (one deleted, one moved in)."""
    added = [r for r in changed if r[0] > (top or 0)]
    if not changed or count != len(pks) + len(added):
        return None
    grown = np.concatenate([pks, _pks(added)])
    keys = _pks(changed)
    rows = np.searchsorted(grown, keys)
    if (rows >= len(grown)).any() or (grown[np.minimum(rows, len(grown) - 1)] != keys).any():
        return None
    return grown, rows


def _grown(cols: Columns, fresh: dict[str, Any], size: int, rows: npt.NDArray[np.intp]) -> dict[str, Any]:
    """Each column of ``fresh`` (values for ``rows``) written over a copy of ``cols``'s, grown to ``size``
    rows (the added ones at the end)."""
    out = {}
    for name, values in fresh.items():
        grown = np.empty(size, dtype=values.dtype)
        before = getattr(cols, name)
        grown[: len(before)] = before
        grown[rows] = values
        out[name] = grown
    return out


def _project_part(projects: Sequence[tuple[Any, ...]], unit: dict[str, int]) -> dict[str, Any]:
    signed = _days(_col(projects, F["signed_on"]))
    agreement = _col(projects, F["agreement"])

    def days(name: str) -> Days:
        return _days(_col(projects, F[name]))

    return {
        "code": _texts(_col(projects, F["code"])),
        "zone": _texts(_col(projects, F["zone__name"])),
        "lead_unit": _codes(unit[r[F["lead_unit__name"]]] for r in projects),
        "channel": _texts(_col(projects, F["channel"])),
        "event_name": _texts(_col(projects, F["event"])),
        "kind": _texts(_col(projects, F["kind"])),
        "contract": np.array([a == CONTRACT for a in agreement], dtype=bool).reshape(-1) & (signed != NEVER),
        "signed": signed,
        "total_wan": _floats(_col(projects, F["total_wan"])),
        "in_zone": _bools(_col(projects, F["in_zone"])),
        "terminated": days("terminated_on"),
        "fake": _bools(_col(projects, F["fake"])),
        "delivered": days("delivered_on"),
        "land_paid": days("land_paid_on"),
        "land_price_wan": _floats(_col(projects, F["land_price_wan"])),
        "planned_start": days("planned_start"),
        "deadline_start": days("deadline_start"),
        "deadline_finish": days("deadline_finish"),
        "deadline_review": days("deadline_review"),
        "review_applied": days("review_applied_on"),
    }


def _milestone_part(
    milestones: Sequence[tuple[Any, ...]], row: dict[int, int], unit: dict[str, int]
) -> dict[str, Any]:
    """The milestone columns of rows ``(pk, *MILESTONE_FIELDS)``."""
    reached = _days(_col(milestones, 3))
    evidence_on = _days(_col(milestones, 5))
    return {
        "m_project": _codes(row[m[1]] for m in milestones),
        "m_stage": _codes(STAGE[m[2]] for m in milestones),
        "m_reached": reached,
        "m_counted_from": np.where(evidence_on == NEVER, reached, evidence_on),
        "m_evidence": _codes(EVIDENCE_CODE[m[4]] for m in milestones),
        "m_verifier": _codes(unit[m[6]] if m[6] else -1 for m in milestones),
        "m_value": _floats(_col(milestones, 7)),
    }


def _ledger_part(qs: QuerySet[Project, Project], row: dict[int, int]) -> dict[str, Any]:
    """Funds, FAI months and yearly FAI plans (a few rows a project, re-read whole when one changed)."""
    funds = _rows(
        FundsArrival.objects.filter(project__in=qs)
        .order_by("pk")
        .values_list("project_id", _d("arrived_on"), "amount_wan", "evidence")
    )
    fai = _rows(
        FaiMonth.objects.filter(project__in=qs)
        .order_by("pk")
        .values_list("project_id", _d("month"), "amount_wan", "source")
    )
    plans = _rows(
        FaiPlan.objects.filter(project__in=qs).order_by("pk").values_list("project_id", "year", "amount_wan")
    )
    return {
        "funds_project": _codes(row[f[0]] for f in funds),
        "funds_day": _days(_col(funds, 1)),
        "funds_wan": _floats(_col(funds, 2)),
        "funds_evidence": _codes(EVIDENCE_CODE[f[3]] for f in funds),
        "fai_project": _codes(row[x[0]] for x in fai),
        "fai_day": _days(_col(fai, 1)),
        "fai_wan": _floats(_col(fai, 2)),
        "fai_source": _codes(SOURCES.index(x[3]) for x in fai),
        "plan_project": _codes(row[p[0]] for p in plans),
        "plan_year": _codes(int(p[1]) for p in plans),
        "plan_wan": _floats(_col(plans, 2)),
    }
