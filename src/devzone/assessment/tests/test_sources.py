"""Runs on the database: 考评数据 filled from the indicators slice's annual figures (``sources.py``).

Hand-worked on the three-zone data of ``factories.three_zone_values`` (2025: B best, C middle, A worst;
C's middle values are gdp 2.0, energy 2.0, hte 20). Zone C's 2025 gdp is taken out of the 考评数据 and
recorded in the indicators slice instead, as year-to-date quarters 0.4, 0.9, 1.4, 2.0: the annual
figure is the Q4 year-to-date one, 2.0, so the run equals the run on the full 考评数据 (C scores 50,
rank 2) and only the source of that one value differs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from tests.personas import World, make_zone
from typer.testing import CliRunner

from devzone.assessment.actions import reproduce, run_assessment
from devzone.assessment.cli import app
from devzone.assessment.models import AssessmentRun, AssessmentValue, ZoneResult
from devzone.assessment.results import snapshot_sha256, table_from_snapshot
from devzone.assessment.sources import annual_figures, build_snapshot
from devzone.assessment.tests.factories import (
    crossing_framework,
    crossing_values,
    small_framework,
    stored_framework,
    three_zone_values,
)
from devzone.indicators.models import Indicator, Observation
from devzone.indicators.periods import parse_period
from devzone.orgs.models import Zone


def catalogue_indicator(code: str, *, unit: str = "亿元", frequency: str = "quarter") -> Indicator:
    row: Indicator = Indicator.objects.create(
        code=code, name=f"指标{code}", unit=unit, definition="测试", scope="测试", direction="higher",
        frequency=frequency, aggregation="sum",
    )  # fmt: skip
    return row


def observe(
    indicator: Indicator, zone: Zone, period: str, value: float, *, current: bool = True
) -> Observation:
    obs: Observation = Observation.objects.create(
        indicator=indicator, zone=zone, city=zone.city, period=period, period_end=parse_period(period).end,
        value=value, entered_value=value, entered_unit=indicator.unit, is_current=current, source="测试",
    )  # fmt: skip
    return obs


@pytest.fixture
def moved(world: World) -> tuple[Zone, Observation]:
    """Three-zone data with zone C's 2025 gdp only in the indicators slice (Q4 year-to-date 2.0)."""
    zone_c = three_zone_values(world)
    AssessmentValue.objects.filter(zone=zone_c, indicator="gdp", year=2025).delete()
    gdp = catalogue_indicator("gdp")
    q4 = None
    for period, value in (("2025Q1", 0.4), ("2025Q2", 0.9), ("2025Q3", 1.4), ("2025Q4", 2.0)):
        obs = observe(gdp, zone_c, period, value)
        q4 = obs if period.endswith("Q4") else q4
    observe(gdp, zone_c, "2025Q4", 7.0, current=False)  # superseded revision: never read
    observe(gdp, zone_c, "2022", 5.0)  # a year without 考评数据: not read
    assert q4 is not None
    return zone_c, q4


def test_a_zone_gets_the_indicator_from_the_indicators_slice(
    world: World, moved: tuple[Zone, Observation]
) -> None:
    zone_c, q4 = moved
    run = run_assessment(stored_framework(), year=2025, actor=world.coordinator)
    c = run.results.get(zone=zone_c)
    assert c.raw_values["gdp"] == 2.0
    assert (c.score, c.rank, c.rank_change) == (50.0, 2, 1)
    row = next(r for r in run.snapshot["rows"] if r[:3] == [str(zone_c.pk), "gdp", 2025])
    assert row == [str(zone_c.pk), "gdp", 2025, 2.0, "indicators", {"id": q4.pk, "period": "2025Q4"}]
    assert run.summary["data_sources"] == {"assessment": 26, "indicators": 1}
    assert run.summary["data_warnings"] == []
    assert {r[2] for r in run.snapshot["rows"]} == {2023, 2024, 2025}
    # the hash covers the source: the same values typed on the 考评数据 page hash differently
    assert run.data_sha256 == snapshot_sha256(run.snapshot)
    assert run.data_sha256 != table_from_snapshot(run.snapshot).sha256()


