"""Every rule family a method can name has a Chinese name for the pages."""

from __future__ import annotations

from devzone.enterprises.labels import BENCHMARK_LABELS, DIRECTION_LABELS, SCORE_RULE_LABELS
from devzone.enterprises.method import BENCHMARK_KINDS, SCORE_RULE_KINDS
from devzone.enterprises.rules import DIRECTIONS


def test_every_rule_family_has_a_chinese_name() -> None:
    assert set(BENCHMARK_LABELS) == set(BENCHMARK_KINDS)
    assert set(SCORE_RULE_LABELS) == set(SCORE_RULE_KINDS)
    assert set(DIRECTION_LABELS) == set(DIRECTIONS)
