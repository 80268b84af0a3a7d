"""Make notices, queue their e-mails and robot messages, mark them read — the one way every slice notifies.

An action of a slice calls :func:`announce` inside its own transaction when something happened
(a report submitted, an objection filed); a daily pass calls :func:`notify` for each occasion and
then :func:`digest` once, so that a person gets one e-mail and the group one robot message for the
whole day's list. Messages go out after the commit (:mod:`devzone.notices.delivery`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from devzone.audit.actions import created, snapshot, updated
from devzone.notices.delivery import active_channels, queue
from devzone.notices.models import Channel, Delivery, Notice, NoticeKind
from devzone.notices.schedule import wake

if TYPE_CHECKING:
    from collections.abc import Iterable

    from devzone.accounts.models import User

SIGNATURE = "—— devzone 开发区行动方案管理（系统自动发送，请勿回复）"
DIGEST_LINES = 30


def link(url: str) -> str:
    """Where to read more: the page's address when the site's address is set, else the notices page."""
    if url and settings.DEVZONE_SITE_URL:
        return f"{settings.DEVZONE_SITE_URL}{url}"
    return "请登录 devzone 查看（导航栏“通知”）"


def notify(
    users: Iterable[User],
    *,
    kind: NoticeKind,
    text: str,
    url: str = "",
    key: str,
    zone_id: int | None,
    actor: User | None,
    source: str,
) -> list[Notice]:
    """A notice for each user who has none yet of this kind and key; returns the new ones (audited)."""
    people = {u.pk: u for u in users if u.is_active}
    had = set(
        Notice.objects.filter(kind=kind, key=key, user_id__in=list(people)).values_list("user_id", flat=True)
    )
    made: list[Notice] = []
    for pk, user in people.items():
        if pk in had:
            continue
        notice = Notice(user=user, kind=kind, text=text[:500], url=url, key=key[:120], zone_id=zone_id)
        try:
            with transaction.atomic():
                notice.save()
                created(notice, actor=actor, source=source)
        except IntegrityError:
            continue  # a pass in another process made the same notice a moment ago
        made.append(notice)
    return made


def _email(notice: Notice, *, subject: str, body: str, key: str) -> Delivery | None:
    address = notice.user.email.strip()
    if not address:
        return None
    name = notice.user.get_full_name() or notice.user.username
    return Delivery(
        channel=Channel.EMAIL,
        recipient=address,
        subject=subject[:200],
        body=f"{name}：\n\n{body}\n\n{SIGNATURE}",
        key=key[:120],
        zone_id=notice.zone_id,
    )


def _send_after_commit(deliveries: list[Delivery]) -> None:
    if queue(deliveries):
        transaction.on_commit(wake, robust=True)


def announce(
    users: Iterable[User],
    *,
    kind: NoticeKind,
    text: str,
    url: str,
    key: str,
    zone_id: int | None,
    actor: User | None,
    source: str,
) -> list[Notice]:
    """An event's notices, an e-mail to each new recipient with an address, and one robot message."""
    made = notify(users, kind=kind, text=text, url=url, key=key, zone_id=zone_id, actor=actor, source=source)
    if not made or not active_channels():
        return made
    subject = f"【devzone】{kind.label}"
    body = f"{text}\n{link(url)}"
    outgoing = [d for n in made if (d := _email(n, subject=subject, body=body, key=f"{kind}:{key}"))]
    outgoing.append(
        Delivery(
            channel=Channel.WEBHOOK,
            subject=subject,
            body=f"【{kind.label}】{text}\n{link(url)}",
            key=f"{kind}:{key}"[:120],
            zone_id=zone_id,
        )
    )
    _send_after_commit(outgoing)
    return made


def digest(notices: Iterable[Notice], *, title: str, key: str) -> None:
    """One e-mail per person and one robot message listing a pass's new notices."""
    made = list(notices)
    if not made or not active_channels():
        return
    by_user: dict[int, list[Notice]] = defaultdict(list)
    for notice in made:
        by_user[notice.user_id].append(notice)
    outgoing: list[Delivery] = []
    for own in by_user.values():
        lines = "\n".join(f"· 【{n.get_kind_display()}】{n.text}" for n in own[:DIGEST_LINES])
        more = f"\n……另有 {len(own) - DIGEST_LINES} 条" if len(own) > DIGEST_LINES else ""
        body = f"{title}（{len(own)} 条）：\n{lines}{more}\n\n{link('/notices/')}"
        mail = _email(own[0], subject=f"【devzone】{title}", body=body, key=key)
        if mail is not None:
            outgoing.append(mail)
    # The group hears of each occasion once, however many people it was sent to.
    occasions = {(n.kind, n.key): n for n in made}
    counts: dict[str, int] = defaultdict(int)
    for n in occasions.values():
        counts[n.get_kind_display()] += 1
    summary = "，".join(f"{label} {count} 项" for label, count in counts.items())
    shown = list(occasions.values())[:DIGEST_LINES]
    lines = "\n".join(f"· 【{n.get_kind_display()}】{n.text}" for n in shown)
    more = f"\n……另有 {len(occasions) - len(shown)} 项" if len(occasions) > len(shown) else ""
    outgoing.append(
        Delivery(
            channel=Channel.WEBHOOK,
            subject=title,
            body=f"【{title}】{summary}\n{lines}{more}",
            key=key[:120],
        )
    )
    _send_after_commit(outgoing)


def mark_read(notice: Notice, *, actor: User, source: str = "web") -> Notice:
    """Mark a notice read (once: reading it again changes nothing)."""
    if notice.read_at is None:
        with transaction.atomic():
            before = snapshot(notice)
            notice.read_at = timezone.now()
            notice.save(update_fields=["read_at"])
            updated(notice, before=before, actor=actor, source=source)
    return notice


def mark_all_read(user: User, *, source: str = "web") -> int:
    """Mark every unread notice of ``user`` read; returns how many."""
    count = 0
    with transaction.atomic():
        for notice in Notice.objects.filter(user=user, read_at__isnull=True):
            mark_read(notice, actor=user, source=source)
            count += 1
    return count
