"""Tamper evidence for the audit trail: a hash chain, its verification, and purge with export.

Each :class:`AuditEntry` stores ``prev_hash`` (the hash of the entry before it, by id) and ``hash``,
SHA-256 over a canonical JSON of its own fields and ``prev_hash``. Changing a field breaks that
entry's hash; deleting or inserting a row breaks the next entry's ``prev_hash``.

The hashed fields are those an entry keeps for ever. ``actor_id`` and ``zone_id`` are left out on
purpose: their ``SET_NULL`` rule empties them when a user or zone is deleted, which is not tampering;
``actor_name`` and the snapshots carry the same facts and are hashed.

Concurrent writers: the entry is written and its hash set while one writer holds the chain. On
PostgreSQL that is a transaction-scoped advisory lock (``pg_advisory_xact_lock``) taken before the
last entry is read; after the lock is granted the read sees every committed entry, so two writers
never chain to the same predecessor (a ``SELECT … FOR UPDATE`` of the last row would not do this
under READ COMMITTED: the waiter gets the old last row back). On SQLite the settings open every
transaction ``IMMEDIATE``, so the writer already holds the database write lock when it reads.

Limits (tell operators): the chain has no secret key, so someone who can write the database and
knows this code can rebuild every hash after a change; the chain shows changes made around the
application (a raw UPDATE, a Django shell, a restored old copy), and its head hash, printed by
``devzone audit verify``, should be noted outside the database to catch removal of the newest entries.

Purge: entries older than ``DEVZONE_AUDIT_RETENTION_DAYS`` are first written to a ``.jsonl.gz`` file
(a manifest line, then one line per entry with both hashes, so the file verifies on its own), then
deleted; an :class:`AuditAnchor` row records the hash of the last purged entry, which the first
remaining entry's ``prev_hash`` must equal.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.expressions import RawSQL
from django.utils import timezone

from devzone.audit.models import AuditAnchor, AuditEntry

HASHED_FIELDS = (
    "id",
    "at",
    "actor_name",
    "action",
    "model",
    "object_pk",
    "object_repr",
    "source",
    "before",
    "after",
)
# An arbitrary fixed key for the PostgreSQL advisory lock that serialises audit writers.
_PG_LOCK_KEY = 7_201_511_015
# How many recent hashes verify remembers to tell an inserted row from a deleted one.
_RECENT = 10_000


def _at(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def fields_of(entry: Any) -> dict[str, Any]:
    """The hashed fields of an entry (also works on a migration's historical model)."""
    data = {name: getattr(entry, name) for name in HASHED_FIELDS}
    data["at"] = _at(entry.at)
    return data


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of ``fields`` and ``prev_hash``."""
    canonical = json.dumps(
        {**fields, "prev_hash": prev_hash}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _anchor_hash() -> str:
    anchor = AuditAnchor.objects.order_by("-id").first()
    return anchor.head_hash if anchor is not None else ""


def _quoted(model: type[Model], *names: str) -> list[str]:
    """The quoted table name of ``model``, then the quoted column of each field in ``names``."""
    quote = connection.ops.quote_name
    return [quote(model._meta.db_table), *(quote(model._meta.get_field(n).column) for n in names)]


def _head_hash() -> RawSQL:
    """The chain's head as one SQL expression: the newest entry's hash, else the latest anchor's, else "".

    Plain SQL (names from the models, no parameters): built as ORM subqueries it costs more to compile
    than to run, on every append.
    """
    entries, entry_hash_col, entry_id = _quoted(AuditEntry, "hash", "id")
    anchors, anchor_hash_col, anchor_id = _quoted(AuditAnchor, "head_hash", "id")
    return RawSQL(  # noqa: S611 - no outside input: table and column names from the models
        f"COALESCE((SELECT {entry_hash_col} FROM {entries} ORDER BY {entry_id} DESC LIMIT 1), "  # noqa: S608
        f"(SELECT {anchor_hash_col} FROM {anchors} ORDER BY {anchor_id} DESC LIMIT 1), '')",
        (),
    )


def _set_hash(entry: AuditEntry) -> None:
    """Store ``entry.hash`` (plain SQL for the same reason as :func:`_head_hash`)."""
    table, hash_col, id_col = _quoted(AuditEntry, "hash", "id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {hash_col} = %s WHERE {id_col} = %s",  # noqa: S608 - names from the model
            [entry.hash, entry.pk],
        )


def lock_chain() -> None:
    """Hold the chain until the current transaction ends (see the module note); call inside atomic()."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def append(entry: AuditEntry) -> AuditEntry:
    """Save a new, unsaved ``entry`` as the chain's next link.

    Every audited action in the application runs through here (the demo province alone writes some
    2,800 entries), so it makes as few database round trips as the chain's guarantees allow: the lock
    (PostgreSQL), one INSERT that reads the head's hash and hands back the stored row, one UPDATE that
    sets the entry's own hash (seven round trips before: a savepoint and its release, a read of the
    head, the row read back after its INSERT).
    """
    # savepoint=False: inside the caller's transaction (the usual case) a savepoint would cost two round
    # trips and buys nothing here: the chain must not lose an entry while the change it records commits,
    # so an error in this block dooms the caller's transaction instead of being rolled back on its own.
    # Outside any transaction this opens one (IMMEDIATE on SQLite), as before.
    with transaction.atomic(savepoint=False):
        lock_chain()
        # The head's hash is read by the INSERT itself, a statement after the lock's (see the module
        # note): on PostgreSQL, under READ COMMITTED, it takes its snapshot only once the lock is
        # granted, so it sees the previous writer's entry. RETURNING hands the value it read back.
        entry.prev_hash = _head_hash()
        _insert(entry)
        entry.hash = entry_hash(fields_of(entry), entry.prev_hash)
        _set_hash(entry)
    return entry


def _insert(entry: AuditEntry) -> None:
    """INSERT ``entry`` and set its hashed fields to the values the database stored, read back at once.

    The hash is taken over the row as the database gives it back (the id and time exist only now, and
    PostgreSQL's jsonb rewrites numbers such as 1e20 as integers), so verify re-computes exactly what was
    hashed here. ``INSERT … RETURNING`` hands back those stored values, through the same converters a
    SELECT uses, in the INSERT's own round trip; a backend without RETURNING reads the row back.
    """
    meta = AuditEntry._meta
    if not connection.features.can_return_columns_from_insert:
        entry.save()
        stored = AuditEntry.objects.get(pk=entry.pk)
        for name in (*HASHED_FIELDS, "prev_hash"):
            setattr(entry, name, getattr(stored, name))
        return
    # What Model.save() would insert (every column but the id, ``at`` set by auto_now_add as it is
    # written); AuditEntry has no save() override and no signal receivers that this skips.
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    returned = [meta.get_field(name) for name in (*HASHED_FIELDS, "prev_hash")]
    (row,) = AuditEntry._base_manager._insert(
        [entry], fields=fields, returning_fields=returned, using=connection.alias
    )
    for field, value in zip(returned, row, strict=True):
        setattr(entry, field.attname, value)
    entry._state.adding = False
    entry._state.db = connection.alias


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_hash: str
    problem_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.problem_id is None


def _walk(rows: Iterable[tuple[dict[str, Any], str, str]], start: str) -> ChainReport:
    """Check ``(fields, prev_hash, hash)`` rows in id order against a chain starting at ``start``."""
    expected = start
    previous_id: int | None = None
    # hash of a recent entry -> id of the entry that chained to it (its successor).
    recent: OrderedDict[str, int | None] = OrderedDict({start: None})
    checked = 0
    for fields, prev_hash, stored in rows:
        row_id = fields["id"]
        if prev_hash != expected:
            if prev_hash in recent:
                inserted = recent[prev_hash]
                message = f"第 {inserted} 条记录是插入的：第 {row_id} 条记录的前一条哈希指向它之前的记录"
                return ChainReport(checked, expected, inserted, message)
            before = (
                f"第 {previous_id} 条" if previous_id is not None else ("清理锚点" if start else "链起点")
            )
            message = f"第 {row_id} 条之前有记录被删除：它记录的前一条哈希与{before}不符"
            return ChainReport(checked, expected, row_id, message)
        if entry_hash(fields, prev_hash) != stored:
            return ChainReport(checked, expected, row_id, f"第 {row_id} 条记录被修改：内容与其哈希不符")
        checked += 1
        recent[prev_hash] = row_id
        recent[stored] = None
        expected = stored
        previous_id = row_id
        if len(recent) > _RECENT:
            recent.popitem(last=False)
    return ChainReport(checked, expected)


def _db_rows() -> Iterator[tuple[dict[str, Any], str, str]]:
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        yield fields_of(entry), entry.prev_hash, entry.hash


def verify_chain() -> ChainReport:
    """Re-compute the whole chain from the latest purge anchor (or the start) to the newest entry."""
    return _walk(_db_rows(), _anchor_hash())


def verify_export(path: Path) -> ChainReport:
    """Check an export file on its own: its entries chain from the manifest's anchor to its head."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        manifest = json.loads(handle.readline())["manifest"]
        rows = [json.loads(line) for line in handle]
    report = _walk(((row["fields"], row["prev_hash"], row["hash"]) for row in rows), manifest["anchor"])
    if report.ok and (report.checked != manifest["count"] or report.head_hash != manifest["head_hash"]):
        return ChainReport(report.checked, report.head_hash, -1, "导出文件的条数或末条哈希与清单不符")
    return report


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    export: Path | None
    head_hash: str


class ChainBroken(Exception):
    """The chain does not verify; purging would destroy the evidence."""


def purge(out_dir: Path, *, days: int | None = None, now: dt.datetime | None = None) -> PurgeResult:
    """Export, then delete, every entry older than the retention limit; record the anchor.

    Runs with the chain held, so no entry is written between the export and the delete. Refuses
    (``ChainBroken``) when the chain does not verify. The file is on disk (fsynced) before the delete.
    """
    days = settings.DEVZONE_AUDIT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        lock_chain()
        report = verify_chain()
        if not report.ok:
            raise ChainBroken(report.problem)
        # Purge a prefix by id, so the rest still chains: everything before the first young entry.
        first_kept = (
            AuditEntry.objects.filter(at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
        )
        old = AuditEntry.objects.order_by("id")
        old = old.filter(id__lt=first_kept) if first_kept is not None else old
        entries = list(old)
        if not entries:
            return PurgeResult(0, None, report.head_hash)
        anchor = _anchor_hash()
        head = entries[-1].hash
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"audit-{timezone.now():%Y%m%dT%H%M%S}-{entries[0].id}-{entries[-1].id}.jsonl.gz"
        manifest = {
            "anchor": anchor,
            "head_hash": head,
            "count": len(entries),
            "first_id": entries[0].id,
            "last_id": entries[-1].id,
            "cutoff": _at(cutoff),
            "hashed_fields": list(HASHED_FIELDS),
        }
        with path.open("wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb") as handle:
                handle.write((json.dumps({"manifest": manifest}, ensure_ascii=False) + "\n").encode())
                for entry in entries:
                    line = {
                        "fields": fields_of(entry),
                        "prev_hash": entry.prev_hash,
                        "hash": entry.hash,
                        "actor_id": entry.actor_id,
                        "zone_id": entry.zone_id,
                    }
                    handle.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
            raw.flush()
            os.fsync(raw.fileno())
        AuditEntry.objects.filter(id__lte=entries[-1].id).delete()
        AuditAnchor.objects.create(
            last_purged_id=entries[-1].id, head_hash=head, purged_count=len(entries), export_name=path.name
        )
    return PurgeResult(len(entries), path, head)
