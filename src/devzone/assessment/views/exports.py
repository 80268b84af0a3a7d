"""Downloads of a run: the ranking (.xlsx) and the assessment report (.docx), with the user's rows only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from devzone.assessment.models import AssessmentRun, ZoneResult
from devzone.assessment.node_ranking import category_sheets
from devzone.assessment.report import (
    Report,
    ReportRow,
    assessment_report,
    data_source_lines,
    method_lines,
    ranking_workbook,
)
from devzone.assessment.results import source_counts
from devzone.assessment.sensitivity import sensitivity_rows
from devzone.assessment.views.common import (
    change_label,
    get_run,
    node_names,
    plain_row,
    raw_values,
    snapshot_values,
)
from devzone.assessment.views.runs import ordered_results, result_rows
from devzone.core import document_jobs
from devzone.core.citations import assumptions_of, citations_of
from devzone.core.jobs import Progress


def build_report(run: AssessmentRun, results: list[ZoneResult]) -> Report:
    """The report of ``run`` restricted to ``results`` (the rows the user may see)."""
    names = node_names(run)
    s = run.summary
    fallback = snapshot_values(run) if any(not r.raw_values for r in results) else {}
    plain = [{**plain_row(r, raw=raw_values(r, fallback)), "zone": r.zone.name} for r in results]
    sheets = category_sheets(
        plain, nodes=run.nodes, categories=s.get("categories", []), root=s.get("root", ""),
        group=s.get("primary_group", "all"), taken={"排名", "权重敏感度", "说明"},
    )  # fmt: skip
    rows = tuple(
        ReportRow(
            zone=r["zone"].name, rank=r["result"].rank, score=r["result"].score, rank_prev=r["result"].rank_prev,
            rank_change=r["result"].rank_change, change_text=change_label(r["result"].rank_change, r["result"].rank_prev)["text"],
            categories=tuple(r["categories"]), interval=r["interval"], pay=r["result"].pay, tier=r["result"].tier,
            streak=r["result"].streak,
        )
        for r in result_rows(run, results)
    )  # fmt: skip
    zone_names = {r.zone_id: r.zone.name for r in results}
    outcomes = tuple(
        (zone_names[o.zone_id], o.action, "是" if o.hit else "否",
         "；".join(f"{y}年第{k}名" for y, k, _d in o.detail.get("evidence", []) if k))
        for o in run.outcomes.filter(zone_id__in=list(zone_names)).order_by("rule", "zone__name")
    )  # fmt: skip
    method = (
        ("考核框架", run.framework.name),
        ("框架 sha256", run.framework_sha256),
        ("数据快照 sha256", run.data_sha256),
        *method_lines(s),
        ("不确定性分析", f"{run.samples} 次抽样，随机种子 {run.seed}" if run.samples else "未做"),
        ("引擎版本", run.engine_version),
        *data_source_lines(s.get("data_sources") or source_counts(run.snapshot), s.get("data_warnings", [])),
    )
    return Report(
        title=f"{run.year}年度开发区综合考评报告", year=run.year, framework=str(run.framework),
        framework_code=run.framework_code, framework_sha256=run.framework_sha256, data_sha256=run.data_sha256,
        engine_version=run.engine_version, samples=run.samples, seed=run.seed,
        categories=tuple(names.get(c, c) for c in s.get("categories", [])), rows=rows, outcomes=outcomes,
        nodes=tuple(s.get("nodes", [])), method=method, sheets=tuple(sheets),
        sensitivity=None if run.sensitivity is None else tuple(sensitivity_rows(run.sensitivity, names=names)),
        notes=(("绩效薪酬系数为地方政策示例（假设），非公开规则。",) if s.get("pay_assumed") else ()),
        sources=citations_of(s.get("sources", [])), assumptions=assumptions_of(s.get("assumptions", [])),
    )  # fmt: skip


@login_required
def ranking_xlsx(request: HttpRequest, run_id: int) -> HttpResponse:
    """考评排名 (a sheet per category): many seconds for a 3,000-zone province, so built in the background."""
    run = get_run(request.user, run_id)
    user = request.user

    def build(progress: Progress) -> bytes:
        return ranking_workbook(build_report(run, ordered_results(user, run)))

    return document_jobs.offer(request, filename=f"开发区考评排名-{run.year}年-{run.pk}.xlsx", build=build)


@login_required
@require_GET
def report_docx(request: HttpRequest, run_id: int) -> HttpResponse:
    """考评报告: seconds for a 3,000-zone province, so built in the background."""
    run = get_run(request.user, run_id)
    user = request.user

    def build(progress: Progress) -> bytes:
        return assessment_report(build_report(run, ordered_results(user, run)))

    return document_jobs.offer(request, filename=f"开发区考评报告-{run.year}年-{run.pk}.docx", build=build)
