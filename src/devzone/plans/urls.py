from __future__ import annotations

from django.urls import path

from devzone.plans.views import board, edits, progress_import, review, work

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
    path("<int:plan_id>/tasks/new/", edits.task_add, name="task_add"),
    path("tasks/<int:task_id>/edit/", edits.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/remove/", edits.task_remove, name="task_remove"),
    path("tasks/<int:task_id>/owners/new/", edits.owner_add, name="owner_add"),
    path("tasks/<int:task_id>/deadlines/new/", edits.deadline_add, name="deadline_add"),
    path("owners/<int:owner_id>/", review.owner_fix, name="owner_fix"),
    path("owners/<int:owner_id>/apply/", edits.owner_apply, name="owner_apply"),
    path("owners/<int:owner_id>/new-unit/", edits.owner_new_unit, name="owner_new_unit"),
    path("deadlines/<int:deadline_id>/", review.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:deadline_id>/remove/", edits.deadline_remove, name="deadline_remove"),
    path("targets/<int:plan_target_id>/", review.target_edit, name="target_edit"),
    path("tasks/<int:task_id>/milestones/", work.milestones, name="milestones"),
    path("my/", work.my_tasks, name="my_tasks"),
    path("assignments/<int:assignment_id>/", work.assignment_detail, name="assignment"),
    path("reports/<int:report_id>/confirm/", work.confirm, name="confirm"),
    path("reports/<int:report_id>/return/", work.return_report, name="return"),
    path("evidence/<int:evidence_id>/", work.evidence_file, name="evidence"),
    path("progress/import/", progress_import.progress_import, name="progress_import"),
    path("progress/import/template.xlsx", progress_import.progress_template, name="progress_template"),
    path(
        "progress/import/jobs/<int:job_id>/", progress_import.progress_import_job, name="progress_import_job"
    ),
    path("dashboard/", board.dashboard, name="dashboard"),
    path("dashboard/flagged.xlsx", board.flagged_export, name="flagged_export"),
    path("supervision/<int:unit_id>.docx", board.supervision, name="supervision"),
    path("progress.docx", board.progress_report, {"fmt": "docx"}, name="progress_docx"),
    path("progress.xlsx", board.progress_report, {"fmt": "xlsx"}, name="progress_xlsx"),
]
