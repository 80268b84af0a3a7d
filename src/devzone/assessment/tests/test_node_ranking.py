"""Rankings by one node (overall, a category, a single indicator): pure helpers, hand-worked rows."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.assessment.node_ranking import (
    SHEET_TITLE_MAX,
    category_sheets,
    leaves_under,
    node_choices,
    node_ranking,
    sheet_title,
)

NODES: list[dict[str, Any]] = [
    {"code": "INDEX", "name": "综合", "parent": None, "depth": 0, "leaf": False},
    {"code": "ECO", "name": "经济发展", "parent": "INDEX", "depth": 1, "leaf": False},
    {"code": "gdp", "name": "地区生产总值", "parent": "ECO", "depth": 2, "leaf": True},
    {"code": "INNO", "name": "科技创新", "parent": "INDEX", "depth": 1, "leaf": False},
    {"code": "hte", "name": "高新技术企业数", "parent": "INNO", "depth": 2, "leaf": True},
]


def _row(
    zone: str, ranks: dict[str, int | None], prev: dict[str, int | None], raw: dict[str, float]
) -> dict[str, Any]:
    return {
        "zone": zone, "rank_prev": prev.get("INDEX"), "node_scores": {c: 10.0 * (4 - (r or 4)) for c, r in ranks.items()},
        "node_ranks": {"all": ranks}, "node_rank_prev": {"all": prev}, "raw_values": raw,
    }  # fmt: skip


# The crossing case of factories.CROSSING: 2025 ranks and 2024 ranks per node.
ROWS = [
    _row("甲", {"INDEX": 1, "ECO": 1, "gdp": 1, "INNO": 2, "hte": 2},
         {"INDEX": 1, "ECO": 2, "gdp": 2, "INNO": 1, "hte": 1}, {"gdp": 100.0, "hte": 20.0}),
    _row("乙", {"INDEX": 2, "ECO": 2, "gdp": 2, "INNO": 1, "hte": 1},
         {"INDEX": 2, "ECO": 1, "gdp": 1, "INNO": 3, "hte": 3}, {"gdp": 0.0, "hte": 100.0}),
    _row("丙", {"INDEX": 3, "ECO": 2, "gdp": 2, "INNO": 3, "hte": 3},
         {"INDEX": 3, "ECO": 3, "gdp": 3, "INNO": 2, "hte": 2}, {"gdp": 0.0, "hte": 0.0}),
]  # fmt: skip


def test_choices_list_the_index_then_categories_then_indicators() -> None:
    assert node_choices(NODES, root="INDEX") == [
        ("INDEX", "综合", "index"), ("ECO", "经济发展", "category"), ("INNO", "科技创新", "category"),
        ("gdp", "地区生产总值", "indicator"), ("hte", "高新技术企业数", "indicator"),
    ]  # fmt: skip


def test_single_indicator_ranking_with_raw_values_and_changes() -> None:
    lines = node_ranking(ROWS, node="hte", root="INDEX", group="all")
    assert [(x.zone, x.rank, x.raw, x.rank_prev, x.rank_change) for x in lines] == [
        ("乙", 1, 100.0, 3, 2), ("甲", 2, 20.0, 1, -1), ("丙", 3, 0.0, 2, -1),
    ]  # fmt: skip


def test_tied_zones_share_the_best_rank_and_sort_by_name() -> None:
    lines = node_ranking(ROWS, node="gdp", root="INDEX", group="all")
    assert [(x.zone, x.rank, x.rank_change) for x in lines] == [("甲", 1, 1), ("丙", 2, 1), ("乙", 2, -1)]


def test_old_runs_know_last_years_rank_of_the_index_only() -> None:
    old = [{**r, "node_rank_prev": {}} for r in ROWS]
    index = node_ranking(old, node="INDEX", root="INDEX", group="all")
    assert [(x.zone, x.rank_prev, x.prev_known) for x in index] == [
        ("甲", 1, True),
        ("乙", 2, True),
        ("丙", 3, True),
    ]
    eco = node_ranking(old, node="ECO", root="INDEX", group="all")
    assert [(x.rank_prev, x.rank_change, x.prev_known) for x in eco] == [(None, None, False)] * 3


def test_leaves_under_a_category_and_an_indicator() -> None:
    assert [n["code"] for n in leaves_under(NODES, "INDEX")] == ["gdp", "hte"]
    assert [n["code"] for n in leaves_under(NODES, "INNO")] == ["hte"]
    assert [n["code"] for n in leaves_under(NODES, "gdp")] == ["gdp"]


def test_one_sheet_per_category_with_indicator_values_and_ranks() -> None:
    sheets = category_sheets(
        ROWS, nodes=NODES, categories=["ECO", "INNO"], root="INDEX", group="all", taken={"排名"}
    )
    assert [s.title for s in sheets] == ["经济发展", "科技创新"]
    inno = sheets[1]
    assert inno.headers == (
        "排名",
        "开发区",
        "得分",
        "上年排名",
        "位次变化",
        "高新技术企业数原始值",
        "高新技术企业数排名",
    )
    assert inno.rows == (
        (1, "乙", 30.0, 3, 2, 100.0, 1), (2, "甲", 20.0, 1, -1, 20.0, 2), (3, "丙", 10.0, 2, -1, 0.0, 3),
    )  # fmt: skip


@settings(max_examples=100)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=12))
def test_sheet_titles_are_valid_and_unique(names: list[str]) -> None:
    taken: set[str] = set()
    titles = [sheet_title(n, taken=taken) for n in names]
    assert len(set(titles)) == len(titles)
    assert all(0 < len(t) <= SHEET_TITLE_MAX and not set(t) & set("[]:*?/\\") for t in titles)


@settings(max_examples=100)
@given(
    st.lists(st.tuples(st.integers(1, 6) | st.none(), st.integers(1, 6) | st.none()), min_size=1, max_size=8)
)
def test_rank_change_is_last_year_minus_this_year(pairs: list[tuple[int | None, int | None]]) -> None:
    rows = [
        {"zone": f"z{i}", "node_ranks": {"all": {"x": r}}, "node_rank_prev": {"all": {"x": p}}, "node_scores": {},
         "raw_values": {}}
        for i, (r, p) in enumerate(pairs)
    ]  # fmt: skip
    lines = node_ranking(rows, node="x", root="I", group="all")
    ranks = [x.rank for x in lines]
    assert ranks == sorted(ranks, key=lambda r: (r is None, r or 0))
    for x in lines:
        assert x.rank_change == (None if x.rank is None or x.rank_prev is None else x.rank_prev - x.rank)
