"""What the reviewer should look at first: the engine's doubts about each task, in the reviewer's words.

The parse marks a task it is unsure of (``flags`` in ``devzone.plan/1``: ``no_owner``, ``unknown_lead``,
``unresolved_date``, ``unread_column``). The review page shows them with what has changed since: a task
whose owners were all dismissed has no owner now, one whose owner was added has one, one whose lead the
reviewer named has a lead. A date whose year the plan does not give
(``year: null``) is unresolved whether or not the parse said so, so an older stored parse still shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: flag → the label the reviewer reads, in the order the page lists them
FLAG_LABELS: dict[str, str] = {
    "no_owner": "无责任单位",
    "unknown_lead": "牵头单位未标明",
    "unresolved_date": "日期无法确定",
    "unread_column": "表格列未识别",
}


def task_flags(
    *, parsed: Sequence[str], owners: int, deadlines: Iterable[tuple[int | None, bool]], leads: int = 0
) -> tuple[str, ...]:
    """The flags of one task: the parse's, with owners and dates as they stand now.

    ``owners`` counts the owners not dismissed, ``leads`` those of them who lead; ``deadlines`` gives
    ``(year, recurring)`` of each. A lead the reviewer named settles ``unknown_lead``.

    >>> task_flags(parsed=["unread_column"], owners=0, deadlines=[(None, False)])
    ('no_owner', 'unresolved_date', 'unread_column')
    >>> task_flags(parsed=["no_owner"], owners=1, deadlines=[(2026, False), (None, True)])
    ()
    >>> task_flags(parsed=["something_new"], owners=2, deadlines=[])
    ()
    >>> task_flags(parsed=["unknown_lead"], owners=3, deadlines=[]), task_flags(parsed=["unknown_lead"], owners=3, deadlines=[], leads=1)
    (('unknown_lead',), ())
    """
    flags = {f for f in parsed if f in FLAG_LABELS}
    if owners:
        flags.discard("no_owner")
    else:
        flags.add("no_owner")
    if leads or not owners:
        flags.discard("unknown_lead")
    if any(year is None and not recurring for year, recurring in deadlines):
        flags.add("unresolved_date")
    return tuple(f for f in FLAG_LABELS if f in flags)
