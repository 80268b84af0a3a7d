"""The audit trail is tamper-evident: a hash chain that `devzone audit verify` re-computes,
and a retention purge that exports before it deletes and leaves the rest verifiable."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from typer.testing import CliRunner

from devzone.audit.actions import created, deleted, snapshot, updated
from devzone.audit.chain import entry_hash, fields_of, purge, verify_chain, verify_export
from devzone.audit.models import AuditAnchor, AuditEntry
from devzone.cli import app
from tests.personas import World, make_zone

runner = CliRunner()


def _write(world: World, count: int) -> list[AuditEntry]:
    """Entries as the actions write them (a create, an update and a delete per zone), in id order,
    with any the models' own setup adds."""
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for i in range(count):
        zone = make_zone(f"链测试{i}开发区")
        created(zone, actor=world.coordinator, source="web")
        before = snapshot(zone)
        zone.short_name = f"链{i}"
        zone.save()
        updated(zone, before=before, actor=world.coordinator, source="api")
        deleted(zone, actor=None, source="cli")
        zone.delete()
    return list(AuditEntry.objects.filter(id__gt=last).order_by("id"))


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_untouched_chain_verifies(world: World) -> None:
    earlier = AuditEntry.objects.count()  # the world's own setup is audited too
    entries = _write(world, 3)
    first, second = entries[0], entries[1]
    assert len(first.hash) == 64 and second.prev_hash == first.hash
    report = verify_chain()
    assert report.ok and report.checked == earlier + len(entries) and report.head_hash == entries[-1].hash
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert f"审计链完整：{earlier + len(entries)} 条记录校验通过" in result.output


def test_deleting_the_actor_or_zone_does_not_break_the_chain(world: World) -> None:
    """SET_NULL on actor and zone is the schema's rule, not tampering."""
    zone = make_zone("将被删除开发区")
    created(zone, actor=world.coordinator, source="web")
    zone.delete()
    world.coordinator.delete()
    assert verify_chain().ok


def test_a_changed_field_is_found_by_id(world: World) -> None:
    earlier = AuditEntry.objects.count()
    entries = _write(world, 3)
    target = entries[4]
    _raw(
        "UPDATE audit_auditentry SET after = %s WHERE id = %s",
        [json.dumps({**target.after, "short_name": "篡改"}, ensure_ascii=False), target.pk],
    )
    report = verify_chain()
    assert (report.problem_id, report.checked) == (target.pk, earlier + 4)
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"第 {target.pk} 条记录被修改" in result.output


def test_a_changed_actor_name_is_found(world: World) -> None:
    entries = _write(world, 2)
    _raw("UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["someone_else", entries[1].pk])
    assert verify_chain().problem_id == entries[1].pk


def test_a_deleted_row_is_found_at_the_next_id(world: World) -> None:
    entries = _write(world, 3)
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[5].pk])
    report = verify_chain()
    assert report.problem_id == entries[6].pk
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"第 {entries[6].pk} 条之前有记录被删除" in result.output


def test_deleting_the_first_row_is_found(world: World) -> None:
    entries = _write(world, 1)
    first = list(AuditEntry.objects.order_by("id")[:2])
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [first[0].pk])
    assert verify_chain().problem_id == first[1].pk
    assert entries


def test_an_inserted_row_is_found_even_with_a_well_formed_hash(world: World) -> None:
    entries = _write(world, 1)
    a, b = entries[0], entries[1]
    # Make room after `a`, then insert a forged entry that chains correctly to `a`.
    _raw("UPDATE audit_auditentry SET id = id + 1000 WHERE id > %s", [a.pk])
    forged = AuditEntry(
        id=a.pk + 1,
        at=a.at,
        actor_name="intruder",
        action="delete",
        model="orgs.Zone",
        object_pk="1",
        object_repr="伪造",
        source="web",
        before={"id": 1},
        after=None,
        prev_hash=a.hash,
    )
    forged.hash = entry_hash(fields_of(forged), a.hash)
    _raw(
        "INSERT INTO audit_auditentry (id, at, actor_name, action, model, object_pk, object_repr, source,"
        " before, after, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, %s, %s)",
        [
            forged.id,
            forged.at,
            forged.actor_name,
            forged.action,
            forged.model,
            forged.object_pk,
            forged.object_repr,
            forged.source,
            json.dumps(forged.before),
            forged.prev_hash,
            forged.hash,
        ],
    )
    assert b.pk is not None
    report = verify_chain()
    assert report.problem_id == forged.id
    assert "是插入的" in report.problem


def test_the_migration_chains_existing_rows_in_id_order(world: World) -> None:
    from importlib import import_module

    _write(world, 2)
    _raw("UPDATE audit_auditentry SET prev_hash = '', hash = ''", [])
    assert not verify_chain().ok
    import_module("devzone.audit.migrations.0002_chain").chain_existing(apps, None)
    report = verify_chain()
    assert report.ok and report.checked == AuditEntry.objects.count()


