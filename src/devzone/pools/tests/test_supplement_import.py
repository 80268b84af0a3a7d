"""The supplement import writes a zone's rows only when the whole file is good, and audits once."""

from __future__ import annotations

import pytest
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.core.files import FileRefused
from devzone.enterprises.models import Enterprise
from devzone.enterprises.uscc import check_character
from devzone.pools.actions.supplement import import_supplement
from devzone.pools.models import SupplementYear

GOOD = "91350100M000100Y43"


def test_import_then_revise(world: World) -> None:
    Enterprise.objects.create(zone=world.zone_a, uscc=GOOD, name="甲", industry_code="3311")
    content = f"uscc,year,revenue,ip_i\n{GOOD},2024,1200,3\n".encode()
    assert import_supplement(zone=world.zone_a, name="补充.csv", content=content, actor=None, source="test") == {
        "created": 1, "revised": 0}  # fmt: skip
    again = f"uscc,year,st_staff\n{GOOD},2024,27\n".encode()
    assert (
        import_supplement(zone=world.zone_a, name="补充.csv", content=again, actor=None, source="test")[
            "revised"
        ]
        == 1
    )
    assert SupplementYear.objects.get().values == {"revenue": 1200.0, "ip_i": 3, "st_staff": 27}
    assert AuditEntry.objects.filter(model="pools.SupplementYear").count() == 2


def test_nothing_is_written_when_a_row_is_bad(world: World) -> None:
    Enterprise.objects.create(zone=world.zone_a, uscc=GOOD, name="甲", industry_code="3311")
    other = "91350100M000101Y4" + check_character("91350100M000101Y4")  # valid, but not the zone's
    bad = f"uscc,year,revenue\n{GOOD},2024,1200\n{GOOD},2023,一千二\n".encode()
    with pytest.raises(FileRefused):
        import_supplement(zone=world.zone_a, name="补充.csv", content=bad, actor=None, source="test")
    stranger = f"uscc,year,revenue\n{GOOD},2024,1200\n{other},2024,5\n".encode()
    with pytest.raises(FileRefused, match=r"不是.*的企业"):
        import_supplement(zone=world.zone_a, name="补充.csv", content=stranger, actor=None, source="test")
    assert not SupplementYear.objects.exists()
