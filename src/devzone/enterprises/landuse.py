"""Inefficient-land (低效用地) candidates from enterprise-year data, as an Ibis table.

Rules (a registry, each a condition on one enterprise-year with its earlier years):

* ``low_tax`` — 亩均税收 = tax / land_mu below the method's floor (e.g. Wenzhou 1 万元/亩) in
  ``consecutive_evaluations`` consecutive evaluations (the seed's "两年一评价");
* ``no_tax`` — producing (sales > 0) but paying no tax for ``no_tax_years`` consecutive years (闽侯 2018);
* ``not_producing`` — holds land, no sales in the year, but draws power or pays tax (建成未投产/停产);
* ``zombie`` — no tax, no sales and no power in the year (僵尸企业, 篇三/篇四);
* ``idle_space`` — when the table has ``floor_area_m2`` and ``used_area_m2``: used share of standard
  factory space below ``idle_space_share`` (闲置标准厂房, "租大用小", 篇四).

References
----------
温州 2018 (亩均税收 < 1 万元); 闽侯县 2018 低效用地认定; seed 篇三/篇四 — spec §3, §6.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from devzone.enterprises.inputs_schema import conform
from devzone.enterprises.method import LandRules

Expr = Any


@dataclass(frozen=True, kw_only=True)
class LandRule:
    """A candidate rule: ``label`` for people, ``applies`` builds the condition."""

    label: str
    applies: Callable[[ir.Table, LandRules], Expr]


def _nothing(x: Expr) -> Expr:
    return x.isnull() | (x <= 0)


def _for_years(t: ir.Table, condition: Expr, years: int) -> Expr:
    """``condition`` held this year and in each of the ``years - 1`` years before (no gaps)."""
    window = ibis.window(group_by=t.uscc, order_by=t.year)
    held = condition.fill_null(False)
    for j in range(1, years):
        held = (
            held
            & (condition.lag(j).over(window).fill_null(False))
            & (t.year.lag(j).over(window) == t.year - j)
        )
    return held.fill_null(False)


def _low_tax(t: ir.Table, r: LandRules) -> Expr:
    return _for_years(t, (t.tax / t.land_mu.nullif(0)) < r.tax_per_mu_floor, r.consecutive_evaluations)


def _no_tax(t: ir.Table, r: LandRules) -> Expr:
    return _for_years(t, (t.sales > 0) & _nothing(t.tax), r.no_tax_years)


def _not_producing(t: ir.Table, r: LandRules) -> Expr:
    return _nothing(t.sales) & ~(_nothing(t.tax) & _nothing(t.electricity_kwh))


def _zombie(t: ir.Table, r: LandRules) -> Expr:
    return _nothing(t.tax) & _nothing(t.sales) & _nothing(t.electricity_kwh)


def _idle_space(t: ir.Table, r: LandRules) -> Expr:
    if "floor_area_m2" not in t.columns or "used_area_m2" not in t.columns:
        return ibis.literal(False)
    return (
        t.used_area_m2.cast("float64") / t.floor_area_m2.cast("float64").nullif(0) < r.idle_space_share
    ).fill_null(False)


RULES: dict[str, LandRule] = {
    "low_tax": LandRule(label="亩均税收连续低于标准", applies=_low_tax),
    "no_tax": LandRule(label="投产未纳税", applies=_no_tax),
    "not_producing": LandRule(label="建成未投产或停产", applies=_not_producing),
    "zombie": LandRule(label="僵尸企业(无税收、无销售、无用电)", applies=_zombie),
    "idle_space": LandRule(label="标准厂房闲置或租大用小", applies=_idle_space),
}


def candidates(table: ir.Table, rules: LandRules, *, year: int | None = None) -> ir.Table:
    """One row per (enterprise-year, rule) that flags it: year, uscc, name, zone, land_mu, rule, label.

    >>> rows = {"year": [2021, 2022, 2022], "uscc": ["a", "a", "b"], "name": ["甲", "甲", "乙"],
    ...         "zone": ["Z"] * 3, "industry_code": ["3311"] * 3, "scale": ["below"] * 3,
    ...         "land_mu": [10.0, 10.0, 5.0], "leased": [False] * 3, "tax": [5.0, 8.0, 0.0],
    ...         "sales": [100.0, 90.0, 0.0], "electricity_kwh": [1e5, 1e5, 0.0]}
    >>> r = LandRules(tax_per_mu_floor=1.0, consecutive_evaluations=2, no_tax_years=2, idle_space_share=0.5)
    >>> candidates(ibis.memtable(rows), r, year=2022).select("uscc", "rule").to_pyarrow().to_pylist()
    [{'uscc': 'a', 'rule': 'low_tax'}, {'uscc': 'b', 'rule': 'zombie'}]
    """
    t = conform(table)
    flagged = t.mutate(**{f"_flag_{code}": rule.applies(t, rules) for code, rule in RULES.items()})
    if year is not None:
        flagged = flagged.filter(flagged.year == year)
    parts = [
        flagged.filter(flagged[f"_flag_{code}"]).select(
            "year", "uscc", "name", "zone", "land_mu", rule=ibis.literal(code), label=ibis.literal(rule.label)
        )
        for code, rule in RULES.items()
    ]
    return ibis.union(*parts).order_by(["year", "zone", "uscc", "rule"])
