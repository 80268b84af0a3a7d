"""The dashboard's overdue and behind lists in full: paged on the page, all of them in the export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from tests.personas import World

from devzone.plans import actions
from devzone.plans.status import STATUS_LABELS, Status
from devzone.plans.tests.factories import import_plan
from devzone.plans.views import board


def late_plan(world: World) -> None:
    lines = "".join(
        f"{n}.第{n}项重点工作。2025年{n}月底前完成。(责任单位:{world.unit_a.name})\n" for n in range(1, 4)
    )
    plan = import_plan(f"甲区开发区行动方案\n一、主要任务\n{lines}", zone=world.zone_a, year=2025)
    actions.publish_plan(plan, actor=None, source="test")


def test_every_overdue_task_is_reachable_and_exported(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    late_plan(world)
    monkeypatch.setattr(board, "LISTED", 2)
    client = world.client_for(world.coordinator)
    first = client.get("/plans/dashboard/", {"as_of": "2026-01-15"}).content.decode()
    second = client.get("/plans/dashboard/", {"as_of": "2026-01-15", "page": "2"}).content.decode()
    assert 'id="flagged-pages"' in first and "1 / 2" in first
    shown = [f"第{n}项重点工作" for n in range(1, 4)]
    assert [s in first for s in shown] == [True, True, False] and shown[2] in second

    export = client.get("/plans/dashboard/flagged.xlsx", {"as_of": "2026-01-15"})
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet is not None
    assert "共 3 项" in str(sheet["A1"].value)
    body = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in body] == [STATUS_LABELS[Status.OVERDUE]] * 3
    assert [any(s in str(row[3]) for row in body) for s in shown] == [True, True, True]
    assert sheet.auto_filter.ref == f"A2:H{sheet.max_row}"
    assert int(sheet.page_setup.paperSize) == 9 and sheet["A2"].border.left.style == "thin"  # 9: A4
    assert isinstance(body[0][6], int | type(None)), "numbers stay numbers"


def test_zone_staff_export_only_what_they_see(world: World) -> None:
    late_plan(world)
    export = world.client_for(world.staff_b).get("/plans/dashboard/flagged.xlsx", {"as_of": "2026-01-15"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet is not None and "共 0 项" in str(sheet["A1"].value)
