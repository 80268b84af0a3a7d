"""A parcel file's attribute columns read into the parcel record's fields, every bad value named.

A column is found by its canonical name (``build_class``) or one of its aliases: the Chinese label a
table carries (``建设状况``) or the ≤ 10-letter code a .dbf allows (``JSZK``). Values are checked by kind —
a TD/T class from its list, a date as ``YYYY-MM-DD``, a number ≥ 0, a USCC by its check character — and
each refusal says the column and the value, so :func:`read_attributes` can name feature and reason.
Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from devzone.enterprises import uscc
from devzone.land.records import BUILD_CLASSES, SUPPLY_CLASSES

ZDDM = re.compile(r"^\d{12}[GJZ][ABSXCDEFHGWY]\d{5}$")
_TRUE = {"1", "true", "yes", "y", "是", "t", "√"}
_FALSE = {"0", "false", "no", "n", "否", "f", ""}


class BadValue(ValueError):
    """A value that does not fit its column; the message is the Chinese reason."""


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _choice(options: tuple[str, ...], what: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value).upper()
        if text and text not in options:
            raise BadValue(f"{what}“{_text(value)}”不是可选值（{'、'.join(options)}）")
        return text

    return parse


def _number(value: Any) -> float | None:
    if value is None or _text(value) == "":
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        raise BadValue(f"“{_text(value)}”不是数字") from None
    if not math.isfinite(number) or number < 0:
        raise BadValue(f"“{_text(value)}”应为不小于 0 的数字")
    return number


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):  # a .dbf date field reads as YYYYMMDD
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise BadValue(f"“{text}”不是日期（应为 YYYY-MM-DD）") from None


def _flag(value: Any) -> bool:
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(f"“{_text(value)}”应为 是 或 否")


def _uscc(value: Any) -> str:
    text = _text(value).upper()
    if text and (wrong := uscc.problem(text)) is not None:
        raise BadValue(f"统一社会信用代码“{text}”{wrong.reason}")
    return text


def _zddm(value: Any) -> str:
    text = _text(value).upper()
    if len(text) != 19:  # a local 编号 (G1, 3-12) in the code's column: the parcel's 编号, not a 宗地代码
        return ""
    if not ZDDM.match(text):
        raise BadValue(
            f"宗地代码“{text}”不符合 19 位编码规则（6 位区划 + 6 位地籍区/子区 + 2 位特征码 + 5 位顺序号）"
        )
    return text


def _short(limit: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if len(text) > limit:
            raise BadValue(f"“{text[:20]}…”超过 {limit} 个字")
        return text

    return parse


@dataclass(frozen=True)
class Column:
    """One parcel field a file may carry: its Chinese label, the names it is found by, its parser."""

    field: str
    label: str
    aliases: tuple[str, ...]
    parse: Callable[[Any], Any]


COLUMNS: tuple[Column, ...] = (
    Column("zddm", "宗地代码", ("ZDDM", "宗地代码"), _zddm),
    Column("name", "名称", ("MC", "名称", "项目名称"), _short(200)),
    Column(
        "build_class", "建设状况", ("JSZK", "建设状况", "建设状况分类"), _choice(BUILD_CLASSES, "建设状况")
    ),
    Column(
        "supply_class", "供应状况", ("GYZK", "供应状况", "供应状况分类"), _choice(SUPPLY_CLASSES, "供应状况")
    ),
    Column("landuse_code", "土地用途代码", ("TDYT", "DLBM", "土地用途", "用途代码"), _short(10)),
    Column("industry_code", "行业代码", ("HYDM", "行业代码"), _short(4)),
    Column("is_industrial", "工业用地", ("GYYD", "工业用地"), _flag),
    Column("holder_uscc", "使用权人统一社会信用代码", ("QLRDM", "使用权人代码", "统一社会信用代码"), _uscc),
    Column("holder_name", "使用权人", ("QLR", "QLRMC", "使用权人", "权利人"), _short(200)),
    Column("reserve", "储备地", ("CBD", "储备地"), _flag),
    Column("contract_no", "合同编号", ("HTBH", "合同编号"), _short(60)),
    Column("contract_date", "合同日期", ("HTRQ", "合同日期"), _date),
    Column("price_wan", "价款(万元)", ("JK", "价款", "价款万元"), _number),
    Column("agreed_start", "约定动工日期", ("YDDGRQ", "约定动工日期"), _date),
    Column("agreed_finish", "约定竣工日期", ("YDJGRQ", "约定竣工日期"), _date),
    Column("started_on", "动工日期", ("DGRQ", "动工日期"), _date),
    Column("stopped_on", "中止日期", ("ZZRQ", "中止日期"), _date),
    Column("completed_on", "竣工日期", ("JGRQ", "竣工日期"), _date),
    Column("footprint_required_m2", "应开发基底面积", ("YKFJD", "应开发基底面积"), _number),
    Column("footprint_built_m2", "已开发基底面积", ("YKFJDMJ", "已开发基底面积"), _number),
    Column("invest_total_wan", "总投资(万元)", ("ZTZ", "总投资"), _number),
    Column("invest_done_wan", "已投资(万元)", ("YTZ", "已投资"), _number),
    Column("floor_area_m2", "建筑面积", ("JZMJ", "建筑面积"), _number),
    Column("footprint_m2", "建筑基底面积", ("JDMJ", "建筑基底面积", "占地面积"), _number),
    Column("yard_m2", "露天堆场及操作场地", ("DCMJ", "露天堆场"), _number),
    Column("office_land_m2", "行政办公及生活服务用地", ("BGMJ", "行政办公用地"), _number),
    Column("gov_cause", "政府原因", ("ZFYY", "政府原因"), _short(200)),
)
# The 证载 area is read by the geometry check (m² or 亩), not here.
CERT_AREA = ("ZZMJ", "证载面积", "area_cert_m2")
CERT_AREA_MU = ("ZZMJ_MU", "证载面积亩")
_NUMBERS_DEFAULT_ZERO = {"floor_area_m2", "footprint_m2", "yard_m2", "office_land_m2"}


def _lookup(attributes: Mapping[str, Any]) -> dict[str, str]:
    """Canonical field → the attribute name the file uses for it (names compared without case)."""
    by_lower = {k.strip().lower(): k for k in attributes}
    found = {}
    for column in COLUMNS:
        for name in (column.field, *column.aliases):
            if name.lower() in by_lower:
                found[column.field] = by_lower[name.lower()]
                break
    return found


def cert_area_field(attributes: Mapping[str, Any]) -> tuple[str | None, str]:
    """The file's 证载 area column and its unit (``m2`` or ``mu``), if it has one.

    >>> cert_area_field({"ZZMJ": 1}), cert_area_field({"证载面积亩": 1}), cert_area_field({})
    (('ZZMJ', 'm2'), ('证载面积亩', 'mu'), (None, 'm2'))
    """
    lowered = {k.lower(): k for k in attributes}
    for names, unit in ((CERT_AREA_MU, "mu"), (CERT_AREA, "m2")):
        for name in names:
            if name.lower() in lowered:
                return lowered[name.lower()], unit
    return None, "m2"


def read_attributes(attributes: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The parcel fields of one feature and the reasons of the values refused (``列“建设状况”：…``).

    >>> fields, problems = read_attributes({"JSZK": "a2", "JZMJ": "48,000", "DGRQ": "20190301"})
    >>> fields["build_class"], fields["floor_area_m2"], fields["started_on"], problems
    ('A2', 48000.0, datetime.date(2019, 3, 1), [])
    >>> read_attributes({"建设状况": "Z9", "价款": "-1"})[1]
    ['建设状况：建设状况“Z9”不是可选值（A1、A2、A31、A32、A4、A51、A52、A6、B11、B12、B21、B22、C1、C2、C3）', '价款(万元)：“-1”应为不小于 0 的数字']
    """
    names = _lookup(attributes)
    fields: dict[str, Any] = {}
    problems: list[str] = []
    for column in COLUMNS:
        if column.field not in names:
            continue
        try:
            value = column.parse(attributes[names[column.field]])
        except BadValue as exc:
            problems.append(f"{column.label}：{exc}")
            continue
        if value is None and column.field in _NUMBERS_DEFAULT_ZERO:
            value = 0.0
        fields[column.field] = value
    if fields.get("build_class") == "A2" and "is_industrial" not in names:
        fields["is_industrial"] = True  # 工矿仓储用地 is industrial unless the file says otherwise
    return fields, problems


