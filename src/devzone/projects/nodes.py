"""Node templates (``nodes/*.yaml``): a project's dated nodes, each with an owner, a duration, the
evidence it needs and the stage it counts as, and the lights of the nodes on an as-of date. Pure: no Django.

A node's planned date is the template's start (the 正式合同's date) plus the durations of the nodes up to
and including it. A node not done by its planned date is yellow; ``start_red_months`` months after it,
red (the 开工-vs-plan rule of the warning preset applied to every node); a done node is green.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, TypeAdapter, ValidationError, model_validator
from pydantic.dataclasses import dataclass

from devzone.core.citations import Assumption, Citation
from devzone.core.strict import CONFIG, Integer, Refusal, Text, first_issue, one_of
from devzone.land.dates import add_months
from devzone.projects.method import ProjectMethodError, Warnings
from devzone.projects.records import Milestone, Project
from devzone.projects.stages import STAGES

NODES_DIR = resources.files("devzone.projects") / "nodes"


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Node:
    """One node: name, 责任单位 (a role, filled per project), days after the previous node, evidence."""

    name: Text
    owner: Text
    days: Annotated[Integer, Field(ge=0, le=3650)]
    evidence: Text | None = None
    counts_as: Annotated[str, one_of(STAGES)] | None = None


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class NodeTemplate:
    id: Text
    title: Text
    version: Integer
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]
    assumptions: tuple[Assumption, ...] = ()
    nodes: Annotated[tuple[Node, ...], Field(min_length=1)]
    digest: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> NodeTemplate:
        names = [n.name for n in self.nodes]
        if twice := sorted({x for x in names if names.count(x) > 1}):
            raise Refusal("nodes", f"节点“{twice[0]}”重复")
        last = -1
        for k, node in enumerate(self.nodes):
            if node.counts_as is not None:
                stage = STAGES.index(node.counts_as)
                if stage < last:
                    raise Refusal(f"nodes[{k}].counts_as", f"“{node.counts_as}”排在更后阶段的节点之后")
                last = stage
        return self


_TEMPLATE = TypeAdapter(NodeTemplate)


def load_template(path: Path | Any) -> NodeTemplate:
    """Load a node template file; a fault raises :class:`ProjectMethodError` naming the file and key.

    >>> t = load_template(NODES_DIR / "zhuxi.yaml")
    >>> [n.name for n in t.nodes]
    ['推介', '在谈', '签约', '拟开工', '到资', '竣工投产']
    """
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProjectMethodError(file=str(path), key="(yaml)", reason=f"不是有效的 YAML（{exc}）") from exc
    if isinstance(data, dict):
        if "digest" in data:
            raise ProjectMethodError(file=str(path), key="digest", reason="不认识的键（是否拼写有误？）")
        data = {**data, "digest": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    try:
        return _TEMPLATE.validate_python(data)
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise ProjectMethodError(file=str(path), key=key, reason=reason) from exc


def shipped_templates() -> tuple[str, ...]:
    """Ids of the node templates shipped in ``nodes/``."""
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in NODES_DIR.iterdir() if p.name.endswith(".yaml"))
    )


@dataclass(frozen=True)
class PlannedNode:
    name: str
    owner: str
    planned: date
    done_on: date | None
    light: str  # 绿, 黄, 红; "" for a node not yet due


def plan(
    template: NodeTemplate, start: date, done: Mapping[str, date], as_of: date, warnings: Warnings
) -> tuple[PlannedNode, ...]:
    """The template's nodes for a project whose clock starts on ``start``, with their lights on ``as_of``.

    >>> t = load_template(NODES_DIR / "zhuxi.yaml")
    >>> nodes = plan(t, date(2024, 1, 1), {"推介": date(2024, 1, 1)}, date(2024, 6, 1), Warnings())
    >>> [(n.name, n.light) for n in nodes[:3]]
    [('推介', '绿'), ('在谈', '红'), ('签约', '黄')]
    """
    out = []
    at = start
    for node in template.nodes:
        at = at + timedelta(days=node.days)
        finished = done.get(node.name)
        if finished is not None and finished <= as_of:
            light = "绿"
        elif as_of > add_months(at, warnings.start_red_months):
            light = "红"
        elif as_of > at:
            light = "黄"
        else:
            light = ""
        out.append(PlannedNode(node.name, node.owner, at, finished, light))
    return tuple(out)


def project_nodes(
    template: NodeTemplate,
    project: Project,
    milestones: Iterable[Milestone],
    as_of: date,
    warnings: Warnings,
    *,
    marked: Mapping[str, date] | None = None,
) -> tuple[PlannedNode, ...]:
    """A project's nodes under ``template``: the clock starts at its 正式合同; a node with ``counts_as`` is
    done on the earliest verified milestone of that stage (签约: the contract's date). Nodes without a
    stage are done only when the zone marks them (``marked``: node → date, the zone's 节点完成记录).

    >>> t = load_template(NODES_DIR / "zhuxi.yaml")
    >>> p = Project(code="A", zone="Z", lead_unit="U", signed_on=date(2024, 1, 10))
    >>> nodes = project_nodes(t, p, [], date(2024, 12, 31), Warnings())
    >>> [(n.name, n.light) for n in nodes if n.name in ("签约", "拟开工")]
    [('签约', '绿'), ('拟开工', '红')]
    """
    if project.signed_on is None or not project.contract:
        return ()
    done_by_stage: dict[str, date] = {"签约": project.signed_on}
    for m in milestones:
        if m.project == project.code and m.verified_by and m.verified_by != project.lead_unit and m.evidence:
            done_by_stage[m.stage] = min(done_by_stage.get(m.stage, m.reached_on), m.reached_on)
    done = {n.name: done_by_stage[n.counts_as] for n in template.nodes if n.counts_as in done_by_stage}
    given = marked or {}
    done |= {n.name: given[n.name] for n in template.nodes if n.counts_as is None and n.name in given}
    start = project.signed_on - timedelta(days=sum(n.days for n in _until_signing(template)))
    nodes = plan(template, start, done, as_of, warnings)
    if project.terminated(as_of):
        # a terminated project is no one's work any more: its open nodes warn nobody (no 督办单 either)
        return tuple(n if n.light == "绿" else dataclasses.replace(n, light="") for n in nodes)
    return nodes


def _until_signing(template: NodeTemplate) -> tuple[Node, ...]:
    """The nodes up to and including the one that counts as 签约 (the clock is set so that it falls on the
    contract's date); none when the template has no 签约 node."""
    for k, node in enumerate(template.nodes):
        if node.counts_as == "签约":
            return template.nodes[: k + 1]
    return ()
