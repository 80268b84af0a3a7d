"""A zone's land: the zone list, its indicators of a year, its map and the map's GeoJSON."""

from __future__ import annotations

from collections import Counter

import numpy as np
import shapely
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from devzone.accounts.access import can_change
from devzone.core.generations import ALL, tokens
from devzone.core.responses import attachment
from devzone.enterprises.models import MuResult, RunStatus
from devzone.land.mapjson import MapFeature, feature_collection
from devzone.land.models import CaseState, DisposalCase, Parcel, ZoneBoundary
from devzone.land.store import candidates, zone_year
from devzone.land.views.common import as_of, method, year_of, zone_of
from devzone.orgs.models import Zone
from devzone.orgs.zone_lists import zone_list

CACHE = "snapshots"  # settings.CACHES: keyed by generation tokens, as the 督办看板's snapshots

# The indicators in the order the zone page lists them (codes of devzone.land.indicators).
SHOWN = (
    "land_development_rate", "land_supply_rate", "land_built_rate", "industrial_land_rate", "far",
    "building_density", "industrial_far", "industrial_coverage", "industrial_invest_per_mu",
    "industrial_tax_per_ha", "industrial_tax_per_mu", "tax_per_ha", "idle_rate", "output_intensity",
    "factory_use_rate",
)  # fmt: skip


@login_required
@require_GET
def land_home(request: HttpRequest) -> HttpResponse:
    listed = zone_list(request)
    rows = listed.counted(request, Parcel)
    return render(request, "land/home.html", {"rows": rows, **listed.context})


@login_required
@require_GET
def zone_land(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    figures = zone_year(zone, year=year, on=as_of(year), method=method())
    shown = [figures.land.figures[c] for c in SHOWN if c in figures.land.figures]
    cases = Counter(DisposalCase.objects.filter(zone=zone).values_list("state", flat=True))
    context = {
        "zone": zone, "year": year, "on": as_of(year), "figures": figures, "shown": shown,
        "cases": [(CaseState(s).label, cases[s]) for s in sorted(cases)], "method": method(),
        "can_change": can_change(request.user, zone), "tab": "indicators",
    }  # fmt: skip
    return render(request, "land/zone.html", context)


@login_required
@require_GET
def zone_map(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    context = {
        "zone": zone, "year": year, "tab": "map",
        "geojson_url": reverse("land:geojson", kwargs={"zone_id": zone.pk}) + f"?year={year}",
        "card_url": reverse("land:parcel", kwargs={"parcel_id": 0}),
        "boundary_url": reverse("land:boundary_geojson", kwargs={"zone_id": zone.pk}),
    }  # fmt: skip
    return render(request, "land/map.html", context)


def _latest_classes(zone: Zone) -> dict[str, str]:
    """USCC → the latest final 亩均 class of the zone's enterprises."""
    rows = MuResult.objects.filter(zone=zone, run__status=RunStatus.FINAL).order_by(
        "year", "run__finalised_at"
    )
    return {u: k for u, k in rows.values_list("uscc", "final_class") if k}


def map_features(zone: Zone, *, year: int) -> tuple[list[MapFeature], int]:
    """The zone's parcels to draw, with what the map colours by, and the zone's GK CRS."""
    # plain rows, not model instances: 5,000 of them cost the map a third of a second
    columns = ("pk", "ref", "name", "build_class", "holder_uscc", "area_cert_m2", "area_calc_m2", "calc_epsg",
               "geom_wkt")  # fmt: skip
    parcels = [
        dict(zip(columns, row, strict=True))
        for row in Parcel.objects.filter(zone=zone).exclude(geom_wkt="").order_by("ref").values_list(*columns)
    ]
    geoms = shapely.from_wkt(np.array([p["geom_wkt"] for p in parcels], dtype=object))
    classes = _latest_classes(zone)
    states = {
        c.parcel_id: c.get_state_display()
        for c in DisposalCase.objects.filter(zone=zone, parcel__isnull=False).order_by("state")
    }
    found = candidates(zone, year=year, on=as_of(year), method=method())
    reason = {c.parcel_id: "闲置土地线索" for c in found.idle} | {
        c.parcel_id: "低效用地线索" for c in found.inefficient
    }
    features = []
    for p, g in zip(parcels, geoms, strict=True):
        area = p["area_cert_m2"] if p["area_cert_m2"] is not None else (p["area_calc_m2"] or 0.0)
        properties = {
            "name": p["ref"], "pk": p["pk"], "label": p["name"] or p["ref"],
            "build_class": p["build_class"] or "未分类", "mu_class": classes.get(p["holder_uscc"], "未评价"),
            "case": states.get(p["pk"], "无"), "candidate": reason.get(str(p["pk"]), "无"),
            "area_mu": round(area * 0.0015, 2),
        }  # fmt: skip
        features.append(MapFeature(id=str(p["pk"]), geometry=g, properties=properties))
    epsgs = Counter(p["calc_epsg"] for p in parcels if p["calc_epsg"])
    return features, (epsgs.most_common(1)[0][0] if epsgs else 4545)


def parcel_layer(zone: Zone, year: int) -> str:
    """The zone's parcel layer of ``year`` as GeoJSON text, kept in the snapshot cache under the ``"all"``
    generation token (every audited write moves it: an import, a case step, a 亩均 result), so while
    nothing changes the map's layer is one token query away. The layer is the zone's, whoever reads it
    (the zone itself was checked): no reader's scope goes into it."""
    on = as_of(year)
    key = f"land-map:{zone.pk}:{year}:{on.isoformat()}:{tokens([ALL])[ALL]}"  # the token before the data
    cache = caches[CACHE]
    text = cache.get(key)
    if text is None:
        features, epsg = map_features(zone, year=year)
        text = feature_collection(features, calc_epsg=epsg, method=method(), as_of=on.isoformat(),
                                  source=f"{zone.name} 宗地")  # fmt: skip
        cache.set(key, text)
    return str(text)


@login_required
@require_GET
def zone_geojson(request: HttpRequest, zone_id: int) -> HttpResponse:
    """The zone's parcels as simplified GeoJSON (``?download=1``: as a file)."""
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    text = parcel_layer(zone, year)
    if request.GET.get("download"):
        return attachment(text.encode("utf-8"), filename=f"{zone.name}-宗地-{year}.geojson",
                          content_type="application/geo+json")  # fmt: skip
    return HttpResponse(text, content_type="application/geo+json")


@login_required
@require_GET
def boundary_geojson(request: HttpRequest, zone_id: int) -> HttpResponse:
    """The zone's boundary as GeoJSON (an empty collection when none was imported)."""
    zone = zone_of(request.user, zone_id)
    boundary = ZoneBoundary.objects.filter(zone=zone).first()
    features = []
    if boundary is not None:
        properties = {
            "name": "开发区边界",
            "kind": "boundary",
            "area_mu": round(boundary.area_m2 * 0.0015, 2),
        }
        features.append(
            MapFeature(id="boundary", geometry=shapely.from_wkt(boundary.geom_wkt), properties=properties)
        )
    text = feature_collection(features, calc_epsg=boundary.calc_epsg if boundary else 4545, method=method(),
                              source=f"{zone.name} 开发区边界")  # fmt: skip
    if request.GET.get("download"):
        return attachment(text.encode("utf-8"), filename=f"{zone.name}-开发区边界.geojson",
                          content_type="application/geo+json")  # fmt: skip
    return HttpResponse(text, content_type="application/geo+json")
