"""Transport: HTTPS on means redirect and HSTS; a proxy's headers count only from the proxy's address;
`devzone serve --cert --key` speaks TLS itself."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.test import Client, override_settings

from devzone.core.proxy import is_trusted

HTTPS_ON = {"SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000}
PROXY = {"PROXY_ADDRESSES": frozenset({"10.0.0.5", "::1"})}


@pytest.fixture
def login_path() -> str:
    from django.urls import reverse

    return reverse("login")


@pytest.mark.django_db
def test_https_off_serves_plain_http_without_hsts(login_path: str) -> None:
    response = Client().get(login_path)
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.django_db
@override_settings(**HTTPS_ON)
def test_https_on_redirects_http_and_sends_hsts_over_https(login_path: str) -> None:
    plain = Client().get(login_path + "?next=/plans/")
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://testserver{login_path}?next=/plans/"
    secure = Client().get(login_path, secure=True)
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.django_db
@override_settings(**HTTPS_ON, **PROXY)
def test_forwarded_proto_counts_from_the_proxy_address_only(login_path: str) -> None:
    # from the proxy: the request was HTTPS at the proxy, so no redirect, and HSTS is sent
    via_proxy = Client(REMOTE_ADDR="10.0.0.5").get(login_path, headers={"X-Forwarded-Proto": "https"})
    assert via_proxy.status_code == 200
    assert via_proxy.headers["Strict-Transport-Security"] == "max-age=31536000"
    # the proxy saying http: redirected
    plain_at_proxy = Client(REMOTE_ADDR="10.0.0.5").get(login_path, headers={"X-Forwarded-Proto": "http"})
    assert plain_at_proxy.status_code == 301
    # anyone else claiming https: not believed, redirected, no HSTS
    spoofed = Client(REMOTE_ADDR="203.0.113.9").get(login_path, headers={"X-Forwarded-Proto": "https"})
    assert spoofed.status_code == 301
    assert "Strict-Transport-Security" not in spoofed.headers


@override_settings(PROXY_ADDRESSES=frozenset())
@pytest.mark.django_db
def test_without_devzone_proxy_no_forwarded_header_is_believed(login_path: str) -> None:
    with override_settings(**HTTPS_ON):
        response = Client(REMOTE_ADDR="127.0.0.1").get(login_path, headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_the_client_address_comes_from_the_proxys_own_entry(rf) -> None:  # type: ignore[no-untyped-def]
    from devzone.core.proxy import TrustedProxyMiddleware

    seen: dict[str, object] = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen.update(addr=request.META["REMOTE_ADDR"], xff=request.META.get("HTTP_X_FORWARDED_FOR"))

    middleware = TrustedProxyMiddleware(view)
    with override_settings(**PROXY):
        # a client's own X-Forwarded-For is ignored: the proxy appended the address it saw, the last entry
        middleware(rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"))
        assert seen == {"addr": "198.51.100.7", "xff": None}
        # from anyone else the header is dropped, so no later check (lockout per address) can read it
        middleware(rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.5"))
        assert seen == {"addr": "203.0.113.9", "xff": None}


def test_proxy_addresses_may_be_networks() -> None:
    assert is_trusted("10.1.2.3", frozenset({"10.1.2.0/29"}))
    assert not is_trusted("10.1.2.9", frozenset({"10.1.2.0/29"}))
    assert not is_trusted("not-an-address", frozenset({"10.1.2.0/29"}))
    assert is_trusted("::1", frozenset({"::1"}))


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_devzone_serve_speaks_tls_with_hsts(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "DEVZONE_VAR_DIR": str(tmp_path / "var"),
        "DEVZONE_DATABASE_URL": f"sqlite:///{tmp_path / 'tls.sqlite3'}",
        "DEVZONE_TLS_CERT": str(cert),
        "DEVZONE_TLS_KEY": str(key),
        "DEVZONE_TESTING": "true",  # static files from the app folders: no `devzone setup` needed
    }
    env.pop("DEVZONE_HTTPS", None)
    plain_port = free_port()
    args = [sys.executable, "-m", "devzone.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    args += ["--redirect-port", str(plain_port), "--no-notices"]
    server = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        context = ssl.create_default_context(cafile=str(cert))
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPSConnection("localhost", port, context=context, timeout=10)
                conn.request("GET", "/accounts/login/")
                response = conn.getresponse()
                break
            except (ConnectionRefusedError, ssl.SSLError, OSError):
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "devzone serve did not answer over TLS in 120 s"
                time.sleep(0.5)
        body = response.read()
        assert response.status == 200, body[:500]
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
        assert "Secure" in (response.getheader("Set-Cookie") or "")
        assert conn.sock is not None
        assert conn.sock.version() in {"TLSv1.2", "TLSv1.3"}
        conn.close()
        # plain HTTP to the TLS port is not served
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
            try:
                reply = raw.recv(4096)
            except ConnectionResetError:
                reply = b""
            assert b"200 OK" not in reply
        # the plain-HTTP listener sends every request to the same path on HTTPS, and only to this site
        plain = http.client.HTTPConnection("127.0.0.1", plain_port, timeout=10)
        plain.request("GET", "/plans/?q=%E6%96%B9%E6%A1%88", headers={"Host": "localhost"})
        moved = plain.getresponse()
        assert moved.status == 301
        assert moved.getheader("Location") == f"https://localhost:{port}/plans/?q=%E6%96%B9%E6%A1%88"
        assert moved.getheader("Set-Cookie") is None
        moved.read()
        plain.request("GET", "/accounts/login/", headers={"Host": "evil.example"})
        elsewhere = plain.getresponse()
        assert elsewhere.getheader("Location") == f"https://127.0.0.1:{port}/accounts/login/"
        plain.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def settings_under(tmp_path: Path, **env: str) -> str:
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " sorted(s.PROXY_ADDRESSES))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DEVZONE_HTTPS", "DEVZONE_PROXY"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "devzone.settings", "DEVZONE_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_environment_switches_https_and_the_proxy(tmp_path: Path) -> None:
    assert settings_under(tmp_path) == "False 0 False False []"
    on = settings_under(
        tmp_path, DEVZONE_HTTPS="true", DEVZONE_PROXY="true", DEVZONE_PROXY_ADDRESSES="10.0.0.5"
    )
    assert on == "True 31536000 True True ['10.0.0.5']"
    # addresses without DEVZONE_PROXY=true trust nobody
    assert settings_under(tmp_path, DEVZONE_PROXY_ADDRESSES="10.0.0.5").endswith("[]")