_CRS_WORDS = (
    (re.compile(r"CGCS2000 / 3-degree Gauss-Kruger CM (\d+)E"), r"CGCS2000 3°高斯-克吕格投影，中央经线 \1°E"),
    (
        re.compile(r"CGCS2000 / 3-degree Gauss-Kruger zone (\d+)"),
        r"CGCS2000 3°高斯-克吕格投影，第 \1 带（横坐标带带号）",
    ),
    (re.compile(r"CGCS2000 / Gauss-Kruger CM (\d+)E"), r"CGCS2000 6°高斯-克吕格投影，中央经线 \1°E"),
    (
        re.compile(r"CGCS2000 / Gauss-Kruger zone (\d+)"),
        r"CGCS2000 6°高斯-克吕格投影，第 \1 带（横坐标带带号）",
    ),
    (re.compile(r"China Geodetic Coordinate System 2000"), "CGCS2000 经纬度"),
    (re.compile(r"WGS 84"), "WGS84 经纬度"),
)


def crs_in_words(label: str) -> str:
    """A CRS label as a Chinese reader knows it (the EPSG dataset names it in English).

    >>> crs_in_words("EPSG:4545（CGCS2000 / 3-degree Gauss-Kruger CM 108E）")
    'EPSG:4545（CGCS2000 3°高斯-克吕格投影，中央经线 108°E）'
    >>> crs_in_words("EPSG:4490（China Geodetic Coordinate System 2000）")
    'EPSG:4490（CGCS2000 经纬度）'
    """
    for pattern, words in _CRS_WORDS:
        label = pattern.sub(words, label)
    return label
