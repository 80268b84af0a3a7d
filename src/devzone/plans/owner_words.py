"""Vocabulary of owner annotations: role keys (牵头单位:), role suffixes (A牵头) and unit endings.

A key is a role prefix joined to a unit noun: 牵头/主责/主办/承办 + 单位/部门/处室 … name the lead,
配合/协同/协办/协作/参与/协助 + … the support, and 责任/实施/落实 + … a plain list whose first
unit leads (the 任务分工表 convention, e.g. 国办发〔2019〕… 分工方案: "排在第一位的为牵头单位").
Keys naming a person (牵头领导, 责任人) or a time limit (完成时限) carry no unit.
"""

from __future__ import annotations

import re

# role prefix → role of the units listed after "<prefix><noun>:"
ROLE_PREFIXES: dict[str, str] = {
    "牵头责任": "lead",
    "总牵头": "lead",  # a section's note "(总牵头单位:X)": X leads every item under it
    "责任牵头": "lead",
    "牵头": "lead",
    "主责": "lead",
    "主办": "lead",
    "主政": "lead",  # "主政機關": the body in charge (Taiwan)
    "主管": "lead",
    "责任配合": "support",
    "配合责任": "support",
    "协同责任": "support",
    "协办责任": "support",
    "配合": "support",
    "协同": "support",
    "协办": "support",
    "协作": "support",
    "参与": "support",
    "参加": "support",
    "协助": "support",
    "支持": "support",
    "主体责任": "first",
    "工作责任": "first",
    "责任": "first",
    "实施": "first",
    "承办": "lead",  # CONVENTIONS: 承办单位 → lead, each unit it lists
    "权责": "first",  # "權責機關:A": the body answering for it (Taiwan)
    "负责": "first",
    "落实": "first",
}
# (机关: Taiwan's and Hong Kong's word for a government body, "主辦機關:交通局;協辦機關:環保局")
# ("责任处室及单位:A,B": a bureau's own offices and the bodies under it, in one list)
UNIT_NOUNS = (
    "单位",
    "部门",
    "处室",
    "科室",
    "机构",
    "主体",
    "机关",
    "处室及单位",
    "科室及单位",
    "部门及单位",
)
_SINGLE_KEYS: dict[str, str] = {
    "牵头": "lead",
    "配合": "support",
    "协同": "support",
    "协办": "support",
    "参与": "support",
    "主办": "lead",  # "(主办:A;协办:B)": the keys alone, without 单位
    "主责": "lead",
    "责任单位及分工": "first",
}
_SKIP_KEYS = (
    "完成时限",
    "完成时间",
    "时间节点",
    "时间进度",
    "进度安排",
    "时限要求",
    "时限",
    "完成期限",  # Taiwan's words for the time limit ("完成期限:", "辦理期程:", "預定完成日期:")
    "办理期程",
    "预定完成日期",
    "预定完成时间",
    # a law page's record field ("主管機關: 雲林縣政府建設處", "發文機關:"): who issued it, no owner of a task
    "主管机关",
    "责任人",
    "联系人",
    # a supervisor is no owner ("效能监督单位:市监察局", "督办单位:市政府督查室")
    "效能监督单位",
    "监督单位",
    "督办单位",
    "督查单位",
)


def _keys() -> dict[str, str]:
    keys = {p + n: role for p, role in ROLE_PREFIXES.items() for n in UNIT_NOUNS}
    # "部门分工:A牵头,B配合" — a division of work among units; its suffixes name the roles
    keys.update({n + "分工": "first" for n in UNIT_NOUNS})
    keys.update(_SINGLE_KEYS)
    keys.update(dict.fromkeys(_SKIP_KEYS, "skip"))
    return keys


# key word → role of the units listed after it ("first" = first lead, rest support; "skip" = not units)
KEY_ROLES: dict[str, str] = _keys()
# a person named after "牵头领导:", "分管领导:", "牵头市领导:" … is not an owner
PERSON_KEY = r"(?:牵头|责任|分管|联系|包抓|包保|挂钩|督办)(?:负责)?(?:市|区|县|省)?领导"
_OTHER_KEYS = sorted(
    {**_SINGLE_KEYS, **dict.fromkeys(_SKIP_KEYS), **{n + "分工": "" for n in UNIT_NOUNS}},
    key=len,
    reverse=True,
)
# "主要协作单位:", "主要责任单位:" — 主要 ("main") before a key leaves its role as it is
KEY_PATTERN = (
    "(?:主要)?(?:"
    + "|".join(sorted(ROLE_PREFIXES, key=len, reverse=True))
    + ")(?:"
    + "|".join(UNIT_NOUNS)
    + ")|"
    + "|".join(_OTHER_KEYS)
    + "|"
    + PERSON_KEY
)
_PERSON_RE = re.compile(PERSON_KEY + "$")


