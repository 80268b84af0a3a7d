"""Benchmark of the 亩均 engine (issue 7, criterion 9).

N enterprise-years (default 1,000,000; ``DEVZONE_BENCH_SCALE`` multiplies it, e.g. 0.05) are evaluated
with ``lyg-seed`` and full explanations (value, benchmark and points per indicator, veto, exemption,
classes, consecutive-year policies), materialised as a DuckDB table. Baselines in the same run:

* one hand-written DuckDB SQL query doing the same scoring on the same data (goal: engine ≤ 1.5×);
  both are timed three times, alternating, and the best time of each is compared;
* ``devzone mu run DATA.parquet --method lyg-seed --out results.parquet`` — the command a user runs, as a
  subprocess, validation included — against the hand-written query run by DuckDB in a Python subprocess
  reading the same Parquet and writing a Parquet (issue 16, criterion 2: ratio ≤ 1.5, peak ≤ 2 GB; each
  child's peak resident memory from its own ``wait4`` rusage); best of three each, alternating;
* a straightforward row-wise pandas/Python implementation on a sample of 100,000 × scale rows, its
  time scaled linearly to N (its goal, ≥ 200×, was dropped by issue 16; kept as a figure).

Peak memory is the process's maximum resident set size (``resource.getrusage``).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from devzone.enterprises.method_load import resolve
from devzone.enterprises.mu import evaluate
from devzone.enterprises.uscc import CHARSET, WEIGHTS

SEED = 20240607
FULL_N = 1_000_000
PANDAS_N = 100_000
REPEATS = 3


def _scale() -> float:
    raw = os.environ.get("DEVZONE_BENCH_SCALE", "1")
    try:
        value = float(raw)
    except ValueError as exc:
        raise SystemExit(f"DEVZONE_BENCH_SCALE must be a number in (0, 1], got {raw!r}") from exc
    if not 0 < value <= 1:
        raise SystemExit(f"DEVZONE_BENCH_SCALE must be in (0, 1], got {raw!r}")
    return value


def usccs(n: int) -> list[str]:
    """``n`` distinct valid 统一社会信用代码 (GB 32100 check character computed on whole arrays)."""
    digits = (np.arange(n)[:, None] // 10 ** np.arange(8)[::-1]) % 10
    head = np.array([9, 1, 3, 5, 0, 1, 0, 0, CHARSET.index("M")])
    values = np.hstack([np.broadcast_to(head, (n, 9)), digits])
    check = (31 - (values @ np.asarray(WEIGHTS)) % 31) % 31
    return [f"91350100M{i:08d}{CHARSET[c]}" for i, c in enumerate(check.tolist())]


def population(n: int, rng: np.random.Generator) -> pa.Table:
    """A synthetic enterprise-year table: log-normal sizes, ~60 % 规上, some gaps, vetoes and exemptions."""
    above = rng.random(n) < 0.6
    land = np.round(rng.lognormal(2.8, 0.8, n), 2) + 0.5
    tax = np.round(land * rng.lognormal(2.5, 1.0, n), 3)
    sales = np.round(tax * rng.uniform(8, 40, n), 3)

    def holes(values: np.ndarray, share: float) -> pa.Array:
        return pa.array(values, mask=rng.random(n) < share)

    industries = np.array(["3311", "2611", "4411", "1713", "3960", "2929", "3821"])
    flags = rng.random(n)
    return pa.table({
        "year": pa.array(np.full(n, 2023), pa.int64()),
        "uscc": pa.array(usccs(n)),
        "name": pa.array([f"企业{i}" for i in range(n)]),
        "zone": pa.array(np.array(["Z1", "Z2", "Z3", "Z4", "Z5"])[rng.integers(0, 5, n)]),
        "industry_code": pa.array(industries[rng.integers(0, len(industries), n)]),
        "scale": pa.array(np.where(above, "above", "below")),
        "land_mu": pa.array(land),
        "leased": pa.array(rng.random(n) < 0.1),
        "tax": pa.array(tax),
        "sales": pa.array(sales),
        "value_added": holes(np.round(sales * rng.uniform(0.15, 0.4, n), 3), 0.05),
        "energy_tce": holes(np.round(rng.uniform(1, 800, n), 3), 0.05),
        "emission_equiv": holes(np.round(rng.uniform(0.1, 6, n), 3), 0.3),
        "rd_expense": holes(np.round(sales * rng.uniform(0, 0.06, n), 3), 0.05),
        "employees": holes(rng.integers(5, 800, n), 0.05),
        "electricity_kwh": holes(np.round(rng.uniform(1e4, 5e6, n), 1), 0.05),
        "veto": pa.array(np.where(flags < 0.02, "安全生产事故", None)),
        "exempt": pa.array(np.where((flags > 0.5) & (flags < 0.53), "新建企业", None)),
    })  # fmt: skip


IND = {  # lyg-seed 规上 indicators: code → (SQL formula, weight)
    "tax_per_mu": ("tax / NULLIF(land_mu, 0)", 45),
    "sales_per_energy": ("sales / NULLIF(energy_tce, 0)", 20),
    "sales_per_emission": ("sales / NULLIF(emission_equiv, 0)", 15),
    "rd_intensity": ("rd_expense / NULLIF(sales, 0)", 15),
    "labour_productivity": ("value_added / NULLIF(CAST(employees AS DOUBLE), 0)", 5),
}


def hand_sql(source: str) -> str:
    """The lyg-seed scoring as one DuckDB query, written by hand (the baseline)."""
    values = ",\n".join(
        f"CASE WHEN seg = 'above' {'OR seg = ' + repr('below') if c == 'tax_per_mu' else ''} THEN {f} END AS {c}_value"
        for c, (f, _) in IND.items()
    )
    means = ", ".join(f"avg({c}_value) AS {c}_m" for c in IND)
    raws = ",\n".join(
        f"CASE WHEN {c}_value IS NULL OR {c}_m IS NULL OR {c}_m = 0 THEN NULL "
        f"ELSE least(greatest({c}_value / {c}_m, 0), 3) * "
        f"{'CASE WHEN v.seg = ' + repr('above') + ' THEN 45 ELSE 100 END' if c == 'tax_per_mu' else w} END AS {c}_raw"
        for c, (_, w) in IND.items()
    )
    points = ",\n".join(
        f"coalesce({c}_raw, avg({c}_raw) OVER (PARTITION BY year, seg, graded), 0) AS {c}_points"
        if c == "sales_per_emission"
        else f"CASE WHEN {c}_value IS NOT NULL OR seg = 'above' OR '{c}' = 'tax_per_mu' THEN coalesce({c}_raw, 0) END AS {c}_points"
        for c in IND
    )
    total = " + ".join(f"coalesce({c}_points, 0)" for c in IND)
    triples = ", ".join(f"{c}_value, {c}_m AS {c}_benchmark, {c}_points" for c in IND)
    return f"""
