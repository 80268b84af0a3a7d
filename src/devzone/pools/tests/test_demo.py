"""The 梯度培育 demo: five years of titles with every flow, pools in every state, the counts as figures."""

from __future__ import annotations

import time

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.enterprises.demo import build_enterprises_demo
from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import catalogue
from devzone.pools.actions.observations import SOURCE
from devzone.pools.demo import build_pools_demo
from devzone.pools.models import PoolMember, PoolState, Qualification, SupplementYear
from devzone.pools.store import year_counts


def _titles() -> list[tuple[str, str, str, str]]:
    return sorted(
        (u, k, str(d), n) for u, k, d, n in
        Qualification.objects.values_list("enterprise__uscc", "kind", "issued_on", "certificate_no")
    )  # fmt: skip


def test_the_demo_has_every_flow_every_state_and_counted_figures(world: World) -> None:
    catalogue()
    zones = [world.zone_a, world.zone_b]
    build_enterprises_demo(seed=7, scale=0.3, zones=zones)
    started = time.perf_counter()
    built = build_pools_demo(seed=7, zones=zones)
    assert time.perf_counter() - started < 10
    assert built.qualifications == Qualification.objects.count() > 50
    assert set(PoolMember.objects.values_list("state", flat=True)) == set(PoolState.values)
    assert all(PoolMember.objects.values_list("reason", flat=True))
    counts = year_counts(range(2020, 2026)).counts.to_pylist()
    hte = [c for c in counts if c["kind"] == "hte"]
    assert {c["year"] for c in hte} == {2020, 2021, 2022, 2023, 2024, 2025}
    for flow in ("first", "renewed", "lapsed", "re_entry", "moved_in", "moved_out", "revoked"):
        assert sum(c[flow] for c in hte) > 0, flow
    assert {"srdi_sme", "little_giant"} <= {c["kind"] for c in counts}
    assert SupplementYear.objects.exists()
    figures = Observation.objects.filter(indicator__code="high_tech_enterprises", is_current=True)
    assert {o.source for o in figures} == {SOURCE}
    stock = {(str(c["zone"]), c["year"]): c["stock"] for c in hte}
    assert all(o.value == stock.get((str(o.zone_id), int(o.period)), 0) for o in figures)
    assert AuditEntry.objects.filter(source="demo", model="pools.Qualification").count() == 2
    first = _titles()
    again = build_pools_demo(seed=7, zones=zones)
    assert (again.qualifications, again.members) == (0, 0)  # idempotent
    assert _titles() == first
