"""The monthly 项目调度 report (.docx): what a 招商 office sends its leaders each month.

One document for the zones a user reads, as of a month's last day: the overview (projects, money, the
month's signings and verified milestones), 篇三's quota by zone, the rates of the year so far, the projects
by stage (a chart), the stuck lists with their oldest projects, late contract deadlines and the 达产复核
breaches, and the method's unverified assumptions. Written through ``core/documents.py`` (A4, 公文
headings, CJK fonts) and ``core/figures.py`` (the chart).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from docx.shared import Cm
from matplotlib.figure import Figure

from devzone.core.documents import (
    Outline,
    add_caption,
    add_paragraph,
    add_report_table,
    document_bytes,
    new_document,
)
from devzone.core.figures import chart_style, png
from devzone.orgs.models import Zone
from devzone.projects.columns import day
from devzone.projects.contracts import deadline_states
from devzone.projects.method import ProjectMethod
from devzone.projects.models import Milestone, Project
from devzone.projects.pipeline import current_stage, stuck_lists
from devzone.projects.quotas import quota_results
from devzone.projects.rates import rates
from devzone.projects.stages import CONTRACT, STAGES
from devzone.projects.store import contract_checks, table
from devzone.projects.templatetags.projects_tags import money, percent

TOP_STUCK = 5  # the oldest projects of each stuck list named in the report
TOP_LATE = 20
NOT_SIGNED = "未签约"


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2025-06`` → Month(2025, 6); ValueError otherwise."""
        year, month = (int(x) for x in text.split("-"))
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise ValueError(text)
        return cls(year, month)


