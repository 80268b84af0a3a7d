"""One list of target kinds: every layer reads ``devzone.core.target_kinds``; a second list fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings
from django.utils import translation

from devzone.core.target_kinds import TARGET_KIND_LABELS, TARGET_KINDS
from devzone.indicators.evaluate import KIND_NAMES
from devzone.indicators.models import Target, TargetKind
from devzone.indicators.targets import KINDS
from devzone.plans import schema
from devzone.plans.tests.gold import check_gold

ROOT = Path(__file__).resolve().parent.parent
THE_LIST = ROOT / "src" / "devzone" / "core" / "target_kinds.py"
# The gold checker runs without the engine on purpose, so it keeps a copy (asserted equal below).
STANDALONE_COPY = ROOT / "src" / "devzone" / "plans" / "tests" / "gold" / "check_gold.py"
# A collection naming this many kinds is a copy of the list; smaller ones (the level-type kinds,
# the kinds counted per period) are rules about some kinds and stay where they are used.
A_COPY_NAMES = len(TARGET_KINDS) - 2


def test_every_layer_uses_the_one_list() -> None:
    assert schema.KINDS == TARGET_KINDS
    assert tuple(KINDS) == TARGET_KINDS
    assert KIND_NAMES == TARGET_KINDS
    assert [value for value, _label in TargetKind.choices] == list(TARGET_KINDS)
    with translation.override(settings.LANGUAGE_CODE):  # the labels are the Chinese source strings
        labels = [str(label) for _value, label in Target._meta.get_field("kind").choices]
    assert labels == list(TARGET_KIND_LABELS.values())


def test_the_gold_checkers_copy_equals_the_one_list() -> None:
    assert frozenset(TARGET_KINDS) == check_gold.KINDS


def _string_items(node: ast.AST) -> list[str] | None:
    """The strings of a literal tuple/list/set/``frozenset({...})`` of strings, or of a dict of strings.

    A dict from kind to a formula or a function (``evaluate._goals``, ``plans.kinds.KIND_RULES``) is a
    table of rules, not a list: its values are not strings, so it is not counted.
    """
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"frozenset", "set", "tuple"}:
        return _string_items(node.args[0]) if len(node.args) == 1 else None
    if isinstance(node, ast.Dict):
        elements: list[ast.AST | None] = [*node.keys, *node.values]
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        elements = list(node.elts)
    else:
        return None
    items = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return items if len(items) == len(elements) else None


def second_lists(paths: list[Path], *, root: Path = ROOT) -> list[str]:
    """Where a literal collection of kind names appears outside the one list and the checker's copy."""
    found = []
    for path in paths:
        if path in {THE_LIST, STANDALONE_COPY} or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            items = _string_items(node)
            if items is not None and len(set(items) & set(TARGET_KINDS)) >= A_COPY_NAMES:
                found.append(f"{path.relative_to(root)}:{node.lineno}")  # type: ignore[attr-defined]
    return found


def test_no_second_list_of_kinds_appears() -> None:
    paths = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py"))
    assert second_lists(paths) == []


def test_the_scan_finds_a_second_list(tmp_path: Path) -> None:
    copy = tmp_path / "copy.py"
    copy.write_text(
        f"KINDS = {TARGET_KINDS!r}\nLABELS = {dict(TARGET_KIND_LABELS)!r}\nSOME = frozenset({{'level', 'share'}})\n",
        encoding="utf-8",
    )
    assert second_lists([copy], root=tmp_path) == ["copy.py:1", "copy.py:2"]
