from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from devzone.assessment.views import data, exports, frameworks, runs

app_name = "assessment"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="assessment:runs"), name="index"),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/new/", frameworks.framework_new, name="framework_new"),
    path("frameworks/load-shipped/", frameworks.framework_load_shipped, name="framework_load_shipped"),
    path("frameworks/<int:framework_id>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:framework_id>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("runs/", runs.run_list, name="runs"),
    path("runs/new/", runs.run_create, name="run_new"),
    path("runs/<int:run_id>/", runs.run_detail, name="run"),
    path("runs/<int:run_id>/reproduce/", runs.run_reproduce, name="run_reproduce"),
    path("runs/<int:run_id>/ranking.xlsx", exports.ranking_xlsx, name="run_xlsx"),
    path("runs/<int:run_id>/report.docx", exports.report_docx, name="run_docx"),
    path("runs/<int:run_id>/zones/<int:zone_id>/", runs.zone_profile, name="profile"),
    path("data/", data.data_list, name="data"),
    path("data/upload/", data.data_upload, name="data_upload"),
    path("data/template.xlsx", data.data_template, name="data_template"),
]
