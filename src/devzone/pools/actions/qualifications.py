"""Import a province's certificate list: the zones' firms on it get their qualification, all or none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from devzone.audit.actions import bulk_written
from devzone.core.files import CellIssue, FileRefused
from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.actions.members import recount
from devzone.pools.certificates import read_certificates
from devzone.pools.kinds import BY_CODE
from devzone.pools.models import EntryPath, Qualification


@dataclass
class CertificateImport:
    """What an import did: rows created and revised per zone, and the list's firms in no zone."""

    created: int = 0
    revised: int = 0
    unchanged: int = 0
    outside: int = 0
    zones: dict[str, int] = field(default_factory=dict)


def _firms(usccs: set[str], zone: Zone | None) -> dict[str, Enterprise]:
    """The enterprise record of each USCC: the newest one (after a whole-firm move the firm's current zone)."""
    found = Enterprise.objects.filter(uscc__in=usccs).select_related("zone").order_by("pk")
    if zone is not None:
        found = found.filter(zone=zone)
    return {e.uscc: e for e in found}


def _refuse_taken(
    name: str, rows: list[Any], firms: dict[str, Enterprise], existing: dict[str, Qualification]
) -> None:
    """A certificate number already held by another enterprise refuses the whole file."""
    issues = []
    for r in rows:
        held = existing.get(r.certificate_no)
        firm = firms.get(r.uscc)
        if held is not None and (firm is None or held.enterprise_id != firm.pk):
            issues.append(CellIssue(
                file=name, row=r.row, column="证书编号",
                reason=f"证书编号 {r.certificate_no} 已属于另一家企业（{held.enterprise.name}）",
            ))  # fmt: skip
    if issues:
        raise FileRefused(issues)


@transaction.atomic
def import_certificates(
    *, name: str, content: bytes, kind: str, actor: Any, source: str, zone: Zone | None = None
) -> CertificateImport:
    """Read the list (every fault at once) and write the certificates of the firms in devzone's zones.

    The list is a province's: firms that are no zone's enterprise are counted, not refused. A
    certificate number already held by another enterprise refuses the file; the same certificate of
    the same firm is revised in place (a re-import, or a 更名 that keeps "编号与有效期不变").
    """
    rows = read_certificates(name, content, kind=kind)
    firms = _firms({r.uscc for r in rows}, zone)
    existing = {
        q.certificate_no: q
        for q in Qualification.objects.select_for_update().filter(
            kind=kind, certificate_no__in=[r.certificate_no for r in rows]
        )
    }
    _refuse_taken(name, rows, firms, existing)
    done = CertificateImport()
    per_zone: dict[int, tuple[Zone, int]] = {}
    for r in rows:
        firm = firms.get(r.uscc)
        if firm is None:
            done.outside += 1
            continue
        values = {
            "zone": firm.zone, "enterprise": firm, "kind": kind, "level": r.level, "issuer": r.issuer,
            "doc_no": r.doc_no, "issued_on": r.issued_on, "valid_from": r.issued_on, "valid_to": r.valid_to,
            "eval_year": r.issued_on.year if BY_CODE[kind].calendar_year else None,
        }  # fmt: skip
        held = existing.get(r.certificate_no)
        if held is None:
            earlier = Qualification.objects.filter(
                enterprise__uscc=r.uscc, kind=kind, valid_from__lt=r.issued_on
            )
            path = EntryPath.FIRST
            if earlier.exists():
                ends = max((q.valid_to for q in earlier if q.valid_to is not None), default=None)
                path = (
                    EntryPath.CONSECUTIVE
                    if ends is None or ends >= r.issued_on - dt.timedelta(days=1)
                    else EntryPath.RE_ENTRY
                )
            Qualification.objects.create(
                certificate_no=r.certificate_no, entry_path=path, created_by=actor, **values
            )
            done.created += 1
        elif any(getattr(held, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(held, k, v)
            held.save()
            done.revised += 1
        else:
            done.unchanged += 1
            continue
        z, n = per_zone.get(firm.zone_id, (firm.zone, 0))
        per_zone[firm.zone_id] = (z, n + 1)
    since = min((r.issued_on.year for r in rows if r.uscc in firms), default=None)
    for z, _ in per_zone.values():
        if since is not None:
            recount(z, since, actor=actor, source=source)
    for zone_id, (z, n) in per_zone.items():
        done.zones[str(z)] = n
        bulk_written(
            Qualification, zone_id=zone_id, label=f"{z} {BY_CODE[kind].name}认定名单 {name}", actor=actor,
            source=source, detail={"file": name, "kind": kind, "written": n},
        )  # fmt: skip
    return done
