"""Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For, and nobody else's.

Django's ``SECURE_PROXY_SSL_HEADER`` believes the header from any client, so a visitor who reaches the
server directly could claim HTTPS. Here the headers count only when the connection comes from one of
``DEVZONE_PROXY_ADDRESSES`` (with ``DEVZONE_PROXY=true``); from anyone else they are dropped, so no
later code (the lockout's per-address count included) can be fooled by them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def networks(addresses: frozenset[str]) -> tuple[Network, ...]:
    """The proxy addresses as networks (a single address or a CIDR block such as 10.0.0.0/30)."""
    try:
        return tuple(ipaddress.ip_network(a, strict=False) for a in sorted(addresses))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DEVZONE_PROXY_ADDRESSES: {exc}") from exc


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted(peer: str, addresses: frozenset[str]) -> bool:
    address = _address(peer)
    return address is not None and any(address in net for net in networks(addresses))


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        networks(frozenset(settings.PROXY_ADDRESSES))  # a bad address stops the start, not a request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        proto = meta.pop("HTTP_X_FORWARDED_PROTO", "")
        forwarded_for = meta.pop("HTTP_X_FORWARDED_FOR", "")
        if is_trusted(meta.get("REMOTE_ADDR", ""), frozenset(settings.PROXY_ADDRESSES)):
            scheme = proto.split(",")[0].strip().lower()
            if scheme in {"http", "https"}:
                meta["wsgi.url_scheme"] = scheme
            # The proxy appends the address it saw to whatever the client sent: only the last one is known.
            client = _address(forwarded_for.split(",")[-1]) if forwarded_for else None
            if client is not None:
                meta["REMOTE_ADDR"] = str(client)
        return self.get_response(request)
