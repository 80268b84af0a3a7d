"""Fixtures of the assessment slice: three zones with years of values, and a stored run of them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.personas import World

from devzone.assessment.actions import run_assessment
from devzone.assessment.models import AssessmentRun, Framework
from devzone.assessment.tests.factories import (
    crossing_framework,
    crossing_values,
    stored_framework,
    three_zone_values,
)
from devzone.orgs.models import Zone


@dataclass
class Assessed:
    world: World
    zone_c: Zone
    framework: Framework
    run: AssessmentRun


@pytest.fixture
def assessed(world: World) -> Assessed:
    zone_c = three_zone_values(world)
    fw = stored_framework()
    run = run_assessment(fw, year=2025, actor=world.coordinator, samples=200, seed=7)
    return Assessed(world=world, zone_c=zone_c, framework=fw, run=run)


@pytest.fixture
def crossed(world: World) -> Assessed:
    """The crossing data (ranks differ per category; the weights move the ranking) run with uncertainty."""
    zone_c = crossing_values(world)
    fw = crossing_framework()
    run = run_assessment(fw, year=2025, actor=world.coordinator, samples=200, seed=11)
    return Assessed(world=world, zone_c=zone_c, framework=fw, run=run)
