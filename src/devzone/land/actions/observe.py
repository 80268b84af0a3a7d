"""The zone's land figures of a year written as indicator observations, so a plan's targets track them:
工业用地产出强度, 标准厂房使用率 and 盘活存量土地面积 (处置口径), through the indicators slice's one
collection path (:func:`devzone.indicators.collect.observe_year_figures`: one zone-year has one value
everywhere; a figure typed elsewhere with another value is refused, this slice's own earlier figure is
revised)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devzone.enterprises.models import EnterpriseYear
from devzone.indicators.actions import ImportResult
from devzone.indicators.collect import YearFigure, observe_year_figures
from devzone.indicators.models import Observation
from devzone.land.method import LandMethod
from devzone.land.store import zone_year
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    import datetime as dt

    from devzone.accounts.models import User

SOURCE = "土地与厂房：宗地与处置台账"
# land indicator code → the catalogue's code
CODES = {
    "output_intensity": "industrial_land_output_intensity",
    "factory_use_rate": "standard_factory_utilisation",
}
REVITALISED = "revitalised_land_area"


def land_figures(zone: Zone, *, year: int, on: dt.date, method: LandMethod) -> list[YearFigure]:
    """The zone's figures of ``year`` in the catalogue's codes and units (a figure with no value: none)."""
    computed = zone_year(zone, year=year, on=on, method=method)
    # Without the year's 亩均 data the output is unknown, not zero: no 产出强度 then.
    has_firms = EnterpriseYear.objects.filter(zone=zone, year=year).exists()
    figures = [
        YearFigure(
            zone=zone, code=catalogue, year=year, value=computed.land.figures[code].value, source=SOURCE
        )
        for code, catalogue in CODES.items()
        if code in computed.land.figures and (has_firms or code != "output_intensity")
    ]
    figures.append(
        YearFigure(zone=zone, code=REVITALISED, year=year, value=computed.revitalised_mu, source=SOURCE)
    )
    return [f for f in figures if f.value is not None]


def observe_land_year(
    zone: Zone, *, year: int, on: dt.date, method: LandMethod, actor: User | None, source: str
) -> ImportResult:
    """Write the zone's land figures of ``year`` (raises ``FigureConflict`` naming each clash)."""
    figures = land_figures(zone, year=year, on=on, method=method)
    own = Observation.objects.filter(
        zone=zone,
        indicator__code__in=[f.code for f in figures],
        period=str(year),
        is_current=True,
        source=SOURCE,
    ).values_list("indicator__code", "value")
    previous: dict[tuple[int, str, int], float | None] = {(zone.pk, code, year): value for code, value in own}
    return observe_year_figures(figures, previous=previous, actor=actor, source=source)
