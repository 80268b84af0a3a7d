"""Walk every URL pattern and API route as a user of zone A, of another city and of another province,
and try to read and change zone B and the city-level records of zone B's city (连云港市).

New routes are covered without editing this file, as long as their URL parameters are
known below: a route with an unknown parameter fails the test, so whoever adds it must
say which zone-B record that parameter names.

Zone A lies in zone B's city: its staff read the city's city-wide data (a city total, a city-wide
evaluation) but never a city plan that does not name their unit, nor a bureau's assignment (its
督办单). A user of 苏州市 (another city of 江苏省) or of 遵义市 / 贵州省 (another province) reads none of it.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from devzone.accounts.models import ApiToken, User
from devzone.assessment.tests.factories import small_framework, zone_b_framework, zone_b_run
from devzone.audit.models import AuditEntry
from devzone.core.models import Job, JobState
from devzone.enterprises.tests.test_views_world import mu_world, zone_b_records
from devzone.indicators.models import PeriodLock
from devzone.indicators.tests.factories import target, zone_b_target
from devzone.land.tests.world_db import zone_b_land
from devzone.notices.models import Notice, NoticeKind
from devzone.orgs.zones import jurisdiction_paths, zone_path
from devzone.plans import actions as plan_actions
from devzone.plans.models import Assignment, Plan
from devzone.plans.tests.factories import import_plan, zone_b_plan
from devzone.pools.tests.factories import zone_b_pools
from devzone.projects.tests.world_db import zone_b_projects
from tests.personas import ZONE_B_MARK, FarWorld, World, make_far_world, make_world

# The city-level records of zone B's city: a bureau's plan and its assignment chain, a city total.
BUREAU_MARK = "市级BUREAUMARK"
CITY_MARK = "全市CITYMARK"
CITY = "连云港市"

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
    "parcel_id": lambda w: str(zone_b_land(w).parcel.pk),
    "case_id": lambda w: str(zone_b_land(w).case.pk),
    "building_id": lambda w: str(zone_b_land(w).building.pk),
    "lease_id": lambda w: str(zone_b_land(w).lease.pk),
    "project_id": lambda w: str(zone_b_projects(w).project.pk),
    "milestone_id": lambda w: str(zone_b_projects(w).pending.pk),
    "record_id": lambda w: str(zone_b_projects(w).node.pk),
    "lock_id": lambda w: str(
        PeriodLock.objects.get_or_create(city=w.zone_b.city, period="2020", defaults={"note": ZONE_B_MARK})[
            0
        ].pk
    ),
    # an import job of zone B's staff (its progress page is its owner's alone)
    "job_id": lambda w: str(
        Job.objects.get_or_create(
            owner=w.staff_b,
            kind="enterprises.import",
            label=f"{ZONE_B_MARK}.csv",
            defaults={
                "state": JobState.DONE,
                "params": {"zone": w.zone_b.pk},
                "outcome": {"url": f"/enterprises/imports/?zone={w.zone_b.pk}", "message": ZONE_B_MARK},
            },
        )[0].pk
    ),
    # a document zone B's staff had built (its page and file are its owner's alone)
    "document_id": lambda w: str(zone_b_document(w).pk),
    "pool_id": lambda w: str(zone_b_pools(w).pool.pk),
    "member_id": lambda w: str(zone_b_pools(w).member.pk),
    "qualification_id": lambda w: str(zone_b_pools(w).qualification.pk),
    "fmt": lambda w: "docx",
    "rest": lambda w: f"no-such-operation/{w.zone_b.pk}",  # /api/… that no operation matches
    # Django admin's own routes; a zone user is never staff, so every one of them must refuse.
    "app_label": lambda w: "orgs",
    "object_id": lambda w: str(w.zone_b.pk),
    "content_type_id": lambda w: "1",
    "url": lambda w: "orgs/zone/",
    "id": lambda w: str(w.staff_b.pk),
    "user_id": lambda w: str(w.staff_b.pk),
}


def zone_b_document(world: World) -> Job:
    """A 进展报告 built for zone B's staff, done and kept (made once per world)."""
    job = Job.objects.filter(owner=world.staff_b, kind="documents").first()
    if job is None:
        name = f"进展报告-{ZONE_B_MARK}.xlsx"
        job = Job.objects.create(
            owner=world.staff_b,
            kind="documents",
            label=name,
            state=JobState.DONE,
            params={"filename": name},
            outcome={"url": "/documents/0/file/", "message": ZONE_B_MARK},
        )
        job.file.save(name, ContentFile(ZONE_B_MARK.encode()), save=True)
    return job


@dataclass(frozen=True)
class CityRecords:
    plan: Plan
    assignment: Assignment
    report: Any
    notice: Notice
    target: Any
    run: Any


