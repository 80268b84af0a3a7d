"""Every hostile file into every import: a clear refusal naming the file, nothing written, the server
still answering, and no memory spike (issue 15 criterion 1, issue 13 criterion 1).

The files are built byte by byte in ``devzone.core.tests.hostile``: the 1.5 KB sheet with cells at A1
and XFD1048576 that used to abort the process, a compression bomb, 1,048,576 rows, 16,384 columns, a
renamed binary and an empty file. The test client runs the real views in this process: a parse that
aborted here would end the test run itself.
"""

from __future__ import annotations

import html
import resource
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from devzone.core.tests import hostile
from devzone.plans.actions import publish_plan
from devzone.plans.tests.factories import import_plan, plan_text
from tests.personas import World

MAX_GROWTH_KB = 400 * 1024  # peak RSS may grow by far less than the gigabytes the bombs would take


def _counts() -> dict[str, int]:
    # bookkeeping, not data: core holds the background job that records the refused import
    skip = {"audit", "sessions", "axes", "admin", "contenttypes", "auth", "core"}
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in skip and not m._meta.proxy
    }


def _enterprises(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.coordinator).post(
        "/enterprises/imports/upload/",
        {"zone": world.zone_a.pk, "year": 2024, "file": SimpleUploadedFile(name, content)},
    )


def _indicators(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        f"/indicators/zones/{world.zone_a.pk}/import/", {"file": SimpleUploadedFile(name, content)}
    )


def _indicators_api(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        f"/api/zones/{world.zone_a.pk}/observations/upload", {"file": SimpleUploadedFile(name, content)}
    )


def _progress(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        "/plans/progress/import/", {"period": "2026-07", "file": SimpleUploadedFile(name, content)}
    )


def _zone_a_plan(world: World) -> None:
    """进展批量报送 takes a file only from a user with assignments to report on: zone A's published plan."""
    plan = import_plan(plan_text(owner=world.unit_a.name), zone=world.zone_a)
    publish_plan(plan, actor=None, source="test")


def _assessment(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.coordinator).post(
        "/assessment/data/upload/", {"file": SimpleUploadedFile(name, content)}
    )


def _projects(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.coordinator).post(
        "/projects/imports/upload/", {"zone": world.zone_a.pk, "file": SimpleUploadedFile(name, content)}
    )


def _pools_certificates(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        f"/pools/zones/{world.zone_a.pk}/imports/certificates/",
        {"kind": "hte", "file": SimpleUploadedFile(name, content)},
    )


def _pools_supplement(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        f"/pools/zones/{world.zone_a.pk}/imports/supplement/", {"file": SimpleUploadedFile(name, content)}
    )


def _land(world: World, name: str, content: bytes) -> Any:
    """宗地导入: a table with a WKT column goes through the shared table reader, in a background job."""
    return world.client_for(world.staff_a).post(
        "/land/imports/upload/",
        {"zone": world.zone_a.pk, "crs": 4545, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _land_boundary(world: World, name: str, content: bytes) -> Any:
    return world.client_for(world.staff_a).post(
        "/land/imports/boundary/",
        {
            "boundary-zone": world.zone_a.pk,
            "boundary-crs": 4545,
            "boundary-file": SimpleUploadedFile(name, content),
        },
    )


IMPORTS: dict[str, Callable[[World, str, bytes], Any]] = {
    "projects": _projects,
    "land": _land,
    "land_boundary": _land_boundary,
    "enterprises": _enterprises,
    "indicators": _indicators,
    "indicators_api": _indicators_api,
    "assessment": _assessment,
    "pools_certificates": _pools_certificates,
    "pools_supplement": _pools_supplement,
    "progress": _progress,
}
# What an import needs to exist before a user may upload to it (made before the counts are taken)
PREPARE: dict[str, Callable[[World], None]] = {"progress": _zone_a_plan}


@pytest.mark.parametrize("attack", sorted(hostile.HOSTILE_XLSX))
@pytest.mark.parametrize("where", sorted(IMPORTS))
def test_a_hostile_file_is_refused_by_every_import(world: World, where: str, attack: str) -> None:
    content = hostile.HOSTILE_XLSX[attack]()
    name = f"hostile-{attack}.xlsx"
    if where in PREPARE:
        PREPARE[where](world)
    before = _counts()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = IMPORTS[where](world, name, content)
    assert response.status_code in {200, 400, 422}, response.status_code
    text = html.unescape(response.content.decode())
    if attack == "empty":  # Django's own form check refuses an empty file before the import sees it
        assert "空" in text or "empty" in text.lower()
    else:
        assert name in text, f"the refusal does not name the file: {text[:300]}"
    assert _counts() == before, "a refused import wrote something"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < MAX_GROWTH_KB
    assert world.client_for(world.staff_a).get("/").status_code == 200


def test_a_docx_bomb_plan_upload_is_refused_and_the_server_answers(world: World) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = world.client_for(world.coordinator).post(
        "/plans/upload/",
        {"file": SimpleUploadedFile("方案.docx", hostile.docx_bomb(megabytes=300)), "zone": world.zone_a.pk},
    )
    assert response.status_code in {200, 302, 400, 422}
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < MAX_GROWTH_KB
    assert world.client_for(world.staff_a).get("/").status_code == 200
