"""Quantities (数量) in plan text: a numeral, its unit and the modifiers after it.

A quantity is a target candidate when it ends its clause ("突破800亿元,"), or when a count
follows a verb of creation ("培育10家龙头企业"), or when it is a range ("确定3—4个"). A
quantity followed by 级 ("50亿级项目") or a measure followed by a noun ("百亿元以上项目",
"50%的企业") qualifies that noun and is not a target. Numbers in “quotes” and 《titles》, ordinals
(第3位), years and redacted years (20xx) are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devzone.plans.numerals import number_value
from devzone.plans.scan import Opened

POST_MODIFIERS: dict[str, str] = {"以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "左右": "="}
MONEY = ("万亿元", "亿美元", "万美元", "亿欧元", "亿元", "万元", "美元", "元")
_MEASURES = ("平方公里", "公顷", "亩", "人", "年", "吨标准煤", "吨", "平方米", "立方米", "千瓦时", "户", "家")
COUNT_UNITS = (
    "人次",
    "万人",
    "万户",
    "万家",
    "家",
    "个",
    "户",
    "项",
    "所",
    "座",
    "条",
    "名",
    "人",
    "位",
    "件",
    "套",
    "台",
    "辆",
    "次",
    "宗",
    "种",
    "处",
    "支",
    "批次",
    "场次",
    "场",
    "篇",
    "块",  # ("更换旅游交通标志32块")
    "张",  # ("新增养老床位3000张")
    "册",  # ("补充图书5000册以上")
    "间",
)
OTHER_UNITS = (
    "人年",
    "个百分点",
    "个工作日",
    "个月",
    "万亩",
    "亿斤",  # grain output ("总产量2.825亿斤以上")
    "万斤",
    "万吨标准煤",
    "吨标准煤",
    "万平方米",
    "平方米",
    "万平米",  # (the short form a page writes: "建筑面积96万平米")
    "平米",
    "平方公里",
    "亿立方米",
    "万立方米",
    "立方米",
    "亿千瓦时",
    "公顷",
    "万吨",
    "吨",
    "万千瓦时",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "万标箱",
    "标箱",
    "公里",
    "千米",
    "延米",
    "米",
    "工作日",
    "小时",
    "百分点",
    "分钟",
    "分",
    "亩",
    "倍",
    "年",
    "天",
    "%",
    "‰",
)
TIME_UNITS = frozenset({"年", "天", "小时", "分钟", "工作日", "个工作日", "个月"})
# a count in ten thousands ("2.7万个", "1万座") is the same count unit with its magnitude
_WAN_COUNTS = ["万" + u for u in COUNT_UNITS if not u.startswith("万") and u != "人次"]
_UNITS = sorted(
    [m + "/" + p for m in MONEY for p in _MEASURES]
    + list(MONEY)
    + list(COUNT_UNITS)
    + _WAN_COUNTS
    + list(OTHER_UNITS),
    key=len,
    reverse=True,
)
# a compound unit "吨标准煤/万元", "万元/亩", "人/万人": a unit over a denominator
_PER = (
    "万元",
    "亿元",
    "元",
    "亩",
    "公顷",
    "平方公里",
    "平方米",
    "万人",
    "人",
    "户",
    "家",
    "吨",
    "千瓦时",
    "年",
    "小时",
    "天",
)
_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
_QTY_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?(?!/\d)|(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])|百分之[零〇一二两三四五六七八九十百点]{1,6}|[零〇一二两三四五六七八九十百千]{1,8})"
    r" ?(?P<unit>(?:" + _UNIT_ALT + r")(?:/(?:" + "|".join(_PER) + r"))?(?![持门]))?"
)
# (the pattern opens with a choice of repeats, which the regex engine tries at every character: the scan
# skips to the figures that open its every match)
_QTY_SCAN = Opened(_QTY_RE, re.compile(r"[\d零〇一二两三四五六七八九十百千]"))
# 分 (a score: "综合得分85分") only after Arabic digits and not in 分钟/分之/分别/分类 …
_WEIGHT_BEFORE_RE = re.compile(r"\((?:每[项个条次季]|共|满分|计)?$")
_SCORE_RE = re.compile(r"分(?![钟之别类期批级局区会行布析配工解项管支])")
_PROTECTED_RE = re.compile(r"《[^《》\n]{0,120}》|“[^“”\n]{0,40}”")
_RANGE_LOW_RE = re.compile(
    r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,4}) ?(?P<unit>[^\d\s,;。、()]{0,8}?) ?(?:-|~|至|到)$"
)
_RANGE_NEXT_RE = re.compile(r" ?(?:-|~|至|到) ?(?:\d|[零〇一二两三四五六七八九十百千])")
_COUNT_NOTE = ("(共", "(合计", "(计")
CREATE_VERBS = (
    "建成",
    "建设",
    "培育",
    "引进",
    "新增",
    "打造",
    "创建",
    "认定",
    "新建",
    "设立",
    "组建",
    "招引",
    "引育",
    "形成",
    "实现",
    "主攻",
    "完成",
    "争创",
    "获批",
    "储备",
    "落地",
    "签约",
    "开工",
    "投产",
    "培养",
    "孵化",
    "举办",
    "召开",
    "开展",
    "净增",
    "累计",
    "建立",
    "举行",
    "启动",
    "加快",
    "抓好",
    "组织",
    "入选",
    "增加",
    "发展",
    "壮大",
    "推动",
    "推进",
    "遴选",
    "评选",
    "推荐",
    "申报",
    "引导",
    "扶持",
    "帮助",
    "服务",
    "走访",
    "调度",
    "通报",
    "检查",
    "达到",
    # (works on what there is: "改造50条背街后巷", "提升改造12个农贸市场", "配备1名专职人员"; not 提升 alone,
    # "优化提升50条背街后巷交通组织": the streets whose traffic it improves)
    "改造",
    "改建",
    "修建",
    "配备",
    "维修",  # ("维修渠道415米", "整修农路380条", "清淤支斗渠98条"): upkeep of what there is, by count or length
    "整修",
    "清淤",
    "疏浚",
    "硬化",
    "铺设",
)
FILLER = frozenset(' 各共约了到至在“”"')
# what may follow a target's quantity: its clause's end, a list's joint, or the mark it passes
# ("突破4000亿元关口", "大关": the mark is the value itself, no noun the value qualifies)
_NOUN_OK_AFTER = (",", "、", ";", "。", ":", ")", "\n", "和", "及", "等", "的目标", "或", "关口", "大关")


@dataclass(frozen=True, kw_only=True)
class Quantity:
    """A number with its unit at ``start:end`` (``end`` after any 以上/以下 modifier)."""

    start: int
    end: int
    value: float
    unit: str
    post_op: str | None
    tail: bool  # the quantity ends its clause
    low: float | None  # lower end of a range "3—4个" (value is the upper end)
    low_start: int


def protected_spans(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of “quoted names” and 《titles》 overlapping ``start:end``.

    >>> protected_spans("实施“十个一工程”", 0, 9)
    [(2, 9)]
    >>> protected_spans("按《规划》要求", 0, 7)
    [(1, 5)]
    >>> protected_spans("无", 0, 1)
    []
    """
    return [
        (m.start(), m.end())
        for m in _PROTECTED_RE.finditer(norm, max(0, start - 160), end)
        if m.end() > start
    ]