def city_records(world: World) -> CityRecords:
    """连云港's city-level records, none with a zone: a bureau's plan (its report, evidence and a
    notice to the coordinator), a city total and the city-wide 亩均 run (created once per world)."""
    cached = getattr(world, "_city_records", None)
    if cached is not None:
        return cached
    text = (
        f"{BUREAU_MARK}市级统筹方案\n一、主要任务\n"
        f"1.{BUREAU_MARK}完善统计制度。2026年9月底前完成。地区生产总值突破3000亿元。(责任单位:市商务局)\n"
    )
    plan = import_plan(text, name="bureau.txt")
    plan_actions.publish_plan(plan, actor=None, source="test")
    assignment = Assignment.objects.get(task__plan=plan, unit=world.bureau)
    report = plan_actions.report_progress(
        assignment,
        period="2026-06",
        percent=40,
        narrative=f"{BUREAU_MARK}进展",
        files=[SimpleUploadedFile(f"{BUREAU_MARK}.txt", b"evidence")],
        actor=None,
        source="test",
    )
    notice = Notice.objects.create(
        user=world.coordinator,
        kind=NoticeKind.OVERDUE,
        text=f"{BUREAU_MARK} 逾期",
        url=f"/plans/assignments/{assignment.pk}/",
        key=f"bureau:{assignment.pk}",
        zone_id=None,
    )
    total = target(None, city=CITY, text=f"{CITY_MARK} 全市开发区地区生产总值突破3000亿元", value=3000.0)
    made = CityRecords(plan, assignment, report, notice, total, mu_world(world).run)
    world._city_records = made  # type: ignore[attr-defined]
    return made


# The bureau's plan and its chain: no zone-A user reads any of it.
BUREAU_PARAMETERS: dict[str, Callable[[World], str]] = {
    "plan_id": lambda w: str(city_records(w).plan.pk),
    "task_id": lambda w: str(city_records(w).assignment.task_id),
    "owner_id": lambda w: str(city_records(w).assignment.owner_id),
    "deadline_id": lambda w: str(city_records(w).assignment.task.deadlines.first().pk),
    "plan_target_id": lambda w: str(city_records(w).plan.targets.first().pk),
    "assignment_id": lambda w: str(city_records(w).assignment.pk),
    "report_id": lambda w: str(city_records(w).report.pk),
    "evidence_id": lambda w: str(city_records(w).report.evidence.get().pk),
    "notice_id": lambda w: str(city_records(w).notice.pk),
}
# Everything of the city without a zone, read by no user of another city or province.
CITY_PARAMETERS: dict[str, Callable[[World], str]] = {
    **BUREAU_PARAMETERS,
    "unit_id": lambda w: str(w.bureau.pk),
    "target_id": lambda w: str(city_records(w).target.pk),
    "mu_run_id": lambda w: str(city_records(w).run.pk),
}


@pytest.fixture(scope="module")
def walk_worlds(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[World, FarWorld]]:
    """Both worlds and every zone-B and city record a walk names, built once for the module inside a
    transaction rolled back at its end. Each test runs in a savepoint of it (pytest-django's ``db``), so
    what one test changes is undone before the next; every record is made here, not lazily in a test,
    so no test is left holding a record that a savepoint rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = make_world()
        far = make_far_world()
        for fill in [*ZONE_B_PARAMETERS.values(), *CITY_PARAMETERS.values()]:
            fill(made)
        yield made, far
        transaction.set_rollback(True)


@pytest.fixture
def world(walk_worlds: tuple[World, FarWorld], db: None) -> World:
    return walk_worlds[0]


@pytest.fixture
def far_world(walk_worlds: tuple[World, FarWorld], db: None) -> FarWorld:
    return walk_worlds[1]


# 422: the request body failed validation before any record was looked up, so it tells nothing.
REFUSED = {302, 401, 403, 404, 405, 422}
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    pattern: str
    params: tuple[str, ...]
    # The view the pattern calls and the pattern's own last part, for telling Django admin's per-model
    # routes apart (see distinct_views); not part of a route's identity.
    view: Callable[..., Any] | None = field(default=None, compare=False, hash=False, repr=False)
    tail: str = field(default="", compare=False, hash=False, repr=False)

    def fill(self, world: World, overrides: dict[str, Callable[[World], str]] | None = None) -> str:
        path = self.pattern
        values = {**ZONE_B_PARAMETERS, **(overrides or {})}
        for name in self.params:
            if name not in values:
                raise AssertionError(f"route {self.pattern!r} has parameter {name!r} with no zone-B value")
            value = values[name](world)
            path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, path)
        return "/" + path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")


def walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
            yield Route(route, tuple(a or b for a, b in params), entry.callback, str(entry.pattern))


def all_routes() -> list[Route]:
    return sorted(set(walk(get_resolver().url_patterns)), key=lambda r: r.pattern)


def admin_view_key(route: Route) -> tuple[object, ...] | None:
    """For a route of a Django ModelAdmin (changelist, add, change, delete, history, …): its admin site,
    its pattern within the model's URLs and the code it runs; None for every other route."""
    model_admin = getattr(route.view, "model_admin", None)
    if model_admin is None:
        return None
    code = inspect.unwrap(route.view)  # the ModelAdmin's bound method, or RedirectView.as_view()'s view
    code = getattr(code, "view_class", None) or getattr(code, "__func__", code)
    return (model_admin.admin_site, route.tail, code)


