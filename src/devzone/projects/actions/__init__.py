"""Actions of the projects slice: each commits atomically and writes its audit entry."""

from __future__ import annotations

from devzone.projects.actions.imports import ImportRejected, Upload, import_projects, read_upload
from devzone.projects.actions.milestones import ProjectActionError, add_milestone, verify_milestone

__all__ = [
    "ImportRejected",
    "ProjectActionError",
    "Upload",
    "add_milestone",
    "import_projects",
    "read_upload",
    "verify_milestone",
]
