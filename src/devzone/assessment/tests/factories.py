"""Zone-B records for the URL walk (tests/test_zone_isolation.py) and fixtures for the slice's tests."""

from __future__ import annotations

from typing import Any

from tests.personas import make_zone

from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework, RuleOutcome, ZoneResult

MARK = "乙区ZBMARK"
SMALL_FRAMEWORK = """\
schema: devzone.framework/1
name: {name}
tree:
  - code: ECO
    name: 经济发展
    weight: 60
    children:
      - {{code: gdp, name: 地区生产总值, direction: 1, weight: 1}}
      - {{code: energy, name: 单位GDP能耗, direction: -1, weight: 1}}
  - code: INNO
    name: 科技创新
    weight: 40
    children:
      - {{code: hte, name: 高新技术企业数, direction: 1, weight: 1}}
rules:
  - {{id: praise, kind: rise_streak, action: 通报表彰, years: 2}}
  - {{id: summon, kind: fall_streak, action: 约谈整改, years: 2}}
  - {{id: target, kind: rank_up_each_year, action: 每年至少进1位}}
  - {{id: demote, kind: bottom_k_in_window, action: 降级备选, k: 1, window: 3, min_hits: 2}}
"""


def small_framework(name: str = "小型考核") -> str:
    return SMALL_FRAMEWORK.format(name=name)


def zone_b_framework(world: Any) -> Framework:
    cached = getattr(world, "_assessment_framework", None)
    if cached is None:
        cached = Framework(yaml_text=small_framework(f"{MARK}考核"))
        cached.clean()
        cached.save()
        world._assessment_framework = cached
    return cached


def zone_b_run(world: Any) -> AssessmentRun:
    """A run that ranks zone B alone: a zone-A user must not open it at all."""
    cached = getattr(world, "_assessment_run", None)
    if cached is None:
        fw = zone_b_framework(world)
        AssessmentValue.objects.create(
            zone=world.zone_b, indicator="walk_marker", year=2025, value=1.0, source=MARK
        )
        cached = AssessmentRun.objects.create(
            framework=fw, framework_code=fw.code, framework_sha256=fw.sha256, framework_yaml=fw.yaml_text,
            year=2025, data_sha256="0" * 64, snapshot={"rows": [[str(world.zone_b.pk), "gdp", 2025, 1.0]]},
            engine_version="test", summary={"ranked": 1, "categories": ["ECO"], "nodes": []}, note=MARK,
        )  # fmt: skip
        ZoneResult.objects.create(
            run=cached,
            zone=world.zone_b,
            score=50.0,
            rank=1,
            profile={"notes": [MARK]},
            history=[[2025, 1, 50.0]],
        )
        RuleOutcome.objects.create(
            run=cached, zone=world.zone_b, rule="praise", kind="rise_streak", action=MARK, hit=True, detail={}
        )
        world._assessment_run = cached
    return cached


# Three zones, three years, worked by hand (min-max 0–100; each zone is best, middle or worst on every
# indicator, so its index is 100, 50 or 0): 2023 A>B>C, 2024 B>A>C, 2025 B>C>A.
ORDER = {2023: ("a", "b", "c"), 2024: ("b", "a", "c"), 2025: ("b", "c", "a")}
BEST, MIDDLE, WORST = (
    {"gdp": 3.0, "energy": 1.0, "hte": 30.0},
    {"gdp": 2.0, "energy": 2.0, "hte": 20.0},
    {"gdp": 1.0, "energy": 3.0, "hte": 10.0},
)


def three_zone_values(world: Any) -> Any:
    """Zone C (a third zone) and the values of zones A, B and C for 2023–2025; returns zone C."""
    zone_c = make_zone("丙区经济开发区")
    zones = {"a": world.zone_a, "b": world.zone_b, "c": zone_c}
    for year, order in ORDER.items():
        for key, values in zip(order, (BEST, MIDDLE, WORST), strict=True):
            for indicator, value in values.items():
                AssessmentValue.objects.create(
                    zone=zones[key], indicator=indicator, year=year, value=value, source="测试"
                )
    return zone_c


def stored_framework(name: str = "小型考核") -> Framework:
    fw = Framework(yaml_text=small_framework(name))
    fw.clean()
    fw.save()
    return fw


# Crossing ranks, worked by hand (min-max 0–100, categories weighted 1:1, one indicator each):
# 2025 A = (gdp 100, hte 20), B = (0, 100), C = (0, 0) → index A 60, B 50, C 0.
# 2024 A = (50, 100), B = (100, 0), C = (0, 50) → ECO ranks B1 A2 C3, INNO ranks A1 C2 B3.
# Sobol of the rank shift to the two category weights (each × U(0.75, 1.25)): the ranking moves
# only when m_ECO < 0.8·m_INNO (B passes A), so S_ECO = 25/81, S_INNO = 17/81, ST_ECO = 64/81,
# ST_INNO = 56/81 (two factors: ST_i = 1 − S_j).
CROSSING_FRAMEWORK = """\
schema: devzone.framework/1
name: 交叉考核
tree:
  - code: ECO
    name: 经济发展
    weight: 1
    children:
      - {code: gdp, name: 地区生产总值, direction: 1, weight: 1, unit: 亿元}
  - code: INNO
    name: 科技创新
    weight: 1
    children:
      - {code: hte, name: 高新技术企业数, direction: 1, weight: 1}
uncertainty: {perturb: aggregates, sobol_samples: 4096}
"""
CROSSING = {
    2024: {"a": (50.0, 100.0), "b": (100.0, 0.0), "c": (0.0, 50.0)},
    2025: {"a": (100.0, 20.0), "b": (0.0, 100.0), "c": (0.0, 0.0)},
}


def crossing_values(world: Any, *, city: str = "连云港市") -> Any:
    """Zone C (in ``city``) and the crossing values of zones A, B and C for 2024–2025; returns zone C."""
    zone_c = make_zone("丙区经济开发区", city=city)
    zones = {"a": world.zone_a, "b": world.zone_b, "c": zone_c}
    for year, by_zone in CROSSING.items():
        for key, (gdp, hte) in by_zone.items():
            for indicator, value in (("gdp", gdp), ("hte", hte)):
                AssessmentValue.objects.create(
                    zone=zones[key], indicator=indicator, year=year, value=value, source="测试"
                )
    return zone_c


def crossing_framework(extra: str = "") -> Framework:
    fw = Framework(yaml_text=CROSSING_FRAMEWORK + extra)
    fw.clean()
    fw.save()
    return fw
