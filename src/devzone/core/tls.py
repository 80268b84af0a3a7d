"""``devzone serve --cert --key``: HTTPS served by devzone itself, for a site without a reverse proxy.

waitress (the plain-HTTP server) has no TLS, so HTTPS is served by cheroot, CherryPy's pure-Python WSGI
server, with the standard library's ``ssl``: like waitress it runs on Windows and needs no compiler.
TLS 1.2 is the oldest version accepted (等保 2.0 asks for current protocols).
"""

from __future__ import annotations

import socket
import ssl
from pathlib import Path
from typing import TYPE_CHECKING

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


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
