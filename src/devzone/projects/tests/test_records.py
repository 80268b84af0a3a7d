"""Bad input is refused with every fault at once, each in Chinese naming the project and the reason."""

from __future__ import annotations

from datetime import date

import pytest

from devzone.projects.records import (
    Fai,
    Funds,
    Milestone,
    Project,
    ProjectInputError,
    check_rows,
    duplicate_deals,
)

P = Project(code="P1", zone="示范经开区", lead_unit="投资促进局", signed_on=date(2024, 2, 20), total_wan=1_200_000,
            investor_uscc="91320700MA1X2Y3W4T", parcel_id="G-1")  # fmt: skip


def refused(projects=(P,), milestones=(), funds=(), fai=()) -> tuple[str, ...]:
    with pytest.raises(ProjectInputError) as error:
        check_rows(list(projects), list(milestones), list(funds), list(fai))
    return error.value.issues


def test_every_fault_at_once() -> None:
    issues = refused(
        milestones=[
            Milestone(project="P1", stage="开工", reached_on=date(2024, 1, 5), evidence="入库", verified_by="统计局"),
            Milestone(project="P1", stage="注册", reached_on=date(2024, 3, 1), verified_by="市场监管局"),
            Milestone(project="P1", stage="竣工", reached_on=date(2025, 3, 1), evidence="竣工验收备案",
                      verified_by="投资促进局"),
        ]
    )  # fmt: skip
    assert issues == (
        "项目 P1 的“开工”节点：开工日期 2024-01-05 早于签约日期 2024-02-20",
        "项目 P1 的“注册”节点：已核验但没有佐证材料",
        "项目 P1 的“竣工”节点：核验单位 投资促进局 是本项目的招商责任单位，须由其他单位核验",
    )


def test_an_amount_in_yuan_an_unknown_industry_and_a_wrong_uscc() -> None:
    wrong = Project(code="P2", zone="示范经开区", lead_unit="投资促进局", signed_on=date(2024, 1, 1),
                    total_wan=12_000_000_000, industry_code="X99", company_uscc="91320700MA1X2Y3W4A")  # fmt: skip
    issues = refused([P, wrong], funds=[Funds(project="P2", arrived_on=date(2024, 5, 1), amount_wan=1.8e9)])
    assert issues[0] == "项目 P2：协议总投资 1.2e+10 万元超过 1000 亿元，是否误填为元？（应以万元填写）"
    assert issues[1] == "项目 P2：行业代码“X99”不是国民经济行业分类（GB/T 4754）代码"
    assert issues[2].startswith("项目 P2：项目公司统一社会信用代码 91320700MA1X2Y3W4A 有误（")
    assert issues[3].startswith("项目 P2 的到位资金（2024-05-01）：金额 1.8e+09 万元超过 1000 亿元")


def test_unknown_stage_evidence_project_and_choice() -> None:
    issues = refused(
        [Project(code="P1", zone="Z", lead_unit="U", signed_on=date(2024, 1, 1), channel="网络")],
        milestones=[
            Milestone(project="P1", stage="签约", reached_on=date(2024, 1, 1), evidence="正式合同"),
            Milestone(project="P1", stage="开工", reached_on=date(2024, 2, 1), evidence="营业执照"),
            Milestone(project="P9", stage="开工", reached_on=date(2024, 2, 1)),
        ],
        fai=[Fai(project="P1", month=date(2024, 2, 1), amount_wan=1, source="估计")],
    )
    assert issues == (
        "项目 P1：招商方式“网络”不是可选值（平台、窗口、以侨、精准、驻点、以商引商、基金、委托/中介、活动签约、其他）",
        "项目 P1 的“签约”节点：阶段“签约”不是可选值（注册、入园、开工、竣工、投产、达产、上规）",
        "项目 P1 的“开工”节点：佐证材料“营业执照”不适用于此阶段（可用：入库、施工许可、施工合同照片）",
        "项目 P9 的“开工”节点：没有编号为 P9 的项目",
        "项目 P1 的固定资产投资（2024-02）：来源“估计”不是可选值（统计、项目单位）",
    )


def test_one_deal_entered_twice_is_reported_not_counted_twice() -> None:
    again = Project(code="P1b", zone="示范经开区", lead_unit="招商服务中心", signed_on=date(2024, 9, 12),
                    total_wan=1_500_000, investor_uscc="91320700MA1X2Y3W4T", parcel_id="G-1")  # fmt: skip
    assert duplicate_deals([P, again]) == (("P1", "P1b"),)
    assert refused([P, again]) == (
        "项目 P1、P1b 是同一投资方在同一地块的同一项目，只能登记一次（再次签约请记为签约活动）",
    )
    elsewhere = Project(code="P2", zone="示范经开区", lead_unit="投资促进局", investor_uscc="91320700MA1X2Y3W4T",
                        parcel_id="G-2")  # fmt: skip
    assert duplicate_deals([P, elsewhere]) == ()
