"""Look-ups every 亩均 view shares; zone checks go through :mod:`devzone.accounts.access` only.

A city-wide run (``zone`` empty) is a shared record that everyone signed in may open, but its results
are scoped by zone, and every summary on a page is computed from the rows the reader sees, so a zone's
staff never read another zone's name or figures.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

import ibis
import pyarrow as pa
import pyarrow.compute as pc
from django.core.cache import caches
from django.db.models import QuerySet
from django.http import HttpResponse

from devzone.accounts.access import get_visible, scope
from devzone.core.responses import attachment
from devzone.enterprises.exports import IndicatorCell, ListInfo, ResultRow
from devzone.enterprises.landuse import RULES as LAND_RULES
from devzone.enterprises.landuse import candidates
from devzone.enterprises.method import Method
from devzone.enterprises.method_load import load_stored
from devzone.enterprises.models import MuResult, MuRun
from devzone.enterprises.report import EvalRow, LandCount, class_labels
from devzone.enterprises.store import read_parquet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

    Reader: TypeAlias = User | AnonymousUser


def download(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    """A file download through the shared helper (the Chinese name kept)."""
    return attachment(content, filename=name, content_type=content_type)


def visible_runs(user: Reader) -> QuerySet[MuRun]:
    """Runs of the user's zones and city-wide runs (the latter show only the user's zones' results)."""
    return scope(user, MuRun.objects.select_related("zone", "created_by")).defer("method_yaml", "summary")


def get_run(user: Reader, run_id: int) -> MuRun:
    """A run the user may open, or 404."""
    return get_visible(user, MuRun.objects.select_related("zone", "created_by"), pk=run_id)


def visible_results(user: Reader, run: MuRun) -> QuerySet[MuResult]:
    """The run's results the user may read."""
    return scope(user, run.results.select_related("zone"))


@lru_cache(maxsize=32)
def _load(text: str, name: str) -> Method:
    return load_stored(text, file=name)


def method_of(run: MuRun) -> Method:
    """The run's stored method file, loaded (cached by its text)."""
    return _load(run.method_yaml, f"{run.method_id}.yaml")


def number(value: Any) -> float | None:
    """A stored number as a float: JSON keeps infinities as "inf"/"-inf"/"nan" strings (see store.py).

    >>> number(1), number("inf"), number(None), number("x")
    (1.0, inf, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def finite(value: Any) -> float | None:
    """A finite float or None.

    >>> finite("inf"), finite(2.5)
    (None, 2.5)
    """
    x = number(value)
    return x if x is not None and math.isfinite(x) else None


def indicator_cells(result: MuResult) -> tuple[IndicatorCell, ...]:
    """The stored explanation of a result as typed cells."""
    return tuple(
        IndicatorCell(
            code=i["code"], name=i["name"], unit=i.get("unit") or "", value=finite(i.get("value")),
            benchmark=finite(i.get("benchmark")), points=finite(i.get("points")), weight=number(i.get("weight")),
        )
        for i in result.indicators
    )  # fmt: skip


def result_row(result: MuResult) -> ResultRow:
    """A stored result as the plain row the lists and the report take."""
    return ResultRow(
        zone=result.zone.name, uscc=result.uscc, name=result.name, industry_code=result.industry_code,
        segment=result.segment, score=result.score, rank=result.rank, klass=result.klass,
        final_class=result.final_class, veto_reason=result.veto_reason, exempt_reason=result.exempt_reason,
        years_in_class=result.years_in_class, indicators=indicator_cells(result), extra=result.extra,
    )  # fmt: skip


def list_info(run: MuRun, method: Method) -> ListInfo:
    """The facts printed on the run's lists."""
    return ListInfo(
        title=str(run), year=run.year, method_id=run.method_id, method_title=method.title,
        method_sha256=run.method_sha256,
        input_sha256=run.input_sha256, input_rows=run.input_rows, status=run.get_status_display(),
        class_labels=class_labels(method), segment_labels={s.code: s.label for s in method.segments},
    )  # fmt: skip


