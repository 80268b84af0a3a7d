"""The one audit API: each entry's zone comes from the record's model, and admin saves never share state."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client

from devzone.audit.models import AuditEntry
from devzone.orgs.actions import delete_zone
from devzone.orgs.models import Unit, Zone
from devzone.orgs.zones import zone_id_of, zone_path
from devzone.plans.models import Evidence, Task
from devzone.plans.tests.factories import zone_b_plan
from tests.personas import World, make_zone


def test_a_record_names_its_zone_through_its_model(world: World) -> None:
    made = zone_b_plan(world)
    task = Task.objects.filter(plan=made.plan).first()
    assert task is not None
    assert (zone_path(Zone), zone_path(Unit), zone_path(Task), zone_path(Evidence)) == (
        "pk",
        "zone",
        "plan__zone",
        "report__assignment__unit__zone",
    )
    assert [zone_id_of(r) for r in (world.zone_b, world.unit_b, world.bureau, task, made.evidence)] == [
        world.zone_b.pk,
        world.zone_b.pk,
        None,
        world.zone_b.pk,
        world.zone_b.pk,
    ]


def test_audit_entries_take_the_zone_of_the_record(world: World) -> None:
    made = zone_b_plan(world)
    entries = AuditEntry.objects.filter(source="test")
    for model, pk in [
        ("plans.Task", Task.objects.filter(plan=made.plan).values_list("pk", flat=True).first()),
        ("plans.Evidence", made.evidence.pk),
        ("plans.ProgressReport", made.report.pk),
    ]:
        entry = entries.get(model=model, object_pk=str(pk), action="create")
        assert entry.zone_id == world.zone_b.pk, model
    bureau = entries.get(model="orgs.Unit", object_pk=str(world.bureau.pk))
    assert bureau.zone_id is None


def test_deleting_a_zone_keeps_its_entries_without_the_zone(world: World) -> None:
    zone = make_zone("丙区待删开发区")
    zone_pk = zone.pk
    delete_zone(zone, actor=world.coordinator, source="web")
    entries = list(AuditEntry.objects.filter(model="orgs.Zone", object_pk=str(zone_pk)).order_by("id"))
    assert [(e.action, e.zone_id) for e in entries] == [("create", None), ("delete", None)]
    assert entries[1].before["id"] == zone_pk
    assert entries[1].before["name"] == "丙区待删开发区"
    assert not Zone.objects.filter(pk=zone_pk).exists()


def unit_form(unit: Unit, short_name: str) -> dict[str, str]:
    return {
        "name": unit.name,
        "short_name": short_name,
        "kind": unit.kind,
        "province": unit.province,
        "city": unit.city,
        "zone": str(unit.zone_id or ""),
        "aliases": "[]",
    }


@pytest.mark.postgres
def test_two_admin_saves_in_two_threads_keep_their_own_before(transactional_db: None, world: World) -> None:
    """One ModelAdmin serves every thread: a snapshot kept on it would go to the other request's entry."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time, so two admin saves cannot overlap there")
    edits = {
        world.bureau.pk: ("市商务局", "商务局（改）"),
        world.unit_a.pk: ("甲区经济开发区管委会", "甲区管委会（改）"),
    }
    # Hold each request just after its save_model wrote the row, until the other request got there too:
    # both snapshots are taken before either request writes its audit entry in save_related.
    both_saved = threading.Barrier(len(edits), timeout=30)

    def hold(sender: type[Unit], instance: Unit, **kwargs: Any) -> None:
        both_saved.wait()

    clients = {pk: world.client_for(world.admin) for pk in edits}
    statuses: dict[int, int] = {}

    def save(pk: int) -> None:
        try:
            unit = Unit.objects.get(pk=pk)
            client: Client = clients[pk]
            response = client.post(f"/admin/orgs/unit/{pk}/change/", unit_form(unit, edits[pk][1]))
            statuses[pk] = response.status_code
        finally:
            connection.close()

    post_save.connect(hold, sender=Unit, dispatch_uid="audit-two-threads")
    try:
        threads = [threading.Thread(target=save, args=(pk,)) for pk in edits]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        post_save.disconnect(sender=Unit, dispatch_uid="audit-two-threads")

    assert statuses == dict.fromkeys(edits, 302)
    for pk, (old, new) in edits.items():
        entry = AuditEntry.objects.get(model="orgs.Unit", object_pk=str(pk), source="admin")
        assert (entry.action, entry.before["id"], entry.after["id"]) == ("update", pk, pk)
        assert (entry.before["short_name"], entry.after["short_name"]) == (old, new)
        assert entry.changes == {"short_name": (old, new)}
