"""proxy.py: requests forwarded unchanged, answers returned unchanged, every exchange checked on the way.

The upstream is `tests/support/drift_upstream.py` served on loopback: it answers with deliberate drift
(missing fields, wrong types, unknown fields, non-JSON, slow and dropped answers) and echoes anything else.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import httpx
import pytest

from akool_mock.mock_server import crypto
from akool_mock.mock_server.drift import NOT_IN_CONTRACT, NOT_VALIDATED, UNKNOWN_FIELD
from akool_mock.mock_server.proxy import Observed, Proxy, ProxySettings
from akool_mock.mock_server.webhook_check import WebhookFront
from tests.support import drift_upstream
from tests.support.threaded import threaded, threaded_proxy

POLL = "/api/open/v3/faceswap/result/listbyids"
LIMIT = 64 * 1024  # `big` (about 200 kB) is streamed through, everything else is held and checked


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with threaded(drift_upstream.create_app()) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def detect_upstream() -> Iterator[str]:
    with threaded(drift_upstream.create_app()) as base_url:
        yield base_url


@contextmanager
def proxied(upstream: str, detect: str, *, strict: bool = False) -> Iterator[tuple[str, list[Observed]]]:
    seen: list[Observed] = []
    settings = ProxySettings(upstream, detect, strict=strict, timeout_s=0.5, max_validated_bytes=LIMIT)
    proxy = Proxy(settings, observers=[seen.append])
    with threaded_proxy(proxy) as base_url:
        yield base_url, seen


Proxied = Callable[..., AbstractContextManager[tuple[str, list[Observed]]]]


@pytest.fixture
def via(upstream: str, detect_upstream: str) -> Proxied:
    return lambda **options: proxied(upstream, detect_upstream, **options)


def test_a_request_reaches_the_upstream_unchanged_and_its_answer_comes_back_unchanged(
    via: Proxied, upstream: str
) -> None:
    headers = {"x-api-key": "k" * 32, "x-custom": "one", "content-type": "text/plain"}
    with via() as (base, seen), httpx.Client() as client:
        path = "/api/open/v3/weird%2Fpath?b=2&a=1&a=%20"
        answer = client.post(base + path, headers=headers, content=b"\x00raw body\xff")
        direct = client.post(upstream + path, headers=headers, content=b"\x00raw body\xff")
    echo, direct_echo = answer.json(), direct.json()
    assert (echo["method"], echo["raw_path"], echo["query_string"]) == (
        "POST",
        "/api/open/v3/weird%2Fpath",
        "b=2&a=1&a=%20",
    )
    assert echo["body"] == direct_echo["body"] == "\x00raw body\xff"

    # Host names the next hop, Connection is hop-by-hop (RFC 9110 7.6.1); every other header arrives as sent.
    def end_to_end(headers: list[list[str]]) -> list[list[str]]:
        return sorted(h for h in headers if h[0] not in ("host", "connection"))

    assert end_to_end(echo["headers"]) == end_to_end(direct_echo["headers"])
    assert ["x-custom", "one"] in echo["headers"]
    assert [h for h in echo["headers"] if h[0] == "host"] == [["host", upstream.removeprefix("http://")]]
    assert seen[0].result.drift[0].kind == NOT_IN_CONTRACT


@pytest.mark.parametrize(
    "case", ["good", "missing", "wrong-type", "unknown", "not-json", "gzip", "status-500"]
)
def test_every_upstream_answer_is_passed_through_byte_for_byte(
    via: Proxied, upstream: str, case: str
) -> None:
    headers = {"x-api-key": "k" * 32, "accept-encoding": "gzip"}
    with via() as (base, _seen), httpx.Client() as client:
        through = client.get(f"{base}{POLL}?_ids={case}", headers=headers)
        direct = client.get(f"{upstream}{POLL}?_ids={case}", headers=headers)
    assert through.status_code == direct.status_code
    assert through.content == direct.content
    assert dict(through.headers) == dict(direct.headers)


@pytest.mark.parametrize(
    ("case", "violations", "unknown"),
    [
        ("good", [], []),
        ("missing", [("response", "data.result[0]._id", "present", "missing")], []),
        ("wrong-type", [("response", "data.result[0]._id", "type: 'string'", "12345")], []),
        ("unknown", [], ["data.result[0].brand_new_field"]),
        (
            "not-json",
            [("response", "(body)", "a JSON body", "<html><body>502 Bad Gateway</body></html>")],
            [],
        ),
        ("gzip", [], []),
        ("status-500", [("response", "(HTTP status)", "200", "500")], []),
    ],
)
def test_each_exchange_is_matched_to_its_operation_and_its_drift_reported(
    via: Proxied, case: str, violations: list[Any], unknown: list[str]
) -> None:
    with via() as (base, seen):
        httpx.get(f"{base}{POLL}?_ids={case}", headers={"x-api-key": "k" * 32})
    result = seen[0].result
    assert result.operation == "faceswap.list_results"
    assert [(d.direction, d.path, d.expected, d.found) for d in result.violations] == violations
    assert [d.path for d in result.drift if d.kind == UNKNOWN_FIELD] == unknown


def test_a_large_answer_is_streamed_through_and_said_to_be_unvalidated(via: Proxied, upstream: str) -> None:
    with via() as (base, seen), httpx.Client() as client:
        with client.stream("GET", f"{base}{POLL}?_ids=big") as streamed:
            chunks = list(streamed.iter_raw())
        direct = client.get(f"{upstream}{POLL}?_ids=big")
    assert len(chunks) > 1
    assert b"".join(chunks) == direct.content
    assert len(direct.content) > LIMIT
    assert seen[0].response_body is None
    assert [d.kind for d in seen[0].result.drift] == [NOT_VALIDATED]


@pytest.mark.parametrize(("case", "status", "words"), [("slow", 504, "timed out"), ("drop", 502, "failed")])
def test_an_upstream_that_does_not_answer_gets_an_akool_shaped_error(
    via: Proxied, case: str, status: int, words: str
) -> None:
    with via() as (base, seen):
        answer = httpx.get(f"{base}{POLL}?_ids={case}", headers={"x-api-key": "k" * 32}, timeout=10)
    body = answer.json()
    assert (answer.status_code, body["code"]) == (status, status)
    assert words in body["msg"]
    assert POLL in body["msg"]
    assert (seen[0].status, seen[0].answered) == (None, status)
    assert [d.message for d in seen[0].result.violations] == ["no answer (dropped or timed out)"]


def test_strict_answers_a_non_conforming_answer_with_the_drift(via: Proxied) -> None:
    with via(strict=True) as (base, seen), httpx.Client() as client:
        refused = client.get(f"{base}{POLL}?_ids=missing")
        passed = client.get(f"{base}{POLL}?_ids=unknown")
    assert refused.status_code == 502
    body = refused.json()
    assert body["code"] == 502
    assert "faceswap.list_results" in body["msg"]
    assert "data.result[0]._id: required" in body["msg"]
    assert [(d["operation"], d["direction"], d["path"]) for d in body["drift"]] == [
        ("faceswap.list_results", "response", "data.result[0]._id")
    ]
    assert passed.status_code == 200
    assert passed.json() == drift_upstream.poll_answer({**drift_upstream.ITEM, "brand_new_field": True})
    assert [o.answered for o in seen] == [502, None]


def test_strict_forwards_a_drifting_request_and_reports_it(via: Proxied) -> None:
    with via(strict=True) as (base, seen):
        answer = httpx.get(f"{base}{POLL}", headers={"x-api-key": "k" * 32})  # no `_ids`
    assert answer.status_code == 200
    assert answer.json() == drift_upstream.poll_answer()
    assert [(d.direction, d.path) for d in seen[0].result.violations] == [("request", "query._ids")]
    assert seen[0].answered is None


def test_the_legacy_detect_host_goes_to_its_own_upstream(via: Proxied, detect_upstream: str) -> None:
    with via() as (base, seen):
        answer = httpx.post(f"{base}/detect", json={"single_face": True, "image_url": "https://e.com/a.png"})
    hosts = [value for name, value in answer.json()["headers"] if name == "host"]
    assert hosts == [detect_upstream.removeprefix("http://")]
    assert seen[0].result.operation == "face_detection.detect_legacy"


def test_a_gzip_answer_is_validated_as_the_client_reads_it(via: Proxied) -> None:
    with via() as (base, seen):
        answer = httpx.get(f"{base}{POLL}?_ids=gzip")
    assert answer.headers["content-encoding"] == "gzip"
    assert seen[0].response_body is not None
    assert json.loads(gzip.decompress(seen[0].response_body)) == answer.json()
    assert seen[0].result.conforms
    assert seen[0].result.code == 1000


def test_webhook_deliveries_go_to_the_receiver_and_are_verified(upstream: str, detect_upstream: str) -> None:
    client_id, secret = "AKmockClientId0000000001", "akool-mock-api-key-0000000000000"
    payload = {
        "_id": "684f8fb744b8795862e45cbe",
        "status": 3,
        "type": "faceswap",
        "url": "https://e.com/r.png",
    }
    good = crypto.seal(payload, client_id, secret, 1710757981609, "1529")
    tampered = {**good, "signature": "0" * 40}
    seen: list[Observed] = []
    # The receiver is the echo upstream served apart (detect_upstream); the API upstream gets everything else.
    front = WebhookFront(detect_upstream, client_id, secret)
    settings = ProxySettings(upstream, upstream, timeout_s=2, webhook=front)
    with threaded_proxy(Proxy(settings, observers=[seen.append])) as base, httpx.Client() as client:
        delivered = client.post(f"{base}/akool/webhook?x=1", json=good).json()
        client.post(f"{base}/akool/webhook", json=tampered)
        not_a_delivery = client.post(f"{base}/akool/webhook", json={"hello": 1}).json()
    receiver_host = detect_upstream.removeprefix("http://")
    assert (delivered["raw_path"], delivered["query_string"]) == ("/akool/webhook", "x=1")
    assert ["host", receiver_host] in delivered["headers"]
    assert json.loads(delivered["body"]) == good
    assert ["host", receiver_host] not in not_a_delivery["headers"]  # not delivery-shaped: sent upstream
    assert [(o.result.operation, [d.path for d in o.result.violations]) for o in seen[:2]] == [
        ("webhook.delivery", []),
        ("webhook.delivery", ["signature"]),
    ]
    assert seen[2].result.operation is None
