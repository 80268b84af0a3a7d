"""The same evaluation on PySpark local mode gives the classes DuckDB gives.

Skipped without pyspark (the spark extra) or a Java runtime, and with CI=true a skip fails (conftest.py).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pytest

from devzone.enterprises.method_load import resolve
from devzone.enterprises.mu import evaluate
from devzone.enterprises.tests.rows import arrow, results
from devzone.enterprises.tests.strategies import population

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore::UserWarning"),
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
        reason="needs pyspark and a Java runtime",
    ),
]


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sql = pytest.importorskip("pyspark.sql")
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("devzone-mu-test")
        .config("spark.ui.enabled", "false")
        # A JVM that lives a minute on a few hundred rows: the full JIT, parallel GC threads and
        # whole-stage code generation cost more CPU than they save (the JVM's CPU over both Spark
        # modules: 56 s → 22 s), and took it from the pass on the other core. Same plans, same results.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", str(Path(warehouse)))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield ibis.pyspark.connect(session)
    session.stop()


@pytest.mark.parametrize("name", ["zj-huangyan-2022", "js-huaian-2024", "lyg-seed"])
def test_spark_and_duckdb_give_identical_classes(spark: Any, name: str) -> None:
    rows = population(np.random.default_rng(7), n=40, years=(2021, 2022, 2023))
    method = resolve(name)
    table = spark.create_table(f"mu_{name.replace('-', '_')}", arrow(rows), overwrite=True)
    on_spark = spark.to_pyarrow(evaluate(table, method, year=2023).results).to_pylist()
    on_duckdb = results(rows, method, year=2023)
    assert len(on_spark) == len(on_duckdb)
    for r in on_spark:
        d = on_duckdb[r["uscc"]]
        assert (r["segment"], r["class"], r["rank"], r["veto"], r["exempt_reason"]) == (
            d["segment"], d["class"], d["rank"], d["veto"], d["exempt_reason"],
        ), r["uscc"]  # fmt: skip
        assert r["score"] == pytest.approx(d["score"], abs=1e-9)
