"""City totals stay true while zones report (issue 14, criterion 1).

The collapse this guards against, as a coordinator met it on the demo: one 连云港 zone uploaded four
2025 figures; the whole board's 统计截至 moved to 2025 and 全市开发区合计 was summed over that one zone
(连云港 GDP fell from 3054.63 to 812.30 亿元), so nearly every target of every city — 遵义's, whose data
had not changed, too — turned 滞后. Now a year counts in a sum only when every zone that should report
it has, and each target keeps its own 统计截至.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from devzone.accounts.models import Role, User
from devzone.audit.models import AuditEntry
from devzone.indicators.collect import FigureConflict, YearFigure, observe_year_figures
from devzone.indicators.demo import build_indicators_demo
from devzone.indicators.locks import lock_period
from devzone.indicators.models import Coverage, Observation, PeriodLock, Target
from devzone.notices.models import Notice
from devzone.orgs.demo import build_directory
from devzone.orgs.models import Zone

SEED = 20261124
CITY = "连云港市"
EARLY_ZONE = "连云港经济技术开发区"


def board(client: Client) -> dict[int, dict[str, Any]]:
    response = client.get("/api/board")
    assert response.status_code == 200
    return {row["target_id"]: row for row in response.json()["rows"]}


def user(username: str, role: str, zones: list[Zone] | None = None) -> Client:
    """A signed-in client; a coordinator is 连云港's city bureau (its jurisdiction)."""
    place = {"province": "江苏省", "city": CITY} if role == Role.COORDINATOR else {}
    person = User.objects.create_user(username=username, password="x", role=role, **place)
    person.zones.set(zones or [])
    client = Client()
    client.force_login(person)
    return client


def report_2025(client: Client, zone: Zone, codes: list[str]) -> None:
    """The zone's figures for 2025: its 2024 figure grown by 8 %, as the zone's own JSON upload."""
    rows = []
    for code in codes:
        last = Observation.objects.get(indicator__code=code, zone=zone, period="2024", is_current=True)
        rows.append({"code": code, "unit": last.indicator.unit, "period": "2025", "value": last.value * 1.08})
    response = client.post(
        "/api/observations", {"zone_id": zone.pk, "rows": rows}, content_type="application/json"
    )
    assert response.status_code == 201, response.content.decode()


@pytest.fixture(scope="module")
def module_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The directory and the indicators demo, built once for the module inside a transaction rolled back
    at its end; each test's own writes roll back to it (a savepoint per test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_directory()
        build_indicators_demo(seed=SEED)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(module_demo: None, db: None) -> None:
    """The demo, as each test starts from it."""


def test_one_zone_reporting_early_moves_no_other_target(demo: None) -> None:
    coordinator = user("admin", Role.ADMIN)  # reads every city: 遵义 must not move either
    early = Zone.objects.get(name=EARLY_ZONE)
    staff = user("early", Role.ZONE_STAFF, [early])
    before = board(coordinator)
    codes = ["gdp", "public_budget_revenue", "foreign_trade", "high_tech_enterprises"]
    reporting = Observation.objects.filter(
        indicator__code="gdp", city=CITY, period="2024", zone__isnull=False
    )
    zones_reporting_gdp = reporting.count()
    assert zones_reporting_gdp > 1

    report_2025(staff, early, codes)
    after = board(coordinator)

    city_gdp = Target.objects.get(city=CITY, coverage=Coverage.ZONES, indicator__code="gdp", kind="level")
    assert (
        after[city_gdp.pk]["current"]
        == before[city_gdp.pk]["current"]
        == pytest.approx(sum(row.value for row in reporting))
    )
    assert after[city_gdp.pk]["as_of"] == 2024.0
    assert after[city_gdp.pk]["pending"] == [{"year": 2025, "reported": 1, "expected": zones_reporting_gdp}]

    own = set(Target.objects.filter(zone=early).values_list("pk", flat=True))
    for target_id, row in after.items():
        if target_id in own:
            continue
        was = before[target_id]
        assert (row["status"], row["current"], row["as_of"]) == (
            was["status"],
            was["current"],
            was["as_of"],
        ), Target.objects.get(pk=target_id)
    own_gdp = Target.objects.get(zone=early, indicator__code="gdp")
    assert after[own_gdp.pk]["as_of"] == 2025.0, "the zone's own target is measured on its own new figure"