WITH base AS (
  SELECT *,
    CASE WHEN scale = 'above' THEN 'above' WHEN scale = 'below' AND land_mu >= 3 THEN 'below' END AS seg,
    coalesce(starts_with(industry_code, '44') OR starts_with(industry_code, '45')
             OR starts_with(industry_code, '46'), false) AS utility,
    coalesce(exempt IS NOT NULL AND length(trim(exempt)) > 0, false) AS protected,
    coalesce(veto IS NOT NULL AND length(trim(veto)) > 0, false) AS vetoed
  FROM {source}
), v AS (
  SELECT *, seg IS NOT NULL AND NOT utility AS graded,
{values}
  FROM base
), stats AS (
  SELECT year, seg, {means} FROM v WHERE graded GROUP BY year, seg
), p AS (
  SELECT v.*, {", ".join(f"s.{c}_m" for c in IND)},
{raws}
  FROM v LEFT JOIN stats s ON v.year = s.year AND v.seg = s.seg
), q AS (
  SELECT *,
{points}
  FROM p
), sc AS (
  SELECT *, CASE WHEN seg IS NOT NULL THEN round({total}, 4) END AS score FROM q
), r AS (
  SELECT *, rank() OVER (PARTITION BY year, seg, graded ORDER BY score DESC) AS pos,
         count(year) OVER (PARTITION BY year, seg, graded) AS n
  FROM sc
), c AS (
  SELECT *, CASE WHEN seg IS NULL THEN NULL WHEN utility THEN 'T' ELSE
    ['A', 'B', 'C', 'D'][1 + greatest(least(
        CASE WHEN pos <= floor(n * 0.2 + 0.5 + 1e-9) THEN 0 WHEN pos <= floor(n * 0.75 + 0.5 + 1e-9) THEN 1
             WHEN pos <= floor(n * 0.95 + 0.5 + 1e-9) THEN 2 ELSE 3 END,
        CASE WHEN vetoed THEN 3 WHEN protected THEN 2 ELSE 3 END),
      CASE WHEN vetoed THEN 2 ELSE 0 END)] END AS class
  FROM r
), s2 AS (
  SELECT *, CASE WHEN class IS NOT NULL THEN 1 + CASE WHEN lag(class, 1) OVER w = class AND lag(year, 1) OVER w = year - 1
    THEN 1 + CASE WHEN lag(class, 2) OVER w = class AND lag(year, 2) OVER w = year - 2 THEN 1 ELSE 0 END ELSE 0 END
    END AS years_in_class
  FROM c WINDOW w AS (PARTITION BY uscc ORDER BY year)
)
SELECT year, uscc, name, zone, industry_code, seg AS segment, score, CASE WHEN graded THEN pos END AS rank, class,
  vetoed AS veto,
  CASE WHEN seg IS NULL THEN '不在评价范围' WHEN utility THEN '电力热力燃气水供应企业 (采集数据不评级)'
       WHEN protected THEN '新建企业/上年度小升规/重大项目建设期 (不列入D类)' END AS exempt_reason,
  {triples},
  CASE WHEN vetoed THEN '安全生产/环境/食品安全事故或节能减排任务未完成' END AS veto_reason,
  CASE WHEN seg IS NOT NULL THEN 0.0 END AS adjustment_points, years_in_class,
  CASE WHEN class = 'D' THEN CASE years_in_class WHEN 1 THEN 0.05 WHEN 2 THEN 0.10 ELSE 0.15 END END
    AS policy_electricity_surcharge,
  CASE WHEN class = 'A' THEN 1.0 END AS policy_factor_priority
