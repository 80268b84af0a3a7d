"""Template download, upload and the JSON/xlsx API: every bad input named, nothing written."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import figure, target


@pytest.fixture
def zone_a_data(world: World) -> World:
    target(world.zone_a, text="甲区地区生产总值突破800亿元")
    figure(world.zone_a, "2020", 400.0)
    figure(world.zone_a, "2021", 480.0)
    return world


def state() -> tuple[list[tuple[Any, ...]], int]:
    rows = list(Observation.objects.order_by("pk").values_list("pk", "value", "is_current", "superseded_by"))
    return rows, AuditEntry.objects.count()


def filled(world: World, zone_id: int, period: str, edits: dict[int, dict[str, object]]) -> bytes:
    """Download the template as the zone's user sees it and type values into it (rows by number)."""
    response = world.client_for(world.staff_a).get(
        f"/indicators/zones/{zone_id}/template.xlsx", {"period": period}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["数据填报"]
    columns = {"code": "A", "unit": "C", "period": "D", "value": "E", "status": "F", "source": "G"}
    for row, cells in edits.items():
        for name, value in cells.items():
            sheet[f"{columns[name]}{row}"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(world: World, zone_id: int, data: bytes, name: str = "甲区.xlsx") -> Any:
    client = world.client_for(world.staff_a)
    return client.post(f"/indicators/zones/{zone_id}/import/", {"file": SimpleUploadedFile(name, data)})


def test_template_lists_the_zone_indicators_with_units_and_a_hidden_zone_record(zone_a_data: World) -> None:
    world = zone_a_data
    response = world.client_for(world.staff_a).get(
        f"/indicators/zones/{world.zone_a.pk}/template.xlsx?period=2022"
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["数据填报"]
    assert [sheet["A2"].value, sheet["C2"].value, sheet["D2"].value] == ["gdp", "亿元", "2022"]
    assert sheet.protection.sheet is True
    assert book["_meta"].sheet_state == "hidden"
    assert book["_meta"]["B2"].value == f"zone-{world.zone_a.pk}"


def test_a_filled_template_lands_whole_and_audited(zone_a_data: World) -> None:
    world = zone_a_data
    rows_before, audit_before = state()
    response = upload(world, world.zone_a.pk, filled(world, world.zone_a.pk, "2022", {2: {"value": 560}}))
    assert response.status_code == 302
    new = Observation.objects.get(zone=world.zone_a, period="2022")
    assert (new.value, new.entered_unit, new.status, new.entered_by) == (
        560.0,
        "亿元",
        "preliminary",
        world.staff_a,
    )
    assert len(state()[0]) == len(rows_before) + 1
    assert AuditEntry.objects.count() == audit_before + 1


def test_a_revision_supersedes_and_keeps_the_old_figure(zone_a_data: World) -> None:
    world = zone_a_data
    upload(
        world,
        world.zone_a.pk,
        filled(world, world.zone_a.pk, "2021", {2: {"value": 482.5, "status": "最终"}}),
    )
    old, new = Observation.objects.filter(zone=world.zone_a, period="2021").order_by("pk")
    assert (old.value, old.is_current, old.superseded_by_id) == (480.0, False, new.pk)
    assert (new.value, new.is_current, new.status) == (482.5, True, "final")
    page = world.client_for(world.staff_a).get(f"/indicators/targets/{world.zone_a.targets.get().pk}/")
    assert "已修订" in page.content.decode()


@pytest.mark.parametrize(
    ("edits", "code", "location"),
    [
        ({2: {"value": "约五百"}}, "not_a_number", "数据填报!E2"),
        ({2: {"value": 5_600_000}}, "unit_slip", "数据填报!E2"),
        ({2: {"value": 560, "period": "2030"}}, "period_outside_plan", "数据填报!D2"),
        (
            {2: {"value": 560}, 3: {"code": "gdp", "unit": "亿元", "period": "2022", "value": 561}},
            "duplicate_row",
            "数据填报!A3",
        ),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    zone_a_data: World, edits: dict[int, dict[str, object]], code: str, location: str
) -> None:
    world = zone_a_data
    data = filled(world, world.zone_a.pk, "2022", edits)
    before = state()
    response = upload(world, world.zone_a.pk, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'data-code="{code}"' in page
    assert f"甲区.xlsx: {location}" in page
    assert state() == before


def test_every_error_is_listed_at_once(zone_a_data: World) -> None:
    world = zone_a_data
    data = filled(
        world,
        world.zone_a.pk,
        "2022",
        {2: {"value": "n/a"}, 3: {"code": "no_such", "unit": "亿元", "period": "2022", "value": 1}},
    )
    before = state()
    page = upload(world, world.zone_a.pk, data).content.decode()
    assert page.count("data-code=") == 2
    assert 'data-code="not_a_number"' in page
    assert 'data-code="unknown_indicator"' in page
    assert state() == before


def test_a_template_from_another_zone_is_refused(zone_a_data: World) -> None:
    world = zone_a_data
    target(world.zone_b, text="乙区目标")
    client_b = world.client_for(world.staff_b)
    book = load_workbook(
        io.BytesIO(client_b.get(f"/indicators/zones/{world.zone_b.pk}/template.xlsx?period=2022").content)
    )
    book["数据填报"]["E2"] = 560
    out = io.BytesIO()
    book.save(out)
    before = state()
    response = upload(world, world.zone_a.pk, out.getvalue())
    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-code="wrong_zone"' in page
    assert world.zone_b.name not in page
    assert state() == before


def test_zone_staff_cannot_import_into_another_zone(zone_a_data: World) -> None:
    world = zone_a_data
    data = filled(world, world.zone_a.pk, "2022", {2: {"value": 560}})
    before = state()
    assert upload(world, world.zone_b.pk, data).status_code == 404
    assert (
        world.client_for(world.viewer_a).post(f"/indicators/zones/{world.zone_a.pk}/import/").status_code
        == 403
    )
    assert state() == before


def test_not_an_xlsx_file_is_refused(zone_a_data: World) -> None:
    world = zone_a_data
    before = state()
    response = upload(world, world.zone_a.pk, b"not a workbook", name="x.xlsx")
    assert response.status_code == 200
    assert "x.xlsx：不是有效的 Office Open XML 文件" in response.content.decode()
    assert state() == before


def api_rows(world: World, rows: list[dict[str, object]], zone_id: int | None = None) -> Any:
    body = {"zone_id": zone_id or world.zone_a.pk, "rows": rows}
    return world.client_for(world.staff_a).post(
        "/api/observations", data=json.dumps(body), content_type="application/json"
    )


def test_api_rows_land_whole(zone_a_data: World) -> None:
    response = api_rows(zone_a_data, [{"code": "gdp", "unit": "万元", "period": "2022", "value": 5_600_000}])
    assert response.status_code == 201
    assert response.json() == {"created": 1, "revised": 0, "unchanged": 0}
    assert Observation.objects.get(period="2022").value == 560.0


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ({"code": "gdp", "period": "2022", "value": "八百"}, "not_a_number"),
        ({"code": "gdp", "unit": "亿元", "period": "2022", "value": 5_600_000}, "unit_slip"),
        ({"code": "gdp", "period": "2031", "value": 560}, "period_outside_plan"),
        ({"code": "gdp", "unit": "亿美元", "period": "2022", "value": 80}, "incompatible_unit"),
    ],
)
def test_api_bad_rows_are_named_and_nothing_is_written(
    zone_a_data: World, row: dict[str, object], code: str
) -> None:
    before = state()
    response = api_rows(zone_a_data, [{"code": "gdp", "period": "2023", "value": 640}, row])
    assert response.status_code == 422
    assert [issue["code"] for issue in response.json()["issues"]] == [code]
    assert response.json()["issues"][0]["location"].startswith("api: rows!")
    assert state() == before


def test_api_duplicate_rows_are_refused(zone_a_data: World) -> None:
    before = state()
    row = {"code": "gdp", "period": "2022", "value": 560}
    response = api_rows(zone_a_data, [row, row])
    assert response.status_code == 422
    assert response.json()["issues"][0]["code"] == "duplicate_row"
    assert state() == before


def test_api_xlsx_upload_and_other_zone_refusal(zone_a_data: World) -> None:
    world = zone_a_data
    data = filled(world, world.zone_a.pk, "2022", {2: {"value": 560}})
    client = world.client_for(world.staff_a)
    before = state()
    refused = client.post(
        f"/api/zones/{world.zone_b.pk}/observations/upload", {"file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert refused.status_code == 404
    assert state() == before
    response = client.post(
        f"/api/zones/{world.zone_a.pk}/observations/upload", {"file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert response.status_code == 201
    assert response.json()["created"] == 1
    listed = client.get("/api/observations", {"indicator": "gdp"}).json()
    assert sorted(row["period"] for row in listed) == ["2020", "2021", "2022"]


def test_api_template_download(zone_a_data: World) -> None:
    world = zone_a_data
    response = world.client_for(world.staff_a).get(
        f"/api/zones/{world.zone_a.pk}/template", {"period": "2023"}
    )
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))["数据填报"]["D2"].value == "2023"
    assert (
        world.client_for(world.staff_a).get(f"/api/zones/{world.zone_b.pk}/template?period=2023").status_code
        == 404
    )


def test_a_bad_cell_in_the_next_to_last_row_of_a_long_file_is_named_and_nothing_is_written(
    zone_a_data: World,
) -> None:
    # the benchmark (benchmarks/bench_imports.py) does this at 100,000 rows; here the place is the point
    world = zone_a_data
    book = load_workbook(io.BytesIO(filled(world, world.zone_a.pk, "2022", {2: {"value": 560}})))
    sheet = book["数据填报"]
    periods = [f"{y}Q{q}" for y in range(2021, 2026) for q in range(1, 5)]
    periods += [f"{y}-{m:02d}" for y in range(2021, 2026) for m in range(1, 13)]
    for offset, period in enumerate(periods):
        for column, value in zip("ACDEF", ("gdp", "亿元", period, 150.0, "初步"), strict=True):
            sheet[f"{column}{3 + offset}"] = value
    last = 2 + len(periods)
    sheet[f"E{last - 1}"] = "约一百五十"
    out = io.BytesIO()
    book.save(out)
    before = state()
    response = upload(world, world.zone_a.pk, out.getvalue(), name="长表.xlsx")
    page = response.content.decode()
    assert response.status_code == 422
    assert f"长表.xlsx: 数据填报!E{last - 1}" in page
    assert 'data-code="not_a_number"' in page
    assert "发现 1 处错误，未导入任何数据" in page
    assert state() == before
