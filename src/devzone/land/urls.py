from __future__ import annotations

from django.urls import path

from devzone.land.views import candidates, cases, exports, imports, observe, parcels, zones

app_name = "land"

urlpatterns = [
    path("", zones.land_home, name="home"),
    path("zones/<int:zone_id>/", zones.zone_land, name="zone"),
    path("zones/<int:zone_id>/observe/", observe.zone_observe, name="observe"),
    path("zones/<int:zone_id>/map/", zones.zone_map, name="map"),
    path("zones/<int:zone_id>/parcels.geojson", zones.zone_geojson, name="geojson"),
    path("zones/<int:zone_id>/candidates/", candidates.candidate_list, name="candidates"),
    path("zones/<int:zone_id>/candidates/open/", candidates.case_open, name="case_open"),
    path("zones/<int:zone_id>/indicators.xlsx", exports.indicators_xlsx, name="indicators_xlsx"),
    path("zones/<int:zone_id>/candidates.xlsx", exports.candidates_xlsx, name="candidates_xlsx"),
    path("parcels/<int:parcel_id>/", parcels.parcel_detail, name="parcel"),
    path("cases/<int:case_id>/", cases.case_detail, name="case"),
    path("cases/<int:case_id>/advance/", cases.case_advance, name="case_advance"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/upload/", imports.import_upload, name="import_upload"),
    path("imports/jobs/<int:job_id>/", imports.import_job, name="import_job"),
]
