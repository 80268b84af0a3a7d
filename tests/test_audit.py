"""Every change of a domain record leaves an audit entry with both values."""

from __future__ import annotations

import json

from devzone.accounts.models import Role
from devzone.audit.models import AuditEntry
from tests.personas import World, make_user


def test_web_edit_records_before_and_after(world: World) -> None:
    client = world.client_for(world.coordinator)
    form = {
        "name": world.zone_a.name,
        "short_name": "甲区新简称",
        "level": "provincial",
        "kind": "etdz",
        "region_code": "320703",
        "province": "江苏省",
        "city": "连云港市",
        "aliases": "甲区、甲开发区",
        "description": "",
    }
    response = client.post(f"/orgs/zones/{world.zone_a.pk}/edit/", form)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(model="orgs.Zone", object_pk=str(world.zone_a.pk)).first()
    assert entry is not None
    assert (entry.actor, entry.action, entry.source, entry.zone_id) == (
        world.coordinator,
        "update",
        "web",
        world.zone_a.pk,
    )
    assert entry.before["short_name"] == "甲区经济"
    assert entry.after["short_name"] == "甲区新简称"
    assert entry.changes == {"aliases": ([], ["甲区", "甲开发区"]), "short_name": ("甲区经济", "甲区新简称")}


def test_api_create_and_delete_are_audited(world: World) -> None:
    client = world.client_for(world.coordinator)
    payload = {
        "name": "丙区高新区",
        "level": "national",
        "kind": "hitech",
        "region_code": "320706",
        "province": "江苏省",
        "city": "连云港市",
    }
    created = client.post("/api/zones", data=json.dumps(payload), content_type="application/json")
    assert created.status_code == 201
    zone_id = created.json()["id"]
    assert client.delete(f"/api/zones/{zone_id}").status_code == 204
    entries = list(AuditEntry.objects.filter(model="orgs.Zone", object_pk=str(zone_id)).order_by("id"))
    assert [(e.action, e.source) for e in entries] == [("create", "api"), ("delete", "api")]
    assert entries[0].before is None
    assert entries[0].after["name"] == "丙区高新区"
    assert entries[1].before["name"] == "丙区高新区"
    assert entries[1].after is None


def test_admin_edit_is_audited(world: World) -> None:
    client = world.client_for(world.admin)
    url = f"/admin/orgs/unit/{world.bureau.pk}/change/"
    form = {
        "name": world.bureau.name,
        "short_name": "商务局",
        "kind": "bureau",
        "province": "江苏省",
        "city": "连云港市",
        "zone": "",
        "aliases": "[]",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.filter(model="orgs.Unit", object_pk=str(world.bureau.pk), source="admin").get()
    assert (entry.before["short_name"], entry.after["short_name"]) == ("市商务局", "商务局")


def test_audit_log_is_for_the_audit_administrator_only(world: World) -> None:
    auditor = make_user("auditor", Role.AUDIT_ADMIN)
    assert world.client_for(auditor).get("/audit/").status_code == 200
    assert world.client_for(world.admin).get("/audit/").status_code == 403
    assert world.client_for(world.coordinator).get("/audit/").status_code == 403
    assert world.client_for(world.staff_a).get("/audit/").status_code == 403


def test_audit_log_lists_the_change(world: World) -> None:
    world.client_for(world.coordinator).post(
        "/api/units",
        data=json.dumps(
            {
                "name": "连云港市科技局",
                "short_name": "市科技局",
                "kind": "bureau",
                "province": "江苏省",
                "city": "连云港市",
            }
        ),
        content_type="application/json",
    )
    auditor = make_user("auditor", Role.AUDIT_ADMIN)
    page = world.client_for(auditor).get("/audit/?model=orgs.Unit&actor=coord").content.decode()
    assert "连云港市科技局" in page
