"""Invariants of the pre-screen on generated firms (issue 18, criterion 2).

* The array engine and the per-enterprise loop give the same verdicts and the same status of every row.
* Raising R&D (in every year, all of it domestic) never turns a met criterion unmet.
* The result does not depend on the order of the input rows.
"""

from __future__ import annotations

from typing import Any

import ibis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devzone.pools.screen import screen, screen_py
from devzone.pools.sets_load import all_shipped
from devzone.pools.tests.examples import arrow_table
from devzone.pools.tests.strategies import population

SETS = all_shipped()
FAST = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def engine(rows: list[dict[str, Any]]) -> tuple[dict[Any, str], dict[Any, str]]:
    con = ibis.duckdb.connect()
    table = con.create_table("firms", arrow_table(rows))
    result = screen(table, SETS)
    verdicts = {(v["uscc"], v["year"], v["set_id"]): v["verdict"] for v in result.verdicts.to_pylist()}
    statuses = {(r["uscc"], r["year"], r["set_id"], r["id"]): r["status"] for r in result.rows().to_pylist()}
    return verdicts, statuses


@FAST
@given(population())
def test_engine_equals_the_loop(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    verdicts, statuses = engine(rows)
    loop_verdicts, loop_rows = screen_py(rows, SETS)
    assert verdicts == {(v["uscc"], v["year"], v["set_id"]): v["verdict"] for v in loop_verdicts}
    assert statuses == {(r["uscc"], r["year"], r["set_id"], r["id"]): r["status"] for r in loop_rows}


def _raise_rd(rows: list[dict[str, Any]], factor: float) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        r = dict(row)
        if r["rd_expense"] is not None:
            r["rd_expense"] = r["rd_domestic"] = round(r["rd_expense"] * factor + 10.0, 1)
        out.append(r)
    return out


@FAST
@given(population(), st.floats(1.0, 3.0, allow_nan=False))
def test_raising_rd_never_turns_met_into_unmet(rows: list[dict[str, Any]], factor: float) -> None:
    if not rows:
        return
    _, before = engine(rows)
    _, after = engine(_raise_rd(rows, factor))
    for key, status in before.items():
        if status == "met":
            assert after[key] != "unmet", key


@FAST
@given(population(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(rows: list[dict[str, Any]], rnd: Any) -> None:
    if not rows:
        return
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert engine(rows) == engine(shuffled)
