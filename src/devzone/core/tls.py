"""``devzone serve --cert --key``: HTTPS served by devzone itself, for a site without a reverse proxy.

waitress (the plain-HTTP server) has no TLS, so HTTPS is served by cheroot, CherryPy's pure-Python WSGI
server, with the standard library's ``ssl``: like waitress it runs on Windows and needs no compiler.
TLS 1.2 is the oldest version accepted (等保 2.0 asks for current protocols).

``--redirect-port`` adds a plain-HTTP listener that only sends visitors to the HTTPS address (301),
so a user who types the bare address still lands on TLS; it serves no page and sets no cookie.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from django.conf import settings
from django.http.request import split_domain_port, validate_host

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class TlsFilesError(ValueError):
    """The certificate or key cannot be used; the message says which, in Chinese."""


def _adapter(cert: Path, key: Path) -> BuiltinSSLAdapter:
    for label, path in (("证书", cert), ("私钥", key)):
        if not path.is_file():
            raise TlsFilesError(f"找不到 TLS {label}文件：{path}")
    try:
        adapter = BuiltinSSLAdapter(str(cert), str(key))
    except (ssl.SSLError, OSError) as exc:
        raise TlsFilesError(f"TLS 证书或私钥无法使用（{cert}，{key}）：{exc}") from exc
    adapter.context.minimum_version = ssl.TLSVersion.TLSv1_2
    return adapter


def check_tls_files(cert: Path, key: Path) -> None:
    """Raise TlsFilesError (in Chinese, naming the file) unless the certificate and key can be served."""
    _adapter(cert, key)


class _SharedSocketServer(wsgi.Server):
    """cheroot on a socket the parent bound (``core/server.py``): every worker process accepts on it."""

    def __init__(self, sock: socket.socket, application: WSGIApplication, *, threads: int) -> None:
        self.shared_socket = sock
        super().__init__(sock.getsockname()[:2], application, numthreads=threads, server_name="devzone")

    def bind(self, family: int, type: int, proto: int = 0) -> socket.socket:
        self.socket = self.shared_socket
        self.bind_addr = self.socket.getsockname()[:2]
        return self.socket


def tls_server(
    *, sock: socket.socket, application: WSGIApplication, threads: int, cert: Path, key: Path
) -> wsgi.Server:
    """An HTTPS server of ``application`` on the listening ``sock`` (call ``.safe_start()``)."""
    server = _SharedSocketServer(sock, application, threads=threads)
    server.ssl_adapter = _adapter(cert, key)
    return server


def redirect_app(
    *, https_port: int, fallback_host: str
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """A WSGI app answering every request with 301 to the same path on HTTPS.

    The Host header is used only when ALLOWED_HOSTS allows it (as Django checks it), so the listener
    cannot be made to redirect anyone to another site; otherwise the served host name is used.
    """

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        domain, _ = split_domain_port(environ.get("HTTP_HOST", ""))
        host = domain if domain and validate_host(domain, settings.ALLOWED_HOSTS) else fallback_host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address in a URL
        netloc = host if https_port == 443 else f"{host}:{https_port}"
        # PATH_INFO arrives as latin-1 text of the raw bytes (PEP 3333): quote those bytes for the header
        path = quote((environ.get("PATH_INFO") or "/").encode("latin-1"), safe="/%:@!$&'()*+,;=-._~")
        query = quote(environ.get("QUERY_STRING", "").encode("latin-1"), safe="=&%+:@!$'()*,;/?-._~")
        target = f"https://{netloc}{path}" + (f"?{query}" if query else "")
        body = f"请使用 HTTPS 访问：{target}".encode()
        start_response(
            "301 Moved Permanently",
            [
                ("Location", target),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]

    return app


def start_redirect_listener(*, host: str, port: int, https_port: int) -> wsgi.Server:
    """Listen for plain HTTP on ``port`` in a background thread, sending everyone to ``https_port``."""
    fallback = "localhost" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104 - a name to redirect to
    server = wsgi.Server(
        (host, port), redirect_app(https_port=https_port, fallback_host=fallback), numthreads=2,
        server_name="devzone-redirect",
    )  # fmt: skip
    server.prepare()
    threading.Thread(target=server.serve, name="devzone-http-redirect", daemon=True).start()
    return server
