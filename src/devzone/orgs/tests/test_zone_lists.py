"""The start pages of projects, land and pools list a province's zones a page at a time, searched by name or city."""

from __future__ import annotations

import pytest
from tests.personas import FarWorld, World

from devzone.orgs.models import Zone
from devzone.orgs.zone_lists import PER_PAGE

START_PAGES = ("/projects/", "/land/", "/pools/")


@pytest.fixture
def many(world: World) -> list[Zone]:
    """Sixty more zones of 苏州市, so 江苏省's coordinator reads more than one page of them."""
    return Zone.objects.bulk_create(
        Zone(name=f"苏州第{i:02d}工业园区", short_name=f"苏{i:02d}", level="provincial", kind="park",
             region_code="320500", province="江苏省", city="苏州市")
        for i in range(60)
    )  # fmt: skip


@pytest.mark.parametrize("start", START_PAGES)
def test_a_province_reads_its_zones_a_page_at_a_time_and_finds_one_by_name_or_city(
    world: World, far_world: FarWorld, many: list[Zone], start: str
) -> None:
    client = world.client_for(far_world.province_js)
    first = client.get(start).content.decode()
    readable = Zone.objects.filter(province="江苏省").count()
    pages = -(-readable // PER_PAGE)
    assert f"第 1 / {pages} 页（共 {readable} 个开发区）" in first and 'id="zone-search"' in first
    assert first.count("苏州第") <= PER_PAGE
    last = client.get(start, {"page": str(pages)}).content.decode()
    assert f"第 {pages} / {pages} 页" in last
    one = client.get(start, {"q": "第07"}).content.decode()
    assert "苏州第07工业园区" in one and "苏州第08工业园区" not in one and "共 1 个开发区" not in one
    by_city = client.get(start, {"q": "苏州"}).content.decode()
    assert world.zone_a.name not in by_city and "苏州第00工业园区" in by_city
    none = client.get(start, {"q": "<b>无此园区</b>"}).content.decode()
    assert "没有名称或城市含“&lt;b&gt;无此园区&lt;/b&gt;”的开发区" in none


@pytest.mark.parametrize("start", START_PAGES)
def test_a_city_user_never_finds_another_citys_zone(world: World, many: list[Zone], start: str) -> None:
    page = world.client_for(world.coordinator).get(start, {"q": "苏州"}).content.decode()
    assert "苏州第00工业园区" not in page and "没有名称或城市含“苏州”的开发区" in page
