"""Build the demo province's directory from ``data/demo_directory.yaml`` (typed from the seed plans).

Idempotent: records that exist (by name) are kept as they are, so a second ``make run``
leaves the data alone. Every record created is audited with source "demo".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from devzone.audit.actions import save_audited
from devzone.orgs.models import OwnerGroup, Unit, UnitKind, Zone, ZoneLevel

if TYPE_CHECKING:
    from devzone.accounts.models import User

DIRECTORY_FILE = Path(__file__).with_name("data") / "demo_directory.yaml"


@dataclass
class Counts:
    zones: int = 0
    units: int = 0
    groups: int = 0


def full_name(short: str, *, place: str) -> str:
    """连云港市 + 市商务局 → 连云港市商务局; 福建省 + 省科技厅 → 福建省科技厅."""
    for prefix in ("市", "省"):
        if short.startswith(prefix) and place.endswith(prefix):
            return place + short[1:]
    return short if short.startswith(place) else place + short


class DirectoryBuilder:
    def __init__(self, *, actor: User | None, counts: Counts) -> None:
        self.actor = actor
        self.counts = counts

    def zone(self, spec: dict[str, Any], *, province: str, city: str) -> Zone:
        found = Zone.objects.filter(name=spec["name"]).first()
        if found is not None:
            return found
        zone = Zone(
            name=spec["name"],
            short_name=spec.get("short_name", ""),
            level=spec["level"],
            kind=spec["kind"],
            region_code=spec["region_code"],
            province=province,
            city=city,
            aliases=list(spec.get("aliases", [])),
            description="区划代码为所在县区代码（人工标注）" if spec.get("assumed") else "",
        )
        save_audited(zone, actor=self.actor, source="demo")
        self.counts.zones += 1
        return zone

    def unit(
        self,
        name: str,
        *,
        short_name: str,
        kind: str,
        province: str,
        city: str = "",
        zone: Zone | None = None,
        aliases: list[str] | None = None,
    ) -> Unit:
        found = Unit.objects.filter(name=name).first()
        if found is not None:
            return found
        unit = Unit(
            name=name,
            short_name=short_name,
            kind=kind,
            province=province,
            city=city,
            zone=zone,
            aliases=list(aliases or []),
        )
        save_audited(unit, actor=self.actor, source="demo")
        self.counts.units += 1
        return unit

    def group(self, names: list[str], members: list[Unit], *, province: str, city: str = "") -> OwnerGroup:
        name, *aliases = names
        group = OwnerGroup.objects.filter(province=province, city=city, name=name).first()
        if group is not None:
            return group
        group = OwnerGroup(name=name, province=province, city=city, aliases=aliases)
        save_audited(group, actor=self.actor, source="demo", m2m={"members": [m.pk for m in members]})
        self.counts.groups += 1
        return group

    def city(self, spec: dict[str, Any]) -> None:
        province, city = spec["province"], spec["city"]
        committees: list[Unit] = []
        provincial: list[Unit] = []
        boards: list[Unit] = []
        for zone_spec in spec.get("zones", []):
            zone = self.zone(zone_spec, province=province, city=city)
            short = zone.short_name or zone.name
            committee = self.unit(
                f"{zone.name}管委会",
                short_name=f"{short}管委会",
                kind=UnitKind.ZONE_COMMITTEE,
                province=province,
                city=city,
                zone=zone,
                aliases=[zone.name, short, *zone.aliases],
            )
            committees.append(committee)
            if zone.level == ZoneLevel.PROVINCIAL:
                provincial.append(committee)
            if zone_spec.get("board"):
                boards.append(committee)
            for unit_name, unit_short, aliases in spec.get("zone_units", {}).get(zone.name, []):
                self.unit(
                    unit_name,
                    short_name=unit_short,
                    kind=UnitKind.BUREAU,
                    province=province,
                    city=city,
                    zone=zone,
                    aliases=aliases,
                )
            towns = [
                self.unit(
                    f"{zone.name}{town}人民政府",
                    short_name=f"{town}人民政府",
                    kind=UnitKind.TOWNSHIP,
                    province=province,
                    city=city,
                    zone=zone,
                    aliases=[town],
                )
                for town in spec.get("townships", {}).get(zone.name, [])
            ]
            if towns:
                self.group(spec["township_group"], towns, province=province, city=city)
        counties = [
            self.unit(
                f"{city}{name}",
                short_name=name,
                kind=UnitKind.COUNTY,
                province=province,
                city=city,
                aliases=[f"{name}人民政府", f"{name}政府"],
            )
            for name, _code in spec.get("counties", [])
        ]
        if counties and spec.get("county_group"):
            self.group(spec["county_group"], counties, province=province, city=city)
        boards += [
            self.unit(
                f"{city}{name}",
                short_name=name,
                kind=UnitKind.BOARD,
                province=province,
                city=city,
                aliases=[short],
            )
            for name, short in spec.get("boards_extra", [])
        ]
        if boards and spec.get("board_group"):
            self.group(spec["board_group"], boards, province=province, city=city)
        bureaus = [
            self.unit(
                full_name(row[0], place=city),
                short_name=row[0],
                kind=UnitKind.BUREAU,
                province=province,
                city=city,
                aliases=list(row[1]) if len(row) > 1 else [],
            )
            for row in spec.get("bureaus", [])
        ]
        for name, kind in spec.get("outside_units", []):
            self.unit(name, short_name=name, kind=kind, province=province, city=city)
        if bureaus and spec.get("bureau_group"):
            self.group(spec["bureau_group"], bureaus, province=province, city=city)
        if committees:
            self.group(["各开发区管委会", "各开发区", "各园区"], committees, province=province, city=city)
        if provincial:
            self.group(["各省级开发区", "各省级开发区管委会"], provincial, province=province, city=city)

    def province(self, spec: dict[str, Any]) -> None:
        province = spec["province"]
        for short, aliases in spec.get("bureaus", []):
            self.unit(
                full_name(short, place=province),
                short_name=short,
                kind=UnitKind.BUREAU,
                province=province,
                aliases=aliases,
            )
        governments = [
            self.unit(
                name,
                short_name=name,
                kind=UnitKind.COUNTY,
                province=province,
                city=name[:3],
                aliases=[name.replace("人民政府", "政府")],
            )
            for name, _code in spec.get("city_governments", [])
        ]
        if governments:
            self.group(spec["city_government_group"], governments, province=province)
        for name, _code in spec.get("other_units", []):
            self.unit(name, short_name=name, kind=UnitKind.OTHER, province=province)


def load_directory_spec(path: Path = DIRECTORY_FILE) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "cities" not in data:
        raise ValueError(f"{path}: expected a mapping with 'cities'")
    return data


def build_directory(*, actor: User | None = None, path: Path = DIRECTORY_FILE) -> Counts:
    """Create the demo zones, units and owner groups that do not exist yet."""
    spec = load_directory_spec(path)
    counts = Counts()
    builder = DirectoryBuilder(actor=actor, counts=counts)
    for city in spec["cities"]:
        builder.city(city)
    for province in spec.get("provinces", []):
        builder.province(province)
    return counts
