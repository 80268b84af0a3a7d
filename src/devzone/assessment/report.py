"""The assessment report (.docx, python-docx) and the ranking workbook (.xlsx, openpyxl), no Django.

Charts are drawn with matplotlib's object API (no pyplot, no global backend) into PNG and embedded.
The method appendix gives the framework's tree and weights, normalisation, aggregation, the
missing-data rule and the framework and data hashes, so a reader can reproduce the ranking.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.shared import Cm
from matplotlib.figure import Figure
from openpyxl import Workbook

from devzone.assessment.method_words import AGGREGATION, MISSING, NORMALISATION, TREATMENT, group_name, word
from devzone.assessment.node_ranking import Sheet
from devzone.assessment.sensitivity import EXPLANATION, NOT_COMPUTED, SensitivityRow, sensitivity_rows
from devzone.core.citations import Assumption, Citation, assumptions_of, citations_of, cite
from devzone.core.documents import (
    Outline,
    add_caption,
    add_paragraph,
    add_report_table,
    new_document,
    notes_sheet,
    save_workbook,
    table_sheet,
)
from devzone.core.figures import chart_style, png


@dataclass(frozen=True)
class ReportRow:
    """One zone's line of the ranking."""

    zone: str
    rank: int | None
    score: float | None
    rank_prev: int | None
    rank_change: int | None
    change_text: str
    categories: tuple[tuple[int | None, float | None], ...] = ()
    interval: tuple[float, float, float] | None = None
    pay: float | None = None
    tier: str = ""
    streak: int = 0


@dataclass(frozen=True)
class Report:
    """Everything the report prints; built from a stored run (web) or an engine result (CLI)."""

    title: str
    year: int
    framework: str
    framework_code: str
    framework_sha256: str
    data_sha256: str
    engine_version: str
    samples: int
    seed: int | None
    categories: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    outcomes: tuple[tuple[str, str, str, str], ...] = ()
    nodes: tuple[dict[str, Any], ...] = ()
    method: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    sheets: tuple[Sheet, ...] = ()
    sensitivity: tuple[SensitivityRow, ...] | None = None
    sources: tuple[Citation, ...] = ()
    assumptions: tuple[Assumption, ...] = ()


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def ranking_headers(categories: Sequence[str]) -> list[str]:
    """Column titles of the ranking table and workbook.

    >>> ranking_headers(["经济发展"])[:4], ranking_headers(["经济发展"])[-1]
    (['排名', '开发区', '综合得分', '上年排名'], '排名区间(5–95%)')
    """
    return [
        "排名", "开发区", "综合得分", "上年排名", "位次变化", "进退位", "连续",
        *[f"{c}排名" for c in categories], "绩效系数", "规模层级", "排名区间(5–95%)",
    ]  # fmt: skip


def ranking_values(row: ReportRow) -> list[Any]:
    """Cell values of one row, in the order of :func:`ranking_headers`."""
    interval = "" if row.interval is None else f"{row.interval[0]:.1f}–{row.interval[2]:.1f}"
    return [
        row.rank, row.zone, None if row.score is None else round(row.score, 4), row.rank_prev, row.rank_change,
        row.change_text, row.streak, *[c[0] for c in row.categories],
        None if row.pay is None else round(row.pay, 4), row.tier, interval,
    ]  # fmt: skip


SENSITIVITY_HEADERS = ("因素", "S1（一阶）", "ST（总效应）", "S1 置信半宽", "ST 置信半宽")


def sensitivity_values(row: SensitivityRow) -> list[Any]:
    """Cells of one factor, in the order of ``SENSITIVITY_HEADERS`` (indices rounded to 4 places)."""
    return [
        row.label,
        *(None if v is None else round(v, 4) for v in (row.s1, row.st, row.s1_conf, row.st_conf)),
    ]


