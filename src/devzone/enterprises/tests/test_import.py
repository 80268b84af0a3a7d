"""Importing a year's enterprise data: the .xlsx template and CSV, whole or not at all, every error at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.enterprises.actions import ImportRejected, Upload, import_records, import_year_data
from devzone.enterprises.inputs_schema import NAMES
from devzone.enterprises.models import DataImport, Enterprise, EnterpriseYear
from devzone.enterprises.template import write_template
from devzone.enterprises.uscc import check_character


def uscc(n: int) -> str:
    body = f"91320703MA{n:07d}"
    return body + check_character(body)


def row(n: int, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(NAMES)
    base.update(
        year=2024,
        uscc=uscc(n),
        name=f"企业{n}",
        zone="",
        industry_code="C3311",
        scale="above",
        land_mu=10.0,
        leased=False,
        tax=100.0,
        sales=3000.0,
    )
    return base | values


def xlsx(tmp_path: Path, rows: list[dict[str, Any]], *, year: int = 2024) -> Upload:
    path = write_template(year=year, path=tmp_path / "企业数据.xlsx")
    wb = load_workbook(path)
    for r in rows:
        wb["企业数据"].append([r[n] for n in NAMES])
    wb.save(path)
    return Upload(name="企业数据2024.xlsx", content=path.read_bytes())


def csv_upload(lines: list[str], name: str = "data.csv") -> Upload:
    return Upload(name=name, content=("\n".join(lines) + "\n").encode("utf-8"))


def test_xlsx_template_imports_every_row(world: World, tmp_path: Path) -> None:
    upload = xlsx(
        tmp_path,
        [
            row(1, zone=world.zone_a.name, employees=120, electricity_kwh=1.5e6),
            row(2, scale="below", land_mu=4.0, tax=8.0, sales=500.0, veto="环境违法"),
            row(3, zone=world.zone_a.short_name, industry_code="2614", exempt="新建企业"),
        ],
    )
    batch = import_year_data(zone=world.zone_a, year=2024, upload=upload, actor=world.staff_a, source="web")
    assert (batch.rows, batch.year, batch.zone, batch.original_name) == (
        3,
        2024,
        world.zone_a,
        "企业数据2024.xlsx",
    )
    assert len(batch.sha256) == 64
    assert batch.file.read() == upload.content
    first = EnterpriseYear.objects.get(enterprise__uscc=uscc(1))
    assert (first.scale, first.land_mu, first.tax, first.sales, first.employees, first.electricity_kwh) == (
        "above",
        10.0,
        100.0,
        3000.0,
        120,
        1.5e6,
    )
    assert (first.zone, first.data_import, first.veto, first.value_added) == (world.zone_a, batch, "", None)
    assert EnterpriseYear.objects.get(enterprise__uscc=uscc(2)).veto == "环境违法"
    assert Enterprise.objects.get(uscc=uscc(1)).industry_code == "3311"
    assert Enterprise.objects.get(uscc=uscc(3)).industry_code == "2614"
    entry = AuditEntry.objects.get(model="enterprises.DataImport")
    assert (entry.source, entry.actor, entry.zone_id) == ("web", world.staff_a, world.zone_a.pk)
    assert entry.after["counts"] == {
        "enterprises_created": 3,
        "enterprises_updated": 0,
        "years_created": 3,
        "years_updated": 0,
    }


def test_reimport_updates_in_place(world: World) -> None:
    import_records(zone=world.zone_a, year=2024, records=[row(1), row(2)], actor=None, source="test")
    import_records(
        zone=world.zone_a, year=2024, records=[row(1, tax=50.0, name="企业一号")], actor=None, source="test"
    )
    assert EnterpriseYear.objects.count() == 2
    assert EnterpriseYear.objects.get(enterprise__uscc=uscc(1)).tax == 50.0
    assert Enterprise.objects.get(uscc=uscc(1)).name == "企业一号"
    counts = AuditEntry.objects.filter(model="enterprises.DataImport").order_by("pk").last().after["counts"]
    assert counts == {
        "enterprises_created": 0,
        "enterprises_updated": 1,
        "years_created": 0,
        "years_updated": 1,
    }


def test_csv_with_land_in_square_metres(world: World) -> None:
    header = "year,uscc,name,zone,industry_code,scale,land_m2,leased,tax,sales"
    upload = csv_upload([header, f"2024,{uscc(1)},甲企业,,C3311,above,20000,否,30,900"])
    import_year_data(zone=world.zone_a, year=2024, upload=upload, actor=None, source="cli")
    assert EnterpriseYear.objects.get().land_mu == pytest.approx(30.0)  # 20000 m² ÷ (2000/3) m²/亩


def test_every_bad_cell_is_reported_at_once_and_nothing_is_written(world: World, tmp_path: Path) -> None:
    bad_check = uscc(5)[:-1] + ("0" if uscc(5)[-1] != "0" else "1")
    upload = xlsx(
        tmp_path,
        [
            row(1),
            row(2, land_mu=0),
            row(3, land_mu=-2.5),
            row(4, tax=3_000_000.0),  # 元 where 万元 is expected: 300,000 万元/亩
            row(5, uscc=bad_check),
            row(6, industry_code="9911"),
            row(7, zone=world.zone_b.name),
            row(8, year=2023),
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_year_data(zone=world.zone_a, year=2024, upload=upload, actor=world.staff_a, source="web")
    issues = caught.value.issues
    assert [(i.row, i.column) for i in issues] == [
        (4, "land_mu"),
        (5, "land_mu"),
        (6, "tax"),
        (7, "uscc"),
        (8, "industry_code"),
        (9, "zone"),
        (10, "year"),
    ]
    assert {i.file for i in issues} == {"企业数据2024.xlsx"}
    assert {i.sheet for i in issues} == {"企业数据"}
    reasons = [i.reason for i in issues]
    assert reasons[0] == "用地面积应大于 0 亩，填的是 0"
    assert reasons[1] == "用地面积应大于 0 亩，填的是 -2.5"
    assert "疑似按元填报" in reasons[2]
    assert reasons[3].endswith(f"校验码为 {bad_check[-1]}，按 GB 32100—2015 应为 {uscc(5)[-1]}")
    assert reasons[4] == "行业大类 99 不存在（GB/T 4754—2017 的大类为 01—97）"
    assert ZONE_B_MARK in reasons[5] and world.zone_a.name in reasons[5]
    assert reasons[6] == "年度 2023 不是导入年度 2024"
    assert "第 4 行，land_mu 列" in str(caught.value)
    assert (DataImport.objects.count(), Enterprise.objects.count(), EnterpriseYear.objects.count()) == (
        0,
        0,
        0,
    )
    assert not AuditEntry.objects.filter(model__startswith="enterprises.").exists()


def test_a_rejected_file_leaves_earlier_data_alone(world: World) -> None:
    import_records(zone=world.zone_a, year=2024, records=[row(1)], actor=None, source="test")
    upload = csv_upload(
        [
            ",".join(NAMES[:10]),
            f"2024,{uscc(1)},改名,,3311,above,10,false,1,10",
            f"2024,{uscc(2)},乙,,3311,above,0,,1,10",
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        import_year_data(zone=world.zone_a, year=2024, upload=upload, actor=None, source="web")
    assert [(i.file, i.sheet, i.row, i.column) for i in caught.value.issues] == [
        ("data.csv", "", 3, "land_mu")
    ]
    assert Enterprise.objects.get().name == "企业1"
    assert EnterpriseYear.objects.get().tax == 100.0
    assert DataImport.objects.count() == 1


def test_csv_row_numbers_count_the_file_lines_with_blank_lines(world: World) -> None:
    upload = csv_upload(
        [
            ",".join(NAMES[:10]),
            f"2024,{uscc(1)},甲,,3311,above,10,false,1,10",
            ",,,,,,,,,",
            f"2024,{uscc(2)},乙,,3311,bogus,10,,1,10",
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        import_year_data(zone=world.zone_a, year=2024, upload=upload, actor=None, source="web")
    assert [(i.row, i.column) for i in caught.value.issues] == [(4, "scale")]


def test_duplicates_and_missing_values_in_one_list(world: World) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_records(
            zone=world.zone_a, year=2024, records=[row(1), row(1), row(2, tax=None)], actor=None, source="api"
        )
    assert [(i.row, i.column, i.reason) for i in caught.value.issues] == [
        (2, "uscc", "与第 1 行重复（同一年度 2024、同一统一社会信用代码）"),
        (3, "tax", "必填，不能为空"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("data.pdf", b"%PDF", "不支持的文件类型 .pdf"),
        ("data.xlsx", b"not a workbook", "不是有效的 Office Open XML 文件"),
        ("data.csv", b"a,b\n1,2\n", "找不到英文表头行 (含 uscc 的一行)"),
        ("data.csv", ",".join(NAMES).encode() + b"\n", "没有数据行"),
    ],
)
def test_unreadable_files_are_refused(world: World, name: str, content: bytes, reason: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_year_data(
            zone=world.zone_a, year=2024, upload=Upload(name=name, content=content), actor=None, source="web"
        )
    assert caught.value.issues[0].reason.startswith(reason)
    assert DataImport.objects.count() == 0
