"""The measures the criteria compare: one value per enterprise-year, built from this year and the two before.

A criterion names a measure (``hte_rd_ratio``, ``main_share``, …) rather than a formula, so a criteria
file cannot misspell an input and every measure is defined once, here, with its label and unit. A
ratio measure also names its numerator and denominator, so a gap can be said as an amount of the
numerator ("研发费用还差 60 万元"). Each measure is written in :mod:`devzone.pools.ops` and runs on Ibis
(the whole table at once) or on one enterprise-year's Python values.

Windows. ``lag(f, k)`` is field ``f`` of year Y−k of the same enterprise, missing when that year is
not in the data. Sums over 3 会计年度 follow 国科发火〔2016〕32号: a firm in business fewer than three
years sums the years it has (counted from the year of ``registered_on``); a year it should have but
lacks makes the sum missing.

Data basis. 高企 reads 研究开发费用 (专项审计) and 销售收入 = 主营业务收入 + 其他业务收入; when those
fields are missing the yearly ``rd_expense`` and ``sales`` stand in and the criterion is tagged
``approximate``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from devzone.pools.ops import Ops


class Row(Protocol):
    """This year's fields and earlier years' (``lag``) of one enterprise, as columns or values."""

    ops: Ops
    year: Any

    def get(self, name: str) -> Any: ...

    def lag(self, name: str, k: int) -> Any: ...

    def year_of(self, name: str) -> Any: ...


Fn = Callable[[Row], Any]


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A named value: ``fn`` builds it; ``num``/``den`` for ratios; ``approx`` says when a stand-in was used."""

    name: str
    label: str
    unit: str
    fn: Fn
    num: Fn | None = None
    den: Fn | None = None
    num_label: str = ""
    num_unit: str = ""
    whole: bool = False  # the numerator (or the value) counts whole things: persons, patents, years
    approx: Fn | None = None


def _revenue(r: Row, k: int = 0) -> Any:
    # 营业收入: the yearly data's sales stands in (the yearly data's 销售收入 is the 营业收入).
    return (
        r.ops.coalesce(r.get("revenue"), r.get("sales"))
        if k == 0
        else r.ops.coalesce(r.lag("revenue", k), r.lag("sales", k))
    )


def _net_assets(r: Row, k: int) -> Any:
    o = r.ops
    if k == 0:
        return o.coalesce(r.get("net_assets"), o.sub(r.get("total_assets"), r.get("total_liabilities")))
    return o.coalesce(r.lag("net_assets", k), o.sub(r.lag("total_assets", k), r.lag("total_liabilities", k)))


def _at(r: Row, name: str, k: int) -> Any:
    return r.get(name) if k == 0 else r.lag(name, k)


def _hte_rd(r: Row, k: int) -> Any:
    return r.ops.coalesce(_at(r, "rd_expense_hte", k), _at(r, "rd_expense", k))


def _hte_sales(r: Row, k: int) -> Any:
    o = r.ops
    return o.coalesce(o.add(_at(r, "main_revenue", k), _at(r, "other_revenue", k)), _at(r, "sales", k))


def _years_needed(r: Row) -> Any:
    """How many of the 3 years the firm should have data for (1–3), from the year it was registered."""
    o = r.ops
    since = o.sub(r.year, r.year_of("registered_on"))
    return o.cases(
        [(o.cmp("ge", since, 2), 3.0), (o.cmp("ge", since, 1), 2.0), (o.cmp("ge", since, 0), 1.0)], 3.0
    )


def _sum3(r: Row, at: Callable[[Row, int], Any]) -> Any:
    o = r.ops
    need = _years_needed(r)
    two = o.cases([(o.cmp("ge", need, 2), at(r, 1))], 0.0)
    three = o.cases([(o.cmp("ge", need, 3), at(r, 2))], 0.0)
    return o.add(at(r, 0), two, three)


def _hte_growth(r: Row, at: Callable[[Row, int], Any]) -> Any:
    """成长性 g = ½(X₂/X₁ + X₃/X₂) − 1; X₁ = 0 → X₃/X₂ − 1; X₂ = 0 → no growth (score 0)."""
    o = r.ops
    x1, x2, x3 = at(r, 2), at(r, 1), at(r, 0)
    full = o.sub(o.mul(0.5, o.add(o.div(x2, x1), o.div(x3, x2))), 1.0)
    two = o.sub(o.div(x3, x2), 1.0)
    return o.cases([(o.cmp("eq", x2, 0.0), -1.0), (o.cmp("eq", x1, 0.0), two)], full)


