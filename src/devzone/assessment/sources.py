"""The data a run reads from the database: the 考评数据 table, filled in from the indicators slice.

One function, :func:`build_snapshot`, serves the web "new run", the API and ``devzone assess run``
without ``--data``. It merges two sources into the engine's plain long table:

1. ``assessment``: the values typed or uploaded on the 考评数据 page (``AssessmentValue``). They win.
2. ``indicators``: the indicators slice's annual figure of the same code (the framework leaf's data
   code, its denominator or the tier metric, matched against the catalogue code ``Indicator.code``)
   for the same zone and year. It fills a cell only where the 考评数据 table has none or has it empty
   (reported missing), and only when the units agree: when the framework declares a unit for the code
   and it differs from the catalogue unit (after folding trivial spelling: full-width forms, spaces,
   case and the unit table's aliases, 吨标准煤 = tce), the code is not filled and the run carries a
   warning naming the indicator and both units. Figures are never converted between units.

The annual figure is the indicators slice's own rule (``indicators/annual.py``), the one its target
board reads: the current observation of period ``2024``, else ``2024Q4``, else ``2024-12``.

Scope: only the run's zones are read (``zone_ids``, or without it the zones that have 考评数据), and
only the years the run reads: the assessed year and the earlier years that have 考评数据 for these
zones. A year with no 考评数据 at all is not made into a ranking year from a few monitored figures,
so last year's rank stays the rank of last year's assessment.

Each snapshot row is ``[zone id, data code, year, value, source, ref]`` with ``source`` ``assessment``
(``ref`` null) or ``indicators`` (``ref`` = ``{"id": observation id, "period": "2024Q4"}``); the data
hash covers source and ref (``results.snapshot_sha256``). Old snapshots have 4-column rows, read as
``assessment``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from devzone.assessment.attributes import attribute_table, zone_attributes
from devzone.assessment.models import AssessmentValue
from devzone.assessment.results import SOURCE_ASSESSMENT, SOURCE_INDICATORS
from devzone.assessment.spec import Framework as EngineFramework
from devzone.indicators.annual import annual_figures as indicator_annual_figures
from devzone.indicators.models import Indicator, Observation
from devzone.indicators.units import UnitError, parse_unit
from devzone.orgs.models import Zone


def needed_indicators(fw: EngineFramework) -> set[str]:
    """Data codes the framework reads: indicators, denominators and the tier metric."""
    codes = {str(n.indicator) for n in fw.leaves} | {n.denominator for n in fw.leaves if n.denominator}
    if fw.tiers is not None:
        codes.add(fw.tiers.metric)
    return codes


def declared_units(fw: EngineFramework) -> dict[str, set[str]]:
    """Data code → the units the framework declares for it (leaf ``unit``, ``tiers.unit``)."""
    units: dict[str, set[str]] = {}
    for leaf in fw.leaves:
        if leaf.unit:
            units.setdefault(str(leaf.indicator), set()).add(leaf.unit)
    if fw.tiers is not None and fw.tiers.unit:
        units.setdefault(fw.tiers.metric, set()).add(fw.tiers.unit)
    return units


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    return "".join(ch.lower() if ch.isascii() else ch for ch in folded)


def same_unit(first: str, second: str) -> bool:
    """Whether two unit texts name the same unit (spelling folded; aliases of the unit table equal).

    >>> same_unit("亿元", " 亿元"), same_unit("吨标准煤/万元", "tce/万元"), same_unit("亿元", "万元")
    (True, True, False)
    """
    if _fold(first) == _fold(second):
        return True
    try:
        a, b = parse_unit(first), parse_unit(second)
    except UnitError:
        return False
    return (a.symbol, a.dimension, a.size) == (b.symbol, b.dimension, b.size)


def annual_figures(
    codes: Iterable[str], *, years: Iterable[int], zone_ids: Iterable[int]
) -> dict[tuple[int, str, int], tuple[float, int, str]]:
    """(zone id, code, year) → (value, observation id, period) of the indicators slice's annual figures."""
    observations = Observation.objects.filter(
        zone_id__in=list(zone_ids),
        indicator__code__in=list(codes),
        period_end__in=[float(y) for y in sorted(set(years))],
    )
    return {
        (int(f.zone_id), f.code, f.year): (f.value, f.observation_id, f.period)
        for f in indicator_annual_figures(observations)
        if f.zone_id is not None
    }


def _unit_skips(fw: EngineFramework, codes: set[str]) -> dict[str, tuple[str, str]]:
    """Codes whose framework unit differs from the catalogue unit → (framework unit, catalogue unit)."""
    declared = declared_units(fw)
    skips: dict[str, tuple[str, str]] = {}
    for code, unit in Indicator.objects.filter(code__in=codes).values_list("code", "unit"):
        for mine in sorted(declared.get(code, ())):
            if unit and not same_unit(mine, unit):
                skips[code] = (mine, unit)
                break
    return skips


def _names(fw: EngineFramework) -> dict[str, str]:
    names = {str(n.indicator): n.name for n in fw.leaves}
    if fw.tiers is not None:
        names.setdefault(fw.tiers.metric, fw.tiers.metric)
    return names


def build_snapshot(fw: EngineFramework, *, year: int, zone_ids: set[int] | None = None) -> dict[str, Any]:
    """The long table the framework reads (years ≤ ``year``), zones keyed by id, merged as described above.

    Returns ``{"rows": [...], "attributes": {...}, "warnings": [...]}``.
    """
    codes = needed_indicators(fw)
    values = AssessmentValue.objects.filter(indicator__in=codes, year__lte=year)
    if zone_ids is not None:
        values = values.filter(zone_id__in=zone_ids)
    typed = {
        (int(z), str(i), int(y)): v
        for z, i, y, v in values.values_list("zone_id", "indicator", "year", "value")
    }
    zones = set(zone_ids) if zone_ids is not None else {z for z, _i, _y in typed}
    years = {y for _z, _i, y in typed} | {year}
    skips = _unit_skips(fw, codes)
    found = annual_figures(codes, years=years, zone_ids=zones) if zones else {}
    cells: dict[tuple[int, str, int], list[Any]] = {
        k: [str(k[0]), k[1], k[2], v, SOURCE_ASSESSMENT, None] for k, v in typed.items()
    }
    skipped: dict[str, int] = {}
    for key, (value, pk, period) in found.items():
        if typed.get(key) is not None:
            continue
        if key[1] in skips:
            skipped[key[1]] = skipped.get(key[1], 0) + 1
            continue
        cells[key] = [str(key[0]), key[1], key[2], value, SOURCE_INDICATORS, {"id": pk, "period": period}]
    rows = sorted(cells.values(), key=lambda r: (r[0], r[1], r[2]))
    names = _names(fw)
    warnings = [
        f"指标“{names.get(code, code)}”（{code}）：考核框架单位“{skips[code][0]}”与指标监测单位“{skips[code][1]}”"
        f"不一致，未采用指标监测数据（{n} 个值）"
        for code, n in sorted(skipped.items())
    ]
    keys = {int(r[0]) for r in rows}
    attrs = {
        str(z.pk): zone_attributes(province=z.province, city=z.city, level=z.level, kind=z.kind)
        for z in Zone.objects.filter(pk__in=keys)
    }
    return {"rows": rows, "attributes": attribute_table(attrs), "warnings": warnings}
