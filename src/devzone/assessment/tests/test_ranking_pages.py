"""The run page: ranking by a category or a single indicator, and the weight sensitivity; zone refusals.

Hand-worked data: factories.CROSSING (2025 index A 60 > B 50 > C 0; 高新技术企业数 B 100 > A 20 > C 0).
"""

from __future__ import annotations

import re

from tests.personas import World, make_user

from devzone.accounts.models import Role
from devzone.assessment.actions import run_assessment
from devzone.assessment.models import AssessmentRun, ZoneResult
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import crossing_framework, crossing_values, zone_b_run


def _rows(page: str, table_id: str) -> list[str]:
    table = page[page.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip() for tr in re.split(r"<tr[^>]*>", table)[2:]
    ]


def test_ranking_by_a_single_indicator(crossed: Assessed) -> None:
    w = crossed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/?node=hte").content.decode()
    assert 'data-node="hte"' in page
    assert "按“高新技术企业数”排名" in page
    assert _rows(page, "node-ranking-table") == [
        f"1 {w.zone_b.name} 100 100.00 3 ↑ 进位 2",
        f"2 {w.zone_a.name} 20 20.00 1 ↓ 退位 1",
        f"3 {crossed.zone_c.name} 0 0.00 2 ↓ 退位 1",
    ]
    assert 'id="ranking-table"' not in page


def test_ranking_by_a_category_shows_no_raw_value(crossed: Assessed) -> None:
    w = crossed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/?node=ECO").content.decode()
    assert _rows(page, "node-ranking-table") == [
        f"1 {w.zone_a.name} 100.00 2 ↑ 进位 1",
        f"2 {crossed.zone_c.name} 0.00 3 ↑ 进位 1",
        f"2 {w.zone_b.name} 0.00 1 ↓ 退位 1",
    ]
    assert "原始值" not in page


def test_overall_and_unknown_node_show_the_full_ranking(crossed: Assessed) -> None:
    w = crossed.world
    client = w.client_for(w.coordinator)
    for url in (f"/assessment/runs/{crossed.run.pk}/", f"/assessment/runs/{crossed.run.pk}/?node=nope"):
        page = client.get(url).content.decode()
        assert 'id="ranking-table"' in page
        assert 'id="node-ranking-table"' not in page
        assert '<option value="hte">高新技术企业数</option>' in page
        assert '<option value="INDEX" selected>' in page


def test_zone_staff_see_only_their_row_of_an_indicator_ranking(crossed: Assessed) -> None:
    w = crossed.world
    page = w.client_for(w.staff_a).get(f"/assessment/runs/{crossed.run.pk}/?node=hte").content.decode()
    assert _rows(page, "node-ranking-table") == [f"2 {w.zone_a.name} 20 20.00 1 ↓ 退位 1"]
    assert w.zone_b.name not in page
    assert crossed.zone_c.name not in page


def test_another_zones_run_is_refused_whatever_the_node(crossed: Assessed) -> None:
    w = crossed.world
    run = zone_b_run(w)
    client = w.client_for(w.staff_a)
    assert client.get(f"/assessment/runs/{run.pk}/?node=gdp").status_code == 404
    assert client.get(f"/assessment/runs/{run.pk}/?node=INDEX").status_code == 404


def test_old_run_shows_uncomputed_node_rank_changes(crossed: Assessed) -> None:
    w = crossed.world
    ZoneResult.objects.filter(run=crossed.run).update(node_rank_prev={}, raw_values={})
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/?node=hte").content.decode()
    assert "未计算（此运行未存分项上年排名）" in page
    assert _rows(page, "node-ranking-table")[0].startswith(
        f"1 {w.zone_b.name} 100 100.00"
    )  # raw from snapshot


def test_run_page_shows_the_weight_sensitivity_sorted(crossed: Assessed) -> None:
    w = crossed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/").content.decode()
    assert 'data-chart="sensitivity-option"' in page
    assert "S1（一阶指数）：只让这一项权重变动时" in page
    rows = _rows(page, "sensitivity-table")
    assert [r.split(" ")[0] for r in rows] == ["权重：经济发展", "权重：科技创新"]  # ST 64/81 > 56/81
    s1, st = (float(x) for x in rows[0].split(" ")[1:3])
    assert abs(s1 - 25 / 81) < 0.03 and abs(st - 64 / 81) < 0.03
    assert "基样本 4096，共 16384 次计算" in page


def test_zone_staff_see_the_sensitivity_of_a_run_they_are_ranked_in(crossed: Assessed) -> None:
    w = crossed.world
    page = w.client_for(w.staff_a).get(f"/assessment/runs/{crossed.run.pk}/").content.decode()
    assert 'id="sensitivity-table"' in page
    assert w.zone_b.name not in page


def test_runs_without_sensitivity_show_not_computed(world: World, crossed: Assessed) -> None:
    AssessmentRun.objects.filter(pk=crossed.run.pk).update(sensitivity=None)
    page = world.client_for(world.coordinator).get(f"/assessment/runs/{crossed.run.pk}/").content.decode()
    section = page[page.index('id="sensitivity"') :]
    assert "未计算" in section[:200]
    assert 'data-chart="sensitivity-option"' not in page


def test_a_ranking_that_never_moves_explains_undefined_indices(assessed: Assessed) -> None:
    w = assessed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{assessed.run.pk}/").content.decode()
    assert "各次抽样的排名都没有变化，敏感度指数无定义。" in page
    assert _rows(page, "sensitivity-table") == ["权重：经济发展 — — — —", "权重：科技创新 — — — —"]


def test_indicator_ranking_shows_the_rank_within_the_peer_group(world: World) -> None:
    zone_c = crossing_values(world, city="南京市")  # 苏南; zones A and B are in 连云港 (苏北)
    run = run_assessment(
        crossing_framework("groups: {rank_groups: [all, region3]}\n"), year=2025, actor=world.coordinator
    )
    # 南京 lies outside 连云港's jurisdiction: the province's coordinator reads the whole ranking
    province = make_user("js_coord", Role.COORDINATOR, province="江苏省")
    page = world.client_for(province).get(f"/assessment/runs/{run.pk}/?node=hte").content.decode()
    assert "组内排名（region3）" in page
    assert _rows(page, "node-ranking-table") == [
        f"1 {world.zone_b.name} 100 100.00 3 ↑ 进位 2 1 苏北",
        f"2 {world.zone_a.name} 20 20.00 1 ↓ 退位 1 2 苏北",
        f"3 {zone_c.name} 0 0.00 2 ↓ 退位 1 1 苏南",
    ]
