"""The 公示 workflow: publicise, objections with evidence, decisions, the final list — and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.enterprises.actions import (
    Upload,
    WorkflowError,
    decide_objection,
    file_objection,
    finalise,
    publicise,
    run_evaluation,
)
from devzone.enterprises.models import MuResult, MuRun, Objection
from devzone.enterprises.tests.test_runs import load, uscc


def make_run(world: World) -> MuRun:
    load(world)
    return run_evaluation(
        zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web"
    )


def result(run: MuRun, n: int) -> MuResult:
    return run.results.get(uscc=uscc(n))


def test_the_whole_workflow(world: World) -> None:
    run = make_run(world)
    start = dt.date.today() - dt.timedelta(days=2)
    run = publicise(run, days=7, actor=world.coordinator, start=start)
    assert (run.status, run.publicity_start, run.publicity_end) == (
        "publicised",
        start,
        start + dt.timedelta(days=7),
    )
    weakest = result(run, 1)
    objection = file_objection(
        weakest,
        reason="用地面积含代征道路",
        evidence=SimpleUploadedFile("证明.pdf", b"%PDF-1.4 evidence"),
        actor=world.staff_a,
    )
    assert (objection.status, objection.zone, objection.filed_by) == ("pending", world.zone_a, world.staff_a)
    assert objection.evidence.name.startswith("enterprises/objections/")
    assert objection.evidence.read() == b"%PDF-1.4 evidence"
    with pytest.raises(WorkflowError, match="还有 1 件异议待处理"):
        finalise(run, actor=world.coordinator)
    decided = decide_objection(
        objection, upheld=True, decision="核减后亩均税收上升", new_class="B", actor=world.coordinator
    )
    assert (decided.status, decided.new_class, decided.decided_by) == ("upheld", "B", world.coordinator)
    weakest.refresh_from_db()
    assert (weakest.klass, weakest.final_class) == ("C", "B")
    other = file_objection(result(run, 2), reason="理由", actor=world.coordinator)
    rejected = decide_objection(other, upheld=False, decision="不成立", new_class="A", actor=world.admin)
    assert (rejected.status, rejected.new_class) == ("rejected", "")
    assert result(run, 2).final_class == "B"
    run = finalise(run, actor=world.coordinator, source="api")
    assert run.status == "final" and run.finalised_at is not None
    sources = list(
        AuditEntry.objects.filter(model__startswith="enterprises.").values_list("model", "action", "source")
    )
    assert ("enterprises.Objection", "create", "web") in sources
    assert ("enterprises.MuResult", "update", "web") in sources
    assert sources.count(("enterprises.MuRun", "update", "web")) == 1  # publicise
    assert ("enterprises.MuRun", "update", "api") in sources  # finalise
    entry = AuditEntry.objects.filter(model="enterprises.MuResult").get()
    assert (entry.before["final_class"], entry.after["final_class"]) == ("C", "B")


def test_objections_only_during_publicity(world: World) -> None:
    run = make_run(world)
    with pytest.raises(WorkflowError, match="只能在公示期内提出异议"):
        file_objection(result(run, 1), reason="理由", actor=world.staff_a)
    publicise(run, days=5, actor=world.coordinator)
    finalise(run, actor=world.coordinator)
    with pytest.raises(WorkflowError, match="只能在公示期内提出异议"):
        file_objection(result(run, 1), reason="理由", actor=world.staff_a)
    assert not Objection.objects.exists()


def test_objections_are_accepted_to_the_last_day_of_the_publicity_period_and_refused_after(
    world: World,
) -> None:
    run = make_run(world)
    start = dt.date(2025, 3, 3)
    publicise(run, days=7, actor=world.coordinator, start=start)  # 3 March to 10 March
    inside = file_objection(result(run, 1), reason="期间", actor=world.staff_a, on=dt.date(2025, 3, 5))
    assert inside.filed_at.date() == dt.date(2025, 3, 5)
    file_objection(result(run, 2), reason="最后一天", actor=world.staff_a, on=dt.date(2025, 3, 10))
    with pytest.raises(WorkflowError, match=r"^公示期已于2025年3月10日结束，不再受理异议$"):
        file_objection(result(run, 3), reason="晚了一天", actor=world.staff_a, on=dt.date(2025, 3, 11))
    with pytest.raises(WorkflowError, match="公示期已于2025年3月10日结束"):  # today, long after
        file_objection(result(run, 3), reason="今天", actor=world.staff_a)
    assert Objection.objects.count() == 2


def test_only_the_zone_and_the_city_may_object(world: World) -> None:
    run = make_run(world)
    publicise(run, days=5, actor=world.coordinator)
    for outsider in (world.staff_b, world.viewer_a, world.viewer):
        with pytest.raises(PermissionDenied):
            file_objection(result(run, 1), reason="理由", actor=outsider)
    assert not Objection.objects.exists()
    file_objection(result(run, 1), reason="理由", actor=world.admin)
    assert Objection.objects.count() == 1


def test_only_coordinators_and_admins_decide(world: World) -> None:
    run = make_run(world)
    publicise(run, days=5, actor=world.coordinator)
    objection = file_objection(result(run, 1), reason="理由", actor=world.staff_a)
    for user in (world.staff_a, world.staff_b, world.viewer):
        with pytest.raises(PermissionDenied):
            decide_objection(objection, upheld=True, decision="成立", new_class="A", actor=user)
    objection.refresh_from_db()
    assert objection.status == "pending"


def test_decisions_are_checked(world: World) -> None:
    run = make_run(world)
    publicise(run, days=5, actor=world.coordinator)
    objection = file_objection(result(run, 1), reason="理由", actor=world.staff_a)
    with pytest.raises(WorkflowError, match="调整后类别须为 A/B/C/D/T 之一"):
        decide_objection(objection, upheld=True, decision="成立", new_class="Z", actor=world.coordinator)
    with pytest.raises(WorkflowError, match="请写明处理意见"):
        decide_objection(objection, upheld=False, decision=" ", actor=world.coordinator)
    decide_objection(objection, upheld=False, decision="不成立", actor=world.coordinator)
    with pytest.raises(WorkflowError, match="该异议已处理"):
        decide_objection(objection, upheld=True, decision="再议", new_class="A", actor=world.coordinator)
    assert result(run, 1).final_class == "C"


def test_evidence_must_be_a_document(world: World) -> None:
    run = make_run(world)
    publicise(run, days=5, actor=world.coordinator)
    with pytest.raises(WorkflowError, match=r"不接受的文件类型 \.exe"):
        file_objection(
            result(run, 1), reason="理由", evidence=Upload(name="x.exe", content=b"MZ"), actor=world.staff_a
        )
    with pytest.raises(WorkflowError, match="扩展名与内容不符"):  # an executable renamed .pdf
        file_objection(
            result(run, 1),
            reason="理由",
            evidence=Upload(name="完税证明.pdf", content=b"\x7fELF\x02\x01\x01" + bytes(64)),
            actor=world.staff_a,
        )
    with pytest.raises(WorkflowError, match="请写明异议理由"):
        file_objection(result(run, 1), reason="  ", actor=world.staff_a)
    assert not Objection.objects.exists()


def test_state_refusals(world: World) -> None:
    run = make_run(world)
    with pytest.raises(WorkflowError, match="只有公示中的批次可以定级"):
        finalise(run, actor=world.coordinator)
    with pytest.raises(WorkflowError, match="公示期至少 1 天"):
        publicise(run, days=0, actor=world.coordinator)
    publicise(run, days=5, actor=world.coordinator)
    with pytest.raises(WorkflowError, match="只有已评价的批次可以公示"):
        publicise(run, days=5, actor=world.coordinator)
    finalise(run, actor=world.coordinator)
    with pytest.raises(WorkflowError, match="只有公示中的批次可以定级"):
        finalise(run, actor=world.coordinator)


def test_an_empty_run_is_not_publicised(world: World) -> None:
    run = make_run(world)
    run.results.all().delete()
    with pytest.raises(WorkflowError, match="没有结果"):
        publicise(run, days=5, actor=world.coordinator)
    run.refresh_from_db()
    assert run.status == "draft"


def test_a_pending_objection_cannot_be_decided_after_the_run_is_final(world: World) -> None:
    run = make_run(world)
    publicise(run, days=5, actor=world.coordinator)
    objection = file_objection(result(run, 1), reason="理由", actor=world.staff_a)
    MuRun.objects.filter(pk=run.pk).update(status="final")  # e.g. frozen from the admin shell
    with pytest.raises(WorkflowError, match="不在公示期"):
        decide_objection(objection, upheld=True, decision="成立", new_class="A", actor=world.coordinator)