def _value(num: str) -> float | None:
    """The value of a numeral; a fraction "1/3" is a percentage (33.33).

    >>> _value("1/3"), _value("1/8"), _value("百分之五"), _value("2.5")
    (33.33, 12.5, 5.0, 2.5)
    """
    if "/" in num:
        top, _, bottom = num.partition("/")
        return round(int(top) * 100 / int(bottom), 2) if int(bottom) > int(top) > 0 else None
    if num.startswith("百分之"):
        body = num[3:]
        if "点" in body:
            whole, _, frac = body.partition("点")
            w = number_value(whole) if whole else 0.0
            digits = "".join(str(int(number_value(ch) or 0)) for ch in frac)
            return None if w is None else float(f"{int(w)}.{digits or 0}")
        return number_value(body)
    return number_value(num)


def created_before(norm: str, seg_start: int, pos: int) -> bool:
    """True when a verb of creation stands right before ``pos`` ("培育10家").

    >>> created_before("培育10家企业", 0, 2)
    True
    >>> created_before("围绕连云港10条产业链", 0, 5)
    False
    >>> created_before("每年推荐1家", 0, 4)
    True
    >>> created_before("全力推进全省20个重点项目", 0, 6)
    True
    >>> created_before("建成不少于30个设施", 0, 5)
    True
    """
    window = norm[max(seg_start, pos - 7) : pos]
    k = len(window)
    while k > 0 and window[k - 1] in FILLER:
        k -= 1
    bound = next((w for w in _BOUND_WORDS if window.endswith(w, 0, k)), None)
    if bound is not None:
        k -= len(bound)  # "建成不少于30个社区嵌入式服务设施": the bound stands between the verb and the count
    if k >= 2 and window[k - 2] == "全" and window[k - 1] in _LEVEL_CHARS:
        k -= 2  # "推进全省20个重点项目": the level names where they are, the verb stands before it
    return window[:k].endswith(CREATE_VERBS)


