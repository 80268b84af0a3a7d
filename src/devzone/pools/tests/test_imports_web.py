"""A zone's certificate list and yearly supplement uploaded in the browser: stored whole, or refused whole."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.enterprises.models import Enterprise
from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import catalogue
from devzone.pools.models import Qualification, SupplementYear
from devzone.pools.tests.factories import uscc

HEADER = ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"]


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_a_certificate_list_uploaded_by_zone_staff_gives_their_firms_titles(world: World) -> None:
    catalogue()
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲一", industry_code="3311")
    Enterprise.objects.create(zone=world.zone_b, uscc=uscc(2), name="乙一", industry_code="3311")
    listing = _csv([HEADER, [1, "甲一", uscc(1), "GR202332000001", "2023-11-06"],
                    [2, "乙一", uscc(2), "GR202332000002", "2023-11-06"]])  # fmt: skip
    client = world.client_for(world.staff_a)
    page = client.get(f"/pools/zones/{world.zone_a.pk}/imports/")
    assert page.status_code == 200 and "导入认定名单" in page.content.decode()
    done = client.post(
        f"/pools/zones/{world.zone_a.pk}/imports/certificates/",
        {"kind": "hte", "file": SimpleUploadedFile("江苏省2023年高企名单.csv", listing)},
        follow=True,
    )
    text = html.unescape(done.content.decode())
    assert "新增 1 条" in text and "另有 1 家不是" in text  # zone B's firm is not zone A's to record
    q = Qualification.objects.get()
    assert (q.zone, q.valid_to) == (world.zone_a, dt.date(2026, 11, 5))
    assert AuditEntry.objects.filter(model="pools.Qualification", zone=world.zone_a, source="web").exists()
    figures = Observation.objects.filter(indicator__code="high_tech_enterprises", zone=world.zone_a)
    assert {o.period: o.value for o in figures if o.is_current}["2023"] == 1.0
    # zone B's staff may not write into zone A
    refused = world.client_for(world.staff_b).post(
        f"/pools/zones/{world.zone_a.pk}/imports/certificates/",
        {"kind": "hte", "file": SimpleUploadedFile("x.csv", listing)},
    )
    assert refused.status_code == 404


def test_a_bad_certificate_list_lists_every_fault_and_writes_nothing(world: World) -> None:
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲一", industry_code="3311")
    wrong = uscc(2)[:-1] + ("0" if uscc(2)[-1] != "0" else "1")
    listing = _csv([[*HEADER, "有效期至"],
                    [1, "甲一", uscc(1), "GR1", "2023-11-06", "2023-01-01"],
                    [2, "乙", wrong, "GR2", "2023-11-06", ""],
                    [3, "丙", uscc(3), "GR2", "十一月", ""]])  # fmt: skip
    done = world.client_for(world.staff_a).post(
        f"/pools/zones/{world.zone_a.pk}/imports/certificates/",
        {"kind": "hte", "file": SimpleUploadedFile("名单.csv", listing)},
    )
    assert done.status_code == 422
    text = html.unescape(done.content.decode())
    assert "有 4 处错误，未写入任何记录" in text
    assert "早于发证日期 2023-11-06" in text and "校验码为" in text and "与第 3 行重复" in text
    assert "不能读作日期" in text and "名单.csv" in text
    assert not Qualification.objects.exists()


def test_the_supplement_template_comes_back_filled_and_a_bad_cell_refuses_the_file(world: World) -> None:
    firm = Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲一", industry_code="3311")
    client = world.client_for(world.staff_a)
    sheet = client.get(f"/pools/zones/{world.zone_a.pk}/supplement.xlsx?year=2024")
    assert sheet.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(sheet.content))
    ws = wb["年度补充数据"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["统一社会信用代码", "企业名称", "数据年度"]
    assert [c.value for c in ws[2]][:3] == [uscc(1), "甲一", 2024]
    ws.cell(row=2, column=header.index("营业收入") + 1, value=18000)
    ws.cell(row=2, column=header.index("科技人员（累计实际工作满183天）") + 1, value=12)
    filled = io.BytesIO()
    wb.save(filled)
    done = client.post(
        f"/pools/zones/{world.zone_a.pk}/imports/supplement/",
        {"file": SimpleUploadedFile("补充数据.xlsx", filled.getvalue())},
        follow=True,
    )
    assert "新增 1 条" in html.unescape(done.content.decode())
    row = SupplementYear.objects.get(enterprise=firm, year=2024)
    assert (row.values["revenue"], row.values["st_staff"]) == (18000, 12)
    bad = _csv([["uscc", "year", "revenue", "st_staff"], [uscc(1), 2025, "一千", 3], [uscc(1), 2025, 5, "x"]])
    refused = client.post(
        f"/pools/zones/{world.zone_a.pk}/imports/supplement/",
        {"file": SimpleUploadedFile("坏.csv", bad)},
    )
    assert refused.status_code == 422
    text = html.unescape(refused.content.decode())
    assert "有 3 处错误" in text and "坏.csv" in text and "重复" in text
    assert not SupplementYear.objects.filter(year=2025).exists()
