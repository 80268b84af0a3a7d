"""Sign-in lockout (等保2.0 登录失败处理) on top of django-axes, and the audit of every sign-in attempt.

Two limits, each over the cool-off window (``DEVZONE_LOCKOUT_MINUTES``):

- an account locks after ``DEVZONE_LOCKOUT_FAILURES`` failures, from any address;
- an address locks after ``DEVZONE_LOCKOUT_ADDRESS_FAILURES`` failures, over any usernames, so that
  one client cannot try a few passwords on every account. It is set well above the account limit:
  a bureau's whole staff may sign in from one NAT address.

A lock runs for the cool-off from the failure that set it; attempts while it runs are refused before
any password is hashed and are not counted (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``),
so knowing an account's name is not enough to keep it locked for ever.

Failures and the start of a lock are written to the audit log here, where axes has just decided
which it was; a successful sign-in is written by the sign-in view (:func:`record_sign_in`), after
the second factor when there is one.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from devzone.accounts.models import User
from devzone.audit.actions import event
from devzone.audit.models import AuditAction

# The reason a sign-in view gives for a failure axes did not see itself (a wrong one-time code).
FAILURE_REASON_ATTR = "devzone_failure_reason"


def address_failures(request: HttpRequest) -> int:
    """Failures from the request's address within the cool-off window, over every username."""
    total = (
        AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    return int(total)


def _detail(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "ip": get_client_ip_address(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        **extra,
    }


def _subject(username: str) -> tuple[str, str]:
    user_pk = User.objects.filter(username=username).values_list("pk", flat=True).first()
    return (str(user_pk) if user_pk is not None else ""), username[:150]


def record_sign_in(request: HttpRequest, user: User, *, second_factor: bool) -> None:
    """Audit a completed sign-in (after the second factor, when the account has one)."""
    event(
        AuditAction.LOGIN,
        model=User._meta.label,
        object_pk=str(user.pk),
        object_repr=user.get_username(),
        actor=user,
        source="web",
        detail=_detail(request, second_factor=second_factor),
    )


class SignInHandler(AxesDatabaseHandler):
    """Axes's database handler with the per-address limit and the audit of failures and locks."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The account's failures, or the account limit itself once the address is over its own limit.

        Axes compares this one number with ``AXES_FAILURE_LIMIT``; an address over its limit thus
        locks every username tried from it, and only from it.
        """
        by_account = int(super().get_failures(request, credentials))
        if address_failures(request) >= settings.DEVZONE_LOCKOUT_ADDRESS_FAILURES:
            return max(by_account, int(get_failure_limit(request, credentials)))
        return by_account

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        was_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        username = get_client_username(request, credentials) or ""
        object_pk, shown = _subject(username)
        reason = (
            "账号或地址已锁定" if was_locked else getattr(request, FAILURE_REASON_ATTR, "用户名或密码错误")
        )
        event(
            AuditAction.LOGIN_FAILED,
            model=User._meta.label,
            object_pk=object_pk,
            object_repr=shown,
            actor=None,
            source="web",
            detail=_detail(request, reason=reason),
        )
        if not was_locked and getattr(request, "axes_locked_out", False):
            by_address = address_failures(request) >= settings.DEVZONE_LOCKOUT_ADDRESS_FAILURES
            event(
                AuditAction.LOCKOUT,
                model=User._meta.label,
                object_pk=object_pk,
                object_repr=shown,
                actor=None,
                source="web",
                detail=_detail(
                    request,
                    scope="address" if by_address else "account",
                    failures=request.axes_failures_since_start,
                    minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
                ),
            )
