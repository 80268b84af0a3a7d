"""Zones, units, owner groups and the owner resolver over JSON."""

from __future__ import annotations

from typing import Any

from django.db.models import ProtectedError, Q
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from devzone.accounts.access import (
    get_visible,
    require_change,
    require_place_of,
    require_shared_change,
    scope,
)
from devzone.core.api_types import Id, errors
from devzone.orgs.actions import delete_zone, save_unit, save_zone
from devzone.orgs.directory import expand, load_directory
from devzone.orgs.models import OwnerGroup, Unit, Zone, ZoneKind, ZoneLevel
from devzone.orgs.resolve import EntryKind, resolve_owners

router = Router(tags=["orgs"])


class ZoneOut(Schema):
    id: int
    name: str
    short_name: str
    level: ZoneLevel
    kind: ZoneKind
    region_code: str
    province: str
    city: str
    aliases: list[str]
    description: str


class ZoneIn(Schema):
    name: str
    short_name: str = ""
    level: ZoneLevel
    kind: ZoneKind
    region_code: str
    province: str
    city: str
    aliases: list[str] = Field(default_factory=list)
    description: str = ""


class ZonePatch(Schema):
    """A field left out is left alone; none may be set to null (a zone has every one of them)."""

    name: str = None  # type: ignore[assignment]
    short_name: str = None  # type: ignore[assignment]
    level: ZoneLevel = None  # type: ignore[assignment]
    kind: ZoneKind = None  # type: ignore[assignment]
    region_code: str = None  # type: ignore[assignment]
    province: str = None  # type: ignore[assignment]
    city: str = None  # type: ignore[assignment]
    aliases: list[str] = None  # type: ignore[assignment]
    description: str = None  # type: ignore[assignment]


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    province: str
    city: str
    zone_id: int | None
    aliases: list[str]


class UnitIn(Schema):
    name: str
    short_name: str
    kind: str
    province: str
    city: str = ""
    zone_id: Id | None = None
    aliases: list[str] = Field(default_factory=list)


class UnitPatch(Schema):
    """A field left out is left alone; only ``zone_id`` may be null (a unit of the city, not of a zone)."""

    name: str = None  # type: ignore[assignment]
    short_name: str = None  # type: ignore[assignment]
    kind: str = None  # type: ignore[assignment]
    province: str = None  # type: ignore[assignment]
    city: str = None  # type: ignore[assignment]
    zone_id: Id | None = None
    aliases: list[str] = None  # type: ignore[assignment]


class GroupOut(Schema):
    id: int
    name: str
    province: str
    city: str
    aliases: list[str]
    member_ids: list[int]


class ResolveIn(Schema):
    text: str = Field(max_length=2000)
    city: str = ""
    province: str = ""


class ResolvedOut(Schema):
    written: str
    kind: str
    name: str
    note: str
    unit_ids: list[int]


class UnresolvedOut(Schema):
    written: str
    reason: str


class ResolveOut(Schema):
    resolved: list[ResolvedOut]
    unresolved: list[UnresolvedOut]


@router.get("/zones", response={200: list[ZoneOut], **errors(422)})
def list_zones(request: HttpRequest, q: str = "", level: str = "", kind: str = "", city: str = "") -> Any:
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    if q:
        zones = zones.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if level:
        zones = zones.filter(level=level)
    if kind:
        zones = zones.filter(kind=kind)
    if city:
        zones = zones.filter(city=city)
    return zones


@router.get("/zones/{zone_id}", response={200: ZoneOut, **errors(404, 422)})
def get_zone(request: HttpRequest, zone_id: Id) -> Zone:
    return get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)


@router.post("/zones", response={201: ZoneOut, **errors(400, 403, 422)})
def create_zone(request: HttpRequest, payload: ZoneIn) -> Status[Zone]:
    require_shared_change(request.user)
    zone = Zone(**payload.dict())
    require_place_of(request.user, zone)
    return Status(201, save_zone(zone, actor=request.user, source="api"))


