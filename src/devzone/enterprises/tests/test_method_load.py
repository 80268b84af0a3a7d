"""Method files load into typed objects or fail naming file and key."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from devzone.core.citations import official_host
from devzone.enterprises import method as method_module
from devzone.enterprises import rules
from devzone.enterprises.method import MethodError
from devzone.enterprises.method_load import (
    METHOD_KEYS,
    METHODS_DIR,
    load_stored,
    load_text,
    resolve,
    shipped_methods,
)
from devzone.enterprises.mu import EXTRA_COLUMNS, STABLE_COLUMNS

SHIPPED = METHODS_DIR / "lyg-seed.yaml"
DOCS = Path(__file__).parents[4] / "docs" / "mu-methods.md"


def broken(old: str, new: str) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("version: 1", "version: 1\nfoo: 2", "bad.yaml: foo: 不认识的键（是否拼写有误？）"),
        ("weight: 45,", "weight: 40,", "bad.yaml: segments[0].indicators: 权重合计为 95，应为 100"),
        ("formula: tax / land_mu,", "formula: tax / land_area,", "bad.yaml: segments[0].indicators[0].formula: unknown field 'land_area'"),
        ("{A: 0.20, B: 0.55", "{A: 0.30, B: 0.55", "bad.yaml: classing.shares: 各等级比例应不小于 0 且合计为 1"),
        ("benchmark: {kind: mean}}", "benchmark: {kind: average}}", "bad.yaml: segments[0].indicators[0].benchmark.kind: “average”不是可选值，应为以下之一：mean、median、percentile、previous_year_mean、fixed"),
        ("  - inefficient_land.tax_per_mu_floor", "  - inefficient_land.floor", "bad.yaml: assumed: 路径“inefficient_land.floor”不是本文件中的某个取值"),
        ("effect: not_above, class: C", "effect: not_above, class: E", "bad.yaml: vetoes[0].class: “E”不是已定义的等级（A、B、C、D）"),
        ("cap: 3, floor: 0}", "cap: -1, floor: 0}", "bad.yaml: segments[0].score_rule.cap: 上限 cap -1.0 低于下限 floor 0.0"),
        ('when: scale == "above"', "when: tax / land_mu", "bad.yaml: segments[0].when: 'tax / land_mu' gives a num, a bool is needed"),
        ("weight: 45,", 'weight: "45",', "bad.yaml: segments[0].indicators[0].weight: 应为数字，现为 “45”"),
        ("benchmark: {kind: mean}}", "benchmark: {kind: mean, factr: 2}}", "bad.yaml: segments[0].indicators[0].benchmark.factr: 不认识的键（是否拼写有误？）"),
        ("effect: not_below, class: C}", "effect: exempt, class: C}", "bad.yaml: exemptions[1].class: 只有 not_above 和 not_below 需要指明等级，其他效果不设 class"),
        ("version: 1", "version: 1\ndigest: abc", "bad.yaml: digest: 不认识的键（是否拼写有误？）"),
    ],
)  # fmt: skip
def test_bad_method_files_fail_loudly(old: str, new: str, message: str) -> None:
    with pytest.raises(MethodError) as caught:
        load_text(broken(old, new), file="bad.yaml")
    assert str(caught.value) == message


def test_thresholds_must_decrease() -> None:
    text = broken(
        "kind: shares\n  shares: {A: 0.20, B: 0.55, C: 0.20, D: 0.05}",
        "kind: thresholds\n  thresholds: {A: 60, B: 80, C: 40}",
    )
    with pytest.raises(MethodError, match=r"classing\.thresholds: 应从最好的等级起严格递减"):
        load_text(text, file="bad.yaml")


def test_every_shipped_method_cites_documents_and_states_its_assumptions_in_chinese() -> None:
    for method_id in shipped_methods():
        m = resolve(method_id)
        assert m.sources and all(s.title or s.number for s in m.sources), method_id
        assert all(official_host(s.url) for s in m.sources if s.url), method_id
        assert m.assumed, method_id
        assert m.assumptions and all(a.text.startswith("假设：") and a.reason for a in m.assumptions)


@pytest.mark.parametrize(
    "url",
    [
        "http://m.greekporn.net/news/shwx/28033681.html",  # the spam mirror the spec read 鲁发改价格〔2022〕56号 at
        "https://www.chacewang.com/newsdetail/news430850.html",  # a consultant's copy
        "https://www.gov.cn.example.com/x",  # gov.cn inside another host
        "seeds/000_c61f569e063078fd.txt",  # a file path is no link at all
    ],
)
def test_a_source_url_off_an_official_host_is_refused(url: str) -> None:
    text = broken("url: http://www.changle.gov.cn/CLXXXGK/XZFBGS/202311/t20231116_799158.html", f"url: {url}")
    with pytest.raises(MethodError, match=r"sources\[2\]\.url: .* is not an official host"):
        load_text(text, file="bad.yaml")


def test_a_source_needs_a_title_or_a_number_and_an_assumption_starts_with_jiashe() -> None:
    with pytest.raises(MethodError, match=r"sources\[1\]: a citation needs a title or a number"):
        load_text(broken("    number: 鲁政字〔2019〕235号\n", ""), file="bad.yaml")
    with pytest.raises(MethodError, match=r"assumptions\[0\]\.text: must start with '假设：'"):
        load_text(broken("  - text: 假设：规上企业五项", "  - text: ASSUMED weights"), file="bad.yaml")
    with pytest.raises(MethodError, match=r"sources\[0\]\.section: 不认识的键"):
        load_text(
            broken(
                "  - title: 连云港市开发区行动方案\n",
                "  - title: 连云港市开发区行动方案\n    section: spec §1.8\n",
            ),
            file="bad.yaml",
        )


def test_registries_match_the_names_the_loader_accepts() -> None:
    assert tuple(rules.BENCHMARKS) == method_module.BENCHMARK_KINDS
    assert tuple(rules.BENCHMARK_STATS) == method_module.BENCHMARK_KINDS
    assert tuple(rules.SCORE_RULES) == method_module.SCORE_RULE_KINDS
    assert tuple(rules.DIRECTIONS) == method_module.DIRECTIONS
    assert tuple(rules.MISSING) == method_module.MISSING_RULES
    assert tuple(rules.CLASSINGS) == method_module.CLASSING_KINDS
    assert set(rules.CLASS_EFFECTS) == set(method_module.VETO_EFFECTS + method_module.EXEMPTION_EFFECTS)


def test_every_accepted_key_is_documented() -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Keys", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
    assert [k for k in METHOD_KEYS if k not in documented] == []
    assert [k for k in documented if k not in METHOD_KEYS and not k.startswith("<")] == []


def test_every_results_column_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for column in (*STABLE_COLUMNS, *EXTRA_COLUMNS, "<code>_value", "<code>_benchmark", "<code>_points",
                   "policy_<code>"):  # fmt: skip
        assert f"| `{column}` |" in text, column


BEFORE_CITATIONS = Path(__file__).with_name("methods") / "lyg-seed-before-citations.yaml"


def test_a_run_stored_before_citations_opens_with_the_shipped_citations_and_its_own_values() -> None:
    text = BEFORE_CITATIONS.read_text(
        encoding="utf-8"
    )  # lyg-seed as shipped before: mirror urls, English notes
    with pytest.raises(MethodError, match=r"sources\[0\]\.section: 不认识的键"):
        load_text(text, file="old.yaml")
    old = load_stored(text, file="old.yaml")
    shipped = resolve("lyg-seed")
    assert old.digest == hashlib.sha256(text.encode("utf-8")).hexdigest() != shipped.digest
    assert (old.sources, old.assumptions) == (shipped.sources, shipped.assumptions)

    def rules(m: method_module.Method) -> list[tuple[str, str, float, str, object]]:
        return [
            (s.code, i.code, i.weight, i.formula.text, i.benchmark) for s in m.segments for i in s.indicators
        ]

    assert rules(old) == rules(shipped) and old.classing == shipped.classing


def test_load_stored_refuses_what_is_not_the_earlier_format() -> None:
    with pytest.raises(MethodError, match=r"sources\[2\]\.url: .* is not an official host"):
        load_stored(broken("url: http://www.changle.gov.cn", "url: http://m.greekporn.net"), file="bad.yaml")
