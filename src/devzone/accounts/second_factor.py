"""The second sign-in factor (双因素认证): enrol an authenticator app, check its codes, turn it off.

The secret is kept in the database as the app holds it; the audit log records that a device was
enrolled or removed, never the secret (``TotpDevice.audit_omit``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from devzone.accounts.access import ADMINISTRATOR_ROLES
from devzone.accounts.models import TotpDevice, User
from devzone.accounts.totp import matching_step, new_secret
from devzone.audit.actions import created, deleted

ISSUER = "devzone"


def has_second_factor(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def second_factor_required(user: User) -> bool:
    """Administrators must use one when ``DEVZONE_TOTP_REQUIRED_FOR_ADMINS`` is on."""
    # all three administrators (三员), and anyone Django's flags let into the admin site
    administrator = user.role in ADMINISTRATOR_ROLES or user.is_staff or user.is_superuser
    return bool(settings.DEVZONE_TOTP_REQUIRED_FOR_ADMINS and administrator)


def pending_device(user: User) -> TotpDevice:
    """The user's unconfirmed device (a new secret the first time), to show on the enrol page."""
    device, _ = TotpDevice.objects.get_or_create(
        user=user, confirmed_at__isnull=True, defaults={"secret": new_secret()}
    )
    return device


def confirm_device(device: TotpDevice, code: str, *, actor: User) -> bool:
    """Enable ``device`` if ``code`` is what the app shows now; audited."""
    step = matching_step(device.secret, code, time.time(), after_step=device.last_step)
    if step is None:
        return False
    with transaction.atomic():
        device.confirmed_at = timezone.now()
        device.last_step = step
        device.save(update_fields=["confirmed_at", "last_step"])
        created(device, actor=actor, source="web")
    return True


def verify_code(user: User, code: str) -> bool:
    """Whether ``code`` is good for the user's enabled device, once (a used step is not accepted again)."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            return False
        step = matching_step(device.secret, code, time.time(), after_step=device.last_step)
        if step is None:
            return False
        device.last_step = step
        device.save(update_fields=["last_step"])
    return True


def remove_device(user: User, *, actor: User) -> None:
    with transaction.atomic():
        for device in TotpDevice.objects.filter(user=user):
            deleted(device, actor=actor, source="web")
            device.delete()
