"""Two progress reports posted at the same moment still obey "not lower than the last report"."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from tests.personas import World

from devzone.plans.actions import report_progress
from devzone.plans.models import Assignment
from devzone.plans.tests.factories import zone_b_plan


@pytest.mark.postgres
def test_two_concurrent_reports_never_store_a_lower_percent_after_a_higher(
    transactional_db: None, world: World
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time; the race needs two at once")
    assignment = zone_b_plan(world).assignment
    start = assignment.reports.order_by("-reported_at", "-pk").first()
    floor = start.percent if start else 0
    for round_ in range(8):
        low, high = floor + 2 * round_ + 1, floor + 2 * round_ + 2
        barrier = threading.Barrier(2, timeout=30)
        outcome: dict[int, str] = {}

        def post(
            percent: int, barrier: threading.Barrier = barrier, outcome: dict[int, str] = outcome
        ) -> None:
            try:
                barrier.wait()
                report_progress(
                    Assignment.objects.get(pk=assignment.pk),
                    period="2026-08",
                    percent=percent,
                    narrative="并发报送",
                    actor=world.staff_b,
                    source="test",
                )
                outcome[percent] = "stored"
            except ValidationError:
                outcome[percent] = "refused"
            finally:
                connections.close_all()

        threads = [threading.Thread(target=post, args=(p,)) for p in (high, low)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outcome[high] == "stored"
        percents = list(assignment.reports.order_by("reported_at", "pk").values_list("percent", flat=True))
        assert percents == sorted(percents), f"round {round_}: a lower report was stored after a higher one"
