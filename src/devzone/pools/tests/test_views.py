"""The pools pages: pre-screen a zone, put a proposed firm into the 后备库 with a reason, certify it, count it."""

from __future__ import annotations

import io
import re

import openpyxl
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import target
from devzone.pools.actions.members import builtin_pool, enter_pool
from devzone.pools.actions.observations import SOURCE
from devzone.pools.models import PoolMember, PoolState, Qualification, SupplementYear
from devzone.pools.tests.factories import seed_examples, zone_b_pools


def test_screen_enter_certify_and_the_count_follows(world: World) -> None:
    firms = seed_examples(world.zone_a)
    doubling = target(world.zone_a, code="high_tech_enterprises", kind="multiple", value=2.0, unit="倍",
                      base_period="2024", deadline="2027", text="高新技术企业数量实现翻番")  # fmt: skip
    client = world.client_for(world.staff_a)
    page = client.get(f"/pools/zones/{world.zone_a.pk}/screen/?kind=hte&year=2024")
    assert page.status_code == 200
    html = page.content.decode()
    # E4: exactly 2亿 of sales is the 4 % band, so R&D is 230 万元 short
    assert "才达到门槛" in html and "230" in html
    assert "门槛 4%" in html
    proposed = re.findall(r'name="enterprise" value="(\d+)"', html)
    assert proposed, "a candidate or near miss is proposed with an entry form"
    firm_id = int(proposed[0])
    done = client.post(
        f"/pools/zones/{world.zone_a.pk}/enter/", {"kind": "hte", "enterprise": firm_id, "reason": ""}
    )
    assert not PoolMember.objects.exists()  # a reason is required
    done = client.post(
        f"/pools/zones/{world.zone_a.pk}/enter/",
        {"kind": "hte", "enterprise": firm_id, "reason": "研发投入接近门槛"},
    )
    member = PoolMember.objects.get()
    assert (member.pool.name, member.reason, member.state) == (
        "高企后备库",
        "研发投入接近门槛",
        PoolState.POOLED,
    )
    assert done.status_code == 302 and done["Location"] == f"/pools/pools/{member.pool_id}/"
    assert AuditEntry.objects.filter(model="pools.PoolMember", zone=world.zone_a).exists()
    pool_page = client.get(f"/pools/pools/{member.pool_id}/").content.decode()
    assert "研发投入接近门槛" in pool_page and "已入库" in pool_page
    client.post(f"/pools/members/{member.pk}/move/", {"state": "applied"})
    refused = client.post(f"/pools/members/{member.pk}/move/", {"state": "certified"})  # no certificate given
    assert refused.status_code == 302 and not Qualification.objects.exists()
    client.post(
        f"/pools/members/{member.pk}/move/",
        {"state": "certified", "certificate_no": "GR202532000009", "issued_on": "2025-11-20"},
    )
    member.refresh_from_db()
    assert member.state == PoolState.CERTIFIED
    q = Qualification.objects.get()
    assert (q.enterprise_id, str(q.valid_to)) == (firm_id, "2028-11-19")
    counts = client.get(f"/pools/zones/{world.zone_a.pk}/counts/?year=2025").content.decode()
    assert "高新技术企业" in counts
    drill = client.get(
        f"/pools/zones/{world.zone_a.pk}/counts/?year=2025&kind=hte&flow=first"
    ).content.decode()
    name = next(f.name for f in firms.values() if f.pk == firm_id)
    assert name in drill and "首次认定" in drill
    # the count is the indicator's figure, with its source: the 翻番 target tracks itself
    figures = Observation.objects.filter(
        indicator__code="high_tech_enterprises", zone=world.zone_a, is_current=True
    )
    assert {o.period: o.value for o in figures}["2025"] == 1.0
    assert {o.source for o in figures} == {SOURCE}
    board = client.get(f"/indicators/targets/{doubling.pk}/").content.decode()
    assert SOURCE in board  # the figure is listed with where it came from
    sheet = client.get(f"/pools/pools/{member.pool_id}/members.xlsx")
    assert sheet.status_code == 200 and sheet["Content-Disposition"].startswith("attachment")


def test_an_unverified_threshold_is_marked_and_a_viewer_changes_nothing(world: World) -> None:
    seed_examples(world.zone_a)
    html = world.client_for(world.staff_a).get(
        f"/pools/zones/{world.zone_a.pk}/screen/?kind=srdi_sme&year=2024"
    )
    assert "待核实" in html.content.decode()
    viewer = world.client_for(world.viewer_a)
    page = viewer.get(f"/pools/zones/{world.zone_a.pk}/screen/?kind=hte&year=2024").content.decode()
    assert 'name="reason"' not in page
    refused = viewer.post(
        f"/pools/zones/{world.zone_a.pk}/enter/", {"kind": "hte", "enterprise": 1, "reason": "x"}
    )
    assert refused.status_code in (403, 404) and not PoolMember.objects.exists()


def test_zone_b_pages_answer_their_own_staff_and_no_one_else(world: World) -> None:
    """The URL walk proves zone A never reads zone B; this proves the pages are not simply closed to all."""
    made = zone_b_pools(world)
    own, other = world.client_for(world.staff_b), world.client_for(world.staff_a)
    pages = [
        f"/pools/zones/{world.zone_b.pk}/screen/?kind=hte&year=2024",
        f"/pools/zones/{world.zone_b.pk}/",
        f"/pools/pools/{made.pool.pk}/",
        f"/pools/zones/{world.zone_b.pk}/qualifications/",
        f"/pools/qualifications/{made.qualification.pk}/",
        f"/pools/zones/{world.zone_b.pk}/counts/?year=2025",
    ]
    for page in pages:
        answer = own.get(page)
        assert answer.status_code == 200, page
        assert ZONE_B_MARK in answer.content.decode(), page
        assert other.get(page).status_code == 404, page
    assert other.post(f"/pools/members/{made.member.pk}/move/", {"state": "preparing"}).status_code == 404
    made.member.refresh_from_db()
    assert made.member.state == PoolState.POOLED


def test_the_pool_list_keeps_formula_looking_text_as_text(world: World) -> None:
    firm = seed_examples(world.zone_a)["E1"]
    pool = builtin_pool(world.zone_a, "hte")
    enter_pool(pool=pool, enterprise=firm, reason='=HYPERLINK("http://x","点击")', actor=None, source="test")
    sheet = world.client_for(world.staff_a).get(f"/pools/pools/{pool.pk}/members.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(sheet.content)).active
    header = [c.value for c in ws[2]]
    assert header == ["企业名称", "统一社会信用代码", "状态", "入库日期", "出库日期", "入库理由"]
    reason = ws.cell(row=3, column=6)
    assert (reason.value, reason.data_type) == ('=HYPERLINK("http://x","点击")', "s")
    assert ws.cell(row=3, column=1).value == firm.name


def test_the_screen_is_recomputed_when_the_zones_data_changes(world: World) -> None:
    """The page keeps a zone's screen while its data is the same (paging through it) and never shows a
    stale one: a firm whose supplement years are taken out leaves the list on the next view."""
    firms = seed_examples(world.zone_a)
    client = world.client_for(world.staff_a)
    url = f"/pools/zones/{world.zone_a.pk}/screen/?kind=hte&year=2024"
    first = client.get(url).content.decode()
    assert firms["E4"].name in first
    assert client.get(url).content.decode().count(firms["E4"].name) == first.count(firms["E4"].name)
    SupplementYear.objects.filter(enterprise=firms["E4"]).delete()
    assert firms["E4"].name not in client.get(url).content.decode()
