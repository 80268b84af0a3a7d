"""亩均 actions: import a year's data, run an evaluation, reproduce it, 公示, objections, final list.

Views and the API check access with :mod:`devzone.accounts.access`; these functions change data in
one transaction and write the audit entries (:mod:`devzone.audit.actions`). The engine
(:mod:`devzone.enterprises.mu`) computes; :mod:`devzone.enterprises.store` converts.

Workflow of a run: ``draft`` (已评价) → :func:`publicise` → ``publicised`` (公示中: objections may be
filed and decided) → :func:`finalise` → ``final`` (已定级: nothing changes any more).

One module per noun (imports, runs, publicity, objections); the names below are the package's
public face, so callers keep saying ``from devzone.enterprises.actions import run_evaluation``.
"""

from __future__ import annotations

from devzone.core.files import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES
from devzone.enterprises.actions.imports import (
    IMPORT_MAX_BYTES,
    TEXT_FIELDS,
    YEAR_FIELDS,
    ImportCounts,
    ImportRejected,
    Upload,
    check_records,
    import_records,
    import_year_data,
    read_upload,
    store_rows,
    zone_names,
)
from devzone.enterprises.actions.objections import (
    class_codes,
    decide_objection,
    file_objection,
)
from devzone.enterprises.actions.publicity import finalise, publicise
from devzone.enterprises.actions.runs import (
    UPLOADED_METHOD,
    Reproduction,
    WorkflowError,
    load_method_text,
    method_text,
    reproduce,
    run_evaluation,
    years_needed,
)

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "IMPORT_MAX_BYTES",
    "TEXT_FIELDS",
    "UPLOADED_METHOD",
    "YEAR_FIELDS",
    "ImportCounts",
    "ImportRejected",
    "Reproduction",
    "Upload",
    "WorkflowError",
    "check_records",
    "class_codes",
    "decide_objection",
    "file_objection",
    "finalise",
    "import_records",
    "import_year_data",
    "load_method_text",
    "method_text",
    "publicise",
    "read_upload",
    "reproduce",
    "run_evaluation",
    "store_rows",
    "years_needed",
    "zone_names",
]
