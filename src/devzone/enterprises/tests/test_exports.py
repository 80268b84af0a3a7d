"""The 亩均 downloads: final/公示 list and policy list (.xlsx), the report (.docx), re-opened and read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook
from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.exports import (
    IndicatorCell,
    ListInfo,
    ResultRow,
    final_list_workbook,
    policy_list_workbook,
    policy_value,
)
from devzone.enterprises.method import Policy
from devzone.enterprises.method_load import resolve
from devzone.enterprises.report import EvalRow, LandCount, MuReport, league, run_report, segment_summaries
from devzone.enterprises.tests.test_views_world import mu_world

SURCHARGE = Policy(
    klass="D", code="electricity_surcharge", label="差别电价加价", unit="元/kWh", value=None,
    by_consecutive_years=((1, 0.05), (2, 0.10), (3, 0.15)),
)  # fmt: skip
PRIORITY = Policy(
    klass="A", code="factor_priority", label="要素优先", unit="flag", value=None, by_consecutive_years=()
)
INFO = ListInfo(
    title="2024 年度亩均效益评价", year=2024, method_id="lyg-seed", method_sha256="a" * 64, input_sha256="b" * 64,
    input_rows=3, status="已定级", class_labels={"A": "优先发展类", "C": "提升发展类", "D": "限制发展类"},
    segment_labels={"above": "规上"},
)  # fmt: skip


def _row(name: str, klass: str, final: str, **more: Any) -> ResultRow:
    return ResultRow(
        zone="甲区", uscc=f"91{name}", name=name, industry_code="3311", segment="above", score=50.0, rank=1,
        klass=klass, final_class=final, **more,
    )  # fmt: skip


def _sheet_rows(content: bytes, sheet: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True))


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# pure -----------------------------------------------------------------------------------------------


def test_policy_value_follows_the_final_class() -> None:
    d_two_years = _row("丁", "D", "D", years_in_class=2, extra={"policy_electricity_surcharge": 0.1})
    assert policy_value(SURCHARGE, d_two_years) == 0.1
    assert policy_value(SURCHARGE, _row("丙", "C", "D", years_in_class=3)) == 0.05  # moved to D by a decision
    assert policy_value(SURCHARGE, _row("戊", "D", "C", extra={"policy_electricity_surcharge": 0.05})) is None
    assert policy_value(PRIORITY, _row("甲", "A", "A", extra={"policy_factor_priority": 1.0})) == 1.0


def test_final_list_workbook_has_classes_indicators_and_run_facts() -> None:
    cell = IndicatorCell(
        code="tax_per_mu",
        name="单位用地税收",
        unit="万元/亩",
        value=30.0,
        benchmark=20.0,
        points=67.5,
        weight=45.0,
    )
    rows = [_row("甲企业", "A", "A", indicators=(cell,)), _row("乙企业", "D", "C", veto_reason="安全事故")]
    content = final_list_workbook(INFO, rows, indicators=[("tax_per_mu", "单位用地税收", "万元/亩")])
    sheet = _sheet_rows(content, "评价名单")
    assert sheet[0][-3:] == ("单位用地税收(万元/亩) 值", "单位用地税收 基准值", "单位用地税收 得分")
    assert sheet[1][:9] == (
        "甲区",
        "91甲企业",
        "甲企业",
        "3311",
        "规上",
        50,
        1,
        "A 优先发展类",
        "A 优先发展类",
    )
    assert sheet[1][-3:] == (30, 20, 67.5)
    assert sheet[2][7:10] == ("D 限制发展类", "C 提升发展类", "安全事故")
    assert sheet[2][-3:] == (None, None, None)
    info = dict(_sheet_rows(content, "说明"))
    assert info["评价办法"] == "lyg-seed"
    assert info["输入快照 sha256"] == "b" * 64
    assert info["企业数"] == 2
    assert info["C 提升发展类 企业数"] == 1


def test_policy_list_workbook_gives_each_enterprise_its_policies() -> None:
    rows = [
        _row("甲企业", "A", "A", extra={"policy_factor_priority": 1.0}),
        _row("丁企业", "D", "D", years_in_class=3, extra={"policy_electricity_surcharge": 0.15}),
    ]
    content = policy_list_workbook(INFO, rows, policies=[SURCHARGE, PRIORITY])
    sheet = _sheet_rows(content, "政策清单")
    assert sheet[0] == (
        "开发区",
        "统一社会信用代码",
        "企业名称",
        "最终类别",
        "连续年数",
        "差别电价加价(元/kWh)",
        "要素优先",
    )
    assert sheet[1][2:] == ("甲企业", "A 优先发展类", None, None, "是")
    assert sheet[2][2:] == ("丁企业", "D 限制发展类", 3, 0.15, None)
    matrix = _sheet_rows(content, "政策矩阵")
    assert matrix[1] == (
        "D 限制发展类",
        "差别电价加价",
        "连续1年: 0.05；连续2年: 0.1；连续3年及以上: 0.15 元/kWh",
    )


def test_summaries_by_hand() -> None:
    rows = [
        EvalRow(zone="甲区", industry_code="3311", segment="above", score=90.0, final_class="A", land_mu=10.0, tax=200.0, sales=1000.0),
        EvalRow(zone="甲区", industry_code="2611", segment="above", score=30.0, final_class="D", land_mu=30.0, tax=60.0, sales=600.0),
        EvalRow(zone="乙区", industry_code="3311", segment="below", score=60.0, final_class="B", land_mu=5.0, tax=100.0, sales=200.0),
        EvalRow(zone="乙区", industry_code="4411", segment="", score=None, final_class="", land_mu=20.0, tax=0.0, sales=0.0),
    ]  # fmt: skip
    # 甲区: 260 / 40 = 6.5 万元/亩; 乙区: 100 / 25 = 4.0
    assert [(r.key, r.tax_per_mu, r.rank, r.enterprises) for r in league(rows, by="zone")] == [
        ("甲区", 6.5, 1, 2),
        ("乙区", 4.0, 2, 2),
    ]
    # C33: 300 / 15 = 20; C26: 60 / 30 = 2; D44: 0 / 20 = 0
    assert [(r.key, r.tax_per_mu) for r in league(rows, by="industry")] == [
        ("C33", 20.0),
        ("C26", 2.0),
        ("D44", 0.0),
    ]
    above, below = segment_summaries(rows, order=["above", "below"])
    assert (above.enterprises, above.score_mean, above.score_min, dict(above.counts)) == (
        2,
        60.0,
        30.0,
        {"A": 1, "D": 1},
    )
    assert (below.segment, below.score_max) == ("below", 60.0)


def test_report_docx_reads_back_in_chinese() -> None:
    rows = (
        EvalRow(zone="甲区", industry_code="3311", segment="above", score=90.0, final_class="A", land_mu=10.0, tax=200.0, sales=1000.0),
        EvalRow(zone="甲区", industry_code="3311", segment="above", score=10.0, final_class="D", land_mu=10.0, tax=20.0, sales=100.0),
    )  # fmt: skip
    report = MuReport(
        title="2024年度亩均效益综合评价报告", year=2024, method=resolve("lyg-seed"), method_sha256="c" * 64,
        input_sha256="d" * 64, input_rows=2, created_by="coord", created_at="2025-03-01 10:00", status="已定级",
        scope="全部开发区", rows=rows, land=(LandCount(rule="zombie", label="僵尸企业", enterprises=1, land_mu=8.0),),
    )  # fmt: skip
    content = run_report(report)
    text = _docx_text(content)
    for expected in ("2024年度亩均效益综合评价报告", "c" * 64, "d" * 64, "甲区", "开发区亩均税收排行", "11.00",
                     "僵尸企业", "附录 评价办法", "单位用地税收", "评价税收 ÷ 用地面积",
                     "鲁发改价格〔2022〕56号（山东省发展和改革委员会，2022年）",
                     "《昌乐县亩产效益评价政策问答》（昌乐县人民政府，2023年11月16日）",
                     "假设：规上企业五项指标权重依次为45、20、15、15、5。理由："):  # fmt: skip
        assert expected in text, expected
    for developer_text in (
        "tax / land_mu",
        "ASSUMED",
        "spec",
        "§",
        "greekporn",
        "seeds/",
        "City X",
        "previous_year",
    ):
        assert developer_text not in text, developer_text
    assert len(Document(io.BytesIO(content)).inline_shapes) == 2  # distribution and league charts


# downloads -------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_final_list_download_has_the_users_rows(world: World) -> None:
    data = mu_world(world)
    response = world.client_for(world.staff_a).get(f"/enterprises/runs/{data.run.pk}/final-list.xlsx")
    assert (
        unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])
        == f"亩均效益评价结果-2024年-{data.run.pk}.xlsx"
    )
    sheet = _sheet_rows(response.content, "评价名单")
    assert len(sheet) == 25  # header + zone A's 24 enterprises
    assert {r[0] for r in sheet[1:]} == {world.zone_a.name}
    assert ZONE_B_MARK not in str(sheet)
    by_name = {r[2]: r for r in sheet[1:]}
    assert by_name["甲供电公司"][8] == "T 不评级"
    assert by_name["甲事故企业"][9] == "安全生产/环境/食品安全事故或节能减排任务未完成"
    everyone = _sheet_rows(
        world.client_for(world.coordinator).get(f"/enterprises/runs/{data.run.pk}/final-list.xlsx").content,
        "评价名单",
    )
    assert len(everyone) == 30


def test_policy_list_download_gives_the_d_class_its_surcharge(world: World) -> None:
    data = mu_world(world)
    lowest = data.result("甲企业01")
    assert (
        lowest.klass == "D"
    )  # lowest on every indicator of 26 graded 规上 firms: 26 − round(0.95 × 26) = 1 in D
    response = world.client_for(world.staff_a).get(f"/enterprises/runs/{data.run.pk}/policy-list.xlsx")
    sheet = _sheet_rows(response.content, "政策清单")
    by_name = {r[2]: r for r in sheet[1:]}
    assert sheet[0][5] == "差别电价加价(元/kWh)"
    assert by_name["甲企业01"][3:6] == ("D 限制发展类", 1, 0.05)
    assert by_name["甲企业10"][5] is None


def test_report_download_is_scoped_to_the_users_zone(world: World) -> None:
    data = mu_world(world)
    response = world.client_for(world.staff_a).get(f"/enterprises/runs/{data.run.pk}/report.docx")
    assert unquote(response["Content-Disposition"].split("filename*=utf-8''")[1]) == (
        f"亩均效益综合评价报告-2024年-{data.run.pk}.docx"
    )
    text = _docx_text(response.content)
    assert "2024年度亩均效益综合评价报告" in text
    assert world.zone_a.name in text
    assert ZONE_B_MARK not in text
    assert data.run.input_sha256 in text
    assert "僵尸企业(无税收、无销售、无用电)" in text
    full = _docx_text(
        world.client_for(world.coordinator).get(f"/enterprises/runs/{data.run.pk}/report.docx").content
    )
    assert ZONE_B_MARK in full
