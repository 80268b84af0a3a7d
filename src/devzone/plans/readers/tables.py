"""Tables of every format go to the parser the same way, and a table whose columns have no known name is noted."""

from __future__ import annotations

from dataclasses import dataclass

from devzone.plans.docx_in import table_lines
from devzone.plans.texttable import column_roles


@dataclass(frozen=True)
class SourceText:
    """What a reader gives the parser: the text, and the header of each table whose columns it could not name
    (序号/重点任务/责任单位/完成时限 …), so that a file with no task can say why."""

    text: str
    unnamed_tables: tuple[tuple[str, ...], ...] = ()


def unnamed_header(rows: list[list[str]]) -> tuple[str, ...] | None:
    """The first row of a table of at least two rows and two columns none of whose first rows names its columns.

    >>> unnamed_header([["类别", "说明"], ["甲", "乙"]])
    ('类别', '说明')
    >>> unnamed_header([["序号", "重点工作", "责任单位"], ["1", "甲", "乙"]]) is None
    True
    >>> unnamed_header([["只有一列"], ["甲"]]) is None
    True
    """
    if len(rows) < 2 or max((sum(1 for c in r if c.strip()) for r in rows), default=0) < 2:
        return None
    if any(column_roles(r) is not None for r in rows[:3]):
        return None
    return tuple(c.strip() for c in rows[0] if c.strip())


def render(rows: list[list[str]], unnamed: list[tuple[str, ...]]) -> list[str]:
    """The table's lines for the parser; its header is added to ``unnamed`` when its columns have no name."""
    header = unnamed_header(rows)
    if header is not None:
        unnamed.append(header)
    return table_lines(rows)
