"""The 公示/final list and the policy list of a 亩均 run as .xlsx (openpyxl), over plain rows (no Django).

* :func:`final_list_workbook` — sheet 打印名单: the list as it is printed and posted (公示), one A4
  landscape page wide: 序号, enterprise, class, score, rank and each indicator's value; sheet 评价名单:
  every column for checking — value, benchmark and points of each indicator, veto and exemption
  reasons (too wide to print legibly: 12 + 3 per indicator columns); sheet 说明: the run facts (method id
  and sha256, input sha256 and rows) so the list can be traced to its run.
* :func:`policy_list_workbook` — sheet 政策清单: each enterprise's class and what the method's policy
  matrix (差别化政策) gives it, e.g. the D-class electricity surcharge per kWh by consecutive years in D
  (鲁发改价格〔2022〕56号: 0.05 / 0.10 / 0.15 元/kWh) or factor priority for class A.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from devzone.core.documents import notes_sheet, save_workbook, table_sheet
from devzone.enterprises.method import Policy


@dataclass(frozen=True, kw_only=True)
class IndicatorCell:
    """One indicator of one result: value, segment benchmark, points and weight."""

    code: str
    name: str
    unit: str
    value: float | None
    benchmark: float | None
    points: float | None
    weight: float | None


@dataclass(frozen=True, kw_only=True)
class ResultRow:
    """One enterprise's line of a run's lists; ``klass`` is the engine's class, ``final_class`` the decided one."""

    zone: str
    uscc: str
    name: str
    industry_code: str
    segment: str
    score: float | None
    rank: int | None
    klass: str
    final_class: str
    veto_reason: str = ""
    exempt_reason: str = ""
    years_in_class: int | None = None
    indicators: tuple[IndicatorCell, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class ListInfo:
    """Facts printed on every list: the run, its method and input hashes, class labels."""

    title: str
    year: int
    method_id: str
    method_sha256: str
    method_title: str = ""
    input_sha256: str
    input_rows: int
    status: str
    class_labels: Mapping[str, str] = field(default_factory=dict)
    segment_labels: Mapping[str, str] = field(default_factory=dict)


def policy_value(policy: Policy, row: ResultRow) -> float | None:
    """What ``policy`` gives ``row`` under its final class.

    The engine's ``policy_<code>`` value stands while the final class is the engine's class; a class
    changed by an objection decision gets the policy's first step (one year in the new class), since
    the consecutive-year count of the engine no longer applies; another class gets nothing (None).

    >>> p = Policy(klass="D", code="surcharge", label="差别电价", unit="元/kWh", value=None,
    ...            by_consecutive_years=((1, 0.05), (2, 0.10), (3, 0.15)))
    >>> row = ResultRow(zone="甲", uscc="x", name="甲", industry_code="3311", segment="above", score=1.0,
    ...                 rank=9, klass="D", final_class="D", years_in_class=2, extra={"policy_surcharge": 0.1})
    >>> policy_value(p, row)
    0.1
    >>> from dataclasses import replace
    >>> policy_value(p, replace(row, final_class="C")) is None, policy_value(p, replace(row, klass="C", extra={}))
    (True, 0.05)
    """
    if row.final_class != policy.klass:
        return None
    if row.final_class == row.klass:
        value = row.extra.get(f"policy_{policy.code}")
        return None if value is None else float(value)
    if policy.by_consecutive_years:
        return policy.by_consecutive_years[0][1]
    return policy.value if policy.value is not None else 1.0


def _info_sheet(wb: Workbook, info: ListInfo, extra: Sequence[tuple[str, Any]] = ()) -> None:
    notes_sheet(
        wb.create_sheet("说明"),
        [
            ("标题", info.title), ("评价年度", f"{info.year}年"), ("状态", info.status),
            ("评价办法", info.method_title or info.method_id), ("办法文件 sha256", info.method_sha256),
            ("输入快照 sha256", info.input_sha256), ("输入行数", info.input_rows), *extra,
        ],
    )  # fmt: skip


def _class_text(info: ListInfo, code: str) -> str:
    if not code:
        return "不在评价范围"
    label = info.class_labels.get(code, "")
    return f"{code} {label}".strip()


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    save_workbook(wb, out)
    return out.getvalue()


def final_list_headers(indicators: Sequence[tuple[str, str, str]]) -> list[str]:
    """Column titles of the final list; ``indicators`` are (code, name, unit) in method order.

    >>> final_list_headers([("tax_per_mu", "亩均税收", "万元/亩")])[:6]
    ['开发区', '统一社会信用代码', '企业名称', '行业代码', '评价分组', '得分']
    >>> final_list_headers([("tax_per_mu", "亩均税收", "万元/亩")])[-3:]
    ['亩均税收(万元/亩) 值', '亩均税收 基准值', '亩均税收 得分']
    """
    head = [
        "开发区", "统一社会信用代码", "企业名称", "行业代码", "评价分组", "得分", "组内排名",
        "评价类别", "最终类别", "否决事项", "不定等级事由", "连续年数",
    ]  # fmt: skip
    for _code, name, unit in indicators:
        head += [f"{name}({unit}) 值" if unit else f"{name} 值", f"{name} 基准值", f"{name} 得分"]
    return head


def print_list_headers(indicators: Sequence[tuple[str, str, str]]) -> list[str]:
    """Column titles of the printed list: who, the outcome, and each indicator's value.

    >>> print_list_headers([("tax_per_mu", "亩均税收", "万元/亩")])
    ['序号', '开发区', '企业名称', '统一社会信用代码', '评价分组', '最终类别', '得分', '组内排名', '亩均税收(万元/亩)']
    """
    head = ["序号", "开发区", "企业名称", "统一社会信用代码", "评价分组", "最终类别", "得分", "组内排名"]
    return head + [f"{name}({unit})" if unit else name for _code, name, unit in indicators]


def _print_sheet(
    wb: Workbook, info: ListInfo, rows: Sequence[ResultRow], indicators: Sequence[tuple[str, str, str]]
) -> None:
    """The sheet that is printed: the columns a 公示 shows, landscape A4, titled with the run."""
    ws = wb.active
    assert ws is not None
    ws.title = "打印名单"
    values = [
        [n, r.zone, r.name, r.uscc, info.segment_labels.get(r.segment, r.segment),
         _class_text(info, r.final_class), r.score, r.rank,
         *({c.code: c.value for c in r.indicators}.get(code) for code, _n, _u in indicators)]
        for n, r in enumerate(rows, start=1)
    ]  # fmt: skip
    table_sheet(
        ws, print_list_headers(indicators), values, title=f"{info.title}名单（{info.status}）",
        widths=(6, 30, 34, 21, 10, 14, 8, 8, *([11] * len(indicators))),
        formats={1: "0", 8: "0"}, freeze_columns=3, landscape=True,
    )  # fmt: skip


def _cells(row: ResultRow, codes: Sequence[str]) -> list[Any]:
    by_code = {c.code: c for c in row.indicators}
    out: list[Any] = []
    for code in codes:
        cell = by_code.get(code)
        out += [None, None, None] if cell is None else [cell.value, cell.benchmark, cell.points]
    return out


def final_list_workbook(
    info: ListInfo, rows: Sequence[ResultRow], *, indicators: Sequence[tuple[str, str, str]]
) -> bytes:
    """The final (or 公示) list: one row per enterprise, in the order given — printed, and in full."""
    wb = Workbook()
    _print_sheet(wb, info, rows, indicators)
    ws = wb.create_sheet("评价名单")
    codes = [code for code, _n, _u in indicators]
    rows_out = [
        [r.zone, r.uscc, r.name, r.industry_code, info.segment_labels.get(r.segment, r.segment), r.score,
         r.rank, _class_text(info, r.klass), _class_text(info, r.final_class), r.veto_reason,
         r.exempt_reason, r.years_in_class, *_cells(r, codes)]
        for r in rows
    ]  # fmt: skip
    table_sheet(
        ws, final_list_headers(indicators), rows_out,
        widths=(26, 22, 30, 10, 16, 10, 10, 14, 14, 20, 20), freeze_columns=3, formats={7: "0", 12: "0"},
    )  # fmt: skip
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.final_class] = counts.get(r.final_class, 0) + 1
    _info_sheet(
        wb,
        info,
        [("企业数", len(rows)), *((f"{_class_text(info, c)} 企业数", n) for c, n in sorted(counts.items()))],
    )
    return _save(wb)


