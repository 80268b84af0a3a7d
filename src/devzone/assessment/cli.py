"""``devzone assess``: run an assessment framework on a long data file and write the ranking."""

from __future__ import annotations

import csv
import math
import secrets
from pathlib import Path
from typing import Annotated

import duckdb
import numpy as np
import typer
from django.core.management import call_command
from openpyxl import Workbook
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from devzone.assessment.data import LongTable
from devzone.assessment.errors import AssessmentError
from devzone.assessment.framework import load_framework
from devzone.assessment.index import AssessmentResult, assess
from devzone.assessment.report import assessment_report, report_from_rows
from devzone.assessment.results import compute
from devzone.assessment.sensitivity import (
    EXPLANATION,
    NOT_COMPUTED,
    sensitivity_record,
    sensitivity_rows,
    sobol_rng,
)
from devzone.assessment.spec import Framework
from devzone.assessment.uncertainty import UncertaintyResult, run_uncertainty, sobol_sensitivity
from devzone.core.boot import bootstrap
from devzone.core.documents import save_workbook
from devzone.core.files import FileRefused, Limits, MiB, read_table

app = typer.Typer(help="Zone annual assessment (开发区综合考评): composite index, ranks, rank changes.")
console = Console(stderr=True)
REQUIRED = ("zone", "indicator", "year", "value")


@app.callback()
def main() -> None:
    """Zone annual assessment (开发区综合考评)."""


CLI_LIMITS = Limits(max_bytes=500 * MiB, max_rows=5_000_000)


def read_long(path: Path) -> tuple[LongTable, dict[str, dict[str, str]]]:
    """Read ``zone, indicator, year, value`` (+ attribute columns) from .csv or .parquet."""
    if path.suffix.lower() == ".parquet":
        rel = duckdb.sql(f"SELECT * FROM read_parquet('{path.as_posix()}')")  # noqa: S608 - local file path
        if rel is None:
            raise AssessmentError(f"{path}: cannot read parquet")
        header = list(rel.columns)
        records = [
            dict(zip(header, (None if v is None else str(v) for v in row), strict=True))
            for row in rel.fetchall()
        ]
    else:
        # the operator's own file, but read like any upload: UTF-8/BOM/GB18030, limits, row numbers
        try:
            rows_read = read_table(path.name, path.read_bytes(), limits=CLI_LIMITS).sheet().rows
        except FileRefused as exc:
            raise AssessmentError(str(exc)) from exc
        header = [str(h).strip() for h in rows_read[0]] if rows_read else []
        records = [
            dict(zip(header, [*r, *[""] * (len(header) - len(r))], strict=False)) for r in rows_read[1:]
        ]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise AssessmentError(f"{path}: missing column(s) {missing}; need {list(REQUIRED)}")
    extra = [c for c in header if c not in REQUIRED]
    rows: list[tuple[str, str, int, float | None]] = []
    attrs: dict[str, dict[str, str]] = {}
    for i, r in enumerate(records, start=2):
        try:
            year = int(float(str(r["year"])))
            raw = r["value"]
            value = None if raw in (None, "", "NA", "None") else float(str(raw))
        except ValueError as exc:
            raise AssessmentError(f"{path}: row {i}: {exc}") from exc
        rows.append((str(r["zone"]), str(r["indicator"]), year, value))
        for c in extra:
            if r.get(c) not in (None, ""):
                attrs.setdefault(str(r["zone"]), {})[c] = str(r[c])
    return LongTable.from_rows(rows, source=str(path)), attrs


def ranking_rows(result: AssessmentResult, unc: UncertaintyResult | None) -> list[dict[str, object]]:
    """One row per zone: zone, score, rank, [rank_prev, rank_change], [rank_p05/p50/p95], score_<node>."""
    cur = result.current
    nodes = cur.stages.nodes
    root_j = 0
    has_prev = len(result.history) > 1
    upos = {z: i for i, z in enumerate(unc.zones)} if unc else {}
    out: list[dict[str, object]] = []
    for k, z in enumerate(result.zones):
        row: dict[str, object] = {"zone": z, "score": float(cur.stages.scores[k, root_j]), "rank": int(cur.ranks["all"][k, 0])
                                  if "all" in cur.ranks else int(next(iter(cur.ranks.values()))[k, 0])}  # fmt: skip
        if has_prev:
            g = "all" if "all" in result.rank_prev else next(iter(result.rank_prev))
            p, d = result.rank_prev[g][k, 0], result.rank_change[g][k, 0]
            row["rank_prev"] = None if math.isnan(p) else int(p)
            row["rank_change"] = None if math.isnan(d) else int(d)
        if unc is not None:
            i = upos[z]
            row.update(rank_p05=float(unc.p05[i]), rank_p50=float(unc.median[i]), rank_p95=float(unc.p95[i]))
        for j, code in enumerate(nodes):
            v = float(cur.stages.scores[k, j])
            row[f"score_{code}"] = None if math.isnan(v) else v
        out.append(row)
    return sorted(out, key=lambda r: (int(str(r["rank"])) or 10**9, str(r["zone"])))


def print_sensitivity(record: dict[str, object] | None, *, framework: Framework | None = None,
                      names: dict[str, str] | None = None) -> None:  # fmt: skip
    """Print the Sobol indices per factor, largest total effect first (or 未计算)."""
    if record is None:
        console.print(f"weight sensitivity (Sobol): {NOT_COMPUTED}")
        return
    node_names = (
        names if names is not None else {n.code: n.name for n in (framework.nodes if framework else ())}
    )
    console.print(f"权重敏感度（Sobol）：{record['runs']} 次计算，种子 {record['seed']}（第 1 号子序列）")
    table = Table()
    for col in ("因素", "S1", "ST"):
        table.add_column(col, justify="left" if col == "因素" else "right")
    for r in sensitivity_rows(record, names=node_names):
        table.add_row(r.label, *("—" if v is None else f"{v:.3f}" for v in (r.s1, r.st)))
    console.print(table)
    console.print(EXPLANATION)


