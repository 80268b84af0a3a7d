"""Demo land for the demo city's zones: parcels on a grid of roads, two 标准厂房 with leases, and disposal
cases in every state — deterministic from the seed, idempotent, everything through the audited actions.

Each zone gets a boundary and blocks of 360 × 260 m between 40 m roads (a typical 开发区 road grid);
a block is one parcel or is cut into two to four by slightly slanted lines, so parcels are the
quadrilaterals a cadastre holds, sharing their edges. Holders are the zone's demo enterprises (by USCC).
About one parcel in ten is idle (supplied and not started a year after the agreed date, or started and
stopped), about one in twelve is inefficient (容积率 and 建筑系数 well under the control minimum), a few
are 储备地. The file goes in as a GeoJSON in the zone's 3° Gauss-Krüger CRS through the parcel import,
like a file a 自然资源 bureau sends.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from devzone.accounts.models import User
from devzone.enterprises.demo import demo_zones
from devzone.enterprises.models import Enterprise
from devzone.land.actions import (
    Step,
    add_building,
    add_lease,
    add_unit,
    advance_case,
    import_boundary,
    import_parcels,
    open_case,
)
from devzone.land.crs import GEOGRAPHIC, gk3_epsg, transformer
from devzone.land.labels import rule_labels
from devzone.land.models import CaseState, DisposalCase, Parcel
from devzone.orgs.models import Zone

SOURCE = "demo"
COORDINATOR = "lyg_coord"
BLOCK_W, BLOCK_H, ROAD = 360.0, 260.0, 40.0
GRIDS = {"national": (6, 4), "provincial": (5, 3), "other": (4, 3)}  # blocks across, down
# 连云港's zones lie near 119.2°E, 34.6°N; each demo zone is placed a little east of the previous.
ORIGIN_LON, ORIGIN_LAT, STEP_LON = 119.12, 34.58, 0.035
# the steps each demo case has reached (one case per state of the workflow, 候选 to 复核)
STATES = tuple(CaseState)


@dataclass
class LandDemoCounts:
    zones: int = 0
    parcels: int = 0
    buildings: int = 0
    leases: int = 0
    cases: int = 0


def _blocks(rng: np.random.Generator, across: int, down: int) -> list[shapely.Polygon]:
    """Parcels of a grid of blocks (local metres from the zone's south-west corner)."""
    out: list[shapely.Polygon] = []
    for i in range(across):
        for j in range(down):
            x0, y0 = i * (BLOCK_W + ROAD), j * (BLOCK_H + ROAD)
            cuts = int(rng.choice([1, 2, 2, 3, 3, 4]))
            # cut lines run north-south, a little slanted: x at the south and at the north edge
            # (even shares moved by at most 0.1 of the block: the cuts never cross, parcels never overlap)
            base = np.arange(1, cuts) / cuts
            xs = base + rng.uniform(-0.06, 0.06, base.size)
            south = [0.0, *(xs * BLOCK_W).tolist(), BLOCK_W]
            north = [0.0, *((xs + rng.uniform(-0.04, 0.04, xs.size)) * BLOCK_W).tolist(), BLOCK_W]
            for k in range(cuts):
                ring = [(x0 + south[k], y0), (x0 + south[k + 1], y0), (x0 + north[k + 1], y0 + BLOCK_H),
                        (x0 + north[k], y0 + BLOCK_H)]  # fmt: skip
                out.append(shapely.Polygon(ring))
    return out


def _kinds(rng: np.random.Generator, n: int) -> list[str]:
    """What each parcel is: ``idle``, ``stalled``, ``inefficient``, ``reserve`` or ``working``."""
    idle, stalled, poor, reserve = max(3, n // 14), max(2, n // 25), max(4, n // 12), max(2, n // 20)
    kinds = ["idle"] * idle + ["stalled"] * stalled + ["inefficient"] * poor + ["reserve"] * reserve
    kinds += ["working"] * (n - len(kinds))
    return [kinds[int(i)] for i in rng.permutation(n)]


def _attributes(rng: np.random.Generator, kind: str, area: float, firm: Enterprise | None) -> dict[str, Any]:
    if kind == "reserve":
        return {"JSZK": "B21", "CBD": "是", "MC": "储备地"}
    price = round(area * 0.0015 * float(rng.uniform(18, 30)), 1)  # 万元: about 18–30 万元/亩 for industry
    common: dict[str, Any] = {"GYZK": "D21", "GYYD": "是", "JK": price, "HTRQ": "2020-06-30"}
    if firm is not None:
        common |= {"QLRDM": firm.uscc, "QLR": firm.name, "HYDM": firm.industry_code, "MC": firm.name}
    if kind == "idle":  # supplied, never started: 满1年 long ago
        year = int(rng.choice([2021, 2022, 2023]))
        return common | {"JSZK": "B21", "HTRQ": f"{year - 1}-09-30", "YDDGRQ": f"{year}-03-31"}
    if kind == "stalled":  # started, under a third built and a quarter invested, stopped
        required = round(area * 0.5)
        return common | {"JSZK": "B21", "YDDGRQ": "2021-03-31", "DGRQ": "2021-06-15", "ZZRQ": "2023-04-01",
                         "YKFJD": required, "YKFJDMJ": round(required * 0.2), "ZTZ": 9000, "YTZ": 1500}  # fmt: skip
    far, cover = (
        (float(rng.uniform(0.25, 0.45)), float(rng.uniform(0.15, 0.25)))
        if kind == "inefficient"
        else (float(np.clip(rng.normal(1.15, 0.25), 0.9, 2.2)), float(rng.uniform(0.4, 0.6)))
    )
    return common | {"JSZK": "A2", "DGRQ": "2020-10-01", "JGRQ": "2022-06-30", "JZMJ": round(area * far),
                     "JDMJ": round(area * cover), "DCMJ": round(area * 0.05)}  # fmt: skip


def _files(zone: Zone, index: int, seed: int) -> tuple[bytes, bytes, int]:
    """The zone's parcel file and boundary file (GeoJSON in its GK CRS) and that CRS."""
    rng = np.random.default_rng([seed, zone.pk])
    lon = ORIGIN_LON + STEP_LON * index
    epsg = gk3_epsg(lon)
    east, north = transformer(GEOGRAPHIC, epsg)(shapely.Point(lon, ORIGIN_LAT)).coords[0]
    across, down = GRIDS.get(zone.level, GRIDS["other"])
    shapes = [shapely.affinity.translate(p, east, north) for p in _blocks(rng, across, down)]
    firms = list(Enterprise.objects.filter(zone=zone).order_by("uscc"))
    picked = [firms[int(i)] for i in rng.permutation(len(firms))] if firms else []
    features = []
    for n, (shape, kind) in enumerate(zip(shapes, _kinds(rng, len(shapes)), strict=True), start=1):
        firm = picked[n % len(picked)] if picked and kind != "reserve" else None
        code = f"{zone.region_code}{index + 1:03d}001GB{n:05d}"
        props = {"ZDDM": code, **_attributes(rng, kind, shape.area, firm)}
        features.append({"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(shape)})
    crs = {"type": "name", "properties": {"name": f"EPSG:{epsg}"}}
    parcels = json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}, ensure_ascii=False)
    edge = shapely.box(
        east - 60, north - 60, east + across * (BLOCK_W + ROAD) + 20, north + down * (BLOCK_H + ROAD) + 20
    )
    boundary = {"type": "FeatureCollection", "crs": crs,
                "features": [{"type": "Feature", "properties": {"MC": zone.name}, "geometry": shapely.geometry.mapping(edge)}]}  # fmt: skip
    return parcels.encode("utf-8"), json.dumps(boundary, ensure_ascii=False).encode("utf-8"), epsg


def _factories(zone: Zone, rng: np.random.Generator, actor: User | None, counts: LandDemoCounts) -> None:
    """Two 标准厂房 on the zone's first two working parcels, with leases to its enterprises: producing
    tenants, one fitting out, one 租大用小 (inspected at a quarter of its area), and vacant units."""
    hosts = list(Parcel.objects.filter(zone=zone, build_class="A2").order_by("ref")[:2])
    tenants = list(Enterprise.objects.filter(zone=zone).order_by("-uscc")[:8])
    if len(hosts) < 2 or len(tenants) < 5:
        return
    plans = [("1号标准厂房", 4, 2, 3000.0), ("2号标准厂房", 3, 3, 2000.0)]
    used = 0
    for host, (number, floors, per_floor, size) in zip(hosts, plans, strict=True):
        building = add_building(host, number=number, floors=floors, floor_area_m2=floors * per_floor * size,
                                leasable_m2=floors * per_floor * size, operator="连云港开发区建设投资平台公司",
                                actor=actor, source=SOURCE)  # fmt: skip
        counts.buildings += 1
        slots = [(f, u) for f in range(1, floors + 1) for u in range(per_floor)]
        units = []
        for at, (f, u) in enumerate(slots):
            vacant = dt.date(2024, 6, 1) if at >= len(slots) - 2 else None
            units.append(add_unit(building, floor=f, number=f"{f}-{u + 1:02d}", area_m2=size, vacant_since=vacant,
                                  actor=actor, source=SOURCE))  # fmt: skip
        leased = units[: len(units) - 2]  # the top floor's last two units stay vacant
        for k, unit in enumerate(leased):
            if used >= len(tenants):
                break
            firm = tenants[used]
            used += 1
            start = dt.date(2022 + k % 3, 1 + (k * 5) % 12, 1)
            fitting = k == len(leased) - 1
            add_lease(building, units=[unit], tenant_uscc=firm.uscc, tenant_name=firm.name, leased_m2=size,
                      start=start, producing_since=None if fitting else start + dt.timedelta(days=90),
                      used_m2=size * 0.25 if k == 1 else None, actor=actor, source=SOURCE)  # fmt: skip
            counts.leases += 1


def _steps(case: DisposalCase, upto: int, route: str, actor: User | None) -> None:
    on = dt.date(2025, 2, 10)
    documents = {1: "闲置土地调查通知书", 2: "认定书（连自然资〔2025〕号）", 3: "处置方案（领导小组批复）",
                 4: "处置通知书", 5: "处置完成文件", 6: "开工核实记录", 7: "亩均复核意见"}  # fmt: skip
    for state in range(1, upto + 1):
        step = Step(state=state, on=on, document=documents[state], route=route if state == 3 else "",
                    owner="市自然资源和规划局" if state <= 3 else "开发区管委会",
                    deadline=on + dt.timedelta(days=180) if state == 3 else None)  # fmt: skip
        advance_case(case, step, actor=actor, source=SOURCE)
        on += dt.timedelta(days=21)


def _cases(zone: Zone, actor: User | None, counts: LandDemoCounts) -> None:
    """One case in each state, on the zone's idle and inefficient parcels (and a 腾退 of the 租大用小 lease)."""
    idle = list(Parcel.objects.filter(zone=zone, build_class="B21", reserve=False).order_by("ref"))
    poor = [p for p in Parcel.objects.filter(zone=zone, build_class="A2").order_by("ref")
            if p.area_m2 and p.floor_area_m2 / p.area_m2 < 0.5]  # fmt: skip
    targets = [("idle", p, "R2" if n % 2 else "R7") for n, p in enumerate(idle)]
    targets += [("inefficient", p, "R11") for p in poor]
    for state, (kind, parcel, route) in zip(STATES, targets, strict=False):
        rule = "idle_not_started" if parcel.started_on is None else "idle_stalled"
        rules = rule_labels([rule if kind == "idle" else "far_below"])
        reason = "约定动工日期满一年未动工" if kind == "idle" else "容积率、建筑系数低于控制指标"
        case = open_case(kind=kind, parcel=parcel, rules=rules, reasons=[reason], actor=actor, source=SOURCE)
        _steps(case, int(state), route, actor)
        counts.cases += 1


def build_land_demo(*, seed: int, zones: list[Zone] | None = None) -> LandDemoCounts:
    """Parcels, boundaries, 标准厂房 and cases for the demo city's zones (a zone with parcels is left alone)."""
    counts = LandDemoCounts()
    actor = User.objects.filter(username=COORDINATOR).first()
    chosen = zones if zones is not None else demo_zones()
    showcase = next((z for z in chosen if z.level == "national"), chosen[0] if chosen else None)
    for index, zone in enumerate(chosen):
        if Parcel.objects.filter(zone=zone).exists():
            continue
        parcels, boundary, epsg = _files(zone, index, seed)
        import_boundary(
            zone=zone, name=f"{zone.name}边界.geojson", content=boundary, actor=actor, source=SOURCE
        )
        batch = import_parcels(zone=zone, name=f"{zone.name}宗地.geojson", content=parcels, actor=actor,
                               source=SOURCE, crs=epsg)  # fmt: skip
        counts.zones += 1
        counts.parcels += batch.parcels
        if zone == showcase:  # a national zone shows the factories and the whole workflow
            _factories(zone, np.random.default_rng([seed, zone.pk, 1]), actor, counts)
            _cases(zone, actor, counts)
    return counts