def test_a_year_counts_once_every_zone_has_reported_it(demo: None) -> None:
    coordinator = user("coord", Role.COORDINATOR)
    city_gdp = Target.objects.get(city=CITY, coverage=Coverage.ZONES, indicator__code="gdp", kind="level")
    zones = list(
        Zone.objects.filter(observations__indicator__code="gdp", city=CITY).distinct().order_by("pk")
    )
    for number, zone in enumerate(zones):
        report_2025(user(f"staff{number}", Role.ZONE_STAFF, [zone]), zone, ["gdp"])
        row = board(coordinator)[city_gdp.pk]
        if number < len(zones) - 1:
            assert (row["as_of"], row["pending"][0]["reported"]) == (2024.0, number + 1)
    row = board(coordinator)[city_gdp.pk]
    total = sum(
        o.value
        for o in Observation.objects.filter(
            indicator__code="gdp", city=CITY, period="2025", zone__isnull=False
        )
    )
    assert (row["as_of"], row["pending"], row["current"]) == (2025.0, [], pytest.approx(total))


def test_the_target_page_shows_the_series_its_chart_uses(demo: None) -> None:
    coordinator = user("coord", Role.COORDINATOR)
    early = Zone.objects.get(name=EARLY_ZONE)
    report_2025(user("early", Role.ZONE_STAFF, [early]), early, ["gdp"])
    city_gdp = Target.objects.get(city=CITY, coverage=Coverage.ZONES, indicator__code="gdp", kind="level")
    page = coordinator.get(f"/indicators/targets/{city_gdp.pk}/").content.decode()
    expected = Observation.objects.filter(indicator__code="gdp", city=CITY, period="2025").count()
    assert "2025：1/" in page and "合计暂不计入" in page
    assert 'id="completeness"' in page and "否（未报齐）" in page
    # the revision table lists the zones' figures the sum is made of, the new 2025 one included
    assert page.count(early.short_name or early.name) >= 1 and expected == 1
    board_page = coordinator.get("/indicators/").content.decode()
    assert "统计截至 2024年—2025年" in board_page


def post_figure(client: Client, zone: Zone, period: str, value: float = 900.0) -> Any:
    return client.post(
        "/api/observations",
        {"zone_id": zone.pk, "rows": [{"code": "gdp", "unit": "亿元", "period": period, "value": value}]},
        content_type="application/json",
    )


def test_the_reporting_page_shows_who_reported_which_year(demo: None) -> None:
    coordinator = user("coord", Role.COORDINATOR)
    early = Zone.objects.get(name=EARLY_ZONE)
    report_2025(user("early", Role.ZONE_STAFF, [early]), early, ["gdp"])
    page = coordinator.get("/indicators/reporting/", {"city": CITY}).content.decode()
    grid = page[page.index('id="reporting-grid"') :]
    assert "2025" in grid and "2020" in grid
    assert grid.count('data-state="complete"') > 0
    # 2025: only the early zone has anything, and only part of what its targets need
    name = early.short_name or early.name
    row = grid[grid.index(name) : grid.index("</tr>", grid.index(name))]
    last_cell = row[row.rindex("<td") :]
    assert 'data-state="partial">1/' in last_cell, "2025: one of the figures the zone's targets need"
    other_rows = grid[grid.index("</tr>", grid.index(name)) :]
    assert 'data-state="missing">0/' in other_rows
    staff_page = user("other", Role.ZONE_STAFF, [early]).get("/indicators/reporting/").content.decode()
    assert staff_page.count('<th scope="row"') == 1, "zone staff see their own zone's row only"
    assert "锁定统计期" not in staff_page