FROM s2
ORDER BY year, segment, rank, uscc
"""  # noqa: S608 — table and column names are constants of this file


def pandas_rowwise(df: pd.DataFrame) -> pd.DataFrame:  # noqa: C901 — the naive baseline is meant to be written out row by row
    """A straightforward row-by-row implementation of lyg-seed (the slow baseline)."""
    rows: list[dict[str, Any]] = []
    for _, r in df.iterrows():
        seg = "above" if r["scale"] == "above" else ("below" if r["land_mu"] >= 3 else None)
        utility = str(r["industry_code"])[:2] in {"44", "45", "46"}
        out = {"uscc": r["uscc"], "seg": seg, "graded": seg is not None and not utility,
               "vetoed": isinstance(r["veto"], str), "protected": isinstance(r["exempt"], str)}  # fmt: skip

        def div(a: Any, b: Any) -> float | None:
            return None if pd.isna(a) or pd.isna(b) or b == 0 else float(a) / float(b)

        vals = {"tax_per_mu": div(r["tax"], r["land_mu"])}
        if seg == "above":
            vals |= {"sales_per_energy": div(r["sales"], r["energy_tce"]),
                     "sales_per_emission": div(r["sales"], r["emission_equiv"]),
                     "rd_intensity": div(r["rd_expense"], r["sales"]),
                     "labour_productivity": div(r["value_added"], r["employees"])}  # fmt: skip
        out |= {f"{k}_value": v for k, v in vals.items()}
        rows.append(out)
    means: dict[tuple[str, str], float] = {}
    for code in IND:
        sums: dict[str, list[float]] = {}
        for o in rows:
            v = o.get(f"{code}_value")
            if o["graded"] and v is not None:
                sums.setdefault(o["seg"], []).append(v)
        means |= {(seg, code): sum(xs) / len(xs) for seg, xs in sums.items()}
    for o in rows:
        total = 0.0
        for code, (_, weight) in IND.items():
            v, m = o.get(f"{code}_value"), means.get((o["seg"], code))
            w = 100 if (code == "tax_per_mu" and o["seg"] == "below") else weight
            pts = None if v is None or not m else min(max(v / m, 0), 3) * w
            o[f"{code}_points"] = pts
            total += pts or 0.0
        o["score"] = round(total, 4)
    groups: dict[str, list[dict[str, Any]]] = {}
    for o in rows:
        if o["graded"]:
            groups.setdefault(o["seg"], []).append(o)
    for members in groups.values():
        members.sort(key=lambda o: -o["score"])
        n = len(members)
        for pos, o in enumerate(members, start=1):
            idx = (
                0
                if pos <= n * 0.2 + 0.5
                else 1
                if pos <= n * 0.75 + 0.5
                else 2
                if pos <= n * 0.95 + 0.5
                else 3
            )
            if o["protected"] and not o["vetoed"]:
                idx = min(idx, 2)
            if o["vetoed"]:
                idx = max(idx, 2)
            o["class"] = "ABCD"[idx]
    return pd.DataFrame(rows)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> list[dict[str, Any]]:
    scale = _scale()
    n = max(1000, int(FULL_N * scale))
    sample_n = max(1000, int(PANDAS_N * scale))
    rng = np.random.default_rng(SEED)
    data = population(n, rng)
    con = ibis.duckdb.connect()
    con.create_table("inp", data, overwrite=True)
    source = con.table("inp")
    method = resolve("lyg-seed")

    # best of REPEATS, alternating engine and SQL, so a busy machine hurts both alike
    engine_times, sql_times = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        con.create_table("res_engine", evaluate(source, method).results, overwrite=True)
        engine_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        con.raw_sql(f"CREATE OR REPLACE TABLE res_sql AS {hand_sql('inp')}")
        sql_times.append(time.perf_counter() - started)
    engine_s, sql_s = min(engine_times), min(sql_times)

    same = con.raw_sql(
        "SELECT count(*) FROM res_engine e JOIN res_sql s USING (uscc) "
        "WHERE e.class IS NOT DISTINCT FROM s.class AND e.rank IS NOT DISTINCT FROM s.rank"
    ).fetchone()
    agreement = (same[0] if same else 0) / n

    sample = data.slice(0, sample_n).to_pandas()
    started = time.perf_counter()
    pandas_rowwise(sample)
    pandas_s = (time.perf_counter() - started) * n / sample_n

    with tempfile.TemporaryDirectory(prefix="devzone-bench-mu-") as work:
        command = command_vs_sql(data, Path(work))
    load = os.getloadavg()[0]
    print(
        f"devzone mu run, {n} rows Parquet to Parquet: {command['command_s']:.2f} s, hand-written SQL "
        f"{command['sql_s']:.2f} s, ratio {command['command_s'] / command['sql_s']:.2f} (goal ≤ 1.5; the first run, "
        f"compiling the method, {command['command_cold_s']:.2f} s, {command['command_cold_s'] / command['sql_s']:.2f}); "
        f"peak {command['command_mb']:.0f} MB (goal ≤ 2048); load average {load:.1f}",
        file=sys.stderr,
    )

    return [
        {"name": f"mu_engine_{n}_rows", "value": engine_s, "unit": "s", "baseline": "duckdb_hand_sql",
         "baseline_value": sql_s, "ratio": engine_s / sql_s},
        {"name": f"mu_command_{n}_rows_parquet_to_parquet", "value": command["command_s"], "unit": "s",
         "baseline": "duckdb_hand_sql_subprocess_same_files", "baseline_value": command["sql_s"],
         "ratio": command["command_s"] / command["sql_s"]},
        {"name": f"mu_command_{n}_rows_first_run_compiling_the_method", "value": command["command_cold_s"],
         "unit": "s", "baseline": "duckdb_hand_sql_subprocess_same_files", "baseline_value": command["sql_s"],
         "ratio": command["command_cold_s"] / command["sql_s"]},
        {"name": "mu_command_cpu", "value": command["command_cpu_s"], "unit": "s (user + system)",
         "baseline": "duckdb_hand_sql_subprocess_cpu", "baseline_value": command["sql_cpu_s"],
         "ratio": command["command_cpu_s"] / command["sql_cpu_s"]},
        {"name": "mu_command_peak_rss", "value": command["command_mb"], "unit": "MB",
         "baseline": "duckdb_hand_sql_subprocess_peak_rss", "baseline_value": command["sql_mb"],
         "ratio": command["command_mb"] / command["sql_mb"]},
        {"name": "mu_speedup_vs_pandas_rowwise", "value": pandas_s / engine_s, "unit": "x",
         "baseline": f"pandas_rowwise_{sample_n}_rows_scaled_to_{n}", "baseline_value": pandas_s,
         "ratio": pandas_s / engine_s},
        {"name": "mu_engine_hand_sql_agreement", "value": agreement, "unit": "share of rows with equal class and rank",
         "baseline": None, "baseline_value": None, "ratio": None},
        {"name": "mu_peak_rss", "value": _peak_mb(), "unit": "MB", "baseline": None, "baseline_value": None,
         "ratio": None},
        {"name": "load_average_1min", "value": load, "unit": "runnable processes (2 cores)", "baseline": None,
         "baseline_value": None, "ratio": None},
    ]  # fmt: skip


if __name__ == "__main__":
    for figure in run():
        print(figure)


TIME = Path("/usr/bin/time")  # GNU time (Debian package ``time``)


def _timed_child(argv: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one child process.

    The peak comes from GNU time, which forks the command from its own small process: a child forked
    straight from this (large) benchmark process reports this process's size as its own peak.
    """
    report = cwd / "time.txt"
    measured = [str(TIME), "-f", "%M", "-o", str(report), *argv] if TIME.exists() else argv
    with (cwd / "child.log").open("w+b") as log:
        started = time.perf_counter()
        child = subprocess.Popen(measured, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(argv[:3])} … failed: {log.read().decode()[-3000:]}")
    peak_kb = int(report.read_text().split()[-1]) if TIME.exists() else usage.ru_maxrss
    return seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def command_vs_sql(data: pa.Table, work: Path) -> dict[str, float]:
    """``devzone mu run`` (a subprocess: validation, evaluation, Parquet out) against one hand-written DuckDB
    query reading and writing the same files in a Python subprocess; best of REPEATS each, alternating."""
    source, out, sql_out = work / "data.parquet", work / "results.parquet", work / "results_sql.parquet"
    pq.write_table(data, source)
    devzone = Path(sys.executable).with_name("devzone")
    command = [str(devzone), "mu", "run", str(source), "--method", "lyg-seed", "--out", str(out)]
    query = hand_sql(f"read_parquet('{source}')")
    copy = f"import duckdb; duckdb.sql({f'COPY ({query}) TO {str(sql_out)!r} (FORMAT parquet)'!r})"
    sql = [sys.executable, "-c", copy]
    runs: dict[str, list[tuple[float, float, float]]] = {"command": [], "sql": []}
    # a cache of compiled methods of this run alone: the first command compiles lyg-seed (as on a new
    # machine, or after a method or library change), the next ones read the kept SQL (enterprises/compiled.py)
    os.environ["DEVZONE_CACHE_DIR"] = str(work / "cache")
    for _ in range(REPEATS):
        runs["command"].append(_timed_child(command, work))
        runs["sql"].append(_timed_child(sql, work))
    written = pq.read_metadata(out).num_rows, pq.read_metadata(sql_out).num_rows
    if written[0] != written[1]:
        raise SystemExit(f"the command wrote {written[0]} rows, the SQL {written[1]}")
    return {
        "command_cold_s": runs["command"][0][0],
        "command_s": min(r[0] for r in runs["command"][1:]),
        "sql_s": min(r[0] for r in runs["sql"]),
        "command_cpu_s": min(r[1] for r in runs["command"]),
        "sql_cpu_s": min(r[1] for r in runs["sql"]),
        "command_mb": max(r[2] for r in runs["command"]),
        "sql_mb": max(r[2] for r in runs["sql"]),
    }
