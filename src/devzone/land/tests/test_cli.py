"""``devzone land import / indicators / candidates`` on the test database, and the light start."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.personas import World
from typer.testing import CliRunner

from devzone.cli import app
from devzone.land.models import Parcel
from devzone.land.tests.world_db import worked_geojson

runner = CliRunner()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_then_indicators_and_candidates(world: World, tmp_path: Path) -> None:
    source = tmp_path / "宗地.geojson"
    source.write_bytes(worked_geojson())
    done = runner.invoke(app, ["land", "import", str(source), "--zone", world.zone_a.name])
    assert done.exit_code == 0, done.output
    assert "已导入 10 宗地" in done.output and Parcel.objects.filter(zone=world.zone_a).count() == 10
    shown = runner.invoke(app, ["land", "indicators", "--year", "2024", "--zone", str(world.zone_a.pk)])
    assert shown.exit_code == 0 and "土地开发率" in shown.output and "85.92" in shown.output
    out = tmp_path / "线索.xlsx"
    written = runner.invoke(
        app, ["land", "candidates", "--year", "2024", "--zone", world.zone_a.name, "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    idle = list(
        load_workbook(io.BytesIO(out.read_bytes()))["闲置土地线索"].iter_rows(min_row=3, values_only=True)
    )
    assert [r[0] for r in idle] == ["P3", "P4"]
    csv_out = tmp_path / "指标.csv"
    assert runner.invoke(app, ["land", "indicators", "--year", "2024", "--zone", world.zone_a.name,
                               "--out", str(csv_out)]).exit_code == 0  # fmt: skip
    assert "土地供应率,78.14" in csv_out.read_bytes().decode("utf-8-sig")


def test_a_bad_file_lists_every_fault_and_writes_nothing(world: World, tmp_path: Path) -> None:
    data = json.loads(worked_geojson())
    data["features"][1]["geometry"] = None
    data["features"][2]["properties"]["JSZK"] = "Z9"
    source = tmp_path / "坏.geojson"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["land", "import", str(source), "--zone", world.zone_a.name])
    assert result.exit_code == 2
    assert "文件有 2 处错误" in result.output
    assert "第 2 个要素（编号 P2）：几何为空" in result.output
    assert "第 3 个要素（编号 P3）：建设状况" in result.output
    assert not Parcel.objects.exists()


def test_an_unknown_zone_is_refused(world: World) -> None:
    result = runner.invoke(app, ["land", "indicators", "--year", "2024", "--zone", "没有这个区"])
    assert result.exit_code == 2 and "找不到名为“没有这个区”的开发区" in result.output


def test_the_land_commands_load_no_geometry_or_django_until_they_run() -> None:
    heavy = "('shapely', 'pyproj', 'openpyxl', 'django.db', 'devzone.land.models')"
    probe = f"import sys, devzone.land.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    run = [sys.executable, "-c", probe]
    loaded = subprocess.run(run, capture_output=True, text=True, check=True).stdout  # noqa: S603 - this interpreter
    assert loaded.strip() == "[]"
