"""The plain tables the land engines take: parcels, enterprises' yearly figures, buildings, units, leases
and disposal cases. Frozen dataclasses (the Django slice fills them from its models, the tests from the
spec's worked example); areas in m², money in 万元, dates as :class:`datetime.date`. Pure: no Django.

Also the checks that span rows of these tables (a lease overlapping another on the same unit), which
refuse with :class:`LandInputError` naming the place.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

BUILD_CLASSES = (
    "A1",
    "A2",
    "A31",
    "A32",
    "A4",
    "A51",
    "A52",
    "A6",
    "B11",
    "B12",
    "B21",
    "B22",
    "C1",
    "C2",
    "C3",
)
SUPPLY_CLASSES = ("D1", "D21", "D22", "E1", "E21", "E22", "F")
SUPPLIED = ("D1", "D21", "D22")  # 已供应 (TD/T 1029 D)


class LandInputError(ValueError):
    """Rows that cannot be used together; ``issues`` are Chinese reasons each naming the place."""

    def __init__(self, issues: Sequence[str]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(self.issues))


@dataclass(frozen=True, kw_only=True)
class Parcel:
    """A 宗地 (or, for the zone indicators, a 图斑 of land not ready: B22, roads), with its TD/T classes,
    supply terms and build state. ``gov_cause`` is a verified 政府原因 for delay (《闲置土地处置办法》第八条)."""

    id: str
    area_m2: float
    build_class: str
    supply_class: str | None = None
    is_industrial: bool = False
    industry_code: str = ""
    holder_uscc: str = ""
    reserve: bool = False  # 储备地: never idle
    floor_area_m2: float = 0.0
    footprint_m2: float = 0.0
    yard_m2: float = 0.0
    office_land_m2: float = 0.0
    price_wan: float | None = None
    contract_date: date | None = None
    agreed_start: date | None = None
    agreed_finish: date | None = None
    started_on: date | None = None
    stopped_on: date | None = None
    completed_on: date | None = None
    footprint_required_m2: float | None = None
    footprint_built_m2: float | None = None
    invest_total_wan: float | None = None
    invest_done_wan: float | None = None
    gov_cause: str = ""

    def __post_init__(self) -> None:
        if self.build_class not in BUILD_CLASSES:
            raise LandInputError([f"宗地 {self.id}：建设状况分类“{self.build_class}”不是可选值"])
        if self.supply_class is not None and self.supply_class not in SUPPLY_CLASSES:
            raise LandInputError([f"宗地 {self.id}：供应状况分类“{self.supply_class}”不是可选值"])
        if not self.area_m2 > 0:
            raise LandInputError([f"宗地 {self.id}：面积应大于 0 平方米，现为 {self.area_m2:g}"])

    @property
    def supplied(self) -> bool:
        return self.supply_class in SUPPLIED

    @property
    def built(self) -> bool:
        """Built-up land (TD/T 1029 A: A1…A6)."""
        return self.build_class.startswith("A")


@dataclass(frozen=True, kw_only=True)
class FirmYear:
    """An enterprise's figures for one year (from the 亩均 feed): 税收, 工业总产值, 总收入, 累计固定资产投资
    (for a tenant: its equipment), 销售, 用电; ``mu_class`` and ``tax_per_mu`` from its final 亩均 result."""

    uscc: str
    year: int
    tax_wan: float = 0.0
    output_wan: float = 0.0
    revenue_wan: float = 0.0
    fixed_invest_wan: float = 0.0
    sales_wan: float = 0.0
    kwh: float = 0.0
    mu_class: str | None = None
    tax_per_mu: float | None = None

    @property
    def zombie(self) -> bool:
        """No tax, no sales, no power in the year (the ``enterprises`` 僵尸 test)."""
        return self.tax_wan == 0 and self.sales_wan == 0 and self.kwh == 0


@dataclass(frozen=True, kw_only=True)
class Building:
    """A 标准厂房 (or 小微企业园 building) on a parcel."""

    id: str
    parcel_id: str
    floors: int
    floor_area_m2: float
    leasable_m2: float


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A unit of a building; ``vacant_since`` is set while nobody leases it."""

    id: str
    building_id: str
    area_m2: float
    vacant_since: date | None = None