def _growth(r: Row, at: Callable[[Row, int], Any], k: int) -> Any:
    o = r.ops
    return o.sub(o.div(at(r, k), at(r, k + 1)), 1.0)


def _main(r: Row, k: int) -> Any:
    return _at(r, "main_revenue", k)


def _flag(name: str) -> Fn:
    return lambda r: r.ops.flag(r.get(name))


def _num(name: str) -> Fn:
    return lambda r: r.get(name)


def _any_true(a: Any, b: Any, o: Ops) -> Any:
    return o.cases(
        [(o.cmp("eq", a, 1.0), 1.0), (o.cmp("eq", b, 1.0), 1.0)],
        o.ifelse(o.and_(o.notnull(a), o.notnull(b)), 0.0, o.lit(None)),
    )


def _rank_within(name: str, n: float) -> Fn:
    """1.0 when a best rank is within the first ``n``, 0.0 when there is none or it is lower."""

    def fn(r: Row) -> Any:
        o = r.ops
        rank = r.get(name)
        return o.cases([(o.cmp("le", rank, n), 1.0)], 0.0)

    return fn


def _ratio(  # noqa: PLR0917 — the measure table reads as one row per measure
    name: str, label: str, num: Fn, den: Fn, num_label: str, num_unit: str, *, whole: bool = False,
    approx: Fn | None = None,
) -> Measure:  # fmt: skip
    return Measure(
        name=name, label=label, unit="比例", fn=lambda r: r.ops.div(num(r), den(r)), num=num, den=den,
        num_label=num_label, num_unit=num_unit, whole=whole, approx=approx,
    )  # fmt: skip


def _plain(name: str, label: str, unit: str, fn: Fn, *, whole: bool = False) -> Measure:
    return Measure(name=name, label=label, unit=unit, fn=fn, whole=whole)


def _approx_hte(r: Row) -> Any:
    o = r.ops
    return o.or_(o.isnull(r.get("rd_expense_hte")), o.isnull(r.get("main_revenue")))


