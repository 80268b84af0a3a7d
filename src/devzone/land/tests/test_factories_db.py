"""标准厂房 pages: a zone's staff add a building, its units and leases, and record a lease's production,
inspection and end through the pages; each change is audited, an overlapping lease is refused naming
the unit, and the 使用率 shown follows the leases."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.land.models import Building, FactoryUnit, Lease, Parcel
from devzone.land.tests.world_db import import_worked, uscc_of


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_staff_build_a_factory_with_units_and_leases_through_the_pages(world: World) -> None:
    import_worked(world.zone_a)
    p6 = Parcel.objects.get(zone=world.zone_a, ref="P6")
    client = world.client_for(world.staff_a)
    response = client.post(
        f"/land/zones/{world.zone_a.pk}/factories/add/",
        {"parcel": p6.pk, "number": "1号", "floors": 4, "floor_area_m2": 24000, "leasable_m2": 24000,
         "operator": "平台公司"},
    )  # fmt: skip
    building = Building.objects.get(zone=world.zone_a)
    assert response.status_code == 302 and response["Location"] == f"/land/factories/{building.pk}/"
    for number in ("U1", "U2"):
        assert client.post(f"/land/factories/{building.pk}/units/add/",
                           {"floor": 1, "number": number, "area_m2": 12000}).status_code == 302  # fmt: skip
    u1, _u2 = FactoryUnit.objects.filter(building=building).order_by("number")
    lease = {"units": [u1.pk], "tenant_uscc": uscc_of("T1"), "tenant_name": "一号承租企业", "leased_m2": 12000,
             "start": "2024-01-01", "producing_since": "2024-02-01"}  # fmt: skip
    assert client.post(f"/land/factories/{building.pk}/leases/add/", lease).status_code == 302
    page = text(client.get(f"/land/factories/{building.pk}/?year=2024"))
    assert "已租：一号承租企业" in page and "空置" in page
    assert 'id="use-rate">50.0%' in page  # 12,000 of 24,000 m² leased to a producing tenant
    clash = lease | {
        "tenant_uscc": uscc_of("T2"),
        "tenant_name": "二号承租企业",
        "start": "2024-06-01",
        "producing_since": "",
    }
    refused = client.post(f"/land/factories/{building.pk}/leases/add/", clash)
    assert refused.status_code == 422
    assert "单元 U1：租约 二号承租企业（自 2024-06-01 起）与租约 一号承租企业（2024-01-01 至今）重叠" in text(
        refused
    )
    assert Lease.objects.count() == 1
    first = Lease.objects.get()
    ended = client.post(f"/land/leases/{first.pk}/change/",
                        {f"l{first.pk}-ended_on": "2024-05-31", f"l{first.pk}-used_m2": "3000"})  # fmt: skip
    assert ended.status_code == 302
    first.refresh_from_db()
    assert first.ended_on.isoformat() == "2024-05-31" and first.used_m2 == 3000
    assert client.post(f"/land/factories/{building.pk}/leases/add/", clash).status_code == 302
    listing = text(client.get(f"/land/zones/{world.zone_a.pk}/factories/?year=2024"))
    assert "1号" in listing and 'id="zone-use-rate">0.0%' in listing  # the new tenant is not producing yet
    edited = client.post(f"/land/factories/{building.pk}/edit/",
                         {"number": "1号厂房", "floors": 4, "floor_area_m2": 24000, "leasable_m2": 30000})  # fmt: skip
    early = clash | {"producing_since": "2024-05-01"}
    assert "投产日期早于起租日期" in text(client.post(f"/land/factories/{building.pk}/leases/add/", early))
    assert edited.status_code == 422 and "可出租面积不能大于建筑面积" in text(edited)
    models = ["land.Building", "land.FactoryUnit", "land.Lease"]
    actions = list(AuditEntry.objects.filter(model__in=models).order_by("pk").values_list("model", "action"))
    assert actions == [("land.Building", "create"), ("land.FactoryUnit", "create"), ("land.FactoryUnit", "create"),
                       ("land.Lease", "create"), ("land.Lease", "update"), ("land.Lease", "create")]  # fmt: skip


def test_a_viewer_reads_the_factory_pages_but_changes_nothing(world: World) -> None:
    import_worked(world.zone_a)
    p6 = Parcel.objects.get(zone=world.zone_a, ref="P6")
    building = Building.objects.create(zone=world.zone_a, parcel=p6, number="1号", floors=2, floor_area_m2=100,
                                       leasable_m2=100)  # fmt: skip
    client = world.client_for(world.viewer_a)
    page = text(client.get(f"/land/factories/{building.pk}/"))
    assert "标准厂房 1号" in page and 'id="lease-form"' not in page
    assert client.post(f"/land/factories/{building.pk}/units/add/",
                       {"floor": 1, "number": "U1", "area_m2": 50}).status_code == 403  # fmt: skip
    assert not FactoryUnit.objects.exists()
