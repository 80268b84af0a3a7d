"""The pre-screen and the counts as tables a person reads: Chinese headers, labels and gap sentences.

Shared by the command line, the pages and the exports, so the three say the same thing. Pure: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from devzone.pools.counts import FLOWS
from devzone.pools.criteria import CriteriaSet
from devzone.pools.kinds import BY_CODE
from devzone.pools.measures import BY_NAME as MEASURES
from devzone.pools.screen import Screen
from devzone.pools.words import STATUS_WORDS, VERDICT_WORDS, gap_words, label
from devzone.pools.words import _num as number_words
from devzone.pools.yearend import YearEnd

FLOW_WORDS = {
    "first": "首次认定", "re_entry": "中断后再认定", "moved_in": "整体迁入", "renewed": "重新认定（续期）",
    "continuing": "有效期内", "lapsed": "到期未续", "revoked": "被取消", "moved_out": "整体迁出",
}  # fmt: skip
CRITERIA_HEADER = ["年度", "统一社会信用代码", "认定条件", "条件", "结果", "数值", "门槛", "说明", "待核实"]
COUNT_HEADER = ["开发区", "资质类别", "年末有效数", *(FLOW_WORDS[f] for f in FLOWS), "当年认定数", "净增"]


def _num(v: Any) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def verdict_counts(verdicts: pa.Table) -> dict[str, int]:
    """How many enterprise-years got each verdict, in Chinese, in the verdicts' order."""
    got = [str(v) for v in verdicts.column("verdict").to_pylist()] if verdicts.num_rows else []
    return {VERDICT_WORDS[v]: got.count(v) for v in VERDICT_WORDS if v in got}


def unverified(cs: CriteriaSet, cid: str) -> bool:
    """Whether a criterion's threshold is one of the set's *unverified* values (the 待核实 mark)."""
    if cs.unverified:
        return True
    for c in cs.criteria:
        if c.id == cid:
            return bool(getattr(c, "unverified", False))
    for block in cs.score.blocks if cs.score else ():
        for it in block.items:
            if it.id == cid:
                return bool(getattr(it, "unverified", False))
    return False


def _unit(cs: CriteriaSet, row: Mapping[str, Any]) -> str:
    """The unit a row's value and threshold are read in: the measure's, or 分 for points."""
    if row["role"] in ("block", "score"):
        return "分"
    cid = str(row["id"])
    for c in cs.criteria:
        if c.id == cid:
            name = c.any_of[0].measure if c.any_of else c.measure
            return MEASURES[name].unit if name in MEASURES else ""
    for block in cs.score.blocks if cs.score else ():
        for it in block.items:
            if it.id == cid and it.measure in MEASURES:
                return MEASURES[it.measure].unit
    return ""


def shown(value: Any, unit: str) -> str:
    """A value as the pages show it: percent for a ratio, thousands separated, "—" when missing.

    >>> shown(0.0415, "比例"), shown(12345.0, "万元"), shown(None, "人"), shown(float("nan"), "")
    ('4.15%', '12,345 万元', '—', '—')
    """
    number = _num(value)
    return "—" if number is None else number_words(number, unit)


def explained(
    result: Screen, sets: Mapping[str, CriteriaSet], *, uscc: list[str] | None = None
) -> list[dict[str, Any]]:
    """Every criterion row of the screen with its label, status in words, gap sentence and marks."""
    out = []
    for row in result.rows(uscc=uscc).to_pylist():
        cs = sets[str(row["set_id"])]
        out.append({
            **row, "label": label(cs, str(row["id"])), "status_words": STATUS_WORDS.get(str(row["status"]), ""),
            "words": gap_words(cs, row), "unverified": unverified(cs, str(row["id"])),
            "value": _num(row.get("value")), "threshold": _num(row.get("threshold")),
            "value_text": shown(row.get("value"), _unit(cs, row)),
            "threshold_text": shown(row.get("threshold"), _unit(cs, row)),
        })  # fmt: skip
    return out


