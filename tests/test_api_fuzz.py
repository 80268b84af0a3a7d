"""Schemathesis against the live OpenAPI document: no 5xx, no answer that breaks the document.

The document is loaded from the running app (``/api/openapi.json`` through the WSGI handler, so every
request takes the real middleware, authentication and error path). Each operation gets a bounded number
of generated requests as zone staff and as a viewer: valid ones, invalid ones, and valid ones aimed at
the records of a small demo-like world (zone B's plan, targets, 亩均 run, assessment run). Any 5xx, undocumented status code, wrong content type or body outside the documented
schema fails the test, with every failing operation listed at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from devzone.accounts.tokens import issue_token
from devzone.assessment.tests.factories import zone_b_framework, zone_b_run
from devzone.enterprises.tests.test_views_world import zone_b_records
from devzone.indicators.tests.factories import zone_b_target
from devzone.plans.tests.factories import zone_b_plan
from tests import test_zone_isolation
from tests.personas import World

# Requests per operation and user (57 operations, two users); DEVZONE_FUZZ_EXAMPLES=200 for a long run.
EXAMPLES = int(os.environ.get("DEVZONE_FUZZ_EXAMPLES", "8"))
# Re-evaluating a whole 亩均 run takes seconds for every request that names a real one.
FEWER = {"POST /api/mu-runs/{mu_run_id}/reproduce": 3}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


# The URL walk's world with every record it names, built once for this module too; each test runs in
# a savepoint of it, so what the fuzzed requests change is undone.
walk_worlds = test_zone_isolation.walk_worlds
world = test_zone_isolation.world


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """The real WSGI handler inside the test's transaction.

    Django closes a connection that is inside a transaction at each request's start and end (its
    autocommit differs from the settings'); the test client unhooks that signal, and so does this.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def real_ids(world: World) -> dict[str, int]:
    """Path parameter → a record of zone B that the fuzzed users may (staff) or may only read (viewer)."""
    plan = zone_b_plan(world)
    mu = zone_b_records(world)
    return {
        "zone_id": world.zone_b.pk,
        "unit_id": world.unit_b.pk,
        "plan_id": plan.plan.pk,
        "task_id": plan.assignment.task_id,
        "assignment_id": plan.assignment.pk,
        "report_id": plan.report.pk,
        "target_id": zone_b_target(world).pk,
        "framework_id": zone_b_framework(world).pk,
        "run_id": zone_b_run(world).pk,
        "mu_run_id": mu.run.pk,
        "result_id": mu.result.pk,
        "objection_id": mu.objection.pk,
    }


def fuzz(schema: Any, key: str, ids: dict[str, int]) -> tuple[int, int, list[str]]:
    """Every operation, EXAMPLES requests each: the operations and requests, and each failing operation."""
    headers = {"Authorization": f"Bearer {key}"}
    sent = 0
    failures: dict[str, str] = {}  # operation → its first failure
    results = list(schema.get_all_operations())
    for result in results:
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        fixed = {name: ids[name] for name in names if name in ids}
        strategies = [operation.as_strategy(generation_mode=mode) for mode in MODES]
        if fixed:
            strategies.append(operation.as_strategy(path_parameters=fixed))

        @hypothesis.given(case=st.one_of(strategies))
        @hypothesis.settings(
            max_examples=min(EXAMPLES, FEWER.get(operation.label, EXAMPLES)),
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal sent
            sent += 1
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (AssertionError, BaseExceptionGroup) as error:
                failures.setdefault(case.operation.label, f"{case.operation.label}: {error}")

        began = time.monotonic()
        run()
        if os.environ.get("DEVZONE_FUZZ_TIMES"):  # with -s: where the test's time goes
            print(f"{time.monotonic() - began:6.2f} s {operation.label}")
    return len(results), sent, list(failures.values())


@pytest.mark.parametrize("who", ["staff", "viewer"])
def test_no_server_error_and_no_schema_violation(world: World, wsgi_app: Any, who: str) -> None:
    ids = real_ids(world)
    user = world.staff_b if who == "staff" else world.viewer
    _token, key = issue_token(user=user, name="fuzz")
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    started = time.monotonic()
    operations, sent, failures = fuzz(schema, key, ids)
    elapsed = time.monotonic() - started
    print(f"{who}: {operations} operations, {sent} requests in {elapsed:.1f} s")
    assert not failures, "\n\n".join(failures)
    assert operations >= 57 and sent >= operations * 3  # the whole document was fuzzed, not a corner of it
