from __future__ import annotations

from django.urls import path

from devzone.indicators.views import board, data, reporting, targets, tracking

app_name = "indicators"

urlpatterns = [
    path("", board.city_board, name="board"),
    path("export.xlsx", board.city_export, name="export"),
    path("zones/<int:zone_id>/", board.zone_board, name="zone"),
    path("zones/<int:zone_id>/export.xlsx", board.zone_export, name="zone_export"),
    path("zones/<int:zone_id>/template.xlsx", data.template_download, name="template"),
    path("zones/<int:zone_id>/import/", data.data_import, name="import"),
    path("zones/<int:zone_id>/import/jobs/<int:job_id>/", data.import_job, name="import_job"),
    path("targets/new/", targets.target_new, name="target_new"),
    path("targets/from-plan/", targets.plan_targets, name="from_plan"),
    path("plans/<int:plan_id>/track/", tracking.track, name="track_plan"),
    path("targets/review/", targets.review_list, name="review"),
    path("targets/<int:target_id>/", board.target_detail, name="target"),
    path("targets/<int:target_id>/link/", targets.target_link, name="target_link"),
    path("series/", board.indicator_series, name="series"),
    path("reporting/", reporting.reporting, name="reporting"),
    path("reporting/lock/", reporting.lock, name="reporting_lock"),
    path("reporting/remind/", reporting.remind, name="reporting_remind"),
    path("reporting/locks/<int:lock_id>/unlock/", reporting.unlock, name="reporting_unlock"),
    path("catalogue/", targets.catalogue, name="catalogue"),
    path("catalogue/sync/", targets.catalogue_sync, name="catalogue_sync"),
]
