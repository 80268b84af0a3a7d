"""Framework YAML loading: the issue's example, and every refusal names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from devzone.assessment.errors import FrameworkError, FrameworkWarning
from devzone.assessment.framework import load_framework, parse_framework

ISSUE_EXAMPLE = """\
schema: devzone.framework/1
name: 示例考核
normalisation: minmax
aggregation: arithmetic
tree:
  - code: ECO
    name: 经济发展
    weight: 40
    children:
      - {code: gdp, name: 地区生产总值, direction: 1, weight: 60}
      - {code: energy_per_gdp, name: 单位GDP能耗, direction: -1, weight: 40}
"""

FRAMEWORKS = Path(__file__).parents[1] / "frameworks"


def _refused(text: str) -> FrameworkError:
    with pytest.raises(FrameworkError) as info:
        parse_framework(text, source="bad.yaml")
    return info.value


def test_issue_example_loads_with_its_single_category_as_root() -> None:
    fw = parse_framework(ISSUE_EXAMPLE)
    assert fw.root == "ECO"
    assert fw.indicators == ("gdp", "energy_per_gdp")
    assert fw.node("energy_per_gdp").direction == -1
    assert fw.node("gdp").weight(None) == 60.0
    assert fw.normalise.method == "minmax"
    assert fw.normalise.to == (0.0, 100.0)


def test_shipped_frameworks_load_without_warnings() -> None:
    ids = sorted(load_framework(p).id for p in FRAMEWORKS.glob("*.yaml"))
    assert ids == ["asem-example", "jiangsu-2021", "mofcom-etdz-2021"]


def test_national_framework_has_published_category_weights() -> None:
    fw = load_framework(FRAMEWORKS / "mofcom_etdz_2021.yaml")
    assert [(c, fw.node(c).weight(None)) for c in fw.node(fw.root).children] == [
        ("OPEN", 30.0), ("QUAL", 30.0), ("INNO", 15.0), ("GREEN", 15.0), ("COORD", 10.0),
    ]  # fmt: skip
    assert fw.node("fdi_actual").weight(None) == 1.0


def test_jiangsu_framework_weights_differ_by_region() -> None:
    fw = load_framework(FRAMEWORKS / "jiangsu_2021.yaml")
    assert fw.node("OPEN").weight("苏北") == 18.0
    assert fw.node("OPEN").weight("苏南") == 20.0
    assert fw.node("OPEN").assumed == "权重为假设"  # shown to the reader, so in Chinese


def test_unknown_key_is_named() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("aggregation: arithmetic", "aggregation: arithmetic\nweigths: 1"))
    assert (err.source, err.key) == ("bad.yaml", "weigths")


def test_unknown_key_inside_a_section_is_named_with_its_path() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("normalisation: minmax", "normalisation: {method: zscore, sdev: 2}"))
    assert (err.key, err.reason) == ("normalisation.sdev", "不认识的键（是否拼写有误？）")


def test_text_is_not_read_as_a_number() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("weight: 60", 'weight: "60"'))
    assert (err.key, err.reason) == ("tree[0].children[0].weight", "应为数字，现为 '60'")


def test_unknown_node_key_is_named_with_its_path() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("direction: 1, weight: 60", "direction: 1, weight: 60, wieght: 3"))
    assert err.key == "tree[0].children[0].wieght"


def test_percent_weights_that_do_not_sum_to_100() -> None:
    text = ISSUE_EXAMPLE.replace("aggregation: arithmetic", "aggregation: arithmetic\nweight_scale: percent")
    text = text.replace("weight: 40}", "weight: 30}")
    err = _refused(text)
    assert err.key == "tree[0].children"
    assert "合计为 90，应为 100" in err.reason


def test_zero_weight_refused() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("weight: 60", "weight: 0"))
    assert err.key == "tree[0].children[0].weight"


def test_orphan_parent_refused() -> None:
    err = _refused(
        "schema: devzone.framework/1\nname: t\ntree:\n"
        "  - {code: A, name: A, weight: 1}\n  - {code: x, name: X, parent: NOPE, direction: 1, weight: 1}\n"
    )
    assert err.key == "tree[1].parent"
    assert "不是指标树中的节点" in err.reason


def test_cycle_refused() -> None:
    err = _refused(
        "schema: devzone.framework/1\nname: t\ntree:\n"
        "  - {code: A, name: A, parent: B, weight: 1}\n  - {code: B, name: B, parent: A, weight: 1}\n"
        "  - {code: x, name: X, parent: A, direction: 1, weight: 1}\n"
    )
    assert "指标树出现循环" in err.reason


def test_duplicate_code_refused() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("code: energy_per_gdp", "code: gdp"))
    assert err.key == "tree[0].children[1].code"


def test_indicator_without_direction_refused() -> None:
    err = _refused(ISSUE_EXAMPLE.replace("direction: -1, ", ""))
    assert err.key == "tree[0].children[1].direction"


def test_wrong_schema_refused() -> None:
    assert _refused(ISSUE_EXAMPLE.replace("framework/1", "framework/9")).key == "schema"


def test_group_without_weight_and_no_default_refused() -> None:
    err = _refused(
        "schema: devzone.framework/1\nname: t\ngroups: {weight_group: region3, weight_groups: [苏南, 苏北]}\n"
        "tree:\n  - {code: a, name: A, direction: 1, weight: {苏南: 2}}\n  - {code: b, name: B, direction: 1, weight: 1}\n"
    )
    assert err.key == "tree[0].weight"
    assert "苏北" in err.reason


def test_ahp_weights_from_a_consistent_matrix() -> None:
    fw = parse_framework(
        "schema: devzone.framework/1\nname: t\ntree:\n  - code: C\n    name: C\n    weight: 1\n    weighting: ahp\n"
        "    ahp: {matrix: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]}\n    children:\n"
        "      - {code: a, name: A, direction: 1}\n      - {code: b, name: B, direction: 1}\n"
        "      - {code: c, name: C3, direction: 1}\n"
    )
    assert [round(fw.node(c).weight(None), 12) for c in "abc"] == [
        round(4 / 7, 12),
        round(2 / 7, 12),
        round(1 / 7, 12),
    ]
    assert fw.warnings == ()


def test_ahp_inconsistent_matrix_warns_with_cr() -> None:
    text = (
        "schema: devzone.framework/1\nname: t\ntree:\n  - code: C\n    name: C\n    weight: 1\n    weighting: ahp\n"
        "    ahp: {matrix: [[1, 9, 0.2], [0.1111111111111111, 1, 7], [5, 0.14285714285714285, 1]]}\n    children:\n"
        "      - {code: a, name: A, direction: 1}\n      - {code: b, name: B, direction: 1}\n"
        "      - {code: c, name: C3, direction: 1}\n"
    )
    with pytest.warns(FrameworkWarning, match=r"CR = \d+\.\d+"):
        fw = parse_framework(text, source="ahp.yaml")
    assert fw.warnings[0].startswith("ahp.yaml: tree[0].ahp.matrix: consistency ratio CR = ")


def test_rule_with_unknown_parameter_refused() -> None:
    err = _refused(ISSUE_EXAMPLE + "rules:\n  - {id: p, kind: rise_streak, action: 通报表彰, k: 3}\n")
    assert err.key == "rules[0].k"


def test_sha256_ignores_key_order_but_not_values() -> None:
    a = parse_framework(ISSUE_EXAMPLE)
    b = parse_framework(ISSUE_EXAMPLE.replace("normalisation: minmax\naggregation: arithmetic",
                                              "aggregation: arithmetic\nnormalisation: minmax"))  # fmt: skip
    c = parse_framework(ISSUE_EXAMPLE.replace("weight: 60", "weight: 61"))
    assert a.sha256 == b.sha256
    assert a.sha256 != c.sha256