def _day(on: dt.date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def stage_chart(by_zone: dict[str, Counter[str]], stages: Sequence[str]) -> io.BytesIO:
    """Stacked horizontal bars: each zone's active projects by current stage."""
    zones = list(by_zone)
    with chart_style():
        fig = Figure(figsize=(7, 0.4 * len(zones) + 1.6), dpi=120)
        ax = fig.add_subplot()
        left = [0] * len(zones)
        colours = (
            "#cfe2ff",
            "#9ec5fe",
            "#6ea8fe",
            "#3d8bfd",
            "#0d6efd",
            "#0a58ca",
            "#084298",
            "#052c65",
            "#198754",
        )
        for k, stage in enumerate(stages):
            values = [by_zone[z].get(stage, 0) for z in zones]
            if not any(values):
                continue
            ax.barh(zones, values, left=left, color=colours[k % len(colours)], label=stage)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel("项目个数")
        ax.legend(loc="lower right", fontsize=7, ncol=3)
        fig.tight_layout()
        return png(fig)


def monthly_report(zones: Sequence[Zone], method: ProjectMethod, month: Month, *, title_scope: str) -> bytes:
    """项目调度 report of ``zones`` for ``month`` under ``method``."""
    zones = list(zones)
    on = month.last
    t = table(zones, method)
    names = {z.name: z.short_name or z.name for z in zones}
    projects = list(Project.objects.filter(zone__in=zones).select_related("zone", "lead_unit"))
    by_code = {(p.zone.name, p.code): p for p in projects}
    document = new_document(f"{title_scope}招商项目调度情况（{month.label}）")
    add_paragraph(document, f"截至{_day(on)}，按“{method.title}”口径统计。", indent=False)
    outline = Outline(document)

    outline.heading("总体情况")
    signed = [p for p in projects if p.agreement == CONTRACT and p.signed_on and p.signed_on <= on]
    active = [p for p in signed if not (p.terminated_on and p.terminated_on <= on)]
    framework = sum(1 for p in projects if p.agreement == "框架协议" and p.signed_on and p.signed_on <= on)
    this_month = [p for p in signed if p.signed_on and p.signed_on >= month.first]
    this_year = [p for p in signed if p.signed_on and p.signed_on.year == month.year]
    verified = Counter(
        Milestone.objects.filter(
            project__zone__in=zones, reached_on__range=(month.first, on), verified_by__isnull=False
        ).values_list("stage", flat=True)
    )
    events = "、".join(f"{s} {verified[s]} 个" for s in STAGES if verified.get(s)) or "无新核验节点"
    add_paragraph(
        document,
        f"在库签约项目 {len(signed)} 个（正式合同），其中在推进 {len(active)} 个，协议总投资 "
        f"{money(sum(p.total_wan for p in active))}；另有框架协议 {framework} 个，只作展示，不计为签约。"
        f"本月新签约 {len(this_month)} 个、协议总投资 {money(sum(p.total_wan for p in this_month))}；"
        f"{month.year}年累计签约 {len(this_year)} 个、协议总投资 {money(sum(p.total_wan for p in this_year))}。"
        f"本月经核验的节点：{events}。重复签约活动只记为签约活动，不重复计数、不重复计算金额。",
    )

    outline.heading("引进目标完成情况")
    quota_rows = [
        [
            names.get(q.zone, q.zone),
            q.quota.label or q.quota.tier,
            q.quota.target,
            q.achieved,
            "完成" if q.met else "未完成",
        ]
        for q in quota_results(t, method, year=month.year, zones=[z.name for z in zones])
    ]
    add_paragraph(
        document,
        f"{month.year}年截至本月，{sum(1 for r in quota_rows if r[-1] == '完成')} 个开发区完成引进目标，"
        f"{sum(1 for r in quota_rows if r[-1] != '完成')} 个尚未完成。",
    )
    add_report_table(document, ["开发区", "目标", "目标数", "已完成", "完成情况"], quota_rows or [["—"] * 5])

    outline.heading("主要比率")
    r = rates(t, method, year=month.year)
    shown = list(method.rates.report)
    rate_rows = [
        [names.get(key[0], key[0]), *(percent(r.value(n, key)) for n in shown)]
        for key in r.groups.keys
        if key[0] in names
    ]
    add_paragraph(document, f"以{month.year}年签约项目为统计对象，截至本月的比率如下。")
    add_report_table(document, ["开发区", *shown], rate_rows or [["—"] * (len(shown) + 1)])

    outline.heading("项目推进阶段")
    stage = current_stage(t, on)
    shown_stages = [NOT_SIGNED, *STAGES[STAGES.index("签约") :]]
    by_zone: dict[str, Counter[str]] = {names[z.name]: Counter() for z in zones}
    active_rows = t.active(day(on))
    for k in range(len(t.code)):
        if not bool(active_rows[k]):
            continue
        label = STAGES[int(stage[k])] if stage[k] >= 0 else NOT_SIGNED
        by_zone[names[str(t.zone[k])]][label] += 1
    if any(by_zone.values()):
        document.add_picture(stage_chart(by_zone, shown_stages), width=Cm(15))
        add_caption(document, "图 1 各开发区在推进项目所处阶段")

    outline.heading("卡点项目")
    lists = stuck_lists(t, method, on)
    add_paragraph(
        document,
        "；".join(f"{name} {len(rows)} 个" for name, rows in lists.items())
        + "。以下列出各清单停留时间最长的项目。",
    )
    stuck_rows = []
    for name, rows in lists.items():
        for s in rows[:TOP_STUCK]:
            p = by_code.get((s.zone, s.code))
            stuck_rows.append(
                [name, p.name if p else s.code, names.get(s.zone, s.zone), s.lead_unit, s.age_days]
            )
    add_report_table(
        document, ["清单", "项目", "开发区", "招商责任单位", "已停留天数"], stuck_rows or [["—"] * 5]
    )

    outline.heading("合同履约与达产复核")
    late = sorted(
        (s for s in deadline_states(t, method, on) if s.state == "breach"), key=lambda s: -s.days_late
    )
    checks = contract_checks(zones, method, month.year)
    missed = [(c, x) for c in checks for x in c.results if x.met is False]
    add_paragraph(
        document,
        f"合同约定期限逾期未履行 {len(late)} 项（下表列出逾期最久的 {min(len(late), TOP_LATE)} 项）；{month.year}年竣工验收和达产复核核查指标 "
        f"{sum(len(c.results) for c in checks)} 项，未达约定 {len(missed)} 项。",
    )
    late_rows = []
    for s in late[:TOP_LATE]:
        p = next((q for (z, code), q in by_code.items() if code == s.code), None)
        late_rows.append(
            [p.name if p else s.code, s.node, _day(s.deadline), s.days_late, money(s.charge_wan)]
        )
    if late_rows:
        add_report_table(document, ["项目", "节点", "约定期限", "逾期天数", "迟延违约金"], late_rows)
    review_rows = []
    for c, x in missed:
        p = next((q for (z, code), q in by_code.items() if code == c.code), None)
        penalty = "按开发区约定" if x.penalty_wan is None else money(x.penalty_wan)
        actual = "无数据" if x.actual is None else f"{x.actual:,.2f}"
        review_rows.append([p.name if p else c.code, c.at, x.name, f"{x.target:,.2f}", actual, penalty])
    if review_rows:
        add_report_table(document, ["项目", "核查节点", "指标", "约定值", "实际值", "违约金"], review_rows)

    if method.assumptions:
        outline.heading("口径说明")
        add_paragraph(document, "本报告部分结果按以下未经核实的假设计算：")
        for a in method.assumptions:
            add_paragraph(document, a.text)
    return document_bytes(document)
