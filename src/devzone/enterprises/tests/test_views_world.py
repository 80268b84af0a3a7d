"""亩均 data for the page tests and the URL walk: small imports for zone A and zone B, and runs over them.

Zone A gets 20 规上 enterprises (tax rising with the index, so the ranking is known), a 规下 one on
5 亩, a utility (industry 4411, exempt: class T), one with a veto and one zombie with no tax, sales or
power. Zone B gets five enterprises whose names carry the marker ``乙区ZBMARK``. Everything goes
through the real actions (CSV import, evaluation on DuckDB).

:func:`zone_b_records` gives the URL walk one zone-B record per parameter of the 亩均 routes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.actions import (
    Upload,
    file_objection,
    import_year_data,
    publicise,
    run_evaluation,
)
from devzone.enterprises.inputs_schema import NAMES
from devzone.enterprises.models import DataImport, Enterprise, MuResult, MuRun, Objection
from devzone.enterprises.uscc import check_character

YEAR = 2024


def uscc(n: int, *, prefix: str = "91320700") -> str:
    """A valid USCC (GB 32100 check character) numbered ``n``."""
    body = f"{prefix}{n:09d}"[:17]
    return body + check_character(body)


def zone_a_rows(*, year: int = YEAR) -> list[dict[str, Any]]:
    """Zone A: 20 规上 firms (tax 10·i 万元 on 10 亩), a 规下 firm, a utility, a vetoed firm and a zombie."""
    rows = [
        {"uscc": uscc(i), "name": f"甲企业{i:02d}", "industry_code": "3311" if i % 2 else "2611",
         "scale": "above", "land_mu": 10.0, "leased": "false", "tax": 10.0 * i, "sales": 100.0 * i,
         "value_added": 30.0 * i, "energy_tce": 50.0, "emission_equiv": 20.0, "rd_expense": 3.0 * i,
         "employees": 50, "electricity_kwh": 100000.0}
        for i in range(1, 21)
    ]  # fmt: skip
    rows += [
        {"uscc": uscc(101), "name": "甲小微企业", "industry_code": "3311", "scale": "below", "land_mu": 5.0,
         "leased": "false", "tax": 20.0, "sales": 200.0},
        {"uscc": uscc(102), "name": "甲供电公司", "industry_code": "4411", "scale": "above", "land_mu": 30.0,
         "leased": "false", "tax": 500.0, "sales": 9000.0},
        {"uscc": uscc(103), "name": "甲事故企业", "industry_code": "3311", "scale": "above", "land_mu": 10.0,
         "leased": "false", "tax": 400.0, "sales": 4000.0, "value_added": 900.0, "energy_tce": 50.0,
         "emission_equiv": 20.0, "rd_expense": 60.0, "employees": 50, "electricity_kwh": 100000.0,
         "veto": "安全生产事故"},
        {"uscc": uscc(104), "name": "甲僵尸企业", "industry_code": "3311", "scale": "below", "land_mu": 8.0,
         "leased": "false", "tax": 0.0, "sales": 0.0, "electricity_kwh": 0.0},
    ]  # fmt: skip
    return [{"year": year, **r} for r in rows]


def zone_b_rows(*, year: int = YEAR) -> list[dict[str, Any]]:
    """Zone B: five 规上 firms named with the marker."""
    return [
        {"year": year, "uscc": uscc(200 + i), "name": f"{ZONE_B_MARK}企业{i}", "industry_code": "3311",
         "scale": "above", "land_mu": 20.0, "leased": "false", "tax": 100.0 * i, "sales": 1000.0 * i,
         "value_added": 300.0, "energy_tce": 40.0, "emission_equiv": 10.0, "rd_expense": 20.0,
         "employees": 80, "electricity_kwh": 50000.0}
        for i in range(1, 6)
    ]  # fmt: skip


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """Rows as a CSV file in the canonical columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(NAMES))
    writer.writeheader()
    for r in rows:
        writer.writerow({k: r.get(k, "") for k in NAMES})
    return out.getvalue().encode("utf-8")


