"""The gap in words (issue 18: "研发费用还差 38 万元才达到 4%"), on the spec's worked firms."""

from __future__ import annotations

from typing import Any

import ibis

from devzone.pools.screen import screen
from devzone.pools.sets_load import resolve
from devzone.pools.tests.examples import ALL, arrow_table
from devzone.pools.words import gap_words

SETS = [resolve(s) for s in ("hte-2016", "tsme-2022", "srdi-2022", "lg-2026", "innov-2022")]


def _rows() -> dict[tuple[str, str, str], dict[str, Any]]:
    con = ibis.duckdb.connect()
    result = screen(con.create_table("firms", arrow_table(ALL)), SETS, year=2024)
    return {(r["uscc"], r["set_id"], r["id"]): r for r in result.rows().to_pylist()}


ROWS = _rows()
BY_ID = {s.id: s for s in SETS}


def words(firm: str, set_id: str, cid: str) -> str:
    return gap_words(BY_ID[set_id], ROWS[(firm, set_id, cid)])


def test_amounts_in_words() -> None:
    assert "研究开发费用还差 230 万元才达到门槛" in words("E4", "hte-2016", "H5")
    assert "门槛 4%" in words("E4", "hte-2016", "H5")
    assert "近似口径" in words("E4", "hte-2016", "H5")  # no 专项审计 R&D figure: the yearly R&D stands in
    assert "研究开发费用富余 42 万元" in words("E1", "hte-2016", "H5")
    assert "科技人员还差 12 人" in words("E3", "hte-2016", "H4")
    assert "超出 120 人" in words("E3", "tsme-2022", "T2")


def test_points_in_words() -> None:
    assert words("E2", "srdi-2022", "S4").startswith("得分 42–57 分，还差 3 分")
    assert words("E3", "innov-2022", "I2").startswith("得分 10 分，还差 5 分")
    assert "下一档再得 4 分" in words("E5", "tsme-2022", "S1")


def test_unverified_thresholds_are_marked() -> None:
    assert words("E1", "lg-2026", "G6a").endswith("（门槛待核实）")
    assert "待核实" not in words("E1", "tsme-2022", "T2")
