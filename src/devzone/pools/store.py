"""The pools' records as the engines read them: enterprise-year tables, qualification records, memberships.

Zone membership. An enterprise record belongs to one zone and carries no dates, so a firm's membership
of a zone is its enterprise record, from 1 January of the first year any of its data or titles
begins; a firm with several records (a whole-firm move, 整体迁移) is in each from that start until the
next record's start. With one record the firm is in its zone for all time (*assumption*: the registry
does not date a firm's arrival).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from devzone.enterprises.models import Enterprise, EnterpriseYear
from devzone.pools.fields import BY_NAME as FIELDS
from devzone.pools.models import Qualification, SupplementYear
from devzone.pools.yearend import YearEnd, year_end

SINCE = dt.date(1900, 1, 1)
_ARROW = {
    "int": pa.float64(),
    "float": pa.float64(),
    "str": pa.string(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def _typed(name: str, value: Any) -> Any:
    f = FIELDS[name]
    if value is None:
        return None
    if f.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if f.kind in ("int", "float"):
        return float(value)
    return value


def enterprise_years(zone_ids: Iterable[int]) -> pa.Table:
    """The enterprise-year table of the zones: the 亩均 data (sales, R&D, staff) and the supplement."""
    zone_ids = list(zone_ids)
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    base = EnterpriseYear.objects.filter(zone_id__in=zone_ids).values_list(
        "enterprise_id", "enterprise__uscc", "zone_id", "year", "sales", "rd_expense", "employees"
    )
    for eid, uscc, zone_id, year, sales, rd, staff in base:
        rows[(eid, year)] = {"uscc": uscc, "zone": str(zone_id), "year": year, "sales": sales,
                             "rd_expense": rd, "employees": staff}  # fmt: skip
    extra = SupplementYear.objects.filter(zone_id__in=zone_ids).values_list(
        "enterprise_id", "enterprise__uscc", "zone_id", "year", "values"
    )
    for eid, uscc, zone_id, year, values in extra:
        row = rows.setdefault((eid, year), {"uscc": uscc, "zone": str(zone_id), "year": year})
        row.update({k: v for k, v in values.items() if k in FIELDS})
    names = sorted({k for r in rows.values() for k in r} - {"uscc", "zone", "year"})
    columns: dict[str, pa.Array] = {
        "uscc": pa.array([r["uscc"] for r in rows.values()], pa.string()),
        "zone": pa.array([r["zone"] for r in rows.values()], pa.string()),
        "year": pa.array([r["year"] for r in rows.values()], pa.int64()),
    }
    for name in names:
        kind = FIELDS[name].kind
        columns[name] = pa.array([_typed(name, r.get(name)) for r in rows.values()], _ARROW[kind])
    return pa.table(columns)


def records(zone_ids: Iterable[int] | None = None) -> pa.Table:
    """Qualification records in the columns of :mod:`devzone.pools.counts` (all zones when None)."""
    found = Qualification.objects.all()
    if zone_ids is not None:
        found = found.filter(zone_id__in=list(zone_ids))
    values = list(found.values_list(
        "enterprise__uscc", "kind", "valid_from", "valid_to", "revoked_effective_year", "eval_year"
    ))  # fmt: skip
    return pa.table({
        "uscc": pa.array([v[0] for v in values], pa.string()), "kind": pa.array([v[1] for v in values], pa.string()),
        "valid_from": pa.array([v[2] for v in values], pa.date32()),
        "valid_to": pa.array([v[3] for v in values], pa.date32()),
        "revoked_effective_year": pa.array([v[4] for v in values], pa.int64()),
        "eval_year": pa.array([v[5] for v in values], pa.int64()),
    })  # fmt: skip


def memberships() -> pa.Table:
    """Dated zone memberships (``uscc``, ``zone`` as the zone's id, ``start``, ``end``); see the module."""
    begins: dict[int, int] = {}
    for eid, year in EnterpriseYear.objects.values_list("enterprise_id", "year"):
        begins[eid] = min(year, begins.get(eid, year))
    for eid, year in SupplementYear.objects.values_list("enterprise_id", "year"):
        begins[eid] = min(year, begins.get(eid, year))
    for eid, start in Qualification.objects.values_list("enterprise_id", "valid_from"):
        begins[eid] = min(start.year, begins.get(eid, start.year))
    by_uscc: dict[str, list[tuple[dt.date, int, int]]] = {}
    for eid, uscc, zone_id in Enterprise.objects.values_list("pk", "uscc", "zone_id"):
        start = dt.date(begins[eid], 1, 1) if eid in begins else SINCE
        by_uscc.setdefault(uscc, []).append((start, eid, zone_id))
    out: list[tuple[str, str, dt.date, dt.date | None]] = []
    for uscc, spans in by_uscc.items():
        spans.sort()
        if len(spans) > 1:
            spans[0] = (SINCE, spans[0][1], spans[0][2])
        for i, (start, _eid, zone_id) in enumerate(spans):
            end = spans[i + 1][0] if i + 1 < len(spans) else None
            if end is not None and end <= start:
                continue  # two records begun in one year: the later one holds the firm
            out.append((uscc, str(zone_id), start if len(spans) > 1 else SINCE, end))
    return pa.table({
        "uscc": pa.array([o[0] for o in out], pa.string()), "zone": pa.array([o[1] for o in out], pa.string()),
        "start": pa.array([o[2] for o in out], pa.date32()), "end": pa.array([o[3] for o in out], pa.date32()),
    })  # fmt: skip


def year_counts(years: Iterable[int]) -> YearEnd:
    """Stock and flows of every zone for ``years`` (zone as its id, in text)."""
    recs = records()
    if recs.num_rows == 0:
        empty = pa.table({"zone": pa.array([], pa.string())})
        return YearEnd(flows=empty, counts=empty)
    return year_end(recs, memberships(), years)
