"""Directory pages: the home page, zones, units and the owner-name resolver. Views check; actions act."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from devzone.accounts.access import (
    can_change,
    can_change_shared,
    changeable_zone_ids,
    get_visible,
    require_change,
    require_place_of,
    require_shared_change,
    scope,
)
from devzone.audit.models import AuditEntry
from devzone.orgs.actions import save_group, save_unit, save_zone
from devzone.orgs.directory import expand, load_directory
from devzone.orgs.forms import GroupForm, ResolveForm, UnitForm, ZoneFilterForm, ZoneForm
from devzone.orgs.models import OwnerGroup, Unit, Zone, ZoneKind, ZoneLevel
from devzone.orgs.resolve import EntryKind, Unresolved, resolve_owners

ZONE_STAFF_FIELDS = ("short_name", "aliases", "description")


def zone_overview(user: Any) -> dict[str, Any]:
    """The signed-in user's zones at a glance (the lower half of the home page)."""
    zones = scope(user, Zone.objects.all(), zone_field="pk")
    by_kind = dict(zones.values_list("kind").annotate(n=Count("pk")))
    by_level = dict(zones.values_list("level").annotate(n=Count("pk")))
    by_city = list(zones.values_list("city").annotate(n=Count("pk")).order_by("-n", "city"))
    kinds = [(str(label), by_kind.get(value, 0)) for value, label in ZoneKind.choices]
    chart = {
        "tooltip": {},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": [c for c, _n in by_city]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": _("开发区数量"), "type": "bar", "data": [n for _c, n in by_city]}],
    }
    return {
        "zone_count": zones.count(),
        "unit_count": scope(user, Unit.objects.all()).count(),
        "kinds": kinds,
        "levels": [(str(label), by_level.get(value, 0)) for value, label in ZoneLevel.choices],
        "chart": chart,
    }


