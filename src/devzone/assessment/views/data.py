"""Zone data for the assessment (the long table): list, filter, and import from .csv/.xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from devzone.accounts.access import changeable_zone_ids, scope, sees_all_zones
from devzone.assessment.data_template import template_bytes
from devzone.assessment.forms import UploadForm
from devzone.assessment.imports import import_values, indicator_headers
from devzone.assessment.models import AssessmentValue, Framework
from devzone.assessment.spec import Node
from devzone.core import document_jobs
from devzone.core.files import FileRefused, read_upload
from devzone.core.jobs import Progress
from devzone.orgs.models import Zone


def _page(request: HttpRequest, form: UploadForm, errors: list[str]) -> HttpResponse:
    values = scope(request.user, AssessmentValue.objects.select_related("zone"))
    year = request.GET.get("year", "").strip()
    indicator = request.GET.get("indicator", "").strip()
    if year.isdigit():
        values = values.filter(year=int(year))
    if indicator:
        values = values.filter(indicator=indicator)
    page = Paginator(values, 100).get_page(request.GET.get("page"))
    names = indicator_names()
    for value in page:  # a user reads the indicator's Chinese name, never its code
        value.indicator_name = names.get(value.indicator, value.indicator)
        # as typed, grouped by thousands, at most four decimals and no trailing zeros (812.3, not 812.3000)
        value.shown = "缺失" if value.value is None else f"{value.value:,.4f}".rstrip("0").rstrip(".")
    context = {
        "page": page,
        "indicators": sorted(names.items(), key=lambda item: item[1]),
        "form": form,
        "errors": errors,
        "year": year,
        "indicator": indicator,
        "can_upload": changeable_zone_ids(request.user) != set(),
        # the coordinator's method files: zone staff get one template with every indicator instead
        "frameworks": Framework.objects.all() if sees_all_zones(request.user) else [],
        "has_frameworks": Framework.objects.exists(),
        "sees_all": sees_all_zones(request.user),
    }
    return render(request, "assessment/data.html", context)


def indicator_names() -> dict[str, str]:
    """Indicator code → its Chinese name, from every framework (the first framework that names it)."""
    names: dict[str, str] = {}
    for framework in Framework.objects.all():
        engine = framework.engine()
        for code in engine.indicators:
            names.setdefault(code, engine.node(code).name)
    return names


@login_required
def data_list(request: HttpRequest) -> HttpResponse:
    return _page(request, UploadForm(), [])


@login_required
@require_POST
def data_upload(request: HttpRequest) -> HttpResponse:
    if changeable_zone_ids(request.user) == set():
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, [])
    upload = form.cleaned_data["file"]
    try:
        result = import_values(*read_upload(upload), actor=request.user)
    except FileRefused as exc:
        return _page(request, form, [str(i) for i in exc.issues])
    messages.success(
        request,
        _("已导入：新增 %(c)d 条，更新 %(u)d 条，未变 %(n)d 条")
        % {"c": result.created, "u": result.updated, "n": result.unchanged},
    )
    return redirect("assessment:data")


@login_required
def data_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx to fill in: the user's zones as rows, indicators as columns under their Chinese names.

    A coordinator picks the framework; zone staff, who do not read frameworks (the coordinator's method
    files), get every framework's indicators once each.
    """
    ids = changeable_zone_ids(request.user)
    if ids == set():
        raise PermissionDenied
    frameworks = list(Framework.objects.all())
    chosen = request.GET.get("framework", "")
    if sees_all_zones(request.user) and chosen.isdigit():
        frameworks = [f for f in frameworks if f.pk == int(chosen)]
    if not frameworks:
        raise Http404(_("没有考核框架"))
    nodes: dict[str, Node] = {}
    for framework in frameworks:
        engine = framework.engine()
        for code in engine.indicators:
            nodes.setdefault(code, engine.node(code))
    shared = frozenset(h for h, codes in indicator_headers().items() if len(codes) > 1)
    zones = Zone.objects.all() if ids is None else Zone.objects.filter(pk__in=ids)
    name = f"考评数据模板-{frameworks[0].name}.xlsx" if len(frameworks) == 1 else "考评数据模板.xlsx"

    # a province's template is 3,000 zones with their checks: seconds, so built in the background
    def build(progress: Progress) -> bytes:
        names = list(zones.order_by("city", "name").values_list("name", flat=True))
        return template_bytes(list(nodes.values()), names, timezone.localdate().year - 1, ambiguous=shared)

    return document_jobs.offer(request, filename=name, build=build)
