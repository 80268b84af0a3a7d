"""A pre-screen row said in Chinese: the value against the threshold and the gap, as a reader needs it.

``gap_words(cs, row)`` takes a row of :meth:`devzone.pools.screen.Screen.rows` and the set it belongs to,
and says, e.g. "研究开发费用还差 230 万元才达到 4%", "从业人员超出 120 人", "科技人员还差 12 人",
"得分 42–57 分，还差 3 分", "再提高 0.9 个百分点可得 4 分（下一档）". A criterion resting on an assumed
(待核实) value or on an approximate data basis says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeGuard

from devzone.pools.criteria import CriteriaSet, Criterion, Item
from devzone.pools.measures import BY_NAME as MEASURES

STATUS_WORDS = {
    "met": "符合", "unmet": "不符合", "unknown": "缺少数据", "manual": "需人工判断", "scored": "已计分", "na": "不适用",
}  # fmt: skip
VERDICT_WORDS = {
    "eligible": "符合条件",
    "candidate": "基本符合（待核实）",
    "near_miss": "接近达标",
    "not_eligible": "不符合",
}


def _num(x: float, unit: str) -> str:
    if unit == "比例":
        return f"{x * 100:.4g}%"
    if unit == "是否":
        return "是" if x else "否"
    text = f"{x:,.0f}" if abs(x - round(x)) < 1e-9 or abs(x) >= 100 else f"{x:,.2f}"
    return f"{text} {unit}" if unit else text


def _amount(x: float, whole: bool) -> str:
    value = math.ceil(x - 1e-9) if whole else x
    return f"{value:,.0f}" if whole or abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _present(v: Any) -> TypeGuard[float]:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _find(cs: CriteriaSet, cid: str) -> Criterion | Item | None:
    for c in cs.criteria:
        if c.id == cid:
            return c
    for block in cs.score.blocks if cs.score else ():
        for it in block.items:
            if it.id == cid:
                return it
    return None


def label(cs: CriteriaSet, cid: str) -> str:
    """The Chinese label of a row's criterion, item, block, total or 直通 route."""
    found = _find(cs, cid)
    if found is not None:
        return str(found.label)
    if cs.score is not None:
        if cs.score.id == cid:
            return str(cs.score.label)
        for block in cs.score.blocks:
            if block.id == cid:
                return str(block.label)
    return next((str(d.label) for d in cs.direct if d.id == cid), cid)


def _criterion_words(c: Criterion, row: Mapping[str, Any]) -> str:
    status = row["status"]
    if c.op == "manual" or (status == "manual" and not _present(row.get("value"))):
        return "需人工判断"
    if status == "na":
        return "不适用（另一营业收入档次的条件）"
    if status == "unknown":
        return "缺少数据，无法判断"
    measure = MEASURES[c.any_of[0].measure if c.any_of else c.measure or ""]
    value, thr, amount = row.get("value"), row.get("threshold"), row.get("amount")
    head = f"{measure.label} {_num(value, measure.unit)}" if _present(value) else measure.label
    if _present(thr):
        head += f"，门槛 {_num(thr, measure.unit)}"
    if status in ("met", "manual"):
        tail = "，符合" if status == "met" else "，数值符合，仍需人工确认"
        if _present(amount) and amount < 0:
            what = measure.num_label if measure.num is not None else "高出"
            unit = measure.num_unit if measure.num is not None else measure.unit
            if measure.num is not None:
                tail += f"（{what}富余 {_amount(-amount, measure.whole)} {unit}）"
        return head + tail
    if not _present(amount):
        return head + "，不符合"
    whole = measure.whole
    if measure.num is not None:
        verb = "还差" if c.op in ("ge", "gt") else "需减少"
        return (
            head
            + f"，{measure.num_label}{verb} {_amount(amount, whole)} {measure.num_unit}才{'达到' if verb == '还差' else '不超过'}门槛"
        )
    verb = "还差" if c.op in ("ge", "gt") else "超出"
    return (
        head + f"，{verb} {_amount(amount, whole)} {measure.unit if measure.unit != '比例' else ''}".rstrip()
    )


def _points_words(row: Mapping[str, Any]) -> str:
    lo, hi = row.get("points_lo"), row.get("points_hi")
    if not _present(lo):
        return ""
    text = f"得分 {lo:g} 分" if lo == hi else f"得分 {lo:g}–{hi:g} 分"
    if row["role"] in ("block", "score") and _present(row.get("threshold")):
        if row["status"] == "unmet" and row.get("gap_abs") == 0:
            text += f"，须高于 {row['threshold']:g} 分"
        elif row["status"] == "unmet":
            text += f"，还差 {row['amount']:g} 分（须达到 {row['threshold']:g} 分）"
        elif row["status"] == "met":
            text += f"，达到 {row['threshold']:g} 分"
        elif row["status"] in ("manual", "unknown"):
            text += f"，能否达到 {row['threshold']:g} 分取决于{'人工评分' if row['status'] == 'manual' else '缺少的数据'}"
    nxt, gap = row.get("next_points"), row.get("next_gap")
    if row["role"] == "item" and _present(nxt) and nxt > 0:
        text += f"；下一档再得 {nxt:g} 分"
        if _present(gap) and gap > 0:
            text += f"（指标还差 {gap * 100:.3g} 个百分点）" if abs(gap) < 1 else f"（指标还差 {gap:,.4g}）"
    return text


def gap_words(cs: CriteriaSet, row: Mapping[str, Any]) -> str:
    """The row in a sentence (see the module docstring), with 待核实 / 近似口径 marks."""
    found = _find(cs, str(row["id"]))
    if row["role"] == "criterion" and isinstance(found, Criterion):
        text = _criterion_words(found, row)
    elif row["role"] == "direct":
        text = {"met": "具备直通条件", "unmet": "不具备直通条件"}.get(str(row["status"]), "直通条件缺少数据")
    else:
        text = _points_words(row) or STATUS_WORDS.get(str(row["status"]), "")
    marks = []
    if cs.unverified or getattr(found, "unverified", False):
        marks.append("门槛待核实")
    if row.get("approximate"):
        marks.append("近似口径")
    return text + (f"（{'；'.join(marks)}）" if marks else "")
