from __future__ import annotations

from django.urls import path

from devzone.land.views import candidates, cases, exports, factories, imports, observe, parcels, zones

app_name = "land"

urlpatterns = [
    path("", zones.land_home, name="home"),
    path("zones/<int:zone_id>/", zones.zone_land, name="zone"),
    path("zones/<int:zone_id>/observe/", observe.zone_observe, name="observe"),
    path("zones/<int:zone_id>/map/", zones.zone_map, name="map"),
    path("zones/<int:zone_id>/parcels.geojson", zones.zone_geojson, name="geojson"),
    path("zones/<int:zone_id>/boundary.geojson", zones.boundary_geojson, name="boundary_geojson"),
    path("zones/<int:zone_id>/candidates/", candidates.candidate_list, name="candidates"),
    path("zones/<int:zone_id>/candidates/open/", candidates.case_open, name="case_open"),
    path("zones/<int:zone_id>/indicators.xlsx", exports.indicators_xlsx, name="indicators_xlsx"),
    path("zones/<int:zone_id>/report.docx", exports.report_docx, name="report_docx"),
    path("zones/<int:zone_id>/candidates.xlsx", exports.candidates_xlsx, name="candidates_xlsx"),
    path("zones/<int:zone_id>/factories/", factories.factory_list, name="factories"),
    path("zones/<int:zone_id>/factories/add/", factories.building_add, name="building_add"),
    path("factories/<int:building_id>/", factories.building_detail, name="building"),
    path("factories/<int:building_id>/edit/", factories.building_edit, name="building_edit"),
    path("factories/<int:building_id>/units/add/", factories.unit_add, name="unit_add"),
    path("factories/<int:building_id>/leases/add/", factories.lease_add, name="lease_add"),
    path("leases/<int:lease_id>/change/", factories.lease_change, name="lease_change"),
    path("parcels/<int:parcel_id>/", parcels.parcel_detail, name="parcel"),
    path("cases/<int:case_id>/", cases.case_detail, name="case"),
    path("cases/<int:case_id>/advance/", cases.case_advance, name="case_advance"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/upload/", imports.import_upload, name="import_upload"),
    path("imports/boundary/", imports.boundary_upload, name="boundary_upload"),
    path("imports/jobs/<int:job_id>/", imports.import_job, name="import_job"),
]
