"""How a shipped method or framework cites a rule, and states what it assumes. Pure: no Django.

The house rule (top of every ``specs/*.md``): a document a user opens cites a rule by its document —
issuer, title, 文号, date — and links only to the issuing body's own site; an assumption is stated in
Chinese (假设：…) with its reason. The spec URLs are often mirrors or a consultant's copy (one of them a
spam domain), so a method file keeps those in YAML comments (``# read at: …``) and these types refuse
them when the file is loaded.

Official hosts (the allow-list, kept small on purpose): ``gov.cn`` itself and any host ending in
``.gov.cn`` — every Chinese government body publishes under it (``www.changle.gov.cn``,
``gxj.changzhou.gov.cn``). A body with another official domain is added here, with its reason, when a
method needs it; until then its document is cited without a link.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, model_validator
from pydantic.dataclasses import dataclass

from devzone.core.strict import CONFIG, Text

OFFICIAL_SUFFIX = ".gov.cn"
OFFICIAL_ROOT = "gov.cn"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_ASSUMED = "假设："


def official_host(url: str) -> bool:
    """Whether ``url`` is http(s) on an official government host (``gov.cn`` or ``*.gov.cn``).

    >>> official_host("http://www.changle.gov.cn/CLXXXGK/t20231116_799158.html")
    True
    >>> official_host("https://gov.cn/x"), official_host("https://www.gov.cn.example.com/x")
    (True, False)
    >>> official_host("http://m.greekporn.net/news/shwx/28033681.html"), official_host("ftp://a.gov.cn/x")
    (False, False)
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    return parts.scheme in {"http", "https"} and (host == OFFICIAL_ROOT or host.endswith(OFFICIAL_SUFFIX))


def _official(url: str) -> str:
    if not official_host(url):
        host = urlsplit(url.strip()).hostname or url
        raise ValueError(
            f"{host!r} is not an official host (gov.cn or *.gov.cn); cite the document without a url "
            "and keep where it was read in a YAML comment"
        )
    return url.strip()


def _date(value: str) -> str:
    match = _DATE.match(value)
    if not match or not 1 <= int(match[2] or 1) <= 12 or not 1 <= int(match[3] or 1) <= 31:
        raise ValueError("must be YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _assumption_text(value: str) -> str:
    if not value.startswith(_ASSUMED) or len(value) <= len(_ASSUMED):
        raise ValueError(f"must start with {_ASSUMED!r} and state the assumption in Chinese")
    return value


OfficialUrl = Annotated[str, AfterValidator(_official)]
DocDate = Annotated[str, AfterValidator(_date)]


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Citation:
    """A document a method or framework follows: issuer, title, 文号 (``number``), date, official url.

    A field that is not known is left out, never guessed; a citation needs a title or a 文号.
    ``basis`` says in Chinese what is taken from the document (计分公式、类别名称、…).
    """

    issuer: Text | None = None
    title: Text | None = None
    number: Text | None = None
    date: DocDate | None = None
    url: OfficialUrl | None = None
    basis: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Citation:
        if self.title is None and self.number is None:
            raise ValueError("a citation needs a title or a number (文号)")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Assumption:
    """An assumed value stated for the reader: ``假设：…`` and its reason, both in Chinese."""

    text: Annotated[Text, AfterValidator(_assumption_text)]
    reason: Text


def chinese_date(value: str) -> str:
    """``2021-02-26`` → ``2021年2月26日``; ``2024`` → ``2024年``.

    >>> chinese_date("2021-02-26"), chinese_date("2023-11"), chinese_date("2024")
    ('2021年2月26日', '2023年11月', '2024年')
    """
    match = _DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    return f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")


def cite(c: Citation) -> str:
    """The citation as a Chinese document cites one: 《标题》（文号，发文机关，日期）.

    >>> cite(Citation(issuer="江苏省人民政府", title="关于开展工业企业资源集约利用综合评价工作的指导意见（试行）",
    ...               number="苏政发〔2017〕143号", date="2017-11-17"))
    '《关于开展工业企业资源集约利用综合评价工作的指导意见（试行）》（苏政发〔2017〕143号，江苏省人民政府，2017年11月17日）'
    >>> cite(Citation(issuer="山东省发展和改革委员会", number="鲁发改价格〔2022〕56号", date="2022"))
    '鲁发改价格〔2022〕56号（山东省发展和改革委员会，2022年）'
    """
    if c.title is None:
        head, rest = c.number or "", [c.issuer, c.date and chinese_date(c.date)]
    else:
        head, rest = f"《{c.title}》", [c.number, c.issuer, c.date and chinese_date(c.date)]
    tail = "，".join(x for x in rest if x)
    return head + (f"（{tail}）" if tail else "")


def record(item: Citation | Assumption) -> dict[str, str]:
    """A citation or an assumption as the JSON a stored run keeps (unknown fields left out).

    >>> record(Citation(issuer="商务部", title="商务部例行新闻发布会", date="2021-11-02"))
    {'issuer': '商务部', 'title': '商务部例行新闻发布会', 'date': '2021-11-02'}
    """
    return {k: v for k, v in dataclasses.asdict(item).items() if v is not None}


def citations_of(stored: Sequence[object]) -> tuple[Citation, ...]:
    """The citations a stored run kept. A run stored before sources were typed kept bare texts (often a
    mirror url); those are left out rather than printed, since they are exactly what may not be shown.

    >>> citations_of([{"issuer": "商务部", "title": "商务部例行新闻发布会"}, "https://xrxxw.com/article/view/768874.html"])
    (Citation(issuer='商务部', title='商务部例行新闻发布会', number=None, date=None, url=None, basis=None),)
    """
    return tuple(Citation(**s) for s in stored if isinstance(s, Mapping))


def assumptions_of(stored: Sequence[object]) -> tuple[Assumption, ...]:
    """The assumptions a stored run kept; bare English notes of older runs are left out (see above).

    >>> assumptions_of([{"text": "假设：约谈排名最后10位的开发区。", "reason": "2020年约谈了10家。"}, "n = 10"])[0].reason
    '2020年约谈了10家。'
    """
    return tuple(Assumption(**s) for s in stored if isinstance(s, Mapping))
