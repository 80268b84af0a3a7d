"""Hypothesis strategies for the plan engine: plan structures and their standard text layout."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

# characters that never form a marker, a key word, a numeral or a unit on their own
WORD_CHARS = "产业园创造发展体系建设推进优化服务平台企业招商开放环境能力质量科技人才土地集约利用水平绿色低碳数字经济营商"
UNITS = (
    "市委编办",
    "市商务局",
    "市工信局",
    "市财政局",
    "市科技局",
    "市发改委",
    "市自然资源局",
    "各县区",
    "各开发区管委会",
    "市商务局（自贸办）",
    "市_",
    "连云港海关",
    "功能板块",
    "市地方金融局",
)
CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True, kw_only=True)
class TaskSpec:
    heading: str
    body: str
    leads: tuple[str, ...]
    supports: tuple[str, ...]
    deadline: tuple[int, int] | None


@dataclass(frozen=True, kw_only=True)
class SectionSpec:
    title: str
    tasks: tuple[TaskSpec, ...]


@dataclass(frozen=True, kw_only=True)
class PlanSpec:
    title: str
    sections: tuple[SectionSpec, ...]


words = st.text(alphabet=WORD_CHARS, min_size=2, max_size=12)


@st.composite
def task_specs(draw: st.DrawFn) -> TaskSpec:
    names = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=5, unique=True))
    n_leads = draw(st.integers(min_value=1, max_value=len(names)))
    deadline = draw(st.none() | st.tuples(st.integers(2021, 2030), st.integers(1, 12)))
    return TaskSpec(
        heading=draw(words),
        body=draw(words),
        leads=tuple(names[:n_leads]),
        supports=tuple(names[n_leads:]),
        deadline=deadline,
    )


section_specs = st.builds(
    SectionSpec, title=words, tasks=st.lists(task_specs(), min_size=1, max_size=4).map(tuple)
)
plan_specs = st.builds(
    PlanSpec,
    title=words.map(lambda w: w + "行动方案"),
    sections=st.lists(section_specs, min_size=1, max_size=len(CN_NUMBERS) - 1).map(tuple),
)


def render_plan(plan: PlanSpec) -> str:
    """The standard layout: title, 一、主要任务, (一) sections, numbered tasks with owner brackets."""
    lines = [plan.title, "一、主要任务"]
    for i, section in enumerate(plan.sections):
        lines.append(f"({CN_NUMBERS[i]}){section.title}")
        for k, task in enumerate(section.tasks, start=1):
            when = f"{task.deadline[0]}年{task.deadline[1]}月底前完成" if task.deadline else "持续推进"
            owners = f"牵头单位:{'、'.join(task.leads)}"
            if task.supports:
                owners += f";配合单位:{'、'.join(task.supports)}"
            lines.append(f"{k}.{task.heading}。{task.body},{when}。({owners})")
    return "\n".join(lines) + "\n"