def distinct_views(routes: list[Route], user: User | None) -> list[Route]:
    """The routes, with Django admin's per-model routes kept once per distinct view for a non-staff user.

    The admin site refuses a user who is not staff in ``AdminSite.admin_view`` before any ModelAdmin
    code runs, so its 150-odd per-model routes answer such a user by one check; one model's routes per
    view (every view a ModelAdmin overrides kept too) walk that check for each kind of admin view. A
    staff user meets each ModelAdmin's own permissions, and walks every route.
    """
    if user is not None and (user.is_staff or user.is_superuser):
        return routes
    seen: set[tuple[object, ...]] = set()
    kept = []
    for route in routes:
        key = admin_view_key(route)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        kept.append(route)
    return kept


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
    "core.Job",  # a person's own import job: its progress page answers its owner alone
    "core.Generation",  # a random token per cached snapshot's data; says nothing of the data itself
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
        paths = jurisdiction_paths(model)
        if paths is not None and paths.city and paths.zone != "pk":
            citywide = model._default_manager.filter(**{f"{paths.zone}__isnull": True, paths.city: CITY})
            state[f"{model._meta.label} of {CITY}"] = list(citywide.order_by("pk").values())
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


class WriteWatch:
    """Notes whether a statement that may write ran (anything but a read, a savepoint, a session's row):
    zone B's state can change only through one, so the walk compares it after the routes that wrote.

    It notes apart whether a session's row was written: only such a write (a logout's flush, a new
    login, an idle time-out) can sign the walking user out, so the walk reads its session back, one
    query per request otherwise, only after one."""

    READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK")

    def __init__(self) -> None:
        self.wrote = False
        self.session_written = True  # nothing seen yet: read the session before the first request

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if not sql.lstrip().upper().startswith(self.READS):
            if '"django_session"' in sql:
                self.session_written = True
            else:
                self.wrote = True
        return execute(sql, params, many, context)


def session_cookie(client: Client) -> str | None:
    morsel = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return morsel.value if morsel is not None else None


def attempts(world: World, path: str) -> list[tuple[str, dict[str, Any] | None]]:
    """The distinct requests ``send`` makes to ``path``: a GET, and each other method with each hostile
    payload — once without a body where ``send`` sends none (PUT, PATCH, DELETE outside the API)."""
    payloads = hostile_payloads(world)
    made: list[tuple[str, dict[str, Any] | None]] = [("get", None)]
    for method in METHODS[1:]:
        bodies = payloads if method == "post" or path.startswith("/api/") else [None]
        made += [(method, body) for body in bodies]
    return made


def test_every_route_is_known() -> None:
    routes = all_routes()
    assert len(routes) > 20
    unknown = {p for r in routes for p in r.params if p not in ZONE_B_PARAMETERS}
    assert not unknown, f"add these URL parameters to ZONE_B_PARAMETERS: {sorted(unknown)}"


def test_the_walk_keeps_every_view_once_and_every_route_for_staff() -> None:
    routes = all_routes()
    kept = distinct_views(routes, User(username="zone-user"))
    assert {r for r in routes if admin_view_key(r) is None} <= set(kept)  # every route outside the admin
    assert {admin_view_key(r) for r in kept} == {admin_view_key(r) for r in routes}  # every admin view
    assert len(kept) < len(routes) - 100  # the per-model admin routes collapsed
    assert distinct_views(routes, User(username="admin", is_staff=True)) == routes


