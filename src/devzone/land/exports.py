"""The land workbooks: a zone's indicators of a year, and its candidates with the disposal ledger.

Written with the shared document writer (:mod:`devzone.core.documents`): A4, header repeated, formula-
looking text stored as text (a parcel name typed as ``=HYPERLINK(…)`` stays text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from openpyxl import Workbook

from devzone.core.documents import notes_sheet, save_workbook, table_sheet
from devzone.land.labels import rule_labels
from devzone.land.method import LandMethod
from devzone.land.models import DisposalCase
from devzone.land.store import Candidates, ZoneLandYear

SALES_AS_OUTPUT = "假设：亩均数据中没有工业总产值，产出强度按企业销售收入计算。"


def _notes(method: LandMethod, zone: str, year: int, on: dt.date) -> list[tuple[str, object]]:
    lines: list[tuple[str, object]] = [("开发区", zone), ("年度", year), ("截止日期", on.isoformat()),
                                       ("办法", f"{method.title}（第 {method.version} 版）")]  # fmt: skip
    lines += [("依据", f"{s.issuer or ''}《{s.title}》{s.number or ''}".strip()) for s in method.sources]
    lines += [("假设", a.text) for a in method.assumptions]
    lines.append(("假设", SALES_AS_OUTPUT))
    return lines


def indicators_workbook(
    zone: str, year: int, on: dt.date, figures: ZoneLandYear, method: LandMethod
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "土地指标"
    rows = [[f.label, f.value, f.unit, f.numerator, f.denominator] for f in figures.land.figures.values()]
    rows += [
        ["盘活面积（处置口径）", figures.revitalised_mu, "亩", None, None],
        ["盘活面积（利用口径）", figures.used_mu, "亩", None, None],
        [figures.idle_disposal.label, figures.idle_disposal.value, "%", figures.idle_disposal.numerator,
         figures.idle_disposal.denominator],
        ["开发区类型", figures.land.zone_type, "", None, None],
    ]  # fmt: skip
    table_sheet(ws, ["指标", "数值", "单位", "分子", "分母"], rows, title=f"{zone} {year} 年土地集约利用指标",
                widths=(28, 14, 10, 16, 16))  # fmt: skip
    notes_sheet(wb.create_sheet("说明"), _notes(method, zone, year, on))
    return save_workbook(wb)


def candidates_workbook(
    zone: str,
    year: int,
    on: dt.date,
    *,
    found: Candidates,
    cases: Sequence[DisposalCase],
    method: LandMethod,
    factory_names: Mapping[tuple[str, str], str] | None = None,
) -> bytes:
    """``factory_names``: a 标准厂房 finding's object in words, by (kind, target id)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "闲置土地线索"
    idle = []
    for c in found.idle:
        p = found.parcels[c.parcel_id]
        idle.append([p.ref, p.name, p.holder_name or p.holder_uscc, round(p.area_mu, 2),
                     "未动工" if c.rule == "idle_not_started" else "中止开发", c.fee_due, c.fee_wan,
                     "是" if c.recover else "否", "；".join(c.reasons)])  # fmt: skip
    table_sheet(ws, ["编号", "名称", "使用权人", "面积(亩)", "情形", "满一年日期", "闲置费(万元)", "无偿收回线索", "理由"],
                idle, title=f"{zone} 闲置土地线索（截至 {on.isoformat()}）", widths=(14, 18, 24, 10, 10, 12, 12, 10, 60))  # fmt: skip
    ws = wb.create_sheet("低效用地线索")
    rows = []
    for c in found.inefficient:
        p = found.parcels[c.parcel_id]
        rows.append([p.ref, p.name, p.holder_name or p.holder_uscc, round(p.area_mu, 2), "、".join(rule_labels(c.rules)),
                     "；".join(c.reasons)])  # fmt: skip
    table_sheet(ws, ["编号", "名称", "使用权人", "面积(亩)", "规则", "理由"], rows,
                title=f"{zone} {year} 年低效用地线索", widths=(14, 18, 24, 10, 20, 70))  # fmt: skip
    ws = wb.create_sheet("标准厂房")
    named = factory_names or {}
    table_sheet(ws, ["类型", "对象", "承租企业统一社会信用代码", "理由"],
                [[f.kind, named.get((f.kind, f.target), f.target), f.tenant_uscc or "—", "；".join(f.reasons)]
                 for f in found.factory],
                title=f"{zone} 标准厂房线索", widths=(10, 30, 22, 70))  # fmt: skip
    ws = wb.create_sheet("处置台账")
    ledger = [
        [c.pk, c.get_kind_display(), c.parcel.ref if c.parcel else str(c.lease), round(c.area_m2 * 0.0015, 2),
         c.get_state_display(), c.get_route_display() if c.route else "", c.owner, c.deadline, c.decided_on,
         c.closed_on, c.used_on]
        for c in cases
    ]  # fmt: skip
    table_sheet(ws, ["案件", "类型", "对象", "面积(亩)", "状态", "处置方式", "责任单位", "期限", "认定日期", "处置完成日期", "盘活日期"],
                ledger, title=f"{zone} 处置台账", formats={1: "0"},
                widths=(7, 10, 22, 10, 9, 18, 16, 12, 12, 13, 12))  # fmt: skip
    notes_sheet(wb.create_sheet("说明"), _notes(method, zone, year, on))
    return save_workbook(wb)
