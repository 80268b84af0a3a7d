"""Zone B's project records for the URL walk: a project carrying the marker, a verified 竣工 milestone
with an evidence file, an unverified one, a 环评 node marked done with its file, and a 达产复核 contract indicator checked against zone B's
enterprise (so every projects page has zone-B data to leak, and its id to fill the routes with)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import ZONE_B_MARK, World

from devzone.enterprises.tests.test_views_world import zone_b_records
from devzone.projects.actions import add_milestone, record_node, verify_milestone
from devzone.projects.models import ContractIndicator, Milestone, NodeRecord, Project
from devzone.projects.nodes import NODES_DIR, load_template

PDF = b"%PDF-1.7\n" + ZONE_B_MARK.encode() + b"\n%%EOF\n"


@dataclass(frozen=True)
class ZoneBProjects:
    project: Project
    milestone: Milestone  # verified, with an evidence file
    pending: Milestone  # not yet verified, with an evidence file
    indicator: ContractIndicator
    node: NodeRecord  # a node that is no stage (环评) marked done, with its file


def zone_b_projects(world: World) -> ZoneBProjects:
    """Created once per world."""
    cached = getattr(world, "_projects_zone_b", None)
    if cached is not None:
        return cached
    firm = zone_b_records(world).enterprise
    project = Project.objects.create(
        zone=world.zone_b, code="B-001", name=f"{ZONE_B_MARK}新材料项目", lead_unit=world.unit_b,
        linked_leader=f"{ZONE_B_MARK}领导", signed_on=dt.date(2021, 3, 1), total_wan=1_200_000,
        fixed_wan=900_000, company_uscc=firm.uscc, investor_name=f"{ZONE_B_MARK}集团", area_mu=120,
        delivered_on=dt.date(2021, 6, 1), deadline_review=dt.date(2024, 6, 30),
    )  # fmt: skip
    evidence = SimpleUploadedFile(f"{ZONE_B_MARK}竣工验收备案.pdf", PDF, content_type="application/pdf")
    done = add_milestone(project, stage="竣工", reached_on=dt.date(2022, 9, 1), evidence="竣工验收备案",
                         evidence_file=evidence, actor=world.staff_b, source="test")  # fmt: skip
    done = verify_milestone(done, unit=world.bureau, actor=None, source="test")
    # Pending, with its own file: a verify or a download that got through would show in the walk.
    record = SimpleUploadedFile(f"{ZONE_B_MARK}投产记录.pdf", PDF, content_type="application/pdf")
    pending = add_milestone(project, stage="投产", reached_on=dt.date(2023, 1, 5), evidence="投产记录",
                            evidence_file=record, actor=world.staff_b, source="test")  # fmt: skip
    indicator = ContractIndicator.objects.create(
        project=project, name="亩均税收", op=">=", value=50, check_at="达产复核"
    )
    approval = SimpleUploadedFile(f"{ZONE_B_MARK}环评批复.pdf", PDF, content_type="application/pdf")
    node = record_node(project, template=load_template(NODES_DIR / "devzone-default.yaml"), node="环评",
                       done_on=dt.date(2021, 8, 1), evidence_file=approval, actor=world.staff_b, source="test")  # fmt: skip
    cached = ZoneBProjects(project, done, pending, indicator, node)
    world._projects_zone_b = cached  # type: ignore[attr-defined]
    return cached
