"""The outbox: e-mails and robot messages are queued with the notices, and sent after the commit.

A send never runs inside the request's transaction and never fails a request: each delivery is
claimed (one atomic update, so two processes never send the same one), sent, and marked sent or
left with its error for the next pass, up to :data:`MAX_ATTEMPTS` times.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from devzone.notices import channels
from devzone.notices.models import Channel, Delivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
# A claim older than this belongs to a process that died while sending; another may take it over.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
BATCH = 200


@dataclass(frozen=True)
class Sent:
    sent: int = 0
    failed: int = 0


def active_channels() -> list[str]:
    """The channels whose settings are given; a channel that is off queues nothing."""
    out = []
    if channels.smtp() is not None:
        out.append(Channel.EMAIL)
    if channels.robot() is not None:
        out.append(Channel.WEBHOOK)
    return out


def queue(items: list[Delivery]) -> int:
    """Queue deliveries; one already queued for the same channel, recipient and key is kept as it is."""
    wanted = [d for d in items if d.channel in active_channels()]
    if not wanted:
        return 0
    Delivery.objects.bulk_create(wanted, ignore_conflicts=True)
    return len(wanted)


def _send(delivery: Delivery) -> None:
    if delivery.channel == Channel.EMAIL:
        server = channels.smtp()
        if server is None:
            raise channels.SendFailed("电子邮件渠道未配置")
        channels.send_email(server, to=delivery.recipient, subject=delivery.subject, body=delivery.body)
    else:
        target = channels.robot()
        if target is None:
            raise channels.SendFailed("群机器人渠道未配置")
        channels.post_robot(target, delivery.body)


def deliver_pending(*, limit: int = BATCH) -> Sent:
    """Send what is waiting on the configured channels; returns how many went and how many failed."""
    live = active_channels()
    if not live:
        return Sent()
    now = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    waiting = list(
        Delivery.objects.filter(free, channel__in=live, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = failed = 0
    for pk in waiting:
        if not Delivery.objects.filter(free, pk=pk, sent_at__isnull=True).update(claimed_at=timezone.now()):
            continue  # another process claimed it first
        delivery = Delivery.objects.get(pk=pk)
        try:
            _send(delivery)
        except Exception as exc:  # whatever a channel raises, the message waits for the next pass
            failed += 1
            log.warning(
                "通知发送失败（%s → %s）：%s", delivery.channel, delivery.recipient or "群机器人", exc
            )
            Delivery.objects.filter(pk=pk).update(
                attempts=delivery.attempts + 1, last_error=str(exc)[:500], claimed_at=None
            )
        else:
            sent += 1
            Delivery.objects.filter(pk=pk).update(
                attempts=delivery.attempts + 1, last_error="", claimed_at=None, sent_at=timezone.now()
            )
    return Sent(sent=sent, failed=failed)
