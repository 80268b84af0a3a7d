"""Background import jobs (core.jobs), driven through the 亩均 upload: Imports in the background: the upload answers at once, a progress page follows the job, then the outcome.

These tests run the job in a real thread (``DEVZONE_JOBS_INLINE`` off) on a transactional database, as
a multi-threaded server does; the rest of the suite runs imports inline. The test database is SQLite in
shared-cache memory, where a reader meets a writer's table lock at once (no WAL, no busy wait), so the
tests that import for real wait for the job's thread before they read, and keep sessions in signed
cookies; the page of a running job is tested with a job that holds still.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, transaction
from django.test import Client, override_settings
from tests.personas import World

from devzone.core import jobs
from devzone.core.models import Job, JobState
from devzone.enterprises.models import DataImport, EnterpriseYear
from devzone.enterprises.tests.test_views_world import YEAR, csv_bytes, zone_a_rows

pytestmark = pytest.mark.usefixtures("transactional_db")
KIND = "enterprises.import"


def _job_url(job: Job) -> str:
    return f"/enterprises/imports/jobs/{job.pk}/"


def _read(read: Callable[[], Any]) -> Any:
    """``read()``, tried again while the job's thread holds SQLite's one write lock (shared-cache memory
    databases answer "table is locked" at once instead of waiting)."""
    for _ in range(50):
        try:
            return read()
        except OperationalError:
            time.sleep(0.05)
    return read()


def _until_over(client: Client, url: str, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = _read(lambda: client.get(url))
        if not (response.status_code == 200 and b"data-import-running" in response.content):
            return response
        time.sleep(0.1)
    raise AssertionError(f"{url} still running after {seconds} s")


def _joined(client: Client, url: str) -> Any:
    for thread in threading.enumerate():
        if thread.name.startswith("devzone-job-"):
            thread.join(60)
    return client.get(url)


THREADED = override_settings(
    DEVZONE_JOBS_INLINE=False, SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"
)


@THREADED
def test_the_progress_page_shows_the_stage_while_the_job_runs_then_its_outcome(world: World) -> None:
    release = threading.Event()

    def work(progress: jobs.Progress) -> jobs.Outcome:
        progress.stage("检查数据", done=40_000, total=100_000)
        release.wait(30)
        return jobs.Outcome(url="/enterprises/imports/", message="已导入 3 行数据")

    client = world.client_for(
        world.staff_a
    )  # logged in before the job's thread writes (one writer at a time)
    other = world.client_for(world.staff_b)
    job = jobs.start(kind=KIND, owner=world.staff_a, label="甲区 2024 年 · 数据.csv", params={}, work=work)
    deadline = time.monotonic() + 30
    while _read(lambda: Job.objects.get(pk=job.pk).stage) != "检查数据" and time.monotonic() < deadline:
        time.sleep(0.05)
    page = client.get(_job_url(job)).content.decode()
    assert "data-import-running" in page
    assert "检查数据" in page and "40,000 / 100,000 行" in page and "40%" in page
    assert f'hx-get="{_job_url(job)}"' in page  # htmx polls the same address
    fragment = client.get(_job_url(job), headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div id="job-status"')
    assert other.get(_job_url(job)).status_code == 404  # someone else's job
    release.set()
    done = _until_over(client, _job_url(job))
    assert (done.status_code, done["Location"]) == (302, "/enterprises/imports/")
    assert "已导入 3 行数据" in client.get("/enterprises/imports/").content.decode()
    polled = client.get(_job_url(job), headers={"HX-Request": "true"})
    assert (polled.status_code, polled["HX-Redirect"]) == (204, _job_url(job))


@THREADED
def test_an_upload_answers_with_the_progress_page_and_lands_whole_in_the_background(world: World) -> None:
    client = world.client_for(world.staff_a)
    upload = SimpleUploadedFile("甲区.csv", csv_bytes(zone_a_rows()))
    response = client.post(
        "/enterprises/imports/upload/", {"zone": world.zone_a.pk, "year": YEAR, "file": upload}
    )
    job = Job.objects.get(owner=world.staff_a)
    assert (response.status_code, response["Location"]) == (302, _job_url(job))
    done = _joined(client, _job_url(job))
    batch = DataImport.objects.get()
    assert (done.status_code, done["Location"]) == (302, f"/enterprises/imports/{batch.pk}/")
    assert EnterpriseYear.objects.filter(zone=world.zone_a, year=YEAR).count() == 24
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


@THREADED
def test_a_refused_file_shows_every_issue_after_the_job_and_writes_nothing(world: World) -> None:
    rows = zone_a_rows()
    rows[2]["land_mu"] = -3.0
    client = world.client_for(world.staff_a)
    upload = SimpleUploadedFile("bad.csv", csv_bytes(rows))
    client.post("/enterprises/imports/upload/", {"zone": world.zone_a.pk, "year": YEAR, "file": upload})
    done = _joined(client, _job_url(Job.objects.get()))
    page = done.content.decode()
    assert done.status_code == 422
    assert "<td>4</td><td>用地面积(亩)</td>" in page
    assert (DataImport.objects.count(), EnterpriseYear.objects.count()) == (0, 0)


def test_a_job_whose_server_process_is_gone_reads_as_interrupted(world: World) -> None:
    job = Job.objects.create(
        kind=KIND,
        owner=world.staff_a,
        label="数据.csv",
        stage="写入数据库",
        params={"worker": f"{jobs.WORKER}0000"},
    )
    job.params["worker"] = f"{jobs.WORKER.rpartition(':')[0]}:999999999"  # no such process on this host
    job.save()
    response = world.client_for(world.staff_a).get(_job_url(job))
    assert response.status_code == 500
    assert jobs.INTERRUPTED in response.content.decode()
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED


def test_a_stage_written_while_another_writer_holds_the_database_waits_for_it_and_shows(world: World) -> None:
    job = jobs.record(kind=KIND, owner=world.staff_a, label="数据.csv", params={})
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:  # another request writing jobs, as a second import would
        try:
            with transaction.atomic():
                Job.objects.filter(pk=job.pk).update(label="数据(另一个写入).csv")
                holding.set()
                release.wait(5)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    threading.Timer(0.15, release.set).start()
    jobs.Progress(job.pk).stage(
        "写入数据库", done=3, total=3
    )  # SQLite: locked, tried again; PostgreSQL: waits
    thread.join(5)
    assert Job.objects.values_list("stage", "done", "total").get(pk=job.pk) == ("写入数据库", 3, 3)