def snapshot_of(run: MuRun) -> pa.Table:
    """The run's stored input rows (canonical schema)."""
    with run.input_snapshot.open("rb") as handle:
        return read_parquet(handle.read())


def year_rows(run: MuRun, snapshot: pa.Table) -> dict[str, dict[str, Any]]:
    """USCC → the snapshot row of the run's year."""
    rows = snapshot.filter(pc.equal(snapshot["year"], run.year)).to_pylist()
    return {r["uscc"]: r for r in rows}


def eval_rows(results: list[MuResult], by_uscc: dict[str, dict[str, Any]]) -> list[EvalRow]:
    """The summaries' rows: each visible result with its land, tax and sales from the snapshot."""
    out = []
    for r in results:
        data = by_uscc.get(r.uscc, {})
        out.append(
            EvalRow(
                zone=r.zone.name, industry_code=r.industry_code, segment=r.segment, score=r.score,
                final_class=r.final_class, veto=r.veto, graded=r.rank is not None,
                land_mu=data.get("land_mu"), tax=data.get("tax"), sales=data.get("sales"),
            )
        )  # fmt: skip
    return out


def eval_rows_of(results: QuerySet[MuResult], by_uscc: dict[str, dict[str, Any]]) -> list[EvalRow]:
    """:func:`eval_rows` of a queryset in one narrow query: a run's few columns, no model objects (a
    city's run has thousands of results, each with its stored explanation)."""
    columns = ("zone__name", "uscc", "industry_code", "segment", "score", "final_class", "veto", "rank")
    out = []
    for zone, uscc, industry_code, segment, score, final_class, veto, rank in results.values_list(*columns):
        data = by_uscc.get(uscc, {})
        out.append(
            EvalRow(
                zone=zone, industry_code=industry_code, segment=segment, score=score,
                final_class=final_class, veto=veto, graded=rank is not None,
                land_mu=data.get("land_mu"), tax=data.get("tax"), sales=data.get("sales"),
            )
        )  # fmt: skip
    return out


def _all_candidates(run: MuRun, method: Method, snapshot: pa.Table | None) -> list[dict[str, Any]]:
    """Every inefficient-land candidate of the run's year, cached: a run's stored input and method never
    change (the key holds both hashes), and compiling and running the rules costs a page's budget."""
    cache = caches["snapshots"]
    key = f"enterprises.land|{run.pk}|{run.year}|{run.input_sha256}|{run.method_sha256}"
    found = cache.get(key)
    if found is not None:
        return list(found)
    con = ibis.duckdb.connect()
    try:
        data = snapshot if snapshot is not None else snapshot_of(run)
        table = con.to_pyarrow(candidates(con.create_table("input", data), method.land, year=run.year))
    finally:
        con.disconnect()
    rows: list[dict[str, Any]] = table.to_pylist()
    cache.set(key, rows)
    return rows


def land_candidates(
    run: MuRun, method: Method, snapshot: pa.Table | None, visible: dict[str, str]
) -> list[dict[str, Any]]:
    """Inefficient-land candidates of the run's year among the visible enterprises (``visible``: USCC → zone
    name); ``snapshot`` is the run's input when the caller has read it already."""
    rows = [dict(r) for r in _all_candidates(run, method, snapshot) if r["uscc"] in visible]
    for r in rows:
        r["zone"] = visible[r["uscc"]]
    return sorted(rows, key=lambda r: (r["zone"], r["uscc"], r["rule"]))


def land_counts(rows: list[dict[str, Any]]) -> tuple[LandCount, ...]:
    """Candidates per rule, in the rule registry's order."""
    out = []
    for code, rule in LAND_RULES.items():
        hits = [r for r in rows if r["rule"] == code]
        if hits:
            land = sum(r["land_mu"] or 0.0 for r in hits)
            out.append(LandCount(rule=code, label=rule.label, enterprises=len(hits), land_mu=land))
    return tuple(out)
