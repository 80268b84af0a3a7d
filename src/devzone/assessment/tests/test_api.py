"""The assessment API: frameworks, runs (create, list, get) and results, with zone scoping."""

from __future__ import annotations

import json

from tests.personas import World

from devzone.assessment.models import AssessmentRun, Framework
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import small_framework


def test_frameworks_list_get_and_create(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post(
        "/api/assessment/frameworks",
        data=json.dumps({"yaml_text": small_framework()}),
        content_type="application/json",
    )
    assert response.status_code == 201
    fid = response.json()["id"]
    assert [f["name"] for f in client.get("/api/assessment/frameworks").json()] == ["小型考核"]
    assert client.get(f"/api/assessment/frameworks/{fid}").json()["sha256"] == Framework.objects.get().sha256


def test_bad_framework_is_422_with_the_key(world: World) -> None:
    client = world.client_for(world.coordinator)
    bad = small_framework().replace("direction: -1", "direction: 2")
    response = client.post(
        "/api/assessment/frameworks", data=json.dumps({"yaml_text": bad}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"]["yaml_text"] == ["tree[0].children[1].direction: must be 1 or -1, got 2"]
    assert Framework.objects.count() == 0


def test_zone_staff_get_403_on_frameworks(world: World) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/api/assessment/frameworks").status_code == 403
    response = client.post(
        "/api/assessment/frameworks",
        data=json.dumps({"yaml_text": small_framework()}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Framework.objects.count() == 0


def test_create_list_get_run_and_results(assessed: Assessed) -> None:
    w = assessed.world
    client = w.client_for(w.coordinator)
    response = client.post(
        "/api/assessment/runs",
        data=json.dumps({"framework_id": assessed.framework.pk, "year": 2024}),
        content_type="application/json",
    )
    assert response.status_code == 201
    run_id = response.json()["id"]
    assert {r["id"] for r in client.get("/api/assessment/runs").json()} == {assessed.run.pk, run_id}
    assert client.get(f"/api/assessment/runs/{run_id}").json()["year"] == 2024
    body = client.get(f"/api/assessment/runs/{assessed.run.pk}/results").json()
    ranks = [(r["rank"], r["zone"], r["rank_change"]) for r in body["items"]]
    assert ranks == [(1, w.zone_b.name, 0), (2, assessed.zone_c.name, 1), (3, w.zone_a.name, -1)]
    assert (body["count"], body["page"], body["page_size"]) == (3, 1, 100)
    assert len(body["outcomes"]) == 12
    assert body["run"]["seed"] == 7
    assert [f["factor"] for f in body["run"]["sensitivity"]["factors"]] == ["w_ECO", "w_INNO"]
    a = next(r for r in body["items"] if r["zone_id"] == w.zone_a.pk)
    assert a["node_rank_prev"]["all"]["INDEX"] == 2
    assert a["raw_values"] == {"gdp": 1.0, "energy": 3.0, "hte": 10.0}
    assert client.get(f"/api/assessment/runs/{run_id}").json()["sensitivity"] is None  # no uncertainty
    # paged: the second of two-row pages holds the third zone and its outcomes alone
    second = client.get(f"/api/assessment/runs/{assessed.run.pk}/results", {"page": 2, "page_size": 2}).json()
    assert [r["zone"] for r in second["items"]] == [w.zone_a.name] and second["count"] == 3
    assert {o["zone_id"] for o in second["outcomes"]} == {w.zone_a.pk}
    too_big = client.get(f"/api/assessment/runs/{assessed.run.pk}/results", {"page_size": 501})
    assert too_big.status_code == 422


def test_zone_staff_results_are_their_own_rows(assessed: Assessed) -> None:
    w = assessed.world
    client = w.client_for(w.staff_a)
    body = client.get(f"/api/assessment/runs/{assessed.run.pk}/results").json()
    assert [r["zone_id"] for r in body["items"]] == [w.zone_a.pk] and body["count"] == 1
    assert {o["zone_id"] for o in body["outcomes"]} == {w.zone_a.pk}
    assert client.get(f"/api/assessment/runs/{assessed.run.pk}/zones/{w.zone_b.pk}").status_code == 404
    assert client.get(f"/api/assessment/runs/{assessed.run.pk}/zones/{w.zone_a.pk}").json()["rank"] == 3


def test_zone_staff_cannot_create_runs(assessed: Assessed) -> None:
    w = assessed.world
    before = AssessmentRun.objects.count()
    response = w.client_for(w.staff_a).post(
        "/api/assessment/runs",
        data=json.dumps({"framework_id": assessed.framework.pk, "year": 2024}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert AssessmentRun.objects.count() == before


def test_run_with_no_data_is_422(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.coordinator).post(
        "/api/assessment/runs",
        data=json.dumps({"framework_id": assessed.framework.pk, "year": 2010}),
        content_type="application/json",
    )
    assert response.status_code == 422
