"""Build the demo province (deterministic: typed directory plus data generated from --seed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from devzone.accounts.demo import create_demo_users
from devzone.assessment.demo import build_assessment_demo
from devzone.enterprises.demo import build_enterprises_demo
from devzone.indicators.demo import build_indicators_demo
from devzone.land.demo import build_land_demo
from devzone.orgs.demo import build_directory
from devzone.plans.demo import build_plans
from devzone.pools.demo import build_pools_demo
from devzone.projects.demo import build_projects_demo

DEFAULT_SEED = 20261124


class Command(BaseCommand):
    help = "Build the demo province into the configured database (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        counts = build_directory()
        self.stdout.write(
            f"directory: {counts.zones} zones, {counts.units} units, {counts.groups} groups created "
            f"(seed {options['seed']})"
        )
        planned = build_plans(seed=options["seed"])
        self.stdout.write(
            f"plans: {planned.plans} plans published, {planned.assignments} assignments, {planned.reports} reports"
        )
        figures = build_indicators_demo(seed=options["seed"])
        self.stdout.write(
            f"indicators: {figures.indicators} indicators, {figures.targets} targets "
            f"({figures.unmatched} to review), {figures.observations} figures created"
        )
        assessed = build_assessment_demo(seed=options["seed"])
        self.stdout.write(f"assessment: {assessed.values} values, {assessed.runs} runs created")
        for username, role, password in create_demo_users():
            self.stdout.write(f"user {username:<10} {role:<10} password: {password}")
        mu = build_enterprises_demo(seed=options["seed"])
        self.stdout.write(
            f"enterprises: {mu.enterprises} enterprises, {mu.years} enterprise-years, "
            f"{mu.runs} 亩均 runs, {mu.objections} objections created"
        )
        built = build_projects_demo(seed=options["seed"])
        self.stdout.write(f"projects: {built.projects} projects, {built.milestones} milestones created")
        pools = build_pools_demo(seed=options["seed"])
        self.stdout.write(
            f"pools: {pools.qualifications} titles, {pools.members} pool members, "
            f"{pools.supplements} supplement years, {pools.figures} counted figures created"
        )
        land = build_land_demo(seed=options["seed"])
        self.stdout.write(
            f"land: {land.parcels} parcels in {land.zones} zones, {land.buildings} 标准厂房 with {land.leases} leases, "
            f"{land.cases} disposal cases created"
        )
