from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from devzone.core.tests.console_script import imported_by
from devzone.plans.cli import app

PLAN = "二、主要任务\n1.优化机制。20xx年9月底前完成。(牵头单位:市委编办;配合单位:各县区)\n"


def test_parse_prints_structure(tmp_path: Path) -> None:
    path = tmp_path / "方案.txt"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0
    assert "2.1 优化机制" in result.output
    assert "市委编办" in result.output


def test_parse_writes_json_xlsx_docx(tmp_path: Path) -> None:
    path = tmp_path / "方案.txt"
    path.write_bytes(PLAN.encode("gbk"))
    out = tmp_path / "out.json"
    xlsx = tmp_path / "t.xlsx"
    docx_path = tmp_path / "t.docx"
    args = ["parse", str(path), "--json", str(out), "--xlsx", str(xlsx), "--docx", str(docx_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"] == "方案.txt"
    assert data["plans"][0]["tasks"][0]["owners"][1] == {
        "name": "各县区",
        "role": "support",
        "group": True,
        "span": data["plans"][0]["tasks"][0]["owners"][1]["span"],
    }
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    assert ws.cell(row=3, column=1).value == "二、主要任务"  # the section's own row above its tasks
    assert ws.cell(row=4, column=4).value == "市委编办"
    assert docx_path.stat().st_size > 0


def test_parse_json_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(path), "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "devzone.plan/1"


def test_bad_file_exits_1_with_named_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"not a zip")
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert "bad.docx：不是有效的 Office Open XML 文件" in result.output.replace("\n", "")


def test_the_console_script_reads_a_plan_without_django_or_the_readers_of_other_formats(
    tmp_path: Path,
) -> None:
    # `devzone plan parse 方案.txt` starts without Django, the PDF/Word/HTML readers' libraries or cn2an:
    # what it imports is what reading a text needs (a third of its start-up went to the rest)
    path = tmp_path / "方案.txt"
    path.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out.json"
    argv = ["devzone", "plan", "parse", str(path), "--json", str(out)]
    assert imported_by(argv, ("django.db", "pdfplumber", "docx", "lxml", "cn2an", "openpyxl")) == []
    owners = json.loads(out.read_text(encoding="utf-8"))["plans"][0]["tasks"][0]["owners"]
    assert [o["name"] for o in owners] == ["市委编办", "各县区"]
