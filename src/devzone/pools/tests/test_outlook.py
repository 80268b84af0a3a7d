"""The expiry calendar, the funnel, the candidates list and the 梯度培育 report of a zone."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
from django.utils import timezone
from tests.personas import World

from devzone.enterprises.models import Enterprise
from devzone.pools.actions.members import builtin_pool
from devzone.pools.models import PoolMember, PoolState, Qualification, SupplementYear
from devzone.pools.tests.factories import seed_examples, uscc


def _title(world: World, n: int, kind: str, valid_to: dt.date) -> Qualification:
    firm = Enterprise.objects.create(
        zone=world.zone_a, uscc=uscc(700 + n), name=f"到期企业{n}", industry_code="3311"
    )
    return Qualification.objects.create(
        zone=world.zone_a, enterprise=firm, kind=kind, certificate_no=f"C{n}", issued_on=valid_to.replace(year=valid_to.year - 3),
        valid_from=valid_to.replace(year=valid_to.year - 3), valid_to=valid_to,
    )  # fmt: skip


def test_the_calendar_lists_what_falls_due_in_6_and_12_months(world: World) -> None:
    today = timezone.localdate()
    _title(world, 1, "hte", today + dt.timedelta(days=40))
    _title(world, 2, "srdi_sme", today + dt.timedelta(days=250))
    _title(world, 3, "hte", today + dt.timedelta(days=500))  # beyond a year
    _title(world, 4, "hte", today - dt.timedelta(days=3))  # already ended
    client = world.client_for(world.staff_a)
    page = client.get(f"/pools/zones/{world.zone_a.pk}/expiry/").content.decode()
    assert "到期企业1" in page and "到期企业2" in page
    assert "到期企业3" not in page and "到期企业4" not in page
    assert "重新认定" in page and "复核" in page
    assert "12 个月内到期 <strong>2</strong> 项" in page and "6 个月内 <strong>1</strong> 项" in page
    six = client.get(f"/pools/zones/{world.zone_a.pk}/expiry/?months=6").content.decode()
    assert "到期企业1" in six and "到期企业2" not in six
    # zone B's staff see none of it
    assert world.client_for(world.staff_b).get(f"/pools/zones/{world.zone_a.pk}/expiry/").status_code == 404


def test_the_funnel_counts_members_per_state(world: World) -> None:
    firms = seed_examples(world.zone_a)
    pool = builtin_pool(world.zone_a, "hte")
    for k, (code, state) in enumerate([("E1", "pooled"), ("E2", "pooled"), ("E3", "applied")]):
        PoolMember.objects.create(zone=world.zone_a, pool=pool, enterprise=firms[code], state=state, reason="理由",
                                  entered_on=dt.date(2025, 1, 1 + k))  # fmt: skip
    page = world.client_for(world.staff_a).get(f"/pools/zones/{world.zone_a.pk}/").content.decode()
    assert "培育漏斗" in page
    funnel = page[page.index("培育漏斗") :]
    pooled = funnel.index(str(PoolState.POOLED.label))
    assert "width: 100%" in funnel[pooled : pooled + 300] and ">2</span>" in funnel[pooled : pooled + 300]
    applied = funnel.index(str(PoolState.APPLIED.label))
    assert "width: 50%" in funnel[applied : applied + 300]


def test_the_candidates_list_and_the_report(world: World) -> None:
    firms = seed_examples(world.zone_a)
    e4 = SupplementYear.objects.get(enterprise=firms["E4"], year=2024)
    e4.values = {**e4.values, "rd_expense": 750.0, "rd_domestic": 750.0}  # a near miss: 180 万元 short
    e4.save()
    client = world.client_for(world.staff_a)
    sheet = client.get(f"/pools/zones/{world.zone_a.pk}/candidates.xlsx?kind=hte&year=2024")
    assert sheet.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(sheet.content)).active
    header = [c.value for c in ws[2]]
    assert header[:3] == ["企业名称", "统一社会信用代码", "结论"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    near = [r for r in rows if r[0] == firms["E4"].name]
    assert near and near[0][2] == "接近达标" and near[0][3] <= near[0][4]
    rd = next(r for r in near if r[6] == "不符合")
    assert isinstance(rd[7], float) and rd[9] == "%" and "180" in rd[10]  # a number, its unit, the gap
    assert firms["E3"].name not in {r[0] for r in rows}  # not eligible: not a candidate
    _title(world, 9, "hte", timezone.localdate() + dt.timedelta(days=60))
    report = client.get(f"/pools/zones/{world.zone_a.pk}/report.docx?year={timezone.localdate().year}")
    assert report.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "梯度培育工作报告" in text and "有效期内高新技术企业 1 家" in text
    assert "12 个月内到期的资质共 1 项" in text and "接近达标 1 家" in text


def test_a_typed_figure_is_shown_beside_the_count_with_the_difference(world: World) -> None:
    from devzone.indicators.tests.factories import figure  # noqa: PLC0415

    year = timezone.localdate().year - 1
    figure(world.zone_a, str(year), 5.0, code="high_tech_enterprises", source="区统计报表")
    _title(world, 1, "hte", dt.date(year + 1, 6, 30))  # counted at the end of ``year``
    page = world.client_for(world.staff_a).get(f"/pools/zones/{world.zone_a.pk}/counts/?year={year}")
    text = page.content.decode()
    table = text[text.index('id="typed-table"') :]
    assert "高新技术企业数量" in table and "区统计报表" in table
    assert ">5</td>" in table and ">1</td>" in table and ">-4</td>" in table
