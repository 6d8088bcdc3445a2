"""proxy_wire.py: the proxy's HTTP/1.1 ends. One pinned upstream connection per client connection, requests
answered in order, bodies framed by length, chunks or the connection closing, failures answered, not hung."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from akool_mock.contract_tests.serve import free_port
from akool_mock.mock_server.drift import ExchangeResult, ExchangeValidator
from akool_mock.mock_server.proxy import Observed, Proxy, ProxySettings
from tests.support import drift_upstream
from tests.support.threaded import threaded, threaded_proxy

POLL = "/api/open/v3/faceswap/result/listbyids"
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with threaded(drift_upstream.create_app()) as base_url:
        yield base_url


@contextmanager
def proxied(upstream: str, seen: list[Observed]) -> Iterator[str]:
    """The proxy in front of `upstream`. Observers are told after the answer is written: look at `seen`
    once the block (and the proxy) has ended."""
    settings = ProxySettings(upstream, upstream, timeout_s=5, max_validated_bytes=LIMIT)
    with threaded_proxy(Proxy(settings, observers=[seen.append])) as base_url:
        yield base_url


def raw_exchange(base: str, data: bytes, until: bytes) -> bytes:
    """Send `data` on one new connection; read until `until` has been seen (or the proxy closes)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(data)
        got = b""
        while until not in got:
            piece = sock.recv(65536)
            if not piece:
                break
            got += piece
    return got


def test_a_client_connection_keeps_one_upstream_connection_and_another_client_gets_its_own(
    upstream: str,
) -> None:
    with proxied(upstream, []) as base, httpx.Client() as first, httpx.Client() as second:
        ports = [first.get(f"{base}/echo").json()["client_port"] for _ in range(3)]
        other = second.get(f"{base}/echo").json()["client_port"]
    assert len(set(ports)) == 1
    assert other not in ports


def test_pipelined_requests_are_answered_in_order(upstream: str) -> None:
    seen: list[Observed] = []
    requests = b"".join(b"GET /echo/%d HTTP/1.1\r\nHost: x\r\n\r\n" % n for n in range(3))
    with proxied(upstream, seen) as base:
        got = raw_exchange(base, requests, b"/echo/2")
    assert got.count(b"HTTP/1.1 200 OK\r\n") == 3
    assert got.index(b"/echo/0") < got.index(b"/echo/1") < got.index(b"/echo/2")
    assert [o.url.rsplit("/", 1)[1] for o in seen] == ["0", "1", "2"]


def test_a_client_that_expects_100_continue_gets_it_before_the_answer(upstream: str) -> None:
    request = b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"
    with proxied(upstream, []) as base:
        got = raw_exchange(base, request, b'"hi"')
    assert got.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")


def test_a_request_that_is_not_http_gets_400_and_the_connection_closed(upstream: str) -> None:
    seen: list[Observed] = []
    with proxied(upstream, seen) as base:
        got = raw_exchange(base, b"NOT HTTP AT ALL\r\n\r\n", b"no end: read until closed")
    assert got.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert seen == []


def test_a_head_request_gets_the_head_only_and_the_connection_serves_on(upstream: str) -> None:
    with proxied(upstream, []) as base, httpx.Client() as client:
        head = client.head(f"{base}{POLL}?_ids=good")
        direct = client.head(f"{upstream}{POLL}?_ids=good")
        after = client.get(f"{base}{POLL}?_ids=good")
    assert (head.status_code, head.content) == (200, b"")
    assert dict(head.headers) == dict(direct.headers)
    assert after.json() == drift_upstream.poll_answer(drift_upstream.ITEM)


def test_a_chunked_answer_is_held_checked_and_passed_back_with_its_length(upstream: str) -> None:
    seen: list[Observed] = []
    with proxied(upstream, seen) as base:
        answer = httpx.get(f"{base}{POLL}?_ids=chunked")
    assert "transfer-encoding" not in answer.headers
    assert answer.headers["content-length"] == str(len(answer.content))
    assert answer.json() == drift_upstream.poll_answer(drift_upstream.ITEM)
    assert seen[0].result.conforms


