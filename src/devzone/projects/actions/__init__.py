"""Actions of the projects slice: each commits atomically and writes its audit entry."""

from __future__ import annotations

from devzone.projects.actions.imports import ImportRejected, Upload, import_projects, read_upload
from devzone.projects.actions.milestones import ProjectActionError, add_milestone, verify_milestone
from devzone.projects.actions.nodes import markable, record_node

__all__ = [
    "ImportRejected",
    "ProjectActionError",
    "Upload",
    "add_milestone",
    "import_projects",
    "markable",
    "read_upload",
    "record_node",
    "verify_milestone",
]