_LEVEL_CHARS = frozenset("国省市区县镇")


# what the counted things undergo, written after them: "确保40个项目开工", "17家企业成功入库"
DONE_VERBS = ("开工", "投产", "入库", "建成", "竣工", "完工", "落地", "签约", "上市", "挂牌", "入统", "达产")
_CLAUSE_END = frozenset(",;。:!?\n()")


_BUILT_WORDS = ("建设", "改造", "建成")


def _built_after(norm: str, end: int, seg_end: int) -> bool:
    """True when the clause after a measure ends with the building of the noun measured
    ("15万平方米标准厂房建设"), so the measure is the deliverable, not a size qualifier.

    >>> _built_after("15万平方米标准厂房建设;", 6, 13), _built_after("13平方公里核心区的地块调整", 6, 14)
    (True, False)
    """
    stop = end
    while stop < min(seg_end, len(norm), end + 12) and norm[stop] not in _CLAUSE_END:
        stop += 1
    return norm[end:stop].rstrip().endswith(_BUILT_WORDS)


def compared_before(norm: str, seg_start: int, pos: int) -> bool:
    """True when a one-character comparator stands right before ``pos`` ("抽调逾200名人员").

    >>> compared_before("抽调逾200名人员", 0, 3), compared_before("其中200名人员", 0, 2)
    (True, False)
    """
    k = pos
    while k > seg_start and norm[k - 1] in FILLER:
        k -= 1
    return k > seg_start and norm[k - 1] in "超逾达"


def done_after(norm: str, end: int, seg_end: int) -> bool:
    """True when the counted noun is followed, within its clause, by what is done to it
    ("40个项目开工", "22个重点项目开工建设"); not for a grouping ("3批次22个": a count follows).

    >>> done_after("40个项目开工、40个项目投产", 3, 15), done_after("3批次22个项目开工", 3, 11)
    (True, False)
    >>> done_after("10个项目库,开工", 3, 9)
    False
    """
    if end < seg_end and norm[end].isdigit():
        return False
    stop = end
    while stop < min(seg_end, end + 12) and norm[stop] not in _CLAUSE_END and norm[stop] != "、":
        stop += 1
    return any(norm.find(v, end, stop) >= 0 for v in DONE_VERBS)


def _listed_after(norm: str, found: list[Quantity], pos: int, unit: str) -> bool:
    """True for the next count of a list whose first count was read ("建立600家A、500家B、200家C培育库",
    "29个地块、青港湖起步区的6个地块", "培育形成2个千亿级产业集群和6个五百亿级产业集群"): same unit, a
    、/和/及 between, no clause break."""
    if not found or found[-1].unit != unit:
        return False
    between = re.sub(r"\([^()]{0,20}\)", "", norm[found[-1].end : pos])  # "(以下简称创小)"
    return (
        any(j in between for j in "、和及")
        and len(between) <= 16
        and not any(ch in _CLAUSE_END for ch in between)
    )


def _list_head(norm: str, end: int, seg_end: int, unit: str) -> bool:
    """True for the first count of a list of counts in one unit: "29个地块、青港湖起步区的6个地块".

    >>> _list_head("29个地块、起步区的6个地块用地调整", 3, 18, "个"), _list_head("29个地块,6个", 3, 8, "个")
    (True, False)
    """
    stop = end
    while stop < min(seg_end, end + 10) and norm[stop] not in _CLAUSE_END and norm[stop] != "、":
        stop += 1
    if stop >= seg_end or norm[stop] != "、":
        return False
    window = norm[stop + 1 : min(seg_end, stop + 17)]
    cut = next((i for i, ch in enumerate(window) if ch in _CLAUSE_END), len(window))
    return (
        re.search(r"\d+(?:\.\d+)?" + re.escape(unit) + r"(?![\u4e00-\u9fff]*[、,;。]?\d)", window[:cut])
        is not None
    )


