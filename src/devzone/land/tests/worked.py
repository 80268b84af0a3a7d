"""The land spec's worked example (``fixtures/land_2024.yaml``) as engine records and GK rectangles."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml

from devzone.land.records import Building, Case, FirmYear, Lease, Parcel, Unit

FIXTURE = Path(__file__).parent / "fixtures" / "land_2024.yaml"


@dataclass(frozen=True)
class World:
    raw: dict[str, Any]
    parcels: tuple[Parcel, ...]
    firms: tuple[FirmYear, ...]
    buildings: tuple[Building, ...]
    units: tuple[Unit, ...]
    leases: tuple[Lease, ...]
    cases: tuple[Case, ...]

    def rectangles(self) -> dict[str, shapely.Polygon]:
        """The 宗地 drawn as rectangles in EPSG:4545 (R1 and X1 are not 宗地 and have none)."""
        east, north = self.raw["origin"]
        return {
            p["id"]: shapely.box(east + x, north + y, east + x + w, north + y + h)
            for p in self.raw["parcels"]
            if "rect" in p
            for x, y, w, h in [p["rect"]]
        }


@functools.cache
def world() -> World:
    raw = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    parcels = tuple(Parcel(**{k: v for k, v in p.items() if k != "rect"}) for p in raw["parcels"])
    return World(
        raw,
        parcels,
        tuple(FirmYear(**f) for f in raw["firms"]),
        tuple(Building(**b) for b in raw["buildings"]),
        tuple(Unit(**u) for u in raw["units"]),
        tuple(Lease(**{**x, "units": tuple(x["units"])}) for x in raw["leases"]),
        tuple(Case(**c) for c in raw["cases"]),
    )
