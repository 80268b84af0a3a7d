"""Benchmark: the projects engine at city scale (issue 17: 100,000 projects × 15 milestones — every rate
and quota for every zone and each of ten years — in ≤ 1 s and ≥ 20× a per-project Python loop).

The engine (table assembled from columns, then rates and ≥100亿/≥50亿 counts per zone for 2015–2024) is
timed against, in the same run on the same rows:

1. a hand-written DuckDB query computing the same figures in one pass (the tables registered beforehand,
   only the query timed);
2. the per-project Python loop of ``projects/tests/oracle.py`` (what a developer writes first).

Each figure is checked equal between the three. ``DEVZONE_BENCH_SCALE`` (0, 1] shrinks the zone.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from devzone.projects.columns import EVIDENCE_CODE, EVIDENCE_KINDS, NEVER, SOURCES, Columns
from devzone.projects.groups import group
from devzone.projects.method_load import resolve
from devzone.projects.pipeline import assemble
from devzone.projects.quotas import tier_counts
from devzone.projects.rates import RATES, rates
from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import EVIDENCE, STAGES
from devzone.projects.tests.oracle import loop_rates, loop_tier_counts

SEED = 20261202
FULL_N = 100_000
PER_PROJECT = 15
ZONES = 30
UNITS = 40
YEARS = tuple(range(2015, 2025))
REPEATS = 3
EPOCH = date(1970, 1, 1)
KINDS = np.array(["新建", "增资扩产", "技改", "二期", "迁建"], dtype=object)


def _scale() -> float:
    raw = os.environ.get("DEVZONE_BENCH_SCALE", "1")
    value = float(raw)
    if not 0 < value <= 1:
        raise SystemExit(f"DEVZONE_BENCH_SCALE must be in (0, 1], got {raw!r}")
    return value


def population(n: int, rng: np.random.Generator) -> Columns:
    """``n`` projects signed 2015–2024 (log-normal sizes), each with ``PER_PROJECT`` milestone rows
    (stages 4–10 with resubmissions, log-normal delays, 10 % unverified, 3 % verified by the lead unit)."""
    signed = rng.integers((date(2015, 1, 1) - EPOCH).days, (date(2024, 12, 31) - EPOCH).days, n)
    contract = rng.random(n) < 0.9
    lead = rng.integers(0, UNITS, n)
    m = n * PER_PROJECT
    m_project = np.repeat(np.arange(n), PER_PROJECT)
    m_stage = rng.integers(4, 11, m)
    delay = (rng.lognormal(4.5, 0.8, m) * (m_stage - 3)).astype(np.int64)
    m_reached = signed[m_project] + delay
    m_counted = m_reached + rng.integers(0, 45, m)
    kinds_by_stage = {s: [EVIDENCE_CODE[k] for k in EVIDENCE[STAGES[s]]] for s in range(4, 11)}
    m_evidence = np.empty(m, dtype=np.intp)
    for s, codes in kinds_by_stage.items():
        rows = m_stage == s
        m_evidence[rows] = rng.choice(codes, int(rows.sum()))
    verifier = (lead[m_project] + rng.integers(1, UNITS, m)) % UNITS
    verifier = np.where(rng.random(m) < 0.03, lead[m_project], verifier)
    verifier = np.where(rng.random(m) < 0.10, -1, verifier)
    order = rng.permutation(m)  # rows arrive in any order
    f_project = np.repeat(np.arange(n), 2)
    x_project = np.repeat(np.arange(n), 3)
    never = np.full(n, NEVER, dtype=np.int64)
    return Columns(
        code=np.array([f"X{k}" for k in range(n)], dtype=object),
        zone=np.array([f"开发区{k:02d}" for k in rng.integers(0, ZONES, n)], dtype=object),
        units=tuple(f"单位{k:02d}" for k in range(UNITS)),
        lead_unit=lead.astype(np.intp),
        channel=np.full(n, "其他", dtype=object),
        event_name=np.full(n, "", dtype=object),
        kind=KINDS[rng.choice(5, n, p=[0.8, 0.1, 0.04, 0.03, 0.03])],
        contract=contract,
        signed=signed.astype(np.int64),
        total_wan=np.round(rng.lognormal(11.0, 1.3, n), 2),
        in_zone=rng.random(n) < 0.95,
        terminated=np.where(rng.random(n) < 0.08, signed + rng.integers(30, 900, n), NEVER),
        fake=rng.random(n) < 0.01,
        delivered=never,
        land_paid=never,
        land_price_wan=np.full(n, np.nan),
        planned_start=never,
        deadline_start=never,
        deadline_finish=never,
        deadline_review=never,
        review_applied=never,
        m_project=m_project[order].astype(np.intp),
        m_stage=m_stage[order].astype(np.intp),
        m_reached=m_reached[order],
        m_counted_from=m_counted[order],
        m_evidence=m_evidence[order],
        m_verifier=verifier[order].astype(np.intp),
        m_value=np.where(m_stage == 9, rng.uniform(0.5, 1.2, m), np.nan)[order],
        funds_project=f_project.astype(np.intp),
        funds_day=signed[f_project] + rng.integers(0, 800, 2 * n),
        funds_wan=np.round(rng.uniform(0, 5e4, 2 * n), 2),
        funds_evidence=np.full(2 * n, EVIDENCE_CODE["银行进账单"], dtype=np.intp),
        fai_project=x_project.astype(np.intp),
        fai_day=signed[x_project] + rng.integers(0, 800, 3 * n),
        fai_wan=np.round(rng.uniform(0, 3e4, 3 * n), 2),
        fai_source=np.zeros(3 * n, dtype=np.intp),
        plan_project=np.empty(0, dtype=np.intp),
        plan_year=np.empty(0, dtype=np.intp),
        plan_wan=np.empty(0),
    )


def engine(cols: Columns) -> dict[tuple[str, int], dict[str, float]]:
    """Every rate and the two tier counts, per zone and year (the figure a board shows)."""
    method = resolve("lyg-seed")
    table = assemble(cols, method)
    groups = group(table, ["zone"])
    out: dict[tuple[str, int], dict[str, float]] = {}
    for year in YEARS:
        r = rates(table, method, year=year, groups=groups)
        c = tier_counts(table, method, year=year, tier_set="lyg", groups=groups, with_codes=False)
        for g, (zone,) in enumerate(groups.keys):
            row = {rate: _share(r.numerator[rate][g], r.denominator[rate][g]) for rate in RATES}
            row |= {tier: float(c.counts[tier][g]) for tier in ("ge100", "ge50")}
            out[zone, year] = row
    return out


def _share(a: float, b: float) -> float:
    return float(a) / float(b) if b else float("nan")


HAND_SQL = """
WITH ms AS (
  SELECT m.project, m.stage, m.counted_from
  FROM m JOIN p ON m.project = p.row
  WHERE p.contract AND m.evidence > 0 AND m.verifier >= 0 AND m.verifier <> p.lead_unit
    AND (m.stage <> 6 OR m.evidence = {ledger}) AND (m.stage <> 9 OR m.value >= 1.0)
), reach AS (
  SELECT project,
         min(counted_from) FILTER (WHERE stage >= 4) AS r4, min(counted_from) FILTER (WHERE stage >= 5) AS r5,
         min(counted_from) FILTER (WHERE stage >= 6) AS r6, min(counted_from) FILTER (WHERE stage >= 8) AS r8,
         min(counted_from) FILTER (WHERE stage >= 9) AS r9
  FROM ms GROUP BY project
), c AS (
  SELECT p.row AS project, p.zone, p.total, p.in_zone, p.terminated, p.fake, p.kind, y,
         datediff('day', DATE '1970-01-01', make_date(y, 12, 31)) AS as_of, r4, r5, r6, r8, r9
  FROM (SELECT *, year(DATE '1970-01-01' + signed::INTEGER) AS y FROM p WHERE contract) p
  LEFT JOIN reach r ON r.project = p.row
  WHERE y BETWEEN {first} AND {last}
), fu AS (
  SELECT c.project, sum(f.wan) AS arrived FROM f JOIN c ON f.project = c.project
  WHERE f.evidence IN ({funds_ok}) AND f.day <= c.as_of GROUP BY c.project
), fa AS (
  SELECT c.project, sum(x.wan) AS invested FROM x JOIN c ON x.project = c.project
  WHERE x.source = 0 AND x.day <= c.as_of GROUP BY c.project
)
SELECT zone, y, count(*) AS n,
  count(*) FILTER (WHERE terminated > as_of AND (r4 <= as_of OR coalesce(arrived, 0) > 0)) AS perf,
  count(*) FILTER (WHERE r5 <= as_of AND in_zone) AS landed,
  count(*) FILTER (WHERE r6 <= as_of) AS started,
  count(*) FILTER (WHERE r8 <= as_of) AS producing,
  count(*) FILTER (WHERE r9 <= as_of) AS capacity,
  sum(coalesce(arrived, 0)) AS arrived, sum(total) AS total, sum(coalesce(invested, 0)) AS invested,
  count(*) FILTER (WHERE terminated > as_of AND NOT fake AND kind NOT IN ('二期', '迁建') AND r6 <= as_of
                   AND total >= 1000000) AS ge100,
  count(*) FILTER (WHERE terminated > as_of AND NOT fake AND kind NOT IN ('二期', '迁建') AND r6 <= as_of
                   AND total >= 500000) AS ge50
