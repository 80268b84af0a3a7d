"""Documents that take seconds to build, built in the background: a page follows the build and offers the
download when it is ready.

Why: a province's 进展报告 takes 7–12 s to build, the 亩均 定级名单 4 s; a browser left waiting that long
with no sign of life gets clicked again (and the server builds it twice). So the download link answers at
once with the job page ``/documents/<id>/``, which polls (htmx, or a plain refresh without JavaScript)
and shows the download button when the file is there. The build is a :mod:`devzone.core.jobs` job (the
same progress row, the same rule for a server that stopped mid-way); the bytes are kept in the job's
file field and go with the job a day later.

Access: the view checks what the user may read *before* it offers the document, and the build reads
with that same user's scope; the page and the file answer the user who asked alone (anyone else's id is
a 404, like any record they may not see).

Under ``DEVZONE_JOBS_INLINE`` (the tests) the document is built in the request and the answer is the
download itself, as it was before documents were built in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.core import document_runner, jobs
from devzone.core.media import atomic_with_files, save_file
from devzone.core.models import Job, JobState
from devzone.core.responses import attachment, file_attachment

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User  # the configured user model

KIND = document_runner.KIND
KEEP = timedelta(days=1)  # a built document stays for its owner this long, then goes with its job

# Builds the document's bytes; may call ``progress.stage`` between its steps.
Build = Callable[[jobs.Progress], bytes]


def offer(request: HttpRequest, *, filename: str, build: Build) -> HttpResponse:
    """Build a document for the signed-in user in the background and answer with its job page.

    ``build`` runs in another thread or, under ``devzone serve``, in the document runner's process
    (:mod:`devzone.core.document_runner`, which calls the view again as the same user and lands here):
    it must read with the user's scope (never the request), and the view has checked access before
    calling this.
    """
    user = request.user

    def work(progress: jobs.Progress) -> jobs.Outcome:
        progress.stage("生成文档")
        content = build(progress)
        progress.stage("保存文档")
        job = Job.objects.get(pk=progress.job_id)
        with atomic_with_files():
            save_file(job.file, filename, ContentFile(content))
            job.save(update_fields=["file"])
        return jobs.Outcome(url=_file_url(job.pk), message=f"{filename}（{_size(len(content))}）")

    if (job_id := document_runner.building()) is not None:  # the runner, building the recorded job
        jobs.run(job_id, KIND, work)
        return HttpResponse(status=204)
    _forget_old(user)  # type: ignore[arg-type]
    if document_runner.enabled():
        params = {"filename": filename, "path": request.get_full_path(), "host": request.get_host()}
        job = jobs.record(kind=KIND, owner=user, label=filename, params=params)  # type: ignore[arg-type]
        return jobs.answer(request, job, url=_page_url(job.pk), finished=_finished)
    job = jobs.start(kind=KIND, owner=user, label=filename, params={"filename": filename}, work=work)  # type: ignore[arg-type]
    if job.state == JobState.DONE and jobs.inline():
        with job.file.open("rb") as handle:  # the answer is the download itself, as before jobs
            return attachment(handle.read(), filename=filename)
    return jobs.answer(request, job, url=_page_url(job.pk), finished=_finished)


def _forget_old(user: User) -> None:
    """The user's documents older than :data:`KEEP`, with their files."""
    for old in Job.objects.filter(kind=KIND, owner=user, created_at__lt=timezone.now() - KEEP):
        if old.file:
            old.file.delete(save=False)
        old.delete()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _page_url(job_id: int) -> str:
    return reverse("documents:job", kwargs={"document_id": job_id})


def _file_url(job_id: int) -> str:
    return reverse("documents:file", kwargs={"document_id": job_id})


def _download(job: Job) -> HttpResponse:
    return file_attachment(job.file.open("rb"), filename=job.params.get("filename") or job.label)


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    """The built document, offered for download."""
    return render(request, "core/document.html", {"job": job, "outcome": outcome})


@login_required
@require_GET
def document_job(request: HttpRequest, document_id: int) -> HttpResponse:
    job = jobs.owned(request, document_id, KIND)
    return jobs.page(request, job, url=_page_url(job.pk), finished=_finished)


@login_required
@require_GET
def document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    job = jobs.owned(request, document_id, KIND)
    if job.state != JobState.DONE or not job.file:
        raise Http404("document")
    return _download(job)


urlpatterns = (
    [
        path("<int:document_id>/", document_job, name="job"),
        path("<int:document_id>/file/", document_file, name="file"),
    ],
    "documents",
)