MEASURES: tuple[Measure, ...] = (
    _plain(
        "years_registered",
        "注册成立年数",
        "年",
        lambda r: r.ops.sub(r.year, r.year_of("registered_on")),
        whole=True,
    ),
    _plain(
        "segment_years",
        "从事细分市场年数",
        "年",
        lambda r: r.ops.sub(r.year, r.year_of("segment_start")),
        whole=True,
    ),
    _plain("employees", "从业人员", "人", _num("employees"), whole=True),
    _plain("sales", "销售收入", "万元", _num("sales")),
    _plain("revenue", "营业收入", "万元", _revenue),
    _plain("total_assets", "资产总额", "万元", _num("total_assets")),
    _ratio(
        "st_ratio",
        "科技人员占职工总数的比例",
        _num("st_staff"),
        _num("employees"),
        "科技人员",
        "人",
        whole=True,
    ),
    _ratio(
        "rd_staff_ratio",
        "研发人员占职工总数的比例",
        _num("rd_staff"),
        _num("employees"),
        "研发人员",
        "人",
        whole=True,
    ),
    _ratio(
        "hte_rd_ratio",
        "近三个会计年度研究开发费用总额占同期销售收入总额的比例",
        lambda r: _sum3(r, _hte_rd),
        lambda r: _sum3(r, _hte_sales),
        "研究开发费用",
        "万元",
        approx=_approx_hte,
    ),
    _plain("hte_latest_sales", "最近一年销售收入（高企口径）", "万元", lambda r: _hte_sales(r, 0)),
    _ratio(
        "hte_domestic_share",
        "境内研究开发费用占研究开发费用总额的比例",
        lambda r: _sum3(r, lambda r, k: _at(r, "rd_domestic", k)),
        lambda r: _sum3(r, _hte_rd),
        "境内研究开发费用",
        "万元",
        approx=_approx_hte,
    ),
    _ratio(
        "hightech_share",
        "高新技术产品（服务）收入占同期总收入的比例",
        _num("hightech_income"),
        _num("total_income"),
        "高新技术产品（服务）收入",
        "万元",
    ),
    _plain(
        "hte_ip_count",
        "Ⅰ类知识产权与未使用的Ⅱ类知识产权件数",
        "件",
        lambda r: r.ops.add(r.get("ip_i"), r.get("ip_ii_unused")),
        whole=True,
    ),
    _plain("ip_i", "有效Ⅰ类知识产权", "件", _num("ip_i"), whole=True),
    _plain("ip_i_self", "自主研发Ⅰ类知识产权", "件", _num("ip_i_self"), whole=True),
    _plain("ip_i_high", "高价值Ⅰ类知识产权", "件", _num("ip_i_high"), whole=True),
    _plain("ip_ii", "有效Ⅱ类知识产权", "件", _num("ip_ii"), whole=True),
    _plain(
        "transformations_avg",
        "近三年科技成果转化年平均数",
        "项",
        lambda r: r.ops.div(r.get("transformations_3y"), 3.0),
    ),
    _plain(
        "hte_growth_net_assets", "净资产增长率（高企成长性）", "比例", lambda r: _hte_growth(r, _net_assets)
    ),
    _plain("hte_growth_sales", "销售收入增长率（高企成长性）", "比例", lambda r: _hte_growth(r, _hte_sales)),
    _ratio(
        "rd_sales", "研发费用总额占销售收入总额的比例", _num("rd_expense"), _num("sales"), "研发费用", "万元"
    ),
    _ratio(
        "rd_cost",
        "研发费用总额占成本费用支出总额的比例",
        _num("rd_expense"),
        _num("cost_total"),
        "研发费用",
        "万元",
    ),
    _ratio(
        "rd_revenue", "研发费用总额占营业收入总额的比例", _num("rd_expense"), _revenue, "研发费用", "万元"
    ),
    _ratio(
        "rd_revenue_prev",
        "上一年研发费用占营业收入的比例",
        lambda r: r.lag("rd_expense", 1),
        lambda r: _revenue(r, 1),
        "上一年研发费用",
        "万元",
    ),
    _plain(
        "rd_revenue_min2",
        "近两年研发费用占营业收入比例的较低值",
        "比例",
        lambda r: r.ops.least(
            r.ops.div(r.get("rd_expense"), _revenue(r)), r.ops.div(r.lag("rd_expense", 1), _revenue(r, 1))
        ),
    ),
    _plain("rd_expense", "研发费用", "万元", _num("rd_expense")),
    _plain("rd_expense_prev", "上一年研发费用", "万元", lambda r: r.lag("rd_expense", 1)),
    _plain(
        "rd_min2",
        "近两年研发费用的较低值",
        "万元",
        lambda r: r.ops.least(r.get("rd_expense"), r.lag("rd_expense", 1)),
    ),
    _plain(
        "rd_sum2",
        "近两年研发费用合计",
        "万元",
        lambda r: r.ops.add(r.get("rd_expense"), r.lag("rd_expense", 1)),
    ),
    _plain(
        "rd_mean2",
        "近两年研发费用平均值",
        "万元",
        lambda r: r.ops.mul(0.5, r.ops.add(r.get("rd_expense"), r.lag("rd_expense", 1))),
    ),
    _plain("main_growth", "主营业务收入增长率", "比例", lambda r: _growth(r, _main, 0)),
    _plain(
        "main_growth_mean2",
        "近两年主营业务收入平均增长率",
        "比例",
        lambda r: r.ops.mul(0.5, r.ops.add(_growth(r, _main, 0), _growth(r, _main, 1))),
    ),
    _ratio(
        "main_share", "主营业务收入占营业收入的比例", _num("main_revenue"), _revenue, "主营业务收入", "万元"
    ),
    _ratio(
        "debt_ratio",
        "资产负债率",
        _num("total_liabilities"),
        _num("total_assets"),
        "负债",
        "万元",
    ),
    _ratio("net_margin", "净利润率", _num("net_profit"), _revenue, "净利润", "万元"),
    _plain(
        "revenue_cagr2",
        "近两年营业收入复合增长率",
        "比例",
        lambda r: r.ops.sub(r.ops.sqrt(r.ops.div(_revenue(r), _revenue(r, 2))), 1.0),
    ),
    _plain("revenue_growth", "营业收入增长率", "比例", lambda r: _growth(r, _revenue, 0)),
    _plain(
        "equity_2y",
        "近两年新增股权融资",
        "万元",
        lambda r: r.ops.add(r.get("equity_raised"), r.ops.coalesce(r.lag("equity_raised", 1), 0.0)),
    ),
    _plain(
        "equity_3y",
        "近三年新增股权融资",
        "万元",
        lambda r: r.ops.add(
            r.get("equity_raised"),
            r.ops.coalesce(r.lag("equity_raised", 1), 0.0),
            r.ops.coalesce(r.lag("equity_raised", 2), 0.0),
        ),
    ),
    _plain("market_share", "全国细分市场占有率", "比例", _num("market_share_national")),
    _plain("market_rank", "全国细分市场排名", "名", _num("market_rank"), whole=True),
    _plain("sei", "属于战略性新兴产业", "是否", lambda r: r.get("sei_flag")),
    _plain("hte_domain", "属于国家重点支持的高新技术领域", "是否", lambda r: r.get("hte_domain_flag")),
    _plain("digital_level", "数字化水平等级", "级", _num("digital_level"), whole=True),
    _plain("quality_items", "质量管理项数", "项", _num("quality_items"), whole=True),
    _plain("rd_institution_level", "研发机构级别", "级", _num("rd_institution_level"), whole=True),
    _plain("product_field_points", "主导产品所属领域得分", "分", _num("product_field_points")),
    _plain("feature_points", "特色化指标得分", "分", _num("feature_points")),
    _plain(
        "award_national_top3", "近三年国家级科技奖励前三名", "是否", _rank_within("award_national_rank", 3)
    ),
    _plain(
        "award_national_top5", "近三年国家级科技奖励前五名", "是否", _rank_within("award_national_rank", 5)
    ),
    _plain("award_national", "近三年获国家级科技奖励", "是否", _rank_within("award_national_rank", 1e9)),
    _plain(
        "award_provincial_top3", "近三年省级科技奖励前三名", "是否", _rank_within("award_provincial_rank", 3)
    ),
    _plain("award_provincial", "近三年获省级科技奖励", "是否", _rank_within("award_provincial_rank", 1e9)),
    _plain("maker_china_top50", "创客中国全国50强企业组", "是否", _rank_within("maker_china_rank", 50)),
    _plain("maker_china_top500", "创客中国全国500强企业组", "是否", _rank_within("maker_china_rank", 500)),
    _plain("standards_led", "近五年主导制定国际、国家或行业标准", "项", _num("standards_led"), whole=True),
    _plain("cmmm_level", "智能制造能力成熟度等级", "级", _num("cmmm_level"), whole=True),
    _plain("platform_score", "专精特新发展评价得分", "分", _num("platform_score")),
    _plain("major_incident", "重大安全、质量、环境事故", "是否", _flag("major_incident")),
    _plain(
        "misconduct",
        "重大事故、严重失信或经营异常",
        "是否",
        lambda r: _any_true(r.ops.flag(r.get("major_incident")), r.ops.flag(r.get("credit_abnormal")), r.ops),
    ),
    _plain("tax_collection", "企业所得税查账征收", "是否", _flag("tax_collection")),
    _plain("holds_hte", "持有有效高新技术企业证书", "是否", _flag("holds_hte")),
    _plain("holds_tsme", "当年科技型中小企业入库", "是否", _flag("holds_tsme")),
    _plain("holds_innov_sme", "持有有效创新型中小企业称号", "是否", _flag("holds_innov_sme")),
    _plain("holds_srdi_sme", "持有有效专精特新中小企业称号", "是否", _flag("holds_srdi_sme")),
    _plain(
        "holds_tech_innov_sme",
        "科技型中小企业或有效创新型中小企业",
        "是否",
        lambda r: _any_true(r.ops.flag(r.get("holds_tsme")), r.ops.flag(r.get("holds_innov_sme")), r.ops),
    ),
)

BY_NAME: dict[str, Measure] = {m.name: m for m in MEASURES}
NAMES: tuple[str, ...] = tuple(m.name for m in MEASURES)