_BOUND_WORDS = ("不少于", "不低于", "不超过", "至少", "超过", "达到")
# what delivers the things a list names before the count that closes it ("建成投用A、B、C等8家卫生院");
# not a verb that works on what exists ("发展提升现有公司等4家区属国有企业")
_LIST_VERBS = (
    *("建成", "投用", "新建", "开工", "建设", "打通", "引进", "招引", "培育", "创建", "改造", "落地"),
    *("签约", "投产", "竣工", "完成"),
)


def counted_list(norm: str, seg_start: int, pos: int) -> bool:
    """True for the count closing a list of named things that the clause acts on: "建成投用沿浦、宜山、
    灵溪等8家卫生院", "打通人民大道等12条断头路" (not "围绕电子、化工等5大产业": no act on them); and for a
    count listed after a thing the clause delivers ("完成县应急广播指挥中心、18个乡镇分控中心").

    >>> counted_list("建成投用沿浦、宜山等8家卫生院", 0, 10), counted_list("围绕电子、化工等5个产业", 0, 8)
    (True, False)
    >>> counted_list("完成县指挥中心、18个乡镇分控中心", 0, 8), counted_list("组织示范高中与14所县域高中、7所乡镇高中", 0, 15)
    (True, False)
    """
    if pos <= seg_start or norm[pos - 1] not in "等、":
        return False
    # (a bracket inside the list is no clause break: "打通人民大道(苍南大道至山海大道)等12条断头路")
    before = re.sub(r"\([^()]{0,40}\)", "", norm[seg_start : pos - 1])
    clause = before[max([-1] + [before.rfind(ch) for ch in (*_CLAUSE_END, ",")]) + 1 :]
    if "已" in clause:
        return False  # "在已实施制造业等6个行业…的基础上": what was done, not what is to be delivered
    return any(clause.startswith(v, i) for i in range(min(len(clause), 6)) for v in _LIST_VERBS)


