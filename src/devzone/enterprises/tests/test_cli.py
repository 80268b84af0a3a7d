"""The ``devzone mu`` sub-app, run through Typer's runner on real files."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from devzone.core.tests.console_script import imported_by
from devzone.enterprises.cli import app
from devzone.enterprises.method_load import resolve
from devzone.enterprises.mu import evaluate
from devzone.enterprises.tests.rows import arrow, row
from devzone.enterprises.uscc import check_character

runner = CliRunner()


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache of compiled methods (enterprises/compiled.py), outside its work folder."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(cache))
    return cache


def uscc(i: int) -> str:
    body = f"9132080{i:010d}"
    return body + check_character(body)


def write_input(path: Path, *, bad: bool = False) -> Path:
    rows = [row(uscc(i), year=2024, tax=10.0 * i, sales=100.0 * i + 1, energy_tce=5.0) for i in range(1, 6)]
    if bad:
        rows[2]["land_mu"] = 0.0
        rows[3]["uscc"] = rows[3]["uscc"][:-1] + ("0" if rows[3]["uscc"][-1] != "0" else "1")
    pq.write_table(arrow(rows), path)
    return path


def test_methods_lists_the_shipped_methods() -> None:
    result = runner.invoke(app, ["methods"])
    assert result.exit_code == 0
    for method_id in ("zj-huangyan-2022", "js-huaian-2024", "lyg-seed"):
        assert method_id in result.output


def test_run_writes_results(tmp_path: Path) -> None:
    data = write_input(tmp_path / "in.parquet")
    result = runner.invoke(
        app, ["run", str(data), "--method", "js-huaian-2024", "--out", str(tmp_path / "r.csv")]
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("year,uscc,name,zone,industry_code,segment,score,rank,class")
    assert len(lines) == 6


def test_run_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    data = write_input(tmp_path / "in.parquet", bad=True)
    out = tmp_path / "r.parquet"
    result = runner.invoke(app, ["run", str(data), "--method", "lyg-seed", "--out", str(out)])
    assert result.exit_code == 2
    assert "第 3 行，land_mu 列" in result.output
    assert "第 4 行，uscc 列" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [data]  # nor the partial results written beside it


def test_the_console_script_runs_mu_without_the_other_slices(tmp_path: Path) -> None:
    # `devzone mu run` starts without Django, SciPy or the plan reader (seconds of start-up it does not need),
    # and Parquet to Parquet without pandas (half a second pyarrow would spend importing it)
    data = write_input(tmp_path / "in.parquet")
    argv = ["devzone", "mu", "run", str(data), "--method", "lyg-seed", "--out", str(tmp_path / "r.parquet")]
    watched = ("django", "scipy", "SALib", "devzone.plans", "ibis", "pandas")
    assert imported_by(argv, watched) == ["ibis"]  # the first run compiles the method
    assert pq.read_table(tmp_path / "r.parquet").num_rows == 5
    # the next run on a file of the same columns reads the kept SQL: not even Ibis is imported
    assert imported_by(argv, watched) == []
    expected = evaluate(ibis.memtable(pq.read_table(data)), resolve("lyg-seed")).results.to_pyarrow()
    assert pq.read_table(tmp_path / "r.parquet").to_pylist() == expected.to_pylist()


def test_the_kept_sql_gives_the_engines_results_and_follows_the_method(tmp_path: Path, _cache: Path) -> None:
    data = write_input(tmp_path / "in.parquet")
    expected = evaluate(
        ibis.memtable(pq.read_table(data)), resolve("lyg-seed"), year=2024
    ).results.to_pyarrow()
    for run in ("compiled", "kept"):
        out = tmp_path / f"{run}.parquet"
        done = runner.invoke(
            app, ["run", str(data), "--method", "lyg-seed", "--year", "2024", "--out", str(out)]
        )
        assert done.exit_code == 0, done.output
        assert pq.read_table(out).to_pylist() == expected.to_pylist(), run
    assert len(list((_cache / "mu-sql").iterdir())) == 1
    # the same method with other weights is another method: compiled afresh, other scores
    text = (Path(__file__).parents[1] / "methods" / "lyg-seed.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        text.replace("weight: 45", "weight: 40", 1).replace("weight: 20", "weight: 25", 1), encoding="utf-8"
    )
    out = tmp_path / "changed.parquet"
    done = runner.invoke(
        app, ["run", str(data), "--method", str(changed), "--year", "2024", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert len(list((_cache / "mu-sql").iterdir())) == 2
    assert pq.read_table(out)["score"].to_pylist() != expected["score"].to_pylist()


def test_a_cache_that_cannot_be_written_changes_nothing_but_the_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(blocked))
    data = write_input(tmp_path / "in.parquet")
    done = runner.invoke(
        app, ["run", str(data), "--method", "lyg-seed", "--out", str(tmp_path / "r.parquet")]
    )
    assert done.exit_code == 0, done.output
    assert pq.read_table(tmp_path / "r.parquet").num_rows == 5


def test_a_file_without_a_required_column_is_refused_in_chinese_and_nothing_is_kept(
    tmp_path: Path, _cache: Path
) -> None:
    data = tmp_path / "in.parquet"
    pq.write_table(pq.read_table(write_input(tmp_path / "full.parquet")).drop_columns(["land_mu"]), data)
    out = tmp_path / "r.parquet"
    done = runner.invoke(app, ["run", str(data), "--method", "lyg-seed", "--out", str(out), "--no-validate"])
    assert done.exit_code == 2 and "缺少必填列：land_mu（用地面积(亩)）" in done.output
    assert not out.exists() and not (_cache / "mu-sql").exists()


def test_template_then_run_on_it(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", "--year", "2024", "--out", str(path)]).exit_code == 0
    wb = load_workbook(path)
    wb["企业数据"].append([2024, uscc(1), "甲", "Z1", "C3311", "above", 12, "false", 30, 900])
    wb["企业数据"].append([2024, uscc(2), "乙", "Z1", "3311", "below", 4, "true", 3, 90])
    wb.save(path)
    result = runner.invoke(app, ["run", str(path), "--method", "lyg-seed", "--out", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(tmp_path / "r.xlsx")["results"].values)
    assert [r[1] for r in rows[1:]] == [uscc(1), uscc(2)]
