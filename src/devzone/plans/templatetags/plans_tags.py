from __future__ import annotations

from typing import Any

from django import template

from devzone.plans.models import Notification

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
