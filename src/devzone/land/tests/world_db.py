"""The spec's worked example as a real parcel file (GeoJSON in EPSG:4545) imported through the action,
and zone B's land records for the URL walk (parcels, a building with units and a lease, a case)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import shapely
from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.uscc import check_character
from devzone.land.actions import (
    Step,
    add_building,
    add_lease,
    add_unit,
    advance_case,
    import_boundary,
    import_parcels,
    open_case,
)
from devzone.land.labels import rule_labels
from devzone.land.models import Building, DisposalCase, Lease, Parcel
from devzone.land.tests.files import geojson
from devzone.land.tests.worked import world as worked_world
from devzone.orgs.models import Zone

# R1 (roads) and X1 (land not ready) are no 宗地 in the spec; here they get rectangles of their areas
# (north of the parcels) so that a file carries the whole zone and every indicator can be checked.
EXTRA_RECTS = {"R1": (0, 460, 200, 100), "X1": (220, 460, 300, 100)}
FIELD_NAMES = {
    "build_class": "JSZK", "supply_class": "GYZK", "is_industrial": "GYYD", "industry_code": "HYDM",
    "holder_uscc": "QLRDM", "reserve": "CBD", "floor_area_m2": "JZMJ", "footprint_m2": "JDMJ",
    "yard_m2": "DCMJ", "price_wan": "JK", "contract_date": "HTRQ", "agreed_start": "YDDGRQ",
    "started_on": "DGRQ", "stopped_on": "ZZRQ", "completed_on": "JGRQ",
    "footprint_required_m2": "YKFJD", "footprint_built_m2": "YKFJDMJ", "invest_total_wan": "ZTZ",
    "invest_done_wan": "YTZ", "gov_cause": "ZFYY",
}  # fmt: skip


def uscc_of(short: str) -> str:
    """A valid USCC standing for the worked example's firm ``F1``, ``PLAT``, ``T3``…"""
    number = sum(ord(c) * 31**i for i, c in enumerate(short)) % 10**9
    body = f"91520300{number:09d}"
    return body + check_character(body)


def _value(key: str, value: Any) -> Any:
    if key == "holder_uscc":
        return uscc_of(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def worked_geojson(*, mark: str = "") -> bytes:
    """The worked example's ten parcels as a GeoJSON FeatureCollection in EPSG:4545 (legacy ``crs``)."""
    raw = worked_world().raw
    east, north = raw["origin"]
    features = []
    for p in raw["parcels"]:
        x, y, w, h = p.get("rect") or EXTRA_RECTS[p["id"]]
        box = shapely.box(east + x, north + y, east + x + w, north + y + h)
        props = {"id": p["id"], "MC": f"{mark}·{p['id']}" if mark else p["id"]}
        props |= {FIELD_NAMES[k]: _value(k, v) for k, v in p.items() if k in FIELD_NAMES}
        features.append({"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(box)})
    data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4545"}},
            "features": features}  # fmt: skip
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def import_worked(zone: Zone, *, actor: Any = None, mark: str = "") -> None:
    import_parcels(zone=zone, name=f"{mark}示范高新区宗地.geojson", content=worked_geojson(mark=mark),
                   actor=actor, source="test")  # fmt: skip


@dataclass(frozen=True)
class ZoneBLand:
    parcel: Parcel
    building: Building
    lease: Lease
    case: DisposalCase


def zone_b_land(world: World) -> ZoneBLand:
    """Zone B's parcels (names carry the marker), a building on P6 with two units and a lease, and an
    idle case on P3 taken to 认定 (created once per world)."""
    cached = getattr(world, "_land_zone_b", None)
    if cached is not None:
        return cached
    east, north = worked_world().raw["origin"]
    edge = shapely.box(east - 10, north - 10, east + 770, north + 580)  # around every parcel of the file
    import_boundary(zone=world.zone_b, name=f"{ZONE_B_MARK}边界.geojson", content=geojson([("JX", edge)], crs="EPSG:4545"),
                    actor=world.staff_b, source="test")  # fmt: skip
    import_worked(world.zone_b, actor=world.staff_b, mark=ZONE_B_MARK)
    parcels = {p.ref: p for p in Parcel.objects.filter(zone=world.zone_b)}
    building = add_building(parcels["P6"], number=f"{ZONE_B_MARK}·1号", floors=4, floor_area_m2=24000,
                            leasable_m2=24000, actor=world.staff_b, source="test")  # fmt: skip
    u1 = add_unit(building, floor=1, number="U1", area_m2=3000, actor=world.staff_b, source="test")
    add_unit(building, floor=1, number="U2", area_m2=3000, vacant_since=dt.date(2023, 6, 1),
             actor=world.staff_b, source="test")  # fmt: skip
    lease = add_lease(building, units=[u1], tenant_uscc=uscc_of("T1"), tenant_name=f"{ZONE_B_MARK}承租企业",
                      leased_m2=3000, start=dt.date(2022, 1, 1), producing_since=dt.date(2022, 3, 1),
                      actor=world.staff_b, source="test")  # fmt: skip
    case = open_case(kind="idle", parcel=parcels["P3"], rules=rule_labels(["idle_not_started"]), reasons=[ZONE_B_MARK],
                     actor=world.staff_b, source="test")  # fmt: skip
    advance_case(case, Step(state=1, on=dt.date(2024, 8, 1), document="调查通知书"), actor=world.staff_b,
                 source="test")  # fmt: skip
    cached = ZoneBLand(parcels["P3"], building, lease, DisposalCase.objects.get(pk=case.pk))
    world._land_zone_b = cached  # type: ignore[attr-defined]
    return cached
