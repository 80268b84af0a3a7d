"""The starter catalogue, its loader's refusals, and name matching."""

from __future__ import annotations

import copy

import pytest
import yaml

from devzone.indicators.catalogue import (
    DEFAULT_PATH,
    CatalogueError,
    NotAdditiveError,
    aggregate,
    load_catalogue,
    parse_catalogue,
)
from devzone.indicators.match import match_indicator, match_many, normalise_name
from devzone.indicators.units import parse_unit

# Every indicator named in the six seed plans, as the plan writes it → catalogue code.
SEED_NAMES = {
    "地区生产总值": "gdp",
    "一般公共预算收入": "public_budget_revenue",
    "外贸进出口总额": "foreign_trade",
    "高新技术企业数量": "high_tech_enterprises",
    "制造业增加值": "manufacturing_value_added",
    "实际利用外资": "fdi_actual",
    "综合考评": None,  # too short to decide: goes to review
    "承担经济发展、科技创新和营商环境优化等职责的机构比例": "economic_function_bodies_share",
    "智能车间、工厂、“专精特新”小巨人数量": "smart_factories_little_giants",
    "上市公司总数": "listed_companies",
    "单位用地税收": "tax_per_mu",
    "单位能耗销售收入": "sales_per_energy",
    "单位污染物排放销售收入": "sales_per_pollution",
    "研发经费投入强度": "rd_intensity",
    "全员劳动生产率": "labour_productivity",
    "省级以上研发机构数量": "provincial_rd_institutions",
    "净增高新技术企业数": "high_tech_enterprises",
    "百亿元以上项目": "projects_10bn_introduced",
    "50亿元以上项目": "projects_5bn_introduced",
    "累计实际利用外资": "fdi_actual",
    "工业总产值": "industrial_output",
    "工业投资": "industrial_investment",
    "规模工业企业数": "above_scale_industrial_enterprises",
    "规模以上工业总产值": "above_scale_industrial_output",
    "工业增加值": "industrial_value_added",
    "工业用地产出强度": "industrial_land_output_intensity",
    "标准厂房使用率": "standard_factory_utilisation",
    "500亿级开发区": "zones_500bn_tier",
    "新增50亿级项目": "new_projects_5bn_class",
    "亩均投资强度": "investment_per_mu",
    "容积率": "floor_area_ratio",
    "履约率": "contract_fulfilment_rate",
    "入园率": "park_entry_rate",
    "开工率": "construction_start_rate",
    "投产率": "production_start_rate",
    "亩均税收": "tax_per_mu",
    "亩均工业产值": "industrial_land_output_intensity",
    "单位工业增加值能耗": "energy_per_industrial_value_added",
    "产业增加值": "industry_value_added",
    "协同创新经费": "collaborative_innovation_funding",
    "区属国有企业": "district_state_enterprises",
    "国家级高新区全国排名": "national_hitech_zone_rank",
}


def entry(**changes):
    base = {
        "code": "gdp",
        "name": "地区生产总值",
        "unit": "亿元",
        "definition": "d",
        "scope": "s",
        "direction": "higher",
        "frequency": "year",
        "aggregation": "sum",
        "source": [{"plan": "篇三", "section": "一"}],
    }
    return base | changes


def document(*entries):
    return {"version": 1, "plans": {"篇三": "连云港"}, "indicators": list(entries)}


def test_starter_catalogue_loads_and_is_typed():
    catalogue = load_catalogue()

    assert len(catalogue.indicators) == 75
    assert set(catalogue.plans) == {"篇一", "篇二", "篇三", "篇四", "篇五", "篇六"}
    gdp = catalogue.get("gdp")
    assert (gdp.name, gdp.unit, gdp.direction, gdp.aggregation) == ("地区生产总值", "亿元", "higher", "sum")
    assert catalogue.get("fdi_actual").unit == "亿美元"
    assert catalogue.get("industrial_land_output_intensity").unit == "万元/亩"
    assert catalogue.get("energy_per_industrial_value_added").direction == "lower"
    share = catalogue.get("gdp_city_share")
    assert (share.numerator, share.denominator, share.denominator_scope) == ("gdp", "gdp", "city")


def test_every_seed_plan_is_cited():
    catalogue = load_catalogue()

    cited = {source.plan for indicator in catalogue.indicators for source in indicator.source}

    assert cited == {"篇一", "篇二", "篇三", "篇四", "篇五", "篇六"}


