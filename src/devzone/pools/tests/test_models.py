"""The pool records refuse what the spec calls bad input: reversed dates, one certificate on two firms,
a pool member without a reason — at the database, whatever wrote the row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.personas import World

from devzone.enterprises.models import Enterprise
from devzone.pools.models import Pool, PoolMember, Qualification


def _firm(world: World, n: int) -> Enterprise:
    return Enterprise.objects.create(
        zone=world.zone_a, uscc=f"91350100M00010{n:03d}X", name=f"企业{n}", industry_code="3311"
    )


def _cert(world: World, firm: Enterprise, number: str, start: dt.date, end: dt.date) -> Qualification:
    return Qualification.objects.create(
        zone=world.zone_a,
        enterprise=firm,
        kind="hte",
        certificate_no=number,
        issued_on=start,
        valid_from=start,
        valid_to=end,
    )


def test_one_certificate_number_is_one_firms(world: World) -> None:
    a, b = _firm(world, 1), _firm(world, 2)
    _cert(world, a, "GR202332000123", dt.date(2023, 11, 6), dt.date(2026, 11, 5))
    with pytest.raises(IntegrityError), transaction.atomic():
        _cert(world, b, "GR202332000123", dt.date(2023, 11, 6), dt.date(2026, 11, 5))
    _cert(world, b, "", dt.date(2023, 11, 6), dt.date(2026, 11, 5))  # a number not yet known is no clash
    _cert(world, a, "", dt.date(2020, 11, 6), dt.date(2023, 11, 5))


def test_reversed_dates_are_refused(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _cert(world, _firm(world, 3), "GR1", dt.date(2023, 11, 6), dt.date(2022, 11, 5))


def test_a_pool_member_needs_a_reason_and_is_open_once(world: World) -> None:
    pool = Pool.objects.create(zone=world.zone_a, name="高企后备库", kind="hte", builtin=True)
    firm = _firm(world, 4)
    with pytest.raises(IntegrityError), transaction.atomic():
        PoolMember.objects.create(
            zone=world.zone_a, pool=pool, enterprise=firm, reason="", entered_on=dt.date(2025, 3, 1)
        )
    PoolMember.objects.create(
        zone=world.zone_a,
        pool=pool,
        enterprise=firm,
        reason="科技型中小企业，研发投入差38万元",
        entered_on=dt.date(2025, 3, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PoolMember.objects.create(
            zone=world.zone_a, pool=pool, enterprise=firm, reason="再次入库", entered_on=dt.date(2025, 4, 1)
        )
    assert str(pool) == "高企后备库"
