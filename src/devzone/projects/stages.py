"""The stage model of an investment project (招商项目), ordered from 谋划 to 上规. Pure: no Django.

A stage counts only when its milestone is verified by a unit other than the project's 招商责任单位, with
evidence of a kind the method accepts. "At stage ≥ k" means milestone k, or a later counted milestone, is
counted (milestones may arrive out of order: 供地 before 注册). 框架协议 (stage 2) is shown on the board and
never counted as 签约; 签约 is the 正式合同 (stage 3).

References
----------
融安县 "七个一批" 项目定义 (2025): 签约项目 = 正式签订投资协议; 国家统计局 实质性开工 / 建成投产 的统计口径;
国有建设用地使用权出让合同 GF-2008-2601 第三十六条 (竣工验收备案); uktrade/data-hub-api stage log.
"""

from __future__ import annotations

STAGES = ("谋划", "洽谈", "框架协议", "签约", "注册", "入园", "开工", "竣工", "投产", "达产", "上规")
"""Stage names by number (0 … 10)."""

STAGE = {name: k for k, name in enumerate(STAGES)}
SIGNED, REGISTERED, LANDED, STARTED, COMPLETED, PRODUCING, CAPACITY, ABOVE_SCALE = (
    STAGE[s] for s in ("签约", "注册", "入园", "开工", "竣工", "投产", "达产", "上规")
)
FRAMEWORK = STAGE["框架协议"]
MILESTONE_STAGES = STAGES[REGISTERED:]
"""The stages recorded as milestones (签约 and 框架协议 come from the project's agreement)."""

AGREEMENTS = ("意向", "框架协议", "正式合同")
CONTRACT = "正式合同"
KINDS = ("新建", "增资扩产", "技改", "二期", "迁建")
CHANNELS = ("平台", "窗口", "以侨", "精准", "驻点", "以商引商", "基金", "委托/中介", "活动签约", "其他")
STATUSES = ("推进中", "滞后", "停滞", "终止", "收回", "完成")

EVIDENCE = {
    "注册": ("营业执照",),
    "入园": ("出让合同", "交地确认书", "厂房租赁"),
    "开工": ("入库", "施工许可", "施工合同照片"),
    "竣工": ("竣工验收备案",),
    "投产": ("投产记录", "销售发票"),
    "达产": ("达产复核",),
    "上规": ("一套表",),
}
"""Evidence kinds a milestone may carry, by stage (spec table B, the 入库 materials)."""

STUCK_LISTS = {
    "签约未注册": (SIGNED, REGISTERED),
    "注册未供地": (REGISTERED, LANDED),
    "供地未开工": (LANDED, STARTED),
    "开工未竣工": (STARTED, COMPLETED),
    "竣工未投产": (COMPLETED, PRODUCING),
    "投产未达产": (PRODUCING, CAPACITY),
}
"""Stuck lists a method may name, each (reached, not yet reached). The default six are *unverified*
(宁波's "六未" list is not public); stage 5 is called 供地 here, as 资阳's "三未" lists do."""
