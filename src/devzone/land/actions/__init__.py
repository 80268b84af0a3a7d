"""The land slice's actions: every change atomic and audited through :mod:`devzone.audit.actions`."""

from __future__ import annotations

from devzone.land.actions.boundary import import_boundary
from devzone.land.actions.cases import CaseRefused, Step, advance_case, open_case
from devzone.land.actions.imports import check_file, import_parcels
from devzone.land.actions.leases import add_building, add_lease, add_unit, update_building, update_lease

__all__ = [
    "CaseRefused",
    "Step",
    "add_building",
    "add_lease",
    "add_unit",
    "advance_case",
    "check_file",
    "import_boundary",
    "import_parcels",
    "open_case",
    "update_building",
    "update_lease",
]
