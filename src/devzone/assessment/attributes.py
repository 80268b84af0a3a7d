"""Peer-group attributes of a zone, derived from the unit directory: ``region`` (东部/中部/西部, the
商务部 grouping of national ETDZs) and ``region3`` (苏南/苏中/苏北 for Jiangsu, the province's grouping).

Sources: 东中西 three-region division of the 七五 plan (国家统计局 东中西部划分, 11/8/12 provinces);
江苏 苏南/苏中/苏北 as in 江苏省统计年鉴 (苏南: 南京 无锡 常州 苏州 镇江; 苏中: 南通 扬州 泰州;
苏北: 徐州 连云港 淮安 盐城 宿迁).
"""

from __future__ import annotations

from collections.abc import Mapping

REGION_BY_PROVINCE: dict[str, str] = {
    **dict.fromkeys(
        (
            "北京市",
            "天津市",
            "河北省",
            "辽宁省",
            "上海市",
            "江苏省",
            "浙江省",
            "福建省",
            "山东省",
            "广东省",
            "海南省",
        ),
        "东部",
    ),
    **dict.fromkeys(
        ("山西省", "吉林省", "黑龙江省", "安徽省", "江西省", "河南省", "湖北省", "湖南省"), "中部"
    ),
    **dict.fromkeys(
        (
            "内蒙古自治区",
            "广西壮族自治区",
            "重庆市",
            "四川省",
            "贵州省",
            "云南省",
            "西藏自治区",
            "陕西省",
            "甘肃省",
            "青海省",
            "宁夏回族自治区",
            "新疆维吾尔自治区",
        ),
        "西部",
    ),
}
JIANGSU_REGION3: dict[str, str] = {
    **dict.fromkeys(("南京市", "无锡市", "常州市", "苏州市", "镇江市"), "苏南"),
    **dict.fromkeys(("南通市", "扬州市", "泰州市"), "苏中"),
    **dict.fromkeys(("徐州市", "连云港市", "淮安市", "盐城市", "宿迁市"), "苏北"),
}


def zone_attributes(*, province: str, city: str, level: str, kind: str) -> dict[str, str]:
    """The attributes a framework may group by (empty ones left out).

    >>> zone_attributes(province="江苏省", city="连云港市", level="provincial", kind="etdz")
    {'province': '江苏省', 'city': '连云港市', 'level': 'provincial', 'kind': 'etdz', 'region': '东部', 'region3': '苏北'}
    """
    out = {"province": province, "city": city, "level": level, "kind": kind}
    out["region"] = REGION_BY_PROVINCE.get(province, "")
    out["region3"] = JIANGSU_REGION3.get(city, "") if province == "江苏省" else ""
    return {k: v for k, v in out.items() if v}


def attribute_table(rows: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """A plain, sorted copy (stored in run snapshots so the hash and the JSON are stable).

    >>> attribute_table({"2": {"b": "x"}, "1": {"a": "y"}})
    {'1': {'a': 'y'}, '2': {'b': 'x'}}
    """
    return {z: dict(sorted(rows[z].items())) for z in sorted(rows)}