def test_percent_indicators_are_not_additive():
    for indicator in load_catalogue().indicators:
        if parse_unit(indicator.unit).dimension == "ratio":
            assert indicator.aggregation == "not_additive", indicator.code


def test_aggregation_rules():
    catalogue = load_catalogue()

    assert aggregate(catalogue.get("gdp"), [300.0, 500.0]) == 800.0
    with pytest.raises(NotAdditiveError):
        aggregate(catalogue.get("standard_factory_utilisation"), [90.0, 80.0])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "指标 gdp 的 indicators[0].colour: 不认识的键（是否拼写有误？）"),
        ({"unit": "斤"}, "unknown unit '斤'"),
        ({"direction": "up"}, "indicators[0].direction: “up”不是可选值，应为以下之一：higher、lower"),
        ({"frequency": "weekly"}, "indicators[0].frequency: “weekly”不是可选值，应为以下之一：year"),
        ({"aggregation": "mean"}, "indicators[0].aggregation: “mean”不是可选值，应为以下之一：sum"),
        ({"unit": "%"}, "不能相加"),
        ({"source": [{"plan": "篇九", "section": "一"}]}, "出处方案“篇九”未列在 plans 中"),
        ({"plausible": [10, 1]}, "下限 10.0 大于上限 1.0"),
        ({"numerator": "gdp"}, "须同时写明"),
    ],
)
def test_bad_entries_are_refused_naming_file_and_entry(changes, message):
    with pytest.raises(CatalogueError, match=r"x\.yaml") as raised:
        parse_catalogue(document(entry(**changes)), origin="x.yaml")
    assert message in str(raised.value)


def test_missing_key_is_refused():
    broken = entry()
    del broken["scope"]

    with pytest.raises(CatalogueError, match=r"x\.yaml: 指标 gdp 的 indicators\[0\]\.scope: 缺少此项"):
        parse_catalogue(document(broken), origin="x.yaml")


def test_duplicate_code_and_alias_are_refused():
    with pytest.raises(CatalogueError, match="指标代码重复"):
        parse_catalogue(document(entry(), entry(name="别名")), origin="x.yaml")
    with pytest.raises(CatalogueError, match="已被指标 gdp 使用"):
        parse_catalogue(document(entry(), entry(code="gdp2", aliases=["地区生产总值"])), origin="x.yaml")


def test_share_parts_must_exist():
    share = entry(
        code="s", name="比重", unit="%", aggregation="not_additive", numerator="gdp", denominator="nope"
    )

    with pytest.raises(CatalogueError, match="比重的分子或分母“nope”不在指标目录中"):
        parse_catalogue(document(entry(), share), origin="x.yaml")


def test_unknown_top_level_key(tmp_path):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data = copy.deepcopy(data) | {"extra": 1}
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"c\.yaml: extra: 不认识的键"):
        load_catalogue(path)


@pytest.mark.parametrize(("name", "code"), list(SEED_NAMES.items()))
def test_seed_names_link_to_the_catalogue(name, code):
    result = match_indicator(name, load_catalogue())

    if code is None:
        assert result.match is None
        assert result.status in {"none", "ambiguous"}
    else:
        assert result.match is not None, (name, result)
        assert result.match.code == code


def test_fuzzy_match_reports_a_score():
    result = match_indicator("高新技术企业数目", load_catalogue())

    assert result.status == "fuzzy"
    assert result.match is not None
    assert result.match.code == "high_tech_enterprises"
    assert result.match.score == pytest.approx(14 / 15)  # ratio: 2·7/(8+7)


def test_no_match_is_reported_not_guessed():
    result = match_indicator("居民幸福指数", load_catalogue())

    assert result.status == "none"
    assert result.match is None


def test_near_ties_are_ambiguous():
    catalogue = parse_catalogue(
        document(entry(code="a", name="工业产值甲"), entry(code="b", name="工业产值乙")), origin="x.yaml"
    )

    result = match_indicator("工业产值", catalogue)

    assert result.status == "ambiguous"
    assert result.match is None
    assert [candidate.code for candidate in result.candidates] == ["a", "b"]


def test_numbers_must_agree():
    result = match_indicator("100亿级开发区数量", load_catalogue())

    assert result.match is not None
    assert result.match.code == "zones_100bn_tier"


def test_normalisation_and_batch():
    assert normalise_name("全市开发区 高新技术企业数量") == "高新技术企业数"
    results = match_many(["地区生产总值", "幸福指数"], load_catalogue())
    assert [result.status for result in results.values()] == ["exact", "none"]
