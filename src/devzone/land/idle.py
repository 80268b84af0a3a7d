"""闲置土地 candidates (《闲置土地处置办法》, 国土资源部令第53号, 2012) and the R3 extension check.

A rule yields a *candidate* with its clock and reasons; only a human decision with a 认定书 makes it
认定. ``idle_not_started`` (第二条): no 动工 and the as-of date at least a year past the agreed start
(no agreed date: the contract's date, flagged for legal review). ``idle_stalled`` (第二条): started,
built footprint < 1/3 of the required one or investment (excluding land price and taxes) < 25 % of the
total, and stopped for a year. 满1年 → 闲置费 (20 % of 价款, 第十四条); 满2年 → 无偿收回 candidate. A
verified government cause (第八条) exempts the parcel; 储备地 is never idle. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from devzone.land.dates import add_years, whole_months
from devzone.land.method import LandMethod
from devzone.land.records import Parcel

IDLE_RULES = ("idle_not_started", "idle_stalled")


@dataclass(frozen=True)
class IdleCandidate:
    """A parcel that meets an idle test at the as-of date, with its clock and the fee it would owe."""

    parcel_id: str
    rule: str
    clock_from: date
    fee_due: date  # 满1年
    recover_due: date | None  # 满2年 (None: the method does not count it for this rule)
    fee_wan: float | None
    recover: bool  # 无偿收回 candidate at the as-of date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class IdleExemption:
    """A parcel that would meet an idle test but for a verified government cause (第八条)."""

    parcel_id: str
    rule: str
    cause: str


def idle_fee(price_wan: float | None, fee_due: date, on: date, method: LandMethod) -> float | None:
    """土地闲置费 (万元): ``flat`` share × 价款; ``monthly`` monthly share per whole month idle (the first
    month counts), at most share × 价款. None when the price is not known.

    >>> from devzone.land.method_load import resolve
    >>> idle_fee(720, date(2023, 6, 30), date(2024, 12, 31), resolve("zunyi-seed"))
    144.0
    """
    if price_wan is None:
        return None
    rule = method.idle.fee
    cap = rule.share * price_wan
    if rule.kind == "flat" or rule.monthly_share is None:
        return round(cap, 6)
    months = whole_months(fee_due, on) + 1
    return round(min(cap, rule.monthly_share * months * price_wan), 6)


def _not_started(p: Parcel, on: date) -> tuple[date, list[str]] | None:
    if p.started_on is not None and p.started_on <= on:
        return None
    if p.agreed_start is not None:
        return p.agreed_start, [f"约定动工日期 {p.agreed_start.isoformat()}，至今未动工"]
    if p.contract_date is not None:
        return p.contract_date, [
            f"无约定动工日期，自合同生效日 {p.contract_date.isoformat()} 起算，未动工（需法律审核）"
        ]
    return None


def _stalled(p: Parcel, on: date, method: LandMethod) -> tuple[date, list[str]] | None:
    if p.started_on is None or p.started_on > on or p.stopped_on is None or p.stopped_on > on:
        return None
    if p.completed_on is not None and p.completed_on <= on:
        return None
    rule = method.idle
    reasons = []
    if p.footprint_required_m2 and p.footprint_built_m2 is not None:
        share = p.footprint_built_m2 / p.footprint_required_m2
        if share < rule.stalled_built_share:
            reasons.append(
                f"已开发建筑基底面积 {p.footprint_built_m2:,.0f} 平方米，占应开发 {p.footprint_required_m2:,.0f} "
                f"平方米的 {share:.0%}，不足三分之一"
            )
    if p.invest_total_wan and p.invest_done_wan is not None:
        share = p.invest_done_wan / p.invest_total_wan
        if share < rule.stalled_invest_share:
            reasons.append(
                f"已投资 {p.invest_done_wan:,.0f} 万元，占总投资 {p.invest_total_wan:,.0f} 万元的 {share:.0%}，"
                f"不足{rule.stalled_invest_share:.0%}"
            )
    if not reasons:
        return None
    return p.stopped_on, [*reasons, f"自 {p.stopped_on.isoformat()} 中止开发建设"]


def idle_candidates(
    parcels: Iterable[Parcel], *, on: date, method: LandMethod
) -> tuple[tuple[IdleCandidate, ...], tuple[IdleExemption, ...]]:
    """Idle-land candidates and exemptions at ``on`` (supplied land only; 储备地 never idle)."""
    rule = method.idle
    found: list[IdleCandidate] = []
    exempt: list[IdleExemption] = []
    for p in parcels:
        if p.reserve or not p.supplied:
            continue
        for code, hit in (
            ("idle_not_started", _not_started(p, on)),
            ("idle_stalled", _stalled(p, on, method)),
        ):
            if hit is None:
                continue
            clock, reasons = hit
            fee_due = add_years(clock, rule.fee_after_years)
            if on < fee_due:
                continue
            if p.gov_cause:
                exempt.append(IdleExemption(p.id, code, p.gov_cause))
                break
            counts = code == "idle_not_started" or rule.stalled_recover
            recover_due = add_years(clock, rule.recover_after_years) if counts else None
            recover = recover_due is not None and on >= recover_due
            timing = [f"满{rule.fee_after_years}年于 {fee_due.isoformat()}"]
            if recover_due is not None:
                timing.append(
                    f"满{rule.recover_after_years}年{'于' if recover else '将于'} {recover_due.isoformat()}"
                )
            found.append(
                IdleCandidate(
                    p.id,
                    code,
                    clock,
                    fee_due,
                    recover_due,
                    idle_fee(p.price_wan, fee_due, on, method),
                    recover,
                    (*reasons, "，".join(timing)),
                )
            )
            break
    return tuple(found), tuple(exempt)


def extension_allowed(signed_on: date, new_start: date, method: LandMethod) -> bool:
    """R3 (延长动工期限, 第十二条): the new start at most ``extension_max_years`` after the 补充协议 is
    signed (the reading of "延长动工开发期限最长不得超过一年" as counted from signing is unverified).

    >>> from devzone.land.method_load import resolve
    >>> m = resolve("zunyi-seed")
    >>> extension_allowed(date(2024, 6, 15), date(2025, 3, 31), m), extension_allowed(date(2024, 6, 15), date(2025, 6, 16), m)
    (True, False)
    """
    return new_start <= add_years(signed_on, method.idle.extension_max_years)
