"""One enterprise's score card (评价结果) with its objections: file one, download evidence, decide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import can_change, can_change_shared, get_visible, require_shared_change
from devzone.core.citations import chinese_date
from devzone.core.responses import OCTET, attachment
from devzone.enterprises import charts
from devzone.enterprises.actions import WorkflowError, decide_objection, file_objection
from devzone.enterprises.exports import policy_value
from devzone.enterprises.forms import DecisionForm, ObjectionForm
from devzone.enterprises.labels import BENCHMARK_LABELS, SCORE_RULE_LABELS, UNIT_LABELS
from devzone.enterprises.method import Method
from devzone.enterprises.models import MuResult, Objection, ObjectionStatus, RunStatus
from devzone.enterprises.report import class_labels
from devzone.enterprises.views.common import finite, method_of, number, result_row
from devzone.enterprises.views.runs import class_choices


def _indicator_rows(result: MuResult, method: Method) -> list[dict[str, Any]]:
    segment = next((s for s in method.segments if s.code == result.segment), None)
    specs = {i.code: i for i in segment.indicators} if segment else {}
    rows = []
    for i in result.indicators:
        spec = specs.get(i["code"])
        value, bench = finite(i.get("value")), finite(i.get("benchmark"))
        rows.append(
            {
                "code": i["code"], "name": i["name"], "unit": UNIT_LABELS.get(i.get("unit") or "", i.get("unit") or ""), "value": value,
                "raw_value": i.get("value"), "benchmark": bench, "points": finite(i.get("points")),
                "weight": number(i.get("weight")),
                "ratio": value / bench if value is not None and bench not in (None, 0.0) else None,
                "benchmark_points": charts.benchmark_points(spec.score_rule, weight=spec.weight) if spec else None,
                "direction": spec.direction if spec else "",
                "rule": SCORE_RULE_LABELS.get(spec.score_rule.kind, "") if spec else "",
                "benchmark_kind": BENCHMARK_LABELS.get(spec.benchmark.kind, "") if spec else "",
            }
        )  # fmt: skip
    return rows


def _policies(result: MuResult, method: Method) -> list[dict[str, Any]]:
    row = result_row(result)
    return [
        {"policy": p, "value": policy_value(p, row)}
        for p in method.policies
        if policy_value(p, row) is not None
    ]


def _page(
    request: HttpRequest,
    result: MuResult,
    *,
    objection_form: ObjectionForm | None = None,
    decision_forms: dict[int, DecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    run = result.run
    method = method_of(run)
    rows = _indicator_rows(result, method)
    labels = class_labels(method)
    publicised = run.status == RunStatus.PUBLICISED
    can_object = publicised and can_change(request.user, result)
    can_decide = publicised and can_change_shared(request.user)
    choices = class_choices(method)
    objections = []
    for o in result.objections.select_related("filed_by", "decided_by"):
        form = None
        if can_decide and o.status == ObjectionStatus.PENDING:
            form = (decision_forms or {}).get(o.pk) or DecisionForm(classes=choices, prefix=f"o{o.pk}")
        objections.append({"objection": o, "form": form})
    context = {
        "run": run,
        "result": result,
        "method": method,
        "segment": next((s.label for s in method.segments if s.code == result.segment), result.segment),
        "klass_label": labels.get(result.klass, ""),
        "final_label": labels.get(result.final_class, ""),
        "indicators": rows,
        "adjustment": number(result.extra.get("adjustment_points")),
        "policies": _policies(result, method),
        "segment_size": run.results.filter(segment=result.segment, rank__isnull=False).count() if result.segment else 0,
        "card_chart": charts.score_card_chart(
            [charts.CardBar(name=r["name"], points=r["points"], benchmark_points=r["benchmark_points"]) for r in rows]
        ),
        "ratio_chart": charts.value_ratio_chart([r["name"] for r in rows], [r["ratio"] for r in rows]),
        "ratio_height": 60 + 32 * len(rows),
        "objections": objections,
        "objection_form": (objection_form or ObjectionForm()) if can_object else None,
        "publicity_end": chinese_date(run.publicity_end.isoformat()) if run.publicity_end else "",
    }  # fmt: skip
    return render(request, "enterprises/result_detail.html", context, status=status)


def _result(request: HttpRequest, result_id: int) -> MuResult:
    return get_visible(
        request.user, MuResult.objects.select_related("run", "zone", "enterprise"), pk=result_id
    )


@login_required
@require_GET
def result_detail(request: HttpRequest, result_id: int) -> HttpResponse:
    return _page(request, _result(request, result_id))


@login_required
@require_POST
def objection_create(request: HttpRequest, result_id: int) -> HttpResponse:
    result = _result(request, result_id)
    if not can_change(request.user, result):
        return HttpResponse(status=403)
    form = ObjectionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, result, objection_form=form, status=422)
    try:
        file_objection(
            result, reason=form.cleaned_data["reason"], evidence=form.cleaned_data["evidence"],
            actor=request.user, source="web",
        )  # fmt: skip
    except WorkflowError as exc:
        # beside the field it is about: the evidence's own problem under 证明材料, the rest (公示期 ended,
        # no reason) under 异议理由, where the 公示期's last day is shown
        form.add_error("evidence" if str(exc).startswith("证明材料") else "reason", str(exc))
        return _page(request, result, objection_form=form, status=422)
    messages.success(request, _("异议已提交，等待主管部门处理"))
    return redirect("enterprises:result", result_id=result.pk)


def _objection(request: HttpRequest, objection_id: int) -> Objection:
    return get_visible(request.user, Objection.objects.select_related("result__run"), pk=objection_id)


@login_required
@require_GET
def objection_evidence(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = _objection(request, objection_id)
    if not objection.evidence:
        return HttpResponse(status=404)
    with objection.evidence.open("rb") as handle:
        content = handle.read()
    suffix = Path(objection.evidence.name).suffix.lower()
    return attachment(content, filename=f"异议证明材料-{objection.pk}{suffix}", content_type=OCTET)


@login_required
@require_POST
def objection_decide(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = _objection(request, objection_id)
    require_shared_change(request.user)
    result = _result(request, objection.result_id)
    form = DecisionForm(request.POST, classes=class_choices(method_of(result.run)), prefix=f"o{objection.pk}")
    if not form.is_valid():
        return _page(request, result, decision_forms={objection.pk: form}, status=422)
    data = form.cleaned_data
    try:
        decide_objection(
            objection, upheld=data["upheld"], decision=data["decision"], new_class=data["new_class"] or "",
            actor=request.user, source="web",
        )  # fmt: skip
    except WorkflowError as exc:
        form.add_error(None, str(exc))
        return _page(request, result, decision_forms={objection.pk: form}, status=422)
    messages.success(request, _("异议已处理"))
    return redirect("enterprises:result", result_id=result.pk)
