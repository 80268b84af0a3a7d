"""``devzone assess run`` without ``--data``: assess the database's zone data, optionally storing the run."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.assessment.actions import run_assessment, save_framework, stored_rows
from devzone.assessment.cli import print_sensitivity, write_rows
from devzone.assessment.errors import AssessmentError
from devzone.assessment.models import Framework
from devzone.assessment.report import assessment_report, report_from_rows
from devzone.assessment.results import compute, flat_rows
from devzone.assessment.sources import build_snapshot
from devzone.orgs.models import Zone


class Command(BaseCommand):
    help = (
        "Assess a year on the stored zone data (考评数据, filled from the indicators slice's annual figures)"
        " and write ranks.csv/.xlsx/.docx."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--framework", required=True, help="framework YAML file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", required=True, help="ranks.csv, ranks.xlsx or report.docx")
        parser.add_argument("--uncertainty", type=int, default=0, help="Monte Carlo samples")
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--save", action="store_true", help="store the run (and the framework) in the database"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() not in (".csv", ".xlsx", ".docx"):
            raise CommandError(f"--out must end in .csv, .xlsx or .docx, got {out.name}")
        try:
            text = Path(options["framework"]).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{options['framework']}: cannot read: {exc}") from exc
        row = Framework(yaml_text=text)
        try:
            row.clean()
        except ValidationError as exc:
            raise CommandError(f"{options['framework']}: {'; '.join(exc.messages)}") from exc
        year, samples = options["year"], options["uncertainty"]
        seed = options["seed"] if options["seed"] is not None or not samples else secrets.randbits(62)
        try:
            if options["save"]:
                framework = Framework.objects.filter(sha256=row.sha256).first() or save_framework(
                    row, actor=None, source="cli"
                )
                run = run_assessment(
                    framework, year=year, samples=samples, seed=seed, actor=None, note="cli", source="cli"
                )
                zones, outcomes = stored_rows(run)
                summary, hashes = run.summary, (run.framework_sha256, run.data_sha256, run.engine_version)
                sensitivity = run.sensitivity
                self.stderr.write(f"stored run #{run.pk}")
            else:
                engine = row.engine()
                snap = build_snapshot(engine, year=year)
                if not snap["rows"]:
                    raise CommandError(f"no stored assessment data for {year} and the framework's indicators")
                done = compute(yaml_text=text, snapshot=snap, year=year, samples=samples, seed=seed)
                zones, outcomes, summary = list(done.zones), list(done.outcomes), done.summary
                sensitivity = done.sensitivity
                hashes = (done.framework.sha256, done.data_sha256, done.result.engine_version)
        except (ValidationError, AssessmentError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        counts = summary.get("data_sources") or {}
        self.stderr.write(
            f"data: {counts.get('assessment', 0)} values from 考评数据, {counts.get('indicators', 0)} from 指标监测"
        )
        for warning in summary.get("data_warnings", []):
            self.stderr.write(f"warning: {warning}")
        names = {str(z.pk): z.name for z in Zone.objects.filter(pk__in=[int(r["zone"]) for r in zones])}
        if samples:
            print_sensitivity(sensitivity, names={n["code"]: n["name"] for n in summary.get("nodes", [])})
        if out.suffix.lower() == ".docx":
            report = report_from_rows(
                title=f"{year}年度开发区综合考评报告", year=year, framework=row.name, summary=summary, zones=zones,
                outcomes=outcomes, names=names, hashes=hashes, samples=samples, seed=seed, sensitivity=sensitivity,
            )  # fmt: skip
            out.write_bytes(assessment_report(report))
        else:
            write_rows(flat_rows(zones, summary=summary, names=names, uncertainty=samples > 0), out)
        self.stderr.write(
            f"wrote {len(zones)} zones to {out} (framework {hashes[0][:12]}, data {hashes[1][:12]})"
        )
