"""webhooks.py: an acknowledged delivery drops the body of its last try and shows it again, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest

from akool_mock.mock_server.dispatch import send_sync
from akool_mock.mock_server.settings import DEFAULT_CLIENT_ID
from akool_mock.mock_server.webhooks import seal_key, unseal_key
from tests.mock_server.conftest import Fake

FACE = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
HOOK = "http://127.0.0.1:9/hook"


def _deliver(fake: Fake, answers: list[int]) -> tuple[str, list[dict[str, Any]]]:
    """A job with a webhook, completed; its deliveries sent (answered from `answers`, then 200)."""
    job = fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job}/complete")
    sent: list[dict[str, Any]] = []
    replies = iter(answers)

    def sender(_url: str, body: bytes, _headers: dict[str, str]) -> int:
        sent.append(json.loads(body))
        return next(replies, 200)

    send_sync(fake.backend, sender)
    return job, sent


@pytest.mark.parametrize("tampered", [False, True])
def test_an_acknowledged_delivery_shows_the_body_it_was_sent_with(fake: Fake, tampered: bool) -> None:
    fake.request(
        "POST", f"/_mock/accounts/{DEFAULT_CLIENT_ID}/webhook-modes", body={"tamper_signature": tampered}
    )
    job, sent = _deliver(fake, [])
    shown = fake.request("GET", "/_mock/webhooks", query={"job": job}).body["deliveries"]
    assert [d["state"] for d in shown] == ["delivered", "delivered"]
    assert [d["body"] for d in shown] == sent  # the same bytes as sent, signature (tampered or not) too
    assert all(d.last_body is None for d in fake.backend.outbox.deliveries.values())  # not kept


def test_a_delivery_that_may_be_tried_again_keeps_its_last_body(fake: Fake) -> None:
    job, sent = _deliver(fake, [500, 500])
    outbox = fake.backend.outbox
    kept = [d.last_body for d in outbox.deliveries.values()]
    assert kept == sent
    assert all(d.state == "pending" for d in outbox.deliveries.values())
    fake.backend.clock.advance(3600)
    send_sync(fake.backend, lambda _url, _body, _headers: 200)
    shown = fake.request("GET", "/_mock/webhooks", query={"job": job}).body["deliveries"]
    assert [d["state"] for d in shown] == ["delivered", "delivered"]
    assert all(d["body"]["timestamp"] > s["timestamp"] for d, s in zip(shown, sent, strict=True))


@pytest.mark.parametrize("timestamp", [0, -3_600_000, 1_764_000_000_123])
@pytest.mark.parametrize("nonce", ["1000", "5071", "9999"])
def test_seal_keys_round_trip(timestamp: int, nonce: str) -> None:
    for tampered in (False, True):
        assert unseal_key(seal_key(timestamp, nonce, tampered)) == (timestamp, nonce, tampered)


def test_a_delivery_of_another_account_is_sealed_with_that_account(fake: Fake) -> None:
    other = fake.request("POST", "/_mock/accounts", body={"credits": 100}).body
    job = fake.request(
        "POST", CREATE, body={**JOB, "webhookUrl": HOOK}, headers={"x-api-key": other["api_key"]}
    ).body["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job}/complete")
    sent: list[dict[str, Any]] = []
    send_sync(fake.backend, lambda _url, body, _headers: sent.append(json.loads(body)) or 200)
    shown = fake.request("GET", "/_mock/webhooks", query={"job": job}).body["deliveries"]
    assert [d["body"] for d in shown] == sent
    assert other["client_id"] != DEFAULT_CLIENT_ID


def test_take_due_stops_near_its_limit_and_leaves_the_rest_due(fake: Fake) -> None:
    for _ in range(3):
        job = fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"]
        fake.request("POST", f"/_mock/jobs/{job}/complete")
    outbox = fake.backend.outbox
    taken = outbox.take_due(fake.backend.now(), fake.backend.seal_for, limit=1)
    assert len(taken) == 2  # one job's two due deliveries are taken together
    assert len({item.delivery.job_id for item in taken}) == 1
    assert sum(d.state == "pending" for d in outbox.deliveries.values()) == 4
    sent: list[bytes] = []
    send_sync(fake.backend, lambda _url, body, _headers: sent.append(body) or 200)
    assert len(sent) == 4  # the sync sender takes batch after batch until none is due