def test_the_year_figure_comes_before_q4_and_december(world: World) -> None:
    zone = make_zone("丁区经济开发区")
    out = catalogue_indicator("industrial_output", frequency="month")
    observe(out, zone, "2024-12", 11.0)
    observe(out, zone, "2024Q4", 12.0)
    year = observe(out, zone, "2024", 13.0)
    observe(out, zone, "2023-12", 9.0)
    observe(out, zone, "2023-11", 8.0)
    dec = Observation.objects.get(zone=zone, period="2023-12")
    got = annual_figures(["industrial_output"], years=[2023, 2024], zone_ids=[zone.pk])
    assert got == {
        (zone.pk, "industrial_output", 2024): (13.0, year.pk, "2024"),
        (zone.pk, "industrial_output", 2023): (9.0, dec.pk, "2023-12"),
    }


def test_a_typed_value_beats_the_indicators_slice(world: World) -> None:
    zone_c = three_zone_values(world)
    gdp = catalogue_indicator("gdp")
    observe(gdp, world.zone_a, "2025", 99.0)
    run = run_assessment(stored_framework(), year=2025, actor=None)
    a = run.results.get(zone=world.zone_a)
    assert a.raw_values["gdp"] == 1.0
    assert (a.score, a.rank) == (0.0, 3)
    assert run.summary["data_sources"] == {"assessment": 27, "indicators": 0}
    assert all(r[4] == "assessment" for r in run.snapshot["rows"])
    assert run.results.get(zone=zone_c).rank == 2


def test_an_empty_typed_cell_is_filled(world: World) -> None:
    zone_c = three_zone_values(world)
    AssessmentValue.objects.filter(zone=zone_c, indicator="gdp", year=2025).update(value=None)
    obs = observe(catalogue_indicator("gdp"), zone_c, "2025", 2.0)
    run = run_assessment(stored_framework(), year=2025, actor=None)
    assert run.results.get(zone=zone_c).raw_values["gdp"] == 2.0
    row = next(r for r in run.snapshot["rows"] if r[:3] == [str(zone_c.pk), "gdp", 2025])
    assert row[3:] == [2.0, "indicators", {"id": obs.pk, "period": "2025"}]


def test_a_unit_mismatch_is_skipped_with_a_warning(world: World) -> None:
    zone_c = crossing_values(world)  # framework declares gdp in 亿元
    AssessmentValue.objects.filter(zone=zone_c, indicator="gdp", year=2025).delete()
    observe(catalogue_indicator("gdp", unit="万元"), zone_c, "2025", 0.0)
    run = run_assessment(crossing_framework(), year=2025, actor=None)
    assert run.summary["data_warnings"] == [
        "指标“地区生产总值”（gdp）：考核框架单位“亿元”与指标监测单位“万元”不一致，未采用指标监测数据（1 个值）"
    ]
    assert run.summary["data_sources"] == {"assessment": 11, "indicators": 0}
    assert run.results.get(zone=zone_c).raw_values["gdp"] is None
    page = world.client_for(world.coordinator).get(f"/assessment/runs/{run.pk}/").content.decode()
    assert "考核框架单位“亿元”与指标监测单位“万元”不一致" in page


def test_agreeing_units_in_another_spelling_are_used(world: World) -> None:
    zone_c = crossing_values(world)
    AssessmentValue.objects.filter(zone=zone_c, indicator="gdp", year=2025).delete()
    observe(catalogue_indicator("gdp", unit="亿元 "), zone_c, "2025", 0.0)
    run = run_assessment(crossing_framework(), year=2025, actor=None)
    assert run.summary["data_warnings"] == []
    assert run.summary["data_sources"] == {"assessment": 11, "indicators": 1}
    # C = (gdp 0, hte 0) as in the typed data: index A 60, B 50, C 0
    scores = {r.zone_id: r.score for r in run.results.all()}
    assert scores == {world.zone_a.pk: 60.0, world.zone_b.pk: 50.0, zone_c.pk: 0.0}


def test_only_the_runs_zones_are_read(world: World, moved: tuple[Zone, Observation]) -> None:
    zone_c, _q4 = moved
    zone_d = make_zone("丁区经济开发区")
    observe(Indicator.objects.get(code="gdp"), zone_d, "2025", 4.0)  # no 考评数据: not a zone of the run
    snap = build_snapshot(stored_framework().engine(), year=2025)
    assert {r[0] for r in snap["rows"]} == {str(z.pk) for z in (world.zone_a, world.zone_b, zone_c)}
    only_ab = build_snapshot(
        stored_framework("另一").engine(), year=2025, zone_ids={world.zone_a.pk, world.zone_b.pk}
    )
    assert {r[0] for r in only_ab["rows"]} == {str(world.zone_a.pk), str(world.zone_b.pk)}
    assert all(r[4] == "assessment" for r in only_ab["rows"])


