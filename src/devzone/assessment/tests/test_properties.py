"""Invariants that hold under every input (hypothesis)."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.assessment.data import LongTable
from devzone.assessment.framework import parse_framework
from devzone.assessment.mc import McModel, prepare, ranks_of, sample_scores
from devzone.assessment.pipeline import build_year
from devzone.assessment.ranks import rank_desc
from devzone.assessment.uncertainty import rebuild_scores

FW = parse_framework(
    "schema: devzone.framework/1\nname: p\nmissing: {rule: available_case}\n"
    "uncertainty: {perturb: all, aggregation: [arithmetic]}\ntree:\n"
    "  - code: A\n    name: A\n    weight: 2\n    children:\n"
    "      - {code: x, name: X, direction: 1, weight: 1}\n      - {code: y, name: Y, direction: -1, weight: 2}\n"
    "  - code: B\n    name: B\n    weight: 1\n    children:\n      - {code: z, name: Z, direction: 1, weight: 1}\n"
)

values = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda v: round(v, 3))
matrix = st.integers(min_value=2, max_value=8).flatmap(
    lambda n: st.lists(st.tuples(values, values, values), min_size=n, max_size=n)
)


def _table(rows: list[tuple[float, float, float]]) -> LongTable:
    return LongTable.from_rows(
        [(f"Z{i}", code, 2025, v) for i, r in enumerate(rows) for code, v in zip("xyz", r, strict=True)]
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=30))
def test_ranks_are_a_permutation_with_ties(scores: list[float]) -> None:
    s = np.array(scores)
    r = rank_desc(s)
    for i in range(len(s)):
        assert r[i] == 1 + int((s > s[i]).sum())
    assert ranks_of(s[:, np.newaxis])[:, 0].tolist() == r.tolist()


@settings(max_examples=60, deadline=None)
@given(matrix, st.integers(min_value=0, max_value=7), st.floats(min_value=0.001, max_value=100))
def test_raising_a_higher_is_better_indicator_never_lowers_the_score(
    rows: list[tuple[float, float, float]], who: int, delta: float
) -> None:
    who %= len(rows)
    before = build_year(FW, table=_table(rows), year=2025, attributes={}).score("INDEX")[who]
    raised = [(*r[:2], r[2] + delta) if i == who else r for i, r in enumerate(rows)]
    after = build_year(FW, table=_table(raised), year=2025, attributes={}).score("INDEX")[who]
    assert after >= before - 1e-9


@settings(max_examples=60, deadline=None)
@given(matrix, st.randoms(use_true_random=False))
def test_result_is_independent_of_row_order(
    rows: list[tuple[float, float, float]], rnd: random.Random
) -> None:
    t = _table(rows)
    order = list(range(len(t.zone)))
    rnd.shuffle(order)
    shuffled = LongTable(
        zone=tuple(t.zone[i] for i in order), indicator=tuple(t.indicator[i] for i in order),
        year=tuple(t.year[i] for i in order), value=tuple(t.value[i] for i in order),
    )  # fmt: skip
    a = build_year(FW, table=t, year=2025, attributes={})
    b = build_year(FW, table=shuffled, year=2025, attributes={})
    assert np.array_equal(a.scores, b.scores, equal_nan=True)
    assert t.sha256() == shuffled.sha256()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(values, st.none() | values, values), min_size=3, max_size=8),
    st.lists(st.floats(min_value=0.75, max_value=1.25), min_size=5, max_size=5),
)
def test_vectorised_path_with_gaps_equals_the_rebuild(rows: list[tuple[float, float | None, float]],
                                                      mult: list[float]) -> None:  # fmt: skip
    t = LongTable.from_rows(
        [(f"Z{i}", c, 2025, v) for i, r in enumerate(rows) for c, v in zip("xyz", r, strict=True)]
    )
    stages = build_year(FW, table=t, year=2025, attributes={})
    model: McModel = prepare(FW, stages=stages)
    fast = sample_scores(model, choice=np.array([0]), aggregation=np.array([0]), multipliers=np.array([mult]))
    slow = rebuild_scores(FW, table=t, year=2025, attributes={}, winmax=None, normalisation=None,
                          aggregation="arithmetic", multipliers=dict(zip(model.perturbed, mult, strict=True)))  # fmt: skip
    assert np.allclose(fast[:, 0], slow, rtol=0, atol=1e-9, equal_nan=True)