@dataclass
class MuWorld:
    """Imports of both zones and a city-wide draft run of ``lyg-seed`` over them."""

    import_a: DataImport
    import_b: DataImport
    run: MuRun

    def result(self, name: str) -> MuResult:
        return self.run.results.get(name=name)


def mu_world(world: World) -> MuWorld:
    """Import both zones' data and run ``lyg-seed`` city-wide (once per world)."""
    cached = getattr(world, "_mu_world", None)
    if cached is None:
        import_a = import_year_data(
            zone=world.zone_a, year=YEAR, upload=Upload(name="甲区2024.csv", content=csv_bytes(zone_a_rows())),
            actor=world.staff_a, source="test",
        )  # fmt: skip
        import_b = import_year_data(
            zone=world.zone_b, year=YEAR,
            upload=Upload(name=f"{ZONE_B_MARK}.csv", content=csv_bytes(zone_b_rows())),
            actor=world.staff_b, source="test",
        )  # fmt: skip
        run = run_evaluation(
            zone=None, year=YEAR, method_id_or_yaml="lyg-seed", actor=world.coordinator, source="test"
        )
        cached = MuWorld(import_a=import_a, import_b=import_b, run=run)
        world._mu_world = cached  # type: ignore[attr-defined]
    return cached


@dataclass
class ZoneBRecords:
    """One zone-B record per URL parameter of the 亩均 routes, each carrying the marker."""

    enterprise: Enterprise
    data_import: DataImport
    run: MuRun
    result: MuResult
    objection: Objection


def zone_b_records(world: World) -> ZoneBRecords:
    """Zone B's import, its own run (publicised, with an objection and evidence), created once per world."""
    cached = getattr(world, "_mu_zone_b", None)
    if cached is None:
        batch = import_year_data(
            zone=world.zone_b, year=YEAR,
            upload=Upload(name=f"{ZONE_B_MARK}.csv", content=csv_bytes(zone_b_rows())),
            actor=world.staff_b, source="test",
        )  # fmt: skip
        run = run_evaluation(
            zone=world.zone_b, year=YEAR, method_id_or_yaml="lyg-seed", actor=world.staff_b, source="test",
            title=f"{ZONE_B_MARK} 亩均评价",
        )  # fmt: skip
        publicise(run, days=7, actor=world.staff_b, source="test")
        result = run.results.order_by("pk").first()
        assert result is not None
        objection = file_objection(
            result, reason=f"{ZONE_B_MARK} 异议", evidence=Upload(name="证明.txt", content=ZONE_B_MARK.encode()),
            actor=world.staff_b, source="test",
        )  # fmt: skip
        cached = ZoneBRecords(
            enterprise=Enterprise.objects.get(zone=world.zone_b, uscc=result.uscc),
            data_import=batch,
            run=MuRun.objects.get(pk=run.pk),
            result=result,
            objection=objection,
        )
        world._mu_zone_b = cached  # type: ignore[attr-defined]
    return cached


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_zone_b_records_carry_the_marker(world: World) -> None:
    records = zone_b_records(world)
    assert records.run.zone_id == world.zone_b.pk
    assert ZONE_B_MARK in records.run.title
    assert ZONE_B_MARK in records.result.name
    assert ZONE_B_MARK in records.enterprise.name
    assert ZONE_B_MARK in records.data_import.original_name
    assert ZONE_B_MARK in records.objection.reason
    assert records.run.results.count() == 5
    assert zone_b_records(world) is records


def test_mu_world_runs_both_zones_city_wide(world: World) -> None:
    data = mu_world(world)
    assert data.run.zone_id is None
    assert data.run.results.filter(zone=world.zone_a).count() == 24
    assert data.run.results.filter(zone=world.zone_b).count() == 5
    assert data.result("甲供电公司").klass == "T"
