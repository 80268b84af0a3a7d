"""The API's contract: a valid, complete OpenAPI document, and the refusals the fuzzing once found as 500s.

Each refusal below was a 500 (HTML) before the API root bounded ids and pages, refused non-finite
numbers, NUL characters and nulls a record cannot hold, and answered every error in JSON.
"""

from __future__ import annotations

import enum
import json
import logging
import typing
from collections import defaultdict
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client, RequestFactory
from pydantic import BaseModel
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from devzone.accounts.tokens import issue_token
from devzone.api import api, server_error
from devzone.indicators.tests.factories import zone_b_target
from tests.personas import World

METHODS = ("get", "post", "put", "patch", "delete")


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = json.loads(json.dumps(api.get_openapi_schema()))  # as served: status codes are strings
    return [
        (method.upper(), path, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_the_openapi_document_is_valid_openapi_3_1() -> None:
    document = json.loads(json.dumps(api.get_openapi_schema()))
    errors = [
        f"{'/'.join(map(str, e.instance_path))}: {e.message}"
        for e in OPENAPI_31_VALIDATOR.iter_errors(document)
    ]
    assert not errors, "\n".join(errors[:20])
    # every schema in it is itself a valid JSON Schema (2020-12, the dialect of OpenAPI 3.1)
    schemas = list(document["components"]["schemas"].items())
    for label, op in [(f"{m} {p}", o) for m, p, o in operations()]:
        schemas += [(f"{label} {p['name']}", p["schema"]) for p in op.get("parameters", [])]
    for name, schema in schemas:
        assert jsonschema_rs.meta.is_valid(schema), name


def test_every_operation_documents_the_answers_it_can_give() -> None:
    missing = []
    for method, path, op in operations():
        codes = set(op["responses"])
        want = {"401"}  # every operation signs in
        if op.get("parameters") or "requestBody" in op:
            want.add("422")
        if "{" in path:
            want.add("404")
        if "application/json" in op.get("requestBody", {}).get("content", {}):
            want.add("400")  # a body that is not JSON
        if not any(c.startswith("2") for c in codes):
            missing.append(f"{method} {path}: no success answer")
        if want - codes:
            missing.append(f"{method} {path}: {sorted(want - codes)} not documented")
        for code, answer in op["responses"].items():
            if code != "204" and not answer.get("content"):
                missing.append(f"{method} {path}: {code} has no content")
    assert not missing, "\n".join(missing)


def _models(annotation: Any) -> typing.Iterator[type]:
    """The pydantic models and enums an annotation names, however nested."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def test_no_two_schemas_share_a_name() -> None:
    """ninja names a component after its class: two classes of one name overwrite each other's schema."""
    seen: set[type] = set()
    todo: list[type] = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                todo += [*(operation.response_models or {}).values(), *operation.models]
    while todo:
        model = todo.pop()
        if model in seen or not isinstance(model, type):  # None: the body of a 204
            continue
        seen.add(model)
        if issubclass(model, BaseModel):
            for field in model.model_fields.values():
                todo += list(_models(field.annotation))
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in seen:
        if model.__module__.startswith("devzone"):
            by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert len(by_name) > 50
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert not clashes
    assert set(api.get_openapi_schema()["components"]["schemas"]) <= set(by_name)


@pytest.fixture
def staff(world: World) -> Client:
    _token, key = issue_token(user=world.staff_b, name="contract")
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/plans/{2**63}", "plan_id"),  # past the 64-bit id column
        ("/api/plans/0", "plan_id"),
        (f"/api/targets?zone_id={2**63}", "zone_id"),
        (f"/api/enterprises?offset={2**63}", "offset"),  # was a 500: OFFSET overflow
        (f"/api/mu-runs/1/results?page={2**62}", "page"),
        (f"/api/mu-runs?year={2**63}", "year"),
    ],
)
def test_ids_pages_and_years_are_bounded(staff: Client, path: str, field: str) -> None:
    answer = staff.get(path)
    assert answer.status_code == 422
    assert [e["loc"][-1] for e in answer.json()["detail"]] == [field]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('{"value": Infinity}', 400),  # not JSON; was a 500 (an audit snapshot of inf)
        ('{"base_value": NaN}', 400),
        ('{"value": "inf"}', 422),  # a string read as a float; was a 500
        ('{"value": 1e999}', 422),  # overflows to inf
        ('{"value": null}', 422),  # the target must have a value
        ('{"op": null}', 422),
        ('{"text": "a\\u0000b"}', 400),  # PostgreSQL text holds no NUL
    ],
)
def test_a_target_refuses_non_finite_numbers_nulls_and_nul(
    world: World, staff: Client, body: str, status: int
) -> None:
    target = zone_b_target(world)
    before = (target.value, target.base_value, target.op, target.text)
    answer = staff.patch(f"/api/targets/{target.pk}", data=body, content_type="application/json")
    assert answer.status_code == status and answer["Content-Type"] == "application/json; charset=utf-8"
    if status == 400:
        assert answer.json() == {"detail": "请求体不是有效的 JSON"}
    target.refresh_from_db()
    assert (target.value, target.base_value, target.op, target.text) == before


def test_a_patch_cannot_null_what_a_zone_must_have(world: World, staff: Client) -> None:
    """Was a 500 (IntegrityError): ``short_name`` null reached the NOT NULL column."""
    answer = staff.patch(
        f"/api/zones/{world.zone_b.pk}", data={"short_name": None}, content_type="application/json"
    )
    assert answer.status_code == 422
    world.zone_b.refresh_from_db()
    assert world.zone_b.short_name


def test_nul_in_a_query_string_is_refused(staff: Client) -> None:
    answer = staff.get("/api/zones?q=a%00b")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["query"]


def test_a_request_without_a_valid_token_answers_json(db: None) -> None:
    answer = Client().get("/api/plans", HTTP_AUTHORIZATION="Bearer dz_not-a-token")
    assert answer.status_code == 401 and answer.json() == {"detail": "未登录或 API 令牌无效"}


def test_an_unknown_api_path_answers_json(staff: Client) -> None:
    answer = staff.get("/api/nowhere/at/all")
    assert answer.status_code == 404 and answer.json() == {"detail": "未找到"}


def test_a_server_error_answers_json_without_the_trace(caplog: pytest.LogCaptureFixture) -> None:
    """The root's handler for any exception a view lets out: JSON for the client, the trace in the log."""
    request = RequestFactory().get("/api/plans")
    try:
        raise RuntimeError("secret detail of the fault")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            answer = server_error(request, error)
    assert answer.status_code == 500 and answer["Content-Type"].startswith("application/json")
    assert json.loads(answer.content) == {"detail": "服务器内部错误，已记录"}
    assert b"secret" not in answer.content and b"Traceback" not in answer.content
    (record,) = caplog.records
    assert record.exc_info is not None and "secret detail" in str(record.exc_info[1])
