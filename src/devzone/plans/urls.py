from __future__ import annotations

from django.urls import path

from devzone.plans.views import board, review, work

app_name = "plans"

urlpatterns = [
    path("", review.plan_list, name="list"),
    path("upload/", review.upload, name="upload"),
    path("<int:plan_id>/", review.plan_detail, name="plan"),
    path("<int:plan_id>/review/", review.review, name="review"),
    path("<int:plan_id>/context/", review.plan_context, name="context"),
    path("<int:plan_id>/publish/", review.publish, name="publish"),
    path("<int:plan_id>/revise/", review.revise, name="revise"),
    path("<int:plan_id>/source/", review.source_file, name="source"),
    path("<int:plan_id>/breakdown.<str:fmt>", board.breakdown, name="breakdown"),
    path("owners/<int:owner_id>/", review.owner_fix, name="owner_fix"),
    path("deadlines/<int:deadline_id>/", review.deadline_edit, name="deadline_edit"),
    path("targets/<int:plan_target_id>/", review.target_edit, name="target_edit"),
    path("tasks/<int:task_id>/milestones/", work.milestones, name="milestones"),
    path("my/", work.my_tasks, name="my_tasks"),
    path("assignments/<int:assignment_id>/", work.assignment_detail, name="assignment"),
    path("reports/<int:report_id>/confirm/", work.confirm, name="confirm"),
    path("evidence/<int:evidence_id>/", work.evidence_file, name="evidence"),
    path("dashboard/", board.dashboard, name="dashboard"),
    path("dashboard/flagged.xlsx", board.flagged_export, name="flagged_export"),
    path("supervision/<int:unit_id>.docx", board.supervision, name="supervision"),
    path("progress.docx", board.progress_report, {"fmt": "docx"}, name="progress_docx"),
    path("progress.xlsx", board.progress_report, {"fmt": "xlsx"}, name="progress_xlsx"),
]
