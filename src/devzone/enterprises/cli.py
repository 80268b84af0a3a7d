"""``devzone mu``: run a 亩均效益 evaluation, list the shipped methods, write the data template."""

from __future__ import annotations

import importlib
import importlib.abc
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import pyarrow as pa
import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from devzone.enterprises import compiled
from devzone.enterprises.inputs import InputError, InputIssue, check_arrow, check_table
from devzone.enterprises.inputs_schema import ARROW_SCHEMA, InputColumnsError
from devzone.enterprises.method import Method, MethodError
from devzone.enterprises.method_load import resolve, shipped_methods

if TYPE_CHECKING:
    import ibis.expr.types as ir

# Ibis, openpyxl, the document writers and the engine are imported where a run needs them: a Parquet-to-Parquet run on DuckDB
# whose SQL is kept (enterprises/compiled.py) needs none of them, and their import is a second of start-up.


app = typer.Typer(
    help="亩均效益综合评价: score, rank and class enterprises per mu of land.", no_args_is_help=True
)
console = Console()


def _duckdb(data: Path) -> tuple[Any, ir.Table, Callable[[], pa.Table] | None]:
    import ibis  # noqa: PLC0415

    from devzone.enterprises.template import read_template  # noqa: PLC0415

    con = ibis.duckdb.connect()
    if data.suffix.lower() == ".csv":
        return con, con.read_csv(data), None
    if data.suffix.lower() == ".parquet":
        # DuckDB scans the file itself (parallel, only the columns the method reads: ~1 s of CPU less on
        # 1,000,000 rows than scanning an Arrow copy); the checks read their own copy, in their thread
        return con, con.read_parquet(data), lambda: pq.read_table(data)
    arrow = pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA)
    return con, ibis.memtable(arrow), lambda: arrow


def _spark(data: Path) -> tuple[Any, ir.Table, Callable[[], pa.Table] | None]:
    import ibis  # noqa: PLC0415

    from devzone.enterprises.template import read_template  # noqa: PLC0415

    # pyspark is optional (large, needs Java): loaded only when --engine spark is asked for
    sql = importlib.import_module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    con = ibis.pyspark.connect(session)
    if data.suffix.lower() == ".xlsx":
        return (
            con,
            con.create_table(
                "input", pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA), overwrite=True
            ),
            None,
        )
    readers = {".parquet": con.read_parquet, ".csv": con.read_csv}
    return con, readers[data.suffix.lower()](str(data)), None


ENGINES: dict[str, Callable[[Path], tuple[Any, ir.Table, Callable[[], pa.Table] | None]]] = {
    "duckdb": _duckdb,
    "spark": _spark,
}


