"""Downloads: the zone's land indicators and its candidates and disposal ledger (.xlsx), its land report (.docx)."""

from __future__ import annotations

import shapely
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from devzone.core.responses import DOCX, XLSX, attachment
from devzone.land.crs import GEOGRAPHIC, transformer
from devzone.land.exports import SALES_AS_OUTPUT, candidates_workbook, indicators_workbook
from devzone.land.models import DisposalCase, FactoryUnit, Lease, Parcel, ZoneBoundary
from devzone.land.report import CandidateRow, CaseRow, IndicatorRow, LandReport, MapParcel, land_report
from devzone.land.store import zone_year
from devzone.land.views.candidates import found_for
from devzone.land.views.common import as_of, method, year_of, zone_of
from devzone.land.views.zones import SHOWN, _latest_classes
from devzone.orgs.models import Zone


@login_required
@require_GET
def indicators_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    figures = zone_year(zone, year=year, on=as_of(year), method=method())
    content = indicators_workbook(zone.name, year, as_of(year), figures, method())
    return attachment(content, filename=f"{zone.name}-土地集约利用指标-{year}.xlsx", content_type=XLSX)


@login_required
@require_GET
def candidates_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    found = found_for(zone, year)
    cases = DisposalCase.objects.filter(zone=zone).select_related("parcel", "lease").order_by("pk")
    content = candidates_workbook(
        zone.name, year, as_of(year), found=found, cases=list(cases), method=method()
    )
    return attachment(content, filename=f"{zone.name}-低效闲置用地台账-{year}.xlsx", content_type=XLSX)


def _map(zone: Zone) -> tuple[tuple[MapParcel, ...], shapely.Geometry | None]:
    """The zone's parcels in its GK CRS with the holders' latest final 亩均 class, and its boundary."""
    rows = list(Parcel.objects.filter(zone=zone).exclude(geom_wkt="").values_list("geom_wkt", "holder_uscc",
                                                                                     "calc_epsg"))  # fmt: skip
    wkt = ZoneBoundary.objects.filter(zone=zone).values_list("geom_wkt", flat=True).first()
    if not rows:
        return (), None
    epsg = next((e for _, _, e in rows if e), 4545)
    to_gk = transformer(GEOGRAPHIC, epsg)
    classes = _latest_classes(zone)
    shapes = to_gk(shapely.from_wkt([w for w, _, _ in rows])).tolist()
    parcels = tuple(
        MapParcel(geometry=g, klass=classes.get(u, "未评价"))
        for g, (_, u, _) in zip(shapes, rows, strict=True)
    )
    return parcels, (to_gk(shapely.from_wkt(wkt)) if wkt else None)


def _factory_target(kind: str, target: str) -> str:
    """A 标准厂房 finding's object in words: the building and unit (闲置) or the building and tenant."""
    if kind == "闲置":
        unit = FactoryUnit.objects.select_related("building").filter(pk=int(target)).first()
        return f"{unit.building.number} 单元 {unit.number}" if unit else target
    lease = Lease.objects.select_related("building").filter(pk=int(target)).first()
    return f"{lease.building.number} {lease.tenant_name or lease.tenant_uscc}" if lease else target


@login_required
@require_GET
def report_docx(request: HttpRequest, zone_id: int) -> HttpResponse:
    """The zone's land report of a year: indicators with the parcel map, candidates, cases (.docx)."""
    zone = zone_of(request.user, zone_id)
    year, m = year_of(request), method()
    figures = zone_year(zone, year=year, on=as_of(year), method=m)
    found = found_for(zone, year)
    holder = {k: p.holder_name or p.holder_uscc for k, p in found.parcels.items()}
    cases = DisposalCase.objects.filter(zone=zone).select_related("parcel", "lease").order_by("pk")
    parcels, boundary = _map(zone)
    shown = [figures.land.figures[c] for c in SHOWN if c in figures.land.figures]
    report = LandReport(
        zone=zone.name, year=year, on=as_of(year), method=f"{m.title}（第 {m.version} 版）",
        sources=tuple(f"{s.issuer or ''}《{s.title}》{s.number or ''}".strip() for s in m.sources),
        assumptions=(*(a.text for a in m.assumptions), SALES_AS_OUTPUT), zone_type=figures.land.zone_type,
        indicators=tuple(IndicatorRow(label=f.label, value=f.value, unit=f.unit) for f in shown),
        revitalised_mu=figures.revitalised_mu, used_mu=figures.used_mu, idle_disposal=figures.idle_disposal.value,
        idle=tuple(CandidateRow(ref=found.parcels[c.parcel_id].ref, holder=holder[c.parcel_id],
                                area_mu=found.parcels[c.parcel_id].area_mu, reasons=c.reasons, fee_wan=c.fee_wan,
                                recover=c.recover) for c in found.idle),
        inefficient=tuple(CandidateRow(ref=found.parcels[c.parcel_id].ref, holder=holder[c.parcel_id],
                                       area_mu=found.parcels[c.parcel_id].area_mu, reasons=c.reasons)
                          for c in found.inefficient),
        factory=tuple((f.kind, _factory_target(f.kind, f.target), "；".join(f.reasons)) for f in found.factory),
        cases=tuple(CaseRow(number=c.pk, kind=c.get_kind_display(), target=c.parcel.ref if c.parcel else str(c.lease),
                            state=c.get_state_display(), route=c.get_route_display() if c.route else "",
                            area_mu=c.area_m2 * 0.0015, decided_on=c.decided_on, closed_on=c.closed_on,
                            used_on=c.used_on) for c in cases),
        parcels=parcels, boundary=boundary,
    )  # fmt: skip
    return attachment(land_report(report), filename=f"{zone.name}-土地报告-{year}.docx", content_type=DOCX)
