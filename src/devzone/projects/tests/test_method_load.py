"""Project method files and node templates load into typed objects, or fail naming the file and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from devzone.core.citations import official_host
from devzone.projects.method import PRESETS, ProjectMethodError
from devzone.projects.method_load import METHODS_DIR, load_text, resolve, shipped_methods
from devzone.projects.nodes import NODES_DIR, load_template, shipped_templates
from devzone.projects.scoring import PRESET_FUNCTIONS
from devzone.projects.tests.method_keys import METHOD_KEYS

QLM = (METHODS_DIR / "qianlima-2024.yaml").read_text(encoding="utf-8")
LYG = (METHODS_DIR / "lyg-seed.yaml").read_text(encoding="utf-8")


def edited(text: str, **changes: object) -> str:
    """A method with keys replaced; ``a__0__b`` walks into list item 0."""
    data = yaml.safe_load(text)
    for path, value in changes.items():
        node = data
        *parents, last = path.split("__")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return yaml.safe_dump(data, allow_unicode=True)


def test_three_methods_ship_cite_documents_and_mark_what_they_assume() -> None:
    assert shipped_methods() == ("lyg-seed", "qianlima-2024", "zunyi-seed")
    for name in shipped_methods():
        method = resolve(name)
        assert method.id == name and len(method.digest) == 64
        assert all(s.url is None or official_host(s.url) for s in method.sources)
        assert all(a.text.startswith("假设：") for a in method.assumptions)
        # every *unverified* value of the spec that the file sets is listed as assumed
        assert {"gate.kind", "rates.performance", "counting.capacity_threshold", "contract.rectify_months",
                "warnings.deadline_yellow_days", "warnings.stale_days"} <= set(method.assumed)  # fmt: skip
    assert resolve("lyg-seed").quotas[0].zones == ("连云港经济技术开发区", "徐圩新区")
    assert [t.min for t in resolve("qianlima-2024").tier_set("qianlima").tiers] == [3, 10, 20]


@pytest.mark.parametrize("name", ["lyg-seed", "qianlima-2024", "zunyi-seed"])
def test_no_url_reaches_a_reader_but_official_ones(name: str) -> None:
    values = yaml.safe_load((METHODS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    urls = re.findall(r"https?://[^\s'\"]+", yaml.safe_dump(values, allow_unicode=True))
    assert all(official_host(u) for u in urls)


def test_every_preset_has_a_function() -> None:
    assert tuple(PRESET_FUNCTIONS) == PRESETS


@pytest.mark.parametrize(
    ("text", "changes", "key", "reason"),
    [
        (QLM, {"tier_sets__0__tiers__1__min": 8}, "tier_sets[0].tiers[1].min", "“b10_20”与“b3_10”重叠"),
        (QLM, {"tier_sets__0__tiers__0__max": 2}, "tier_sets[0].tiers[0].max", "上限应大于下限"),
        (LYG, {"tier_sets__0__tiers__0__max": 200}, "tier_sets[0].tiers[0].max", "累计档（threshold）只设下限"),
        (QLM, {"scoring__0__preset": "rank"}, "scoring[0].preset", "“rank”不是可选值"),
        (QLM, {"scoring__1__band_targets": [["b3_10", 7], ["b50", 1]]}, "scoring[1].tier_set", "没有档次“b50”"),
        (QLM, {"scoring__0__amount_weight": 0.6}, "scoring[0].amount_weight", "权重之和应为 1"),
        (LYG, {"quotas__0__tier": "ge10"}, "quotas[0].tier", "档次组“lyg”中没有档次“ge10”"),
        (LYG, {"quotas__1__others": False}, "quotas[1].zones", "二者择一"),
        (LYG, {"gate": {"kind": "funded"}}, "gate.kind", "“funded”不是可选值"),
        (LYG, {"rates": {"window": "since"}}, "rates.since_year", "起算年份"),
        (LYG, {"rates": {"rate": "签约率"}}, "rates.rate", "不认识的键"),
        (LYG, {"rates": {"report": ["履约率", "签约率"]}}, "rates.report[1]", "“签约率”不是可选值"),
        (LYG, {"counting": {"start_evidence": "photos"}}, "counting.start_evidence", "“photos”不是可选值"),
        (LYG, {"counting": {"capacity_threshold": "100%"}}, "counting.capacity_threshold", "应为数字"),
        (LYG, {"stuck": ["签约未开工"]}, "stuck[0]", "“签约未开工”不是可选值"),
        (LYG, {"contract": {"recover_years": 1}}, "contract.recover_years", "无偿收回年限应长于"),
        (LYG, {"warnings": {"fai": {"measure": "share", "yellow": 0.6, "red": 0.8}}}, "warnings.fai.red", "更严重"),
        (LYG, {"assumed": ["gate.fai_share"]}, "assumed", "路径“gate.fai_share”不是本文件中的某个取值"),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_file_and_key(
    text: str, changes: dict[str, object], key: str, reason: str
) -> None:
    with pytest.raises(ProjectMethodError) as error:
        load_text(edited(text, **changes), file="zone.yaml")
    assert (error.value.file, error.value.key) == ("zone.yaml", key)
    assert reason in error.value.reason
    assert str(error.value).startswith(f"zone.yaml: {key}: ")


def test_a_mirror_url_in_a_source_is_refused() -> None:
    data = yaml.safe_load(LYG)
    data["sources"][1]["url"] = "https://www.qianlima.com/bid-486863651.html"
    with pytest.raises(ProjectMethodError) as error:
        load_text(yaml.safe_dump(data, allow_unicode=True), file="zone.yaml")
    assert error.value.key == "sources[1].url"


def test_broken_yaml_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectMethodError, match=r"^zone.yaml: \(yaml\): 不是有效的 YAML"):
        load_text("id: [", file="zone.yaml")
    with pytest.raises(ProjectMethodError, match="没有这个名称"):
        resolve(str(tmp_path / "none.yaml"))
    path = tmp_path / "mine.yaml"
    path.write_text(edited(LYG, id="mine"), encoding="utf-8")
    assert resolve(str(path)).id == "mine"


def test_node_templates_load_and_refuse_by_file_and_key(tmp_path: Path) -> None:
    assert shipped_templates() == ("biaozhundi-zj", "datahub", "devzone-default", "zhuxi")
    default = load_template(NODES_DIR / "devzone-default.yaml")
    assert [n.counts_as for n in default.nodes if n.counts_as] == ["签约", "注册", "入园", "开工", "竣工", "投产",
                                                                  "达产", "上规"]  # fmt: skip
    data = yaml.safe_load((NODES_DIR / "zhuxi.yaml").read_text(encoding="utf-8"))
    data["nodes"][3]["counts_as"] = (
        "注册"  # 拟开工 as 注册, after 签约 … fine; then 竣工投产 投产: still ordered
    )
    data["nodes"][1]["counts_as"] = "投产"  # 在谈 as 投产 before 签约: out of order
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProjectMethodError) as error:
        load_template(path)
    assert (error.value.file, error.value.key) == (str(path), "nodes[2].counts_as")
    data["nodes"][1] = {"name": "在谈", "owner": "招商责任单位", "days": -3}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProjectMethodError) as error:
        load_template(path)
    assert error.value.key == "nodes[1].days"


DOCS = Path(__file__).parents[4] / "docs" / "projects.md"


def test_every_accepted_key_is_documented() -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Keys", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
    assert [k for k in METHOD_KEYS if k not in documented] == []
    assert [k for k in documented if k not in METHOD_KEYS] == []
    for name in shipped_methods():
        assert f"| {name} |" in DOCS.read_text(encoding="utf-8")
