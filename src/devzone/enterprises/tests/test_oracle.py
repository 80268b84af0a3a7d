"""The Ibis engine on DuckDB against the pure-Python oracle, for every shipped method and a test method."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from devzone.enterprises.method import Method
from devzone.enterprises.method_load import load_method, resolve
from devzone.enterprises.mu import result_columns
from devzone.enterprises.tests import oracle
from devzone.enterprises.tests.rows import evaluated, results
from devzone.enterprises.tests.strategies import population

KITCHEN = Path(__file__).parent / "methods" / "kitchen-sink.yaml"
METHODS = ["zj-huangyan-2022", "js-huaian-2024", "lyg-seed", str(KITCHEN)]


def method(name: str) -> Method:
    return load_method(Path(name)) if name.endswith(".yaml") else resolve(name)


@pytest.mark.parametrize("name", METHODS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_engine_matches_the_oracle(name: str, seed: int) -> None:
    m = method(name)
    rows = population(np.random.default_rng(seed), n=20, years=(2021, 2022, 2023))
    got = results(rows, m, year=2023)
    want = {uscc: o for (_, uscc), o in oracle.evaluate(rows, m, year=2023).items()}
    assert sorted(got) == sorted(want)
    for uscc, g in got.items():
        w = want[uscc]
        for col in result_columns(m):
            if col in {"name", "zone", "industry_code"}:
                continue
            expected = w.get(col)
            if isinstance(expected, float) and col != "score":
                assert g[col] == pytest.approx(expected, rel=1e-9, abs=1e-9), (uscc, col)
            elif col == "score" and expected is not None:
                assert g[col] == pytest.approx(expected, abs=1.01 * 10**-m.score_decimals), (uscc, col)
            else:
                assert g[col] == expected, (uscc, col)


def test_the_population_exercises_the_rules() -> None:
    rows = population(np.random.default_rng(1), n=20, years=(2021, 2022, 2023))
    out = oracle.evaluate(rows, method(str(KITCHEN)), year=2023).values()
    assert {o["class"] for o in out} >= {"A", "B", "C", "T"}
    assert any(o["veto"] for o in out)
    assert any(o["policy_surcharge"] == 0.2 for o in out)


@pytest.mark.parametrize("name", ["lyg-seed", "zj-huangyan-2022", "js-huaian-2024"])
def test_the_compiled_sql_the_tests_run_gives_what_the_expression_gives(name: str) -> None:
    # rows.results runs the method's SQL compiled once; it must be the Ibis expression's own answer
    m = method(name)
    rows = population(np.random.default_rng(3), n=20, years=(2021, 2022, 2023))
    by_sql = results(rows, m, year=2023)
    by_expression = {r["uscc"]: r for r in evaluated(rows, m, year=2023)}
    assert by_sql == by_expression
