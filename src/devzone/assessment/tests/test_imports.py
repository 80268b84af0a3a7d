"""Importing zone data from .csv and .xlsx: every error with its place, whole files or nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from tests.personas import World

from devzone.assessment.imports import ImportRefused, import_values
from devzone.assessment.models import AssessmentValue
from devzone.audit.models import AuditEntry


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "数据"
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_import_with_chinese_headers_and_missing_values(world: World) -> None:
    content = _xlsx([["开发区", "指标代码", "年度", "数值", "来源"], [world.zone_a.name, "gdp", 2025, 12.5, "统计局"],
                     [world.zone_b.short_name, "gdp", 2025, None, ""]])  # fmt: skip
    result = import_values("d.xlsx", content, actor=world.coordinator)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    rows = sorted(AssessmentValue.objects.values_list("zone_id", "value", "source"))
    assert rows == [(world.zone_a.pk, 12.5, "统计局"), (world.zone_b.pk, None, "d.xlsx")]
    assert AuditEntry.objects.filter(model="assessment.AssessmentValue").count() == 2


def test_reimport_updates_and_counts_unchanged(world: World) -> None:
    csv = f"zone,indicator,year,value\n{world.zone_a.name},gdp,2025,1\n{world.zone_a.name},hte,2025,2\n"
    import_values("d.csv", csv.encode(), actor=world.staff_a)
    again = csv.replace(",1\n", ",5\n")
    result = import_values("d.csv", again.encode(), actor=world.staff_a)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert AssessmentValue.objects.get(indicator="gdp").value == 5.0


def test_every_error_is_reported_with_row_and_column_and_nothing_lands(world: World) -> None:
    content = _xlsx([
        ["zone", "indicator", "year", "value"],
        [world.zone_a.name, "gdp", 2025, 1],
        ["无此开发区", "gdp", 2025, 1],
        [world.zone_a.name, "9bad", 2025, 1],
        [world.zone_a.name, "gdp", "二〇二五", 1],
        [world.zone_a.name, "hte", 2025, "abc"],
        [world.zone_a.name, "gdp", 2025, 2],
    ])  # fmt: skip
    with pytest.raises(ImportRefused) as err:
        import_values("d.xlsx", content, actor=world.coordinator)
    assert [str(i) for i in err.value.issues] == [
        "d.xlsx，工作表“数据”，第 3 行，zone 列：未知开发区或无权查看：'无此开发区'",
        "d.xlsx，工作表“数据”，第 4 行，indicator 列：指标代码须以字母开头，只含字母、数字和下划线：'9bad'",
        "d.xlsx，工作表“数据”，第 5 行，year 列：年度须为 1990–2100 的整数：'二〇二五'",
        "d.xlsx，工作表“数据”，第 6 行，value 列：不是数字：'abc'",
        "d.xlsx，工作表“数据”，第 7 行：与第 2 行重复（甲区经济开发区, gdp, 2025）",
    ]
    assert AssessmentValue.objects.count() == 0


def test_missing_columns_are_named(world: World) -> None:
    with pytest.raises(ImportRefused) as err:
        import_values("d.csv", b"zone,year\nx,2025\n", actor=world.coordinator)
    assert [str(i) for i in err.value.issues] == [
        "d.csv，第 1 行：缺少列 indicator, value（需要 zone, indicator, year, value，即 开发区、指标代码、年度、数值；"
        "或下载模板，按指标名称填写）"
    ]


def test_viewer_cannot_import(world: World) -> None:
    with pytest.raises(ImportRefused, match="无权填报"):
        import_values(
            "d.csv",
            f"zone,indicator,year,value\n{world.zone_a.name},gdp,2025,1\n".encode(),
            actor=world.viewer,
        )
    assert AssessmentValue.objects.count() == 0
