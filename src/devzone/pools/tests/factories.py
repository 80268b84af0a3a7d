"""Pools records for page tests and the URL walk: a zone's firms with the worked examples' data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.models import Enterprise
from devzone.enterprises.uscc import check_character
from devzone.orgs.models import Zone
from devzone.pools.models import Pool, PoolMember, Qualification, SupplementYear
from devzone.pools.tests.examples import ALL


def uscc(n: int, prefix: str = "91320700P") -> str:
    body = f"{prefix}{n:08d}"[:17]
    return body + check_character(body)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def seed_examples(zone: Zone, *, name_prefix: str = "", offset: int = 0) -> dict[str, Enterprise]:
    """The five worked enterprises of spec §8 as ``zone``'s firms, with their supplement years."""
    firms: dict[str, Enterprise] = {}
    for code in sorted({r["uscc"] for r in ALL}):
        firms[code] = Enterprise.objects.create(
            zone=zone,
            uscc=uscc(offset + int(code[1:])),
            name=f"{name_prefix}示例企业{code[1:]}",
            industry_code="3311",
        )
    for r in ALL:
        values = {k: _plain(v) for k, v in r.items() if k not in ("uscc", "year", "zone") and v is not None}
        SupplementYear.objects.create(zone=zone, enterprise=firms[r["uscc"]], year=r["year"], values=values)
    return firms


@dataclass(frozen=True)
class ZoneBPools:
    pool: Pool
    member: PoolMember
    qualification: Qualification


def zone_b_pools(world: World) -> ZoneBPools:
    """Zone B's pool (named with the marker), a member, a qualification and supplement data (once per world)."""
    cached = getattr(world, "_pools_zone_b", None)
    if cached is None:
        firms = seed_examples(world.zone_b, name_prefix=ZONE_B_MARK, offset=500)
        firm = firms["E1"]
        pool = Pool.objects.create(
            zone=world.zone_b, name=f"{ZONE_B_MARK}高企后备库", kind="hte", builtin=True
        )
        member = PoolMember.objects.create(
            zone=world.zone_b,
            pool=pool,
            enterprise=firm,
            reason=f"{ZONE_B_MARK} 理由",
            entered_on=dt.date(2025, 3, 1),
        )
        q = Qualification.objects.create(
            zone=world.zone_b, enterprise=firm, kind="hte", certificate_no=f"GR{ZONE_B_MARK}",
            issued_on=dt.date(2024, 11, 1), valid_from=dt.date(2024, 11, 1), valid_to=dt.date(2027, 10, 31),
        )  # fmt: skip
        cached = ZoneBPools(pool=pool, member=member, qualification=q)
        world._pools_zone_b = cached  # type: ignore[attr-defined]
    return cached
