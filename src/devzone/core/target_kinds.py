"""The target kinds (目标类型): the one list the plan reader, the gold checker and the indicators slice share.

A pure module (no Django, no slice), so the plan engine (``plans/schema.py``), the target maths
(``indicators/targets.py``, ``indicators/evaluate.py``) and the stored choices (``indicators/models.py``)
import it from below. ``plans/tests/gold/check_gold.py`` is a standalone checker and keeps its own copy;
``tests/test_target_kinds.py`` asserts the copy equals this list and that no other list appears.

Labels are marked with :func:`gettext_noop` so ``makemessages`` collects them; Django translates them
where they are shown (``indicators.models.TargetKind``).
"""

from __future__ import annotations

from types import MappingProxyType


def gettext_noop(message: str) -> str:
    """Mark a label for translation without importing Django (``makemessages`` looks for this name)."""
    return message


TARGET_KIND_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "level": gettext_noop("达到水平"),
        "multiple": gettext_noop("倍数（翻番）"),
        "growth": gettext_noop("年均增长"),
        "share": gettext_noop("占比"),
        "net_increase": gettext_noop("净增"),
        "cumulative": gettext_noop("累计"),
        "count_per_period": gettext_noop("每期数量"),
        "rank_change": gettext_noop("位次提升"),
    }
)
"""Kind → its Chinese label, in the order the kinds are documented and coded (``evaluate.KIND_NAMES``)."""

TARGET_KINDS: tuple[str, ...] = tuple(TARGET_KIND_LABELS)
"""Every target kind, in order."""
