"""Year-end counts as array operations: the same rules as :mod:`devzone.pools.counts`, without a query.

For the counts page and the target board, which ask for every zone × kind × year at once, the records
and memberships are small enough to hold as arrays: firms × kinds × years booleans (who holds a
title at each year end) and firms × years zone codes (where each firm is). The flows then are
comparisons of neighbouring year columns and the counts one ``bincount``. A firm is in one zone at a
date (overlapping memberships are refused by the import). :mod:`devzone.pools.counts` states the rules;
a test checks both give the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from devzone.pools.counts import FLOWS

_EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True, kw_only=True)
class YearEnd:
    """The drill-down list and the counts, as Arrow tables."""

    flows: pa.Table
    counts: pa.Table


def _days(column: pa.ChunkedArray, missing: int) -> np.ndarray:
    values = pc.cast(column, pa.date32()).combine_chunks()
    days = pc.fill_null(pc.cast(values, pa.int32()), missing)
    return np.asarray(days.to_numpy(zero_copy_only=False), dtype=np.int64)


def _ints(column: pa.ChunkedArray, missing: int) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.cast(column, pa.int64()), missing).to_numpy(zero_copy_only=False))


def _codes(*columns: pa.ChunkedArray) -> tuple[list[np.ndarray], pa.Array]:
    """Integer codes over the union of values of ``columns``, and the values."""
    whole = pa.chunked_array([c for col in columns for c in col.chunks], pa.string())
    values = pc.unique(whole)
    return [np.asarray(pc.index_in(col, values).to_numpy(zero_copy_only=False)) for col in columns], values


def _year_end(span: np.ndarray) -> np.ndarray:
    return (np.array([f"{y}-12-31" for y in span], dtype="datetime64[D]") - _EPOCH).astype(np.int64)


def year_end(records: pa.Table, memberships: pa.Table, years: Iterable[int]) -> YearEnd:
    """Stock and flows per zone, kind and year (see :mod:`devzone.pools.counts` for the rules)."""
    years = sorted(set(years))
    span = np.arange(years[0] - 1, years[-1] + 1)
    ends = _year_end(span)
    (r_firm, m_firm), firms = _codes(records["uscc"], memberships["uscc"])
    (r_kind,), kinds = _codes(records["kind"])
    (m_zone,), zones = _codes(memberships["zone"])
    nf, nk, ny = len(firms), len(kinds), len(span)
    start, stop = _days(records["valid_from"], 0), _days(records["valid_to"], 10**7)
    revoked = _ints(records["revoked_effective_year"], 10**6)
    eval_year = _ints(records["eval_year"], -1)
    tsme = np.asarray(pc.equal(records["kind"], "tsme").to_numpy(zero_copy_only=False), dtype=bool)
    # records × year ends: valid at D, not revoked by then (科技型: its evaluation year only)
    by_date = (start[:, None] <= ends[None, :]) & (stop[:, None] >= ends[None, :])
    valid = np.where(tsme[:, None], eval_year[:, None] == span[None, :], by_date) & (
        revoked[:, None] > span[None, :]
    )
    # year-major layouts, so that each year's slice is contiguous
    held = np.zeros((ny, nf, nk), dtype=bool)
    r_idx, y_idx = np.nonzero(valid)
    held[y_idx, r_firm[r_idx], r_kind[r_idx]] = True
    # where each firm is at each year end (−1: in no zone)
    m_start, m_stop = _days(memberships["start"], 0), _days(memberships["end"], 10**7)
    inside = (m_start[:, None] <= ends[None, :]) & (m_stop[:, None] > ends[None, :])
    zone = np.full((ny, nf), -1, dtype=np.int64)
    m_idx, my_idx = np.nonzero(inside)
    zone[my_idx, m_firm[m_idx]] = m_zone[m_idx]
    # first year a title of the kind began, per firm × kind; years with a record issued; revocations
    began = np.full((nf, nk), 10**6, dtype=np.int64)
    issue_year = np.where(
        tsme, eval_year, (start.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970)
    )
    np.minimum.at(began, (r_firm, r_kind), issue_year)
    issued = np.zeros((ny, nf, nk), dtype=bool)
    in_span = (issue_year >= span[0]) & (issue_year <= span[-1])
    issued[issue_year[in_span] - span[0], r_firm[in_span], r_kind[in_span]] = True
    revoked_in = np.zeros((ny, nf, nk), dtype=bool)
    rv = (revoked >= span[0]) & (revoked <= span[-1])
    revoked_in[revoked[rv] - span[0], r_firm[rv], r_kind[rv]] = True

    parts: list[tuple[np.ndarray, ...]] = []
    for yi in range(1, ny):
        z_now, z_prev = zone[yi], zone[yi - 1]
        s_now = held[yi] & (z_now >= 0)[:, None]
        s_prev = held[yi - 1] & (z_prev >= 0)[:, None]
        same = (z_now == z_prev)[:, None]
        stay = s_now & s_prev & same
        enter = s_now & ~stay
        leave = s_prev & ~stay
        year = int(span[yi])
        had_before = began < year
        enter_flow = np.where(held[yi - 1], 2, np.where(~had_before, 0, 1))  # moved_in, first, re_entry
        leave_flow = np.where(held[yi], 7, np.where(revoked_in[yi], 6, 5))  # moved_out, revoked, lapsed
        stay_flow = np.where(issued[yi], 3, 4)  # renewed, continuing
        for mask, flow, zcol, in_stock in (
            (stay, stay_flow, z_now, True), (enter, enter_flow, z_now, True), (leave, leave_flow, z_prev, False),
        ):  # fmt: skip
            f, k = np.nonzero(mask)
            parts.append(
                (
                    zcol[f],
                    k,
                    np.full(len(f), year),
                    f,
                    flow[f, k],
                    np.full(len(f), in_stock),
                    issued[yi, f, k] & in_stock,
                )
            )
    cols = [np.concatenate([p[i] for p in parts]) for i in range(7)]
    z, k, y, f, flow, stocked, was_issued = cols

    def coded(codes: np.ndarray, values: pa.Array) -> pa.DictionaryArray:
        return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), values)

    flows = pa.table({
        "zone": coded(z, zones), "kind": coded(k, kinds), "year": pa.array(y, pa.int64()),
        "uscc": coded(f, firms), "in_stock": pa.array(stocked.astype(bool)),
        "flow": coded(flow, pa.array(FLOWS)), "issued": pa.array(was_issued.astype(bool)),
    })  # fmt: skip
    # counts per (zone, kind, year) with one bincount per figure
    nz, nyr = len(zones), len(years)
    cell = (z * nk + k) * nyr + (y - years[0])
    size = nz * nk * nyr
    out = {name: np.bincount(cell, weights=(flow == i), minlength=size) for i, name in enumerate(FLOWS)}
    stock = np.bincount(cell, weights=stocked, minlength=size)
    was = out["renewed"] + out["continuing"] + out["lapsed"] + out["revoked"] + out["moved_out"]
    present = np.bincount(cell, minlength=size) > 0
    zz, kk, yy = np.unravel_index(np.nonzero(present)[0], (nz, nk, nyr))
    pick = np.nonzero(present)[0]
    table = {
        "zone": pc.take(zones, pa.array(zz)), "kind": pc.take(kinds, pa.array(kk)),
        "year": pa.array(yy + years[0], pa.int64()), "stock": pa.array(stock[pick].astype(np.int64)),
    }  # fmt: skip
    table |= {name: pa.array(out[name][pick].astype(np.int64)) for name in FLOWS}
    table["issued"] = pa.array(np.bincount(cell, weights=was_issued, minlength=size)[pick].astype(np.int64))
    table["net_increase"] = pa.array((stock - was)[pick].astype(np.int64))
    return YearEnd(flows=flows, counts=pa.table(table))