def test_purge_exports_then_deletes_and_the_rest_still_verifies(world: World, tmp_path: Path) -> None:
    setup = list(AuditEntry.objects.order_by("id"))
    old = setup + _write(world, 2)
    cutoff = timezone.now()
    young = _write(world, 1)
    result = purge(tmp_path, days=180, now=cutoff + dt.timedelta(days=180))
    assert result.purged == len(old) and result.export is not None
    assert sorted(AuditEntry.objects.values_list("id", flat=True)) == [e.pk for e in young]
    anchor = AuditAnchor.objects.get()
    assert (anchor.head_hash, anchor.last_purged_id, anchor.export_name) == (
        old[-1].hash,
        old[-1].pk,
        result.export.name,
    )
    # The export holds every purged entry with its hashes and verifies on its own.
    exported = verify_export(result.export)
    assert exported.ok and exported.checked == len(old) and exported.head_hash == anchor.head_hash
    with gzip.open(result.export, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert [json.loads(line)["fields"]["id"] for line in lines[1:]] == [e.pk for e in old]
    # The database chain now starts at the anchor.
    assert verify_chain().ok and verify_chain().checked == len(young)
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    # New entries go on chaining; deleting the first remaining one is still caught.
    _write(world, 1)
    assert verify_chain().ok
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [young[0].pk])
    assert verify_chain().problem_id == young[1].pk


def test_a_tampered_export_does_not_verify(world: World, tmp_path: Path) -> None:
    _write(world, 2)
    result = purge(tmp_path, days=1, now=timezone.now() + dt.timedelta(days=2))
    assert result.export is not None and not AuditEntry.objects.exists()
    with gzip.open(result.export, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    row = json.loads(lines[3])
    row["fields"]["object_repr"] = "改过"
    lines[3] = json.dumps(row, ensure_ascii=False)
    tampered = tmp_path / "tampered.jsonl.gz"
    with gzip.open(tampered, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    assert verify_export(tampered).problem_id == row["fields"]["id"]
    result_cli = runner.invoke(app, ["audit", "verify", "--export", str(tampered)])
    assert result_cli.exit_code == 1 and "被修改" in result_cli.output
    assert runner.invoke(app, ["audit", "verify", "--export", str(result.export)]).exit_code == 0


def test_purging_everything_keeps_the_next_entry_chained(world: World, tmp_path: Path) -> None:
    _write(world, 1)
    purge(tmp_path, days=1, now=timezone.now() + dt.timedelta(days=2))
    assert not AuditEntry.objects.exists()
    _write(world, 1)
    assert verify_chain().ok
    # A second purge anchors on the first one's hash.
    purge(tmp_path, days=1, now=timezone.now() + dt.timedelta(days=2))
    first, second = AuditAnchor.objects.order_by("id")
    assert second.head_hash != first.head_hash
    assert not AuditEntry.objects.exists()


def test_purge_refuses_a_broken_chain_and_deletes_nothing(world: World, tmp_path: Path) -> None:
    entries = _write(world, 2)
    count = AuditEntry.objects.count()
    _raw("UPDATE audit_auditentry SET source = 'x' WHERE id = %s", [entries[2].pk])
    result = runner.invoke(app, ["audit", "purge", "--days", "1", "--out", str(tmp_path)])
    # Nothing is old enough yet, but the refusal comes first: a broken chain is never purged.
    assert result.exit_code == 1 and "未清理任何记录" in result.output
    assert AuditEntry.objects.count() == count and list(tmp_path.iterdir()) == []


def test_purge_with_nothing_old_enough(world: World, tmp_path: Path) -> None:
    _write(world, 1)
    count = AuditEntry.objects.count()
    result = runner.invoke(app, ["audit", "purge", "--out", str(tmp_path)])
    assert result.exit_code == 0 and "没有超过保留期限" in result.output
    assert AuditEntry.objects.count() == count and not AuditAnchor.objects.exists()


@pytest.mark.postgres
def test_concurrent_writers_never_chain_to_the_same_entry(transactional_db: None, world: World) -> None:
    """Eight threads write audited records at once; the chain stays one line."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transactions let one writer at a time in; nothing can overlap there")
    start = threading.Barrier(8, timeout=30)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(10):
                with transaction.atomic():
                    zone = make_zone(f"并发{n}-{i}开发区")
                    created(zone, actor=None, source="api")
        except BaseException as exc:  # reported below, a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    prevs = list(AuditEntry.objects.values_list("prev_hash", flat=True))
    assert len(prevs) == len(set(prevs))
    report = verify_chain()
    assert report.ok and report.checked == AuditEntry.objects.count()


def test_the_retention_limit_defaults_to_180_days(world: World, tmp_path: Path) -> None:
    from django.conf import settings

    assert settings.DEVZONE_AUDIT_RETENTION_DAYS == 180
    _write(world, 1)
    now = timezone.now()
    assert purge(tmp_path, now=now + dt.timedelta(days=179)).purged == 0
    count = AuditEntry.objects.count()
    assert purge(tmp_path, now=now + dt.timedelta(days=181)).purged == count


def test_numbers_the_database_rewrites_still_verify(world: World) -> None:
    """jsonb stores 1e20 as an integer; the hash is taken over what the database keeps."""
    zone = make_zone("数值开发区")
    created(zone, actor=None, source="import", extra={"area": 1e20, "ratio": 0.1, "tiny": 1e-7, "big": 2**62})
    assert verify_chain().ok