def criteria_table(result: Screen, sets: Mapping[str, CriteriaSet]) -> tuple[list[str], list[list[Any]]]:
    """The long table for a file: one row per enterprise-year × criterion."""
    rows = [
        [r["year"], r["uscc"], sets[str(r["set_id"])].title, r["label"], r["status_words"], r["value"],
         r["threshold"], r["words"], "待核实" if r["unverified"] else ""]
        for r in explained(result, sets)
    ]  # fmt: skip
    return CRITERIA_HEADER, rows


def counts_table(
    counts: YearEnd, year: int, zone_names: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Per zone and kind, the year-end stock and its flows for ``year``."""
    names = zone_names or {}
    c = counts.counts
    if "year" not in c.column_names:
        return COUNT_HEADER, []
    rows = []
    for r in c.to_pylist():
        if r["year"] != year:
            continue
        kind = BY_CODE[str(r["kind"])].name if str(r["kind"]) in BY_CODE else str(r["kind"])
        rows.append([names.get(str(r["zone"]), str(r["zone"])), kind, r["stock"],
                     *(r[f] for f in FLOWS), r["issued"], r["net_increase"]])  # fmt: skip
    rows.sort(key=lambda r: (str(r[0]), str(r[1])))
    return COUNT_HEADER, rows


def xlsx_bytes(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    """One table as an .xlsx through the shared document writer (formula-looking text stays text)."""
    from openpyxl import Workbook  # noqa: PLC0415 - only the exports need it

    from devzone.core.documents import save_workbook, table_sheet  # noqa: PLC0415

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    table_sheet(ws, header, rows, title=title, formats={1: "0"} if header and header[0] == "年度" else None)
    return save_workbook(wb)


def supplement_template(firms: list[tuple[str, str]], *, year: int | None = None) -> bytes:
    """The yearly supplement to fill in: the firms' USCC, name and year, then every extra field of spec §3
    named by its Chinese label (the reader takes the label or the field name), and a 说明 sheet."""
    from openpyxl import Workbook  # noqa: PLC0415

    from devzone.core.documents import notes_sheet, save_workbook, table_sheet  # noqa: PLC0415
    from devzone.pools.fields import EXISTING, EXTRA  # noqa: PLC0415
    from devzone.pools.supplement import SHEET  # noqa: PLC0415

    asked = [f for f in (*EXISTING, *EXTRA) if not f.name.startswith("holds_")]  # titles come from records
    header = ["统一社会信用代码", "企业名称", "数据年度", *(f.label for f in asked)]
    rows = [[uscc, name, year, *([None] * len(asked))] for uscc, name in firms]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    table_sheet(ws, header, rows, formats={3: "0"}, freeze_columns=2, widths=(22, 30, 10))
    units = [(f.label, f"{f.unit}；{'是/否' if f.kind == 'bool' else '日期' if f.kind == 'date' else ''}".strip("；"))
             for f in asked]  # fmt: skip
    notes_sheet(wb.create_sheet("说明"), [
        ("填写", "每家企业每年一行；统一社会信用代码与数据年度必填，其余不知道的留空（预筛显示为“待补充”，不算不达标）"),
        ("金额", "万元；比例填小数（如 0.35）；人数为年平均"),
        *units,
    ])  # fmt: skip
    return save_workbook(wb)


def long_xlsx_bytes(
    title: str, header: list[str], rows: list[list[Any]], widths: tuple[float, ...] = ()
) -> bytes:
    """A long list (the candidates of a zone: ten thousand criterion rows) on a write-only sheet through the
    shared streamed writer — the same fit-to-send table as :func:`xlsx_bytes` in a fraction of the time."""
    from openpyxl import Workbook  # noqa: PLC0415

    from devzone.core.documents import save_workbook, streamed_table  # noqa: PLC0415

    wb = Workbook(write_only=True)
    streamed_table(wb, title[:31], header, rows, title=title, widths=widths)
    return save_workbook(wb)
