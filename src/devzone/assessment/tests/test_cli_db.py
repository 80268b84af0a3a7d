"""``devzone assess run`` without --data: the database's assessment data, and --save."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.personas import World
from typer.testing import CliRunner

from devzone.assessment.cli import app
from devzone.assessment.models import AssessmentRun
from devzone.assessment.tests.factories import small_framework, three_zone_values


def test_run_without_data_reads_the_database(world: World, tmp_path: Path) -> None:
    zone_c = three_zone_values(world)
    f = tmp_path / "f.yaml"
    f.write_text(small_framework(), encoding="utf-8")
    out = tmp_path / "ranks.csv"
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--year", "2025", "--out", str(out)])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["zone"], r["rank"], r["rank_prev"], r["rank_change"]) for r in rows] == [
        (world.zone_b.name, "1", "1", "0"), (zone_c.name, "2", "3", "1"), (world.zone_a.name, "3", "2", "-1"),
    ]  # fmt: skip
    assert list(rows[0])[5:] == [
        "score_INDEX",
        "score_ECO",
        "score_gdp",
        "score_energy",
        "score_INNO",
        "score_hte",
    ]
    assert rows[0]["score_ECO"] == "100.0"
    assert AssessmentRun.objects.count() == 0


def test_save_stores_the_run(world: World, tmp_path: Path) -> None:
    three_zone_values(world)
    f = tmp_path / "f.yaml"
    f.write_text(small_framework(), encoding="utf-8")
    args = ["run", "--framework", str(f), "--year", "2025", "--out", str(tmp_path / "r.xlsx"), "--uncertainty", "50",
            "--seed", "3", "--save"]  # fmt: skip
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    run = AssessmentRun.objects.get()
    assert (run.year, run.samples, run.seed, run.results.count()) == (2025, 50, 3, 3)
    assert run.sensitivity is not None and run.sensitivity["seed"] == 3
    assert "权重：经济发展" in res.output.replace("\n", "")
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_no_data_in_the_database_is_a_clear_error(db: None, tmp_path: Path) -> None:
    f = tmp_path / "f.yaml"
    f.write_text(small_framework(), encoding="utf-8")
    res = CliRunner().invoke(
        app, ["run", "--framework", str(f), "--year", "2025", "--out", str(tmp_path / "r.csv")]
    )
    assert res.exit_code == 1
    assert "no stored assessment data for 2025" in res.output
