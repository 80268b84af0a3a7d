"""考评数据 by the template: downloaded with Chinese headers, filled in as a zone does, uploaded back."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.assessment.models import AssessmentValue, Framework
from devzone.assessment.tests.factories import small_framework

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _framework() -> Framework:
    text = small_framework("开发区考核").replace(
        "{code: gdp, name: 地区生产总值, direction: 1, weight: 1}",
        "{code: gdp, name: 地区生产总值, unit: 亿元, direction: 1, weight: 1}",
    )
    framework = Framework(yaml_text=text)
    framework.clean()
    framework.save()
    return framework


def _upload(client: object, book: openpyxl.Workbook, name: str = "填报.xlsx") -> object:
    buffer = io.BytesIO()
    book.save(buffer)
    return client.post(  # type: ignore[attr-defined]
        "/assessment/data/upload/", {"file": SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)}
    )


def test_zone_staff_fill_in_the_chinese_template_and_upload_it(world: World) -> None:
    framework = _framework()
    client = world.client_for(world.staff_a)
    page = client.get("/assessment/data/").content.decode()
    assert "下载模板" in page and "开发区考核" not in page  # frameworks are the coordinator's files
    coordinator_page = world.client_for(world.coordinator).get("/assessment/data/").content.decode()
    assert f'<option value="{framework.pk}">开发区考核' in coordinator_page
    response = client.get("/assessment/data/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["考评数据"]
    header = [c.value for c in sheet[1]]
    assert header == ["开发区", "年度", "地区生产总值（亿元）", "单位GDP能耗", "高新技术企业数", "来源"]
    assert [[c.value for c in row][:1] for row in sheet.iter_rows(min_row=2)] == [[world.zone_a.name]]
    assert (
        str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 and sheet.page_setup.orientation == "landscape"
    )
    notes = book["指标说明"]
    assert [c.value for c in notes[2]] == ["地区生产总值（亿元）", "地区生产总值", "亿元", "正向", "gdp"]

    sheet["B2"] = 2025
    sheet["C2"] = 812.3
    sheet["D2"] = "缺失"
    sheet["F2"] = "统计年鉴2026"  # 高新技术企业数 left blank: not filled in, not imported
    assert _upload(client, book).status_code == 302
    stored = sorted(AssessmentValue.objects.values_list("zone_id", "indicator", "year", "value", "source"))
    assert stored == [
        (world.zone_a.pk, "energy", 2025, None, "统计年鉴2026"),
        (world.zone_a.pk, "gdp", 2025, 812.3, "统计年鉴2026"),
    ]
    listed = client.get("/assessment/data/").content.decode()
    table = listed[listed.index('id="value-table"') :]
    assert "<td>地区生产总值</td>" in table and "<td>gdp</td>" not in table  # the name, never the code
    assert '<td class="text-end">812.3</td>' in table and "缺失" in table


def test_an_unknown_heading_or_another_zones_row_refuses_the_whole_file(world: World) -> None:
    _framework()
    client = world.client_for(world.staff_a)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["开发区", "年度", "地区生产总值（亿元）", "工业总产值"])
    sheet.append([world.zone_a.name, 2025, 1, 2])
    refused = _upload(client, book)
    assert refused.status_code == 200
    assert "表头“工业总产值”不是已知的指标" in refused.content.decode()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["开发区", "年度", "地区生产总值"])
    sheet.append([world.zone_a.name, 2025, 1])
    sheet.append([world.zone_b.name, 2025, 2])
    refused = _upload(client, book).content.decode()
    assert "第 3 行，开发区 列" in refused
    assert AssessmentValue.objects.count() == 0


def test_the_old_english_code_csv_still_imports(world: World) -> None:
    client = world.client_for(world.staff_a)
    csv = f"zone,indicator,year,value\n{world.zone_a.name},gdp,2025,3\n".encode()
    assert (
        client.post("/assessment/data/upload/", {"file": SimpleUploadedFile("d.csv", csv)}).status_code == 302
    )
    assert AssessmentValue.objects.get().value == 3.0


def test_viewers_get_no_template(world: World) -> None:
    _framework()
    assert world.client_for(world.viewer).get("/assessment/data/template.xlsx").status_code == 403
