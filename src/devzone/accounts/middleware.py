"""Session rules (等保2.0): sign out after a period without requests (会话超时); change a password
that is initial or expired before doing anything else."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from devzone.accounts.passwords import password_expired

LAST_SEEN_KEY = "devzone_last_seen"
# The time of the last request is written at most once a minute: a session write on every request made
# each page, and every poll of an import's progress page, a database write, which on SQLite waits
# behind the import's write transaction (and failed with "database is locked" after 20 s). The idle
# limit holds to the minute. A progress page's automatic poll (header ``X-Devzone-Poll``) is not activity:
# it neither keeps the session alive nor writes it.
SEEN_EVERY_SECONDS = 60
POLL_HEADER = "X-Devzone-Poll"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - float(last_seen) > settings.SESSION_IDLE_SECONDS:
                logout(request)
                request.session["devzone_timed_out"] = True
            elif not request.headers.get(POLL_HEADER) and (
                last_seen is None or now - float(last_seen) >= SEEN_EVERY_SECONDS
            ):
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class PasswordPolicyMiddleware:
    """Send a user whose password must change (initial or expired) to the change page before anything else.

    Pages redirect there; session calls to the API get a JSON 403. Token calls are not sessions and
    are not held here: a password change revokes every token anyway.
    """

    OPEN_PREFIXES = ("/static/", "/i18n/", "/accounts/logout/", "/accounts/password/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.OPEN_PREFIXES)
            and (user.must_change_password or password_expired(user, timezone.now()))
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("请先修改密码。")}, status=403)
            return redirect(f"{reverse('accounts:password_change')}?next={quote(request.get_full_path())}")
        return self.get_response(request)
