"""Records for the Django-side indicator tests: the catalogue, targets and figures of the personas."""

from __future__ import annotations

from tests.personas import ZONE_B_MARK, World

from devzone.audit.actions import save_audited
from devzone.indicators.actions import sync_catalogue
from devzone.indicators.models import Coverage, Indicator, Observation, Target
from devzone.indicators.periods import parse_period
from devzone.orgs.models import Zone


def catalogue() -> None:
    """The starter catalogue, once per test database."""
    if not Indicator.objects.exists():
        sync_catalogue(actor=None, source="test")


def target(zone: Zone | None, *, code: str = "gdp", city: str = "连云港市", **fields: object) -> Target:
    catalogue()
    values: dict[str, object] = {
        "kind": "level",
        "op": ">=",
        "value": 800.0,
        "unit": "亿元",
        "base_period": "2020",
        "deadline": "2025",
        "text": "市开发区地区生产总值突破800亿元",
    }
    values.update(fields)
    row = Target(
        indicator=Indicator.objects.get(code=code),
        zone=zone,
        city=zone.city if zone is not None else city,
        coverage=Coverage.ZONE if zone is not None else fields.get("coverage", Coverage.ZONES),
        indicator_text=Indicator.objects.get(code=code).name,
        **{k: v for k, v in values.items() if k != "coverage"},
    )
    save_audited(row, actor=None, source="test")
    return row


def figure(
    zone: Zone | None, period: str, value: float, *, code: str = "gdp", source: str = ""
) -> Observation:
    catalogue()
    parsed = parse_period(period)
    row = Observation(
        indicator=Indicator.objects.get(code=code),
        zone=zone,
        city=zone.city if zone is not None else "连云港市",
        period=parsed.label,
        period_end=parsed.end,
        value=value,
        entered_value=value,
        entered_unit=Indicator.objects.get(code=code).unit,
        source=source,
    )
    save_audited(row, actor=None, source="test")
    return row


def zone_b_target(world: World) -> Target:
    """A zone-B target with a figure, every text marked, made once per world (the URL walk)."""
    found = getattr(world, "_indicator_target", None)
    if found is None:
        found = target(world.zone_b, text=f"{ZONE_B_MARK} 地区生产总值突破800亿元", value=800.0)
        figure(world.zone_b, "2020", 400.0, source=f"{ZONE_B_MARK} 统计局")
        figure(world.zone_b, "2022", 560.0, source=f"{ZONE_B_MARK} 统计局")
        world._indicator_target = found  # type: ignore[attr-defined]
    return found
