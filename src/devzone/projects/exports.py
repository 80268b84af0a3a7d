"""The 项目台账 (.xlsx): one row per project with its current stage and light, and a sheet of its
milestones — written through the shared document writer, so formula-looking text stays text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook

from devzone.core.documents import notes_sheet, save_workbook, table_sheet
from devzone.projects.method import ProjectMethod
from devzone.projects.models import Milestone, Project

LEDGER_HEADER = (
    "项目编号", "项目名称", "招商责任单位", "挂钩领导", "招商方式", "行业代码", "项目类型", "协议类型",
    "签约日期", "协议总投资(万元)", "固定资产投资(万元)", "投资方", "用地面积(亩)", "当前阶段", "预警",
    "状态",
)  # fmt: skip
MILESTONE_HEADER = ("项目编号", "项目名称", "阶段", "日期", "佐证材料", "佐证日期", "核验单位", "核验时间")


def ledger_workbook(
    zone: str,
    on: dt.date,
    projects: Sequence[tuple[Project, str, str]],
    milestones: Sequence[Milestone],
    method: ProjectMethod,
) -> bytes:
    """``projects`` are (project, current stage, light) as the board shows them on ``on``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目台账"
    # no light: a terminated project, or one without a 正式合同 (a framework agreement is never counted)
    rows = [
        [p.code, p.name, p.lead_unit.name, p.linked_leader, p.channel, p.industry_code, p.kind, p.agreement,
         p.signed_on, p.total_wan, p.fixed_wan, p.investor_name, p.area_mu, stage,
         light or ("已终止" if p.terminated_on else "不计"), p.status]
        for p, stage, light in projects
    ]  # fmt: skip
    table_sheet(ws, LEDGER_HEADER, rows, title=f"{zone} 招商项目台账（截至 {on:%Y年%m月%d日}）",
                widths=(12, 30, 20, 10, 10, 8, 8, 10, 12, 14, 14, 24, 10, 8, 6, 8), freeze_columns=2)  # fmt: skip
    rows = [
        [m.project.code, m.project.name, m.stage, m.reached_on, m.evidence, m.evidence_on,
         m.verified_by.name if m.verified_by else "待核验",
         m.verified_at.date() if m.verified_at else None]
        for m in milestones
    ]  # fmt: skip
    table_sheet(wb.create_sheet("节点"), MILESTONE_HEADER, rows, title="项目节点与核验",
                widths=(12, 30, 8, 12, 14, 12, 20, 12))  # fmt: skip
    notes = [
        ("开发区", zone), ("截至", on.isoformat()), ("口径办法", f"{method.title}（第 {method.version} 版）"),
        ("说明", "框架协议只展示，不计为签约；节点经招商责任单位以外的单位核验后才计入。"),
    ]  # fmt: skip
    notes += [("未经核实的取值", a.text) for a in method.assumptions]
    notes_sheet(wb.create_sheet("说明"), notes)
    return save_workbook(wb)
