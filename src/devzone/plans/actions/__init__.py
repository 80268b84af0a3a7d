"""Plan actions: import, review, publish, revise, report, confirm — atomic and audited.

Views check access; these functions change data in one transaction and write the audit entries.
One module per noun; the names below are the package's public face, so callers say
``from devzone.plans import actions`` and ``actions.publish_plan``.
"""

from __future__ import annotations

from devzone.core.files import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES
from devzone.plans.actions.bulk_reports import import_progress
from devzone.plans.actions.documents import (
    PARSE_METHOD,
    PLAN_TYPES,
    PlanContext,
    PlanImportError,
    due_date_of,
    import_document,
    keep_refused_upload,
    parse_upload,
    set_plan_context,
)
from devzone.plans.actions.drafts import PlanFrozen, require_draft
from devzone.plans.actions.owners import (
    add_owner,
    apply_to_same_name,
    create_unit_for_owner,
    fix_owner,
    resolve_plan,
    unresolved_owners,
)
from devzone.plans.actions.reports import (
    check_evidence,
    confirm_report,
    report_progress,
    return_report,
)
from devzone.plans.actions.tasks import (
    add_deadline,
    add_task,
    edit_task,
    remove_deadline,
    remove_task,
    set_deadline,
    set_milestones,
    set_target,
    task_due,
)
from devzone.plans.actions.versions import PlanNotReady, publish_plan, revise_plan

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "PARSE_METHOD",
    "PLAN_TYPES",
    "PlanContext",
    "PlanFrozen",
    "PlanImportError",
    "PlanNotReady",
    "add_deadline",
    "add_owner",
    "add_task",
    "apply_to_same_name",
    "check_evidence",
    "confirm_report",
    "create_unit_for_owner",
    "due_date_of",
    "edit_task",
    "fix_owner",
    "import_document",
    "import_progress",
    "keep_refused_upload",
    "parse_upload",
    "publish_plan",
    "remove_deadline",
    "remove_task",
    "report_progress",
    "require_draft",
    "resolve_plan",
    "return_report",
    "revise_plan",
    "set_deadline",
    "set_milestones",
    "set_plan_context",
    "set_target",
    "task_due",
    "unresolved_owners",
]
