"""Hypothesis strategies of the projects slice: small zones of projects with milestones and money."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import EVIDENCE, MILESTONE_STAGES

UNITS = ("投资促进局", "招商服务中心")
VERIFIERS = ("投资促进局", "统计局", "市场监管局", None)
START = date(2022, 1, 1)


def days(draw: st.DrawFn, lo: int = 0, hi: int = 1400) -> date:
    return START + timedelta(days=draw(st.integers(lo, hi)))


@st.composite
def zones(
    draw: st.DrawFn, max_projects: int = 12
) -> tuple[list[Project], list[Milestone], list[Funds], list[Fai]]:
    n = draw(st.integers(1, max_projects))
    projects, milestones, funds, fai = [], [], [], []
    for k in range(n):
        code = f"X{k}"
        signed = days(draw, 0, 1000)
        projects.append(
            Project(
                code=code,
                zone=draw(st.sampled_from(("甲区", "乙区"))),
                lead_unit=draw(st.sampled_from(UNITS)),
                agreement=draw(st.sampled_from(("正式合同", "正式合同", "框架协议", "意向"))),
                signed_on=signed,
                total_wan=float(draw(st.integers(1, 2_000_000))),
                kind=draw(st.sampled_from(("新建", "新建", "二期"))),
                terminated_on=draw(st.none() | st.just(signed + timedelta(days=draw(st.integers(0, 600))))),
                fake=draw(st.booleans()) and draw(st.booleans()),
                in_zone=draw(st.booleans()) or draw(st.booleans()),
            )
        )
        for stage in draw(st.lists(st.sampled_from(MILESTONE_STAGES), max_size=6)):
            on = signed + timedelta(days=draw(st.integers(0, 900)))
            milestones.append(
                Milestone(
                    project=code,
                    stage=stage,
                    reached_on=on,
                    evidence=draw(st.sampled_from(EVIDENCE[stage])),
                    evidence_on=on + timedelta(days=draw(st.integers(0, 60))),
                    verified_by=draw(st.sampled_from(VERIFIERS)),
                    value=draw(st.floats(0, 1.5)) if stage == "达产" else None,
                )
            )
        funds += [
            Funds(project=code, arrived_on=days(draw), amount_wan=float(draw(st.integers(0, 50_000))),
                  evidence=draw(st.sampled_from(("银行进账单", ""))))
            for _ in range(draw(st.integers(0, 2)))
        ]  # fmt: skip
        for _ in range(draw(st.integers(0, 2))):
            month = days(draw).replace(day=1)
            fai.append(Fai(project=code, month=month, amount_wan=float(draw(st.integers(0, 50_000)))))
    return projects, milestones, funds, fai
