"""Comparators of targets: the words before a value (突破 ">", 达到 ">=", 控制在 "<=") and the op.

Ops follow the plan-gold conventions: 突破/超/超过/高于/多于 → ">"; 达到/达/不低于/以上/至少/
提高到/增至 → ">="; 以下/不超过/不高于/控制在/压缩至/以内 → "<="; 低于/少于 → "<"; a value
stated with no comparator, or X左右, → "=". 力争 and 确保 only mark an aim (real/CONVENTIONS.md): the
verb after them decides (力争达到 ">=", 力争突破 ">", 力争实现 / 力争新增 / 确保40个项目开工 "=").
"""

from __future__ import annotations

COMPARATORS: dict[str, str] = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "控制在": "<=",
    "力争达到": ">=",
    "力争突破": ">",
    "力争超过": ">",
    "力争实现": "=",
    "提高到": ">=",
    "提升到": ">=",
    "提高至": ">=",
    "提升至": ">=",
    "增加到": ">=",
    "增加至": ">=",
    "增长到": ">=",
    "增长至": ">=",
    "扩大到": ">=",
    "扩大至": ">=",
    "降低到": "<=",
    "降低至": "<=",
    "下降到": "<=",
    "下降至": "<=",
    "压缩到": "<=",
    "压缩至": "<=",
    "减少到": "<=",
    "减少至": "<=",
    "增至": ">=",
    "突破": ">",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "大于": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "达到": ">=",
    "至少": ">=",
    "实现": "=",
}
# one-character comparators count only right before the number ("超400家", "达300个")
SHORT_COMPARATORS: dict[str, str] = {"超": ">", "逾": ">", "达": ">=", "为": "=", "是": "="}


def comparator(norm: str, window_start: int, num_start: int) -> tuple[str | None, int]:
    """Nearest comparator before the number: (op, start of comparator) or (None, num_start).

    >>> comparator("工业增加值力争突破400亿元", 0, 9)
    ('>', 5)
    >>> comparator("能耗控制在0.5吨", 0, 5)
    ('<=', 2)
    >>> comparator("培育企业10家", 0, 4)
    (None, 4)
    """
    window = norm[window_start:num_start]
    k = len(window)
    while k > 0 and window[k - 1] in (' 各共约了到至在“”"'):
        k -= 1
    if (
        k > 0
        and window[k - 1] in SHORT_COMPARATORS
        and not window[:k].endswith(tuple(COMPARATORS))
        and not (window[k - 1] == "达" and k >= 2 and window[k - 2] == "到")
    ):
        return SHORT_COMPARATORS[window[k - 1]], window_start + k - 1
    best: tuple[int, int, str, int] | None = None
    for word, op in COMPARATORS.items():
        idx = window.rfind(word)
        if idx < 0:
            continue
        if word == "实现" and idx + len(word) < k - 2:
            continue  # a bare 实现 governs only what follows closely
        if idx > 0 and window[idx - 1] == "不" and not word.startswith("不"):
            continue
        if idx + len(word) < k - 14:
            continue
        key = (idx + len(word), len(word))
        if best is None or key > best[:2]:
            best = (key[0], key[1], op, idx)
    if best is None:
        return None, num_start
    return best[2], window_start + best[3]


def combine_ops(op: str | None, post: str | None, *, kind: str) -> str:
    """The op of a target from its comparator and the modifier after the value.

    "X左右" is stated exactly (op "="), also after 控制在; a comparator with 以上 keeps its
    strictness (超过50%以上 → ">"); a bare multiple (翻番) is ">=".

    >>> combine_ops("<=", "=", kind="share"), combine_ops(">", ">=", kind="level")
    ('=', '>')
    >>> combine_ops(None, None, kind="multiple"), combine_ops(None, None, kind="level")
    ('>=', '=')
    >>> combine_ops("=", "<=", kind="level")
    '<='
    """
    if post == "=":
        return "="
    if op is None:
        return post or (">=" if kind == "multiple" else "=")
    if post is None or post in ("=", op):
        return op
    if (op, post) in ((">", ">="), ("<", "<=")):
        return op
    if op == "=":
        return post
    return op
