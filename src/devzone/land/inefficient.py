"""低效用地 candidates: the rules a zone's method picks (``inefficient.rules``), as a registry of small
functions, each returning its reasons (none: no hit). Idle land (:mod:`devzone.land.idle`) is found
first and a parcel is never both an idle and an inefficient candidate. A parcel that carries a 标准厂房
is judged by its buildings' 使用率 and tenants (:mod:`devzone.land.factory`), not by its holder's tax.

References
----------
遵义市开发区高质量发展实施方案 ("两年一评价"); 国土资源部, 关于深入推进城镇低效用地再开发的指导意见（试行）,
国土资发〔2016〕147号, 2016-11-11 (definition); 国土资源部, 工业项目建设用地控制指标, 2008 (容积率 floors,
建筑系数 ≥ 30 %, 行政办公 ≤ 7 %).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from devzone.land.dates import add_years
from devzone.land.geometry import MU_PER_M2
from devzone.land.method import INEFFICIENT_RULES, LandMethod
from devzone.land.records import Building, FirmYear, Parcel


@dataclass(frozen=True)
class Context:
    """What the rules read besides the parcel: the holder's evaluations by year, the as-of date."""

    method: LandMethod
    on: date
    year: int
    history: Mapping[str, Mapping[int, FirmYear]]
    holder_mu: Mapping[str, float]


@dataclass(frozen=True)
class InefficientCandidate:
    """A parcel that meets one or more 低效用地 rules, each with its reasons."""

    parcel_id: str
    rules: tuple[str, ...]
    reasons: tuple[str, ...]


def _last_years(p: Parcel, ctx: Context, count: int) -> list[FirmYear] | None:
    """The holder's rows of the ``count`` years ending with the evaluated year, if all are there."""
    rows = ctx.history.get(p.holder_uscc, {})
    wanted = [rows.get(y) for y in range(ctx.year - count + 1, ctx.year + 1)]
    return None if any(r is None for r in wanted) else [r for r in wanted if r is not None]


def _tax_per_mu(row: FirmYear, p: Parcel, ctx: Context) -> float:
    if row.tax_per_mu is not None:
        return row.tax_per_mu
    return row.tax_wan / ctx.holder_mu.get(p.holder_uscc, p.area_m2 * MU_PER_M2)


def tax_floor(p: Parcel, ctx: Context) -> list[str]:
    """亩均税收 < floor or the floor class, in the last ``consecutive_evaluations`` evaluations."""
    rule = ctx.method.inefficient
    rows = _last_years(p, ctx, rule.consecutive_evaluations)
    if rows is None:
        return []
    values = [(r, _tax_per_mu(r, p, ctx)) for r in rows]
    if not all(
        v < rule.tax_per_mu_floor or (rule.floor_class and r.mu_class == rule.floor_class) for r, v in values
    ):
        return []
    shown = "，".join(
        f"{r.year} 年 {v:.2f} 万元/亩" + (f"（{r.mu_class} 类）" if r.mu_class else "") for r, v in values
    )
    floor_class = f"或为 {rule.floor_class} 类" if rule.floor_class else ""
    return [
        f"连续 {len(rows)} 次亩均评价亩均税收低于 {rule.tax_per_mu_floor:g} 万元/亩{floor_class}：{shown}"
    ]


def no_tax(p: Parcel, ctx: Context) -> list[str]:
    """Built and paying no tax for ``no_tax_years`` years running (闽侯 2018)."""
    rows = _last_years(p, ctx, ctx.method.inefficient.no_tax_years)
    if rows is None or any(r.tax_wan > 0 for r in rows):
        return []
    return [f"连续 {len(rows)} 年未缴税（{rows[0].year}—{rows[-1].year} 年）"]


