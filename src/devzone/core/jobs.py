"""Long work of a request (an import of a large file) run in a background thread, with a progress page.

Why: a 100,000-row file takes seconds to read, check and write; the upload answers at once with a page
that polls the job (htmx, or a plain refresh without JavaScript) and shows how far it got, then the
same outcome the synchronous upload showed (the result page, or every issue of a refused file).

The job's state is a :class:`devzone.core.models.Job` row, so any worker process or thread answers the
progress page. The work writes its data in one transaction of its own and touches the row only between
stages, outside that transaction: a server stopped mid-import rolls the data back whole, and the row,
left ``running``, is reported as interrupted (its process is gone, or it has not moved for ``STALE``).

``DEVZONE_JOBS_INLINE`` (the test suite sets it) runs the work in the request's own thread and
transaction, and the upload answers with the outcome directly, as it did before jobs existed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from devzone.core.files import CellIssue
from devzone.core.models import Job, JobState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User  # the configured user model

logger = logging.getLogger(__name__)

STALE = timedelta(minutes=30)  # far beyond a stage's bound (the parse limit is 120 s)
QUEUED = "排队中"


def worker() -> str:
    """This process on this machine, as a job row names where it runs (read when the job starts: the
    server's workers are forked from one parent after this module was imported)."""
    return f"{socket.gethostname()}:{os.getpid()}"


WORKER = worker()  # the process that imported this module (the tests' own)
INTERRUPTED = "导入在服务器重启或出错时中断，没有写入任何数据，请重新上传。"
FAILED = "导入时出现系统错误，没有写入任何数据；请重试，或把文件交给管理员。"
# A job kind's first part ("documents" of "documents", "enterprises" of "enterprises.import") → what its
# pages call it and what it says when it breaks; kinds not listed are imports.
WORDING = {
    "documents": (
        "文档生成进度",
        "文档生成在服务器重启或出错时中断，请重新下载。",
        "生成文档时出现系统错误；请重试，或联系管理员。",
    ),
}
IMPORT_WORDING = ("导入进度", INTERRUPTED, FAILED)


def wording(kind: str) -> tuple[str, str, str]:
    """(page heading, interrupted message, failed message) of a job kind."""
    return WORDING.get(kind.partition(".")[0], IMPORT_WORDING)


@dataclass(frozen=True)
class Outcome:
    """How a job ended: ``issues`` (refused, nothing written), ``file_error`` (the file itself refused,
    shown beside the upload field), or the page to go to and its message."""

    url: str = ""
    message: str = ""
    issues: Sequence[CellIssue] = ()
    file_error: str = ""

    @property
    def refused(self) -> bool:
        return bool(self.issues or self.file_error)

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "message": self.message,
            "issues": [dataclasses.asdict(i) for i in self.issues],
            "file_error": self.file_error,
        }

    @classmethod
    def of(cls, data: dict[str, Any]) -> Outcome:
        return cls(
            url=data.get("url", ""),
            message=data.get("message", ""),
            issues=tuple(CellIssue(**i) for i in data.get("issues", ())),
            file_error=data.get("file_error", ""),
        )


