"""Zone-B records for the URL walk (tests/test_zone_isolation.py) and fixtures for the slice's tests."""

from __future__ import annotations

from typing import Any

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
        AssessmentValue.objects.create(zone=world.zone_b, indicator="gdp", year=2025, value=1.0, source=MARK)
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
