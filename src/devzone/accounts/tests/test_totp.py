"""RFC 6238 TOTP against the RFC's own test vectors (Appendix B), and the rules devzone adds."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from devzone.accounts.totp import code_at, hotp, matching_step, new_secret, provisioning_uri, step_at

# RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's block length.
SEEDS = {
    "sha1": b"12345678901234567890",
    "sha256": b"12345678901234567890123456789012",
    "sha512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC6238_VECTORS = [  # (unix time, SHA-1, SHA-256, SHA-512), eight digits
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
# RFC 4226 Appendix D: HOTP of counters 0..9 under the SHA-1 seed.
RFC4226_VECTORS = [
    "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
]  # fmt: skip
SECRET = base64.b32encode(SEEDS["sha1"]).decode()


@pytest.mark.parametrize(("unix_time", "sha1", "sha256", "sha512"), RFC6238_VECTORS)
def test_rfc6238_vectors(unix_time: int, sha1: str, sha256: str, sha512: str) -> None:
    step = step_at(unix_time)
    assert hotp(SEEDS["sha1"], step, digits=8, digest="sha1") == sha1
    assert hotp(SEEDS["sha256"], step, digits=8, digest="sha256") == sha256
    assert hotp(SEEDS["sha512"], step, digits=8, digest="sha512") == sha512


def test_rfc4226_vectors() -> None:
    assert [hotp(SEEDS["sha1"], counter) for counter in range(10)] == RFC4226_VECTORS


@pytest.mark.parametrize(("unix_time", "sha1", "_sha256", "_sha512"), RFC6238_VECTORS)
def test_the_six_digit_code_an_app_shows_is_the_last_six_digits(
    unix_time: int, sha1: str, _sha256: str, _sha512: str
) -> None:
    assert code_at(SECRET, unix_time) == sha1[-6:]


def test_a_code_is_accepted_one_step_either_side_and_no_further() -> None:
    code = code_at(SECRET, 1111111109)  # step 37037036
    assert matching_step(SECRET, code, 1111111109) == 37037036
    assert matching_step(SECRET, code, 1111111109 - 30) == 37037036
    assert matching_step(SECRET, code, 1111111109 + 30) == 37037036
    assert matching_step(SECRET, code, 1111111109 + 60) is None
    assert matching_step(SECRET, code, 1111111109 - 60) is None


def test_a_used_step_is_refused_so_a_code_cannot_be_replayed() -> None:
    code = code_at(SECRET, 59)
    assert matching_step(SECRET, code, 59, after_step=1) is None
    assert matching_step(SECRET, code, 59, after_step=0) == 1


@pytest.mark.parametrize("junk", ["", "12345", "1234567", "abcdef", "28 70 8x", "٢٨٧٠٨٢", "²⁸⁷⁰⁸²x"])
def test_malformed_codes_never_match(junk: str) -> None:
    assert matching_step(SECRET, junk, 59) is None


def test_spaces_and_full_width_digits_typed_into_a_code_are_read() -> None:
    assert matching_step(SECRET, " 287 082 ", 59) == 1
    assert matching_step(SECRET, "２８７０８２", 59) == 1


def test_new_secrets_are_160_bit_base32_and_differ() -> None:
    first, second = new_secret(), new_secret()
    assert first != second
    assert len(base64.b32decode(first + "=" * (-len(first) % 8))) == 20


def test_the_provisioning_uri_carries_what_an_authenticator_app_reads() -> None:
    uri = provisioning_uri(SECRET, account="张三", issuer="devzone")
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
    assert parts.path == "/devzone:%E5%BC%A0%E4%B8%89"
    assert parse_qs(parts.query) == {
        "secret": [SECRET],
        "issuer": ["devzone"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }
