"""The fast column reader gives the engine the same columns as the record path (records → from_records)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import numpy as np
import pytest
from tests.personas import World

from devzone.projects import store_columns
from devzone.projects.actions import add_milestone, import_projects, verify_milestone
from devzone.projects.columns import Columns, from_records
from devzone.projects.models import FundsArrival, Project
from devzone.projects.store import records
from devzone.projects.store_columns import load_columns, read_columns
from devzone.projects.tests.test_import import GOOD
from devzone.projects.tests.world_db import zone_b_projects


def test_the_columns_read_from_the_database_equal_those_made_from_the_records(world: World) -> None:
    zone_b_projects(world)
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    zones = [world.zone_a, world.zone_b]
    fast = read_columns(zones)
    slow = from_records(*records(zones))
    order_fast, order_slow = np.argsort(fast.code.astype(str)), np.argsort(slow.code.astype(str))
    assert fast.units == slow.units
    m_fast = sorted(zip(fast.code[fast.m_project].tolist(), fast.m_stage.tolist(), fast.m_reached.tolist(),
                        fast.m_counted_from.tolist(), fast.m_evidence.tolist(), fast.m_verifier.tolist(), strict=True))  # fmt: skip
    m_slow = sorted(zip(slow.code[slow.m_project].tolist(), slow.m_stage.tolist(), slow.m_reached.tolist(),
                        slow.m_counted_from.tolist(), slow.m_evidence.tolist(), slow.m_verifier.tolist(), strict=True))  # fmt: skip
    assert m_fast == m_slow and len(m_fast) == 4
    for f in fields(fast):
        a, b = getattr(fast, f.name), getattr(slow, f.name)
        if f.name == "units" or f.name.startswith(("m_", "funds_", "fai_", "plan_")):
            continue
        np.testing.assert_array_equal(a[order_fast], b[order_slow], err_msg=f.name)
    assert fast.funds_wan.tolist() == slow.funds_wan.tolist() == [18_000]


def _same(a: Columns, b: Columns) -> None:
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y, err_msg=f.name)
        else:
            assert x == y, f.name


def test_after_each_kind_of_write_the_kept_columns_equal_a_fresh_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The boards keep a zone's columns and read only what a write touched; after every kind of write a
    user makes (a project added or edited, a milestone added or verified, funds arriving, a project
    deleted, a unit renamed) the kept columns are exactly what a fresh read of the database gives."""
    b = zone_b_projects(world)
    zones = [world.zone_a, world.zone_b]
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    read_columns(zones)  # kept from here on
    project = Project.objects.filter(zone=world.zone_a).order_by("pk").first()
    assert project is not None

    def edit() -> None:
        project.total_wan = 250_000
        project.save()

    def add() -> None:
        Project.objects.create(zone=world.zone_a, code="A-NEW", name="新项目", lead_unit=world.unit_a,
                               signed_on=dt.date(2024, 5, 1), total_wan=80_000)  # fmt: skip

    def milestone() -> None:
        add_milestone(project, stage="注册", reached_on=dt.date(2024, 7, 1), evidence="营业执照",
                      actor=world.staff_a, source="test")  # fmt: skip

    def verify() -> None:
        verify_milestone(b.pending, unit=world.bureau, actor=None, source="test")

    def funds() -> None:
        FundsArrival.objects.create(project=project, arrived_on=dt.date(2024, 8, 1), amount_wan=5_000)

    def delete() -> None:
        Project.objects.filter(code="A-NEW").delete()

    def rename() -> None:
        world.unit_a.name = "改名后的招商局"
        world.unit_a.save()

    whole = []  # the writes after which everything was read again
    loaded = store_columns._loaded
    for write in (edit, add, milestone, verify, funds, milestone, delete, rename, edit):
        write()
        monkeypatch.setattr(
            store_columns, "_loaded", lambda s, w=write: whole.append(w.__name__) or loaded(s)
        )
        kept = read_columns(zones)
        monkeypatch.setattr(store_columns, "_loaded", loaded)
        _same(kept, load_columns(zones))
    assert whole == ["delete", "rename"]  # the others read only the rows they touched
    assert "改名后的招商局" in read_columns(zones).units