def write_rows(rows: list[dict[str, object]], out: Path) -> None:
    """Write the ranking as .csv or .xlsx."""
    header = list(rows[0]) if rows else ["zone", "score", "rank"]
    if out.suffix.lower() == ".xlsx":
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "ranks"
        ws.append(header)
        for r in rows:
            ws.append([r.get(h) for h in header])
        save_workbook(wb, out)
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


@app.command("run")
def run(  # noqa: PLR0917 - Typer maps parameters to options
    framework: Annotated[Path, typer.Option("--framework", help="framework YAML file")],
    year: Annotated[int, typer.Option("--year", help="year to assess")],
    out: Annotated[Path, typer.Option("--out", help="ranks.csv or ranks.xlsx")],
    data: Annotated[
        Path | None, typer.Option("--data", help="long data file: zone,indicator,year,value (.csv/.parquet)")
    ] = None,
    uncertainty: Annotated[int | None, typer.Option("--uncertainty", help="Monte Carlo samples")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="seed of the Monte Carlo generator")] = None,
    save: Annotated[
        bool, typer.Option("--save", help="store the run in the database (without --data)")
    ] = False,
) -> None:
    """Assess one year and write ranks (with rank changes and, on request, rank intervals).

    Without --data the database's data are read: the 考评数据 values, with missing cells filled from the
    indicators slice's annual figures (same code and zone, units agreeing); --save stores the run.
    """
    if out.suffix.lower() not in (".csv", ".xlsx", ".docx"):
        console.print(f"[red]error:[/] --out must end in .csv, .xlsx or .docx, got {out.name}")
        raise typer.Exit(code=2)
    if data is None:
        bootstrap()
        try:
            call_command(
                "devzone_assess", framework=str(framework), year=year, out=str(out), uncertainty=uncertainty or 0,
                seed=seed, save=save,
            )  # fmt: skip
        except Exception as exc:  # CommandError carries the reason for the user
            console.print(f"[red]error:[/] {exc}")
            raise typer.Exit(code=1) from exc
        return
    if save:
        console.print("[red]error:[/] --save stores runs on the database's data; leave out --data")
        raise typer.Exit(code=2)
    if out.suffix.lower() == ".docx":
        _write_docx(framework=framework, data=data, year=year, out=out, samples=uncertainty or 0, seed=seed)
        return
    try:
        fw = load_framework(framework)
        for w in fw.warnings:
            console.print(f"[yellow]warning:[/] {w}")
        table, attrs = read_long(data)
        result = assess(fw, table=table, year=year, attributes=attrs)
        unc = None
        if uncertainty:
            used_seed = seed if seed is not None else secrets.randbits(63)
            with Progress(console=console) as bar:
                task = bar.add_task("Monte Carlo", total=uncertainty)
                unc = run_uncertainty(
                    fw, table=table, year=year, attributes=attrs, rng=np.random.default_rng(used_seed), seed=used_seed,
                    samples=uncertainty, progress=lambda n: bar.advance(task, n),
                )  # fmt: skip
            console.print(
                f"uncertainty: {unc.samples} samples, seed {unc.seed}, mean |rank shift| {unc.mean_abs_shift:.3f}"
            )
            with Progress(console=console) as bar:
                task = bar.add_task("Sobol", total=None)
                sobol = sobol_sensitivity(
                    fw, table=table, year=year, attributes=attrs, rng=sobol_rng(used_seed), seed=used_seed,
                    progress=lambda n: bar.advance(task, n),
                )  # fmt: skip
            print_sensitivity(sensitivity_record(sobol, spread=fw.uncertainty.spread), framework=fw)
    except AssessmentError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=1) from exc
    for e in result.excluded:
        console.print(f"[yellow]excluded:[/] {e.zone} {e.year}: {e.reason}")
    write_rows(ranking_rows(result, unc), out)
    console.print(
        f"wrote {len(result.zones)} zones to {out} (framework {fw.id} sha256 {fw.sha256[:12]}, data {result.data_sha256[:12]})"
    )


def _write_docx(*, framework: Path, data: Path, year: int, out: Path, samples: int, seed: int | None) -> None:
    """The .docx report of a run on a data file (zones named as in the file)."""
    used_seed = seed if seed is not None or not samples else secrets.randbits(62)
    try:
        text = framework.read_text(encoding="utf-8")
        table, attrs = read_long(data)
        rows = [
            [z, i, y, None if math.isnan(v) else v]
            for z, i, y, v in zip(table.zone, table.indicator, table.year, table.value, strict=True)
        ]
        done = compute(
            yaml_text=text,
            snapshot={"rows": rows, "attributes": attrs},
            year=year,
            samples=samples,
            seed=used_seed,
        )
    except (OSError, AssessmentError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=1) from exc
    report = report_from_rows(
        title=f"{year}年度开发区综合考评报告", year=year, framework=done.framework.name, summary=done.summary,
        zones=done.zones, outcomes=done.outcomes, names={}, samples=samples, seed=used_seed,
        hashes=(done.framework.sha256, done.result.data_sha256, done.result.engine_version),
        sensitivity=done.sensitivity,
    )  # fmt: skip
    if samples:
        print_sensitivity(done.sensitivity, framework=done.framework)
    out.write_bytes(assessment_report(report))
    console.print(f"wrote the report of {len(done.zones)} zones to {out}")
