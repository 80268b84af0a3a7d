"""``devzone projects import | rates | check`` on the test database."""

from __future__ import annotations

from pathlib import Path

from tests.personas import World
from typer.testing import CliRunner

from devzone.projects.cli import app
from devzone.projects.models import Project
from devzone.projects.tests.test_import import GOOD, project, xlsx

RUNNER = CliRunner()


def test_import_rates_and_check(world: World, tmp_path: Path) -> None:
    ledger = tmp_path / "项目台账.xlsx"
    ledger.write_bytes(GOOD.content)
    done = RUNNER.invoke(app, ["import", str(ledger), "--zone", world.zone_a.name])
    assert done.exit_code == 0, done.output
    assert "已导入 2 个项目" in done.output
    out = tmp_path / "rates.csv"
    done = RUNNER.invoke(app, ["rates", "--method", "lyg-seed", "--year", "2024", "--out", str(out)])
    assert done.exit_code == 0, done.output
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "开发区,履约率,入园率,开工率,投产率,达产率,资金到位率,固投转化率,百亿元以上,50亿元以上"
    # P1 (120亿, 注册 and 开工 verified, 18,000 arrived) and P2 (5亿, nothing yet): 18,000 / 1,250,000 = 1.44 %
    assert lines[1] == f"{world.zone_a.name},50.0,50.0,50.0,0.0,0.0,1.44,0.0,1,1"
    assert "假设" in done.output
    done = RUNNER.invoke(app, ["check", "--year", "2024"])
    assert done.exit_code == 0, done.output
    assert "违约 0 项；闲置土地 0 宗" in done.output


def test_a_refused_import_prints_every_issue_and_writes_nothing(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([project("P1", 签约日期="去年"), project("P2", total=-5)], name="bad.xlsx").content)
    done = RUNNER.invoke(app, ["import", str(bad), "--zone", world.zone_a.name])
    assert done.exit_code == 1
    assert "bad.xlsx，工作表“项目”，第 2 行，E 列：“签约日期”应为日期" in done.output
    assert "第 3 行：协议总投资不能为负数（-5 万元）" in done.output
    assert "未导入：共 2 处问题" in done.output
    assert Project.objects.count() == 0


def test_an_unknown_zone_or_method_is_refused(world: World, tmp_path: Path) -> None:
    done = RUNNER.invoke(app, ["import", str(tmp_path / "x.xlsx"), "--zone", "无此开发区"])
    assert done.exit_code == 2 and "没有名为“无此开发区”的开发区" in done.output
    done = RUNNER.invoke(app, ["import", str(tmp_path / "x.xlsx"), "--zone", world.zone_a.name])
    assert done.exit_code == 2 and "找不到文件" in done.output
    done = RUNNER.invoke(app, ["rates", "--method", "no-such"])
    assert done.exit_code == 2 and "没有这个名称" in done.output