def far_below(p: Parcel, ctx: Context) -> list[str]:
    """容积率 below the industry's floor, 建筑系数 below the minimum, or 行政办公 above the maximum."""
    rule = ctx.method.inefficient
    reasons = []
    far = p.floor_area_m2 / p.area_m2
    if (floor := ctx.method.far_minimum(p.industry_code)) is not None and far < floor.min:
        reasons.append(f"容积率 {far:.2f} 低于{floor.label}下限 {floor.min:g}")
    coverage = (p.footprint_m2 + p.yard_m2) / p.area_m2
    if coverage < rule.coverage_min:
        reasons.append(f"建筑系数 {coverage:.0%} 低于 {rule.coverage_min:.0%}")
    if p.office_land_m2 and (office := p.office_land_m2 / p.area_m2) > rule.office_max:
        reasons.append(f"行政办公及生活服务设施用地占 {office:.1%}，超过 {rule.office_max:.0%}")
    return reasons


def late_finish(p: Parcel, ctx: Context) -> list[str]:
    """Not 竣工 ``late_finish_years`` after the agreed finish (no verified government cause)."""
    years = ctx.method.inefficient.late_finish_years
    if p.agreed_finish is None or p.gov_cause or (p.completed_on is not None and p.completed_on <= ctx.on):
        return []
    if ctx.on < add_years(p.agreed_finish, years):
        return []
    return [f"约定竣工日期 {p.agreed_finish.isoformat()} 后满 {years} 年仍未竣工"]


def zombie(p: Parcel, ctx: Context) -> list[str]:
    """The holder had no tax, no sales and no power in the evaluated year (僵尸企业)."""
    row = ctx.history.get(p.holder_uscc, {}).get(ctx.year)
    return (
        [f"使用权人 {ctx.year} 年无税收、无销售、无用电（僵尸企业）"]
        if row is not None and row.zombie
        else []
    )


Rule = Callable[[Parcel, Context], list[str]]
RULES: dict[str, Rule] = {
    "tax_floor_2y": tax_floor,
    "no_tax_2y": no_tax,
    "far_below": far_below,
    "late_finish_2y": late_finish,
    "zombie": zombie,
}
# Rules read on built industrial land (A2); late finish on supplied industrial land not yet built.
_ON_BUILT = {"tax_floor_2y", "no_tax_2y", "far_below", "zombie"}
_ON_HOLDER = {"tax_floor_2y", "no_tax_2y", "zombie"}
assert tuple(RULES) == INEFFICIENT_RULES


def inefficient_candidates(
    parcels: Sequence[Parcel],
    firms: Iterable[FirmYear],
    *,
    year: int,
    on: date,
    method: LandMethod,
    idle: Iterable[str] = (),
    buildings: Iterable[Building] = (),
) -> tuple[InefficientCandidate, ...]:
    """低效用地 candidates of ``year`` at ``on``; ``idle`` are the ids of idle candidates (skipped)."""
    history: dict[str, dict[int, FirmYear]] = {}
    for f in firms:
        history.setdefault(f.uscc, {})[f.year] = f
    holder_mu: dict[str, float] = {}
    for p in parcels:
        if p.holder_uscc:
            holder_mu[p.holder_uscc] = holder_mu.get(p.holder_uscc, 0.0) + p.area_m2 * MU_PER_M2
    ctx = Context(method, on, year, history, holder_mu)
    skip, factories = set(idle), {b.parcel_id for b in buildings}
    found = []
    for p in parcels:
        if p.id in skip or p.reserve or not p.is_industrial:
            continue
        hits: list[tuple[str, list[str]]] = []
        for code in method.inefficient.rules:
            if (code in _ON_BUILT) != (p.build_class == "A2"):
                continue
            if code in _ON_HOLDER and (p.id in factories or not p.holder_uscc):
                continue
            if reasons := RULES[code](p, ctx):
                hits.append((code, reasons))
        if hits:
            found.append(
                InefficientCandidate(p.id, tuple(c for c, _ in hits), tuple(r for _, rs in hits for r in rs))
            )
    return tuple(found)
