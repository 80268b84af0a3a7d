"""Walk every URL pattern and API route as a user of zone A and try to read and change zone B.

New routes are covered without editing this file, as long as their URL parameters are
known below: a route with an unknown parameter fails the test, so whoever adds it must
say which zone-B record that parameter names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from devzone.accounts.models import ApiToken, User
from devzone.assessment.tests.factories import zone_b_framework, zone_b_run
from devzone.audit.models import AuditEntry
from devzone.enterprises.tests.test_views_world import zone_b_records
from devzone.indicators.models import PeriodLock
from devzone.indicators.tests.factories import zone_b_target
from devzone.orgs.zones import zone_path
from devzone.plans.tests.factories import zone_b_plan
from tests.personas import ZONE_B_MARK, World

# URL parameter → the zone-B record (or harmless value) it is filled with. A factory may create
# the record it names; the walk fills every route before it takes its snapshot of zone B.
ZONE_B_PARAMETERS: dict[str, Callable[[World], str]] = {
    "zone_id": lambda w: str(w.zone_b.pk),
    "unit_id": lambda w: str(w.unit_b.pk),
    "token_id": lambda w: str(w.token_b.pk),
    "entry_id": lambda w: str(AuditEntry.objects.filter(zone=w.zone_b).first().pk),
    "framework_id": lambda w: str(zone_b_framework(w).pk),
    "run_id": lambda w: str(zone_b_run(w).pk),
    "mu_run_id": lambda w: str(zone_b_records(w).run.pk),
    "enterprise_id": lambda w: str(zone_b_records(w).enterprise.pk),
    "import_id": lambda w: str(zone_b_records(w).data_import.pk),
    "result_id": lambda w: str(zone_b_records(w).result.pk),
    "objection_id": lambda w: str(zone_b_records(w).objection.pk),
    "target_id": lambda w: str(zone_b_target(w).pk),
    "plan_id": lambda w: str(zone_b_plan(w).plan.pk),
    "task_id": lambda w: str(zone_b_plan(w).assignment.task_id),
    "owner_id": lambda w: str(zone_b_plan(w).assignment.owner_id),
    "deadline_id": lambda w: str(zone_b_plan(w).assignment.task.deadlines.first().pk),
    "plan_target_id": lambda w: str(zone_b_plan(w).plan.targets.first().pk),
    "assignment_id": lambda w: str(zone_b_plan(w).assignment.pk),
    "report_id": lambda w: str(zone_b_plan(w).report.pk),
    "evidence_id": lambda w: str(zone_b_plan(w).evidence.pk),
    "notice_id": lambda w: str(zone_b_plan(w).notice.pk),
    "lock_id": lambda w: str(
        PeriodLock.objects.get_or_create(city=w.zone_b.city, period="2020", defaults={"note": ZONE_B_MARK})[
            0
        ].pk
    ),
    "fmt": lambda w: "docx",
    "rest": lambda w: f"no-such-operation/{w.zone_b.pk}",  # /api/… that no operation matches
    # Django admin's own routes; a zone user is never staff, so every one of them must refuse.
    "app_label": lambda w: "orgs",
    "object_id": lambda w: str(w.zone_b.pk),
    "content_type_id": lambda w: "1",
    "url": lambda w: "orgs/zone/",
    "id": lambda w: str(w.staff_b.pk),
}
# 422: the request body failed validation before any record was looked up, so it tells nothing.
REFUSED = {302, 401, 403, 404, 405, 422}
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    pattern: str
    params: tuple[str, ...]

    def fill(self, world: World) -> str:
        path = self.pattern
        for name in self.params:
            if name not in ZONE_B_PARAMETERS:
                raise AssertionError(f"route {self.pattern!r} has parameter {name!r} with no zone-B value")
            value = ZONE_B_PARAMETERS[name](world)
            path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, path)
        return "/" + path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")


def walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
            yield Route(route, tuple(a or b for a, b in params))


def all_routes() -> list[Route]:
    return sorted(set(walk(get_resolver().url_patterns)), key=lambda r: r.pattern)


# Models that belong to no zone (shared reference data or personal records).
UNZONED_MODELS = {
    "accounts.User",
    "accounts.ApiToken",
    "accounts.PasswordHistory",
    "accounts.TotpDevice",
    "orgs.OwnerGroup",
    "assessment.Framework",
    "assessment.AssessmentRun",
    "indicators.Indicator",
    "audit.AuditAnchor",  # a purge point of the one system-wide audit chain
    "notices.PassRun",  # the day a daily notice pass ran, for the whole installation
    "indicators.PeriodLock",  # a city's lock; only coordinators change it
}


def devzone_models() -> list[type[Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("devzone.")]


def zone_b_state(world: World) -> dict[str, Any]:
    """Every row of zone B in every devzone model, plus zone B's people: what a forbidden request could change."""
    state: dict[str, Any] = {
        "tokens": list(ApiToken.objects.filter(user=world.staff_b).values()),
        "staff_b": list(User.objects.filter(pk=world.staff_b.pk).values()),
        "staff_b_zones": sorted(world.staff_b.zones.values_list("pk", flat=True)),
        "members": sorted(world.group.members.values_list("pk", flat=True)),
    }
    for model in devzone_models():
        path = zone_path(model)
        if path is None:
            continue
        lookup = {"pk": world.zone_b.pk} if path == "pk" else {path: world.zone_b.pk}
        rows = model._default_manager.filter(**lookup).order_by("pk").values()
        state[model._meta.label] = [{k: v for k, v in r.items() if k != "last_used_at"} for r in rows]
    return state


