"""The enterprise-year columns the pre-screen reads: the yearly data plus the extra fields of the spec §3.

The 亩均 data (:mod:`devzone.enterprises.inputs_schema`) has ``sales``, ``rd_expense`` and ``employees``;
the qualification criteria need more (收入总额, 高企口径研发费用, 科技人员, 知识产权 by class, …). They come in
through the yearly supplement and are joined on (``uscc``, ``year``). Lists of the spec (IP, equity
rounds, awards) arrive already summarised per year-end — a count or a best rank — because every
criterion reads them that way. A missing value is SQL NULL and makes a criterion ``unknown``, never
``unmet``. Money in 万元, ratios as decimals, persons as monthly averages (≥ 183 days for 科技人员).
"""

from __future__ import annotations

from dataclasses import dataclass

IBIS_TYPES = {"int": "int64", "float": "float64", "str": "string", "bool": "boolean", "date": "date"}


@dataclass(frozen=True, kw_only=True)
class Field:
    """One input column: ``kind`` is ``int``, ``float``, ``str``, ``bool`` or ``date``."""

    name: str
    kind: str
    unit: str
    label: str
    static: bool = False

    @property
    def ibis_type(self) -> str:
        """The Ibis type the engine reads this column as."""
        return IBIS_TYPES[self.kind]


def _f(name: str, label: str, unit: str = "万元", kind: str = "float", static: bool = False) -> Field:
    return Field(name=name, kind=kind, unit=unit, label=label, static=static)


KEYS: tuple[Field, ...] = (
    _f("year", "数据年度", "", "int"),
    _f("uscc", "统一社会信用代码", "", "str"),
    _f("zone", "所属开发区", "", "str"),
)
# Already in the 亩均 yearly data.
EXISTING: tuple[Field, ...] = (
    _f("sales", "销售收入"),
    _f("rd_expense", "研发费用"),
    _f("employees", "从业人员（年平均）", "人", "int"),
)
# Spec §3, per enterprise-year unless static.
EXTRA: tuple[Field, ...] = (
    _f("registered_on", "注册成立日期", "", "date", static=True),
    _f("segment_start", "进入细分市场时间", "", "date", static=True),
    _f("revenue", "营业收入"),
    _f("main_revenue", "主营业务收入"),
    _f("other_revenue", "其他业务收入"),
    _f("total_income", "总收入（收入总额减不征税收入）"),
    _f("hightech_income", "高新技术产品（服务）收入"),
    _f("rd_expense_hte", "研究开发费用（高企专项审计口径）"),
    _f("rd_domestic", "境内研究开发费用"),
    _f("cost_total", "成本费用支出总额"),
    _f("total_assets", "资产总额（年末）"),
    _f("total_liabilities", "负债总额（年末）"),
    _f("net_assets", "净资产（年末；空则以资产减负债）"),
    _f("net_profit", "净利润"),
    _f("st_staff", "科技人员（累计实际工作满183天）", "人", "int"),
    _f("rd_staff", "研发人员", "人", "int"),
    _f("ip_i", "有效Ⅰ类知识产权（与主营产品相关）", "件", "int"),
    _f("ip_i_self", "其中自主研发Ⅰ类", "件", "int"),
    _f("ip_i_high", "其中高价值Ⅰ类", "件", "int"),
    _f("ip_ii", "有效Ⅱ类知识产权（与主营产品相关）", "件", "int"),
    _f("ip_ii_unused", "未用于高企认定的Ⅱ类知识产权", "件", "int"),
    _f("transformations_3y", "近三年科技成果转化项数", "项", "int"),
    _f("equity_raised", "当年新增股权融资（合格机构投资者实缴）"),
    _f("market_share_national", "全国细分市场占有率", "比例"),
    _f("market_rank", "全国细分市场排名", "名", "int"),
    _f("sei_category", "战略性新兴产业分类代码（空=不属于）", "", "str"),
    _f("hte_domain", "国家重点支持的高新技术领域", "", "str"),
    _f("digital_level", "数字化水平等级（1–4）", "级", "int"),
    _f("quality_items", "质量管理项数（质量奖、体系认证、自主品牌、标准）", "项", "int"),
    _f("rd_institution_level", "研发机构级别（0无 1市级以下 2市级 3省级 4国家级）", "级", "int"),
    _f("product_field_points", "主导产品所属领域得分（0/3/5，经办人填）", "分", "int"),
    _f("feature_points", "特色化指标得分（省定，经办人填）", "分", "float"),
    _f("award_national_rank", "近三年国家级科技奖励最好名次", "名", "int"),
    _f("award_provincial_rank", "近三年省级科技奖励最好名次", "名", "int"),
    _f("maker_china_rank", "近三年创客中国企业组最好名次", "名", "int"),
    _f("standards_led", "近五年主导制定国际、国家或行业标准数", "项", "int"),
    _f("cmmm_level", "智能制造能力成熟度等级（1–5）", "级", "int"),
    _f("platform_score", "专精特新发展评价得分（平台导入）", "分"),
    _f("major_incident", "上一年度重大安全、质量、环境事故", "", "bool"),
    _f("credit_abnormal", "科研严重失信、经营异常或严重违法失信", "", "bool"),
    _f("tax_collection", "企业所得税查账征收", "", "bool"),
    # Current titles at the evaluation date, derived from the qualification records (prerequisites, TD).
    _f("holds_hte", "持有有效高新技术企业证书", "", "bool"),
    _f("holds_tsme", "当年科技型中小企业入库", "", "bool"),
    _f("holds_innov_sme", "持有有效创新型中小企业称号", "", "bool"),
    _f("holds_srdi_sme", "持有有效专精特新中小企业称号", "", "bool"),
)

FIELDS: tuple[Field, ...] = KEYS + EXISTING + EXTRA
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)


def schema() -> dict[str, str]:
    """Column name → Ibis type, for :func:`conform` and for building empty or test tables.

    >>> schema()["ip_i"], schema()["registered_on"], len(schema()) == len(FIELDS)
    ('int64', 'date', True)
    """
    return {f.name: f.ibis_type for f in FIELDS}
