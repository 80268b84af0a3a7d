"""盘活面积, 产出强度 and 标准厂房使用率 written as indicator observations: a case reaching 处置完成 on the
web moves the zone's 盘活存量土地面积 of that year; a figure typed elsewhere with another value is not
overwritten."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.indicators.actions import sync_catalogue
from devzone.indicators.collect import FigureConflict, YearFigure, observe_year_figures
from devzone.indicators.models import Observation
from devzone.land.actions import Step, advance_case, open_case
from devzone.land.actions.observe import SOURCE, observe_land_year
from devzone.land.method_load import resolve
from devzone.land.models import Parcel
from devzone.land.tests.world_db import import_worked

METHOD = resolve("zunyi-seed")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def zone_a(world: World) -> World:
    sync_catalogue(actor=None, source="test")
    import_worked(world.zone_a, actor=world.staff_a)
    return world


def figure(zone_id: int, code: str, year: int) -> float:
    row = Observation.objects.get(zone_id=zone_id, indicator__code=code, period=str(year), is_current=True)
    return row.value


def test_a_case_closing_on_the_web_writes_the_years_revitalised_area(zone_a: World) -> None:
    p3 = Parcel.objects.get(zone=zone_a.zone_a, ref="P3")
    case = open_case(kind="idle", parcel=p3, rules=[], reasons=[], actor=None, source="test")
    for state, on, document in [(1, "2024-07-01", "调查通知书"), (2, "2024-09-30", "认定书"),
                                (3, "2024-11-01", "处置方案"), (4, "2025-02-15", "收回决定书")]:  # fmt: skip
        advance_case(case, Step(state=state, on=dt.date.fromisoformat(on), document=document, route="R2"),
                     actor=None, source="test")  # fmt: skip
    client = zone_a.client_for(zone_a.staff_a)
    response = client.post(
        f"/land/cases/{case.pk}/advance/", {"state": 5, "on": "2025-03-01", "document": "注销登记"}
    )
    assert response.status_code == 302
    assert figure(zone_a.zone_a.pk, "revitalised_land_area", 2025) == pytest.approx(24.0)
    row = Observation.objects.get(
        indicator__code="revitalised_land_area", zone=zone_a.zone_a, is_current=True
    )
    assert row.source == SOURCE


def test_the_zone_page_writes_output_intensity_and_revises_its_own_figure(zone_a: World) -> None:
    client = zone_a.client_for(zone_a.staff_a)
    client.post(f"/land/zones/{zone_a.zone_a.pk}/observe/", {"year": 2024})
    assert figure(zone_a.zone_a.pk, "revitalised_land_area", 2024) == 0.0
    assert not Observation.objects.filter(
        indicator__code="industrial_land_output_intensity"
    ).exists()  # no firms
    p3 = Parcel.objects.get(zone=zone_a.zone_a, ref="P3")
    case = open_case(kind="idle", parcel=p3, rules=[], reasons=[], actor=None, source="test")
    for state in range(1, 6):
        advance_case(case, Step(state=state, on=dt.date(2024, 3, state), document="文件", route="R2"),
                     actor=None, source="test")  # fmt: skip
    observe_land_year(
        zone_a.zone_a, year=2024, on=dt.date(2024, 12, 31), method=METHOD, actor=None, source="test"
    )
    assert figure(zone_a.zone_a.pk, "revitalised_land_area", 2024) == pytest.approx(24.0)


def test_a_figure_typed_elsewhere_is_not_overwritten(zone_a: World) -> None:
    typed = YearFigure(
        zone=zone_a.zone_a, code="revitalised_land_area", year=2024, value=50.0, source="考评数据"
    )
    observe_year_figures([typed], previous={}, actor=None, source="test")
    with pytest.raises(FigureConflict, match="指标监测已有数值 50"):
        observe_land_year(zone_a.zone_a, year=2024, on=dt.date(2024, 12, 31), method=METHOD, actor=None,
                          source="test")  # fmt: skip
    assert figure(zone_a.zone_a.pk, "revitalised_land_area", 2024) == 50.0
