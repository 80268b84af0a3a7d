"""Downloads of a run: the final (or 公示) list and the policy list (.xlsx), the report (.docx).

Each holds only the rows the user may read; the report's summaries are computed from those rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.accounts.access import sees_all_zones
from devzone.core import document_jobs
from devzone.core.jobs import Progress
from devzone.core.responses import DOCX
from devzone.enterprises.exports import final_list_workbook, policy_list_workbook
from devzone.enterprises.models import MuRun, RunStatus
from devzone.enterprises.report import MuReport, run_report
from devzone.enterprises.views.common import (
    download,
    eval_rows,
    get_run,
    land_candidates,
    land_counts,
    list_info,
    method_of,
    result_row,
    snapshot_of,
    visible_results,
    year_rows,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

    Reader: TypeAlias = User | AnonymousUser

LIST_NAMES = {RunStatus.DRAFT: "评价结果", RunStatus.PUBLICISED: "公示名单", RunStatus.FINAL: "定级名单"}


def _ordered(user: Reader, run: MuRun) -> list:  # type: ignore[type-arg]
    return list(visible_results(user, run).order_by("zone__name", "segment", "rank", "uscc"))


@login_required
@require_GET
def final_list(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    """The final (or 公示) list: 4 s for 3,000 enterprises, so built in the background."""
    run = get_run(request.user, mu_run_id)
    user = request.user

    def build(progress: Progress) -> bytes:
        method = method_of(run)
        rows = [result_row(r) for r in _ordered(user, run)]
        indicators = [
            (code, *next((i.label, i.unit) for s in method.segments for i in s.indicators if i.code == code))
            for code in method.indicator_codes
        ]
        return final_list_workbook(list_info(run, method), rows, indicators=indicators)

    name = f"亩均效益{LIST_NAMES.get(run.status, '名单')}-{run.year}年-{run.pk}.xlsx"
    return document_jobs.offer(request, filename=name, build=build)


@login_required
@require_GET
def policy_list(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    """差别化政策清单: seconds for a province's run, so built in the background."""
    run = get_run(request.user, mu_run_id)
    method = method_of(run)
    user = request.user

    def build(progress: Progress) -> bytes:
        rows = [result_row(r) for r in _ordered(user, run)]
        return policy_list_workbook(list_info(run, method), rows, policies=method.policies)

    return document_jobs.offer(
        request, filename=f"亩均差别化政策清单-{run.year}年-{run.pk}.xlsx", build=build
    )


@login_required
@require_GET
def report_docx(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    method = method_of(run)
    results = _ordered(request.user, run)
    snapshot = snapshot_of(run)
    land = land_candidates(run, method, snapshot, {r.uscc: r.zone.name for r in results})
    every_zone = sees_all_zones(request.user) or run.zone_id is not None
    scope_name = run.zone.name if run.zone else ("全部开发区" if every_zone else "本开发区")
    report = MuReport(
        title=f"{run.year}年度亩均效益综合评价报告", year=run.year, method=method,
        method_sha256=run.method_sha256, input_sha256=run.input_sha256, input_rows=run.input_rows,
        created_by=str(run.created_by or "—"),
        created_at=timezone.localtime(run.created_at).strftime("%Y-%m-%d %H:%M"),
        status=run.get_status_display(), scope=scope_name,
        rows=tuple(eval_rows(results, year_rows(run, snapshot))), land=land_counts(land),
    )  # fmt: skip
    return download(
        run_report(report), name=f"亩均效益综合评价报告-{run.year}年-{run.pk}.docx", content_type=DOCX
    )