def test_a_locked_year_refuses_every_write_into_it(demo: None) -> None:
    coordinator = user("coord", Role.COORDINATOR)
    early = Zone.objects.get(name=EARLY_ZONE)
    staff = user("early", Role.ZONE_STAFF, [early])
    assert staff.post("/indicators/reporting/lock/", {"city": CITY, "period": "2024"}).status_code == 403
    response = coordinator.post(
        "/indicators/reporting/lock/", {"city": CITY, "period": "2024年", "note": "已上报省厅"}
    )
    assert response.status_code == 302
    lock = PeriodLock.objects.get(city=CITY)
    assert lock.period == "2024"
    before = Observation.objects.count()
    for period in ("2024", "2024Q3", "2024-11"):
        refused = post_figure(staff, early, period)
        assert refused.status_code == 422, period
        issue = refused.json()["issues"][0]
        assert issue["code"] == "period_locked" and "已由" in issue["message"] and "解锁" in issue["message"]
    assert Observation.objects.count() == before
    other_city = Zone.objects.exclude(city=CITY).filter(observations__period="2024").first()
    assert other_city is not None
    assert post_figure(user("zy", Role.ZONE_STAFF, [other_city]), other_city, "2024", 1.0).status_code == 201

    again = coordinator.post("/indicators/reporting/lock/", {"city": CITY, "period": "2024"}, follow=True)
    assert "已经锁定" in again.content.decode()
    unreadable = coordinator.post(
        "/indicators/reporting/lock/", {"city": CITY, "period": "明年"}, follow=True
    )
    assert "无法识别" in unreadable.content.decode() and PeriodLock.objects.count() == 1

    assert coordinator.post(f"/indicators/reporting/locks/{lock.pk}/unlock/").status_code == 302
    assert post_figure(staff, early, "2024").status_code == 201
    actions = list(
        AuditEntry.objects.filter(model="indicators.PeriodLock")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_figures_collected_by_other_slices_respect_the_lock(demo: None) -> None:
    early = Zone.objects.get(name=EARLY_ZONE)
    lock_period(
        city=CITY,
        period="2025",
        actor=User.objects.create_user(username="c", role=Role.COORDINATOR, province="江苏省", city=CITY),
    )
    figure = YearFigure(zone=early, code="gdp", year=2025, value=900.0, source="亩均评价")
    with pytest.raises(FigureConflict, match="锁定"):
        observe_year_figures([figure], previous={}, actor=None, source="web")


def test_the_coordinator_reminds_the_zones_that_have_not_reported(demo: None) -> None:
    coordinator = user("coord", Role.COORDINATOR)
    early = Zone.objects.get(name=EARLY_ZONE)
    late = Zone.objects.filter(city=CITY).exclude(pk=early.pk).order_by("pk").first()
    assert late is not None
    staff_early, staff_late = user("early", Role.ZONE_STAFF, [early]), user("late", Role.ZONE_STAFF, [late])
    report_2025(staff_early, early, ["gdp"])
    assert staff_late.post("/indicators/reporting/remind/", {"city": CITY, "year": "2025"}).status_code == 403
    page = coordinator.post("/indicators/reporting/remind/", {"city": CITY, "year": "2025"}, follow=True)
    assert "已提醒" in page.content.decode()
    notice = Notice.objects.get(user__username="late", kind="data_reminder")
    assert (
        late.name in notice.text and "2025" in notice.text and notice.url.startswith("/indicators/reporting/")
    )
    assert "late" in {n.user.username for n in Notice.objects.filter(kind="data_reminder")}
    before = Notice.objects.count()
    coordinator.post("/indicators/reporting/remind/", {"city": CITY, "year": "2025"})
    assert Notice.objects.count() == before, "one reminder a day"
    assert "数据报送提醒" in staff_late.get("/notices/").content.decode()
