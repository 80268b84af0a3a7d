"""督办单 for late project nodes: a letter to each 招商责任单位 of a zone listing the nodes of its projects that
are red (past their planned date, not done) on a day, with the department each node belongs to — as the
plans slice's 督办单 lists a unit's overdue tasks. Written through ``core/documents.py`` (A4 公文 letter)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from devzone.core.citations import chinese_date
from devzone.core.documents import (
    add_paragraph,
    add_signoff,
    add_table,
    add_title,
    document_bytes,
    new_document,
)
from devzone.orgs.models import Zone
from devzone.projects.method import ProjectMethod
from devzone.projects.nodes import NODES_DIR, load_template, project_nodes
from devzone.projects.store import marked_nodes, records

NODE_TEMPLATE = "devzone-default.yaml"
HEADER = ("序号", "项目", "节点", "责任部门", "计划完成", "逾期天数")
WIDTHS_CM = (1.1, 4.0, 2.6, 2.7, 3.3, 1.9)  # 15.6 cm between the 公文 margins


def late_nodes(
    zone: Zone, method: ProjectMethod, on: dt.date
) -> dict[str, list[tuple[str, str, str, dt.date, int]]]:
    """Lead unit → (project, node, owner, planned, days late) of the zone's active projects' red nodes."""
    template = load_template(NODES_DIR / NODE_TEMPLATE)
    projects, milestones, _, _ = records([zone])
    marked = marked_nodes([zone])
    by_project = defaultdict(list)
    for m in milestones:
        by_project[m.project].append(m)
    out: dict[str, list[tuple[str, str, str, dt.date, int]]] = defaultdict(list)
    for p in sorted(projects, key=lambda p: p.code):
        if not p.contract or p.terminated(on):
            continue
        for node in project_nodes(
            template, p, by_project[p.code], on, method.warnings, marked=marked.get(p.code)
        ):
            if node.light == "红" and node.done_on is None:
                out[p.lead_unit].append(
                    (p.name or p.code, node.name, node.owner, node.planned, (on - node.planned).days)
                )
    return dict(out)


def supervision_docx(
    zone: Zone, method: ProjectMethod, on: dt.date, *, number: str, issuer: str | None = None
) -> bytes:
    """One 督办单 per 招商责任单位 of ``zone`` with late nodes (a page each); a single page saying there are none."""
    late = late_nodes(zone, method, on)
    day = chinese_date(on.isoformat())
    document = new_document(letter=True)
    if not late:
        add_title(document, "督办单")
        add_paragraph(document, f"截至{day}，{zone.name}招商项目没有逾期未完成的节点。")
    for k, (unit, rows) in enumerate(sorted(late.items())):
        if k:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_title(document, "督办单")
        add_paragraph(
            document, f"督办编号：{number}-{k + 1}", indent=False
        ).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_paragraph(document, f"{unit}：", indent=False)
        add_paragraph(
            document,
            f"截至{day}，贵单位负责招商的项目有以下 {len(rows)} 个节点已过计划完成时间仍未完成，"
            "请会同各责任部门于收到本督办单后 5 个工作日内报送推进措施和进展情况。",
        )
        add_table(
            document,
            HEADER,
            [[str(i), name, node, owner, chinese_date(planned.isoformat()), days]
             for i, (name, node, owner, planned, days) in enumerate(sorted(rows, key=lambda r: -r[4]), 1)],
            widths_cm=WIDTHS_CM,
            size=10.5,
        )  # fmt: skip
        add_signoff(document, issuer=issuer, day=day)
    return document_bytes(document)