def _policy_rule(policy: Policy) -> str:
    if policy.by_consecutive_years:
        steps = policy.by_consecutive_years
        parts = [
            f"连续{n}年{'及以上' if i == len(steps) - 1 else ''}: {v:g}" for i, (n, v) in enumerate(steps)
        ]
        return "；".join(parts) + f" {policy.unit}"
    if policy.value is not None:
        return f"{policy.value:g} {policy.unit}"
    return "适用"


def _policy_text(policy: Policy, value: float | None) -> Any:
    if value is None:
        return None
    if policy.unit == "flag":
        return "是"
    return value


def policy_list_workbook(info: ListInfo, rows: Sequence[ResultRow], *, policies: Sequence[Policy]) -> bytes:
    """The policy list: class and each policy's value per enterprise, plus the matrix on sheet 政策矩阵."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "政策清单"
    titles = [
        "开发区", "统一社会信用代码", "企业名称", "最终类别", "连续年数",
        *(f"{p.label}({p.unit})" if p.unit and p.unit != "flag" else p.label for p in policies),
    ]  # fmt: skip
    table_sheet(
        ws,
        titles,
        [
            [r.zone, r.uscc, r.name, _class_text(info, r.final_class), r.years_in_class,
             *(_policy_text(p, policy_value(p, r)) for p in policies)]
            for r in rows
        ],
        widths=(26, 22, 30, 14, 10, *(24,) * len(policies)),
        freeze_columns=3,
        formats={5: "0"},
    )  # fmt: skip
    table_sheet(
        wb.create_sheet("政策矩阵"),
        ["类别", "政策", "标准"],
        [[_class_text(info, p.klass), p.label, _policy_rule(p)] for p in policies],
        widths=(14, 36, 50),
    )
    _info_sheet(wb, info, [("企业数", len(rows))])
    return _save(wb)
