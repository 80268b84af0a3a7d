"""Mark a node of the node plan done that is no stage (备案立项, 环评, 施工许可 …), with its document.

A stage node (注册, 开工, 竣工 …) is done by its verified milestone and is not marked here; the other nodes
of the template had no way to be closed, so every one of them turned red and filled the 督办单.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from devzone.audit.actions import created
from devzone.core.media import atomic_with_files, save_file
from devzone.projects.actions.milestones import ProjectActionError
from devzone.projects.models import NodeRecord, Project
from devzone.projects.nodes import NodeTemplate

if TYPE_CHECKING:
    from devzone.accounts.models import User


def markable(template: NodeTemplate, done: Collection[str]) -> list[str]:
    """The template's nodes without a stage not among the ``done`` ones yet, in plan order."""
    return [n.name for n in template.nodes if n.counts_as is None and n.name not in done]


def record_node(
    project: Project,
    *,
    template: NodeTemplate,
    node: str,
    done_on: dt.date,
    evidence_file: Any,
    actor: User | None,
    source: str,
) -> NodeRecord:
    """Record ``node`` of ``project`` done on ``done_on``; refused with every reason at once."""
    issues = []
    names = {n.name: n for n in template.nodes}
    if node not in names:
        issues.append(f"“{node}”不是《{template.title}》的节点")
    elif names[node].counts_as is not None:
        issues.append(f"“{node}”由“{names[node].counts_as}”阶段的核验节点完成，请登记节点并请其他单位核验")
    elif project.node_records.filter(node=node).exists():
        issues.append(f"“{node}”已登记完成")
    if done_on > timezone.localdate():
        issues.append("完成日期不能晚于今天")
    if project.terminated_on is not None and done_on > project.terminated_on:
        issues.append(f"项目已于 {project.terminated_on:%Y年%-m月%-d日} {project.status}，此后的节点不再登记")
    if evidence_file is None:
        issues.append("须附佐证文件")
    if issues:
        raise ProjectActionError(issues)
    with atomic_with_files():  # the file is kept only if the row is committed
        record = NodeRecord(project=project, node=node, done_on=done_on,
                            created_by=actor if actor is not None and actor.pk else None)  # fmt: skip
        save_file(record.evidence_file, getattr(evidence_file, "name", "evidence"), evidence_file)
        record.save()
        created(record, actor=actor, source=source)
    return record