def ranking_workbook(report: Report) -> bytes:
    """The ranking as .xlsx: sheet 排名 (one row per zone), one sheet per category (zones by category rank
    with each indicator's value and rank), sheet 权重敏感度 when computed, and sheet 说明 (framework, hashes).
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "排名"
    headers = ranking_headers(report.categories)
    table_sheet(ws, headers, [ranking_values(row) for row in report.rows], widths=(8, 30), freeze_columns=2)
    for sheet in report.sheets:
        table_sheet(wb.create_sheet(sheet.title), sheet.headers, sheet.rows, widths=(8, 30), freeze_columns=2)
    if report.sensitivity is not None:
        sens = wb.create_sheet("权重敏感度")
        table_sheet(
            sens, SENSITIVITY_HEADERS, [sensitivity_values(s) for s in report.sensitivity], widths=(30,)
        )
        sens.append([])
        sens.append([EXPLANATION])
    notes_sheet(
        wb.create_sheet("说明"),
        [
            ("标题", report.title), ("考评年度", f"{report.year}年"), ("考核框架", report.framework),
            ("框架 sha256", report.framework_sha256), ("数据 sha256", report.data_sha256),
            ("引擎版本", report.engine_version), ("不确定性抽样", report.samples),
            ("随机种子", "—" if report.seed is None else report.seed),
            ("权重敏感度（Sobol）", "见“权重敏感度”表" if report.sensitivity is not None else NOT_COMPUTED),
        ],
    )  # fmt: skip
    out = io.BytesIO()
    save_workbook(wb, out)
    return out.getvalue()


def score_chart(rows: Sequence[ReportRow]) -> io.BytesIO:
    """Horizontal bars of the index score per zone, best on top."""
    ranked = [r for r in rows if r.score is not None][:40]
    with chart_style():
        fig = Figure(figsize=(7, 0.35 * len(ranked) + 1.2), dpi=120)
        ax = fig.add_subplot()
        ax.barh([r.zone for r in ranked], [r.score or 0.0 for r in ranked], color="#0d6efd")
        ax.invert_yaxis()
        ax.set_xlabel("综合得分")
        fig.tight_layout()
        return png(fig)


def interval_chart(rows: Sequence[ReportRow]) -> io.BytesIO:
    """Each zone's 5–95 % rank interval with its median (diamond) and nominal rank (dot)."""
    rows = [r for r in rows if r.interval is not None][:40]
    with chart_style():
        fig = Figure(figsize=(7, 0.35 * len(rows) + 1.2), dpi=120)
        ax = fig.add_subplot()
        for i, r in enumerate(rows):
            lo, med, hi = r.interval or (0.0, 0.0, 0.0)
            ax.plot([lo, hi], [i, i], color="#9ec5fe", linewidth=6, solid_capstyle="butt")
            ax.plot([med], [i], marker="D", color="#084298")
            if r.rank is not None:
                ax.plot([r.rank], [i], marker="o", color="#dc3545", markersize=4)
        ax.set_yticks(range(len(rows)), [r.zone for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel("排名（5–95 % 区间，◆ 中位，● 名义）")
        fig.tight_layout()
        return png(fig)


def sensitivity_chart(rows: Sequence[SensitivityRow]) -> io.BytesIO:
    """Paired horizontal bars of S1 and ST per factor, largest total effect on top."""
    rows = [r for r in rows if r.st is not None][:30]
    with chart_style():
        fig = Figure(figsize=(7, 0.45 * len(rows) + 1.4), dpi=120)
        ax = fig.add_subplot()
        pos = list(range(len(rows)))
        ax.barh(
            [p - 0.2 for p in pos], [r.s1 or 0.0 for r in rows], height=0.4, color="#9ec5fe", label="S1 一阶"
        )
        ax.barh(
            [p + 0.2 for p in pos],
            [r.st or 0.0 for r in rows],
            height=0.4,
            color="#0d6efd",
            label="ST 总效应",
        )
        ax.set_yticks(pos, [r.label for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel("Sobol 指数（排名平均绝对位次变动的方差份额）")
        ax.legend(loc="lower right")
        fig.tight_layout()
        return png(fig)


def _sensitivity_section(doc: Any, outline: Outline, report: Report, figure: int) -> None:
    outline.heading("权重敏感度（Sobol）：哪些权重最能改变排名", level=2)
    if report.sensitivity is None:
        add_paragraph(doc, NOT_COMPUTED)
        return
    add_paragraph(doc, EXPLANATION)
    if any(r.st is not None for r in report.sensitivity):
        add_caption(doc, f"图 {figure} 权重敏感度（按总效应排序）")
        doc.add_picture(sensitivity_chart(report.sensitivity), width=Cm(15))
    else:
        add_paragraph(doc, "各次抽样的排名都没有变化，敏感度指数无定义。")
    _table(doc, SENSITIVITY_HEADERS, [sensitivity_values(r) for r in report.sensitivity])


def _table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    add_report_table(doc, headers, rows)


def assessment_report(report: Report) -> bytes:
    """The .docx report: summary, ranking table, charts, rule outcomes, and the method appendix."""
    doc = new_document(report.title)
    outline = Outline(doc)
    add_paragraph(
        doc,
        f"考评年度 {report.year}；考核框架：{report.framework}；参评开发区 {sum(r.rank is not None for r in report.rows)} 个。",
    )
    outline.heading("综合排名")
    _table(doc, ranking_headers(report.categories), [ranking_values(r) for r in report.rows])
    outline.heading("图表")
    outline.heading("综合得分", level=2)
    add_caption(doc, "图 1 综合得分")
    doc.add_picture(score_chart(report.rows), width=Cm(15))
    figure = 2
    if any(r.interval is not None for r in report.rows):
        outline.heading("排名区间", level=2)
        add_caption(doc, f"图 2 排名区间（蒙特卡洛 {report.samples} 次，种子 {report.seed}）")
        doc.add_picture(interval_chart(report.rows), width=Cm(15))
        figure = 3
    _sensitivity_section(doc, outline, report, figure)
    outline.heading("考核结果运用")
    hits = [o for o in report.outcomes if o[2] == "是"]
    if hits:
        _table(doc, ["开发区", "规则", "触发", "依据（历年排名）"], hits)
    else:
        add_paragraph(doc, "本年度无触发的奖惩规则。")
    for note in report.notes:
        add_paragraph(doc, note)
    outline.heading("附录 方法说明", numbered=False)
    outline.heading("方法设定", level=2)
    _table(doc, ["项目", "设定"], report.method)
    if report.sources:
        outline.heading("依据文件", level=2)
        _table(
            doc,
            ["序号", "文件", "采用内容"],
            [[k, cite(c), c.basis or "—"] for k, c in enumerate(report.sources, 1)],
        )
        for c in report.sources:
            if c.url:
                add_paragraph(doc, f"{cite(c)}：{c.url}")
    outline.heading("指标体系与权重", level=2)
    add_paragraph(doc, "权重在其上级节点内相对；占比为同级归一化后的份额。")
    _table(
        doc,
        ["层级", "名称", "方向", "权重", "占上级比重"],
        [
            [n["depth"], "　" * max(n["depth"] - 1, 0) + n["name"],
             {1: "正向", -1: "逆向"}.get(n["direction"], ""),
             "、".join(f"{group_name(g)} {w:g}" for g, w in n["weights"].items()),
             "、".join(f"{group_name(g)} {s:.1%}" for g, s in n["shares"].items())]
            for n in report.nodes
        ],
    )  # fmt: skip
    if report.assumptions:
        outline.heading("假设（无公开依据的设定及理由）", level=2)
        for a in report.assumptions:
            doc.add_paragraph(f"{a.text}理由：{a.reason}", style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def change_text(change: int | None, prev: int | None) -> str:
    """进位/退位 label of a rank change.

    >>> change_text(2, 5), change_text(-1, 3), change_text(0, 2), change_text(None, None)
    ('↑ 进位 2', '↓ 退位 1', '— 持平', '新进')
    """
    if change is None:
        return "新进" if prev is None else "—"
    if change > 0:
        return f"↑ 进位 {change}"
    if change < 0:
        return f"↓ 退位 {-change}"
    return "— 持平"


def method_lines(summary: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The appendix lines on how the scores were made, in Chinese, from a run's stored summary.

    >>> method_lines({"normalisation": "minmax", "aggregation": "arithmetic", "missing": "zero", "treat": "none",
    ...               "rank_groups": ["all", "region3"]})[-1]
    ('排名分组', '全部开发区、分地区（苏南、苏中、苏北）')
    """
    return (
        ("标准化方法", word(NORMALISATION, summary.get("normalisation"))),
        ("合成方法", word(AGGREGATION, summary.get("aggregation"))),
        ("缺失值处理", word(MISSING, summary.get("missing"))),
        ("异常值处理", word(TREATMENT, summary.get("treat"))),
        ("排名分组", "、".join(group_name(g) for g in summary.get("rank_groups", [])) or "—"),
    )


def data_source_lines(counts: dict[str, int] | None, warnings: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Method-appendix lines on where the data came from: counts per source and the warnings of the merge.

    >>> data_source_lines({"assessment": 30, "indicators": 2}, [])
    (('数据来源', '考评数据 30 个值；指标监测年度值（填补考评数据缺项）2 个值'), ('数据提示', '—'))
    """
    counts = counts or {}
    text = (
        f"考评数据 {counts.get('assessment', 0)} 个值；"
        f"指标监测年度值（填补考评数据缺项）{counts.get('indicators', 0)} 个值"
    )
    return (("数据来源", text), ("数据提示", "；".join(warnings) or "—"))


def report_from_rows(
    *,
    title: str,
    year: int,
    framework: str,
    summary: dict[str, Any],
    zones: Sequence[dict[str, Any]],
    outcomes: Sequence[dict[str, Any]],
    names: dict[str, str],
    hashes: tuple[str, str, str],
    samples: int,
    seed: int | None,
    sensitivity: dict[str, Any] | None = None,
) -> Report:
    """A report from the plain rows of :func:`devzone.assessment.results.compute` (used by the CLI).

    ``hashes`` = (framework sha256, data sha256, engine version); ``names`` maps zone keys to display names;
    ``sensitivity`` is the stored Sobol record (None = not computed).
    """
    node_name = {n["code"]: n["name"] for n in summary.get("nodes", [])}
    cats = summary.get("categories", [])
    group = summary.get("primary_group", "all")
    ordered = sorted(zones, key=lambda r: (r["rank"] is None, r["rank"] or 0, str(r["zone"])))
    rows = tuple(
        ReportRow(
            zone=names.get(r["zone"], r["zone"]), rank=r["rank"], score=r["score"], rank_prev=r["rank_prev"],
            rank_change=r["rank_change"], change_text=change_text(r["rank_change"], r["rank_prev"]),
            categories=tuple((r["node_ranks"].get(group, {}).get(c), r["node_scores"].get(c)) for c in cats),
            interval=None if r["rank_p05"] is None else (r["rank_p05"], r["rank_p50"], r["rank_p95"]),
            pay=r["pay"], tier=r["tier"], streak=r["streak"],
        )
        for r in ordered
    )  # fmt: skip
    outs = tuple(
        (names.get(o["zone"], o["zone"]), o["action"], "是" if o["hit"] else "否",
         "；".join(f"{y}年第{k}名" for y, k, _d in o["detail"].get("evidence", []) if k))
        for o in outcomes
    )  # fmt: skip
    method = (
        ("考核框架", framework), ("框架 sha256", hashes[0]), ("数据快照 sha256", hashes[1]),
        *method_lines(summary),
        ("不确定性分析", f"{samples} 次抽样，随机种子 {seed}" if samples else "未做"), ("引擎版本", hashes[2]),
        *data_source_lines(summary.get("data_sources"), summary.get("data_warnings", [])),
    )  # fmt: skip
    return Report(
        title=title, year=year, framework=framework, framework_code=framework, framework_sha256=hashes[0],
        data_sha256=hashes[1], engine_version=hashes[2], samples=samples, seed=seed,
        categories=tuple(node_name.get(c, c) for c in cats), rows=rows, outcomes=outs,
        nodes=tuple(summary.get("nodes", [])), method=method,
        sensitivity=None if sensitivity is None else tuple(sensitivity_rows(sensitivity, names=node_name)),
        sources=citations_of(summary.get("sources", [])), assumptions=assumptions_of(summary.get("assumptions", [])),
    )  # fmt: skip
