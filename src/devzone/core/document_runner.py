"""The process that builds the documents of ``devzone serve``'s workers (:mod:`devzone.core.document_jobs`).

Why a process of its own: a document is seconds of pure-Python work (openpyxl, python-docx), and built in
a thread of a web worker it held that process's interpreter lock while the worker's other threads served
pages. A page that reads rows from SQLite gives the lock up at every row and waits for it again each
time, so it paid the build's time slice once a row: on the benchmark province the 亩均 低效用地 page took
1.5–11 s instead of 22 ms while three 定级名单 were being built. Built here, a document costs the pages
only what it costs the machine, and the runner asks the kernel for a lower priority than the workers.

How: the worker records the job (:func:`devzone.core.jobs.record`, stage 排队中) with the download's
path and answers with the job page at once; the runner takes queued jobs one at a time, oldest first,
and builds each by running the download's own view again as the job's owner — the same access checks
and the same build — in a mode in which :func:`devzone.core.document_jobs.offer` builds into the
recorded job instead of recording a new one. One at a time: ten people asking for ten province reports
at once queue (their pages say 排队中) rather than share the cores with everyone's pages.

``devzone serve`` starts the runner beside its workers and restarts it if it dies, and sets
:data:`ENV` for the workers; behind another WSGI server, set ``DEVZONE_DOCUMENT_RUNNER=1`` for it and
run ``devzone build-documents`` beside it. Without :data:`ENV` (the development server, the tests)
documents are built in a thread of the process that was asked, as before.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, close_old_connections
from django.urls import resolve
from django.utils import timezone, translation

from devzone.core import jobs
from devzone.core.models import Job, JobState

logger = logging.getLogger(__name__)

ENV = "DEVZONE_DOCUMENT_RUNNER"
KIND = "documents"  # devzone.core.document_jobs.KIND (that module imports this one)
POLL_SECONDS = 0.2  # how long a queued document may wait for an idle runner to notice it
NICENESS = 10  # below the web workers: a page is someone waiting, a document has its progress page

_building: ContextVar[int | None] = ContextVar("building", default=None)


def enabled() -> bool:
    """Whether documents go to the runner (``devzone serve`` sets :data:`ENV` for its workers)."""
    return os.environ.get(ENV, "").lower() in {"1", "true"} and not jobs.inline()


def building() -> int | None:
    """The job being built, inside the runner's run of a download's view; None everywhere else."""
    return _building.get()


@contextmanager
def _building_job(job_id: int) -> Iterator[None]:
    token = _building.set(job_id)
    try:
        yield
    finally:
        _building.reset(token)


def claim() -> Job | None:
    """The oldest queued document, now this process's (None when none waits)."""
    for job in Job.objects.filter(kind=KIND, state=JobState.RUNNING, stage=jobs.QUEUED).order_by("pk")[:10]:
        params = {**job.params, "worker": jobs.worker()}
        taken = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, stage=jobs.QUEUED).update(
            stage="生成文档", params=params, updated_at=timezone.now()
        )
        if taken:
            job.refresh_from_db()
            return job
    return None


def run_once() -> bool:
    """Build the oldest queued document, if any; whether there was one."""
    job = claim()
    if job is None:
        return False
    build(job)
    return True


def build(job: Job) -> None:
    """Run the job's download view as its owner, so that its ``offer`` builds into ``job``; a view that
    refuses (the owner was deactivated or lost access since) or fails leaves the job failed."""
    try:
        request = _request(job)
        match = resolve(request.path_info)
        with _building_job(job.pk), translation.override(settings.LANGUAGE_CODE):
            match.func(request, *match.args, **match.kwargs)
    except Exception:  # the owner's page says the build failed; the trace goes to the log
        logger.exception("document %s (%s) could not be built", job.pk, job.params.get("path"))
    if Job.objects.filter(pk=job.pk, state=JobState.RUNNING).exists():
        jobs.fail(job.pk, KIND)


def _request(job: Job) -> WSGIRequest:
    """The download's GET request as its owner sent it (path, query and host as recorded)."""
    path, _, query = str(job.params["path"]).partition("?")
    user = get_user_model().objects.get(pk=job.owner_id, is_active=True)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),  # WSGI carries the path as latin-1
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "HTTP_HOST": str(job.params.get("host") or "localhost"),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "443",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
    }
    request = WSGIRequest(environ)
    request.user = user
    request.session = SessionStore()  # an empty session: the build reads nothing from it
    return request


def run_forever() -> None:
    """The runner's loop (``devzone serve``'s runner process, ``devzone build-documents``)."""
    os.nice(NICENESS)
    while True:
        close_old_connections()
        try:
            if run_once():
                continue
        except DatabaseError:  # the database away for a moment: try again, do not die in a loop
            logger.exception("document runner: database error")
            time.sleep(5)
        time.sleep(POLL_SECONDS)
