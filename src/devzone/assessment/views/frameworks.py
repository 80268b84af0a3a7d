"""Framework list, detail (the tree with weights per parent and peer group) and the YAML editor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.access import can_change_shared, require_shared_change
from devzone.assessment.actions import load_shipped_frameworks, save_framework
from devzone.assessment.forms import FrameworkForm
from devzone.assessment.labels import (
    AGGREGATOR_LABELS,
    MISSING_LABELS,
    NORMALISER_LABELS,
    group_label,
    rule_text,
)
from devzone.assessment.models import Framework, parse_yaml
from devzone.assessment.results import node_table
from devzone.assessment.spec import Framework as EngineFramework
from devzone.assessment.views.common import may_edit_framework, place_new_framework, require_framework_reader


def tree_context(engine: EngineFramework) -> dict[str, Any]:
    """The tree as indented rows with each node's weight and share of its parent for every weight group."""
    groups = list(engine.groups_of_weights)
    rows = node_table(engine)
    return {
        "groups": groups,
        "tree": [
            {**r, "cells": [(r["weights"].get(g, r["weights"].get("default")), r["shares"][g]) for g in groups],
             "indent": r["depth"] * 1.25}
            for r in rows
        ],
        "engine": engine,
        "method_labels": {
            "normalise": NORMALISER_LABELS.get(engine.normalise.method, engine.normalise.method),
            "aggregation": AGGREGATOR_LABELS.get(engine.aggregation, engine.aggregation),
            "missing": MISSING_LABELS.get(engine.missing.rule, engine.missing.rule),
        },
        "rule_rows": [(r.action, rule_text(r.kind, dict(r.params))) for r in engine.rules],
        "group_labels": [group_label(g) for g in groups],
    }  # fmt: skip


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    require_framework_reader(request.user)
    return render(
        request,
        "assessment/frameworks.html",
        {"frameworks": Framework.objects.all(), "can_edit": can_change_shared(request.user)},
    )


@login_required
@require_POST
def framework_load_shipped(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    created = load_shipped_frameworks(actor=request.user)
    messages.success(request, _("已载入 %d 个内置考核框架") % len(created))
    return redirect("assessment:frameworks")


@login_required
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    require_framework_reader(request.user)
    framework = get_object_or_404(Framework, pk=framework_id)
    context = {
        "framework": framework,
        "can_edit": may_edit_framework(request.user, framework),
        "can_copy": can_change_shared(request.user),
        "runs": framework.runs.defer("snapshot", "framework_yaml")[:50],
        **tree_context(framework.engine()),
    }
    return render(request, "assessment/framework_detail.html", context)


def _editor(
    request: HttpRequest, form: FrameworkForm, *, title: str, framework: Framework | None
) -> HttpResponse:
    preview: dict[str, Any] | None = None
    text = (
        form.data.get("yaml_text")
        if form.is_bound
        else form.initial.get("yaml_text") or (framework.yaml_text if framework else "")
    )
    if text:
        try:
            preview = tree_context(parse_yaml(str(text)))
        except ValidationError:
            preview = None
    return render(
        request,
        "assessment/framework_form.html",
        {"form": form, "title": title, "framework": framework, "preview": preview},
    )


def _save(request: HttpRequest, form: FrameworkForm) -> Framework | None:
    if request.POST.get("action") == "validate":
        if form.is_valid():
            messages.info(request, _("校验通过（尚未保存）"))
        return None
    if form.is_valid():
        try:
            return save_framework(form.instance, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def framework_new(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    initial = {}
    source_id = request.GET.get("from", "")
    if source_id.isdigit():
        source = get_object_or_404(Framework, pk=int(source_id))
        initial["yaml_text"] = source.yaml_text
    framework = place_new_framework(request.user, Framework(created_by=request.user))
    form = FrameworkForm(request.POST or None, initial=initial, instance=framework)
    if request.method == "POST":
        saved = _save(request, form)
        if saved is not None:
            messages.success(request, _("已保存考核框架"))
            return redirect("assessment:framework", framework_id=saved.pk)
    return _editor(request, form, title=_("新建考核框架"), framework=None)


@login_required
@require_http_methods(["GET", "POST"])
def framework_edit(request: HttpRequest, framework_id: int) -> HttpResponse:
    require_shared_change(request.user)
    framework = get_object_or_404(Framework, pk=framework_id)
    if framework.shipped:
        messages.warning(request, _("内置框架不能修改；请另存为新框架后再改"))
        return redirect(f"{reverse('assessment:framework_new')}?from={framework.pk}")
    if not may_edit_framework(request.user, framework):
        place = framework.city or framework.province or _("系统管理员")
        messages.warning(
            request,
            _("这是%(place)s的考核框架，只能由其主管部门修改；可另存为新框架后再改") % {"place": place},
        )
        return redirect(f"{reverse('assessment:framework_new')}?from={framework.pk}")
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST":
        saved = _save(request, form)
        if saved is not None:
            messages.success(request, _("已保存考核框架"))
            return redirect("assessment:framework", framework_id=saved.pk)
    return _editor(request, form, title=_("编辑考核框架：%s") % framework, framework=framework)
