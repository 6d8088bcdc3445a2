"""webhooks.py: an acknowledged delivery is folded into its job (its body dropped, sealed again when shown,
byte for byte); the control API shows it as before, a page at a time."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.dispatch import send_async, send_sync
from akool_mock.mock_server.settings import DEFAULT_CLIENT_ID
from akool_mock.mock_server.webhooks import (
    AT_MS,
    Attempt,
    Delivery,
    fold_record,
    seal_key,
    sequence_of,
    unfold_record,
    unseal_key,
)
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
    delivered = fake.backend.outbox.for_job(job)
    assert len(delivered) == 2
    assert all(d.last_body is None for d in delivered)


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


def test_take_due_stops_at_its_limit_takes_the_oldest_and_leaves_the_rest_due(fake: Fake) -> None:
    jobs = []
    for _ in range(3):
        jobs.append(job := fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"])
        fake.request("POST", f"/_mock/jobs/{job}/complete")
    outbox = fake.backend.outbox
    (taken,) = outbox.take_due(fake.backend.now(), fake.backend.seal_for, limit=1)
    assert (taken.delivery.job_id, taken.delivery.status) == (jobs[0], 2)  # all due at once: the oldest
    assert sum(d.state == "pending" for d in outbox.deliveries.values()) == 5
    sent: list[bytes] = []
    send_sync(fake.backend, lambda _url, body, _headers: sent.append(body) or 200)
    assert len(sent) == 5  # the sync sender takes batch after batch until none is due


def test_take_due_takes_the_earliest_due_first_and_nothing_not_yet_due(fake: Fake) -> None:
    """Deliveries waiting for a retry are not looked at until they are due (a heap, not a walk)."""
    failing, healthy = (fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"] for _ in range(2))
    fake.request("POST", f"/_mock/jobs/{failing}/complete")
    send_sync(fake.backend, lambda _url, _body, _headers: 500)  # both of its deliveries wait for a retry
    fake.request("POST", f"/_mock/jobs/{healthy}/complete")
    outbox, backend = fake.backend.outbox, fake.backend
    taken = outbox.take_due(backend.now(), backend.seal_for)
    assert [(item.delivery.job_id, item.delivery.status) for item in taken] == [(healthy, 2), (healthy, 3)]
    for item in taken:
        outbox.settle(item.delivery, 200, None, backend.now())
    assert outbox.take_due(backend.now(), backend.seal_for) == []
    fake.clock.advance(max(backend.outbox.retry_s))
    retried = outbox.take_due(backend.now(), backend.seal_for)
    assert [(item.delivery.job_id, item.delivery.status) for item in retried] == [(failing, 2), (failing, 3)]


def test_the_uvicorn_sender_seals_and_sends_a_batch_at_a_time_until_none_is_due(fake: Fake) -> None:
    for _ in range(10):
        job = fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"]
        fake.request("POST", f"/_mock/jobs/{job}/complete")
    outbox = fake.backend.outbox
    in_flight: list[int] = []  # deliveries taken (sealed) and not yet settled, at each POST

    async def sender(_url: str, _body: bytes, _headers: dict[str, str]) -> int:
        in_flight.append(sum(d.state == "in_flight" for d in outbox.deliveries.values()))
        await asyncio.sleep(0)
        return 200

    assert asyncio.run(send_async(fake.backend, sender, batch=4)) == 20
    assert len(in_flight) == 20
    assert max(in_flight) <= 5  # about `batch`: a job's two due deliveries are taken together
    assert outbox.pending() == 0


ATTEMPT = st.builds(
    Attempt,
    at_ms=st.integers(0, AT_MS - 1),
    status=st.integers(0, 999),
    error=st.none(),
    bodies=st.integers(0, 7),
)


SEALS = st.builds(seal_key, st.integers(-(2**45), 2**45), st.integers(1000, 9999).map(str), st.booleans())


@given(
    sequence=st.integers(1, 2**40 - 1),
    status=st.integers(1, 4),
    attempts=st.lists(ATTEMPT, max_size=63).map(tuple),
    key=SEALS,
)
def test_folded_records_round_trip(
    sequence: int, status: int, attempts: tuple[Attempt, ...], key: int
) -> None:
    shape = [(a.at_ms, a.status, a.bodies) for a in attempts]
    assert unfold_record(fold_record(sequence, status, attempts, key)) == (sequence, status, shape, key)


@pytest.mark.parametrize(
    ("text", "number"),
    [("wh_00000042", 42), ("wh_123456789", 123456789), ("wh_42", None), ("x_00000001", None)],
)
def test_sequence_numbers_are_read_from_the_ids_the_outbox_makes_only(text: str, number: int | None) -> None:
    assert sequence_of(text) == number


def _shown(fake: Fake, job: str | None = None, **page: int) -> dict[str, Any]:
    query: dict[str, Any] = {"job": job} if job else {}
    body: dict[str, Any] = fake.request("GET", "/_mock/webhooks", query={**query, **page}).body
    return body


def test_an_acknowledged_delivery_is_folded_into_its_job_and_shown_as_it_was(fake: Fake) -> None:
    outbox = fake.backend.outbox
    seen: list[tuple[Delivery, dict[str, Any]]] = []
    outbox.on_attempt = lambda delivery, _attempt: seen.append((delivery, outbox.describe(delivery)))
    job, sent = _deliver(fake, [500])
    assert list(outbox.deliveries) == ["wh_00000001"], "the one to try again stays whole"
    fake.backend.clock.advance(3600)
    send_sync(fake.backend, lambda _url, body, _headers: sent.append(json.loads(body)) or 200)
    assert not outbox.deliveries, "every acknowledged delivery is folded"
    assert len(fake.backend.jobs.jobs[job].delivered) == 2
    last = {delivery.id: described for delivery, described in seen}  # as it was at its acknowledgement
    shown = _shown(fake, job)["deliveries"]
    assert shown == [last[d["id"]] for d in shown]
    assert [a["http_status"] for a in shown[0]["attempts"]] == [500, 200]
    assert [d["body"] for d in shown] == [sent[2], sent[1]]  # the retried one's last body, then the other's


def test_a_delivery_that_cannot_be_folded_stays_whole_and_in_order(fake: Fake) -> None:
    job, _ = _deliver(fake, [])
    outbox = fake.backend.outbox
    first = outbox.ids(job)[0]
    fake.backend.clock.advance(1)
    copy = outbox.redeliver(first, fake.backend.now())  # made later than its status: not folded
    send_sync(fake.backend, lambda _url, _body, _headers: 200)
    assert list(outbox.deliveries) == [copy.id]
    assert outbox.ids(job) == [first, outbox.ids(job)[1], copy.id]
    assert [d.state for d in outbox.for_job(job)] == ["delivered"] * 3
    assert outbox.get(copy.id) is copy
    assert outbox.get("wh_99999999") is None


def test_for_job_reads_only_that_jobs_deliveries(fake: Fake) -> None:
    jobs = [_deliver(fake, [])[0] for _ in range(3)]
    outbox = fake.backend.outbox
    outbox.deliveries = _Untouchable()  # type: ignore[assignment]  # a scan of every delivery fails
    assert [d.job_id for d in outbox.for_job(jobs[1])] == [jobs[1], jobs[1]]


class _Untouchable(dict[str, Delivery]):
    def __iter__(self) -> Any:
        raise AssertionError("scanned every delivery")

    def values(self) -> Any:
        raise AssertionError("scanned every delivery")


def test_the_webhook_list_is_paged_and_seals_only_its_page(fake: Fake) -> None:
    for _ in range(3):
        _deliver(fake, [])
    everything = _shown(fake)
    assert everything["count"] == 6
    assert len(everything["deliveries"]) == 6
    sealed: list[str] = []
    seal_for = fake.backend.outbox.seal_for
    assert seal_for is not None

    def counting(client_id: str, payload: dict[str, Any], timestamp: int, nonce: str) -> dict[str, Any]:
        sealed.append(client_id)
        return seal_for(client_id, payload, timestamp, nonce)

    fake.backend.outbox.seal_for = counting
    page = _shown(fake, offset=2, limit=3)
    assert page["count"] == 6
    assert page["offset"] == 2
    assert page["deliveries"] == everything["deliveries"][2:5]
    assert len(sealed) == 3
    refused = fake.request("GET", "/_mock/webhooks", query={"limit": "-1"})
    assert refused.status == 400
    assert "limit" in refused.body["error"]
