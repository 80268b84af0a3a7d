"""The 亩均 pages: registry, imports, runs, score cards, 公示 and objections — owner, other zone, viewer."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.enterprises.actions import publicise
from devzone.enterprises.models import DataImport, Enterprise, EnterpriseYear, MuRun, Objection
from devzone.enterprises.tests.test_views_world import (
    YEAR,
    csv_bytes,
    mu_world,
    uscc,
    zone_a_rows,
    zone_b_records,
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _text(response: Any) -> str:
    return response.content.decode()


# registry ----------------------------------------------------------------------------------------


def test_registry_shows_the_users_zones_only(world: World) -> None:
    mu_world(world)
    page = _text(world.client_for(world.staff_a).get("/enterprises/"))
    assert "甲企业01" in page
    assert ZONE_B_MARK not in page
    everyone = _text(world.client_for(world.coordinator).get("/enterprises/?q=企业1"))
    assert f"{ZONE_B_MARK}企业1" in everyone
    assert "甲企业10" in everyone
    assert "甲企业02" not in everyone


def test_registry_filter_answers_htmx_with_the_rows_only(world: World) -> None:
    mu_world(world)
    response = world.client_for(world.staff_a).get("/enterprises/?industry=C26", HTTP_HX_REQUEST="true")
    page = _text(response)
    assert "<html" not in page
    assert page.count('href="/enterprises/') == 10  # the ten even-numbered 2611 firms
    assert "甲企业02" in page
    assert "甲企业01" not in page


def test_enterprise_page_has_years_and_results_and_refuses_other_zones(world: World) -> None:
    data = mu_world(world)
    firm = Enterprise.objects.get(zone=world.zone_a, uscc=uscc(3))
    page = _text(world.client_for(world.staff_a).get(f"/enterprises/{firm.pk}/"))
    assert "甲企业03" in page
    assert "30.00" in page  # tax 10 × 3 万元
    assert f'href="/enterprises/runs/{data.run.pk}/"' in page
    other = Enterprise.objects.get(zone=world.zone_b, uscc=uscc(201))
    assert world.client_for(world.staff_a).get(f"/enterprises/{other.pk}/").status_code == 404
    assert world.client_for(world.viewer).get(f"/enterprises/{other.pk}/").status_code == 200


# imports -----------------------------------------------------------------------------------------


def _upload(name: str, content: bytes, *, zone: int, year: int = YEAR) -> dict[str, Any]:
    return {"zone": str(zone), "year": str(year), "file": SimpleUploadedFile(name, content)}


def test_zone_staff_import_a_csv_and_see_the_batch(world: World) -> None:
    client = world.client_for(world.staff_a)
    assert 'id="upload-form"' in _text(client.get("/enterprises/imports/"))
    response = client.post(
        "/enterprises/imports/upload/", _upload("甲区.csv", csv_bytes(zone_a_rows()), zone=world.zone_a.pk)
    )
    batch = DataImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/enterprises/imports/{batch.pk}/"
    assert (batch.zone, batch.year, batch.rows, batch.created_by) == (world.zone_a, YEAR, 24, world.staff_a)
    assert EnterpriseYear.objects.filter(zone=world.zone_a, year=YEAR).count() == 24
    detail = _text(client.get(f"/enterprises/imports/{batch.pk}/"))
    assert "甲企业20" in detail
    assert batch.sha256 in detail
    assert AuditEntry.objects.filter(zone=world.zone_a, source="web").exists()
    assert client.get(f"/enterprises/imports/{batch.pk}/file/").content == csv_bytes(zone_a_rows())


def test_a_bad_file_lists_every_error_and_writes_nothing(world: World) -> None:
    rows = zone_a_rows()
    rows[0]["uscc"] = rows[0]["uscc"][:-1] + ("0" if rows[0]["uscc"][-1] != "0" else "1")  # wrong check char
    rows[2]["land_mu"] = -3.0
    rows[4]["zone"] = "别的开发区"
    response = world.client_for(world.staff_a).post(
        "/enterprises/imports/upload/", _upload("bad.csv", csv_bytes(rows), zone=world.zone_a.pk)
    )
    page = _text(response)
    assert response.status_code == 422
    assert 'id="issue-table"' in page
    table = page[page.index('id="issue-table"') :]
    # file rows (the header is row 1); columns by the template's Chinese labels, reasons in Chinese
    assert "<td>2</td><td>统一社会信用代码</td><td>" in table and "按 GB 32100—2015 应为" in table
    assert "<td>4</td><td>用地面积(亩)</td><td>用地面积应大于 0 亩，填的是 -3</td>" in table
    assert "<td>6</td><td>所属开发区</td>" in table
    assert (DataImport.objects.count(), Enterprise.objects.count(), EnterpriseYear.objects.count()) == (
        0,
        0,
        0,
    )


def test_nobody_imports_into_another_zone_and_viewers_import_nothing(world: World) -> None:
    response = world.client_for(world.staff_a).post(
        "/enterprises/imports/upload/", _upload("b.csv", csv_bytes(zone_a_rows()), zone=world.zone_b.pk)
    )
    assert response.status_code == 200
    assert "zone" in response.context["form"].errors
    viewer = world.client_for(world.viewer)
    assert 'id="upload-form"' not in _text(viewer.get("/enterprises/imports/"))
    refused = viewer.post(
        "/enterprises/imports/upload/", _upload("a.csv", csv_bytes(zone_a_rows()), zone=world.zone_a.pk)
    )
    assert refused.status_code == 403
    assert DataImport.objects.count() == 0


def test_template_download_is_the_years_workbook(world: World) -> None:
    response = world.client_for(world.viewer).get("/enterprises/imports/template/?year=2025")
    assert (
        unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])
        == "亩均数据填报模板-2025年.xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["企业数据", "说明"]
    assert book["企业数据"]["B1"].value == "统一社会信用代码"
    assert book["企业数据"]["B2"].value == "uscc"
    assert world.client_for(world.viewer).get("/enterprises/imports/template/?year=x").status_code == 404


def test_the_template_handed_out_reads_back_filled_in_chinese(world: World) -> None:
    """Download the template, fill one firm as a zone officer would (规上, 否 from the drop-downs), upload."""
    client = world.client_for(world.staff_a)
    book = load_workbook(io.BytesIO(client.get(f"/enterprises/imports/template/?year={YEAR}").content))
    sheet = book["企业数据"]
    assert sheet.row_dimensions[2].hidden  # the keys the importer reads; a user reads row 1
    labels = [c.value for c in sheet[1]]
    assert labels[5] == "规模(规上/规下)"
    assert not any(isinstance(v, str) and v.isascii() for v in labels)
    firm = {"评价年度": YEAR, "统一社会信用代码": uscc(901), "企业名称": "回填企业", "所属开发区": world.zone_a.name,
            "行业代码": "3311", "规模(规上/规下)": "规上", "用地面积(亩)": 12.5, "租赁厂房": "否",
            "评价税收(万元)": 300, "销售收入(万元)": 12000}  # fmt: skip
    sheet.append([firm.get(str(label).removesuffix("（可空）")) for label in labels])
    filled = io.BytesIO()
    book.save(filled)
    response = client.post(
        "/enterprises/imports/upload/", _upload("回填.xlsx", filled.getvalue(), zone=world.zone_a.pk)
    )
    assert response.status_code == 302, _text(response)
    stored = EnterpriseYear.objects.get(enterprise__uscc=uscc(901), year=YEAR)
    assert (stored.scale, stored.leased, stored.land_mu) == ("above", False, 12.5)


def test_import_of_another_zone_is_not_found(world: World) -> None:
    data = mu_world(world)
    client = world.client_for(world.staff_a)
    assert client.get(f"/enterprises/imports/{data.import_b.pk}/").status_code == 404
    assert client.get(f"/enterprises/imports/{data.import_b.pk}/file/").status_code == 404
    page = _text(client.get("/enterprises/imports/"))
    assert "甲区2024.csv" in page
    assert ZONE_B_MARK not in page


# runs --------------------------------------------------------------------------------------------


def test_zone_staff_run_their_zone_but_not_every_zone(world: World) -> None:
    mu_world(world)
    client = world.client_for(world.staff_a)
    form = client.get("/enterprises/runs/").context["form"]
    assert [c[0] for c in form.fields["zone"].choices] == [str(world.zone_a.pk)]
    refused = client.post("/enterprises/runs/new/", {"zone": "all", "year": YEAR, "method": "lyg-seed"})
    assert refused.status_code == 200
    assert "zone" in refused.context["form"].errors
    response = client.post(
        "/enterprises/runs/new/",
        {"zone": world.zone_a.pk, "year": YEAR, "method": "lyg-seed", "title": "甲区试评"},
    )
    run = MuRun.objects.get(title="甲区试评")
    assert response["Location"] == f"/enterprises/runs/{run.pk}/"
    assert (run.zone, run.year, run.created_by, run.results.count()) == (
        world.zone_a,
        YEAR,
        world.staff_a,
        24,
    )
    assert (
        world.client_for(world.viewer)
        .post("/enterprises/runs/new/", {"zone": "all", "year": YEAR, "method": "lyg-seed"})
        .status_code
        == 403
    )


def test_a_run_without_data_is_refused_with_a_message(world: World) -> None:
    response = world.client_for(world.coordinator).post(
        "/enterprises/runs/new/", {"zone": "all", "year": 2019, "method": "lyg-seed"}
    )
    assert response.status_code == 200
    assert "没有 2019 年度的企业数据" in _text(response)
    assert MuRun.objects.count() == 0


def test_city_wide_run_page_shows_zone_staff_their_zone_only(world: World) -> None:
    data = mu_world(world)
    page = _text(world.client_for(world.staff_a).get(f"/enterprises/runs/{data.run.pk}/"))
    assert ZONE_B_MARK not in page
    assert "评价结果（24 家）" in page
    assert "甲区经济开发区" in page
    assert "publicise-form" not in page  # a city-wide run is the coordinators'
    zone_table = page[page.index('id="zone-class-table"') : page.index('id="segment-table"')]
    assert zone_table.count("<tr><td>") == 1
    full = _text(world.client_for(world.coordinator).get(f"/enterprises/runs/{data.run.pk}/"))
    assert "评价结果（29 家）" in full
    assert ZONE_B_MARK in full
    assert 'id="publicise-form"' in full
    assert data.run.method_sha256 in full
    assert data.run.input_sha256 in full


def test_zone_run_is_not_found_for_other_zones(world: World) -> None:
    records = zone_b_records(world)
    client = world.client_for(world.staff_a)
    for path in ("", "land/", "final-list.xlsx", "policy-list.xlsx", "report.docx"):
        assert client.get(f"/enterprises/runs/{records.run.pk}/{path}").status_code == 404, path
    assert ZONE_B_MARK not in _text(client.get("/enterprises/runs/"))
    assert client.post(f"/enterprises/runs/{records.run.pk}/finalise/").status_code == 404


def test_result_filters_answer_htmx(world: World) -> None:
    data = mu_world(world)
    client = world.client_for(world.coordinator)
    exempt = _text(client.get(f"/enterprises/runs/{data.run.pk}/?klass=T", HTTP_HX_REQUEST="true"))
    assert "<html" not in exempt
    assert exempt.count("<tr data-uscc=") == 1
    assert "甲供电公司" in exempt
    below = _text(client.get(f"/enterprises/runs/{data.run.pk}/?segment=below", HTTP_HX_REQUEST="true"))
    assert below.count("<tr data-uscc=") == 2
    zone_b = _text(
        client.get(f"/enterprises/runs/{data.run.pk}/?zone={world.zone_b.pk}", HTTP_HX_REQUEST="true")
    )
    assert zone_b.count("<tr data-uscc=") == 5
    staff = world.client_for(world.staff_a)
    sneaky = _text(
        staff.get(f"/enterprises/runs/{data.run.pk}/?zone={world.zone_b.pk}", HTTP_HX_REQUEST="true")
    )
    assert ZONE_B_MARK not in sneaky


def test_reproduce_reports_identical(world: World) -> None:
    data = mu_world(world)
    response = world.client_for(world.staff_a).post(
        f"/enterprises/runs/{data.run.pk}/reproduce/", follow=True
    )
    assert "复核一致" in _text(response)


def test_land_candidates_of_the_users_zone(world: World) -> None:
    data = mu_world(world)
    page = _text(world.client_for(world.staff_a).get(f"/enterprises/runs/{data.run.pk}/land/"))
    table = page[page.index('id="land-table"') :]
    assert "甲僵尸企业" in table
    assert "僵尸企业(无税收、无销售、无用电)" in table
    assert ZONE_B_MARK not in page


# 公示, objections, 定级 ------------------------------------------------------------------------------


def test_publicity_objection_decision_and_final_list(world: World) -> None:
    data = mu_world(world)
    run = data.run
    firm = data.result("甲企业05")
    assert (
        world.client_for(world.staff_a)
        .post(f"/enterprises/runs/{run.pk}/publicise/", {"days": 10})
        .status_code
        == 403
    )
    assert (
        world.client_for(world.viewer)
        .post(f"/enterprises/runs/{run.pk}/publicise/", {"days": 10})
        .status_code
        == 403
    )
    coord = world.client_for(world.coordinator)
    coord.post(f"/enterprises/runs/{run.pk}/publicise/", {"days": 10})
    run.refresh_from_db()
    assert run.status == "publicised"
    assert (run.publicity_end - run.publicity_start).days == 10

    staff = world.client_for(world.staff_a)
    card = _text(staff.get(f"/enterprises/results/{firm.pk}/"))
    assert 'id="objection-form"' in card
    assert 'class="row g-2 mt-1 decide-form"' not in card
    assert 'id="objection-form"' not in _text(
        world.client_for(world.viewer).get(f"/enterprises/results/{firm.pk}/")
    )
    assert (
        world.client_for(world.viewer)
        .post(f"/enterprises/results/{firm.pk}/objections/", {"reason": "x"})
        .status_code
        == 403
    )
    other = data.result(f"{ZONE_B_MARK}企业1")
    assert staff.post(f"/enterprises/results/{other.pk}/objections/", {"reason": "x"}).status_code == 404
    evidence = SimpleUploadedFile("完税证明.pdf", b"%PDF-1.4 evidence")
    response = staff.post(
        f"/enterprises/results/{firm.pk}/objections/", {"reason": "税收漏计一笔", "evidence": evidence}
    )
    objection = Objection.objects.get()
    assert response.status_code == 302
    assert (objection.result, objection.zone, objection.filed_by, objection.status) == (
        firm,
        world.zone_a,
        world.staff_a,
        "pending",
    )
    assert staff.get(f"/enterprises/objections/{objection.pk}/evidence/").content == b"%PDF-1.4 evidence"
    assert (
        world.client_for(world.staff_b).get(f"/enterprises/objections/{objection.pk}/evidence/").status_code
        == 404
    )

    coord.post(f"/enterprises/runs/{run.pk}/finalise/")
    run.refresh_from_db()
    assert run.status == "publicised"  # refused: an objection is pending
    decide = f"/enterprises/objections/{objection.pk}/decide/"
    prefix = f"o{objection.pk}"
    assert (
        staff.post(
            decide, {f"{prefix}-upheld": "1", f"{prefix}-new_class": "A", f"{prefix}-decision": "x"}
        ).status_code
        == 403
    )
    incomplete = coord.post(decide, {f"{prefix}-upheld": "1", f"{prefix}-decision": "核实无误"})
    assert incomplete.status_code == 422
    coord.post(
        decide, {f"{prefix}-upheld": "1", f"{prefix}-new_class": "B", f"{prefix}-decision": "核实补记税收"}
    )
    objection.refresh_from_db()
    firm.refresh_from_db()
    assert (objection.status, objection.new_class, objection.decided_by) == ("upheld", "B", world.coordinator)
    assert firm.final_class == "B"

    coord.post(f"/enterprises/runs/{run.pk}/finalise/")
    run.refresh_from_db()
    assert run.status == "final"
    assert run.finalised_at is not None
    card = _text(staff.get(f"/enterprises/results/{firm.pk}/"))
    assert 'id="objection-form"' not in card
    assert "核实补记税收" in card
    late = staff.post(f"/enterprises/results/{firm.pk}/objections/", {"reason": "再议"})
    assert late.status_code == 422
    assert Objection.objects.count() == 1


def test_score_card_explains_each_indicator(world: World) -> None:
    data = mu_world(world)
    vetoed = data.result("甲事故企业")
    response = world.client_for(world.staff_a).get(f"/enterprises/results/{vetoed.pk}/")
    page = _text(response)
    assert vetoed.klass == "C"  # the best score, capped by the veto (never above C)
    assert vetoed.rank == 1
    assert "安全生产/环境/食品安全事故或节能减排任务未完成" in page
    table = page[page.index('id="indicator-table"') :]
    for name in (
        "单位用地税收",
        "单位能耗销售收入",
        "单位污染物排放销售收入",
        "研发经费投入强度",
        "全员劳动生产率",
    ):
        assert name in table
    assert 'data-chart="card-option"' in page
    option = response.context["card_chart"]
    assert option["series"][1]["data"] == [45.0, 20.0, 15.0, 15.0, 5.0]  # ratio rule: w × min(1, cap 3)
    assert world.client_for(world.staff_b).get(f"/enterprises/results/{vetoed.pk}/").status_code == 404


def test_an_objection_after_the_publicity_period_is_refused_beside_the_reason_with_the_end_date(
    world: World,
) -> None:
    data = mu_world(world)
    publicise(data.run, days=7, actor=world.coordinator, start=dt.date(2025, 3, 2))
    firm = data.result("甲企业05")
    staff = world.client_for(world.staff_a)
    card = _text(staff.get(f"/enterprises/results/{firm.pk}/"))
    assert "公示期至2025年3月9日（含当日），逾期不再受理异议" in card
    refused = staff.post(f"/enterprises/results/{firm.pk}/objections/", {"reason": "税收漏计一笔"})
    assert refused.status_code == 422
    page = _text(refused)
    reason_field = page[page.index('name="reason"') :]
    # the message sits under 异议理由, before the next field (证明材料)
    assert reason_field.index("公示期已于2025年3月9日结束，不再受理异议") < reason_field.index(
        'name="evidence"'
    )
    assert not Objection.objects.exists()


def test_a_bad_cell_in_the_next_to_last_row_of_a_long_file_is_named_and_nothing_is_written(
    world: World,
) -> None:
    # the benchmark (benchmarks/bench_imports.py) does this at 100,000 rows; here the place is the point
    rows = [
        {"year": YEAR, "uscc": uscc(1000 + i), "name": f"长表企业{i}", "industry_code": "3311", "scale": "above",
         "land_mu": 10.0, "leased": "false", "tax": 10.0, "sales": 100.0}
        for i in range(999)
    ]  # fmt: skip
    rows[-2]["tax"] = "十万"  # file row 999: the header is row 1
    response = world.client_for(world.staff_a).post(
        "/enterprises/imports/upload/", _upload("长表.csv", csv_bytes(rows), zone=world.zone_a.pk)
    )
    page = _text(response)
    assert response.status_code == 422
    table = page[page.index('id="issue-table"') :]
    table = table[: table.index("</table>")]
    assert "<td>999</td><td>评价税收(万元)</td>" in table
    assert "未导入任何数据" in page
    # every issue is in that row (the table has one header row)
    assert table.count("<td>999</td>") == table.count("<tr>") - 1
    assert (DataImport.objects.count(), Enterprise.objects.count(), EnterpriseYear.objects.count()) == (
        0,
        0,
        0,
    )
