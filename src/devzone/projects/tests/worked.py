"""The projects spec's worked example (``fixtures/projects_2024.yaml``) as engine records."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from devzone.projects.records import Fai, Funds, Milestone, Project

FIXTURE = Path(__file__).parent / "fixtures" / "projects_2024.yaml"


@dataclass(frozen=True)
class World:
    raw: dict[str, Any]
    projects: tuple[Project, ...]
    milestones: tuple[Milestone, ...]
    funds: tuple[Funds, ...]
    fai: tuple[Fai, ...]


def _project(row: dict[str, Any], zone: str) -> Project:
    extra = {
        "signing_events": tuple(row.get("signing_events", ())),
        "fai_plans": tuple(tuple(x) for x in row.get("fai_plans", ())),
    }
    return Project(**{"zone": zone, **row, **extra})


@functools.cache
def world() -> World:
    raw = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return World(
        raw,
        tuple(_project(p, raw["zone"]) for p in raw["projects"]),
        tuple(Milestone(**m) for m in raw["milestones"]),
        tuple(Funds(**f) for f in raw["funds"]),
        tuple(Fai(**x) for x in raw["fai"]),
    )