def test_every_model_says_which_zone_it_belongs_to() -> None:
    unknown = [
        m._meta.label
        for m in devzone_models()
        if zone_path(m) is None and m._meta.label not in UNZONED_MODELS
    ]
    assert not unknown, f"give these models a zone field or a zone_path, or list them as unzoned: {unknown}"


def hostile_payloads(world: World) -> list[dict[str, Any]]:
    """A full record pointing at zone B, and a minimal edit that only touches descriptive fields.

    Both are sent: a route may refuse the full one for a field-level reason and still let the
    minimal one through, which is exactly the hole the walk must find.
    """
    full = {
        "name": "hijacked",
        "short_name": "hijacked",
        "description": "hijacked",
        "zone_id": world.zone_b.pk,
        "zone": world.zone_b.pk,
        "level": "national",
        "kind": "etdz",
        "region_code": "320703",
        "province": "江苏省",
        "city": "连云港市",
        "aliases": ["hijacked"],
        "text": ZONE_B_MARK,
    }
    minimal = {"description": "hijacked", "short_name": "hijacked", "note": "hijacked", "percent": 100}
    return [full, minimal]


def send(client: Client, method: str, path: str, payload: dict[str, Any] | None) -> HttpResponse:
    if method == "get":
        return client.get(path)
    if path.startswith("/api/"):
        return getattr(client, method)(path, data=json.dumps(payload), content_type="application/json")
    if method == "post":
        return client.post(path, data=payload)
    return getattr(client, method)(path)


def test_every_route_is_known() -> None:
    routes = all_routes()
    assert len(routes) > 20
    unknown = {p for r in routes for p in r.params if p not in ZONE_B_PARAMETERS}
    assert not unknown, f"add these URL parameters to ZONE_B_PARAMETERS: {sorted(unknown)}"


@pytest.mark.parametrize("user_name", ["staff_a", "viewer_a"])
def test_zone_a_user_can_neither_read_nor_change_zone_b(world: World, user_name: str) -> None:
    user = getattr(world, user_name)
    client = world.client_for(user)
    paths = [(route, route.fill(world)) for route in all_routes()]
    before = zone_b_state(world)
    leaks: list[str] = []
    for route, path in paths:
        attempts = [("get", None)] + [(m, p) for m in METHODS[1:] for p in hostile_payloads(world)]
        for method, payload in attempts:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # logout routes
            response = send(client, method, path, payload)
            body = response.content.decode("utf-8", "replace") if not response.streaming else ""
            if ZONE_B_MARK in body:
                leaks.append(f"{method.upper()} {path} shows zone B ({response.status_code})")
            if route.params and route.params != ("url",) and response.status_code not in REFUSED:
                leaks.append(f"{method.upper()} {path} answered {response.status_code}")
        assert zone_b_state(world) == before, f"zone B changed after requests to {path}"
    assert not leaks, "\n".join(leaks)


def test_anonymous_sees_no_zone_data(world: World) -> None:
    client = world.client_for(None)
    for route in all_routes():
        path = route.fill(world)
        response = client.get(path)
        assert ZONE_B_MARK not in response.content.decode("utf-8", "replace"), path
        assert response.status_code in {200, 302, 401, 404, 405}, path
        if response.status_code == 200:
            assert path.startswith(("/accounts/login", "/admin/login", "/api/docs", "/api/openapi")), path


def test_zone_b_staff_reaches_their_own_zone(world: World) -> None:
    """The walk above would pass if everything refused everyone: the owner must get through."""
    client = world.client_for(world.staff_b)
    assert client.get(f"/orgs/zones/{world.zone_b.pk}/").status_code == 200
    assert client.get(f"/api/zones/{world.zone_b.pk}").status_code == 200
    response = client.patch(
        f"/api/zones/{world.zone_b.pk}",
        data=json.dumps({"description": "新的简介"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    world.zone_b.refresh_from_db()
    assert world.zone_b.description == "新的简介"
