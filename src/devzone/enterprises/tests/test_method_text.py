"""Every family a method file may name has its Chinese wording for the report's appendix."""

from __future__ import annotations

import pytest

from devzone.enterprises import method as m
from devzone.enterprises.method_load import resolve, shipped_methods
from devzone.enterprises.method_text import (
    DIRECTION_TEXT,
    MISSING_TEXT,
    benchmark_text,
    effect_text,
    formula_text,
    score_text,
)


def test_every_family_has_a_wording() -> None:
    assert tuple(MISSING_TEXT) == m.MISSING_RULES
    assert tuple(DIRECTION_TEXT) == m.DIRECTIONS
    benchmarks = {"fixed": {"value": 2.5}, "percentile": {"q": 0.5}}
    assert all(benchmark_text(m.Benchmark(kind=k, **benchmarks.get(k, {}))) for k in m.BENCHMARK_KINDS)
    assert all(score_text(m.ScoreRule(kind=k), d) for k in m.SCORE_RULE_KINDS for d in m.DIRECTIONS)
    method = resolve("lyg-seed")
    for effect in m.VETO_EFFECTS + m.EXEMPTION_EFFECTS:
        klass = "C" if effect in {"not_above", "not_below"} else None
        rule = m.ClassRule(code="x", label="情形", when="present(veto)", effect=effect, **{"class": klass})
        assert effect_text(rule, method)


@pytest.mark.parametrize("method_id", shipped_methods())
def test_every_shipped_formula_reads_in_chinese(method_id: str) -> None:
    for segment in resolve(method_id).segments:
        for indicator in segment.indicators:
            text = formula_text(indicator)
            assert not any(c.isascii() and c.isalpha() for c in text), text
