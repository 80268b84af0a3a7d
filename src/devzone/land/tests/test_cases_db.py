"""Disposal cases and leases through the actions: the worked example's P3 from 候选 to 盘活 counts its
24 亩; a step out of order, without its document or dated before the last is refused and nothing
changes; a lease overlapping another on a unit is refused naming the unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.land.actions import CaseRefused, Step, add_building, add_lease, add_unit, advance_case, open_case
from devzone.land.method_load import resolve
from devzone.land.models import CaseState, DisposalCase, Lease, Parcel
from devzone.land.records import LandInputError
from devzone.land.store import zone_year
from devzone.land.tests.world_db import import_worked, uscc_of

METHOD = resolve("zunyi-seed")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def parcels(world: World) -> dict[str, Parcel]:
    import_worked(world.zone_a)
    return {p.ref: p for p in Parcel.objects.filter(zone=world.zone_a)}


STEPS = [
    Step(state=1, on=dt.date(2024, 7, 1), document="闲置土地调查通知书"),
    Step(state=2, on=dt.date(2024, 9, 30), document="闲置土地认定书"),
    Step(state=3, on=dt.date(2024, 11, 1), document="处置方案", route="R2", owner="自然资源局",
         deadline=dt.date(2025, 3, 31)),
    Step(state=4, on=dt.date(2025, 2, 15), document="收回国有建设用地使用权决定书"),
    Step(state=5, on=dt.date(2025, 3, 1), document="注销登记"),
    Step(state=6, on=dt.date(2025, 9, 10), document="开工核实", new_holder_uscc=uscc_of("T6")),
]  # fmt: skip


def test_a_case_goes_from_candidate_to_revitalised_and_its_area_counts(
    world: World, parcels: dict[str, Parcel]
) -> None:
    case = open_case(kind="idle", parcel=parcels["P3"], rules=["idle_not_started"], reasons=["未动工"],
                     actor=world.staff_a, source="test")  # fmt: skip
    for step in STEPS:
        advance_case(case, step, actor=world.staff_a, source="test")
    case.refresh_from_db()
    assert case.state == CaseState.REVITALISED and case.route == "R2"
    assert (case.decided_on, case.closed_on, case.used_on) == (
        dt.date(2024, 9, 30), dt.date(2025, 3, 1), dt.date(2025, 9, 10))  # fmt: skip
    assert case.steps.count() == 6
    assert AuditEntry.objects.filter(model="land.DisposalCase", object_pk=str(case.pk)).count() == 7
    year = zone_year(world.zone_a, year=2025, on=dt.date(2025, 12, 31), method=METHOD)
    assert year.revitalised_mu == pytest.approx(24.0) and year.used_mu == pytest.approx(24.0)
    # 土地闲置率 at 2024-12-31: P3 认定 and open
    figures = zone_year(world.zone_a, year=2024, on=dt.date(2024, 12, 31), method=METHOD).land.figures
    assert figures["idle_rate"].numerator == pytest.approx(16_000)


def test_steps_out_of_order_or_without_their_document_are_refused_and_nothing_changes(
    world: World, parcels: dict[str, Parcel]
) -> None:
    case = open_case(kind="idle", parcel=parcels["P3"], rules=[], reasons=[], actor=None, source="test")
    with pytest.raises(CaseRefused, match="当前为“候选”，下一步应为“调查”，不能登记“认定”") as refused:
        advance_case(case, Step(state=2, on=dt.date(2024, 9, 30)), actor=None, source="test")
    assert "“认定”须填写认定文件" in str(refused.value)
    advance_case(case, STEPS[0], actor=None, source="test")
    with pytest.raises(CaseRefused, match="日期 2024-06-01 早于上一步的日期 2024-07-01"):
        advance_case(
            case, Step(state=2, on=dt.date(2024, 6, 1), document="认定书"), actor=None, source="test"
        )
    case.refresh_from_db()
    assert case.state == CaseState.INVESTIGATE and case.decided_on is None and case.steps.count() == 1


def test_a_parcel_is_never_both_an_idle_and_an_inefficient_case(
    world: World, parcels: dict[str, Parcel]
) -> None:
    open_case(kind="idle", parcel=parcels["P2"], rules=[], reasons=[], actor=None, source="test")
    with pytest.raises(CaseRefused, match="已有未办结的处置案件"):
        open_case(kind="inefficient", parcel=parcels["P2"], rules=[], reasons=[], actor=None, source="test")
    assert DisposalCase.objects.count() == 1


def test_a_lease_overlapping_another_on_a_unit_is_refused(world: World, parcels: dict[str, Parcel]) -> None:
    building = add_building(parcels["P6"], number="B1", floors=4, floor_area_m2=24_000, leasable_m2=24_000,
                            actor=None, source="test")  # fmt: skip
    unit = add_unit(building, floor=1, number="U1", area_m2=3_000, actor=None, source="test")
    add_lease(building, units=[unit], tenant_uscc=uscc_of("T1"), tenant_name="甲", leased_m2=3_000,
              start=dt.date(2022, 1, 1), actor=None, source="test")  # fmt: skip
    with pytest.raises(
        LandInputError, match="单元 U1：租约 乙（自 2024-06-01 起）与租约 甲（2022-01-01 至今）重叠"
    ):
        add_lease(building, units=[unit], tenant_uscc=uscc_of("T2"), tenant_name="乙", leased_m2=3_000,
                  start=dt.date(2024, 6, 1), actor=None, source="test")  # fmt: skip
    assert Lease.objects.count() == 1
