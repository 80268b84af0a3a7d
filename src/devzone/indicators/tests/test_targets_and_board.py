"""Targets from a parsed plan and by hand, the review step, the boards with hand-worked figures, exports."""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import load_workbook
from tests.personas import World, make_user

from devzone.accounts.models import Role, User
from devzone.audit.models import AuditEntry
from devzone.indicators.actions import sync_catalogue, targets_from_plan
from devzone.indicators.models import Coverage, Indicator, Review, Target
from devzone.indicators.tests.factories import catalogue, figure, target
from devzone.plans.parse import parse_text, to_json

GOALS = (
    "连云港市开发区高质量发展行动方案\n"
    "一、发展目标\n"
    "“十四五”末,市开发区地区生产总值突破800亿元,全市开发区地区生产总值力争达到3500亿元;"
    "一般公共预算收入、高新技术企业数量实现翻番。"
    "各开发区在省级层面开发区综合考评中每年至少进1位。\n"
)


def test_targets_from_a_parsed_plan_link_by_name_and_leave_the_rest_for_review(world: World) -> None:
    catalogue()
    parsed = to_json(parse_text(GOALS, source="goals.txt"))
    world.zone_a.short_name = "市开发区"
    world.zone_a.save()
    result = targets_from_plan(parsed, zone=None, city="连云港市", actor=world.coordinator, source="test")
    linked = {(t.indicator.code, t.kind, t.value, t.coverage, t.zone_id) for t in result.linked}
    assert ("gdp", "level", 800.0, Coverage.ZONE, world.zone_a.pk) in linked
    assert ("gdp", "level", 3500.0, Coverage.ZONES, None) in linked
    assert ("public_budget_revenue", "multiple", 2.0, Coverage.ZONES, None) in linked
    assert ("high_tech_enterprises", "multiple", 2.0, Coverage.ZONES, None) in linked
    assert [(t.kind, t.review, t.indicator_id) for t in result.unmatched] == [
        ("rank_change", Review.UNMATCHED, None)
    ]
    assert result.unmatched[0].candidates[0]["code"] == "assessment_rank"
    assert all(t.plan_target is not None and t.deadline == "2025" for t in result.linked)
    again = targets_from_plan(parsed, zone=None, city="连云港市", actor=world.coordinator, source="test")
    assert (len(again.linked), len(again.unmatched), again.existing) == (0, 0, len(result.linked) + 1)


def test_the_review_page_links_an_unmatched_target(world: World) -> None:
    catalogue()
    parsed = to_json(parse_text(GOALS, source="goals.txt"))
    unmatched = targets_from_plan(parsed, zone=world.zone_a, city="", actor=None, source="test").unmatched[0]
    staff_b = world.client_for(world.staff_b)
    assert "综合考评中" not in staff_b.get("/indicators/targets/review/").content.decode()
    assert (
        staff_b.post(
            f"/indicators/targets/{unmatched.pk}/link/", {"indicator": "assessment_rank"}
        ).status_code
        == 404
    )
    client = world.client_for(world.staff_a)
    assert "综合考评中" in client.get("/indicators/targets/review/").content.decode()
    response = client.post(f"/indicators/targets/{unmatched.pk}/link/", {"indicator": "assessment_rank"})
    assert response.status_code == 302
    unmatched.refresh_from_db()
    assert (unmatched.indicator.code, unmatched.review) == ("assessment_rank", Review.REVIEWED)


