"""The template context of every page: the version and what the signed-in user may change (nav menu)."""

from __future__ import annotations

from django.http import HttpRequest

from devzone import __version__
from devzone.accounts.access import can_change_shared, is_admin, may_read_audit, sees_accounts


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "devzone_version": __version__,
        "user_is_admin": bool(user is not None and is_admin(user)),
        "user_changes_directory": bool(user is not None and can_change_shared(user)),
        "user_reads_audit": bool(user is not None and may_read_audit(user)),
        "user_sees_accounts": bool(user is not None and sees_accounts(user)),
    }