FROM c LEFT JOIN fu USING (project) LEFT JOIN fa USING (project)
GROUP BY zone, y
"""


def hand_sql(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int], dict[str, float]]:
    query = HAND_SQL.format(
        ledger=EVIDENCE_CODE["入库"],
        first=YEARS[0],
        last=YEARS[-1],
        funds_ok=", ".join(str(EVIDENCE_CODE[k]) for k in ("银行进账单", "验资报告")),
    )
    out = {}
    for (
        zone,
        y,
        n,
        perf,
        landed,
        started,
        producing,
        capacity,
        arrived,
        total,
        invested,
        g100,
        g50,
    ) in con.sql(query).fetchall():
        out[zone, y] = {
            "履约率": perf / n, "入园率": landed / n, "开工率": started / n, "投产率": producing / n,
            "达产率": capacity / n, "资金到位率": _share(arrived, total), "固投转化率": _share(invested, arrived),
            "ge100": float(g100), "ge50": float(g50),
        }  # fmt: skip
    return out


def register(con: duckdb.DuckDBPyConnection, cols: Columns) -> None:
    n = len(cols.code)
    con.register("p", pd.DataFrame({
        "row": np.arange(n), "zone": cols.zone.astype(str), "lead_unit": cols.lead_unit, "contract": cols.contract,
        "signed": np.where(cols.contract, cols.signed, 0), "total": cols.total_wan, "in_zone": cols.in_zone,
        "terminated": cols.terminated, "fake": cols.fake, "kind": cols.kind.astype(str),
    }))  # fmt: skip
    con.register("m", pd.DataFrame({
        "project": cols.m_project, "stage": cols.m_stage, "counted_from": cols.m_counted_from,
        "evidence": cols.m_evidence, "verifier": cols.m_verifier, "value": cols.m_value,
    }))  # fmt: skip
    con.register("f", pd.DataFrame({"project": cols.funds_project, "day": cols.funds_day, "wan": cols.funds_wan,
                                    "evidence": cols.funds_evidence}))  # fmt: skip
    con.register("x", pd.DataFrame({"project": cols.fai_project, "day": cols.fai_day, "wan": cols.fai_wan,
                                    "source": cols.fai_source}))  # fmt: skip


def records(cols: Columns) -> tuple[list[Project], list[Milestone], list[Funds], list[Fai]]:
    """The same rows as record dataclasses (for the loop baseline; not timed)."""

    def d(n: int) -> date | None:
        return None if n >= NEVER else EPOCH + timedelta(days=int(n))

    units = cols.units
    projects = [
        Project(code=str(cols.code[k]), zone=str(cols.zone[k]), lead_unit=units[cols.lead_unit[k]],
                agreement="正式合同" if cols.contract[k] else "框架协议", signed_on=d(cols.signed[k]),
                total_wan=float(cols.total_wan[k]), kind=str(cols.kind[k]), in_zone=bool(cols.in_zone[k]),
                terminated_on=d(cols.terminated[k]), fake=bool(cols.fake[k]))
        for k in range(len(cols.code))
    ]  # fmt: skip
    code = cols.code
    milestones = [
        Milestone(project=str(code[p]), stage=STAGES[s], reached_on=EPOCH + timedelta(days=int(r)),
                  evidence=EVIDENCE_KINDS[e], evidence_on=EPOCH + timedelta(days=int(c)),
                  verified_by=units[v] if v >= 0 else None, value=None if np.isnan(val) else float(val))
        for p, s, r, c, e, v, val in zip(cols.m_project.tolist(), cols.m_stage.tolist(), cols.m_reached.tolist(),
                                         cols.m_counted_from.tolist(), cols.m_evidence.tolist(),
                                         cols.m_verifier.tolist(), cols.m_value.tolist(), strict=True)
    ]  # fmt: skip
    funds = [
        Funds(project=str(code[p]), arrived_on=EPOCH + timedelta(days=int(t)), amount_wan=w,
              evidence=EVIDENCE_KINDS[e])
        for p, t, w, e in zip(cols.funds_project.tolist(), cols.funds_day.tolist(), cols.funds_wan.tolist(),
                              cols.funds_evidence.tolist(), strict=True)
    ]  # fmt: skip
    fai = [
        Fai(project=str(code[p]), month=EPOCH + timedelta(days=int(t)), amount_wan=w, source=SOURCES[s])
        for p, t, w, s in zip(cols.fai_project.tolist(), cols.fai_day.tolist(), cols.fai_wan.tolist(),
                              cols.fai_source.tolist(), strict=True)
    ]  # fmt: skip
    return projects, milestones, funds, fai


def loop(
    rows: tuple[list[Project], list[Milestone], list[Funds], list[Fai]],
) -> dict[tuple[str, int], dict[str, float]]:
    method = resolve("lyg-seed")
    projects, milestones, funds, fai = rows
    out: dict[tuple[str, int], dict[str, float]] = {}
    for year in YEARS:
        counts = loop_tier_counts(projects, milestones, method, year, "lyg")
        for zone, values in loop_rates(projects, milestones, funds, fai, method=method, year=year).items():
            row = {k: float("nan") if v is None else v for k, v in values.items()}
            row |= {tier: float(counts.get((zone, tier), 0)) for tier in ("ge100", "ge50")}
            out[zone, year] = row
    return out


def _same(a: dict[tuple[str, int], dict[str, float]], b: dict[tuple[str, int], dict[str, float]]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(np.isclose(a[k][f], b[k][f], rtol=1e-9, equal_nan=True) for k in a for f in a[k])


def _timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def _figure(name: str, value: float, unit: str, baseline: str, base: float) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "baseline_value": base,
            "ratio": base / value}  # fmt: skip


def run() -> list[dict[str, Any]]:
    n = max(1000, int(FULL_N * _scale()))
    cols = population(n, np.random.default_rng(SEED))
    con = duckdb.connect()
    register(con, cols)
    # best of REPEATS, alternating engine and SQL, so a busy machine hurts both alike
    engine_times, sql_times = [], []
    for _ in range(REPEATS):
        fast, t_engine = _timed(lambda: engine(cols))
        sql, t_sql = _timed(lambda: hand_sql(con))
        engine_times.append(t_engine)
        sql_times.append(t_sql)
    assert _same(fast, sql), "engine and hand-written SQL disagree"
    rows = records(cols)
    slow, t_loop = _timed(lambda: loop(rows))
    assert _same(fast, slow), "engine and per-project loop disagree"
    t_engine, t_sql = min(engine_times), min(sql_times)
    load = os.getloadavg()[0]
    print(
        f"projects engine, {n:,} projects × {PER_PROJECT} milestones, {len(YEARS)} years × {ZONES} zones: "
        f"{t_engine:.3f} s (runs {', '.join(f'{t:.3f}' for t in engine_times)}); hand-written DuckDB SQL "
        f"{t_sql:.3f} s (runs {', '.join(f'{t:.3f}' for t in sql_times)}), engine / SQL = {t_engine / t_sql:.2f}; "
        f"per-project loop {t_loop:.1f} s, loop / engine = {t_loop / t_engine:.1f}×; load average {load:.1f}",
        file=sys.stderr,
    )
    return [
        _figure(f"projects rates + quotas, {n:,} projects × {PER_PROJECT} milestones, 10 years", t_engine, "s",
                "hand-written DuckDB query, same figures", t_sql),
        _figure(f"projects rates + quotas, {n:,} projects (vs loop)", t_engine, "s",
                "per-project Python loop (tests/oracle.py)", t_loop),
    ]  # fmt: skip


if __name__ == "__main__":
    for figure in run():
        print(figure)
