"""One value for a zone-year everywhere: the annual-figure rule, 考评数据 collected once, the demo.

The zone below reports GDP only by quarter (year-to-date 2024Q1–Q4 = 150, 320, 480, 650 亿元): its
2024 annual figure is the Q4 one, 650, on the target board as in the assessment's data merge.
"""

from __future__ import annotations

import pytest
from tests.personas import World

from devzone.assessment.demo import YEARS, build_assessment_demo
from devzone.assessment.imports import ImportRefused, import_values
from devzone.assessment.models import AssessmentRun, AssessmentValue
from devzone.assessment.sources import build_snapshot
from devzone.assessment.tests.factories import stored_framework
from devzone.audit.models import AuditEntry
from devzone.indicators import demo as indicators_demo
from devzone.indicators.board import evaluate_targets, load_figures
from devzone.indicators.models import Indicator, Observation, Target
from devzone.indicators.periods import parse_period
from devzone.indicators.tests.factories import catalogue, target
from devzone.orgs.demo import build_directory
from devzone.orgs.models import Zone

QUARTERS = (("2024Q1", 150.0), ("2024Q2", 320.0), ("2024Q3", 480.0), ("2024Q4", 650.0))


def observe(zone: Zone, period: str, value: float, *, code: str = "gdp") -> Observation:
    indicator = Indicator.objects.get(code=code)
    row: Observation = Observation.objects.create(
        indicator=indicator, zone=zone, city=zone.city, period=period, period_end=parse_period(period).end,
        value=value, entered_value=value, entered_unit=indicator.unit, source="季报",
    )  # fmt: skip
    return row


def test_a_zone_reporting_only_by_quarter_has_one_annual_figure_on_board_and_assessment(
    world: World,
) -> None:
    catalogue()
    for period, value in QUARTERS:
        observe(world.zone_a, period, value)
    tracked = target(world.zone_a, base_value=500.0, base_period="2020", deadline="2025")
    fw = stored_framework().engine()

    rows, as_of = evaluate_targets([tracked])
    on_board = load_figures([tracked]).series(
        tracked.indicator, zone_id=world.zone_a.pk, city=world.zone_a.city, coverage=tracked.coverage
    )
    merged = build_snapshot(fw, year=2024, zone_ids={world.zone_a.pk})["rows"]

    assert on_board == {2024.0: 650.0}
    assert (as_of, rows[0].current, rows[0].status != "no data") == (2024.0, 650.0, True)
    q4 = Observation.objects.get(zone=world.zone_a, period="2024Q4")
    assert merged == [
        [str(world.zone_a.pk), "gdp", 2024, 650.0, "indicators", {"id": q4.pk, "period": "2024Q4"}]
    ]


def upload(world: World, rows: str, *, user: str = "staff_a") -> object:
    content = ("zone,indicator,year,value\n" + rows).encode()
    return import_values("考评.csv", content, actor=getattr(world, user))


def test_a_figure_typed_on_the_assessment_page_is_the_indicators_observation(world: World) -> None:
    catalogue()
    upload(world, f"{world.zone_a.name},gdp,2024,703.87\n{world.zone_a.name},energy,2024,0.4\n")
    written = Observation.objects.get(zone=world.zone_a, indicator__code="gdp", is_current=True)
    assert (written.period, written.value, written.entered_unit, written.entered_by) == (
        "2024",
        703.87,
        "亿元",
        world.staff_a,
    )
    assert not Observation.objects.filter(indicator__code="energy").exists()  # not in the catalogue
    # typing the same figure again, or re-uploading it, writes nothing more
    upload(world, f"{world.zone_a.name},gdp,2024,703.87\n")
    assert Observation.objects.filter(zone=world.zone_a, indicator__code="gdp").count() == 1
    # a correction of the 考评数据 revises the observation it wrote (the old row is superseded)
    upload(world, f"{world.zone_a.name},gdp,2024,705\n")
    current = Observation.objects.get(zone=world.zone_a, indicator__code="gdp", is_current=True)
    assert current.value == 705.0
    assert Observation.objects.filter(zone=world.zone_a, indicator__code="gdp").count() == 2
    assert AssessmentValue.objects.get(zone=world.zone_a, indicator="gdp", year=2024).value == 705.0


def test_a_second_value_for_a_monitored_zone_year_is_refused_and_nothing_is_written(world: World) -> None:
    catalogue()
    for period, value in QUARTERS:
        observe(world.zone_a, period, value)
    before = (AssessmentValue.objects.count(), Observation.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ImportRefused) as refused:
        upload(world, f"{world.zone_a.name},hte,2024,12\n{world.zone_a.name},gdp,2024,375.02\n")
    assert [str(i) for i in refused.value.issues] == [
        f"考评.csv：{world.zone_a.name} 2024 年“地区生产总值”（gdp）：指标监测已有数值 650 亿元（统计期 2024Q4），"
        "与填报值 375.02 不一致；同一数据只采集一次，请填写相同数值或先在指标数据中修订"
    ]
    assert (
        AssessmentValue.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    with pytest.raises(ImportRefused) as implausible:
        upload(world, f"{world.zone_a.name},gdp,2023,-5\n")
    assert [str(i) for i in implausible.value.issues] == [
        f"考评.csv：{world.zone_a.name} 2023 年“地区生产总值”（gdp）：-5 亿元 不在指标目录的合理范围 [0, 100000] 内"
    ]
    assert (
        AssessmentValue.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    # the figure the indicators slice has is accepted, and then both show it
    upload(world, f"{world.zone_a.name},gdp,2024,650\n")
    assert Observation.objects.count() == before[1]
    assert AssessmentValue.objects.get(zone=world.zone_a, indicator="gdp", year=2024).value == 650.0


def test_the_demo_shows_one_value_for_a_zone_year_on_the_board_and_in_the_assessment(db: None) -> None:
    build_directory()
    indicators_demo.build_indicators_demo(seed=20261124)
    build_assessment_demo(seed=20261124)
    assert YEARS == indicators_demo.YEARS
    city_zone = Zone.objects.get(short_name="市开发区")
    board_target = Target.objects.get(zone=city_zone, indicator__code="gdp", kind="level")
    board = load_figures([board_target]).series(
        board_target.indicator, zone_id=city_zone.pk, city=city_zone.city, coverage=board_target.coverage
    )
    typed = AssessmentValue.objects.get(zone=city_zone, indicator="gdp", year=2024).value
    run = AssessmentRun.objects.get(year=2024)
    in_run = next(r[3] for r in run.snapshot["rows"] if r[:3] == [str(city_zone.pk), "gdp", 2024])
    assert board[2024.0] == typed == in_run == run.results.get(zone=city_zone).raw_values["gdp"]
    # every zone-year of a code the catalogue tracks: 考评数据 equals the indicators slice's annual figure
    tracked = set(Indicator.objects.values_list("code", flat=True))
    cells = AssessmentValue.objects.filter(indicator__in=tracked)
    assert cells.count() == 9 * 2 * 5  # gdp and industrial_output, nine zones, five years
    for cell in cells:
        figure = Observation.objects.get(
            zone=cell.zone, indicator__code=cell.indicator, period=str(cell.year), is_current=True
        )
        assert figure.value == cell.value, (cell.zone.name, cell.indicator, cell.year)
    # the board still tells its story as of the demo's last year
    _rows, as_of = evaluate_targets(list(Target.objects.select_related("indicator", "zone")))
    assert as_of == float(YEARS[-1])
