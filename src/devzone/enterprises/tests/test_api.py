"""The 亩均 API: scoping (another zone's records answer 404), rights (403), validation (422), workflow."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.actions import import_records, publicise, run_evaluation
from devzone.enterprises.models import DataImport, Enterprise, MuRun
from devzone.enterprises.tests.test_runs import below, load, uscc


def post(client: Client, path: str, payload: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(payload), content_type="application/json")


def zone_b_run(world: World) -> MuRun:
    import_records(
        zone=world.zone_b,
        year=2024,
        records=[below(9, tax=40.0, name=f"{ZONE_B_MARK}企业")],
        actor=None,
        source="test",
    )
    return run_evaluation(
        zone=world.zone_b, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test"
    )


def test_enterprises_are_scoped(world: World) -> None:
    load(world)
    zone_b_run(world)
    mine = world.client_for(world.staff_a).get("/api/enterprises").json()
    assert sorted(e["uscc"] for e in mine) == [uscc(1), uscc(2), uscc(3), uscc(4)]
    everyone = world.client_for(world.coordinator).get(f"/api/enterprises?zone={world.zone_b.pk}").json()
    assert [e["uscc"] for e in everyone] == [uscc(9)]
    assert len(world.client_for(world.coordinator).get("/api/enterprises?industry=44").json()) == 1
    other = Enterprise.objects.get(uscc=uscc(9))
    assert world.client_for(world.staff_a).get(f"/api/enterprises/{other.pk}").status_code == 404
    own = Enterprise.objects.get(uscc=uscc(1))
    detail = world.client_for(world.viewer_a).get(f"/api/enterprises/{own.pk}").json()
    assert [(y["year"], y["tax"]) for y in detail["years"]] == [(2023, 8.0), (2024, 10.0)]


def test_data_import_over_json(world: World) -> None:
    client = world.client_for(world.staff_a)
    rows = [below(1, tax=10.0), below(2, tax=20.0)]
    response = post(client, "/api/enterprise-data", {"zone_id": world.zone_a.pk, "year": 2024, "rows": rows})
    assert response.status_code == 201
    assert response.json()["rows"] == 2
    bad = [below(3, tax=10.0, land_mu=0), below(4, tax=1e7, sales=100.0, uscc=uscc(4)[:-1] + "X")]
    response = post(client, "/api/enterprise-data", {"zone_id": world.zone_a.pk, "year": 2024, "rows": bad})
    assert response.status_code == 422
    body = response.json()
    assert [(i["row"], i["column"]) for i in body["issues"]] == [(1, "land_mu"), (2, "tax"), (2, "uscc")]
    assert body["issues"][0]["source"] == "api-2024.json"
    assert DataImport.objects.count() == 1
    refused = post(client, "/api/enterprise-data", {"zone_id": world.zone_b.pk, "year": 2024, "rows": rows})
    assert refused.status_code == 404
    viewer = post(
        world.client_for(world.viewer_a),
        "/api/enterprise-data",
        {"zone_id": world.zone_a.pk, "year": 2024, "rows": rows},
    )
    assert viewer.status_code == 403


def test_runs_are_created_by_who_may(world: World) -> None:
    load(world)
    staff = world.client_for(world.staff_a)
    response = post(staff, "/api/mu-runs", {"zone_id": world.zone_a.pk, "year": 2024, "method": "lyg-seed"})
    assert response.status_code == 201
    body = response.json()
    assert (body["zone_id"], body["results"], body["input_rows"], body["status"]) == (
        world.zone_a.pk,
        4,
        5,
        "draft",
    )
    assert post(staff, "/api/mu-runs", {"year": 2024, "method": "lyg-seed"}).status_code == 403
    assert (
        post(
            staff, "/api/mu-runs", {"zone_id": world.zone_b.pk, "year": 2024, "method": "lyg-seed"}
        ).status_code
        == 404
    )
    bad = post(
        staff, "/api/mu-runs", {"zone_id": world.zone_a.pk, "year": 2024, "method": "id: x\nweird: 1\n"}
    )
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "(上传的评价办法): weird: 不认识的键（是否拼写有误？）",
    )
    empty = post(staff, "/api/mu-runs", {"zone_id": world.zone_a.pk, "year": 2020, "method": "lyg-seed"})
    assert empty.status_code == 409
    city = post(world.client_for(world.coordinator), "/api/mu-runs", {"year": 2024, "method": "lyg-seed"})
    assert (city.status_code, city.json()["zone_id"]) == (201, None)


def test_zone_b_staff_gets_404_on_zone_a_runs_results_and_objections(world: World) -> None:
    load(world)
    run = run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test"
    )
    publicise(run, days=7, actor=None)
    result = run.results.get(uscc=uscc(1))
    owner = world.client_for(world.staff_a)
    filed = post(owner, f"/api/mu-results/{result.pk}/objections", {"reason": "用地面积有误"})
    assert filed.status_code == 201
    objection_id = filed.json()["id"]
    outsider = world.client_for(world.staff_b)
    assert outsider.get(f"/api/mu-runs/{run.pk}").status_code == 404
    assert outsider.get(f"/api/mu-runs/{run.pk}/results").status_code == 404
    assert outsider.get(f"/api/mu-results/{result.pk}").status_code == 404
    assert post(outsider, f"/api/mu-results/{result.pk}/objections", {"reason": "x"}).status_code == 404
    assert (
        post(
            outsider, f"/api/mu-objections/{objection_id}/decision", {"upheld": False, "decision": "x"}
        ).status_code
        == 404
    )
    assert post(outsider, f"/api/mu-runs/{run.pk}/final", {}).status_code == 404
    assert [r["id"] for r in outsider.get("/api/mu-runs").json()] == []
    # zone A's own staff read but do not decide
    assert (
        post(
            owner, f"/api/mu-objections/{objection_id}/decision", {"upheld": False, "decision": "x"}
        ).status_code
        == 403
    )
    assert (
        post(
            world.client_for(world.viewer_a), f"/api/mu-results/{result.pk}/objections", {"reason": "x"}
        ).status_code
        == 403
    )
    assert post(owner, f"/api/mu-runs/{run.pk}/final", {}).status_code == 409  # pending objection
    decided = post(
        world.client_for(world.coordinator),
        f"/api/mu-objections/{objection_id}/decision",
        {"upheld": True, "decision": "成立", "new_class": "B"},
    )
    assert (decided.status_code, decided.json()["status"], decided.json()["new_class"]) == (
        200,
        "upheld",
        "B",
    )
    detail = owner.get(f"/api/mu-results/{result.pk}").json()
    assert (detail["klass"], detail["final_class"], detail["objections"][0]["status"]) == ("C", "B", "upheld")
    assert detail["indicators"][0]["code"] == "tax_per_mu"
    final = post(owner, f"/api/mu-runs/{run.pk}/final", {})
    assert (final.status_code, final.json()["status"]) == (200, "final")
    late = post(owner, f"/api/mu-results/{result.pk}/objections", {"reason": "x"})
    assert late.status_code == 409


def test_results_filters_and_pages(world: World) -> None:
    load(world)
    run = run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test"
    )
    client = world.client_for(world.viewer_a)
    everything = client.get(f"/api/mu-runs/{run.pk}/results").json()
    assert everything["count"] == 4
    assert [r["uscc"] for r in everything["items"][:3]] == [uscc(3), uscc(2), uscc(1)]
    assert client.get(f"/api/mu-runs/{run.pk}/results?class=A").json()["items"][0]["uscc"] == uscc(3)
    assert client.get(f"/api/mu-runs/{run.pk}/results?klass=T").json()["count"] == 1
    assert client.get(f"/api/mu-runs/{run.pk}/results?segment=below&industry=33").json()["count"] == 3
    page = client.get(f"/api/mu-runs/{run.pk}/results?page=2&page_size=3").json()
    assert (page["count"], page["page"], len(page["items"])) == (4, 2, 1)
    assert client.get(f"/api/mu-runs/{run.pk}/results?zone={world.zone_b.pk}").json()["count"] == 0
    assert client.post(f"/api/mu-runs/{run.pk}/reproduce").status_code == 403, "复核 is for roles that change"
    staff = world.client_for(world.staff_a)
    assert staff.post(f"/api/mu-runs/{run.pk}/reproduce").json() == {"identical": True, "differences": []}


def test_a_city_wide_run_shows_each_zone_only_its_own(world: World) -> None:
    load(world)
    zone_b_run(world)
    run = run_evaluation(zone=None, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test")
    client = world.client_for(world.staff_a)
    detail = client.get(f"/api/mu-runs/{run.pk}")
    assert detail.status_code == 200
    assert detail.json()["results"] == 4
    assert [z["zone"] for z in detail.json()["summary"]["zones"]] == [world.zone_a.short_name]
    results = client.get(f"/api/mu-runs/{run.pk}/results")
    assert results.json()["count"] == 4
    assert ZONE_B_MARK not in detail.content.decode() + results.content.decode()
    other = run.results.get(uscc=uscc(9))
    assert client.get(f"/api/mu-results/{other.pk}").status_code == 404
    assert post(client, f"/api/mu-runs/{run.pk}/publicity", {"days": 7}).status_code == 403
    coordinator = world.client_for(world.coordinator)
    assert coordinator.get(f"/api/mu-runs/{run.pk}").json()["results"] == 5
    opened = post(coordinator, f"/api/mu-runs/{run.pk}/publicity", {"days": 7})
    assert (opened.status_code, opened.json()["status"]) == (200, "publicised")
    assert post(coordinator, f"/api/mu-runs/{run.pk}/publicity", {"days": 7}).status_code == 409


def test_anonymous_requests_are_refused(world: World) -> None:
    client = world.client_for(None)
    assert client.get("/api/mu-runs").status_code == 401
    assert client.get("/api/enterprises").status_code == 401


def test_an_objection_after_the_publicity_period_is_refused_with_its_end_date(world: World) -> None:
    load(world)
    run = run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="test"
    )
    publicise(run, days=7, actor=None, start=dt.date(2025, 3, 2))
    result = run.results.get(uscc=uscc(1))
    late = post(world.client_for(world.staff_a), f"/api/mu-results/{result.pk}/objections", {"reason": "x"})
    assert (late.status_code, late.json()) == (409, {"detail": "公示期已于2025年3月9日结束，不再受理异议"})
    assert not result.objections.exists()