def key_role(key: str) -> str:
    """Role of the units listed after an owner key.

    >>> key_role("协同部门"), key_role("责任部门"), key_role("主办单位")
    ('support', 'first', 'lead')
    >>> key_role("牵头领导")
    'skip'
    >>> key_role("主要协作单位"), key_role("主要责任单位")
    ('support', 'first')
    >>> key_role("完成时限")
    'skip'
    """
    if key in KEY_ROLES:
        return KEY_ROLES[key]
    if key.startswith("主要") and key[2:] in KEY_ROLES:
        return KEY_ROLES[key[2:]]
    return "skip" if _PERSON_RE.match(key) else "first"


# suffix after a unit name → role ("A牵头", "B、C配合"); "resp" = lead, but support after a 牵头 unit
SUFFIX_ROLES: dict[str, str] = {
    "按职责分工分别负责": "lead",  # each unit answers for its own part: all lead
    "按职责分工负责": "resp",
    "按职责负责": "resp",
    "按职责分工": "resp",  # "(A牵头,市各有关单位按职责分工)": the verb left out, as in 按职责分工负责
    "分工负责": "resp",
    "共同牵头": "lead",
    "总牵头": "lead",  # "一、加快调整能源结构(省发改委总牵头)": the chapter's lead
    "分别牵头": "lead",
    "分别负责落实": "resp",  # "(A、B、C分别负责落实)": each answers for its own part
    "分别负责": "resp",
    "共同负责": "resp",
    "牵头负责": "lead",
    "牵头落实": "lead",
    "牵头": "lead",
    "会同": "lead",  # "综合规划处会同 / 科学技术处、…": the unit before 会同 leads, those after it support
    "负责落实": "resp",
    "具体落实": "resp",
    "抓好落实": "resp",
    "组织实施": "resp",
    "负责": "resp",
    "按职责配合": "support",
    "配合落实": "support",
    "配合实施": "support",
    "配合": "support",
    "参与": "support",
    "参加": "support",  # "(A、B牵头,C、D参加)": the units taking part support the lead
    "协同": "support",
    "协助": "support",
    "协办": "support",
    "主办": "lead",  # "(A主办,B、C协办)": read like 牵头 / 配合
}
# nouns naming a kind of unit, no unit: "(单位)" under 责任股室, "单位" ending the name 牵头责任 / 单位
KIND_NOUNS = frozenset({"单位", "部门", "科室", "处室", "股室", "机构", "单位名称"})
UNIT_ENDINGS = (
    *("局", "委", "办", "厅", "部", "处", "科", "室", "院", "会", "所", "站", "队", "中心", "公司"),
    *("集团", "政府", "海关", "银行", "法院", "区", "县", "市", "省", "镇", "乡", "街道", "板块"),
    *("单位", "部门", "机构", "署", "馆", "社", "组", "团", "办公室", "小组", "分局", "支队", "县区"),
    *("园", "港", "校", "大学", "协会", "商会", "联", "行", "台", "局）", "办）", "委）"),
    "股",  # a county bureau's 股室 (文化宣传股, 旅游股)
    "司",  # a ministry's department (法制司, 财务司): "(法制司牵头,有关单位负责)"
    "课",  # a Taiwanese 區公所's section (民政課, 社會課): "一、民政課:自治行政、選舉…"
)
STRONG_ENDINGS = (
    *("局", "委", "办", "厅", "政府", "管委会", "中心", "公司", "集团", "海关", "银行", "部", "室"),
    *("委员会", "法院", "检察院", "分局", "支队", "办公室", "小组", "支行", "分行"),
    "街道",  # a subdistrict ("丹凤街道牵头", "漾月街道配合"), as its 办事处 is
)
# the name of a zone ("成都经济技术开发区", "漳州高新技术产业园区"): a unit, though no office noun ends it
ZONE_ENDINGS = ("开发区", "经开区", "高新区", "新区", "园区", "经济区", "示范区")
VERBS = (
    *("支持", "推动", "加强", "建设", "推进", "开展", "实施", "完善", "鼓励", "引导", "落实", "促进"),
    *("提升", "加快", "做好", "要", "将", "对", "把", "并", "通过", "按照", "以"),
)
# the posts persons hold, ending a name that is a person's, not a unit's ("…办事处主任", "各乡镇党委书记",
# "臺中市政府文化局副局長"): longer words before the ones they end with
POSTS = (
    *("主任委员", "主任", "秘书长", "局长", "处长", "科长", "所长", "院长", "署长", "会长", "队长", "总经理"),
    *("书记", "县长", "市长", "区长", "乡长", "镇长", "负责人", "负责同志", "一把手", "主要领导"),
)
NOT_UNIT_WORDS = (
    *("包括", "以下", "简称", "统称", "含", "详见", "见附件", "是", "如", "即", "年", "%"),
    # a document's status or a page's label in brackets ("…制度(试行)", "【市政府文件】"): no unit
    *("试行", "暂行", "征求意见", "文件"),
)
