"""Evaluation runs: stored with method text, snapshot and hashes; reproduced exactly; tampering is found."""

from __future__ import annotations

import hashlib
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.core.files.base import ContentFile
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.enterprises.actions import WorkflowError, import_records, reproduce, run_evaluation, years_needed
from devzone.enterprises.inputs_schema import NAMES
from devzone.enterprises.method import MethodError
from devzone.enterprises.method_load import METHODS_DIR, resolve
from devzone.enterprises.models import MuResult, MuRun
from devzone.enterprises.uscc import check_character

LYG = (METHODS_DIR / "lyg-seed.yaml").read_text(encoding="utf-8")


def uscc(n: int) -> str:
    body = f"91320703MA{n:07d}"
    return body + check_character(body)


def below(n: int, *, tax: float, year: int = 2024, **values: Any) -> dict[str, Any]:
    """A 规下 firm on 10 亩: lyg-seed scores it on 亩均税收 alone (weight 100, benchmark = segment mean, cap 3)."""
    row: dict[str, Any] = dict.fromkeys(NAMES)
    row.update(
        year=year,
        uscc=uscc(n),
        name=f"企业{n}",
        industry_code="3311",
        scale="below",
        land_mu=10.0,
        leased=False,
        tax=tax,
        sales=tax * 20,
    )
    return row | values


def load(world: World) -> None:
    """Zone A: three graded 规下 firms in 2024 (亩均税收 1, 2, 3 万元/亩), one firm in 2023 only, one utility."""
    import_records(
        zone=world.zone_a,
        year=2024,
        records=[
            below(1, tax=10.0),
            below(2, tax=20.0),
            below(3, tax=30.0),
            below(4, tax=5.0, industry_code="4411"),
        ],
        actor=None,
        source="test",
    )
    import_records(
        zone=world.zone_a, year=2023, records=[below(1, tax=8.0, year=2023)], actor=None, source="test"
    )


def test_a_run_is_stored_with_its_method_snapshot_and_hashes(world: World) -> None:
    load(world)
    run = run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=world.staff_a, source="web"
    )
    assert (run.zone, run.year, run.method_id, run.status) == (world.zone_a, 2024, "lyg-seed", "draft")
    assert run.title == "甲区经济开发区 2024 年度亩均效益评价"
    assert run.method_yaml == LYG
    assert run.method_sha256 == hashlib.sha256(LYG.encode("utf-8")).hexdigest()
    data = run.input_snapshot.read()
    assert run.input_sha256 == hashlib.sha256(data).hexdigest()
    assert run.input_rows == 5  # 2024's four rows and 2023's one (consecutive-year rules read it)
    table = pq.read_table(run.input_snapshot.path)
    assert table.column_names == list(NAMES)
    assert table.select(["year", "uscc"]).to_pylist()[0] == {"year": 2023, "uscc": uscc(1)}
    assert set(table["zone"].to_pylist()) == {world.zone_a.short_name}
    assert run.created_by == world.staff_a
    entry = AuditEntry.objects.get(model="enterprises.MuRun")
    assert (entry.source, entry.zone_id, entry.after["results"]) == ("web", world.zone_a.pk, 4)