@login_required
def zone_list(request: HttpRequest) -> HttpResponse:
    form = ZoneFilterForm(request.GET or None)
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            zones = zones.filter(Q(name__icontains=data["q"]) | Q(short_name__icontains=data["q"]))
        if data["level"]:
            zones = zones.filter(level=data["level"])
        if data["kind"]:
            zones = zones.filter(kind=data["kind"])
        if data["city"]:
            zones = zones.filter(city__icontains=data["city"])
    page = Paginator(zones, 50).get_page(request.GET.get("page"))
    template = "orgs/_zone_rows.html" if request.headers.get("HX-Request") else "orgs/zone_list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def zone_detail(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    context = {
        "zone": zone,
        "units": zone.units.all(),
        "can_edit": can_change(request.user, zone),
        "history": AuditEntry.objects.filter(zone=zone)[:20],
    }
    return render(request, "orgs/zone_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def zone_edit(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    require_change(request.user, zone)
    form = ZoneForm(request.POST or None, instance=zone)
    if not can_change_shared(request.user):
        for name in list(form.fields):
            if name not in ZONE_STAFF_FIELDS:
                form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        if can_change_shared(request.user):
            require_place_of(request.user, form.instance)
        try:
            save_zone(form.instance, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("orgs:zone", zone_id=zone.pk)
    return render(request, "orgs/form.html", {"form": form, "title": _("编辑开发区：%s") % zone.name})


@login_required
@require_http_methods(["GET", "POST"])
def zone_create(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    form = ZoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        require_place_of(request.user, form.instance)
        zone = save_zone(form.instance, actor=request.user)
        messages.success(request, _("已新建开发区"))
        return redirect("orgs:zone", zone_id=zone.pk)
    return render(request, "orgs/form.html", {"form": form, "title": _("新建开发区")})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = scope(request.user, Unit.objects.select_related("zone"))
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    kind = request.GET.get("kind", "")
    if kind:
        units = units.filter(kind=kind)
    groups = OwnerGroup.objects.prefetch_related("members")
    visible = set(units.values_list("pk", flat=True))
    group_rows = [(g, [m for m in g.members.all() if m.pk in visible]) for g in groups]
    context = {
        "page": Paginator(units, 100).get_page(request.GET.get("page")),
        "groups": group_rows,
        "q": q,
        "kind": kind,
        "kinds": Unit._meta.get_field("kind").choices,
        "can_create_unit": can_change_shared(request.user) or _changeable_zones(request.user).exists(),
        "can_create_group": can_change_shared(request.user),
    }
    return render(request, "orgs/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_visible(request.user, Unit.objects.select_related("zone"), pk=unit_id)
    return render(
        request,
        "orgs/unit_detail.html",
        {"unit": unit, "can_edit": can_change(request.user, unit), "groups": unit.groups.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_visible(request.user, Unit.objects.all(), pk=unit_id)
    require_change(request.user, unit)
    require_shared_change(request.user)
    form = UnitForm(request.POST or None, instance=unit, zones=_changeable_zones(request.user))
    if request.method == "POST" and form.is_valid():
        require_place_of(request.user, form.instance)
        try:
            save_unit(form.instance, actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("orgs:unit", unit_id=unit.pk)
    return render(
        request,
        "orgs/form.html",
        {"form": form, "title": _("编辑责任单位：%s") % unit.name},
        status=400 if request.method == "POST" else 200,
    )


def _changeable_zones(user: Any) -> Any:
    """The zones a user may put a new unit in (every zone for a coordinator)."""
    ids = changeable_zone_ids(user)
    return Zone.objects.all() if ids is None else Zone.objects.filter(pk__in=ids)


def _field_errors(form: Any, exc: ValidationError) -> None:
    """Put an action's refusal next to the field it names (or above the form)."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    """A new unit: coordinators for the whole directory, zone staff for a unit of their own zone."""
    zones = _changeable_zones(request.user)
    if not can_change_shared(request.user) and not zones.exists():
        raise PermissionDenied
    initial = {k: request.GET.get(k, "") for k in ("name", "city", "province")}
    form = UnitForm(request.POST or None, initial=initial, zones=zones)
    if request.method == "POST" and form.is_valid():
        zone = form.cleaned_data["zone"]
        if zone is None:
            require_shared_change(request.user)
        require_place_of(request.user, form.instance)  # a zone's own, or a city in the user's jurisdiction
        try:
            unit = save_unit(form.instance, actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("已新建责任单位“%s”") % unit.name)
            return redirect("orgs:unit", unit_id=unit.pk)
    return render(
        request,
        "orgs/form.html",
        {"form": form, "title": _("新建责任单位")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    """A new unit group (各县区, 各开发区管委会): a directory-wide record, for coordinators."""
    require_shared_change(request.user)
    units = scope(request.user, Unit.objects.all()).order_by("city", "name")
    form = GroupForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        require_place_of(request.user, form.instance)
        try:
            group = save_group(form.instance, members=list(form.cleaned_data["members"]), actor=request.user)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("已新建单位组“%s”") % group.name)
            return redirect("orgs:units")
    return render(
        request,
        "orgs/form.html",
        {"form": form, "title": _("新建单位组")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def resolve(request: HttpRequest) -> HttpResponse:
    form = ResolveForm(request.GET or None)
    result = None
    if form.is_valid():
        resolution = resolve_owners(
            form.cleaned_data["text"],
            load_directory(),
            city=form.cleaned_data["city"],
            province=form.cleaned_data["province"],
        )
        visible = set(scope(request.user, Unit.objects.all()).values_list("pk", flat=True))
        rows = []
        unresolved = list(resolution.unresolved)
        for match in resolution.matches:
            is_group = match.entry.kind == EntryKind.GROUP
            if not is_group and match.entry.id not in visible:
                unresolved.append(Unresolved(match.written, _("名录中没有这个单位")))
                continue
            members = [u for u in expand(match.entry) if u.pk in visible]
            rows.append({"match": match, "group": is_group, "members": members})
        result = {"rows": rows, "unresolved": unresolved}
    template = "orgs/_resolve_result.html" if request.headers.get("HX-Request") else "orgs/resolve.html"
    return render(request, template, {"form": form, "result": result})
