"""`devzone plan export` and `devzone tasks overdue` through their management commands."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from tests.personas import World

from devzone.plans import actions
from devzone.plans.tests.factories import import_plan, plan_text


def published(world: World):  # type: ignore[no-untyped-def]
    plan = import_plan(plan_text(owner=world.unit_a.name), zone=world.zone_a)
    return actions.publish_plan(plan, actor=None, source="test")


def test_export_writes_the_breakdown_table(world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = published(world)
    out = tmp_path / "分工.xlsx"
    call_command("plans_export", str(plan.pk), fmt="xlsx", out=str(out))
    sheet = openpyxl.load_workbook(out).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "牵头单位" in cells
    assert any("优化管理机制" in c for c in cells)
    assert world.unit_a.name in cells or any(world.unit_a.name in c for c in cells)


def test_export_refuses_an_unknown_plan(db: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="no plan"):
        call_command("plans_export", "999999", out=str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_overdue_lists_late_assignments_of_a_unit(world: World) -> None:
    published(world)
    out = io.StringIO()
    call_command("plans_overdue", as_of="2027-06-01", unit=world.unit_a.name, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "2 overdue or behind as of 2027-06-01"  # its own task and the 各开发区管委会 one
    assert lines[0].startswith("逾期\t") and world.unit_a.name in lines[0] and "优化管理机制" in lines[0]
    before = io.StringIO()
    call_command("plans_overdue", as_of="2026-01-02", unit=world.unit_a.name, stdout=before)
    assert before.getvalue().splitlines()[-1] == "0 overdue or behind as of 2026-01-02"


def test_overdue_refuses_an_unknown_unit_and_a_bad_date(db: None) -> None:
    with pytest.raises(CommandError, match="no unit"):
        call_command("plans_overdue", unit="不存在的单位")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("plans_overdue", as_of="明年")