def test_a_merged_run_reproduces_and_a_changed_source_is_found(
    world: World, moved: tuple[Zone, Observation]
) -> None:
    run = run_assessment(stored_framework(), year=2025, actor=None, samples=100, seed=5)
    assert reproduce(run) == []
    # the indicators slice changes later: the stored run still reproduces from its snapshot
    Observation.objects.filter(zone=moved[0]).update(value=3.0)
    assert reproduce(AssessmentRun.objects.get(pk=run.pk)) == []
    run.snapshot["rows"] = [
        [*r[:4], "assessment", None] if r[4] == "indicators" else r for r in run.snapshot["rows"]
    ]
    assert reproduce(run) == ["data snapshot hash differs"]


def test_old_runs_without_a_source_column_reproduce(world: World) -> None:
    three_zone_values(world)
    run = run_assessment(stored_framework(), year=2025, actor=None, samples=100, seed=5)
    old_rows = [r[:4] for r in run.snapshot["rows"]]
    old_hash = table_from_snapshot({"rows": old_rows}).sha256()
    assert run.data_sha256 == old_hash  # all typed: the hash of the old format
    summary = {k: v for k, v in run.summary.items() if k not in ("data_sources", "data_warnings")}
    AssessmentRun.objects.filter(pk=run.pk).update(snapshot={"rows": old_rows, "attributes": run.snapshot["attributes"]},
                                                   summary=summary)  # fmt: skip
    old = AssessmentRun.objects.get(pk=run.pk)
    assert reproduce(old) == []
    page = world.client_for(world.coordinator).get(f"/assessment/runs/{old.pk}/").content.decode()
    assert "考评数据 27 个值，指标监测（年度值，填补考评数据缺项）0 个值" in page


def test_run_page_profile_and_report_name_the_sources(world: World, moved: tuple[Zone, Observation]) -> None:
    zone_c, q4 = moved
    client = world.client_for(world.coordinator)
    response = client.post(
        "/assessment/runs/new/", {"framework": stored_framework().pk, "year": 2025, "samples": 0}
    )
    run = AssessmentRun.objects.get()
    assert response.status_code == 302
    assert run.summary["data_sources"] == {"assessment": 26, "indicators": 1}
    page = client.get(f"/assessment/runs/{run.pk}/").content.decode()
    assert "考评数据 26 个值，指标监测（年度值，填补考评数据缺项）1 个值" in page
    profile = client.get(f"/assessment/runs/{run.pk}/zones/{zone_c.pk}/").content.decode()
    assert profile.count("来自指标监测") == 1
    assert f"2025Q4（#{q4.pk}）" in profile
    # the references are stored with the result; a run stored before that reads them from its snapshot
    assert ZoneResult.objects.get(run=run, zone=zone_c).cells == {"gdp": {"id": q4.pk, "period": "2025Q4"}}
    ZoneResult.objects.filter(run=run).update(cells=None)
    older = client.get(f"/assessment/runs/{run.pk}/zones/{zone_c.pk}/").content.decode()
    assert older.split("</nav>", 1)[1] == profile.split("</nav>", 1)[1]  # past the CSRF token, the same page
    other = client.get(f"/assessment/runs/{run.pk}/zones/{world.zone_a.pk}/").content.decode()
    assert "来自指标监测" not in other
    # zone B's staff sees its own profile, not zone C's
    staff_b = world.client_for(world.staff_b)
    assert staff_b.get(f"/assessment/runs/{run.pk}/zones/{zone_c.pk}/").status_code == 404
    assert (
        "来自指标监测"
        not in staff_b.get(f"/assessment/runs/{run.pk}/zones/{world.zone_b.pk}/").content.decode()
    )
    doc = Document(io.BytesIO(client.get(f"/assessment/runs/{run.pk}/report.docx").content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "考评数据 26 个值；指标监测年度值（填补考评数据缺项）1 个值" in cells


def test_cli_without_data_reads_the_merged_source(
    world: World, moved: tuple[Zone, Observation], tmp_path: Path
) -> None:
    zone_c, _q4 = moved
    f = tmp_path / "f.yaml"
    f.write_text(small_framework(), encoding="utf-8")
    out = tmp_path / "ranks.csv"
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--year", "2025", "--out", str(out)])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["zone"], r["rank"], r["score_gdp"]) for r in rows] == [
        (world.zone_b.name, "1", "100.0"), (zone_c.name, "2", "50.0"), (world.zone_a.name, "3", "0.0"),
    ]  # fmt: skip
    assert "26 values from 考评数据, 1 from 指标监测" in res.output
