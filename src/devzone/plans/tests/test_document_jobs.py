"""Documents built in the background (core.document_jobs), driven through the 进展报告 download.

The heavy downloads answer at once with ``/documents/<id>/``, which follows the build and then offers
the file — to the user who asked alone. As in enterprises/tests/test_import_jobs.py, the threaded tests
run on a transactional database, wait for the job's thread before they read, and keep sessions in
signed cookies (SQLite in shared-cache memory has no busy wait).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from tests.personas import World

from devzone.core import document_jobs, document_runner, jobs
from devzone.core.models import Job, JobState
from devzone.plans import actions
from devzone.plans.tests.factories import import_plan, plan_text

THREADED = override_settings(
    DEVZONE_JOBS_INLINE=False, SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"
)


def _published_plan(world: World) -> None:
    plan = import_plan(plan_text(owner=world.unit_a.name), zone=world.zone_a)
    actions.publish_plan(plan, actor=None, source="test")


def _join() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("devzone-job-"):
            thread.join(60)


@pytest.mark.usefixtures("transactional_db")
@THREADED
def test_a_heavy_document_answers_with_its_page_then_offers_the_download_to_its_owner_alone(
    world: World,
) -> None:
    _published_plan(world)
    client = world.client_for(world.coordinator)
    response = client.get("/plans/progress.xlsx?period=2026-06")
    job = Job.objects.get(kind=document_jobs.KIND)
    page_url = f"/documents/{job.pk}/"
    assert (response.status_code, response["Location"]) == (302, page_url)
    _join()
    page = client.get(page_url)
    body = page.content.decode()
    assert page.status_code == 200 and "文档已生成" in body
    assert f'href="/documents/{job.pk}/file/"' in body and "进展报告-2026-06.xlsx" in body
    polled = client.get(page_url, headers={"HX-Request": "true"})
    assert (polled.status_code, polled["HX-Redirect"]) == (204, page_url)  # the poll reloads into the offer
    download = client.get(f"/documents/{job.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Disposition"].lower().startswith("attachment; filename*=utf-8''")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.worksheets  # a workbook that opens
    for other in (world.staff_a, world.staff_b, world.viewer):
        asked = world.client_for(other)
        assert asked.get(page_url).status_code == 404
        assert asked.get(f"/documents/{job.pk}/file/").status_code == 404


@pytest.mark.usefixtures("transactional_db")
@override_settings(DEVZONE_JOBS_INLINE=False)
def test_the_page_shows_the_build_running_and_polls_with_htmx(world: World) -> None:
    release = threading.Event()

    def work(progress: jobs.Progress) -> jobs.Outcome:
        progress.stage("生成文档")
        release.wait(30)
        return jobs.Outcome(url="/", message="")

    job = jobs.start(
        kind=document_jobs.KIND, owner=world.staff_a, label="进展报告.docx", params={}, work=work
    )
    try:
        deadline = time.monotonic() + 30
        while Job.objects.get(pk=job.pk).stage != "生成文档" and time.monotonic() < deadline:
            time.sleep(0.05)
        page = world.client_for(world.staff_a).get(f"/documents/{job.pk}/").content.decode()
        assert "文档生成进度" in page and "生成文档" in page and "data-import-running" in page
        assert f'hx-get="/documents/{job.pk}/"' in page
        assert world.client_for(world.staff_a).get(f"/documents/{job.pk}/file/").status_code == 404  # not yet
    finally:
        release.set()
        _join()


@pytest.mark.django_db
def test_a_build_that_breaks_says_so_in_the_words_of_a_document(world: World) -> None:
    def work(progress: jobs.Progress) -> jobs.Outcome:
        raise RuntimeError("broken writer")

    job = jobs.start(
        kind=document_jobs.KIND, owner=world.staff_a, label="进展报告.docx", params={}, work=work
    )
    response = world.client_for(world.staff_a).get(f"/documents/{job.pk}/")
    assert response.status_code == 500
    assert jobs.wording(document_jobs.KIND)[2] in response.content.decode()
    assert "导入" not in jobs.wording(document_jobs.KIND)[2]


@pytest.mark.django_db
def test_a_document_older_than_a_day_goes_with_its_file_when_its_owner_asks_for_another(world: World) -> None:
    _published_plan(world)
    old = Job.objects.create(
        kind=document_jobs.KIND, owner=world.coordinator, label="旧.xlsx", state=JobState.DONE
    )
    old.file.save("旧.xlsx", ContentFile(b"old"), save=True)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    stored = old.file.path
    response = world.client_for(world.coordinator).get("/plans/progress.xlsx?period=2026-06")
    assert response.status_code == 200  # inline: the download itself
    assert not Job.objects.filter(pk=old.pk).exists()
    assert not Path(stored).exists()


def _cells(content: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
@override_settings(DEVZONE_JOBS_INLINE=False)
def test_under_devzone_serve_a_document_is_queued_and_built_by_the_runner_as_its_owner(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`devzone serve` builds documents in a process of its own (core/document_runner.py): the worker
    only queues the job and answers with its page; the runner builds it by running the download's view
    again as its owner — the same document the request itself would have built."""
    _published_plan(world)
    monkeypatch.setenv(document_runner.ENV, "1")
    client = world.client_for(world.coordinator)
    response = client.get("/plans/progress.xlsx?period=2026-06")
    job = Job.objects.get(kind=document_jobs.KIND)
    assert (response.status_code, response["Location"]) == (302, f"/documents/{job.pk}/")
    assert job.stage == jobs.QUEUED and not any(
        t.name.startswith("devzone-job-") for t in threading.enumerate()
    )
    assert "排队中" in client.get(f"/documents/{job.pk}/").content.decode()

    assert document_runner.run_once() is True  # what the runner process does when it finds the job
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.params["worker"] == jobs.worker()
    built = b"".join(client.get(f"/documents/{job.pk}/file/").streaming_content)
    assert document_runner.run_once() is False  # nothing else queued
    monkeypatch.delenv(document_runner.ENV)
    with override_settings(DEVZONE_JOBS_INLINE=True):
        direct = client.get("/plans/progress.xlsx?period=2026-06").content
    assert _cells(built) == _cells(direct)


@pytest.mark.django_db
@override_settings(DEVZONE_JOBS_INLINE=False)
def test_the_runner_builds_nothing_for_an_owner_deactivated_after_asking(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _published_plan(world)
    monkeypatch.setenv(document_runner.ENV, "1")
    client = world.client_for(world.coordinator)
    client.get("/plans/progress.xlsx?period=2026-06")
    job = Job.objects.get(kind=document_jobs.KIND)
    world.coordinator.is_active = False
    world.coordinator.save()
    assert document_runner.run_once() is True
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not job.file
    assert job.outcome["error"] == jobs.wording(document_jobs.KIND)[2]
