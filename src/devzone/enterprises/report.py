"""Summaries of a 亩均 run over plain rows, and the run report (.docx, python-docx), no Django.

The summaries are computed from the rows a reader may see (a zone's staff see their zone only), so a
page or a report never names a zone the reader does not see:

* class counts per zone (final class, after objection decisions);
* segment summaries: enterprises, graded, vetoed, score mean/min/max, count per class;
* league tables (亩均税收排行) by zone and by industry division (GB/T 4754-2017):
  亩均税收 = Σ tax / Σ land_mu (万元/亩), 亩均销售 = Σ sales / Σ land_mu, ranked best first
  (equal values share the better rank). References: 浙江省亩均效益评价 (亩均税收 as the lead
  indicator), spec ``specs/mu_efficiency.md`` §3.

Charts in the report are drawn with matplotlib's object API (no pyplot, no global backend) into PNG,
with the first installed CJK font (Noto CJK on Debian), as :mod:`devzone.assessment.report` does.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from docx.shared import Cm
from matplotlib.figure import Figure

from devzone.core.citations import cite
from devzone.core.documents import Outline, add_caption, add_paragraph, add_report_table, new_document
from devzone.core.figures import chart_style, png
from devzone.enterprises.inputs import section_of
from devzone.enterprises.method import Method
from devzone.enterprises.method_text import (
    DIRECTION_TEXT,
    MISSING_TEXT,
    benchmark_text,
    effect_text,
    formula_text,
    score_text,
)

NO_CLASS = ""


@dataclass(frozen=True, kw_only=True)
class EvalRow:
    """What the summaries need of one result: where it is, its class and its land, tax and sales."""

    zone: str
    industry_code: str
    segment: str
    score: float | None
    final_class: str
    veto: bool = False
    graded: bool = True
    land_mu: float | None = None
    tax: float | None = None
    sales: float | None = None


@dataclass(frozen=True, kw_only=True)
class SegmentSummary:
    """One segment's figures."""

    segment: str
    enterprises: int
    graded: int
    vetoed: int
    score_mean: float | None
    score_min: float | None
    score_max: float | None
    counts: Mapping[str, int]


@dataclass(frozen=True, kw_only=True)
class LeagueRow:
    """One line of a league table (by zone or by industry division)."""

    key: str
    enterprises: int
    land_mu: float
    tax: float
    sales: float
    tax_per_mu: float | None
    sales_per_mu: float | None
    score_mean: float | None
    rank: int | None


def class_counts(rows: Sequence[EvalRow]) -> dict[tuple[str, str], int]:
    """(zone, final class) → number of enterprises (out-of-scope rows, class "", are left out).

    >>> class_counts([EvalRow(zone="甲", industry_code="3311", segment="a", score=1.0, final_class="A"),
    ...               EvalRow(zone="甲", industry_code="3311", segment="a", score=0.5, final_class="A"),
    ...               EvalRow(zone="乙", industry_code="3311", segment="", score=None, final_class="")])
    {('甲', 'A'): 2}
    """
    out: dict[tuple[str, str], int] = {}
    for r in rows:
        if r.final_class != NO_CLASS:
            out[(r.zone, r.final_class)] = out.get((r.zone, r.final_class), 0) + 1
    return out


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def segment_summaries(rows: Sequence[EvalRow], *, order: Sequence[str] = ()) -> list[SegmentSummary]:
    """Figures per segment (in ``order``, then the others by name); out-of-scope rows are left out.

    >>> rows = [EvalRow(zone="甲", industry_code="3311", segment="above", score=80.0, final_class="A"),
    ...         EvalRow(zone="甲", industry_code="3311", segment="above", score=40.0, final_class="D", veto=True),
    ...         EvalRow(zone="甲", industry_code="4411", segment="above", score=None, final_class="T", graded=False)]
    >>> s = segment_summaries(rows)[0]
    >>> (s.enterprises, s.graded, s.vetoed, s.score_mean, s.score_min, s.score_max, dict(s.counts))
    (3, 2, 1, 60.0, 40.0, 80.0, {'A': 1, 'D': 1, 'T': 1})
    """
    groups: dict[str, list[EvalRow]] = {}
    for r in rows:
        if r.segment:
            groups.setdefault(r.segment, []).append(r)
    keys = [s for s in order if s in groups] + sorted(k for k in groups if k not in order)
    out = []
    for key in keys:
        group = groups[key]
        scores = [r.score for r in group if r.score is not None and r.graded]
        counts: dict[str, int] = {}
        for r in group:
            counts[r.final_class] = counts.get(r.final_class, 0) + 1
        out.append(
            SegmentSummary(
                segment=key, enterprises=len(group), graded=sum(r.graded for r in group),
                vetoed=sum(r.veto for r in group), score_mean=_mean(scores),
                score_min=min(scores) if scores else None, score_max=max(scores) if scores else None,
                counts=dict(sorted(counts.items())),
            )
        )  # fmt: skip
    return out


