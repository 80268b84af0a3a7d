"""标准厂房 pages: a zone's buildings with their 使用率, a building's units and leases, and the forms that
add and change them (each change through an audited action of :mod:`devzone.land.actions.leases`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import can_change, get_visible, require_change
from devzone.land.actions import add_building, add_lease, add_unit, update_building, update_lease
from devzone.land.forms import BuildingForm, LeaseChangeForm, LeaseForm, UnitForm
from devzone.land.indicators import factory_use, firms_by_uscc, operating
from devzone.land.models import Building, Lease, Parcel
from devzone.land.records import LandInputError
from devzone.land.store import factory_of, firm_years
from devzone.land.views.common import as_of, method, year_of, zone_of
from devzone.orgs.models import Zone


def _use_rates(zone: Zone, year: int) -> tuple[dict[int, float | None], dict[str, Any], Any]:
    """Each building's 标准厂房使用率 in ``year`` (the method's basis), the zone's, and the tenants' rows."""
    factory = factory_of(zone)
    firms = firms_by_uscc(firm_years(zone, [year]), year)
    on, basis = as_of(year), method().factory_use.basis
    rates = {
        int(b.id): factory_use([b], factory.units, factory.leases, firms, on=on, basis=basis).value
        for b in factory.buildings
    }
    zone_rate = factory_use(factory.buildings, factory.units, factory.leases, firms, on=on, basis=basis)
    return rates, firms, zone_rate


def _list(
    request: HttpRequest, zone: Zone, form: BuildingForm | None = None, status: int = 200
) -> HttpResponse:
    year = year_of(request)
    rates, _, zone_rate = _use_rates(zone, year)
    buildings = (
        Building.objects.filter(zone=zone).select_related("parcel").prefetch_related("units", "leases")
    )
    editable = can_change(request.user, zone)
    if editable and form is None:
        form = BuildingForm(parcels=Parcel.objects.filter(zone=zone).order_by("ref"))
    rows = [(b, rates.get(b.pk)) for b in buildings]
    context = {"zone": zone, "year": year, "tab": "factories", "rows": rows, "zone_rate": zone_rate,
               "target": 90, "form": form if editable else None}  # fmt: skip
    return render(request, "land/factories.html", context, status=status)


@login_required
@require_GET
def factory_list(request: HttpRequest, zone_id: int) -> HttpResponse:
    return _list(request, zone_of(request.user, zone_id))


@login_required
@require_POST
def building_add(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    require_change(request.user, zone)
    form = BuildingForm(request.POST, parcels=Parcel.objects.filter(zone=zone).order_by("ref"))
    if not form.is_valid():
        return _list(request, zone, form, status=422)
    data = form.cleaned_data
    try:
        building = add_building(data.pop("parcel"), actor=request.user, source="web", **data)
    except ValidationError as exc:
        form.add_error(None, "；".join(exc.messages))
        return _list(request, zone, form, status=422)
    messages.success(request, f"已新增标准厂房 {building.number}")
    return redirect("land:building", building_id=building.pk)


def _building(request: HttpRequest, building_id: int) -> Building:
    return get_visible(request.user, Building.objects.select_related("zone", "parcel"), pk=building_id)


def _detail(request: HttpRequest, building: Building, status: int = 200, **forms: Any) -> HttpResponse:
    year = year_of(request)
    rates, firms, _ = _use_rates(building.zone, year)
    on = as_of(year)
    units = list(building.units.all())
    leases = list(building.leases.prefetch_related("units").order_by("-start", "-pk"))
    holder: dict[int, Lease] = {}
    for lease in leases:
        if lease.start <= on and (lease.ended_on is None or lease.ended_on > on):
            holder.update({u.pk: lease for u in lease.units.all()})
    record = {x.id: x for x in factory_of(building.zone).leases}
    editable = can_change(request.user, building)
    context = {
        "zone": building.zone, "building": building, "year": year, "on": on, "tab": "factories",
        "rate": rates.get(building.pk), "unit_rows": [(u, holder.get(u.pk)) for u in units],
        "lease_rows": [(x, operating(record[str(x.pk)], firms, on), LeaseChangeForm(prefix=f"l{x.pk}", initial={
            "producing_since": x.producing_since, "used_m2": x.used_m2, "ended_on": x.ended_on})) for x in leases],
        "can_change": editable,
        "building_form": forms.get("building_form") or BuildingForm(initial={
            k: getattr(building, k) for k in ("number", "floors", "floor_area_m2", "leasable_m2", "operator")}),
        "unit_form": forms.get("unit_form") or UnitForm(),
        "lease_form": forms.get("lease_form") or LeaseForm(units=building.units.all()),
        "error": forms.get("error", ""),
    }  # fmt: skip
    return render(request, "land/building.html", context, status=status)


@login_required
@require_GET
def building_detail(request: HttpRequest, building_id: int) -> HttpResponse:
    return _detail(request, _building(request, building_id))


@login_required
@require_POST
def building_edit(request: HttpRequest, building_id: int) -> HttpResponse:
    building = _building(request, building_id)
    require_change(request.user, building)
    form = BuildingForm(request.POST)
    if not form.is_valid():
        return _detail(request, building, 422, building_form=form)
    try:
        update_building(building, actor=request.user, source="web", **form.cleaned_data)
    except ValidationError as exc:
        building.refresh_from_db()
        return _detail(request, building, 422, building_form=form, error="；".join(exc.messages))
    messages.success(request, "已保存标准厂房信息")
    return redirect("land:building", building_id=building.pk)


@login_required
@require_POST
def unit_add(request: HttpRequest, building_id: int) -> HttpResponse:
    building = _building(request, building_id)
    require_change(request.user, building)
    form = UnitForm(request.POST)
    if not form.is_valid():
        return _detail(request, building, 422, unit_form=form)
    try:
        unit = add_unit(building, actor=request.user, source="web", **form.cleaned_data)
    except ValidationError as exc:
        return _detail(request, building, 422, unit_form=form, error="；".join(exc.messages))
    messages.success(request, f"已新增单元 {unit.number}")
    return redirect("land:building", building_id=building.pk)


@login_required
@require_POST
def lease_add(request: HttpRequest, building_id: int) -> HttpResponse:
    building = _building(request, building_id)
    require_change(request.user, building)
    form = LeaseForm(request.POST, units=building.units.all())
    if not form.is_valid():
        return _detail(request, building, 422, lease_form=form)
    data = form.cleaned_data
    try:
        lease = add_lease(building, units=list(data.pop("units")), actor=request.user, source="web", **data)
    except (ValidationError, LandInputError) as exc:
        words = "；".join(exc.issues if isinstance(exc, LandInputError) else exc.messages)
        return _detail(request, building, 422, lease_form=form, error=words)
    messages.success(request, f"已登记租约：{lease.tenant_name or lease.tenant_uscc}")
    return redirect("land:building", building_id=building.pk)


@login_required
@require_POST
def lease_change(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease: Lease = get_visible(request.user, Lease.objects.select_related("building__zone"), pk=lease_id)
    require_change(request.user, lease)
    building = lease.building
    form = LeaseChangeForm(request.POST, prefix=f"l{lease.pk}")
    if not form.is_valid():
        words = "；".join(f"{form.fields[k].label}：{'；'.join(v)}" for k, v in form.errors.items())
        return _detail(
            request, building, 422, error=f"租约 {lease.tenant_name or lease.tenant_uscc}：{words}"
        )
    data = form.cleaned_data
    if data["ended_on"] is not None and data["ended_on"] < lease.start:
        return _detail(
            request,
            building,
            422,
            error=f"租约 {lease.tenant_name or lease.tenant_uscc}：退租日期早于起租日期",
        )
    if data["used_m2"] is not None and data["used_m2"] > lease.leased_m2:
        return _detail(request, building, 422,
                       error=f"租约 {lease.tenant_name or lease.tenant_uscc}：核查使用面积大于租赁面积 {lease.leased_m2:,.0f} 平方米")  # fmt: skip
    try:
        update_lease(lease, actor=request.user, source="web", **data)
    except (ValidationError, LandInputError) as exc:
        words = "；".join(exc.issues if isinstance(exc, LandInputError) else exc.messages)
        return _detail(request, building, 422, error=words)
    messages.success(request, f"已更新租约：{lease.tenant_name or lease.tenant_uscc}")
    return redirect("land:building", building_id=building.pk)
