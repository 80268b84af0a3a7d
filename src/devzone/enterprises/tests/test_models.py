"""The 亩均 records: names, uniqueness, cascades and the zone every record carries."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from tests.personas import World

from devzone.enterprises.actions import import_records, run_evaluation
from devzone.enterprises.models import Enterprise, EnterpriseYear, MuResult, MuRun
from devzone.enterprises.tests.test_runs import below, uscc


def test_an_enterprise_is_unique_per_zone(world: World) -> None:
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲", industry_code="3311")
    Enterprise.objects.create(zone=world.zone_b, uscc=uscc(1), name="甲", industry_code="3311")
    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="乙", industry_code="3311")
    assert str(Enterprise.objects.first()) == f"甲 ({uscc(1)})"


def test_one_row_per_enterprise_and_year(world: World) -> None:
    import_records(zone=world.zone_a, year=2024, records=[below(1, tax=10.0)], actor=None, source="test")
    year = EnterpriseYear.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        EnterpriseYear.objects.create(
            enterprise=year.enterprise, zone=world.zone_a, year=2024, scale="above", land_mu=1, tax=1, sales=1
        )
    assert str(year) == f"企业1 ({uscc(1)}) 2024"


def test_results_keep_their_text_when_the_enterprise_goes(world: World) -> None:
    import_records(zone=world.zone_a, year=2024, records=[below(1, tax=10.0)], actor=None, source="test")
    run = run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test"
    )
    assert str(run) == "甲区经济开发区 2024 年度亩均效益评价"
    Enterprise.objects.all().delete()
    result = MuResult.objects.get()
    assert (result.enterprise, result.uscc, result.name, result.zone) == (
        None,
        uscc(1),
        "企业1",
        world.zone_a,
    )
    assert str(result) == f"企业1 ({uscc(1)}) B"  # one firm: A holds round(0.2) = 0 places
    MuRun.objects.all().delete()
    assert not MuResult.objects.exists()
