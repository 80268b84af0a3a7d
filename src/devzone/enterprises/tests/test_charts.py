"""ECharts options of the 亩均 pages, checked against values worked by hand."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.enterprises.charts import (
    CardBar,
    benchmark_points,
    class_distribution_chart,
    histogram_bins,
    league_chart,
    score_card_chart,
    score_histogram_chart,
    value_ratio_chart,
)
from devzone.enterprises.method import ScoreRule


def test_benchmark_points_of_the_ratio_rule() -> None:
    # at x = B the ratio is 1: w × clamp(1, floor, cap)
    assert benchmark_points(ScoreRule(kind="ratio", cap=3.0, floor=0.0, base=0.0), weight=20.0) == 20.0
    assert benchmark_points(ScoreRule(kind="ratio", cap=None, floor=1.2, base=0.0), weight=10.0) == 12.0
    assert benchmark_points(ScoreRule(kind="ratio", cap=0.5, floor=None, base=0.0), weight=10.0) == 5.0
    assert benchmark_points(ScoreRule(kind="percentile", cap=None, floor=None, base=0.0), weight=10.0) is None


def test_score_card_pairs_points_with_benchmark_points() -> None:
    option = score_card_chart(
        [
            CardBar(name="单位用地税收", points=67.5, benchmark_points=45.0),
            CardBar(name="研发经费投入强度", points=0.0, benchmark_points=15.0),
        ]
    )
    assert option["xAxis"]["data"] == ["单位用地税收", "研发经费投入强度"]
    assert [s["data"] for s in option["series"]] == [[67.5, 0.0], [45.0, 15.0]]
    assert value_ratio_chart(["单位用地税收"], [1.5])["series"][0]["data"] == [150.0]


def test_class_distribution_stacks_classes_per_zone() -> None:
    option = class_distribution_chart(
        ["甲区", "乙区"], ["A", "B", "C", "D"], {("甲区", "A"): 4, ("甲区", "D"): 1, ("乙区", "B"): 3}
    )
    assert option["yAxis"]["data"] == ["甲区", "乙区"]
    assert [(s["name"], s["stack"], s["data"]) for s in option["series"]] == [
        ("A", "class", [4, 0]),
        ("B", "class", [0, 3]),
        ("C", "class", [0, 0]),
        ("D", "class", [1, 0]),
    ]


def test_histogram_bins_by_hand() -> None:
    assert histogram_bins([55.0, 61.0, 69.9, 70.0, 98.0], width=10.0) == [
        (50.0, 1),
        (60.0, 2),
        (70.0, 1),
        (80.0, 0),
        (90.0, 1),
    ]
    option = score_histogram_chart({"规上": [55.0, 61.0], "规下": [75.0]})
    assert option["xAxis"]["data"] == ["50–60", "60–70", "70–80"]
    assert [s["data"] for s in option["series"]] == [[1, 1, 0], [0, 0, 1]]


@settings(max_examples=100)
@given(
    st.lists(st.floats(min_value=-500, max_value=500, allow_nan=False), max_size=40),
    st.sampled_from([1.0, 5.0, 10.0]),
)
def test_histogram_counts_every_score_once(scores: list[float], width: float) -> None:
    bins = histogram_bins(scores, width=width)
    assert sum(n for _e, n in bins) == len(scores)
    assert all(b - a == width for (a, _n), (b, _m) in pairwise(bins))


def test_league_chart_keeps_order_and_rounds() -> None:
    option = league_chart(["C33", "C26"], [20.004, 2.0], label="亩均税收(万元/亩)")
    assert option["yAxis"]["data"] == ["C33", "C26"]
    assert option["yAxis"]["inverse"] is True
    assert option["series"][0]["data"] == [20.0, 2.0]
