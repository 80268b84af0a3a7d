from __future__ import annotations

from django.urls import path

from devzone.projects.views import boards, project

app_name = "projects"

urlpatterns = [
    path("", boards.home, name="home"),
    path("zones/<int:zone_id>/", boards.board, name="board"),
    path("zones/<int:zone_id>/quotas/", boards.quotas, name="quotas"),
    path("zones/<int:zone_id>/reviews/", boards.reviews, name="reviews"),
    path("zones/<int:zone_id>/stuck/", boards.stuck, name="stuck"),
    path("zones/<int:zone_id>/ledger.xlsx", boards.ledger_xlsx, name="ledger_xlsx"),
    path("<int:project_id>/", project.project_detail, name="project"),
    path("<int:project_id>/milestones/new/", project.milestone_new, name="milestone_new"),
    path("milestones/<int:milestone_id>/verify/", project.milestone_verify, name="milestone_verify"),
    path("milestones/<int:milestone_id>/evidence/", project.milestone_evidence, name="milestone_evidence"),
]