def test_a_large_chunked_answer_is_streamed_in_chunks(upstream: str) -> None:
    seen: list[Observed] = []
    with proxied(upstream, seen) as base, httpx.Client() as client:
        answer = client.get(f"{base}{POLL}?_ids=big-chunked")
        again = client.get(f"{base}{POLL}?_ids=good")  # the connection is still usable
    assert answer.headers["transfer-encoding"] == "chunked"
    assert len(answer.content) > LIMIT
    assert len(answer.json()["data"]["result"]) == 4000
    assert seen[0].response_body is None
    assert again.status_code == 200


def test_the_timeout_is_for_silence_so_a_slow_but_steady_answer_comes_through(upstream: str) -> None:
    settings = ProxySettings(upstream, upstream, timeout_s=0.5)
    with threaded_proxy(Proxy(settings)) as base:
        answer = httpx.get(f"{base}{POLL}?_ids=trickle", timeout=10)  # 4 pieces over 1.2 s, 0.3 s apart
    assert answer.json() == drift_upstream.poll_answer(drift_upstream.ITEM)


def test_a_client_that_leaves_mid_answer_still_has_the_exchange_completed_and_told(upstream: str) -> None:
    seen: list[Observed] = []
    with proxied(upstream, seen) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(f"GET {POLL}?_ids=trickle HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            time.sleep(0.1)  # the request is on its way upstream; the answer takes 1.2 s
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [(o.status, o.error, o.result.conforms) for o in seen] == [(200, "", True)]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_an_https_upstream_is_reached_over_tls_and_its_certificate_checked(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    trusting = ssl.create_default_context(cafile=str(cert))
    with threaded(drift_upstream.create_app(), ssl_certfile=str(cert), ssl_keyfile=str(key)) as tls_upstream:
        settings = ProxySettings(tls_upstream, tls_upstream, timeout_s=5)
        with threaded_proxy(Proxy(settings, tls=trusting)) as base, httpx.Client() as client:
            answers = [client.get(f"{base}{POLL}?_ids=good") for _ in range(2)]
        seen: list[Observed] = []
        with threaded_proxy(Proxy(settings, observers=[seen.append])) as base:  # certifi's CAs only
            refused = httpx.get(f"{base}{POLL}?_ids=good")
    assert [a.json() for a in answers] == [drift_upstream.poll_answer(drift_upstream.ITEM)] * 2
    assert refused.status_code == 502
    assert "CERTIFICATE_VERIFY_FAILED" in refused.json()["msg"]


def test_an_upstream_that_refuses_the_connection_gets_an_akool_shaped_502() -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    seen: list[Observed] = []
    with proxied(nowhere, seen) as base:
        answer = httpx.get(f"{base}{POLL}?_ids=good")
    body = answer.json()
    assert (answer.status_code, body["code"]) == (502, 502)
    assert "failed: ConnectionRefusedError" in body["msg"]
    assert (seen[0].status, seen[0].answered) == (None, 502)


@pytest.mark.parametrize(("case", "strict", "status"), [("good", False, 200), ("missing", True, 502)])
def test_a_fault_in_an_observer_is_logged_and_the_answer_is_unchanged(
    upstream: str, case: str, strict: bool, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_observed: Observed) -> None:
        raise RuntimeError("observer down")

    settings = ProxySettings(upstream, upstream, strict=strict, timeout_s=5)
    with threaded_proxy(Proxy(settings, observers=[broken])) as base, httpx.Client() as client:
        answers = [client.get(f"{base}{POLL}?_ids={case}").status_code for _ in range(2)]
    assert answers == [status, status]
    assert "observer down" in caplog.text


def test_a_fault_in_the_check_is_logged_and_answered_with_an_akool_shaped_500(
    upstream: str, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(ExchangeValidator):
        def check(self, *args: Any, **kwargs: Any) -> ExchangeResult:
            raise RuntimeError("check down")

    settings = ProxySettings(upstream, upstream, strict=True, timeout_s=5)
    with threaded_proxy(Proxy(settings, Broken())) as base:
        answer = httpx.get(f"{base}{POLL}?_ids=good")
    assert (answer.status_code, answer.json()["code"]) == (500, 500)
    assert "RuntimeError: check down" in answer.json()["msg"]
    assert "check down" in caplog.text