def test_results_carry_the_explanation_computed_by_hand(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    results = {r.uscc: r for r in run.results.all()}
    assert len(results) == 4
    # segment mean of 亩均税收 = (1 + 2 + 3) / 3 = 2; points = 100 × value / 2 (cap 3 × 100 not reached)
    best = results[uscc(3)]
    assert (best.segment, best.score, best.rank, best.klass, best.final_class) == (
        "below",
        150.0,
        1,
        "A",
        "A",
    )
    assert best.indicators == [
        {
            "code": "tax_per_mu",
            "name": "单位用地税收",
            "unit": "万元/亩",
            "value": 3.0,
            "benchmark": 2.0,
            "points": 150.0,
            "weight": 100.0,
        }
    ]
    # shares 20/55/20/5 of 3 firms: A = round(0.6) = 1 place, A+B = round(2.25) = 2, A+B+C = round(2.85) = 3
    assert [(results[uscc(n)].score, results[uscc(n)].rank, results[uscc(n)].klass) for n in (2, 1)] == [
        (100.0, 2, "B"),
        (50.0, 3, "C"),
    ]
    assert best.extra == {
        "adjustment_points": 0.0,
        "policy_electricity_surcharge": None,
        "policy_factor_priority": 1.0,
    }
    assert best.enterprise.uscc == uscc(3)
    assert (best.zone, best.year, best.name, best.industry_code, best.veto) == (
        world.zone_a,
        2024,
        "企业3",
        "3311",
        False,
    )
    utility = results[uscc(4)]
    assert (utility.klass, utility.rank, utility.exempt_reason) == (
        "T",
        None,
        "电力热力燃气水供应企业 (采集数据不评级)",
    )
    assert set(run.summary) == {"segments", "zones", "industries"}
    assert run.summary["zones"][0]["zone"] == world.zone_a.short_name
    assert run.summary["zones"][0]["enterprises"] == 4
    assert run.summary["segments"][0]["n_A"] == 1


def test_reproduce_is_identical_and_finds_tampering(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    assert reproduce(run) == (True, [])
    MuResult.objects.filter(run=run, uscc=uscc(3)).update(score=149.0, klass="B")
    identical, differences = reproduce(run)
    assert not identical
    assert differences == [
        f"{uscc(3)}: score stored 149.0, recomputed 150.0",
        f"{uscc(3)}: klass stored 'B', recomputed 'A'",
    ]
    MuResult.objects.filter(run=run, uscc=uscc(3)).update(score=150.0, klass="A")
    result = MuResult.objects.get(run=run, uscc=uscc(2))
    result.indicators[0]["benchmark"] = 2.5
    result.save()
    assert reproduce(run).differences[0].startswith(f"{uscc(2)}: indicators stored")


def test_reproduce_finds_a_changed_snapshot(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    table = pq.read_table(run.input_snapshot.path)
    taxes = table["tax"].to_pylist()
    taxes[table["uscc"].to_pylist().index(uscc(2), 1)] = 40.0  # 企业2 in 2024: the segment mean rises
    changed = table.set_column(table.schema.get_field_index("tax"), "tax", [taxes])
    pq.write_table(changed, run.input_snapshot.path)
    identical, differences = reproduce(run)
    assert not identical
    assert differences[0] == "input snapshot: file does not match its SHA-256"
    assert any(d.startswith(f"{uscc(3)}: score stored 150.0") for d in differences)


def test_editing_the_method_text_is_found(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    MuRun.objects.filter(pk=run.pk).update(
        method_yaml=LYG.replace(
            "cap: 3, floor: 0}\n    indicators:\n      - {code: tax_per_mu, label: 单位用地税收, formula: tax / land_mu, unit: 万元/亩, weight: 100",
            "cap: 1.2, floor: 0}\n    indicators:\n      - {code: tax_per_mu, label: 单位用地税收, formula: tax / land_mu, unit: 万元/亩, weight: 100",
        )
    )
    run.refresh_from_db()
    identical, differences = reproduce(run)
    assert not identical
    assert differences[0] == "method: stored text does not match its SHA-256"
    assert f"{uscc(3)}: score stored 150.0, recomputed 120.0" in differences


def test_city_wide_run_covers_every_zone(world: World) -> None:
    load(world)
    import_records(zone=world.zone_b, year=2024, records=[below(9, tax=40.0)], actor=None, source="test")
    run = run_evaluation(
        zone=None, year=2024, method_id_or_yaml="lyg-seed", actor=world.coordinator, source="api"
    )
    assert run.zone is None
    zones = dict(run.results.values_list("uscc", "zone"))
    assert zones[uscc(9)] == world.zone_b.pk and zones[uscc(1)] == world.zone_a.pk
    assert run.results.get(uscc=uscc(9)).rank == 1  # 4 万元/亩 leads the city's 规下 segment
    assert reproduce(run).identical
    assert AuditEntry.objects.get(model="enterprises.MuRun").zone_id is None


def test_a_method_given_as_yaml_text_is_stored_as_given(world: World) -> None:
    load(world)
    text = LYG.replace("id: lyg-seed", "id: lyg-seed-local")
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml=text, actor=None, source="web")
    assert (run.method_id, run.method_yaml) == ("lyg-seed-local", text)
    assert reproduce(run).identical


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "formula: tax / land_mu, unit: 万元/亩, weight: 100,",
            "formula: tax / land_mu, unit: 万元/亩, weight: 90,",
            "(上传的评价办法): segments[1].indicators: 权重合计为 90，应为 100",
        ),
        (
            "formula: tax / land_mu, unit: 万元/亩, weight: 100,",
            "formula: tax / land_area, unit: 万元/亩, weight: 100,",
            "(上传的评价办法): segments[1].indicators[0].formula: unknown field 'land_area'",
        ),
    ],
)
def test_a_bad_method_is_refused_and_nothing_is_written(
    world: World, old: str, new: str, message: str
) -> None:
    load(world)
    assert old in LYG
    with pytest.raises(MethodError) as caught:
        run_evaluation(
            zone=world.zone_a, year=2024, method_id_or_yaml=LYG.replace(old, new), actor=None, source="web"
        )
    assert str(caught.value) == message
    assert not MuRun.objects.exists()
    assert not MuResult.objects.exists()
    assert not AuditEntry.objects.filter(model="enterprises.MuRun").exists()


def test_unknown_method_id_and_missing_year_are_refused(world: World) -> None:
    load(world)
    with pytest.raises(MethodError, match="没有这个名称的内置评价办法"):
        run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="no-such", actor=None, source="web")
    with pytest.raises(WorkflowError, match="没有 2022 年度的企业数据"):
        run_evaluation(zone=world.zone_a, year=2022, method_id_or_yaml="lyg-seed", actor=None, source="web")
    with pytest.raises(WorkflowError, match="没有 2024 年度的企业数据"):
        run_evaluation(zone=world.zone_b, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    assert not MuRun.objects.exists()


def test_years_needed_cover_policies_and_land_rules() -> None:
    # lyg-seed: D surcharge by 1/2/3+ consecutive years → two earlier years
    assert years_needed(resolve("lyg-seed"), 2024) == [2022, 2023, 2024]
    # js-huaian-2024: benchmarks are 2 × the previous year's mean → at least the year before
    assert years_needed(resolve("js-huaian-2024"), 2024)[-2:] == [2023, 2024]


def test_results_survive_a_reopened_snapshot_file(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    data = run.input_snapshot.read()
    run.input_snapshot.save("copy.parquet", ContentFile(data))
    assert reproduce(MuRun.objects.get(pk=run.pk)).identical


def test_renaming_a_zone_after_the_run_does_not_break_reproduction(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    world.zone_a.short_name = "新简称"
    world.zone_a.save()
    assert reproduce(run).identical