@router.patch("/zones/{zone_id}", response={200: ZoneOut, **errors(400, 403, 404, 422)})
def update_zone(request: HttpRequest, zone_id: Id, payload: ZonePatch) -> Zone:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    require_change(request.user, zone)
    changes = payload.dict(exclude_unset=True)
    if set(changes) - {"short_name", "aliases", "description"}:
        require_shared_change(request.user)
    for name, value in changes.items():
        setattr(zone, name, value)
    if {"city", "province"} & set(changes):
        require_place_of(request.user, zone)
    return save_zone(zone, actor=request.user, source="api")


@router.delete("/zones/{zone_id}", response={204: None, **errors(403, 404, 409, 422)})
def remove_zone(request: HttpRequest, zone_id: Id) -> Status[Any]:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    require_shared_change(request.user)
    try:
        delete_zone(zone, actor=request.user, source="api")
    except ProtectedError:
        return Status(409, {"detail": "该开发区仍有下属单位或数据，不能删除"})
    return Status(204, None)


@router.get("/units", response={200: list[UnitOut], **errors(422)})
def list_units(request: HttpRequest, q: str = "", kind: str = "", city: str = "") -> Any:
    units = scope(request.user, Unit.objects.all())
    if q:
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if kind:
        units = units.filter(kind=kind)
    if city:
        units = units.filter(city=city)
    return units


@router.get("/units/{unit_id}", response={200: UnitOut, **errors(404, 422)})
def get_unit(request: HttpRequest, unit_id: Id) -> Unit:
    return get_visible(request.user, Unit.objects.all(), pk=unit_id)


@router.post("/units", response={201: UnitOut, **errors(400, 403, 404, 422)})
def create_unit(request: HttpRequest, payload: UnitIn) -> Status[Unit]:
    require_shared_change(request.user)
    unit = Unit(**payload.dict())
    require_place_of(request.user, unit)
    return Status(201, save_unit(unit, actor=request.user, source="api"))


@router.patch("/units/{unit_id}", response={200: UnitOut, **errors(400, 403, 404, 422)})
def update_unit(request: HttpRequest, unit_id: Id, payload: UnitPatch) -> Unit:
    unit = get_visible(request.user, Unit.objects.all(), pk=unit_id)
    require_change(request.user, unit)
    require_shared_change(request.user)
    for name, value in payload.dict(exclude_unset=True).items():
        setattr(unit, name, value)
    require_place_of(request.user, unit)
    return save_unit(unit, actor=request.user, source="api")


@router.get("/owner-groups", response={200: list[GroupOut], **errors()})
def list_groups(request: HttpRequest) -> list[dict[str, Any]]:
    visible = set(scope(request.user, Unit.objects.all()).values_list("pk", flat=True))
    return [
        {
            "id": g.pk,
            "name": g.name,
            "province": g.province,
            "city": g.city,
            "aliases": g.aliases,
            "member_ids": sorted(m.pk for m in g.members.all() if m.pk in visible),
        }
        for g in OwnerGroup.objects.prefetch_related("members")
    ]


@router.post("/resolve", response={200: ResolveOut, **errors(400, 422)})
def resolve(request: HttpRequest, payload: ResolveIn) -> dict[str, Any]:
    """Resolve owner names as written in a plan ("市商务局、各县区") to directory units."""
    resolution = resolve_owners(payload.text, load_directory(), city=payload.city, province=payload.province)
    visible = set(scope(request.user, Unit.objects.all()).values_list("pk", flat=True))
    resolved: list[dict[str, Any]] = []
    unresolved = [{"written": u.written, "reason": u.reason} for u in resolution.unresolved]
    for match in resolution.matches:
        ids = [u.pk for u in expand(match.entry) if u.pk in visible]
        if match.entry.kind == EntryKind.UNIT and not ids:
            unresolved.append({"written": match.written, "reason": "名录中没有这个单位"})
            continue
        resolved.append(
            {
                "written": match.written,
                "kind": match.entry.kind.value,
                "name": match.entry.name,
                "note": match.note,
                "unit_ids": ids,
            }
        )
    return {"resolved": resolved, "unresolved": unresolved}
