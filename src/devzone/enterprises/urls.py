from __future__ import annotations

from django.urls import path

from devzone.enterprises.views import downloads, imports, registry, results, runs

app_name = "enterprises"

urlpatterns = [
    path("", registry.enterprise_list, name="list"),
    path("<int:enterprise_id>/", registry.enterprise_detail, name="enterprise"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/upload/", imports.import_upload, name="import_upload"),
    path("imports/jobs/<int:job_id>/", imports.import_job, name="import_job"),
    path("imports/template/", imports.import_template, name="import_template"),
    path("imports/<int:import_id>/", imports.import_detail, name="import"),
    path("imports/<int:import_id>/file/", imports.import_file, name="import_file"),
    path("runs/", runs.run_list, name="runs"),
    path("runs/new/", runs.run_create, name="run_new"),
    path("runs/<int:mu_run_id>/", runs.run_detail, name="run"),
    path("runs/<int:mu_run_id>/reproduce/", runs.run_reproduce, name="run_reproduce"),
    path("runs/<int:mu_run_id>/publicise/", runs.run_publicise, name="run_publicise"),
    path("runs/<int:mu_run_id>/finalise/", runs.run_finalise, name="run_finalise"),
    path("runs/<int:mu_run_id>/land/", runs.run_land, name="run_land"),
    path("runs/<int:mu_run_id>/final-list.xlsx", downloads.final_list, name="run_final_list"),
    path("runs/<int:mu_run_id>/policy-list.xlsx", downloads.policy_list, name="run_policy_list"),
    path("runs/<int:mu_run_id>/report.docx", downloads.report_docx, name="run_report"),
    path("results/<int:result_id>/", results.result_detail, name="result"),
    path("results/<int:result_id>/objections/", results.objection_create, name="objection_new"),
    path("objections/<int:objection_id>/evidence/", results.objection_evidence, name="objection_evidence"),
    path("objections/<int:objection_id>/decide/", results.objection_decide, name="objection_decide"),
]
