"""``devzone projects import | rates | check`` on the test database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.personas import World
from typer.testing import CliRunner

from devzone.enterprises.models import Enterprise, EnterpriseYear
from devzone.projects.cli import app
from devzone.projects.models import ContractIndicator, Milestone, Project
from devzone.projects.tests.test_import import GOOD, USCC, project, xlsx

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
    assert "违约 0 项；闲置土地 0 宗；控制性指标未达 0 项" in done.output


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


def test_check_compares_the_contract_with_the_enterprise_figures(world: World, tmp_path: Path) -> None:
    """P2 of the spec's worked example, entered through the database: 达产复核 due 2024-10-15 (竣工 + 24
    months); 亩均税收 900 / 50 = 18 < 25 is missed, 单位能耗增加值 6,800 / 2,000 = 3.4 and R&D 2.5 % are met."""
    p2 = Project.objects.create(zone=world.zone_a, code="P2", name="精密机械项目", lead_unit=world.unit_a,
                                signed_on=date(2021, 4, 10), total_wan=80_000, area_mu=50, land_price_wan=1500,
                                company_uscc=USCC)  # fmt: skip
    Milestone.objects.create(project=p2, stage="竣工", reached_on=date(2022, 10, 15), evidence="竣工验收备案",
                             verified_by=world.bureau)  # fmt: skip
    for name, value in (("亩均税收", 25), ("单位能耗增加值", 3.0), ("研发投入占比", 0.02)):
        ContractIndicator.objects.create(project=p2, name=name, op=">=", value=value, check_at="达产复核")
    firm = Enterprise.objects.create(zone=world.zone_a, uscc=USCC, name="乙机械", industry_code="3411")
    EnterpriseYear.objects.create(enterprise=firm, zone=world.zone_a, year=2024, scale="above", land_mu=50,
                                  tax=900, sales=1000, value_added=6800, energy_tce=2000, rd_expense=25)  # fmt: skip
    done = RUNNER.invoke(app, ["check", "--year", "2024"])
    assert done.exit_code == 0, done.output
    text = "".join(done.output.split())  # the console wraps long lines
    assert "P2达产复核：亩均税收实际18，约定>=25，差28%，违约责任按开发区约定，整改至2025-12-31" in text
    assert "P2：亩均税收未达约定，列为低效用地线索" in text
    # the 达产验收 application was due 2024-10-15 (竣工 + 24 months) and none is recorded
    assert "违约1项；闲置土地0宗；控制性指标未达1项" in text
    # a verified 达产 milestone (its evidence the 达产复核 itself, 100 % of capacity) before the due date: the
    # review is done
    Milestone.objects.create(project=p2, stage="达产", reached_on=date(2024, 9, 1), evidence="达产复核",
                             value=1.0, verified_by=world.bureau)  # fmt: skip
    again = "".join(RUNNER.invoke(app, ["check", "--year", "2024"]).output.split())
    assert "违约0项；闲置土地0宗；控制性指标未达1项" in again
