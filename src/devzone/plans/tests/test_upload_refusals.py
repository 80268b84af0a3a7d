"""Bad input through the upload page: a clear message naming the file and the reason, the file kept for
the reviewer, no plan created (nothing half-published)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.plans.models import Plan, SourceDocument, Task
from devzone.plans.tests.factories import import_plan, plan_text

FORMATS = Path(__file__).parent / "formats"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _upload(world: World, name: str, data: bytes) -> tuple[int, str]:
    client = world.client_for(world.coordinator)
    response = client.post("/plans/upload/", {"file": SimpleUploadedFile(name, data), "city": "连云港市"})
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("扫描件.pdf", (FORMATS / "huangshigang_2023_fenjie.scan.pdf").read_bytes(), "PDF 没有文字层（扫描件或图片）"),
        ("加密.pdf", (FORMATS / "huangshigang_2023_fenjie.encrypted.pdf").read_bytes(), "PDF 已加密"),
        ("首页.html", "<html><body><nav>首页</nav><script>x()</script></body></html>".encode(), "网页中没有正文文字"),
        ("通知.html", "<html><body><p>关于召开会议的通知</p></body></html>".encode(), "没有识别出任何任务"),
    ],
)  # fmt: skip
def test_refused_upload_is_kept_with_its_reason_and_makes_no_plan(
    world: World, name: str, data: bytes, reason: str
) -> None:
    status, page = _upload(world, name, data)
    assert status == 400
    assert f"{name}" in page and reason in page and "未能读取的上传" in page
    kept = SourceDocument.objects.get()
    assert kept.name == name and reason in kept.refusal and kept.text == ""
    assert kept.file.read() == data
    assert Plan.objects.count() == 0 and Task.objects.count() == 0
    assert AuditEntry.objects.filter(model="plans.SourceDocument", object_pk=str(kept.pk)).count() == 1


def test_wps_without_libreoffice_says_so(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    status, page = _upload(world, "方案.wps", OLE)
    assert status == 400 and "方案.wps：读取此格式需要 LibreOffice（soffice），本机未安装" in page
    assert SourceDocument.objects.get().refusal.startswith("方案.wps：读取此格式需要 LibreOffice")
    assert Plan.objects.count() == 0


def test_fifty_megabyte_text_is_refused_and_not_stored(world: World) -> None:
    status, page = _upload(world, "大.txt", "一、主要任务\n".encode() * (50 * 1024 * 1024 // 19 + 1))
    assert status == 400 and "大.txt：文件大小 50 MB 超过上限 20 MB" in page
    assert SourceDocument.objects.count() == 0 and Plan.objects.count() == 0


def test_other_zone_does_not_see_a_refused_upload(world: World) -> None:
    client = world.client_for(world.staff_a)
    client.post(
        "/plans/upload/",
        {"file": SimpleUploadedFile("甲区.pdf", b"%PDF-1.4 broken"), "zone": str(world.zone_a.pk)},
    )
    kept = SourceDocument.objects.get()
    assert kept.zone == world.zone_a
    assert "甲区.pdf" in client.get("/plans/").content.decode()
    assert "甲区.pdf" not in world.client_for(world.staff_b).get("/plans/").content.decode()


def test_a_good_pdf_upload_makes_draft_plans(world: World) -> None:
    data = (FORMATS / "huangshigang_2023_fenjie.pdf").read_bytes()
    upload = {"file": SimpleUploadedFile("方案.pdf", data), "city": "黄石市", "province": "湖北省"}
    # 黄石市 lies outside 连云港's coordinator's jurisdiction; the system administrator places it anywhere
    assert world.client_for(world.coordinator).post("/plans/upload/", upload).status_code == 403
    client = world.client_for(world.admin)
    upload["file"].seek(0)
    response = client.post("/plans/upload/", upload)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.tasks.count() == 11 and plan.document.refusal == ""
    form = client.get("/plans/").content.decode()
    assert 'accept=".txt,.docx,.pdf,.html,.htm,.doc,.wps,.rtf,.odt"' in form


def test_table_whose_columns_cannot_be_named_says_so(world: World) -> None:
    page = (
        "<html><body><p>重点工作清单</p><table><tr><td>栏目</td><td>说明</td><td>备注</td></tr>"
        "<tr><td>甲</td><td>做好甲项工作</td><td>无</td></tr></table></body></html>"
    )
    status, body = _upload(world, "清单.html", page.encode())
    assert status == 400
    assert "清单.html: 没有识别出任何任务：表格的列名无法识别（表头：栏目、说明、备注）" in body
    assert "表格的列名无法识别" in SourceDocument.objects.get().refusal and Plan.objects.count() == 0


def test_a_plan_whose_source_file_is_gone_answers_404_in_chinese(world: World) -> None:
    plan = import_plan(plan_text(owner=world.unit_a.name), zone=world.zone_a)
    client = world.client_for(world.coordinator)
    assert client.get(f"/plans/{plan.pk}/source/").status_code == 200
    plan.document.file.storage.delete(plan.document.file.name)  # cleaned away, say, or never stored
    gone = client.get(f"/plans/{plan.pk}/source/")
    assert gone.status_code == 404
    assert "页面不存在" in gone.content.decode()
