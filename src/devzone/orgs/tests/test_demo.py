"""The demo province is built from the typed directory, the same way every time."""

from __future__ import annotations

from devzone.orgs.demo import build_directory
from devzone.orgs.directory import expand, load_directory
from devzone.orgs.models import OwnerGroup, Unit, Zone
from devzone.orgs.resolve import Match, resolve_owners


def test_demo_directory_holds_the_seed_zones_and_bureaus(db: None) -> None:
    counts = build_directory()
    assert counts.zones == Zone.objects.count() > 25
    names = set(Zone.objects.values_list("name", flat=True))
    assert {
        "连云港经济技术开发区",
        "徐圩新区",
        "连云港高新技术产业开发区",
        "上合组织（连云港）国际物流园",
        "遵义国家经济技术开发区",
        "道真上玉工业园区",
        "泉州台商投资区",
        "福州高新技术产业开发区",
    } <= names
    assert all(
        len(code) == 6 and code.isdigit() for code in Zone.objects.values_list("region_code", flat=True)
    )
    assert Unit.objects.filter(name="连云港市委编办", short_name="市委编办").exists()


def test_demo_is_deterministic_and_idempotent(db: None) -> None:
    build_directory()
    first = sorted(Unit.objects.values_list("name", "short_name", "kind", "city"))
    again = build_directory()
    assert (again.zones, again.units, again.groups) == (0, 0, 0)
    assert sorted(Unit.objects.values_list("name", "short_name", "kind", "city")) == first


def test_seed_owner_lists_resolve_against_the_demo(db: None) -> None:
    build_directory()
    directory = load_directory()
    lyg = resolve_owners(
        "市商务局、市税务局,连云港海关,各县区、功能板块,各省级开发区", directory, city="连云港市"
    )
    assert lyg.ok, lyg.unresolved
    zunyi = resolve_owners("市自然资源局,各县政府、新蒲新区管委会,各开发区管委会", directory, city="遵义市")
    assert zunyi.ok, zunyi.unresolved
    fujian = resolve_owners(
        "各设区市人民政府、平潭综合实验区管委会,省科技厅、发改委、财政厅", directory, province="福建省"
    )
    assert fujian.ok, fujian.unresolved
    redacted = resolve_owners("市财政局、市_", directory, city="连云港市")
    assert [u.written for u in redacted.unresolved] == ["市_"]


def test_groups_expand_to_their_members(db: None) -> None:
    build_directory()
    outcome = resolve_owners("各县区", load_directory(), city="连云港市").matches[0]
    assert isinstance(outcome, Match)
    members = {u.short_name for u in expand(outcome.entry)}
    assert members == {"连云区", "海州区", "赣榆区", "东海县", "灌云县", "灌南县"}
    provincial = OwnerGroup.objects.get(name="各省级开发区", city="连云港市")
    assert provincial.members.count() == 6
