"""Evaluation runs: evaluate a year with a method and store the run; reproduce a stored run exactly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from django.core.files.base import ContentFile

from devzone.audit.actions import created
from devzone.core.media import atomic_with_files, save_file
from devzone.core.versions import software_versions
from devzone.enterprises import store
from devzone.enterprises.method import Method, MethodError
from devzone.enterprises.method_load import METHODS_DIR, load_stored, load_text, shipped_methods
from devzone.enterprises.models import Enterprise, EnterpriseYear, MuResult, MuRun
from devzone.enterprises.mu import years_back
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User


UPLOADED_METHOD = "(上传的评价办法)"


class WorkflowError(Exception):
    """The run or objection is not in a state that allows this step; the message says why."""


def method_text(id_or_yaml: str) -> tuple[str, str]:
    """(file text, file name) of a shipped method id, or of YAML text given as such."""
    if id_or_yaml.strip() in shipped_methods():
        name = f"{id_or_yaml.strip()}.yaml"
        return (METHODS_DIR / name).read_text(encoding="utf-8"), name
    if "\n" not in id_or_yaml:
        raise MethodError(file=id_or_yaml, key="(file)", reason="没有这个名称的内置评价办法")
    return id_or_yaml, UPLOADED_METHOD


def load_method_text(id_or_yaml: str) -> tuple[Method, str]:
    """The method and its exact text; raises :class:`MethodError` naming file and key."""
    text, name = method_text(id_or_yaml)
    return load_text(text, file=name), text


def years_needed(method: Method, year: int) -> list[int]:
    """The evaluation year and the earlier years the method reads (previous-year benchmarks,
    consecutive years in a class) or the land rules need (consecutive evaluations, years without tax).

    >>> from devzone.enterprises.method_load import resolve
    >>> years_needed(resolve("lyg-seed"), 2024)
    [2022, 2023, 2024]
    """
    span = max(years_back(method), method.land.consecutive_evaluations - 1, method.land.no_tax_years - 1)
    return list(range(year - span, year + 1))


def _zones_for(zone: Zone | None, rows: Iterable[EnterpriseYear]) -> dict[int, str]:
    zones = [zone] if zone is not None else list(Zone.objects.filter(pk__in={r.zone_id for r in rows}))
    return store.zone_labels(zones)


def _snapshot_rows(zone: Zone | None, years: Sequence[int], *, city: str = "") -> list[EnterpriseYear]:
    qs = EnterpriseYear.objects.filter(year__in=list(years)).select_related("enterprise")
    if zone is not None:
        qs = qs.filter(zone=zone)
    elif city:
        qs = qs.filter(zone__city=city)
    return list(qs.order_by("year", "enterprise__uscc"))


def _run_city(zone: Zone | None, city: str, rows: Sequence[EnterpriseYear]) -> tuple[str, str]:
    """The (city, province) a run belongs to: its zone's, or the one city a city-wide run covers."""
    if zone is not None:
        return zone.city, zone.province
    places = set(Zone.objects.filter(pk__in={r.zone_id for r in rows}).values_list("city", "province"))
    if len(places) > 1:
        names = "、".join(sorted(c for c, _p in places))
        raise WorkflowError(f"全市评价只在一个城市内进行：数据涉及 {names}，请指定城市")
    if places:
        return places.pop()
    return city, ""