def _write_xlsx(table: pa.Table, path: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415

    from devzone.core.documents import safe_row, save_workbook  # noqa: PLC0415

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("results")
    ws.append(safe_row(ws, table.column_names))
    for row in table.to_pylist():
        ws.append(safe_row(ws, list(row.values())))
    save_workbook(wb, path)


def _write_csv(table: pa.Table, path: Path) -> None:
    from devzone.core.documents import csv_bytes  # noqa: PLC0415

    path.write_bytes(csv_bytes(table.column_names, (list(r.values()) for r in table.to_pylist())))


WRITERS: dict[str, Callable[[pa.Table, Path], None]] = {
    ".parquet": pq.write_table,
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
}


@app.command()
def run(  # noqa: PLR0917 — Typer maps parameters to options
    data: Annotated[Path, typer.Argument(help="Input table: .parquet, .csv or a filled .xlsx template.")],
    method: Annotated[str, typer.Option("--method", help="Shipped method id or a method YAML file.")],
    out: Annotated[Path, typer.Option("--out", help="results.parquet, results.csv or results.xlsx")],
    year: Annotated[
        int | None, typer.Option("--year", help="Evaluation year (earlier years feed benchmarks).")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="duckdb or spark")] = "duckdb",
    validate: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Check every input cell first.")
    ] = True,
) -> None:
    """Evaluate DATA with a method and write the results table."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"engine must be one of {', '.join(ENGINES)}", param_hint="--engine")
    if out.suffix.lower() not in WRITERS or data.suffix.lower() not in {".parquet", ".csv", ".xlsx"}:
        raise typer.BadParameter("DATA and --out must end in .parquet, .csv or .xlsx")
    columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    # written beside --out and renamed into place only when the input passed every check
    partial = out.with_name(f".partial-{out.name}")
    with Progress(*columns, console=console, transient=False) as progress, ThreadPoolExecutor(1) as pool:
        step = progress.add_task("loading method", total=5)
        try:
            chosen = resolve(method)
            progress.update(step, advance=1, description=f"reading {data.name} on {engine}")
            fast = (
                engine == "duckdb" and data.suffix.lower() == ".parquet" and out.suffix.lower() == ".parquet"
            )
            if fast:
                rows = _parquet_run(chosen, data, partial, year=year, validate=validate, pool=pool)
            else:
                rows = _engine_run(
                    chosen, data, partial, engine=engine, year=year, validate=validate, pool=pool
                )
            partial.replace(out)
            progress.update(step, completed=5, description=f"done: {rows} rows → {out}")
        except (MethodError, InputError, InputColumnsError) as exc:
            partial.unlink(missing_ok=True)
            console.print(str(exc), style="red", markup=False, soft_wrap=True)
            raise typer.Exit(code=2) from exc


# set by the console script (devzone/entry.py) when this module's command is the whole process
OWN_PROCESS = False


class _PandasAbsent(importlib.abc.MetaPathFinder):
    """Reports pandas as not installed. pyarrow imports pandas on its first conversion of a Python value
    or an array (only to ask whether it was handed pandas objects), half a second of CPU that a Parquet-to-
    Parquet run, on the checks' thread beside DuckDB's, never uses."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def _parquet_run(
    chosen: Method, data: Path, partial: Path, *, year: int | None, validate: bool, pool: ThreadPoolExecutor
) -> int:
    """Parquet to Parquet on DuckDB: the method's kept SQL (compiled.py) over the file, the checks on an
    Arrow copy in a thread meanwhile (numpy and DuckDB both release the GIL); results kept only if no
    check fails."""
    if OWN_PROCESS and "pandas" not in sys.modules:
        # a process of its own (the console script, not a test or a notebook calling the app): pandas stays
        # out of it; pyarrow, Ibis's compiler and DuckDB run without it
        sys.meta_path.insert(0, _PandasAbsent())
    sql = compiled.sql_for(chosen, pq.read_schema(data), year)
    # ParquetFile.read: the file as it is, without pyarrow.dataset (a third of a second to import)
    checking = (
        pool.submit(lambda: check_arrow(pq.ParquetFile(data).read(), source=str(data))) if validate else None
    )
    rows = compiled.run_to_parquet(sql, data, partial)
    if checking is not None and (issues := checking.result()):
        raise InputError(issues)
    return rows


def _engine_run(
    chosen: Method,
    data: Path,
    partial: Path,
    *,
    engine: str,
    year: int | None,
    validate: bool,
    pool: ThreadPoolExecutor,
) -> int:
    from devzone.enterprises.mu import evaluate  # noqa: PLC0415

    con, table, arrow = ENGINES[engine](data)  # arrow: the input as Arrow, for the checks
    checking: Future[list[InputIssue]] | None = None
    if validate and data.suffix.lower() != ".xlsx":  # a template is checked as it is read
        if arrow is None:  # a table the engine reads itself is checked before it is evaluated
            if issues := check_table(table, source=str(data)):
                raise InputError(issues)
        else:
            checking = pool.submit(lambda: check_arrow(arrow(), source=str(data)))
    results = evaluate(table, chosen, year=year).results
    if engine == "duckdb" and partial.suffix.lower() == ".parquet":
        con.to_parquet(results, partial)  # DuckDB writes the Parquet itself, without an Arrow copy
        rows = pq.read_metadata(partial).num_rows
    else:
        result = con.to_pyarrow(results)
        WRITERS[partial.suffix.lower()](result, partial)
        rows = result.num_rows
    if checking is not None and (issues := checking.result()):
        raise InputError(issues)
    return int(rows)


@app.command()
def methods() -> None:
    """List the shipped evaluation methods."""
    table = Table("title", "segments", "classes", "sources")
    table.add_column("id", no_wrap=True)
    for method_id in shipped_methods():
        m = resolve(method_id)
        table.add_row(
            m.title,
            ", ".join(s.label for s in m.segments),
            " ".join(c.code for c in m.classes) + f" + {m.exempt_class.code}",
            str(len(m.sources)),
            m.id,
        )
    console.print(table)


@app.command()
def template(
    year: Annotated[int, typer.Option("--year", help="Evaluation year of the data.")],
    out: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
) -> None:
    """Write the .xlsx data template for a year."""
    from devzone.enterprises.template import write_template  # noqa: PLC0415

    write_template(year=year, path=out)
    console.print(f"template for {year} written to {out}")
