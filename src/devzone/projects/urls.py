from __future__ import annotations

from django.urls import path

from devzone.projects.views import boards, imports, mine, project, report

app_name = "projects"

urlpatterns = [
    path("", boards.home, name="home"),
    path("mine/", mine.mine, name="mine"),
    path("switch/", boards.switch, name="switch"),
    path("report.docx", report.monthly, name="monthly_report"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/upload/", imports.import_upload, name="import_upload"),
    path("imports/jobs/<int:job_id>/", imports.import_job, name="import_job"),
    path("zones/<int:zone_id>/", boards.board, name="board"),
    path("zones/<int:zone_id>/quotas/", boards.quotas, name="quotas"),
    path("zones/<int:zone_id>/reviews/", boards.reviews, name="reviews"),
    path("zones/<int:zone_id>/stuck/", boards.stuck, name="stuck"),
    path("zones/<int:zone_id>/ledger.xlsx", boards.ledger_xlsx, name="ledger_xlsx"),
    path("zones/<int:zone_id>/supervision.docx", report.supervision, name="supervision"),
    path("<int:project_id>/", project.project_detail, name="project"),
    path("<int:project_id>/milestones/new/", project.milestone_new, name="milestone_new"),
    path("<int:project_id>/nodes/done/", project.node_done, name="node_done"),
    path("nodes/<int:record_id>/evidence/", project.node_evidence, name="node_evidence"),
    path("milestones/<int:milestone_id>/verify/", project.milestone_verify, name="milestone_verify"),
    path("milestones/<int:milestone_id>/evidence/", project.milestone_evidence, name="milestone_evidence"),
]