def test_plan_targets_through_the_api_and_the_page(world: World) -> None:
    catalogue()
    parsed = to_json(parse_text(GOALS, source="goals.txt"))
    client = world.client_for(world.staff_a)
    body = {"plan": parsed, "zone_id": world.zone_a.pk}
    response = client.post("/api/targets/from-plan", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert len(response.json()["unmatched"]) == 1
    city = client.post(
        "/api/targets/from-plan",
        data=json.dumps({"plan": parsed, "city": "连云港市"}),
        content_type="application/json",
    )
    assert city.status_code == 403
    bad = client.post(
        "/api/targets/from-plan",
        data=json.dumps({"plan": {"schema": "x"}, "zone_id": world.zone_a.pk}),
        content_type="application/json",
    )
    assert bad.status_code == 422

    def page_upload(user: User) -> Any:
        return world.client_for(user).post(
            "/indicators/targets/from-plan/",
            {
                "plan_file": io.BytesIO(json.dumps(parsed).encode()),
                "city": "遵义市",
                "base_period": "2020",
                "default_deadline": "2025",
            },
        )

    refused = page_upload(world.coordinator)  # 遵义 lies outside 连云港's jurisdiction
    assert "“遵义市”不在您的管辖范围内" in refused.content.decode()
    assert not Target.objects.filter(city="遵义市").exists()
    from_page = page_upload(make_user("zy_coord", Role.COORDINATOR, province="贵州省", city="遵义市"))
    assert from_page.status_code == 302
    assert Target.objects.filter(city="遵义市", zone=None).count() == 5


def hand_form(world: World, **changes: object) -> dict[str, object]:
    catalogue()
    form: dict[str, object] = {
        "zone": world.zone_a.pk,
        "city": "连云港市",
        "coverage": "zone",
        "indicator": Indicator.objects.get(code="gdp").pk,
        "kind": "level",
        "op": ">=",
        "value": "800",
        "unit": "亿元",
        "base_period": "2020",
        "base_value": "",
        "deadline": "2025",
        "sentence": "地区生产总值突破800亿元",
    }
    form.update(changes)
    return form


def test_a_target_entered_by_hand(world: World) -> None:
    client = world.client_for(world.staff_a)
    response = client.post("/indicators/targets/new/", hand_form(world))
    assert response.status_code == 302
    created = Target.objects.get()
    assert (created.zone, created.value, created.review, created.created_by) == (
        world.zone_a,
        800.0,
        Review.HAND,
        world.staff_a,
    )
    assert AuditEntry.objects.filter(model="indicators.Target", action="create").count() == 1


def test_hand_entry_refusals_change_nothing(world: World) -> None:
    client = world.client_for(world.staff_a)
    catalogue()
    before = (Target.objects.count(), AuditEntry.objects.count())
    assert client.post("/indicators/targets/new/", hand_form(world, zone=world.zone_b.pk)).status_code == 200
    assert (
        client.post("/indicators/targets/new/", hand_form(world, zone="", coverage="zones")).status_code
        == 200
    )
    page = client.post("/indicators/targets/new/", hand_form(world, unit="亿美元")).content.decode()
    assert "不能换算" in page
    page = client.post("/indicators/targets/new/", hand_form(world, deadline="2019")).content.decode()
    assert "期限须晚于基期" in page
    assert (Target.objects.count(), AuditEntry.objects.count()) == before


def test_zone_board_with_a_hand_worked_target(world: World) -> None:
    row = target(world.zone_a, value=800.0, text="甲区地区生产总值突破800亿元")
    figure(world.zone_a, "2020", 400.0)
    figure(world.zone_a, "2021", 480.0)
    figure(world.zone_a, "2022", 560.0)
    client = world.client_for(world.staff_a)
    # base 400 (2020), goal 800 (2025): by 2022 the path is at 400 + 400·2/5 = 560, completion 560/800 = 70 %
    board = client.get("/api/board", {"zone_id": world.zone_a.pk}).json()
    assert board["as_of"] == 2022.0
    assert board["rows"] == [
        {
            "target_id": row.pk,
            "status": "on track",
            "unit": "亿元",
            "as_of": 2022.0,
            "current": 560.0,
            "goal": 800.0,
            "expected": 560.0,
            "completion_percent": 70.0,
            "forecast": board["rows"][0]["forecast"],
            "problem": "",
            "pending": [],
        }
    ]
    assert board["rows"][0]["forecast"] > 800
    page = client.get(f"/indicators/zones/{world.zone_a.pk}/").content.decode()
    assert 'data-status="on track"' in page
    assert "70.0%" in page
    as_of_2021 = client.get("/api/board", {"zone_id": world.zone_a.pk, "asof": "2021"}).json()["rows"][0]
    assert (as_of_2021["expected"], as_of_2021["current"]) == (480.0, 480.0)
    detail = client.get(f"/indicators/targets/{row.pk}/").content.decode()
    assert 'data-chart="chart-bullet"' in detail
    assert 'data-chart="chart-progress"' in detail


def test_a_share_of_the_city_total(world: World) -> None:
    catalogue()
    share = target(
        None,
        code="gdp_city_share",
        kind="share",
        value=50.0,
        unit="%",
        base_value=40.0,
        coverage=Coverage.ZONES,
        text="占全市比重达到50%以上",
    )
    figure(world.zone_a, "2022", 300.0)
    figure(world.zone_b, "2022", 200.0)
    figure(None, "2022", 1100.0)
    # (300 + 200) / 1100 = 45.45 %; the path from 40 % to 50 % is at 44 % in 2022
    row = world.client_for(world.coordinator).get("/api/board").json()["rows"]
    found = next(r for r in row if r["target_id"] == share.pk)
    assert (found["unit"], found["current"], found["expected"], found["status"]) == (
        "%",
        45.4545,
        44.0,
        "on track",
    )


def test_city_board_is_scoped_and_exports(world: World) -> None:
    target(world.zone_a, text="甲区目标")
    target(world.zone_b, text="乙区目标ZB")
    figure(world.zone_a, "2020", 400.0)
    figure(world.zone_a, "2021", 500.0)
    coordinator = world.client_for(world.coordinator).get("/indicators/").content.decode()
    assert world.zone_a.name in coordinator
    assert world.zone_b.name in coordinator
    staff = world.client_for(world.staff_a).get("/indicators/").content.decode()
    assert world.zone_a.name in staff
    assert world.zone_b.name not in staff
    response = world.client_for(world.staff_a).get("/indicators/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["目标进度"]
    assert sheet["A2"].value == "开发区/范围"
    assert [sheet.cell(3, c).value for c in (1, 2, 5, 6, 10)] == [
        world.zone_a.name,
        "地区生产总值",
        800,
        "亿元",
        500,
    ]
    assert sheet.max_row == 3
    zone_export = world.client_for(world.coordinator).get(f"/indicators/zones/{world.zone_b.pk}/export.xlsx")
    assert load_workbook(io.BytesIO(zone_export.content))["目标进度"]["A3"].value == world.zone_b.name


def test_series_page_shows_visible_zones_only(world: World) -> None:
    figure(world.zone_a, "2021", 500.0)
    figure(world.zone_b, "2021", 300.0)
    page = world.client_for(world.staff_a).get("/indicators/series/", {"indicator": "gdp"}).content.decode()
    assert 'data-chart="chart-series"' in page
    assert json.dumps(world.zone_a.short_name)[1:-1] in page  # inside the chart's JSON
    assert json.dumps(world.zone_b.short_name)[1:-1] not in page


def test_catalogue_sync_is_audited_and_for_coordinators(world: World) -> None:
    counts = sync_catalogue(actor=None, source="test")
    assert (counts.created, counts.updated) == (75, 0)
    gdp = Indicator.objects.get(code="gdp")
    gdp.definition = "改过"
    gdp.save()
    assert world.client_for(world.staff_a).post("/indicators/catalogue/sync/").status_code == 403
    assert world.client_for(world.coordinator).post("/indicators/catalogue/sync/").status_code == 302
    gdp.refresh_from_db()
    assert gdp.definition != "改过"
    assert AuditEntry.objects.filter(model="indicators.Indicator", action="update").count() == 1
    api = world.client_for(world.coordinator).get("/api/indicators", {"q": "地区生产总值"}).json()
    assert api[0]["code"] == "gdp"
