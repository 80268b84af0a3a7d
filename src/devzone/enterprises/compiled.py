"""A method's evaluation compiled to DuckDB SQL once and kept, for ``devzone mu run`` on Parquet.

Building the Ibis expression of a method and compiling it to SQL is pure Python work that does not depend
on the data, only on the method, the input's column types and the year: about a second on every run (with
another second to import Ibis's DuckDB backend), while the hand-written query it is measured against
(issue 16, criterion 2) starts at once. The SQL is therefore kept in a cache file named by everything it
depends on — the method's digest, the input schema, the year, the versions of Ibis, sqlglot and DuckDB and a
digest of this slice's engine source —, so a changed method, file layout, library or engine is compiled
afresh and nothing stale is ever run. The SQL reads the input from one view, :data:`INPUT`.

The cache is ``$DEVZONE_CACHE_DIR`` (or ``$XDG_CACHE_HOME/devzone``, ``~/.cache/devzone``); where it cannot
be written the SQL is compiled on every run, which changes nothing but the time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

import pyarrow as pa

from devzone.enterprises.method import Method

INPUT = "mu_input"  # the view the compiled SQL reads
_ENGINE = Path(__file__).parent
_LIBRARIES = ("ibis-framework", "sqlglot", "duckdb")


def cache_dir() -> Path:
    given = os.environ.get("DEVZONE_CACHE_DIR")
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "devzone"


def _engine_digest() -> str:
    # every module of the slice that can shape the expression (rules, formulas, sums, schema, …)
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(_ENGINE.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def key(method: Method, schema: pa.Schema, year: int | None) -> str:
    """The name of the compiled SQL of ``method`` on an input of ``schema`` (evaluating ``year`` or all)."""
    h = hashlib.blake2b(digest_size=20)
    versions = [f"{name}={metadata.version(name)}" for name in _LIBRARIES]
    for part in (method.digest, schema.to_string(show_schema_metadata=False), str(year), *versions,
                 _engine_digest()):  # fmt: skip
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def compile_sql(method: Method, schema: pa.Schema, year: int | None) -> str:
    """The DuckDB SQL evaluating ``method`` over the view :data:`INPUT`, compiled now (nothing kept)."""
    import ibis  # noqa: PLC0415 — only when the SQL is not kept yet

    from devzone.enterprises.mu import evaluate  # noqa: PLC0415

    source = ibis.table(ibis.Schema.from_pyarrow(schema), name=INPUT)
    return without_whole_frames(
        str(ibis.to_sql(evaluate(source, method, year=year).results, dialect="duckdb"))
    )


def without_whole_frames(sql: str) -> str:
    """``sql`` without the frame Ibis writes into every window ("ROWS BETWEEN UNBOUNDED PRECEDING AND
    UNBOUNDED FOLLOWING") where the frame cannot change the result: a ranking or offset function (RANK, LAG:
    SQL ignores their frame) or an aggregate over a window with no ORDER BY (its default frame is then the
    whole partition already). DuckDB evaluates a window with an explicit frame by its general segment-tree
    path; without it the rank and the lags of a million enterprise-years take about a tenth less time.

    >>> whole = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
    >>> " ".join(without_whole_frames(f"SELECT RANK() OVER (PARTITION BY a ORDER BY b {whole}) FROM t").split())
    'SELECT RANK() OVER (PARTITION BY a ORDER BY b) FROM t'
    >>> " ".join(without_whole_frames(f"SELECT COUNT(x) OVER (PARTITION BY a {whole}) FROM t").split())
    'SELECT COUNT(x) OVER (PARTITION BY a) FROM t'
    >>> " ".join(without_whole_frames(f"SELECT SUM(x) OVER (ORDER BY b {whole}) FROM t").split())  # kept
    'SELECT SUM(x) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t'
    """
    import sqlglot  # noqa: PLC0415 — compile time only, like Ibis
    from sqlglot import exp  # noqa: PLC0415

    frameless = (exp.Rank, exp.DenseRank, exp.RowNumber, exp.Lag, exp.Lead)  # FIRST_VALUE keeps its frame
    tree = sqlglot.parse_one(sql, read="duckdb")
    for window in tree.find_all(exp.Window):
        spec = window.args.get("spec")
        whole = (
            isinstance(spec, exp.WindowSpec)
            and spec.args.get("kind") == "ROWS"
            and spec.args.get("start") == "UNBOUNDED"
            and spec.args.get("start_side") == "PRECEDING"
            and spec.args.get("end") == "UNBOUNDED"
            and spec.args.get("end_side") == "FOLLOWING"
        )
        if whole and (isinstance(window.this, frameless) or window.args.get("order") is None):
            window.set("spec", None)
    return tree.sql(dialect="duckdb", pretty=True)


def sql_for(method: Method, schema: pa.Schema, year: int | None) -> str:
    """The DuckDB SQL evaluating ``method`` over the view :data:`INPUT`: kept, or compiled and kept.

    Errors of the input's columns (a required column missing) are raised by the compilation, so they are
    raised on every run: a schema that fails is never kept.
    """
    path = cache_dir() / "mu-sql" / f"{key(method, schema, year)}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    sql = compile_sql(method, schema, year)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
            out.write(sql)
        Path(out.name).replace(path)  # whole or not at all, also beside a second run
    except OSError:
        pass  # a read-only home: compiled again next time
    return sql


def run_to_parquet(sql: str, data: Path, out: Path) -> int:
    """Run the compiled SQL over the Parquet file ``data``, writing ``out`` (by DuckDB, in parallel); rows."""
    import duckdb  # noqa: PLC0415

    con = duckdb.connect()
    try:
        # as Ibis's DuckDB backend sets its connections: UTC, and no Python variables read as tables
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET python_enable_replacements = false")
        view = f"CREATE TEMP VIEW {INPUT} AS SELECT * FROM read_parquet({_literal(data)})"  # noqa: S608 — a quoted path
        con.execute(view)
        con.execute(f"COPY ({sql}) TO {_literal(out)} (FORMAT parquet)")
    finally:
        con.close()
    import pyarrow.parquet as pq  # noqa: PLC0415

    return int(pq.read_metadata(out).num_rows)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
