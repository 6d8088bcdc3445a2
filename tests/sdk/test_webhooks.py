"""sdk.webhooks: the SDK's own crypto against the known-answer vectors, the refusals, the fake's real
deliveries (also in its adversarial modes), and the ASGI receiver."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobStatus
from akool_mock.sdk.webhooks import (
    BadSignature,
    DecryptionFailed,
    MalformedWebhook,
    MemoryNonceStore,
    ReplayedNonce,
    StaleTimestamp,
    WebhookEvent,
    asgi_receiver,
    decrypt,
    signature_of,
    verify_and_decrypt,
)

VECTORS = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "webhooks" / "vectors.json").read_text("utf-8")
)
VALID = [v for v in VECTORS["vectors"] if v["expected_valid"]]
INVALID = [v for v in VECTORS["vectors"] if not v["expected_valid"]]
EVENT_KEYS = {"_id", "status", "type"}


def body_of(vector: dict[str, Any]) -> dict[str, Any]:
    keys = ("signature", "data_encrypt", "timestamp", "nonce")
    return dict(
        zip(("signature", "dataEncrypt", "timestamp", "nonce"), (vector[k] for k in keys), strict=True)
    )


def check(vector: dict[str, Any], body: Any = None, **options: Any) -> WebhookEvent:
    options.setdefault("now", vector["timestamp"] / 1000)
    return verify_and_decrypt(
        body_of(vector) if body is None else body,
        client_id=vector["client_id"],
        client_secret=vector["client_secret"],
        **options,
    )


@pytest.mark.parametrize("vector", VALID, ids=lambda v: v["name"])
def test_valid_vectors(vector: dict[str, Any]) -> None:
    assert (
        signature_of(vector["client_id"], vector["timestamp"], vector["nonce"], vector["data_encrypt"])
        == (vector["signature"])
    )
    plaintext = decrypt(
        vector["data_encrypt"], client_id=vector["client_id"], client_secret=vector["client_secret"]
    )
    assert plaintext == vector["payload"]
    payload = json.loads(plaintext)
    if set(payload) >= EVENT_KEYS and payload["status"] in (1, 2, 3, 4):
        event = check(vector)
        assert (event.id, event.status, event.type) == (
            payload["_id"],
            JobStatus(payload["status"]),
            payload["type"],
        )
        assert event.url == payload.get("url")
        assert dict(event.extra) == {k: v for k, v in payload.items() if k not in {*EVENT_KEYS, "url"}}
    else:  # the block-edge vectors encrypt JSON that is not an event
        with pytest.raises(MalformedWebhook):
            check(vector)


@pytest.mark.parametrize("vector", INVALID, ids=lambda v: v["name"])
def test_invalid_vectors_are_refused(vector: dict[str, Any]) -> None:
    expected = DecryptionFailed if vector["fails_at"] == "decrypt" else BadSignature
    with pytest.raises(expected) as caught:
        check(vector)
    assert type(caught.value) is expected


def test_the_body_may_be_bytes_text_or_parsed() -> None:
    vector = VALID[0]
    text = json.dumps(body_of(vector))
    assert check(vector, text) == check(vector, text.encode()) == check(vector)


def test_stale_and_future_timestamps() -> None:
    vector = VALID[0]
    sent = vector["timestamp"] / 1000
    assert check(vector, now=sent + 299).id
    with pytest.raises(StaleTimestamp):
        check(vector, now=sent + 301)
    with pytest.raises(StaleTimestamp):
        check(vector, now=sent - 301)
    with pytest.raises(StaleTimestamp):
        check(vector, now=sent + 11, tolerance=10)
    assert check(vector, now=sent + 10**6, tolerance=None).id


def test_replays_are_refused_with_a_nonce_store() -> None:
    vector = VALID[0]
    store = MemoryNonceStore(clock=lambda: vector["timestamp"] / 1000)
    check(vector, nonce_store=store)
    with pytest.raises(ReplayedNonce):
        check(vector, nonce_store=store)
    other = VALID[2]
    assert check(other, nonce_store=store).id
    store.discard(body_of(vector)["signature"])
    assert check(vector, nonce_store=store).id


def test_a_refused_delivery_is_not_recorded() -> None:
    vector = VALID[0]
    store = MemoryNonceStore()
    with pytest.raises(StaleTimestamp):
        check(vector, nonce_store=store, now=0)
    assert check(vector, nonce_store=store).id


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        "[1, 2]",
        {"dataEncrypt": "x", "timestamp": 1, "nonce": "1"},
        {"signature": "x", "timestamp": 1, "nonce": "1"},
        {"signature": "x", "dataEncrypt": "x", "timestamp": "1710757981609", "nonce": "1"},
        {"signature": "x", "dataEncrypt": "x", "timestamp": True, "nonce": "1"},
        {"signature": "x", "dataEncrypt": "x", "timestamp": 1, "nonce": False},
        {"signature": "x", "dataEncrypt": "x", "timestamp": 1, "nonce": ""},
        {"signature": "x", "dataEncrypt": "x", "timestamp": 1},
    ],
)
def test_malformed_bodies(body: Any) -> None:
    with pytest.raises(MalformedWebhook) as caught:
        verify_and_decrypt(body, client_id="AKX5brZQk3pYPzCGur2xQbE=", client_secret="k" * 32, now=0)
    assert str(caught.value).endswith(MalformedWebhook.hint)


def test_a_signed_payload_that_is_not_json() -> None:
    vector = VALID[0]
    from akool_mock.mock_server.crypto import encrypt

    data = encrypt("not json", vector["client_id"], vector["client_secret"])
    body = body_of(vector) | {"dataEncrypt": data}
    body["signature"] = signature_of(vector["client_id"], body["timestamp"], body["nonce"], data)
    with pytest.raises(MalformedWebhook, match="not JSON"):
        check(vector, body)


def test_garbage_ciphertext_with_a_valid_signature() -> None:
    vector = VALID[0]
    body = body_of(vector) | {"dataEncrypt": "not base64!"}
    body["signature"] = signature_of(
        vector["client_id"], body["timestamp"], body["nonce"], body["dataEncrypt"]
    )
    with pytest.raises(DecryptionFailed):
        check(vector, body)


def test_a_secret_that_is_no_aes_key() -> None:
    with pytest.raises(ValueError, match="24 or 32 bytes"):
        decrypt("AAAA", client_id="AKX5brZQk3pYPzCGur2xQbE=", client_secret="short")


# ----- the fake's own deliveries ---------------------------------------------------------------------------


def deliveries(modes: dict[str, bool] | None = None) -> tuple[FakeAkool, list[dict[str, Any]]]:
    """Run one faceswap job with a webhook to completion; return the fake and the bodies it POSTed."""
    received: list[dict[str, Any]] = []

    def receive(url: str, body: dict[str, Any]) -> int:
        received.append(body)
        return 200

    akool = FakeAkool(receiver=receive)
    with akool:
        if modes:
            akool.webhooks.modes(akool.client_id, **modes)
        http = httpx.Client()
        try:
            answer = http.post(
                "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage",
                headers={"x-api-key": akool.api_key},
                json={
                    "sourceImage": [{"path": "https://example.com/a.png"}],
                    "targetImage": [{"path": "https://example.com/b.png"}],
                    "modifyImage": "https://example.com/c.png",
                    "webhookUrl": "https://hooks.example.com/akool",
                },
            )
        finally:
            http.close()
        assert answer.json()["code"] == 1000
        akool.clock.advance(3600)
    return akool, received


def verify_fake(akool: FakeAkool, body: dict[str, Any], **options: Any) -> WebhookEvent:
    return verify_and_decrypt(
        body, client_id=akool.client_id, client_secret=akool.api_key, now=akool.clock.now(), **options
    )


def test_the_fakes_deliveries_verify() -> None:
    akool, received = deliveries()
    events = [verify_fake(akool, body) for body in received]
    assert [event.status for event in events] == [JobStatus.PROCESSING, JobStatus.COMPLETED]
    assert {event.type for event in events} == {"faceswap"}
    assert events[-1].url


@pytest.mark.parametrize(
    ("mode", "error"), [("tamper_signature", BadSignature), ("stale_timestamp", StaleTimestamp)]
)
def test_the_fakes_adversarial_deliveries_are_refused(mode: str, error: type[Exception]) -> None:
    akool, received = deliveries({mode: True})
    assert received
    for body in received:
        with pytest.raises(error):
            verify_fake(akool, body)


def test_the_fakes_replayed_deliveries_are_refused() -> None:
    akool, received = deliveries({"replay_nonce": True})
    store = MemoryNonceStore(clock=akool.clock.now)
    outcomes = []
    for body in received:
        try:
            outcomes.append(verify_fake(akool, body, nonce_store=store).status)
        except ReplayedNonce:
            outcomes.append("replay")
    assert "replay" in outcomes
    assert JobStatus.COMPLETED in outcomes


# ----- the ASGI receiver -----------------------------------------------------------------------------------


class Seen:
    def __init__(self, fail: bool = False) -> None:
        self.events: list[WebhookEvent] = []
        self.fail = fail

    async def __call__(self, event: WebhookEvent) -> None:
        self.events.append(event)
        if self.fail:
            raise RuntimeError("the handler broke")


async def post(app: Any, content: bytes, method: str = "POST") -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as http:
        return await http.request(method, "/akool", content=content)


def receiver(handler: Any, vector: dict[str, Any], store: MemoryNonceStore | None = None) -> Any:
    return asgi_receiver(
        handler,
        client_id=vector["client_id"],
        client_secret=vector["client_secret"],
        nonce_store=store,
        clock=lambda: vector["timestamp"] / 1000,
    )


@pytest.mark.anyio
async def test_asgi_receiver_answers() -> None:
    vector = VALID[0]
    seen = Seen()
    store = MemoryNonceStore(clock=lambda: vector["timestamp"] / 1000)
    app = receiver(seen, vector, store)
    good = json.dumps(body_of(vector)).encode()
    assert (await post(app, good)).json() == {"ok": True}
    assert [event.id for event in seen.events] == [json.loads(vector["payload"])["_id"]]
    replay = await post(app, good)
    assert (replay.status_code, replay.json()["duplicate"]) == (200, True)
    assert len(seen.events) == 1
    tampered = json.dumps(body_of(vector) | {"signature": "0" * 40}).encode()
    assert (await post(app, tampered)).status_code == 401
    assert (await post(app, b"{not json")).status_code == 400
    assert (await post(app, b"", method="GET")).status_code == 405
    assert (await post(app, b"x" * (1024 * 1024 + 1))).status_code == 413


@pytest.mark.anyio
async def test_asgi_receiver_stale_is_401_and_sync_handlers_work() -> None:
    vector = VALID[0]
    events: list[WebhookEvent] = []
    app = asgi_receiver(
        events.append, client_id=vector["client_id"], client_secret=vector["client_secret"], clock=lambda: 0.0
    )
    assert (await post(app, json.dumps(body_of(vector)).encode())).status_code == 401
    fresh = receiver(events.append, vector)
    assert (await post(fresh, json.dumps(body_of(vector)).encode())).status_code == 200
    assert len(events) == 1


@pytest.mark.anyio
async def test_asgi_receiver_lets_akool_retry_when_the_handler_fails() -> None:
    vector = VALID[0]
    store = MemoryNonceStore(clock=lambda: vector["timestamp"] / 1000)
    good = json.dumps(body_of(vector)).encode()
    assert (await post(receiver(Seen(fail=True), vector, store), good)).status_code == 500
    seen = Seen()
    assert (await post(receiver(seen, vector, store), good)).status_code == 200
    assert len(seen.events) == 1


@pytest.mark.anyio
async def test_asgi_receiver_lifespan() -> None:
    app = receiver(Seen(), VALID[0])
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app({"type": "lifespan"}, receive, send)
    assert [message["type"] for message in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]
