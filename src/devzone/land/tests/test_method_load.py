"""Land method files load into typed objects, or fail naming the file and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from devzone.core.citations import official_host
from devzone.land.inefficient import RULES
from devzone.land.method import INEFFICIENT_RULES, LandMethodError
from devzone.land.method_load import METHODS_DIR, load_text, resolve, shipped_methods

SEED = (METHODS_DIR / "zunyi-seed.yaml").read_text(encoding="utf-8")


def edited(**changes: object) -> str:
    """The seed method with dotted keys replaced (``idle.fee.share``)."""
    data = yaml.safe_load(SEED)
    for path, value in changes.items():
        node = data
        *parents, last = path.split("__")
        for key in parents:
            node = node[key]
        node[last] = value
    return yaml.safe_dump(data, allow_unicode=True)


def test_the_shipped_method_cites_documents_and_marks_its_assumptions() -> None:
    method = resolve("zunyi-seed")
    assert shipped_methods() == ("zunyi-seed",)
    numbers = {s.number for s in method.sources}
    assert {"国土资源部令第53号", "国土资发〔2016〕147号", "国发〔2008〕3号", "TD/T 1029"} <= numbers
    assert all(s.url is None or official_host(s.url) for s in method.sources)
    assert all(a.text.startswith("假设：") for a in method.assumptions)
    assert "inefficient.tax_per_mu_floor" in method.assumed
    assert len(method.digest) == 64


def test_no_mirror_url_or_english_note_reaches_a_reader() -> None:
    # comments may say where a text was read; values a user sees may not carry a url at all
    values = yaml.safe_load(SEED)
    text = yaml.safe_dump(values, allow_unicode=True)
    assert not re.search(r"https?://", text)


def test_every_rule_id_has_an_engine() -> None:
    assert tuple(RULES) == INEFFICIENT_RULES


@pytest.mark.parametrize(
    ("changes", "key", "reason"),
    [
        ({"idle__fee__share": 1.5}, "idle.fee.share", "应不大于 1.0，现为 1.5"),
        ({"idle__fee__kind": "monthly"}, "idle.fee.monthly_share", "按月计征（monthly）须给出 monthly_share"),
        ({"inefficient__rules": ["tax_floor_2y", "tax_floor"]}, "inefficient.rules[1]", "“tax_floor”不是可选值"),
        ({"inefficient__far_min": [{"code": "17", "label": "纺织业", "min": "0.8"}]},
         "inefficient.far_min[0].min", "应为数字，现为 “0.8”"),
        ({"idle__recover_after_years": 1}, "idle.recover_after_years", "收回年限应长于"),
        ({"output_intensity__provincial_target": 600}, "output_intensity.provincial_target", "不应高于"),
        ({"factory_use__basis": "occupied"}, "factory_use.basis", "“occupied”不是可选值"),
        ({"map__colour": "red"}, "map.colour", "不认识的键"),
        ({"assumed": ["idle.no_such_key"]}, "assumed", "路径“idle.no_such_key”不是本文件中的某个取值"),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_file_and_key(
    changes: dict[str, object], key: str, reason: str
) -> None:
    with pytest.raises(LandMethodError) as error:
        load_text(edited(**changes), file="zone.yaml")
    assert error.value.file == "zone.yaml"
    assert error.value.key == key
    assert reason in error.value.reason


def test_a_mirror_url_in_a_source_is_refused() -> None:
    data = yaml.safe_load(SEED)
    data["sources"][1]["url"] = "http://www.qq94.com/fjx/eZDaq1.html"
    with pytest.raises(LandMethodError) as error:
        load_text(yaml.safe_dump(data, allow_unicode=True), file="zone.yaml")
    assert error.value.key == "sources[1].url"


def test_broken_yaml_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LandMethodError, match=r"^zone.yaml: \(yaml\): 不是有效的 YAML"):
        load_text("id: [", file="zone.yaml")
    with pytest.raises(LandMethodError, match="没有这个名称"):
        resolve(str(tmp_path / "none.yaml"))
    path = tmp_path / "mine.yaml"
    path.write_text(edited(id="mine"), encoding="utf-8")
    assert resolve(str(path)).id == "mine"