class Progress:
    """What the work tells its progress page: the stage it is in and, where known, rows done of total."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id

    def stage(self, name: str, *, done: int = 0, total: int = 0) -> None:
        """Call between stages, never inside the work's write transaction (it would not show until commit).

        A progress line is news, not the work: if the database is busy with another writer (SQLite allows
        one at a time) it is tried a few times and then skipped, and the page shows the previous stage,
        rather than failing an import that would have succeeded.
        """
        for wait in (0.05, 0.2, 0.5, None):
            try:
                Job.objects.filter(pk=self.job_id).update(
                    stage=name, done=done, total=total, updated_at=timezone.now()
                )
                return
            except OperationalError:
                if wait is None:
                    logger.warning("job %s: stage %r not shown, the database was busy", self.job_id, name)
                    return
                time.sleep(wait)


Work = Callable[[Progress], Outcome]


def inline() -> bool:
    return bool(getattr(settings, "DEVZONE_JOBS_INLINE", False))


def record(*, kind: str, owner: User, label: str, params: dict[str, Any]) -> Job:
    """A job row, ``running`` and :data:`QUEUED`, for this process or another to run."""
    return Job.objects.create(
        kind=kind, owner=owner, label=label[:200], params={**params, "worker": worker()}, stage=QUEUED
    )


def start(*, kind: str, owner: User, label: str, params: dict[str, Any], work: Work) -> Job:
    """Record a job and run ``work`` in a background thread (inline under ``DEVZONE_JOBS_INLINE``)."""
    job = record(kind=kind, owner=owner, label=label, params=params)
    if inline():
        run(job.pk, kind, work)
        job.refresh_from_db()
    else:
        threading.Thread(
            target=_thread, args=(job.pk, kind, work), name=f"devzone-job-{job.pk}", daemon=True
        ).start()
    return job


def _thread(job_id: int, kind: str, work: Work) -> None:
    close_old_connections()
    try:
        run(job_id, kind, work)
    finally:
        connection.close()  # the thread's own connection; the server's threads keep theirs


def fail(job_id: int, kind: str) -> None:
    """Mark a job failed with its kind's message (the trace, if any, is the caller's to log)."""
    Job.objects.filter(pk=job_id).update(
        state=JobState.FAILED, stage="", outcome={"error": wording(kind)[2]}, updated_at=timezone.now()
    )


def run(job_id: int, kind: str, work: Work) -> None:
    """Run ``work`` for the recorded job ``job_id`` here, and record how it ended."""
    try:
        outcome = work(Progress(job_id))
    except Exception:  # the user gets a message and the page stops polling; the trace goes to the log
        logger.exception("background job %s failed", job_id)
        fail(job_id, kind)
        return
    state = JobState.REFUSED if outcome.refused else JobState.DONE
    Job.objects.filter(pk=job_id).update(
        state=state, stage="", outcome=outcome.as_json(), updated_at=timezone.now()
    )  # updated_at: when it ended


def _alive(worker: str, job_id: int) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: only the age of the row tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if int(pid) != os.getpid() or inline():
        return True
    return any(t.name == f"devzone-job-{job_id}" for t in threading.enumerate())


def settle(job: Job) -> Job:
    """The job as it stands: a ``running`` row whose process is gone or that has not moved is interrupted."""
    if job.state == JobState.RUNNING and (
        (job.stage != QUEUED and not _alive(job.params.get("worker", ""), job.pk))  # queued: for a runner
        or timezone.now() - job.updated_at > STALE
    ):
        Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
            state=JobState.FAILED, stage="", outcome={"error": wording(job.kind)[1]}
        )
        job.refresh_from_db()
    return job


def owned(request: HttpRequest, job_id: int, kind: str) -> Job:
    """The signed-in user's own job of this kind (anyone else's is a 404)."""
    job = Job.objects.filter(pk=job_id, kind=kind, owner_id=request.user.pk).first()
    if job is None:
        raise Http404("job")
    return settle(job)


Finished = Callable[[HttpRequest, Job, Outcome], HttpResponse]


def answer(request: HttpRequest, job: Job, *, url: str, finished: Finished) -> HttpResponse:
    """The upload's answer: the outcome when the job is already over (inline), else its progress page."""
    if job.state == JobState.RUNNING:
        return redirect(url)
    return page(request, job, url=url, finished=finished)


def page(request: HttpRequest, job: Job, *, url: str, finished: Finished) -> HttpResponse:
    """The progress page while the job runs (its status fragment for htmx), then the slice's outcome."""
    if job.state == JobState.RUNNING:
        template = "core/job_status.html" if request.headers.get("HX-Request") else "core/job.html"
        counted = f"{job.done:,} / {job.total:,} 行" if job.total else ""
        context = {
            "job": job,
            "url": url,
            "percent": _percent(job),
            "counted": counted,
            "heading": wording(job.kind)[0],
        }
        return render(request, template, context)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url  # the whole page reloads once into the outcome
        return response
    if job.state == JobState.FAILED:
        context = {"job": job, "url": url, "error": job.outcome.get("error"), "heading": wording(job.kind)[0]}
        return render(request, "core/job.html", context, status=500)
    return finished(request, job, Outcome.of(job.outcome))


def _percent(job: Job) -> int | None:
    return min(100, round(100 * job.done / job.total)) if job.total else None