def walk_as(
    world: World,
    user: User,
    *,
    marks: tuple[str, ...],
    overrides: dict[str, Callable[[World], str]] | None = None,
    only: frozenset[str] | None = None,
    skip: frozenset[str] = frozenset(),
    among: list[Route] | None = None,
) -> list[str]:
    """Every route (or those ``among`` given, with a parameter in ``only``, none in ``skip``) filled with
    foreign ids, every method; returns what leaked or answered, and fails at once if anything foreign
    changed."""
    client = world.client_for(user)
    routes = [
        r
        for r in (all_routes() if among is None else among)
        if (only is None or set(r.params) & only) and not set(r.params) & skip
    ]
    paths = [(route, route.fill(world, overrides)) for route in distinct_views(routes, user)]
    before = zone_b_state(world)
    leaks: list[str] = []
    watch = WriteWatch()
    cookie = session_cookie(client)
    with connection.execute_wrapper(watch):
        for route, path in paths:
            watch.wrote = False
            not_allowed: set[str] = set()
            for method, payload in attempts(world, path):
                if method in not_allowed:
                    continue  # 405 is the dispatcher's answer to the method, given before any body is read
                # A response that changed the session's row or its cookie may have signed the user out.
                if watch.session_written or session_cookie(client) != cookie:
                    watch.session_written = False
                    if client.session.get(SESSION_KEY) != str(user.pk):  # signed out by a logout route
                        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                    cookie = session_cookie(client)
                response = send(client, method, path, payload)
                if response.status_code == 405:
                    not_allowed.add(method)
                body = response.content.decode("utf-8", "replace") if not response.streaming else ""
                leaks += [
                    f"{method.upper()} {path} shows {mark} ({response.status_code})"
                    for mark in marks
                    if mark in body
                ]
                if route.params and route.params != ("url",) and response.status_code not in REFUSED:
                    leaks.append(f"{method.upper()} {path} answered {response.status_code}")
            if watch.wrote:
                assert zone_b_state(world) == before, f"zone B or {CITY} changed after requests to {path}"
    assert zone_b_state(world) == before, f"zone B or {CITY} changed during the walk"
    return leaks


@pytest.mark.parametrize("user_name", ["staff_a", "viewer_a"])
def test_zone_a_user_can_neither_read_nor_change_zone_b(world: World, user_name: str) -> None:
    city_records(world)
    leaks = walk_as(world, getattr(world, user_name), marks=(ZONE_B_MARK, BUREAU_MARK))
    assert not leaks, "\n".join(leaks)


def test_zone_a_staff_never_reach_a_bureau_plan_of_their_city(world: World) -> None:
    """Same city, but the plan names only the bureau: its plan, tasks, assignment and 督办单 answer 404."""
    city_records(world)
    leaks = walk_as(
        world,
        world.staff_a,
        marks=(BUREAU_MARK,),
        overrides=BUREAU_PARAMETERS,
        only=frozenset(BUREAU_PARAMETERS),
    )
    assert not leaks, "\n".join(leaks)
    client = world.client_for(world.staff_a)
    assert client.get(f"/plans/supervision/{world.bureau.pk}.docx").status_code == 404
    assert (
        world.client_for(world.coordinator).get(f"/plans/supervision/{world.bureau.pk}.docx").status_code
        == 200
    )


SHARED = frozenset({"framework_id"})
FAR_USERS = ("staff_c", "coordinator_c", "staff_d", "coordinator_d", "province_d")


@pytest.mark.parametrize("user_name", FAR_USERS)
def test_another_city_or_province_can_neither_read_nor_change_zone_b_or_its_city(
    world: World, far_world: FarWorld, user_name: str
) -> None:
    """苏州 (another city of 江苏省) and 遵义 / 贵州省 (another province): 404 on every record of 连云港."""
    city_records(world)
    # Frameworks are shared method files (UNZONED_MODELS) that every coordinator reads, so the walk's
    # framework is renamed to carry no mark and its own routes are left out; its run stays zone B's.
    framework = zone_b_framework(world)
    framework.yaml_text = small_framework("共享考核框架")
    framework.clean()
    framework.save()
    user = getattr(far_world, user_name)
    marks = (ZONE_B_MARK, BUREAU_MARK, CITY_MARK)
    leaks = walk_as(world, user, marks=marks, skip=SHARED)
    leaks += walk_as(world, user, marks=marks, overrides=CITY_PARAMETERS, only=frozenset(CITY_PARAMETERS))
    assert not leaks, "\n".join(leaks)


def test_the_city_coordinator_reaches_the_city_records(world: World, far_world: FarWorld) -> None:
    """The walks above would pass if every city record refused everyone: its own city gets through."""
    made = city_records(world)
    client = world.client_for(world.coordinator)
    assert client.get(f"/plans/{made.plan.pk}/").status_code == 200
    assert client.get(f"/plans/assignments/{made.assignment.pk}/").status_code == 200
    assert client.get(f"/indicators/targets/{made.target.pk}/").status_code == 200
    assert client.get(f"/enterprises/runs/{made.run.pk}/").status_code == 200
    js = world.client_for(far_world.province_js)  # 江苏省 holds 连云港市
    assert js.get(f"/plans/{made.plan.pk}/").status_code == 200
    assert world.client_for(world.staff_a).get(f"/indicators/targets/{made.target.pk}/").status_code == 200


def test_anonymous_sees_no_zone_data(world: World) -> None:
    client = world.client_for(None)
    for route in distinct_views(all_routes(), None):
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