def run_evaluation(
    *,
    zone: Zone | None,
    year: int,
    method_id_or_yaml: str,
    actor: User | None,
    source: str,
    title: str = "",
    city: str = "",
) -> MuRun:
    """Evaluate ``zone``'s enterprises (``None``: every zone of ``city``) for ``year`` and store the run.

    A city-wide run without ``city`` covers the zones that have data, which must lie in one city.

    The method text, the input snapshot (Parquet, canonical schema, sorted by year and USCC) and their
    SHA-256 are stored with the results and summaries, so :func:`reproduce` can redo it exactly.
    Raises :class:`MethodError` for a bad method and :class:`WorkflowError` when there is nothing to evaluate.
    """
    method, text = load_method_text(method_id_or_yaml)
    rows = _snapshot_rows(zone, years_needed(method, year), city=city)
    if not any(r.year == year for r in rows):
        where = zone.name if zone is not None else "各开发区"
        raise WorkflowError(f"{where} 没有 {year} 年度的企业数据，无法评价")
    run_city, run_province = _run_city(zone, city, rows)
    labels = _zones_for(zone, rows)
    try:
        table = store.snapshot(rows, labels)
    except store.SnapshotError as exc:
        raise WorkflowError(str(exc)) from exc
    data = store.parquet_bytes(table)
    evaluation = store.run_engine(table, method, year=year)
    zone_ids = {label: pk for pk, label in labels.items()}
    result_rows = store.result_rows(evaluation.results, method, zone_ids=zone_ids)
    enterprise_ids = {
        (zone_id, uscc): pk
        for pk, zone_id, uscc in Enterprise.objects.filter(zone__in=list(labels)).values_list(
            "pk", "zone_id", "uscc"
        )
    }
    with atomic_with_files():
        run = MuRun(
            zone=zone,
            city=run_city,
            province=run_province,
            year=year,
            # named by place and year: the method is shown by its own title beside it, never by its file key
            title=(title or f"{zone.name if zone is not None else run_city} {year} 年度亩均效益评价")[:200],
            method_id=method.id,
            method_yaml=text,
            method_sha256=store.sha256(text.encode("utf-8")),
            input_sha256=store.sha256(data),
            input_rows=table.num_rows,
            summary=store.summary(evaluation),
            versions=software_versions(),
            created_by=actor if actor is not None and actor.pk else None,
        )
        save_file(run.input_snapshot, f"run-{year}-{run.input_sha256[:16]}.parquet", ContentFile(data))
        run.save()
        MuResult.objects.bulk_create(
            [
                MuResult(
                    run=run,
                    enterprise_id=enterprise_ids.get((r["zone_id"], r["uscc"])),
                    final_class=r["klass"],
                    **r,
                )
                for r in result_rows
            ],
            batch_size=1000,
        )
        created(run, actor=actor, source=source, extra={"results": len(result_rows)})
    return run


class Reproduction(NamedTuple):
    """What :func:`reproduce` found: ``identical`` and one line per difference."""

    identical: bool
    differences: list[str]


def reproduce(run: MuRun) -> Reproduction:
    """Re-evaluate the stored snapshot with the stored method text and compare every stored field.

    Also checks both hashes and the summaries. Unpacks as ``identical, differences``.
    """
    found: list[str] = []
    if store.sha256(run.method_yaml.encode("utf-8")) != run.method_sha256:
        found.append("method: stored text does not match its SHA-256")
    with run.input_snapshot.open("rb") as f:
        data = f.read()
    if store.sha256(data) != run.input_sha256:
        found.append("input snapshot: file does not match its SHA-256")
    table = store.read_parquet(data)
    if table.num_rows != run.input_rows:
        found.append(f"input snapshot: {table.num_rows} rows, {run.input_rows} recorded")
    method = load_stored(run.method_yaml, file=run.method_id)
    evaluation = store.run_engine(table, method, year=run.year)
    stored = store.stored_rows(run.results.order_by("pk"))
    # the snapshot names zones by text; the stored results say which zone each USCC belonged to
    zone_of_uscc = {r["uscc"]: r["zone_id"] for r in stored}
    zone_ids = {
        label: zone_of_uscc[uscc]
        for uscc, label in zip(
            evaluation.results["uscc"].to_pylist(), evaluation.results["zone"].to_pylist(), strict=True
        )
        if uscc in zone_of_uscc
    }
    fresh = store.result_rows(evaluation.results, method, zone_ids=zone_ids)
    found += store.differences(stored, fresh)
    recomputed = store.summary(evaluation)
    for key, value in recomputed.items():
        if run.summary.get(key) != value:
            found.append(f"summary: {key} differs")
    return Reproduction(identical=not found, differences=found)
