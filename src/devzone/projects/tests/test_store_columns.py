"""The fast column reader gives the engine the same columns as the record path (records → from_records)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
from tests.personas import World

from devzone.projects.actions import import_projects
from devzone.projects.columns import from_records
from devzone.projects.store import records
from devzone.projects.store_columns import read_columns
from devzone.projects.tests.test_import import GOOD
from devzone.projects.tests.world_db import zone_b_projects


def test_the_columns_read_from_the_database_equal_those_made_from_the_records(world: World) -> None:
    zone_b_projects(world)
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    zones = [world.zone_a, world.zone_b]
    fast = read_columns(zones)
    slow = from_records(*records(zones))
    order_fast, order_slow = np.argsort(fast.code.astype(str)), np.argsort(slow.code.astype(str))
    assert fast.units == slow.units
    m_fast = sorted(zip(fast.code[fast.m_project].tolist(), fast.m_stage.tolist(), fast.m_reached.tolist(),
                        fast.m_counted_from.tolist(), fast.m_evidence.tolist(), fast.m_verifier.tolist(), strict=True))  # fmt: skip
    m_slow = sorted(zip(slow.code[slow.m_project].tolist(), slow.m_stage.tolist(), slow.m_reached.tolist(),
                        slow.m_counted_from.tolist(), slow.m_evidence.tolist(), slow.m_verifier.tolist(), strict=True))  # fmt: skip
    assert m_fast == m_slow and len(m_fast) == 4
    for f in fields(fast):
        a, b = getattr(fast, f.name), getattr(slow, f.name)
        if f.name == "units" or f.name.startswith(("m_", "funds_", "fai_", "plan_")):
            continue
        np.testing.assert_array_equal(a[order_fast], b[order_slow], err_msg=f.name)
    assert fast.funds_wan.tolist() == slow.funds_wan.tolist() == [18_000]
