"""Link an indicator name as a plan writes it to catalogue indicators (指标匹配), or say it cannot.

Both the query and every catalogue name and alias are normalised (NFKC, no spaces or punctuation,
scope prefixes such as 全市开发区/市开发区/各开发区 dropped, 数量/总数 → 数), then scored:

    score = 1                                   normalised texts equal
    score = max(Dice(bigrams), ratio)           otherwise, halved when the numbers in the two
                                                texts differ (100亿级 is not 1000亿级)
    Dice  = 2·|B(a) ∩ B(b)| / (|B(a)| + |B(b)|), B = multiset of character bigrams
    ratio = difflib.SequenceMatcher ratio = 2·M / (|a| + |b|), M matched characters

The result is ``exact`` (score 1 for one indicator), ``fuzzy`` (best ≥ accept and ahead of the
runner-up by ≥ margin), ``ambiguous`` (two indicators within the margin) or ``none``; only the first
two carry a match, the others go to the review step with their candidates.

References:
    Dice, L. R. (1945) "Measures of the amount of ecologic association between species", *Ecology*
    26(3) 297–302, doi:10.2307/1932409; Ratcliff & Metzener (1988) "Pattern matching: the gestalt
    approach", *Dr Dobb's Journal* 13(7) 46 (difflib).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from devzone.indicators.catalogue import Catalogue

MATCH_STATUSES: tuple[str, ...] = ("exact", "fuzzy", "ambiguous", "none")

_PREFIXES: tuple[str, ...] = (
    "全市开发区",
    "全省开发区",
    "全省高新区",
    "市开发区",
    "各开发区",
    "省级以上开发区",
    "开发区",
    "高新区",
    "全市",
    "全省",
    "区内",
    "净增",
    "累计",
)
_SUFFIXES: tuple[tuple[str, str], ...] = (("数量", "数"), ("总数", "数"), ("个数", "数"), ("户数", "数"))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DROP = re.compile(r"[\s\"'“”‘’《》〈〉「」()（）\[\]【】、,，.。:：;；·\-—_/]+")


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A catalogue indicator that may be meant, with the label that scored best."""

    code: str
    name: str
    label: str
    score: float


@dataclass(frozen=True, kw_only=True)
class MatchResult:
    """The outcome for one query; ``match`` is set only for ``exact`` and ``fuzzy``."""

    query: str
    normalised: str
    status: str
    candidates: tuple[Candidate, ...]

    @property
    def match(self) -> Candidate | None:
        """The chosen indicator, or None when the name needs review."""
        if self.status in {"exact", "fuzzy"}:
            return self.candidates[0]
        return None


def normalise_name(text: str) -> str:
    """The comparable form of an indicator name.

    >>> normalise_name("全市开发区 地区生产总值")
    '地区生产总值'
    >>> normalise_name("高新技术企业数量")
    '高新技术企业数'
    >>> normalise_name("“专精特新”小巨人数量")
    '专精特新小巨人数'
    """
    folded = _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded = folded[len(prefix) :]
                changed = True
    for suffix, replacement in _SUFFIXES:
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)] + replacement
            break
    return folded


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text])
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def similarity(first: str, second: str) -> float:
    """max(Dice on character bigrams, SequenceMatcher ratio) of two normalised names, in [0, 1].

    >>> similarity("高新技术企业数", "高新技术企业数")
    1.0
    >>> round(similarity("高新技术企业数目", "高新技术企业数"), 3)
    0.933
    >>> similarity("100亿级开发区数", "1000亿级开发区数") < 0.5
    True
    """
    if first == second:
        return 1.0
    if not first or not second:
        return 0.0
    a, b = _bigrams(first), _bigrams(second)
    dice = 2 * sum((a & b).values()) / (sum(a.values()) + sum(b.values()))
    ratio = difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()
    score = max(dice, ratio)
    if _NUMBER.findall(first) != _NUMBER.findall(second):
        score /= 2
    return score


def match_indicator(
    name: str,
    catalogue: Catalogue,
    *,
    accept: float = 0.85,
    suggest: float = 0.5,
    margin: float = 0.05,
    limit: int = 5,
) -> MatchResult:
    """Match one indicator name against the catalogue's names and aliases.

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> match_indicator("外贸进出口总额", load_catalogue()).match.code
    'foreign_trade'
    >>> match_indicator("全市开发区高新技术企业数", load_catalogue()).status
    'exact'
    >>> match_indicator("绿色发展指数", load_catalogue()).match is None
    True
    """
    if not 0 <= suggest <= accept <= 1:
        raise ValueError(f"need 0 ≤ suggest ≤ accept ≤ 1, got {suggest}, {accept}")
    query = normalise_name(name)
    best: dict[str, Candidate] = {}
    for indicator in catalogue.indicators:
        for label in (indicator.name, *indicator.aliases):
            score = similarity(query, normalise_name(label))
            held = best.get(indicator.code)
            if held is None or score > held.score:
                best[indicator.code] = Candidate(
                    code=indicator.code, name=indicator.name, label=label, score=score
                )
    ranked = sorted(best.values(), key=lambda candidate: (-candidate.score, candidate.code))
    shown = tuple(candidate for candidate in ranked if candidate.score >= suggest)[:limit]
    status = "none"
    if ranked and ranked[0].score >= accept:
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if ranked[0].score - runner_up < margin or (ranked[0].score == 1.0 and runner_up == 1.0):
            status = "ambiguous"
        else:
            status = "exact" if ranked[0].score == 1.0 else "fuzzy"
    return MatchResult(query=name, normalised=query, status=status, candidates=shown)


def match_many(names: list[str], catalogue: Catalogue, *, accept: float = 0.85) -> dict[str, MatchResult]:
    """Match a list of names; the review step lists those whose ``match`` is None.

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> results = match_many(["地区生产总值", "工业用地产出强度", "幸福指数"], load_catalogue())
    >>> [results[name].status for name in results]
    ['exact', 'exact', 'none']
    """
    return {name: match_indicator(name, catalogue, accept=accept) for name in names}
