"""The unread count for the navigation bar's badge."""

from __future__ import annotations

from typing import Any

from django import template

from devzone.notices.models import Notice

register = template.Library()


@register.simple_tag
def unread_notices(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
