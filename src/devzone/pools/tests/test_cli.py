"""``devzone pools import | screen | counts`` on the test database and on files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from tests.personas import World
from typer.testing import CliRunner

from devzone.audit.models import AuditEntry
from devzone.enterprises.models import Enterprise
from devzone.enterprises.uscc import check_character
from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import catalogue
from devzone.pools.cli import app
from devzone.pools.models import Qualification
from devzone.pools.tests.examples import ALL

RUNNER = CliRunner()


def uscc(n: int) -> str:
    body = f"91320700M{n:08d}"[:17]
    return body + check_character(body)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


HEADER = ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"]


def test_a_province_list_gives_the_zone_firms_their_titles_and_the_counts_follow(
    world: World, tmp_path: Path
) -> None:
    catalogue()
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲一", industry_code="3311")
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(2), name="甲二", industry_code="3311")
    listing = write_csv(tmp_path / "江苏省2023年高企名单.csv", HEADER, [
        [1, "甲一", uscc(1), "GR202332000001", "2023-11-06"],
        [2, "甲二", uscc(2), "GR202332000002", "2023-11-06"],
        [3, "区外企业", uscc(3), "GR202332000003", "2023-11-06"],
    ])  # fmt: skip
    done = RUNNER.invoke(app, ["import", str(listing), "--kind", "hte"])
    assert done.exit_code == 0, done.output
    assert "新增 2 条" in done.output and "另有 1 家不是各开发区的企业" in done.output
    q = Qualification.objects.get(certificate_no="GR202332000001")
    assert (q.zone, q.valid_to) == (world.zone_a, dt.date(2026, 11, 5))  # issue date + 3 years − 1 day
    assert AuditEntry.objects.filter(model="pools.Qualification", zone=world.zone_a).count() == 1
    # the import recounts the zone: its 高企 figures from the issue year on are observations now
    figures = Observation.objects.filter(
        indicator__code="high_tech_enterprises", zone=world.zone_a, is_current=True
    )
    assert {o.period: o.value for o in figures if o.period in ("2022", "2023", "2024")} == {
        "2023": 2.0, "2024": 2.0}  # fmt: skip
    recorded = RUNNER.invoke(app, ["counts", "--year", "2024", "--record"])
    assert "写入 0 条" in recorded.output  # already current: nothing superseded
    again = RUNNER.invoke(app, ["import", str(listing), "--kind", "hte"])
    assert "新增 0 条，更新 0 条，未变 2 条" in again.output
    out = tmp_path / "counts.csv"
    done = RUNNER.invoke(app, ["counts", "--year", "2024", "--out", str(out)])
    assert done.exit_code == 0, done.output
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("开发区,资质类别,年末有效数,首次认定")
    assert lines[1].startswith(
        f"{world.zone_a.name},高新技术企业,2,0,"
    )  # entered in 2023, continuing in 2024
    assert lines[1].endswith(",0,0")  # none issued in 2024, no net increase
    first = RUNNER.invoke(app, ["counts", "--year", "2023", "--out", str(out)])
    assert first.exit_code == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[1].endswith(",2,2")  # 2 issued, net +2


def test_a_bad_list_prints_every_fault_and_writes_nothing(world: World, tmp_path: Path) -> None:
    Enterprise.objects.create(zone=world.zone_a, uscc=uscc(1), name="甲一", industry_code="3311")
    wrong = uscc(2)[:-1] + ("0" if uscc(2)[-1] != "0" else "1")
    listing = write_csv(tmp_path / "名单.csv", [*HEADER, "有效期至"], [
        [1, "甲一", uscc(1), "GR1", "2023-11-06", "2023-01-01"],
        [2, "乙", wrong, "GR2", "2023-11-06", ""],
        [3, "丙", uscc(3), "GR2", "十一月", ""],
        [4, "丁", uscc(4), "GR4", "2023-11-06", "2027-11-07"],
    ])  # fmt: skip
    done = RUNNER.invoke(app, ["import", str(listing), "--kind", "hte"])
    assert done.exit_code == 2
    assert "第 2 行，F（有效期至） 列：有效期至 2023-01-01 早于发证日期 2023-11-06" in done.output
    assert "第 3 行，C（统一社会信用代码） 列：校验码为" in done.output
    assert "第 4 行，D（证书编号） 列：证书编号 GR2 与第 3 行重复" in done.output
    assert "第 4 行，E（发证日期） 列：“十一月”不能读作日期" in done.output
    assert "超出高新技术企业的 3 年有效期" in done.output
    assert "未导入：共 5 处问题" in done.output
    assert not Qualification.objects.exists()
    unknown = RUNNER.invoke(app, ["import", str(listing), "--kind", "nonsense"])
    assert unknown.exit_code == 2 and "不认识的资质类别" in unknown.output


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value.isoformat() if isinstance(value, dt.date) else value


def test_screen_a_data_file_prints_the_verdicts_and_writes_the_gaps(tmp_path: Path) -> None:
    """The worked examples of spec §8 as a supplement file: E4 is short of 4 % by 230 万元 (exactly 2亿)."""
    codes = {f"E{i}": uscc(10 + i) for i in range(1, 6)}
    names = sorted({k for r in ALL for k in r} - {"zone"})
    rows = [[codes[r["uscc"]] if k == "uscc" else _cell(r.get(k)) for k in names] for r in ALL]
    data = write_csv(tmp_path / "补充数据.csv", names, rows)
    out = tmp_path / "预筛.csv"
    done = RUNNER.invoke(app, ["screen", str(data), "--kind", "hte", "--year", "2024", "--on", "2025-06-01",
                               "--out", str(out)])  # fmt: skip
    assert done.exit_code == 0, (done.output, __import__("traceback").format_exception(done.exception))
    assert "高新技术企业" in done.output
    assert (
        sum(int(line.split("：")[1].split()[0]) for line in done.output.splitlines() if line.endswith("家"))
        == 5
    )
    text = out.read_bytes().decode("utf-8-sig")
    e4 = [
        line for line in text.splitlines() if line.startswith(f"2024,{codes['E4']},") and "还差 230" in line
    ]
    assert e4, text[:2000]
    bad = write_csv(tmp_path / "坏.csv", ["uscc", "year", "revenue"], [[codes["E1"], 2024, "一千"]])
    refused = RUNNER.invoke(app, ["screen", str(bad), "--kind", "hte"])
    assert refused.exit_code == 2 and "“一千”不能读作数字" in refused.output