def industry_division(code: str) -> str:
    """The GB/T 4754-2017 division of an industry code, with its section letter: ``3311`` → ``C33``.

    >>> industry_division("3311"), industry_division("4411"), industry_division("9")
    ('C33', 'D44', '9')
    """
    head = code[:2]
    section = section_of(int(head)) if head.isdigit() and len(head) == 2 else None
    return f"{section}{head}" if section else code


def _competition_ranks(values: Sequence[float | None]) -> list[int | None]:
    ordered = sorted((v for v in values if v is not None), reverse=True)
    first: dict[float, int] = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
    return [None if v is None else first[v] for v in values]


def league(rows: Sequence[EvalRow], *, by: str) -> list[LeagueRow]:
    """亩均 league table by ``zone`` or ``industry`` (division): Σ tax / Σ land_mu, best first.

    Rows outside the evaluation (no segment) count too: the league is about land use, not classes.

    >>> rows = [EvalRow(zone="甲", industry_code="3311", segment="a", score=80.0, final_class="A",
    ...                 land_mu=10.0, tax=300.0, sales=3000.0),
    ...         EvalRow(zone="乙", industry_code="3311", segment="a", score=20.0, final_class="C",
    ...                 land_mu=20.0, tax=100.0, sales=2000.0),
    ...         EvalRow(zone="乙", industry_code="2611", segment="a", score=60.0, final_class="B",
    ...                 land_mu=5.0, tax=150.0, sales=500.0)]
    >>> [(r.key, r.tax_per_mu, r.rank) for r in league(rows, by="zone")]
    [('甲', 30.0, 1), ('乙', 10.0, 2)]
    >>> [(r.key, r.enterprises, r.sales_per_mu) for r in league(rows, by="industry")]
    [('C26', 1, 100.0), ('C33', 2, 166.66666666666666)]
    """
    keyed: dict[str, list[EvalRow]] = {}
    for r in rows:
        key = r.zone if by == "zone" else industry_division(r.industry_code)
        keyed.setdefault(key, []).append(r)
    out = []
    for key, group in keyed.items():
        land = sum(r.land_mu or 0.0 for r in group)
        tax = sum(r.tax or 0.0 for r in group)
        sales = sum(r.sales or 0.0 for r in group)
        scores = [r.score for r in group if r.score is not None and r.graded]
        out.append(
            LeagueRow(
                key=key, enterprises=len(group), land_mu=land, tax=tax, sales=sales,
                tax_per_mu=tax / land if land > 0 else None, sales_per_mu=sales / land if land > 0 else None,
                score_mean=_mean(scores), rank=None,
            )
        )  # fmt: skip
    ranks = _competition_ranks([r.tax_per_mu for r in out])
    ranked = [replace(r, rank=k) for r, k in zip(out, ranks, strict=True)]
    return sorted(ranked, key=lambda r: (r.rank is None, r.rank or 0, r.key))


@dataclass(frozen=True, kw_only=True)
class LandCount:
    """How many enterprises one inefficient-land rule flags."""

    rule: str
    label: str
    enterprises: int
    land_mu: float


