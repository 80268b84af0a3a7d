"""Assessment pages: ranking with arrows, profile, frameworks editor, run form, data upload; zone refusals."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import small_framework


def test_coordinator_sees_the_whole_ranking_with_arrows(assessed: Assessed) -> None:
    w = assessed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{assessed.run.pk}/").content.decode()
    assert page.index(w.zone_b.name) < page.index(assessed.zone_c.name) < page.index(w.zone_a.name)
    assert "↑ 进位 1" in page
    assert "↓ 退位 1" in page
    assert "— 持平" in page
    assert 'data-chart="interval-option"' in page
    assert "约谈整改" in page and "降级备选" in page and "每年至少进1位" in page
    assert "经济发展" in page  # per-category rank column


def test_zone_staff_sees_only_their_own_row(assessed: Assessed) -> None:
    w = assessed.world
    page = w.client_for(w.staff_a).get(f"/assessment/runs/{assessed.run.pk}/").content.decode()
    assert w.zone_a.name in page
    assert w.zone_b.name not in page
    assert assessed.zone_c.name not in page
    assert "↓ 退位 1" in page


def test_zone_profile_explains_the_score(assessed: Assessed) -> None:
    w = assessed.world
    page = (
        w.client_for(w.staff_b)
        .get(f"/assessment/runs/{assessed.run.pk}/zones/{w.zone_b.pk}/")
        .content.decode()
    )
    assert 'data-chart="category-option"' in page
    assert 'data-chart="history-option"' in page
    assert 'data-chart="contribution-option"' in page
    assert "高新技术企业数" in page
    assert "— 持平" in page


def test_zone_staff_cannot_open_another_zones_profile(assessed: Assessed) -> None:
    w = assessed.world
    client = w.client_for(w.staff_a)
    assert client.get(f"/assessment/runs/{assessed.run.pk}/zones/{w.zone_b.pk}/").status_code == 404
    assert client.get(f"/assessment/runs/{assessed.run.pk}/zones/{w.zone_a.pk}/").status_code == 200


def test_run_page_is_hidden_from_a_zone_that_is_not_ranked(world: World, assessed: Assessed) -> None:
    other = AssessmentRun.objects.create(
        framework=assessed.framework,
        framework_code="x",
        framework_sha256="x",
        framework_yaml="",
        year=2025,
        data_sha256="x",
        engine_version="t",
    )
    assert world.client_for(world.staff_a).get(f"/assessment/runs/{other.pk}/").status_code == 404


def test_run_list_and_form(assessed: Assessed) -> None:
    w = assessed.world
    page = w.client_for(w.coordinator).get("/assessment/runs/").content.decode()
    assert 'id="run-form"' in page
    assert f"/assessment/runs/{assessed.run.pk}/" in page
    staff_page = w.client_for(w.staff_a).get("/assessment/runs/").content.decode()
    assert 'id="run-form"' not in staff_page


def test_coordinator_starts_a_run(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.coordinator).post(
        "/assessment/runs/new/", {"framework": assessed.framework.pk, "year": 2024, "samples": 0, "seed": ""}
    )
    run = AssessmentRun.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/assessment/runs/{run.pk}/"
    assert run.year == 2024


def test_zone_staff_cannot_start_a_run(assessed: Assessed) -> None:
    w = assessed.world
    before = AssessmentRun.objects.count()
    response = w.client_for(w.staff_a).post(
        "/assessment/runs/new/", {"framework": assessed.framework.pk, "year": 2024, "samples": 0}
    )
    assert response.status_code == 403
    assert AssessmentRun.objects.count() == before


def test_run_form_shows_the_engine_error(assessed: Assessed) -> None:
    w = assessed.world
    page = (
        w.client_for(w.coordinator)
        .post("/assessment/runs/new/", {"framework": assessed.framework.pk, "year": 2019, "samples": 0})
        .content.decode()
    )
    assert "没有 2019 年" in page


def test_reproduce_button_confirms_the_run(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.coordinator).post(f"/assessment/runs/{assessed.run.pk}/reproduce/", follow=True)
    assert "复算结果与存档完全一致" in response.content.decode()


def test_framework_editor_shows_errors_by_key_and_saves_nothing(world: World) -> None:
    client = world.client_for(world.coordinator)
    bad = small_framework().replace("weight: 40", "weight: 0")
    page = client.post("/assessment/frameworks/new/", {"yaml_text": bad, "action": "save"}).content.decode()
    assert "tree[1].weight: 权重应大于 0，现为 0" in page
    assert Framework.objects.count() == 0


def test_framework_editor_validates_then_saves_and_shows_the_tree(world: World) -> None:
    client = world.client_for(world.coordinator)
    text = small_framework()
    page = client.post(
        "/assessment/frameworks/new/", {"yaml_text": text, "action": "validate"}
    ).content.decode()
    assert "校验通过" in page
    assert 'id="weight-tree"' in page and "60 · 60%" in page
    assert Framework.objects.count() == 0
    response = client.post("/assessment/frameworks/new/", {"yaml_text": text, "action": "save"})
    fw = Framework.objects.get()
    assert response["Location"] == f"/assessment/frameworks/{fw.pk}/"
    assert (fw.name, fw.shipped) == ("小型考核", False)
    detail = client.get(f"/assessment/frameworks/{fw.pk}/").content.decode()
    assert "经济发展" in detail and "40 · 40%" in detail


def test_peer_group_weights_shown_per_group(world: World) -> None:
    client = world.client_for(world.coordinator)
    client.post("/assessment/frameworks/load-shipped/")
    fw = Framework.objects.get(code="jiangsu-2021")
    page = client.get(f"/assessment/frameworks/{fw.pk}/").content.decode()
    assert "权重 · 占上级（苏北）" in page
    assert "22 · 22%" in page  # ECO for 苏北: 22 of 20+18+20+20+22 = 100


def test_shipped_framework_edit_redirects_to_a_copy(world: World) -> None:
    client = world.client_for(world.coordinator)
    client.post("/assessment/frameworks/load-shipped/")
    fw = Framework.objects.get(code="jiangsu-2021")
    response = client.get(f"/assessment/frameworks/{fw.pk}/edit/")
    assert response["Location"] == f"/assessment/frameworks/new/?from={fw.pk}"


def test_zone_staff_cannot_read_or_write_frameworks(world: World) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/assessment/frameworks/").status_code == 403
    assert client.post("/assessment/frameworks/new/", {"yaml_text": small_framework()}).status_code == 403
    assert Framework.objects.count() == 0


def test_zone_staff_uploads_their_own_zones_data(world: World) -> None:
    client = world.client_for(world.staff_a)
    csv = f"zone,indicator,year,value\n{world.zone_a.name},gdp,2025,12.5\n".encode()
    response = client.post("/assessment/data/upload/", {"file": SimpleUploadedFile("d.csv", csv)})
    assert response.status_code == 302
    assert AssessmentValue.objects.get().value == 12.5


def test_zone_staff_upload_for_another_zone_is_refused_whole(world: World) -> None:
    client = world.client_for(world.staff_a)
    csv = (
        f"zone,indicator,year,value\n{world.zone_a.name},gdp,2025,12.5\n{world.zone_b.name},gdp,2025,3\n"
    ).encode()
    page = client.post(
        "/assessment/data/upload/", {"file": SimpleUploadedFile("d.csv", csv)}
    ).content.decode()
    assert "第 3 行，zone 列：未知开发区或无权查看" in page
    assert AssessmentValue.objects.count() == 0


def test_data_list_is_scoped(world: World) -> None:
    AssessmentValue.objects.create(zone=world.zone_a, indicator="gdp", year=2025, value=1.0)
    AssessmentValue.objects.create(zone=world.zone_b, indicator="gdp", year=2025, value=2.0)
    page = world.client_for(world.staff_a).get("/assessment/data/").content.decode()
    assert world.zone_a.name in page and world.zone_b.name not in page
    page = world.client_for(world.coordinator).get("/assessment/data/?year=2025").content.decode()
    assert world.zone_b.name in page
