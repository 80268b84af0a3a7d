"""Time-based one-time passwords (TOTP, 动态口令) for the second sign-in factor; pure, no Django.

A code is HOTP over the number of 30-second steps since the Unix epoch:

    T = floor(unix_time / 30)
    HOTP(K, T) = Truncate(HMAC-SHA-1(K, T as 8-byte big-endian)) mod 10^6

where Truncate takes 4 bytes at the offset named by the low nibble of the last HMAC byte and clears
the top bit. Authenticator apps (Google/Microsoft Authenticator, FreeOTP, 腾讯身份验证器) read the
secret as base32 from an ``otpauth://totp/…`` URI.

References:
    RFC 4226, HOTP: An HMAC-Based One-Time Password Algorithm, §5.3 (dynamic truncation).
    RFC 6238, TOTP: Time-Based One-Time Password Algorithm, §4 and Appendix B (test vectors).
    Google Authenticator "Key Uri Format" (the otpauth:// URI).
"""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
import unicodedata
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
# Codes one step either side are accepted: a phone clock a few seconds off must not lock a person out.
DRIFT_STEPS = 1


def new_secret() -> str:
    """A fresh 160-bit secret in base32 without padding (the length RFC 4226 recommends)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 HOTP value of ``counter`` under ``key``.

    >>> [hotp(b"12345678901234567890", c) for c in (0, 1, 9)]  # RFC 4226 Appendix D
    ['755224', '287082', '520489']
    """
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(unix_time: float) -> int:
    """The TOTP time step T of a moment.

    >>> step_at(59), step_at(1111111109), step_at(1234567890)
    (1, 37037036, 41152263)
    """
    return int(unix_time // STEP_SECONDS)


def code_at(secret: str, unix_time: float) -> str:
    """The six-digit code an authenticator app shows at ``unix_time`` for a base32 ``secret``.

    >>> secret = base64.b32encode(b"12345678901234567890").decode()  # RFC 6238 Appendix B, SHA-1
    >>> [code_at(secret, t) for t in (59, 1111111109, 2000000000)]
    ['287082', '081804', '279037']
    """
    return hotp(_key(secret), step_at(unix_time))


def matching_step(secret: str, code: str, unix_time: float, *, after_step: int = -1) -> int | None:
    """The step (within the allowed drift) whose code equals ``code``, or ``None``.

    Steps at or before ``after_step`` (the last one used) are refused, so a code seen over a
    shoulder or in a proxy log cannot be replayed.

    >>> secret = base64.b32encode(b"12345678901234567890").decode()
    >>> matching_step(secret, "287082", 59), matching_step(secret, "287082", 89)
    (1, 1)
    >>> matching_step(secret, "287082", 59, after_step=1), matching_step(secret, "000000", 59)
    (None, None)
    """
    # NFKC turns the full-width digits a Chinese input method types into ASCII ones.
    candidate = unicodedata.normalize("NFKC", code).replace(" ", "")
    if len(candidate) != DIGITS or not (candidate.isascii() and candidate.isdigit()):
        return None
    key = _key(secret)
    now = step_at(unix_time)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(hotp(key, step), candidate):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app imports (Key Uri Format).

    >>> provisioning_uri("JBSWY3DPEHPK3PXP", account="admin", issuer="devzone")
    'otpauth://totp/devzone:admin?secret=JBSWY3DPEHPK3PXP&issuer=devzone&algorithm=SHA1&digits=6&period=30'
    """
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
