"""A zone's land report (.docx through the shared document writer): its land indicators of a year, the
map of its parcels by the holders' 亩均 class, its idle and inefficient land candidates, 标准厂房
findings and its disposal cases with a chart of the cases by state. A4, 公文 headings, Chinese.

The map is drawn from the parcels' own vectors in the zone's Gauss-Krüger CRS (no base map) and is
marked 内部资料, as the map page is. Pure: plain rows in, bytes out; no Django.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import shapely
from docx.shared import Cm
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from devzone.core.documents import (
    Outline,
    add_caption,
    add_paragraph,
    add_report_table,
    add_table,
    document_bytes,
    new_document,
)
from devzone.core.figures import chart_style, png

CLASS_COLOURS = {"A": "#1a9850", "B": "#91cf60", "C": "#fee08b", "D": "#d73027", "T": "#bdbdbd"}
UNRATED = "未评价"
STATES = ("候选", "调查", "认定", "方案", "处置中", "处置完成", "盘活", "复核")


@dataclass(frozen=True, kw_only=True)
class IndicatorRow:
    label: str
    value: float | None
    unit: str


@dataclass(frozen=True, kw_only=True)
class CandidateRow:
    """An idle or inefficient candidate: the parcel's 编号, holder, area and why."""

    ref: str
    holder: str
    area_mu: float
    reasons: tuple[str, ...]
    fee_wan: float | None = None
    recover: bool = False


@dataclass(frozen=True, kw_only=True)
class CaseRow:
    number: int
    kind: str
    target: str
    state: str
    route: str
    area_mu: float
    decided_on: dt.date | None = None
    closed_on: dt.date | None = None
    used_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class MapParcel:
    """A parcel to draw: its geometry in the zone's planar GK CRS and its holder's 亩均 class."""

    geometry: shapely.Geometry
    klass: str = UNRATED


@dataclass(frozen=True, kw_only=True)
class LandReport:
    zone: str
    year: int
    on: dt.date
    method: str
    sources: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    zone_type: str = ""
    indicators: tuple[IndicatorRow, ...] = ()
    revitalised_mu: float = 0.0
    used_mu: float = 0.0
    idle_disposal: float | None = None
    idle: tuple[CandidateRow, ...] = ()
    inefficient: tuple[CandidateRow, ...] = ()
    factory: tuple[tuple[str, str, str], ...] = ()  # (kind, building and unit or tenant, reasons)
    cases: tuple[CaseRow, ...] = ()
    parcels: tuple[MapParcel, ...] = field(default_factory=tuple)
    boundary: shapely.Geometry | None = None


def number(value: float | None, digits: int = 2) -> str:
    """A figure as a reader reads it: thousands separated, fixed decimals, a dash when there is none.

    >>> number(618.666666), number(None), number(40000.0, 0)
    ('618.67', '—', '40,000')
    """
    return "—" if value is None else f"{value:,.{digits}f}"


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _rings(geometry: shapely.Geometry) -> list[shapely.Polygon]:
    return list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]