@dataclass(frozen=True, kw_only=True)
class Lease:
    """A lease of units to a tenant; ``producing_since`` when it produces, ``used_m2`` from the latest
    inspection (None: not inspected)."""

    id: str
    building_id: str
    units: tuple[str, ...]
    tenant_uscc: str
    leased_m2: float
    start: date
    ended_on: date | None = None
    producing_since: date | None = None
    used_m2: float | None = None

    def active(self, on: date) -> bool:
        return self.start <= on and (self.ended_on is None or self.ended_on > on)


CASE_KINDS = ("idle", "inefficient", "factory")


@dataclass(frozen=True, kw_only=True)
class Case:
    """A disposal case: 认定 on ``decided_on``, 处置完成 (state 5) on ``closed_on``, 盘活 use verified
    (state 6) on ``used_on``; ``area_m2`` is the parcel's (or, for a factory case, the m² re-let)."""

    id: str
    kind: str
    target: str  # parcel id, or unit / lease id for a factory case
    area_m2: float
    route: str = ""
    decided_on: date | None = None
    closed_on: date | None = None
    used_on: date | None = None


def check_leases(leases: Iterable[Lease]) -> None:
    """Refuse leases that hold the same unit at the same time (each overlap named by unit and leases).

    >>> a = Lease(id="L1", building_id="B1", units=("U1",), tenant_uscc="T1", leased_m2=1, start=date(2024, 1, 1))
    >>> b = Lease(id="L2", building_id="B1", units=("U1",), tenant_uscc="T2", leased_m2=1, start=date(2024, 6, 1))
    >>> check_leases([a, b])
    Traceback (most recent call last):
    ...
    devzone.land.records.LandInputError: 单元 U1：租约 L2（自 2024-06-01 起）与租约 L1（2024-01-01 至今）重叠
    """
    by_unit: dict[tuple[str, str], list[Lease]] = {}
    for lease in leases:
        for unit in lease.units:
            by_unit.setdefault((lease.building_id, unit), []).append(lease)
    issues = []
    for (_, unit), held in sorted(by_unit.items()):
        ordered = sorted(held, key=lambda x: (x.start, x.id))
        for first, second in itertools.combinations(ordered, 2):
            if first.ended_on is None or first.ended_on > second.start:
                until = f"至 {first.ended_on.isoformat()}" if first.ended_on else "至今"
                issues.append(
                    f"单元 {unit}：租约 {second.id}（自 {second.start.isoformat()} 起）与租约 {first.id}"
                    f"（{first.start.isoformat()} {until}）重叠"
                )
    if issues:
        raise LandInputError(issues)


def check_cases(cases: Iterable[Case]) -> None:
    """Refuse cases whose steps are out of order: 认定 ≤ 处置完成 ≤ 盘活, and 盘活 only after 处置完成.

    >>> check_cases([Case(id="C1", kind="idle", target="P3", area_m2=1, decided_on=date(2025, 3, 1),
    ...                   closed_on=date(2025, 2, 1))])
    Traceback (most recent call last):
    ...
    devzone.land.records.LandInputError: 处置案件 C1（P3）：处置完成日期 2025-02-01 早于认定日期 2025-03-01
    """
    issues = []
    for c in cases:
        where = f"处置案件 {c.id}（{c.target}）"
        if c.kind not in CASE_KINDS:
            issues.append(f"{where}：类型“{c.kind}”不是可选值（{'、'.join(CASE_KINDS)}）")
        if c.decided_on and c.closed_on and c.closed_on < c.decided_on:
            issues.append(
                f"{where}：处置完成日期 {c.closed_on.isoformat()} 早于认定日期 {c.decided_on.isoformat()}"
            )
        if c.used_on and c.closed_on is None:
            issues.append(f"{where}：尚未处置完成，不能登记盘活利用（{c.used_on.isoformat()}）")
        elif c.used_on and c.closed_on and c.used_on < c.closed_on:
            issues.append(
                f"{where}：盘活利用日期 {c.used_on.isoformat()} 早于处置完成日期 {c.closed_on.isoformat()}"
            )
        if not c.area_m2 > 0:
            issues.append(f"{where}：面积应大于 0 平方米，现为 {c.area_m2:g}")
    if issues:
        raise LandInputError(issues)
