"""Criteria files: typed, refused by file and key, chosen by application date, sources and 待核实 marks."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from devzone.pools.criteria import CriteriaError
from devzone.pools.sets_load import SETS_DIR, all_shipped, choose, in_force, load_text, shipped

HTE = (SETS_DIR / "hte-2016.yaml").read_text(encoding="utf-8")
INNOV = (SETS_DIR / "innov-2022.yaml").read_text(encoding="utf-8")


def test_every_shipped_set_loads_names_a_source_and_has_one_file_per_kind_and_version() -> None:
    sets = all_shipped()
    assert {s.id for s in sets} == set(shipped()) and len(sets) == 8
    for s in sets:
        assert s.sources and all(c.title or c.number for c in s.sources)
        assert len(s.digest) == 64
    assert len({(s.kind, s.effective.from_) for s in sets}) == len(sets)


def test_the_2026_sets_are_marked_unverified() -> None:
    by_id = {s.id: s for s in all_shipped()}
    for name in ("srdi-2026", "lg-2026"):
        assert by_id[name].unverified
        assert all(c.unverified or c.op == "manual" or c.id.endswith("0") for c in by_id[name].criteria)
    assert not by_id["hte-2016"].unverified


def test_the_set_is_chosen_by_application_date() -> None:
    assert choose("srdi_sme", dt.date(2026, 3, 31)).id == "srdi-2022"
    assert choose("srdi_sme", dt.date(2026, 4, 1)).id == "srdi-2026"
    assert choose("hte", dt.date(2026, 4, 1)).id == "hte-2016"
    assert {s.kind for s in in_force(dt.date(2025, 1, 1))} == {
        "hte", "tsme", "innov_sme", "srdi_sme", "little_giant", "champion"}  # fmt: skip
    with pytest.raises(CriteriaError, match="没有适用的认定条件"):
        choose("srdi_sme", dt.date(2020, 1, 1))


def _edit(text: str, path: list[object], value: object) -> str:
    data = yaml.safe_load(text)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        (_edit(HTE, ["criteria", 4, "threshold", "bands", 1, "le"], 3000), "criteria[4].threshold.bands[1].le", "重叠"),
        (_edit(INNOV, ["score", "blocks", 0, "items", 1, "bands", 1, "ge"], 0.08), "score.blocks[0].items[1].bands[1]", "重叠"),
        (_edit(INNOV, ["score", "blocks", 1, "max"], 15), "score.blocks[1].items[0]", "超过本部分满分"),
        (_edit(HTE, ["criteria", 0, "measure"], "years_registred"), "criteria[0].measure", "years_registred"),
        (_edit(HTE, ["criteria", 0, "threshhold"], 1), "criteria[0].threshhold", "不认识的键"),
        (_edit(HTE, ["criteria", 1, "id"], "H1"), "criteria", "重复"),
        (_edit(INNOV, ["direct", 0, "replaces"], ["I9"]), "direct[0].replaces[0]", "I9"),
        (_edit(HTE, ["criteria", 3, "threshold"], "10%"), "criteria[3].threshold", "数字"),
        (_edit(HTE, ["kind"], "hightech"), "kind", "hightech"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_naming_file_and_key(text: str, key: str, reason: str) -> None:
    with pytest.raises(CriteriaError) as caught:
        load_text(text, file="my-set.yaml")
    message = str(caught.value)
    assert message.startswith(f"my-set.yaml: {key}"), message
    assert reason in message, message
