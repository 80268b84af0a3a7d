"""``devzone serve --cert --key``: HTTPS served by devzone itself, for a site without a reverse proxy.

waitress (the plain-HTTP server) has no TLS, so HTTPS is served by cheroot, CherryPy's pure-Python WSGI
server, with the standard library's ``ssl``: like waitress it runs on Windows and needs no compiler.
TLS 1.2 is the oldest version accepted (等保 2.0 asks for current protocols).
"""

from __future__ import annotations

import ssl
from pathlib import Path

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from django.core.wsgi import get_wsgi_application


class TlsFilesError(ValueError):
    """The certificate or key cannot be used; the message says which, in Chinese."""


def tls_server(*, host: str, port: int, threads: int, cert: Path, key: Path) -> wsgi.Server:
    """A started-on-demand HTTPS server for the devzone application (call ``.safe_start()``)."""
    for label, path in (("证书", cert), ("私钥", key)):
        if not path.is_file():
            raise TlsFilesError(f"找不到 TLS {label}文件：{path}")
    try:
        adapter = BuiltinSSLAdapter(str(cert), str(key))
    except (ssl.SSLError, OSError) as exc:
        raise TlsFilesError(f"TLS 证书或私钥无法使用（{cert}，{key}）：{exc}") from exc
    adapter.context.minimum_version = ssl.TLSVersion.TLSv1_2
    server = wsgi.Server((host, port), get_wsgi_application(), numthreads=threads, server_name="devzone")
    server.ssl_adapter = adapter
    return server
