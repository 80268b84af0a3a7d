"""Import a yearly supplement file into a zone: all rows or none, one audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from devzone.audit.actions import bulk_written
from devzone.core.files import CellIssue, FileRefused
from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.models import SupplementYear
from devzone.pools.supplement import read_supplement


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@transaction.atomic
def import_supplement(*, zone: Zone, name: str, content: bytes, actor: Any, source: str) -> dict[str, int]:
    """Read ``content`` (the shared reader, every fault at once) and upsert its enterprise-years in ``zone``.

    A USCC that is not one of the zone's enterprises refuses the file (naming its rows); nothing is
    written unless every row is good. Returns the counts of rows created and revised.
    """
    table = read_supplement(name, content)
    rows = table.to_pylist()
    firms = {e.uscc: e for e in Enterprise.objects.filter(zone=zone, uscc__in={r["uscc"] for r in rows})}
    unknown = [
        CellIssue(file=name, row=i, column="uscc", reason=f"{r['uscc']} 不是{zone}的企业（请先导入企业名录）")
        for i, r in enumerate(rows, start=2)
        if r["uscc"] not in firms
    ]
    if unknown:
        raise FileRefused(unknown)
    existing = {
        (s.enterprise_id, s.year): s
        for s in SupplementYear.objects.filter(
            zone=zone, enterprise__in=firms.values(), year__in={r["year"] for r in rows}
        )
    }
    created = revised = 0
    for r in rows:
        firm = firms[r["uscc"]]
        values = {k: _plain(v) for k, v in r.items() if k not in ("uscc", "year", "zone") and v is not None}
        found = existing.get((firm.pk, r["year"]))
        if found is None:
            SupplementYear.objects.create(zone=zone, enterprise=firm, year=r["year"], values=values)
            created += 1
        else:
            found.values = {**found.values, **values}
            found.save(update_fields=["values", "updated_at"])
            revised += 1
    bulk_written(
        SupplementYear, zone_id=zone.pk, label=f"{zone} 年度补充数据 {name}", actor=actor, source=source,
        detail={"file": name, "created": created, "revised": revised},
    )  # fmt: skip
    return {"created": created, "revised": revised}
