"""The two outside channels, e-mail (SMTP) and a group robot (企业微信 or 钉钉), as the settings configure them.

Both are off unless their settings are given (``DEVZONE_SMTP_HOST``, ``DEVZONE_WEBHOOK_URL``; see
``devzone/settings.py``). A send either returns or raises :class:`SendFailed`; the caller keeps
the message for the next pass.

Robot message formats (text messages; both answer ``{"errcode": 0, "errmsg": "ok"}`` on success):

- 企业微信《群机器人配置说明》: ``POST {"msgtype": "text", "text": {"content": "…"}}``, content at most
  2048 bytes (UTF-8);
- 钉钉开放平台《自定义机器人安全设置》and《自定义机器人发送群消息》: the same body; with 加签 the URL
  carries ``timestamp`` (ms) and ``sign = urlencode(base64(HmacSHA256(secret, timestamp + "\\n" + secret)))``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

TIMEOUT_SECONDS = 10
# 企业微信 refuses text content over 2048 bytes; 钉钉 allows more, one limit keeps both simple.
ROBOT_MAX_BYTES = 2000
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class SendFailed(Exception):
    """A channel did not take the message (refused, unreachable, or answered with an error)."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    user: str
    password: str
    sender: str
    security: str  # off | starttls | ssl


@dataclass(frozen=True)
class Robot:
    url: str
    format: str  # wecom | dingtalk
    secret: str


def smtp() -> Smtp | None:
    """The configured mail server, or ``None`` when e-mail is off."""
    if not settings.DEVZONE_SMTP_HOST:
        return None
    return Smtp(
        host=settings.DEVZONE_SMTP_HOST,
        port=settings.DEVZONE_SMTP_PORT,
        user=settings.DEVZONE_SMTP_USER,
        password=settings.DEVZONE_SMTP_PASSWORD,
        sender=settings.DEVZONE_SMTP_FROM,
        security=settings.DEVZONE_SMTP_TLS,
    )


def robot() -> Robot | None:
    """The configured group robot, or ``None`` when the webhook is off."""
    if not settings.DEVZONE_WEBHOOK_URL:
        return None
    return Robot(
        url=settings.DEVZONE_WEBHOOK_URL,
        format=settings.DEVZONE_WEBHOOK_FORMAT,
        secret=settings.DEVZONE_WEBHOOK_SECRET,
    )


def send_email(server: Smtp, *, to: str, subject: str, body: str) -> None:
    # The SMTP backend is named here rather than taken from EMAIL_BACKEND, so the one mail path is
    # the one configured by the DEVZONE_SMTP_* settings (and tests talk to a real socket).
    connection = get_connection(
        SMTP_BACKEND,
        host=server.host,
        port=server.port,
        username=server.user or None,
        password=server.password or None,
        use_tls=server.security == "starttls",
        use_ssl=server.security == "ssl",
        timeout=TIMEOUT_SECONDS,
        fail_silently=False,
    )
    message = EmailMessage(
        subject=subject, body=body, from_email=server.sender, to=[to], connection=connection
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise SendFailed(f"邮件发送失败：{exc}") from exc


def clip(text: str, limit: int = ROBOT_MAX_BYTES) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes on a character boundary, with "…" when cut."""
    raw = text.encode()
    if len(raw) <= limit:
        return text
    return raw[: limit - len("…".encode())].decode(errors="ignore") + "…"


def robot_payload(text: str) -> dict[str, object]:
    """The text-message body both robots take."""
    return {"msgtype": "text", "text": {"content": clip(text)}}


def robot_url(target: Robot, *, now_ms: int | None = None) -> str:
    """The URL to post to: 钉钉 with a 加签 secret signs each request with the current time."""
    if target.format != "dingtalk" or not target.secret:
        return target.url
    timestamp = str(now_ms if now_ms is not None else round(time.time() * 1000))
    digest = hmac.new(
        target.secret.encode(), f"{timestamp}\n{target.secret}".encode(), hashlib.sha256
    ).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in target.url else "?"
    return f"{target.url}{joiner}timestamp={timestamp}&sign={sign}"


def post_robot(target: Robot, text: str) -> None:
    body = json.dumps(robot_payload(text), ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 — settings accept only http(s) URLs
        robot_url(target), data=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise SendFailed(f"群机器人不可达：{exc}") from exc
    try:
        reply = json.loads(answer or b"{}")
    except ValueError as exc:
        raise SendFailed("群机器人的应答不是 JSON") from exc
    # Both robots answer HTTP 200 with an errcode for refusals (bad key, rate limit, keyword missing).
    if isinstance(reply, dict) and reply.get("errcode", 0) != 0:
        raise SendFailed(f"群机器人拒收：{reply.get('errcode')} {reply.get('errmsg', '')}")