@dataclass(frozen=True, kw_only=True)
class MuReport:
    """Everything the run report prints, built from a stored run restricted to the reader's rows."""

    title: str
    year: int
    method: Method
    method_sha256: str
    input_sha256: str
    input_rows: int
    created_by: str
    created_at: str
    status: str
    scope: str
    rows: tuple[EvalRow, ...]
    land: tuple[LandCount, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


CLASS_COLOURS = {"A": "#198754", "B": "#0d6efd", "C": "#fd7e14", "D": "#dc3545"}


def distribution_figure(
    zones: Sequence[str], classes: Sequence[str], counts: Mapping[tuple[str, str], int]
) -> io.BytesIO:
    """Stacked horizontal bars of enterprises per class in each zone (PNG)."""
    with chart_style():
        fig = Figure(figsize=(7, 0.45 * len(zones) + 1.4), dpi=120)
        ax = fig.add_subplot()
        left = [0.0] * len(zones)
        for c in classes:
            widths = [float(counts.get((z, c), 0)) for z in zones]
            ax.barh(list(zones), widths, left=left, label=c, color=CLASS_COLOURS.get(c, "#adb5bd"))
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel("企业数")
        ax.legend(ncols=len(classes), loc="lower right", fontsize=8)
        fig.tight_layout()
        return png(fig)


def league_figure(rows: Sequence[LeagueRow], *, label: str) -> io.BytesIO:
    """Horizontal bars of 亩均税收 per league key, best on top (PNG)."""
    shown = [r for r in rows if r.tax_per_mu is not None][:30]
    with chart_style():
        fig = Figure(figsize=(7, 0.35 * len(shown) + 1.2), dpi=120)
        ax = fig.add_subplot()
        ax.barh([r.key for r in shown], [r.tax_per_mu or 0.0 for r in shown], color="#0d6efd")
        ax.invert_yaxis()
        ax.set_xlabel(label)
        fig.tight_layout()
        return png(fig)


def _table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    add_report_table(doc, headers, rows)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def class_order(method: Method) -> list[str]:
    """The method's classes best first, then its exempt class.

    >>> from devzone.enterprises.method_load import resolve
    >>> class_order(resolve("lyg-seed"))
    ['A', 'B', 'C', 'D', 'T']
    >>> class_order(resolve("zj-huangyan-2022"))[-1]
    'T'
    """
    return [*method.class_codes, method.exempt_class.code]


def class_labels(method: Method) -> dict[str, str]:
    """Class code → label, the exempt class included.

    >>> from devzone.enterprises.method_load import resolve
    >>> class_labels(resolve("lyg-seed"))["D"], class_labels(resolve("lyg-seed"))["T"]
    ('限制发展类', '不评级')
    """
    return {c.code: c.label for c in (*method.classes, method.exempt_class)}


def _league_rows(rows: Sequence[LeagueRow]) -> list[list[Any]]:
    return [
        [r.rank or "—", r.key, r.enterprises, _fmt(r.land_mu, 1), _fmt(r.tax, 1), _fmt(r.tax_per_mu),
         _fmt(r.sales_per_mu), _fmt(r.score_mean)]
        for r in rows
    ]  # fmt: skip


LEAGUE_HEADERS = [
    "排名",
    "名称",
    "企业数",
    "用地(亩)",
    "税收(万元)",
    "亩均税收(万元/亩)",
    "亩均销售(万元/亩)",
    "平均得分",
]


def _appendix(doc: Any, outline: Outline, method: Method) -> None:
    """The method as its 办法 words it: documents cited, indicators, rules, classes, and the 假设 list."""
    outline.heading("附录 评价办法", numbered=False)
    add_paragraph(doc, f"{method.title}（第 {method.version} 版）")
    outline.heading("依据文件", level=2)
    _table(
        doc,
        ["序号", "文件", "采用内容"],
        [[k, cite(s), s.basis or "—"] for k, s in enumerate(method.sources, 1)],
    )
    official = [(cite(s), s.url) for s in method.sources if s.url]
    for title, url in official:
        add_paragraph(doc, f"{title}：{url}")
    labels = class_labels(method)
    outline.heading("评价指标", level=2)
    for seg in method.segments:
        outline.heading(seg.label, level=3)
        _table(
            doc,
            ["指标", "计算方法", "单位", "方向", "权重", "基准值", "计分规则", "数据缺失"],
            [
                [i.label, formula_text(i), i.unit, DIRECTION_TEXT[i.direction], f"{i.weight:g}",
                 benchmark_text(i.benchmark), score_text(i.score_rule, i.direction), MISSING_TEXT[i.missing]]
                for i in seg.indicators
            ],
        )  # fmt: skip
    rules = [["否决", v.label, effect_text(v, method)] for v in method.vetoes]
    rules += [["不定等级或保护", e.label, effect_text(e, method)] for e in method.exemptions]
    rules += [["加减分", a.label, f"{a.points:+g} 分"] for a in method.adjustments]
    if rules:
        outline.heading("否决、不定等级和加减分", level=2)
        _table(doc, ["类型", "情形", "效果"], rules)
    c = method.classing
    outline.heading("分类", level=2)
    if c.kind == "shares":
        cuts = "、".join(f"{labels.get(k, k)} {v:.0%}" for k, v in c.shares)
        add_paragraph(doc, f"按得分排序后的比例：{cuts}；同分取较优类别。")
    else:
        cuts = "、".join(f"{labels.get(k, k)} {v:g} 分及以上" for k, v in c.thresholds)
        add_paragraph(doc, f"按分数线：{cuts}；其余为{labels.get(method.class_codes[-1], '')}。")
    if method.assumptions:
        outline.heading("假设（无公开依据的设定及理由）", level=2)
        for a in method.assumptions:
            doc.add_paragraph(f"{a.text}理由：{a.reason}", style="List Bullet")


def run_report(report: MuReport) -> bytes:
    """The .docx report: run facts, class distribution by zone, segments, league tables, land, appendix."""
    method = report.method
    classes = class_order(method)
    labels = class_labels(method)
    doc = new_document(report.title)
    outline = Outline(doc)
    add_paragraph(
        doc, f"评价年度 {report.year}；评价办法 {method.title}；范围：{report.scope}；状态：{report.status}。"
    )
    outline.heading("评价批次")
    _table(
        doc,
        ["项目", "内容"],
        [
            ["评价办法", f"{method.title}（第 {method.version} 版）"], ["办法文件 sha256", report.method_sha256],
            ["输入快照 sha256", report.input_sha256], ["输入行数", report.input_rows],
            ["评价人", report.created_by], ["评价时间", report.created_at], ["参评企业", len(report.rows)],
        ],
    )  # fmt: skip
    outline.heading("分类结果（按开发区）")
    counts = class_counts(report.rows)
    zones = sorted({r.zone for r in report.rows})
    _table(
        doc,
        ["开发区", *(f"{c} {labels.get(c, '')}" for c in classes), "合计"],
        [
            [z, *(counts.get((z, c), 0) for c in classes), sum(counts.get((z, c), 0) for c in classes)]
            for z in zones
        ],
    )
    if zones:
        add_caption(doc, "图 1 各开发区企业分类分布")
        doc.add_picture(distribution_figure(zones, classes, counts), width=Cm(15))
    outline.heading("分组汇总")
    seg_labels = {s.code: s.label for s in method.segments}
    _table(
        doc,
        ["分组", "企业数", "参与定级", "否决", "平均分", "最低分", "最高分", *classes],
        [
            [seg_labels.get(s.segment, s.segment), s.enterprises, s.graded, s.vetoed, _fmt(s.score_mean),
             _fmt(s.score_min), _fmt(s.score_max), *(s.counts.get(c, 0) for c in classes)]
            for s in segment_summaries(report.rows, order=[s.code for s in method.segments])
        ],
    )  # fmt: skip
    outline.heading("亩均效益排行")
    by_zone = league(report.rows, by="zone")
    outline.heading("开发区亩均税收排行", level=2)
    _table(doc, LEAGUE_HEADERS, _league_rows(by_zone))
    if by_zone:
        add_caption(doc, "图 2 开发区亩均税收")
        doc.add_picture(league_figure(by_zone, label="亩均税收(万元/亩)"), width=Cm(15))
    outline.heading("行业（国民经济行业大类）亩均税收排行", level=2)
    _table(doc, LEAGUE_HEADERS, _league_rows(league(report.rows, by="industry")))
    outline.heading("低效用地线索")
    if report.land:
        _table(
            doc, ["线索", "企业数", "用地(亩)"],
            [[c.label, c.enterprises, _fmt(c.land_mu, 1)] for c in report.land],
        )  # fmt: skip
        add_paragraph(
            doc, f"共 {sum(c.enterprises for c in report.land)} 条线索（一家企业可被多条规则命中）。"
        )
    else:
        add_paragraph(doc, "本年度无低效用地线索。")
    for note in report.notes:
        add_paragraph(doc, note)
    _appendix(doc, outline, method)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
