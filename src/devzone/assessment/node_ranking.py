"""Rankings by one node of the tree (综合 / 分类 / 单项指标排名), from a run's stored rows. No Django.

A stored zone row carries, per rank group, each node's rank (``node_ranks``) and last year's rank
(``node_rank_prev``), each node's score and each indicator's value as read (``raw_values``, after
denominating). The ranking of node c orders the zones by their rank of c (ties share the best rank,
unranked last); its rank change is Δ = rank(t−1) − rank(t), > 0 is 进位 (spec §3.8). Runs stored
before ``node_rank_prev`` existed know last year's rank of the index only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, Any]
SHEET_TITLE_MAX = 31
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


@dataclass(frozen=True)
class NodeRank:
    """One zone's line in the ranking of one node. ``prev_known`` is False when the run did not store it."""

    zone: Any
    rank: int | None
    score: float | None
    raw: float | None
    rank_prev: int | None
    rank_change: int | None
    prev_known: bool


@dataclass(frozen=True)
class Sheet:
    """One worksheet: title, column headers and rows."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def node_choices(nodes: Sequence[Row], *, root: str) -> list[tuple[str, str, str]]:
    """(code, label, kind) for the node selector: the index, then categories, then indicators, in tree order.

    >>> nodes = [{"code": "INDEX", "name": "综合", "depth": 0, "leaf": False},
    ...          {"code": "ECO", "name": "经济", "depth": 1, "leaf": False},
    ...          {"code": "gdp", "name": "GDP", "depth": 2, "leaf": True}]
    >>> node_choices(nodes, root="INDEX")
    [('INDEX', '综合', 'index'), ('ECO', '经济', 'category'), ('gdp', 'GDP', 'indicator')]
    """
    out = [(root, next((n["name"] for n in nodes if n["code"] == root), root), "index")]
    out.extend((n["code"], n["name"], "category") for n in nodes if n["code"] != root and not n["leaf"])
    out.extend((n["code"], n["name"], "indicator") for n in nodes if n["code"] != root and n["leaf"])
    return out


def _prev(row: Row, *, node: str, root: str, group: str) -> tuple[int | None, bool]:
    stored = row.get("node_rank_prev") or {}
    if stored:
        return stored.get(group, {}).get(node), True
    if node == root:
        return row.get("rank_prev"), True
    return None, False


def node_ranking(rows: Sequence[Row], *, node: str, root: str, group: str) -> list[NodeRank]:
    """Zones ranked by ``node`` within rank group ``group``, best first (unranked last, then by zone).

    >>> rows = [{"zone": "甲", "rank_prev": 1, "node_scores": {"a": 20.0}, "node_ranks": {"all": {"a": 2}},
    ...          "node_rank_prev": {"all": {"a": 1}}, "raw_values": {"a": 3.5}},
    ...         {"zone": "乙", "rank_prev": 2, "node_scores": {"a": 80.0}, "node_ranks": {"all": {"a": 1}},
    ...          "node_rank_prev": {"all": {"a": 2}}, "raw_values": {"a": 7.0}},
    ...         {"zone": "丙", "rank_prev": None, "node_scores": {}, "node_ranks": {}, "node_rank_prev": {},
    ...          "raw_values": {}}]
    >>> [(r.zone, r.rank, r.raw, r.rank_change, r.prev_known) for r in node_ranking(rows, node="a", root="I", group="all")]
    [('乙', 1, 7.0, 1, True), ('甲', 2, 3.5, -1, True), ('丙', None, None, None, False)]
    """
    out = []
    for r in rows:
        rank = r.get("node_ranks", {}).get(group, {}).get(node)
        prev, known = _prev(r, node=node, root=root, group=group)
        out.append(
            NodeRank(
                zone=r["zone"], rank=rank, score=r.get("node_scores", {}).get(node),
                raw=(r.get("raw_values") or {}).get(node), rank_prev=prev,
                rank_change=None if rank is None or prev is None else prev - rank, prev_known=known,
            )
        )  # fmt: skip
    return sorted(out, key=lambda x: (x.rank is None, x.rank or 0, str(x.zone)))


def leaves_under(nodes: Sequence[Row], code: str) -> list[Row]:
    """The indicators below ``code`` in tree order (``code`` itself when it is an indicator).

    >>> nodes = [{"code": "I", "parent": None, "leaf": False}, {"code": "E", "parent": "I", "leaf": False},
    ...          {"code": "g", "parent": "E", "leaf": True}, {"code": "h", "parent": "I", "leaf": True}]
    >>> [n["code"] for n in leaves_under(nodes, "E")], [n["code"] for n in leaves_under(nodes, "h")]
    (['g'], ['h'])
    """
    parent = {n["code"]: n["parent"] for n in nodes}

    def below(c: str | None) -> bool:
        while c is not None:
            if c == code:
                return True
            c = parent.get(c)
        return False

    return [n for n in nodes if n["leaf"] and below(n["code"])]


def sheet_title(name: str, *, taken: set[str]) -> str:
    """An Excel sheet title: forbidden characters replaced, at most 31 characters, unique in ``taken``.

    >>> taken = {"排名"}
    >>> sheet_title("排名", taken=taken), sheet_title("a/b", taken=taken), sorted(taken)
    ('排名 (2)', 'a_b', ['a_b', '排名', '排名 (2)'])
    """
    base = name.translate(SHEET_FORBIDDEN)[:SHEET_TITLE_MAX] or "sheet"
    title, n = base, 1
    while title in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(title)
    return title


def category_sheets(
    rows: Sequence[Row], *, nodes: Sequence[Row], categories: Sequence[str], root: str, group: str,
    taken: set[str],
) -> list[Sheet]:  # fmt: skip
    """One sheet per category: zones by category rank, with each indicator's value and rank beside it.

    Columns: 排名, 开发区, 得分, 上年排名, 位次变化, then 〈指标〉原始值 and 〈指标〉排名 per indicator.

    >>> nodes = [{"code": "I", "name": "综合", "parent": None, "leaf": False},
    ...          {"code": "E", "name": "经济", "parent": "I", "leaf": False},
    ...          {"code": "g", "name": "GDP", "parent": "E", "leaf": True}]
    >>> rows = [{"zone": "甲", "rank_prev": 1, "node_scores": {"E": 40.0}, "node_ranks": {"all": {"E": 2, "g": 2}},
    ...          "node_rank_prev": {"all": {"E": 1, "g": 1}}, "raw_values": {"g": 3.0}}]
    >>> s = category_sheets(rows, nodes=nodes, categories=["E"], root="I", group="all", taken=set())[0]
    >>> s.title, s.headers[5:], s.rows
    ('经济', ('GDP原始值', 'GDP排名'), ((2, '甲', 40.0, 1, -1, 3.0, 2),))
    """
    names = {n["code"]: n["name"] for n in nodes}
    sheets = []
    for c in categories:
        leaves = leaves_under(nodes, c)
        headers: tuple[str, ...] = ("排名", "开发区", "得分", "上年排名", "位次变化")
        headers += tuple(h for n in leaves for h in (f"{n['name']}原始值", f"{n['name']}排名"))
        indexed = [{**r, "zone": i} for i, r in enumerate(rows)]
        ranked = sorted(
            node_ranking(indexed, node=c, root=root, group=group),
            key=lambda x: (x.rank is None, x.rank or 0, str(rows[x.zone]["zone"])),
        )
        lines = []
        for nr in ranked:
            r = rows[nr.zone]
            ranks = r.get("node_ranks", {}).get(group, {})
            raw = r.get("raw_values") or {}
            cells: tuple[Any, ...] = (
                nr.rank, str(r["zone"]), None if nr.score is None else round(nr.score, 4), nr.rank_prev,
                nr.rank_change,
            )  # fmt: skip
            cells += tuple(v for n in leaves for v in (raw.get(n["code"]), ranks.get(n["code"])))
            lines.append(cells)
        sheets.append(
            Sheet(title=sheet_title(names.get(c, c), taken=taken), headers=headers, rows=tuple(lines))
        )
    return sheets
