"""A project's page (nodes with lights, milestones with evidence, contract indicators against the
enterprise's actual figures), adding a milestone with its evidence, verifying it, and the evidence file."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devzone.accounts.access import can_change, get_visible, require_change
from devzone.core.responses import file_attachment
from devzone.orgs.models import Unit
from devzone.projects.actions import (
    ProjectActionError,
    add_milestone,
    markable,
    record_node,
    verify_milestone,
)
from devzone.projects.contracts import deadline_states
from devzone.projects.forms import MilestoneForm, NodeForm, VerifyForm
from devzone.projects.lights import lights
from devzone.projects.models import Milestone, NodeRecord, Project
from devzone.projects.nodes import NODES_DIR, load_template, project_nodes
from devzone.projects.pipeline import build, current_stage
from devzone.projects.stages import STAGES
from devzone.projects.store import contract_checks, records
from devzone.projects.views.common import as_of, method_of, year_of

NODE_TEMPLATE = "devzone-default.yaml"


VERIFY_RULE = (
    "核验规则：节点须附佐证材料，并由本项目招商责任单位以外的单位核验后方才计入；核验人只能以本人所属单位的名义核验，"
    "未隶属任何单位的账号不能核验，招商责任单位也不能核验自己的项目。"
)


def _units(request: HttpRequest, project: Project) -> QuerySet[Unit]:
    """The one unit the user may verify as: their own, and never the project's 招商责任单位. A user
    without a unit verifies for nobody (else anyone could pick a unit and sign for it)."""
    own = getattr(request.user, "unit_id", None)
    if not own:
        return Unit.objects.none()
    return Unit.objects.filter(pk=own).exclude(pk=project.lead_unit_id)


@login_required
@require_GET
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project: Project = get_visible(
        request.user, Project.objects.select_related("zone", "lead_unit", "service_unit"), pk=project_id
    )
    method = method_of(request)
    year = year_of(request)
    on = as_of(year)
    rows, milestones, funds, fai = records([project.zone])
    mine = [r for r in rows if r.code == project.code]
    row = mine[0]
    own_milestones = [m for m in milestones if m.project == project.code]
    t = build(mine, own_milestones, method, [f for f in funds if f.project == project.code],
              [f for f in fai if f.project == project.code])  # fmt: skip
    stage = int(current_stage(t, on)[0])
    light = lights(t, method, on)
    template = load_template(NODES_DIR / NODE_TEMPLATE)
    node_records = list(project.node_records.order_by("done_on", "pk"))
    marked = {r.node: r.done_on for r in node_records}
    nodes = project_nodes(template, row, own_milestones, on, method.warnings, marked=marked)
    checks = [c for c in contract_checks([project.zone], method, year) if c.code == project.code]
    units = _units(request, project)
    context = {
        "project": project, "method": method, "year": year, "on": on, "template": template,
        "stage": STAGES[stage] if stage >= 0 else "未签约", "light": light.colour(0), "lights": light,
        "nodes": nodes, "checks": checks, "deadlines": deadline_states(t, method, on),
        "milestones": project.milestones.select_related("verified_by").order_by("reached_on", "pk"),
        "indicators": project.indicators.all(), "signings": project.signing_events.all(),
        "funds": project.funds.all(), "can_change": can_change(request.user, project),
        "verify_form": VerifyForm(units=units), "can_verify": units.exists(), "verify_rule": VERIFY_RULE,
        "node_form": NodeForm(nodes=markable(template, marked)) if row.contract else None,
        "node_records": node_records,
    }  # fmt: skip
    return render(request, "projects/project.html", context)


@login_required
@require_POST
def node_done(request: HttpRequest, project_id: int) -> HttpResponse:
    """Mark a node that is no stage done, with its document (备案证明, 环评批复 …)."""
    project: Project = get_visible(request.user, Project.objects.select_related("zone"), pk=project_id)
    require_change(request.user, project)
    template = load_template(NODES_DIR / NODE_TEMPLATE)
    done = set(project.node_records.values_list("node", flat=True))
    form = NodeForm(request.POST, request.FILES, nodes=markable(template, done))
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        try:
            record_node(project, template=template, node=data["node"], done_on=data["done_on"],
                        evidence_file=data["evidence_file"], actor=request.user, source="web")  # type: ignore[arg-type]  # fmt: skip
        except ProjectActionError as refused:
            messages.error(request, "；".join(refused.issues))
        else:
            messages.success(request, f"已登记“{data['node']}”完成")
    return redirect("projects:project", project_id=project.pk)


@login_required
@require_GET
def node_evidence(request: HttpRequest, record_id: int) -> HttpResponseBase:
    record: NodeRecord = get_visible(
        request.user, NodeRecord.objects.all(), zone_field="project__zone", pk=record_id
    )
    return _evidence(record.evidence_file)


def _evidence(file: FieldFile) -> HttpResponseBase:
    """An uploaded evidence file, sent back as it came under its own name."""
    if not file:
        raise Http404("evidence")
    return file_attachment(file.open("rb"), filename=PurePath(file.name or "").name)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project: Project = get_visible(
        request.user, Project.objects.select_related("zone", "lead_unit"), pk=project_id
    )
    require_change(request.user, project)
    form = MilestoneForm(request.POST or None, request.FILES or None)
    issues: tuple[str, ...] = ()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_milestone(project, stage=data["stage"], reached_on=data["reached_on"], evidence=data["evidence"],
                          evidence_file=data["evidence_file"], evidence_on=data["evidence_on"],
                          value=data["value"], actor=request.user, source="web")  # type: ignore[arg-type]  # fmt: skip
        except ProjectActionError as refused:
            issues = refused.issues
        else:
            messages.success(request, f"已登记“{data['stage']}”节点，待其他单位核验后计入")
            return redirect("projects:project", project_id=project.pk)
    return render(
        request, "projects/milestone_form.html", {"project": project, "form": form, "issues": issues}
    )


@login_required
@require_POST
def milestone_verify(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone: Milestone = get_visible(
        request.user,
        Milestone.objects.select_related("project__zone", "project__lead_unit"),
        zone_field="project__zone",
        pk=milestone_id,
    )
    require_change(request.user, milestone)
    units = _units(request, milestone.project)
    form = VerifyForm(request.POST, units=units)
    if not getattr(request.user, "unit_id", None):
        messages.error(request, "您的账号未隶属任何单位，不能核验节点；" + VERIFY_RULE)
    elif not units.exists():
        messages.error(request, "您所在单位是本项目的招商责任单位，须由其他单位核验")
    elif not form.is_valid():
        messages.error(request, "请选择核验单位（只能是您所属的单位）")
    else:
        try:
            verify_milestone(milestone, unit=form.cleaned_data["unit"], actor=request.user,  # type: ignore[arg-type]
                             source="web")  # fmt: skip
        except ProjectActionError as refused:
            messages.error(request, "；".join(refused.issues))
        else:
            messages.success(request, f"已核验“{milestone.stage}”节点")
    return redirect("projects:project", project_id=milestone.project_id)


@login_required
@require_GET
def milestone_evidence(request: HttpRequest, milestone_id: int) -> HttpResponseBase:
    milestone: Milestone = get_visible(
        request.user, Milestone.objects.all(), zone_field="project__zone", pk=milestone_id
    )
    return _evidence(milestone.evidence_file)
