"""The ``assess run`` command on a small CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from devzone.assessment.cli import app

FRAMEWORK = """\
schema: devzone.framework/1
name: 示例考核
tree:
  - code: ECO
    name: 经济发展
    weight: 40
    children:
      - {code: gdp, name: 地区生产总值, direction: 1, weight: 60}
      - {code: energy_per_gdp, name: 单位GDP能耗, direction: -1, weight: 40}
"""
DATA = """\
zone,indicator,year,value
P,gdp,2024,3
Q,gdp,2024,2
R,gdp,2024,1
P,energy_per_gdp,2024,1
Q,energy_per_gdp,2024,2
R,energy_per_gdp,2024,3
P,gdp,2025,1
Q,gdp,2025,3
R,gdp,2025,2
P,energy_per_gdp,2025,3
Q,energy_per_gdp,2025,1
R,energy_per_gdp,2025,2
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    f = tmp_path / "f.yaml"
    d = tmp_path / "d.csv"
    f.write_text(FRAMEWORK, encoding="utf-8")
    d.write_text(DATA, encoding="utf-8")
    return f, d


def test_run_writes_ranks_with_changes_and_intervals(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    out = tmp_path / "ranks.csv"
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--data", str(d), "--year", "2025",
                                   "--uncertainty", "20", "--seed", "3", "--out", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["zone", "score", "rank", "rank_prev", "rank_change", "rank_p05", "rank_p50",
                             "rank_p95", "score_ECO", "score_gdp", "score_energy_per_gdp"]  # fmt: skip
    assert [(r["zone"], r["rank"], r["rank_prev"], r["rank_change"]) for r in rows] == [
        ("Q", "1", "2", "1"), ("R", "2", "3", "1"), ("P", "3", "1", "-2"),
    ]  # fmt: skip


def test_run_writes_xlsx(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    out = tmp_path / "ranks.xlsx"
    res = CliRunner().invoke(
        app, ["run", "--framework", str(f), "--data", str(d), "--year", "2024", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    ws = load_workbook(out).active
    assert ws is not None
    assert [c.value for c in ws[1]][:3] == ["zone", "score", "rank"]
    assert [c.value for c in ws[2]][:3] == ["P", 100.0, 1]


def test_save_with_a_data_file_is_refused(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    res = CliRunner().invoke(
        app,
        [
            "run",
            "--framework",
            str(f),
            "--data",
            str(d),
            "--year",
            "2025",
            "--out",
            str(tmp_path / "r.csv"),
            "--save",
        ],
    )
    assert res.exit_code == 2
    assert "--save" in res.output


def test_docx_report_from_a_data_file(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    out = tmp_path / "report.docx"
    res = CliRunner().invoke(
        app, ["run", "--framework", str(f), "--data", str(d), "--year", "2025", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "2025年度开发区综合考评报告" in text
    cells = [c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells]
    assert "数据快照 sha256" in cells


def test_bad_framework_names_file_and_key(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    f.write_text(FRAMEWORK.replace("weight: 60", "weight: -1"), encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--data", str(d), "--year", "2025",
                                   "--out", str(tmp_path / "r.csv")])  # fmt: skip
    assert res.exit_code == 1
    assert "tree[0].children[0].weight" in res.output.replace("\n", "")


def test_uncertainty_prints_the_weight_sensitivity(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    f.write_text(FRAMEWORK + "uncertainty: {perturb: indicators, sobol_samples: 64}\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--data", str(d), "--year", "2025",
                                   "--uncertainty", "20", "--seed", "3", "--out", str(tmp_path / "r.csv")])  # fmt: skip
    assert res.exit_code == 0, res.output
    flat = res.output.replace("\n", "")
    assert "256 次计算，种子 3" in flat  # 64 base samples × (2 weights + 2)
    assert "权重：地区生产总值" in flat and "权重：单位GDP能耗" in flat
    assert "S1（一阶指数）" in flat


def test_docx_with_uncertainty_holds_the_sensitivity_table(tmp_path: Path) -> None:
    f, d = _files(tmp_path)
    f.write_text(FRAMEWORK + "uncertainty: {perturb: indicators, sobol_samples: 64}\n", encoding="utf-8")
    out = tmp_path / "report.docx"
    res = CliRunner().invoke(app, ["run", "--framework", str(f), "--data", str(d), "--year", "2025",
                                   "--uncertainty", "20", "--seed", "3", "--out", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    heads = [t.rows[0].cells[0].text for t in Document(str(out)).tables]
    assert "因素" in heads