def quantities(norm: str, seg_start: int, seg_end: int, protected: list[tuple[int, int]]) -> list[Quantity]:  # noqa: C901 — one scan; each `continue` is one reading ruled out (ordinal, year, 级, range)
    """Target-candidate quantities of the sentence ``norm[seg_start:seg_end]``.

    >>> [(q.value, q.unit, q.post_op) for q in quantities("引进百亿元以上项目2个", 0, 11, [])]
    [(2.0, '个', None)]
    >>> [(q.low, q.value) for q in quantities("确定3-4个主导产业方向", 0, 12, [])]
    [(3.0, 4.0)]
    >>> quantities("建成1000亿级开发区", 0, 11, [])
    []
    >>> [(q.value, q.unit) for q in quantities("地区生产总值突破4000亿元关口", 0, 16, [])]
    [(4000.0, '亿元')]
    """
    found: list[Quantity] = []
    seg_end = min(seg_end, len(norm))
    for m in _QTY_SCAN.finditer(norm, seg_start, seg_end):
        num = m.group("num")
        # "占全市1/8": a fraction is a share, read as a percentage
        fraction = "/" in num
        unit = "%" if fraction else m.group("unit") or ("%" if num.startswith("百分之") else "")
        start = m.start()
        if not unit or any(s <= start < e for s, e in protected):
            continue
        prev = norm[start - 1] if start > 0 else ""
        nxt = norm[m.end("num")] if m.end("num") < len(norm) else ""
        if prev == "第" or (prev.isascii() and (prev.isalnum() or prev in "./")) or (nxt and nxt in "xX×."):
            continue
        if not num[0].isdigit() and not num.startswith("百分之") and prev in "统唯万之第单专同逐":
            continue
        if unit == "分" and (not num[0].isdigit() or not _SCORE_RE.match(norm, m.start("unit"))):
            continue
        if (
            unit == "分"
            and _WEIGHT_BEFORE_RE.search(norm, max(seg_start, start - 4), start)
            and norm.startswith(")", m.end("unit"))
        ):
            continue  # "省部共建工作成效(20分)", "(每项5分)": an assessment item's weight, no target
        if norm[max(seg_start, start - 3) : start].endswith(_COUNT_NOTE):
            continue  # "(共6项)": a count of the items listed, not a target
        value = _value(num)
        if value is None:
            continue
        if unit == "年" and (value >= 1900 or (not num.isascii() and value > 100)):
            continue
        low: float | None = None
        low_start = start
        rng = _RANGE_LOW_RE.search(norm, max(seg_start, start - 16), start)
        if rng is not None and rng.end() == start and rng.group("unit") in ("", unit):
            low = _value(rng.group(1))
            low_start = rng.start()
            if low is None or low >= value:
                continue
        if num == "一" and unit != "次":
            continue
        opened = norm.rfind("(", seg_start, start)
        if opened >= 0 and norm.find(")", opened, start) < 0 and _EXCEPT_RE.search(norm, opened, start):
            continue  # "6亩以下(不含6亩)": what a bracket includes or leaves out restates a bound
        end = m.end()
        post = None
        for word, op in POST_MODIFIERS.items():
            if norm.startswith(word, end):
                post, end = op, end + len(word)
                break
        if post is None and unit in TIME_UNITS and norm.startswith("内", end):
            post, end = "<=", end + 1  # "14个工作日内": a time limit, as 以内
        if norm.startswith("级", end) or _RANGE_NEXT_RE.match(norm, end):
            continue  # "50亿级项目"; "1500亿元—1800亿元" is read at its upper end
        probe = end
        while probe < seg_end and norm[probe] == " ":
            probe += 1  # "增长11%左右 ;": a stray space before the clause's end
        if probe < seg_end and norm[probe] == "(":
            close = norm.find(")", probe, min(seg_end, probe + 120))
            # a bracket left open to the end ("下降2.5%(省发展改革委牵头,…" cut by the excerpt) closes the clause
            probe = close + 1 if close > 0 else (seg_end if norm.find("(", probe + 1, seg_end) < 0 else probe)
        tail = probe >= seg_end or norm.startswith(_NOUN_OK_AFTER, probe)
        # "增长18%计5分": the goal an assessment scores ends where its score begins
        tail = tail or (norm.startswith("计", probe) and norm[probe + 1 : probe + 2].isdigit())
        if not tail:
            counts = unit in COUNT_UNITS or unit in _WAN_COUNTS
            frequency = unit == "次" and "每" in norm[max(seg_start, start - 20) : start]
            stated = (
                low is not None
                or frequency
                or created_before(norm, seg_start, low_start)
                or counted_list(norm, seg_start, low_start)
                or compared_before(norm, seg_start, low_start)
                or done_after(norm, end, seg_end)
                or _listed_after(norm, found, low_start, unit)
                or _list_head(norm, end, seg_end, unit)
                # (not "3批次22个": the first count groups the second)
                or (
                    counts
                    and not norm[end : end + 1].isdigit()
                    and _invested_set(norm, seg_start, low_start) is not None
                )
            )
            limit = unit in TIME_UNITS and post == "<="  # "3个工作日内完成审批"
            # "完成15万平方米标准厂房建设": a measure of what is built, the clause's deliverable
            built = (
                not counts and created_before(norm, seg_start, low_start) and _built_after(norm, end, seg_end)
            )
            if not limit and not built and (not counts or not stated):
                continue
        if num == "一" and "每" not in norm[max(seg_start, start - 20) : start]:
            continue
        qty = Quantity(
            start=start,
            end=end,
            value=value,
            unit=unit,
            post_op=post,
            tail=tail,
            low=low,
            low_start=low_start,
        )
        sized = _invested_set(norm, seg_start, low_start) if unit in COUNT_UNITS else None
        if sized is not None:
            # "推进总投资480.5亿元,年度计划投资90.4亿元的240个项目": the sums size the set counted
            found = [q for q in found if not (q.unit.startswith(MONEY) and sized <= q.start)]
        found.append(qty)
    return found


_EXCEPT_RE = re.compile(r"不含|含|包括|包含|除")
_INVESTED_RE = re.compile(r"(?:总投资|计划投资|投资总额|总投资额)")


def _invested_set(norm: str, seg_start: int, pos: int) -> int | None:
    """Where the sums sizing a counted set begin, when the count at ``pos`` follows them after 的 and
    a verb of creation opens them ("全力推进总投资480.5亿元…的240个区级重点项目"); else ``None``.

    >>> t = "全力推进总投资480.5亿元的240个区级重点项目"
    >>> _invested_set(t, 0, t.index("240")), _invested_set("实施总投资6000万元的19个项目", 0, 13)
    (4, None)
    """
    if pos <= seg_start or norm[pos - 1] != "的":
        return None
    for m in _INVESTED_RE.finditer(norm, seg_start, pos):
        if created_before(norm, seg_start, m.start()):
            return m.start()
        break  # only the first sum of the clause can follow the verb
    return None
