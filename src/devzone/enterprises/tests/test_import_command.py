"""The management commands: import a data file, check that runs reproduce."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.personas import World

from devzone.enterprises.actions import run_evaluation
from devzone.enterprises.inputs_schema import NAMES
from devzone.enterprises.models import EnterpriseYear, MuResult
from devzone.enterprises.tests.test_runs import uscc


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([",".join(NAMES[:10]), *lines]) + "\n", encoding="utf-8")
    return path


def test_import_then_reproduce(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "a.csv", f"2024,{uscc(1)},甲,,3311,below,10,false,10,200")
    call_command("mu_import", str(data), zone=world.zone_a.short_name, year=2024)
    assert EnterpriseYear.objects.get().tax == 10.0
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="cli")
    call_command("mu_reproduce", run.pk)
    assert "identical" in capsys.readouterr().out
    MuResult.objects.update(score=1.0)
    with pytest.raises(CommandError, match="1 run"):
        call_command("mu_reproduce")
    assert "score stored 1.0" in capsys.readouterr().out


def test_a_bad_file_lists_its_errors(world: World, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "b.csv", f"2024,{uscc(1)},甲,,3311,below,0,false,10,200")
    with pytest.raises(CommandError, match="第 2 行，land_mu 列"):
        call_command("mu_import", str(data), zone=world.zone_a.name, year=2024)
    assert not EnterpriseYear.objects.exists()
