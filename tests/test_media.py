"""Uploaded files live only as long as their rows: a rolled-back action leaves none, `devzone media clean`
removes what a killed process left behind."""

from __future__ import annotations

import ast
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError
from typer.testing import CliRunner

from devzone.cli import app
from devzone.core.media import atomic_with_files, save_file, unreferenced
from devzone.enterprises.actions import Upload
from devzone.enterprises.actions.imports import check_records, store_rows
from devzone.enterprises.models import DataImport, Enterprise
from devzone.enterprises.uscc import check_character
from devzone.plans.models import SourceDocument
from tests.personas import World

SRC = Path(__file__).resolve().parents[1] / "src" / "devzone"


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def record(n: int, zone: str) -> dict[str, object]:
    body = f"91320703MA{n:07d}"
    return {
        "year": 2024,
        "uscc": body + check_character(body),
        "name": f"企业{n}",
        "zone": zone,
        "industry_code": "C3311",
        "scale": "above",
        "land_mu": 10.0,
        "leased": False,
        "tax": 100.0,
        "sales": 3000.0,
    }


def test_an_import_that_rolls_back_leaves_no_file(world: World, media: Path) -> None:
    # given rows that pass the checks but break the database's one-row-per-enterprise-and-year rule
    # when stored twice (the file is written before the rows, as every import does)
    rows = check_records([record(1, world.zone_a.name)], zone=world.zone_a, year=2024, source="t.json")
    upload = Upload(name="企业数据.xlsx", content=b"PK\x03\x04 stand-in bytes")
    # when the import fails in the database
    with pytest.raises(IntegrityError):
        store_rows(rows * 2, zone=world.zone_a, year=2024, upload=upload, actor=world.staff_a, source="web")
    # then neither the rows nor the file are kept
    assert not DataImport.objects.exists()
    assert not Enterprise.objects.filter(zone=world.zone_a).exists()
    assert files_under(media) == []
    # and the same import without the duplicate keeps its file
    batch = store_rows(rows, zone=world.zone_a, year=2024, upload=upload, actor=world.staff_a, source="web")
    assert files_under(media) == [batch.file.name]


def test_nested_blocks_hand_their_files_to_the_outer_rollback(world: World, media: Path) -> None:
    with pytest.raises(ZeroDivisionError), atomic_with_files():
        with atomic_with_files():
            doc = SourceDocument(name="a.txt", text="", sha256="0" * 64, parse_method="t", engine_version="t")
            save_file(doc.file, "a.txt", ContentFile(b"plan text"))
            doc.save()
        assert files_under(media) == [doc.file.name]  # the inner block committed into the outer one
        _ = 1 / 0
    assert files_under(media) == []
    assert not SourceDocument.objects.exists()


def test_save_file_outside_a_block_is_refused(media: Path) -> None:
    doc = SourceDocument(name="a.txt")
    with pytest.raises(RuntimeError, match="atomic_with_files"):
        save_file(doc.file, "a.txt", ContentFile(b"x"))
    assert not media.exists() or files_under(media) == []


def test_every_file_field_write_goes_through_save_file() -> None:
    # FieldFile.save(name, content, save=False) anywhere but core/media.py would skip the rollback clean-up
    offending = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "media.py" and "tests" not in path.parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "save"
        and any(k.arg == "save" for k in node.keywords)
    ]
    assert offending == []


def old(path: Path, minutes: float) -> None:
    moment = time.time() - minutes * 60
    os.utime(path, (moment, moment))


def test_media_clean_lists_then_removes_only_old_unreferenced_files(world: World, media: Path) -> None:
    # given a kept upload, a file a killed import left two hours ago and one an open upload wrote just now
    rows = check_records([record(2, world.zone_a.name)], zone=world.zone_a, year=2024, source="t.json")
    batch = store_rows(
        rows,
        zone=world.zone_a,
        year=2024,
        upload=Upload(name="kept.csv", content=b"x"),
        actor=None,
        source="t",
    )
    kept = media / batch.file.name
    old(kept, 600)
    orphan = media / "enterprises" / "imports" / "killed.xlsx"
    orphan.write_bytes(b"left behind")
    old(orphan, 120)
    young = media / "plans" / "sources" / "2026" / "open.docx"
    young.parent.mkdir(parents=True)
    young.write_bytes(b"being imported")
    assert [o.name for o in unreferenced(grace_minutes=60)] == ["enterprises/imports/killed.xlsx"]

    runner = CliRunner()
    # when listed (the default is a dry run)
    listed = runner.invoke(app, ["media", "clean"])
    assert listed.exit_code == 0, listed.output
    assert "enterprises/imports/killed.xlsx" in listed.output
    assert "--yes" in listed.output
    assert orphan.exists()
    # when removed
    removed = runner.invoke(app, ["media", "clean", "--yes"])
    assert removed.exit_code == 0, removed.output
    assert "已删除 1 个" in removed.output
    # then only the orphan past the grace period is gone
    assert not orphan.exists()
    assert kept.exists()
    assert young.exists()
    # and a shorter grace period reaches the young file too
    assert [o.name for o in unreferenced(grace_minutes=0)] == ["plans/sources/2026/open.docx"]
