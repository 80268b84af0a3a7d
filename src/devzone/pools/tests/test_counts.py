"""The spec's zone-counting example (§5, §8) and the stock identity on generated histories."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.pools.counts import counts, distinct_firms
from devzone.pools.kinds import default_valid_to
from devzone.pools.yearend import year_end

D = dt.date
RECORD_SCHEMA = pa.schema([
    ("uscc", pa.string()), ("kind", pa.string()), ("valid_from", pa.date32()), ("valid_to", pa.date32()),
    ("revoked_effective_year", pa.int64()), ("eval_year", pa.int64()),
])  # fmt: skip
MEMBER_SCHEMA = pa.schema(
    [("uscc", pa.string()), ("zone", pa.string()), ("start", pa.date32()), ("end", pa.date32())]
)


def hte(uscc: str, issued: dt.date, revoked: int | None = None) -> dict[str, Any]:
    to = default_valid_to("hte", issued)  # 有效期三年
    return {"uscc": uscc, "kind": "hte", "valid_from": issued, "valid_to": to,
            "revoked_effective_year": revoked, "eval_year": None}  # fmt: skip


def run(records: list[dict[str, Any]], members: list[dict[str, Any]], years: list[int]) -> Any:
    con = ibis.duckdb.connect()
    r = con.create_table("records", pa.Table.from_pylist(records, RECORD_SCHEMA))
    m = con.create_table("members", pa.Table.from_pylist(members, MEMBER_SCHEMA))
    result = counts(r, m, years)
    return con, result


ZONE_Z = [
    hte("A", D(2018, 11, 30)), hte("A", D(2021, 12, 15)), hte("B", D(2019, 12, 2)), hte("C", D(2020, 10, 20)),
    hte("D", D(2020, 12, 1), revoked=2022), hte("E", D(2018, 12, 10)), hte("E", D(2022, 11, 28)),
    hte("F", D(2020, 9, 1)), hte("G", D(2021, 11, 10)), hte("H", D(2022, 12, 5)),
]  # fmt: skip
MEMBERS = [{"uscc": u, "zone": "Z", "start": D(2000, 1, 1), "end": None} for u in "ABCDEGH"] + [
    {"uscc": "F", "zone": "Y", "start": D(2000, 1, 1), "end": D(2021, 5, 20)},
    {"uscc": "F", "zone": "Z", "start": D(2021, 5, 20), "end": None},
]


def test_spec_zone_example() -> None:
    con, result = run(ZONE_Z, MEMBERS, [2020, 2021, 2022])
    rows = {
        (r["zone"], r["year"]): r for r in con.to_pyarrow(result.counts).to_pylist() if r["kind"] == "hte"
    }
    assert [rows[("Z", y)]["stock"] for y in (2020, 2021, 2022)] == [5, 6, 6]
    z21, z22 = rows[("Z", 2021)], rows[("Z", 2022)]
    assert (z21["first"], z21["moved_in"], z21["lapsed"], z21["renewed"]) == (1, 1, 1, 1)
    assert (z22["first"], z22["re_entry"], z22["lapsed"], z22["revoked"]) == (1, 1, 1, 1)
    assert (z22["issued"], z22["net_increase"]) == (2, 0)  # 当年认定 2 ≠ 净增 0
    assert rows[("Y", 2021)]["moved_out"] == 1
    flows = con.to_pyarrow(result.flows).to_pylist()
    who = {(f["year"], f["flow"]): f["uscc"] for f in flows if f["zone"] == "Z"}
    assert who[(2021, "moved_in")] == "F" and who[(2021, "lapsed")] == "E" and who[(2022, "re_entry")] == "E"
    assert who[(2022, "revoked")] == "D" and who[(2022, "lapsed")] == "B"
    # 翻番 on base 2020 (5 → 10 by 2025): 2022 stands at 6, progress (6 − 5) / (10 − 5) = 20 %.
    assert (rows[("Z", 2022)]["stock"] - 5) / (10 - 5) == 0.2
    firms = con.to_pyarrow(distinct_firms(result.flows, ["hte"])).to_pylist()
    assert {(f["zone"], f["year"]): f["enterprises"] for f in firms}[("Z", 2022)] == 6


day = st.integers(0, 365 * 12).map(lambda d: D(2012, 1, 1) + dt.timedelta(days=d))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records, members = [], []
    for i in range(draw(st.integers(1, 12))):
        uscc = f"F{i}"
        for issued in draw(st.lists(day, max_size=4)):
            revoked = draw(st.one_of(st.none(), st.integers(issued.year, issued.year + 3)))
            records.append(hte(uscc, issued, revoked))
        start = draw(day)
        moves = sorted(draw(st.lists(day, max_size=2)))
        zones = draw(st.lists(st.sampled_from("XYZ"), min_size=len(moves) + 1, max_size=len(moves) + 1))
        edges = [start, *[m for m in moves if m > start]]
        for k, begin in enumerate(edges):
            end = edges[k + 1] if k + 1 < len(edges) else None
            members.append({"uscc": uscc, "zone": zones[k], "start": begin, "end": end})
    return records, members


@settings(max_examples=5, deadline=None)
@given(histories())
def test_stock_identity(history: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    records, members = history
    years = list(range(2014, 2025))
    con, result = run(records, members, years)
    rows = {(r["zone"], r["kind"], r["year"]): r for r in con.to_pyarrow(result.counts).to_pylist()}
    for (zone, kind, year), r in rows.items():
        before = (
            rows.get((zone, kind, year - 1), {}).get("stock", 0)
            if year - 1 in years
            else r["stock"] - r["net_increase"]
        )
        inflow = r["first"] + r["re_entry"] + r["moved_in"]
        outflow = r["lapsed"] + r["revoked"] + r["moved_out"]
        assert r["stock"] == before + inflow - outflow, (zone, year, r)
        assert r["net_increase"] == r["stock"] - before
    # Every 高企 in a year-end stock was issued in Y−2..Y (three-year validity).
    for f in con.to_pyarrow(result.flows.filter(result.flows.in_stock)).to_pylist():
        issued = [
            x["valid_from"].year
            for x in records
            if x["uscc"] == f["uscc"] and x["valid_from"] <= D(f["year"], 12, 31)
        ]
        assert max(issued) >= f["year"] - 2


def _arrow(records: list[dict[str, Any]], members: list[dict[str, Any]]) -> tuple[pa.Table, pa.Table]:
    return pa.Table.from_pylist(records, RECORD_SCHEMA), pa.Table.from_pylist(members, MEMBER_SCHEMA)


def _key(rows: list[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    return {(r["zone"], r["kind"], r["year"]): r for r in rows}


def test_spec_zone_example_arrays() -> None:
    got = _key(year_end(*_arrow(ZONE_Z, MEMBERS), [2020, 2021, 2022]).counts.to_pylist())
    assert [got[("Z", "hte", y)]["stock"] for y in (2020, 2021, 2022)] == [5, 6, 6]
    assert (got[("Z", "hte", 2022)]["issued"], got[("Z", "hte", 2022)]["net_increase"]) == (2, 0)
    assert got[("Y", "hte", 2021)]["moved_out"] == 1


@settings(max_examples=200, deadline=None)
@given(histories())
def test_stock_identity_arrays(history: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    years = list(range(2014, 2025))
    rows = _key(year_end(*_arrow(*history), years).counts.to_pylist())
    for (zone, kind, year), r in rows.items():
        before = r["stock"] - r["net_increase"]
        if year - 1 in years:
            assert before == rows.get((zone, kind, year - 1), {}).get("stock", 0)
        inflow = r["first"] + r["re_entry"] + r["moved_in"]
        assert r["stock"] == before + inflow - (r["lapsed"] + r["revoked"] + r["moved_out"])


@settings(max_examples=5, deadline=None)
@given(histories())
def test_arrays_and_query_agree(history: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    years = list(range(2014, 2025))
    con, result = run(*history, years)
    by_query = _key(con.to_pyarrow(result.counts).to_pylist())
    by_arrays = _key(year_end(*_arrow(*history), years).counts.to_pylist())
    assert by_arrays == by_query