def map_figure(parcels: Sequence[MapParcel], boundary: shapely.Geometry | None) -> io.BytesIO:
    """The parcels filled by the holder's 亩均 class, the boundary in red, equal axes (PNG)."""
    west, south, east, north = shapely.total_bounds([p.geometry for p in parcels])
    tall = (north - south) / (east - west) if east > west else 1.0
    with chart_style():  # as tall as the zone is (the legend takes a fifth of the width)
        fig = Figure(figsize=(7, min(max(5.6 * tall, 2.4), 7.5)), dpi=130)
        ax = fig.add_subplot()
        for p in parcels:
            for polygon in _rings(p.geometry):
                x, y = polygon.exterior.xy
                ax.fill(list(x), list(y), facecolor=CLASS_COLOURS.get(p.klass, "#eeeeee"), edgecolor="#555555",
                        linewidth=0.3)  # fmt: skip
        if boundary is not None:
            for polygon in _rings(boundary):
                x, y = polygon.exterior.xy
                ax.plot(list(x), list(y), color="#c62828", linewidth=1.2)
        ax.set_aspect("equal")
        ax.set_axis_off()
        shown = sorted({p.klass for p in parcels}, key=lambda k: (k == UNRATED, k))
        handles = [Patch(facecolor=CLASS_COLOURS.get(k, "#eeeeee"), edgecolor="#555555",
                         label=f"{k} 类" if k != UNRATED else k) for k in shown]  # fmt: skip
        if boundary is not None:
            handles.append(Patch(facecolor="none", edgecolor="#c62828", label="开发区边界"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
        ax.set_title("内部资料", loc="right", fontsize=8, color="#c62828")
        fig.tight_layout()
        return png(fig)


def cases_figure(cases: Sequence[CaseRow]) -> io.BytesIO:
    """Bars of the cases in each state of the workflow (PNG)."""
    counts = Counter(c.state for c in cases)
    with chart_style():
        fig = Figure(figsize=(7, 2.8), dpi=130)
        ax = fig.add_subplot()
        ax.bar(list(STATES), [counts.get(s, 0) for s in STATES], color="#4575b4")
        ax.set_ylabel("案件数")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        fig.tight_layout()
        return png(fig)


def land_report(report: LandReport) -> bytes:
    """The .docx report of a zone's land in ``report.year``."""
    doc = new_document(f"{report.zone}{report.year}年土地集约利用与存量用地盘活情况报告")
    outline = Outline(doc)
    add_paragraph(
        doc,
        f"本报告统计截至 {report.on.isoformat()}，依据{report.method}计算。开发区类型：{report.zone_type or '—'}；"
        f"当年盘活存量土地 {number(report.revitalised_mu)} 亩（处置口径），其中已利用 {number(report.used_mu)} 亩；"
        f"闲置土地处置率 {number(report.idle_disposal)}%。",
    )
    outline.heading("土地集约利用指标")
    add_table(doc, ["指标", "数值", "单位"], [[r.label, number(r.value), r.unit] for r in report.indicators],
              widths_cm=[7.6, 4.0, 4.0])  # fmt: skip
    if report.parcels:
        doc.add_picture(map_figure(report.parcels, report.boundary), width=Cm(15.5))
        add_caption(doc, f"图 1 宗地分布（按使用权人最近一次亩均评价类别着色，共 {len(report.parcels)} 宗）")
    outline.heading("闲置土地线索")
    if report.idle:
        add_table(
            doc, ["宗地编号", "使用权人", "面积(亩)", "闲置费(万元)", "无偿收回线索", "理由"],
            [[c.ref, c.holder or "—", number(c.area_mu), number(c.fee_wan), "是" if c.recover else "否",
              "；".join(c.reasons)] for c in report.idle], widths_cm=[3.1, 3.0, 1.7, 1.9, 1.5, 4.4], size=9,
        )  # fmt: skip
    else:
        add_paragraph(doc, "没有闲置土地线索。")
    outline.heading("低效用地线索")
    if report.inefficient:
        add_table(doc, ["宗地编号", "使用权人", "面积(亩)", "理由"],
                  [[c.ref, c.holder or "—", number(c.area_mu), "；".join(c.reasons)] for c in report.inefficient],
                  widths_cm=[3.1, 3.4, 1.8, 7.3], size=9)  # fmt: skip
    else:
        add_paragraph(doc, "没有低效用地线索。")
    outline.heading("标准厂房")
    if report.factory:
        add_table(doc, ["类型", "对象", "理由"], [list(f) for f in report.factory], widths_cm=[2.2, 4.6, 8.8],
                  size=9)  # fmt: skip
    else:
        add_paragraph(doc, "没有标准厂房线索。")
    outline.heading("处置案件")
    if report.cases:
        add_paragraph(doc, f"共 {len(report.cases)} 件处置案件。")
        doc.add_picture(cases_figure(report.cases), width=Cm(15))
        add_caption(doc, f"图 {2 if report.parcels else 1} 处置案件（按办理状态）")
        add_report_table(
            doc, ["案件", "类型", "对象", "状态", "处置方式", "面积(亩)", "认定日期", "处置完成日期", "盘活日期"],
            [[c.number, c.kind, c.target, c.state, c.route or "—", number(c.area_mu), _date(c.decided_on),
              _date(c.closed_on), _date(c.used_on)] for c in report.cases],
        )  # fmt: skip
    else:
        add_paragraph(doc, "还没有处置案件。")
    outline.heading("依据与假设")
    for line in report.sources:
        add_paragraph(doc, f"依据：{line}")
    for line in report.assumptions:
        add_paragraph(doc, line)
    return document_bytes(doc)
