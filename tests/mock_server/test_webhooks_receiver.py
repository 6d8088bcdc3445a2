"""A receiver written only from the docs' webhook page verifies and decrypts every delivery of the fake.

The receiver below is the page's Python sample (pages/ai-tools-suite__webhook.md, "Example: Encryption
and Decryption", pycryptodome), adapted only where the page's code cannot run as written: `timestamp` and
`nonce` arrive as JSON numbers, so they are passed through `str()` before `sorted()`
(notes/real-world-quirks.md "Webhooks"). It answers 200 when the signature matches and 400 otherwise, as
the page says.

Deliveries are driven through `FakeAkool` (jobs, the manual clock, the `/_mock/webhooks` control API): for
every job-creating operation with a webhook type, then for retries, order, redelivery, the adversarial
modes and the allowlist on `faceswap.create_image`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from Crypto.Cipher import AES

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import ConfigError, Settings, build_settings
from akool_mock.schemas import Operation, load_catalog

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "fixtures" / "docs" / "examples.json"
CURRENT_EXAMPLES = REPO / "fixtures" / "docs" / "current_examples.json"  # Akool's 2026 docs
BASE = "https://openapi.akool.com"
HOOK = "https://hooks.example.com/akool"
CAT = load_catalog()


# ------------------------------------------------------------------------- the docs' receiver, verbatim


def generate_msg_signature(client_id, timestamp, nonce, msg_encrypt):  # type: ignore[no-untyped-def]
    sorted_str = "".join(sorted([client_id, timestamp, nonce, msg_encrypt]))
    hash_value = hashlib.sha1(sorted_str.encode("utf-8")).hexdigest()
    return hash_value  # noqa: RET504 (the page's code, as written)


# Decryption algorithm
def generate_aes_decrypt(data_encrypt, client_id, client_secret):  # type: ignore[no-untyped-def]
    aes_key = client_secret.encode("utf-8")
    # Ensure the IV is 16 bytes long
    iv = client_id.encode("utf-8")
    iv = iv[:16] if len(iv) >= 16 else iv.ljust(16, b"\0")
    cipher = AES.new(aes_key, AES.MODE_CBC, iv)
    decrypted_data = cipher.decrypt(base64.b64decode(data_encrypt))
    padding_len = decrypted_data[-1]
    return decrypted_data[:-padding_len].decode("utf-8")


# ------------------------------------------------------------------------- a receiver built on them

Script = list[int | BaseException]


@dataclass
class Received:
    """One POST the receiver got: what came, when (fake clock, ms), whether it verified, what it answered."""

    url: str
    body: dict[str, Any]
    at_ms: int
    verified: bool
    payload: dict[str, Any] | None
    error: str | None
    answer: int | None


@dataclass
class DocsReceiver:
    """`FakeAkool(receiver=...)`: verifies like the page, then answers from `script` (then 200, or 400)."""

    client_id: str = ""
    client_secret: str = ""
    script: Script = field(default_factory=list)
    now_ms: Callable[[], int] = lambda: 0
    received: list[Received] = field(default_factory=list)

    def bind(self, akool: FakeAkool) -> DocsReceiver:
        self.client_id, self.client_secret, self.now_ms = akool.client_id, akool.api_key, akool.clock.now_ms
        return self

    def __call__(self, url: str, obj: dict[str, Any]) -> int:
        payload, error = None, None
        signature = obj["signature"]
        msg_encrypt = obj["dataEncrypt"]
        timestamp = str(obj["timestamp"])  # the page's code needs strings: both arrive as numbers
        nonce = str(obj["nonce"])
        new_signature = generate_msg_signature(self.client_id, timestamp, nonce, msg_encrypt)
        verified = signature == new_signature
        if verified:
            try:
                payload = json.loads(generate_aes_decrypt(msg_encrypt, self.client_id, self.client_secret))
            except ValueError as exc:  # not UTF-8, or not JSON
                error = f"{type(exc).__name__}: {exc}"
        else:
            error = f"signature {signature} != {new_signature}"
        outcome: int | BaseException = self.script.pop(0) if self.script else (200 if payload else 400)
        record = Received(url, obj, self.now_ms(), verified, payload, error, None)
        self.received.append(record)
        if isinstance(outcome, BaseException):
            raise outcome
        record.answer = outcome
        return outcome

    def statuses(self, job_id: str | None = None) -> list[int]:
        return [
            r.payload["status"] for r in self.received if r.payload and job_id in (None, r.payload["_id"])
        ]


# ------------------------------------------------------------------------- fakes, clients, jobs


def manual_settings(**config: Any) -> Settings:
    """Jobs move only when a test says so (akool.jobs.advance / complete / fail)."""
    return build_settings(
        {"lifecycle": {"policy": "manual"}, **config}, clock="manual", seed=1, public_url=BASE
    )


@pytest.fixture
def rx() -> DocsReceiver:
    return DocsReceiver()


@pytest.fixture
def akool(rx: DocsReceiver) -> Iterator[FakeAkool]:
    with FakeAkool(manual_settings(), receiver=rx) as fake:
        rx.bind(fake)
        yield fake


@pytest.fixture
def client(akool: FakeAkool) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE, headers={"x-api-key": akool.api_key}) as http:
        yield http


# openapi/faceswap.yaml request examples, for the operations whose pages show no request example.
OPENAPI_BODIES: dict[str, dict[str, Any]] = {
    "faceswap.create_image": {
        "targetImage": [
            {
                "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1694593694387-4562-0-1694593694575-0526.png",
                "opts": "262,175:363,175:313,215:272,279",
            }
        ],
        "sourceImage": [
            {
                "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705462509874-9254-0-1705462510015-9261.png",
                "opts": "239,364:386,366:317,472:266,539",
            }
        ],
        "face_enhance": 0,
        "modifyImage": (
            "https://d21ksh0k4smeql.cloudfront.net/bdd1c994c4cd7a58926088ae8a479168-1705462506461-1966.jpeg"
        ),
        "webhookUrl": "",
    },
    "faceswap.create_image_plus": {
        "source_url": "https://example.com/new-face.jpg",
        "target_url": "https://example.com/group-photo.jpg",
        "face_enhance": False,
        "model_style": "realistic",
        "single_face_mode": False,
        "face_mapping": [
            {
                "source_face_info": {"face_url": "https://example.com/source-face-1.jpg"},
                "target_face_info": {"face_url": "https://example.com/target-face-1.jpg"},
            },
            {
                "source_face_info": {"face_url": "https://example.com/source-face-2.jpg"},
                "target_face_info": {"face_url": "https://example.com/target-face-2.jpg"},
            },
        ],
    },
    "faceswap.create_video": {
        "sourceImage": [
            {
                "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705475757658-3362-0-1705475757797-3713.png",
                "opts": "239,364:386,366:317,472:266,539",
            }
        ],
        "targetImage": [
            {
                "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705479323786-0321-0-1705479323896-7695.png",
                "opts": "176,259:243,259:209,303:183,328",
            }
        ],
        "face_enhance": 0,
        "modifyVideo": "https://d21ksh0k4smeql.cloudfront.net/avatar_01-1705479314627-0092.mp4",
        "webhookUrl": "",
    },
}
# The doc examples of these name an earlier result: make one, complete it, and use its id.
PREREQUISITES: dict[str, tuple[str, str]] = {
    "images.create_by_button": ("_id", "images.create_by_prompt"),
    "image2video.update_audio": ("pre_video_id", "image2video.create"),
}
# updateVideoAudio takes no callback of its own: it reports to the one of the video it updates
# (schemas/NOTES.md #webhook-url-spelling), so that video is made with the test's webhook URL.
INHERITS_WEBHOOK = frozenset({"image2video.update_audio"})


def webhook_operations() -> list[Operation]:
    jobs = [op for op in CAT.operations if op.kind == "job_create" and op.id in CAT.webhook.types]
    return [op for op in jobs if not op.raw.get("deprecated")]  # refused by default (2026 docs)


def with_webhook(op: Operation, body: dict[str, Any], url: str) -> dict[str, Any]:
    """`webhookUrl` set; also `webhookurl` where the operation's schema spells it so."""
    body = {**body, "webhookUrl": url}
    if "webhookurl" in op.request_schema["properties"]["body"].get("properties", {}):
        body["webhookurl"] = url
    return body


def request_body(op: Operation, url: str) -> dict[str, Any] | None:
    """The first doc example (then the OpenAPI example) that validates once the webhook URL is set."""
    entries = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    entries += json.loads(CURRENT_EXAMPLES.read_text(encoding="utf-8"))
    candidates = [
        e["parsed"]
        for e in entries
        if e["operation"] == op.id and e["direction"] == "request" and e["payload"] is not False
    ]
    candidates += [OPENAPI_BODIES[op.id]] if op.id in OPENAPI_BODIES else []
    for candidate in candidates:
        if isinstance(candidate, dict):
            body = with_webhook(op, candidate, url)
            if not op.request_errors({"body": body}):
                return body
    return None


def call(client: httpx.Client, op: Operation, body: dict[str, Any]) -> dict[str, Any]:
    response = client.request(op.method, op.path, json=body)
    answer: dict[str, Any] = response.json()
    answer["_http_status"] = response.status_code
    return answer


def create_faceswap(client: httpx.Client, url: str = HOOK) -> str:
    op = CAT.operation("faceswap.create_image")
    answer = call(client, op, with_webhook(op, OPENAPI_BODIES[op.id], url))
    assert answer["code"] == 1000, answer
    job_id: str = answer["data"]["_id"]
    return job_id


def control_deliveries(client: httpx.Client, job_id: str | None = None) -> dict[str, Any]:
    """GET /_mock/webhooks through httpx, inside the fake."""
    response = client.get("/_mock/webhooks", params={"job": job_id} if job_id else None)
    assert response.status_code == 200, response.text
    listing: dict[str, Any] = response.json()
    return listing


def attempts(akool: FakeAkool, job_id: str) -> list[list[tuple[int, int | None]]]:
    return [[(a["at"], a["http_status"]) for a in d["attempts"]] for d in akool.webhooks.for_job(job_id)]


def payload_violations(payload: Any) -> list[str]:
    return [str(v) for v in CAT.store.violations(CAT.webhook.payload_schema, payload)]


def delivery_violations(body: Any) -> list[str]:
    return [str(v) for v in CAT.store.violations(CAT.webhook.delivery_schema, body)]


# ------------------------------------------------------------------------- every job kind


def _prepare(
    akool: FakeAkool, client: httpx.Client, op: Operation, body: dict[str, Any], problems: list[str]
) -> dict[str, Any]:
    """Fill in the id of a completed earlier result when the operation works on one."""
    if op.id == "headswap.create_task":  # a head swap task needs a completed analysis of its video
        analysis = call(
            client,
            CAT.operation("headswap.submit_analysis"),
            {"video_url": body["video_url"], "type": "head"},
        )
        akool.jobs.complete(analysis["data"]["_id"])
    if op.id not in PREREQUISITES:
        return body
    name, producer_id = PREREQUISITES[op.id]
    producer = CAT.operation(producer_id)
    source = request_body(producer, str(body.get("webhookUrl", "")) if op.id in INHERITS_WEBHOOK else "")
    answer = call(client, producer, source or {})
    if answer.get("code") != 1000:
        problems.append(f"prerequisite {producer_id} answered {answer}")
        return body
    made: str = answer["data"]["_id"]
    akool.jobs.complete(made)
    return {**body, name: made}


def _check_deliveries(
    op: Operation, url: str, akool: FakeAkool, rx: DocsReceiver, problems: list[str]
) -> None:
    jobs = [j for j in akool.jobs.all(operation=op.id) if j.webhook_url == url]
    if not jobs:
        problems.append("no job carries the webhook URL")
    received = [r for r in rx.received if r.url == url]
    for r in received:
        problems += [f"delivery body: {v}" for v in delivery_violations(r.body)]
        if not r.verified or r.payload is None:
            problems.append(f"the docs' receiver refused a delivery: {r.error}")
            continue
        problems += [f"payload {r.payload}: {v}" for v in payload_violations(r.payload)]
        if r.payload.get("type") != CAT.webhook.types[op.id]:
            problems.append(f"payload type {r.payload.get('type')!r}, catalog {CAT.webhook.types[op.id]!r}")
    for job in jobs:
        statuses = rx.statuses(job.id)
        if job.status != 3 or statuses != [2, 3]:
            problems.append(f"job {job.id}: status {job.status}, deliveries {statuses} (want [2, 3])")
    for delivery in (d for job in jobs for d in akool.webhooks.for_job(job.id)):
        if delivery["state"] != "delivered":
            problems.append(f"delivery {delivery['id']} is {delivery['state']}: {delivery['attempts']}")


@dataclass
class Run:
    """What one fake made of every job kind: the problems per operation, and everything received."""

    problems: dict[str, list[str]]
    received: list[Received]


@pytest.fixture(scope="module")
def every_job_kind() -> Run:
    """One fake, one job of every job-creating operation with a webhook type, the clock run until done."""
    rx = DocsReceiver()
    problems: dict[str, list[str]] = {op.id: [] for op in webhook_operations()}
    with (
        FakeAkool(build_settings(clock="manual", seed=3, public_url=BASE), receiver=rx) as akool,
        httpx.Client(base_url=BASE, headers={"x-api-key": akool.api_key}) as client,
    ):
        rx.bind(akool)
        for op in webhook_operations():
            url = f"https://hooks.example.com/{op.id}"
            body = request_body(op, url)
            if body is None:
                problems[op.id].append("no doc or OpenAPI request example validates")
                continue
            body = _prepare(akool, client, op, body, problems[op.id])
            answer = call(client, op, body)
            if answer.get("code") != 1000:
                problems[op.id].append(f"create answered HTTP {answer['_http_status']}: {answer}")
        for _ in range(240):  # 2 h of fake time in 30 s steps; the slowest default job takes 300 s
            akool.clock.advance(30)
            pending = control_deliveries(client)["pending"]
            if pending == 0 and all(job.terminal for job in akool.jobs.all()):
                break
        for op in webhook_operations():
            if not problems[op.id]:
                _check_deliveries(op, f"https://hooks.example.com/{op.id}", akool, rx, problems[op.id])
    return Run(problems, rx.received)


# Known failures, each a bug in the fake or the contract (see the reason); strict, so a fix shows up.
KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    "op_id",
    [
        pytest.param(op.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[op.id]))
        if op.id in KNOWN_FAILURES
        else op.id
        for op in webhook_operations()
    ],
)
def test_docs_receiver_verifies_every_delivery_of_every_job_kind(every_job_kind: Run, op_id: str) -> None:
    """Every delivery verifies with the docs' receiver, decrypts, validates, has the catalog's type; the job
    reports 2 then 3. Failures are collected per operation by one run (`every_job_kind`)."""
    assert every_job_kind.problems[op_id] == []


def test_every_job_kind_covers_the_catalog(every_job_kind: Run) -> None:
    ops = {op.id for op in webhook_operations()}
    deprecated = {op.id for op in CAT.operations if op.raw.get("deprecated")}  # refused (2026 docs)
    assert ops == set(CAT.webhook.types) - deprecated, "every operation with a webhook type is a job_create"
    assert set(every_job_kind.problems) == ops
    failing = {op_id: found for op_id, found in every_job_kind.problems.items() if found}
    report = "\n".join(f"{op_id}:\n  " + "\n  ".join(found) for op_id, found in sorted(failing.items()))
    assert set(failing) <= set(KNOWN_FAILURES), f"operations failing:\n{report}"
    assert len(every_job_kind.received) >= 2 * len(ops)


# ------------------------------------------------------------------------- retries


def test_500_twice_then_200_is_three_attempts_on_the_schedule(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    rx.script = [500, 500, 200]
    job_id = create_faceswap(client)
    t0 = akool.clock.now_ms()
    akool.jobs.advance(job_id)  # 1 -> 2: the first attempt goes out at once
    assert [r.answer for r in rx.received] == [500]
    [delivery] = control_deliveries(client, job_id)["deliveries"]
    assert delivery["state"] == "pending"
    assert delivery["next_attempt_at"] == t0 + 5_000
    akool.clock.advance(4.5)
    assert len(rx.received) == 1, "not before the first retry delay (5 s)"
    akool.clock.advance(0.5)
    assert [r.answer for r in rx.received] == [500, 500]
    akool.clock.advance(29.5)
    assert len(rx.received) == 2, "not before the second retry delay (30 s)"
    akool.clock.advance(0.5)
    akool.clock.advance(3600)
    assert [r.answer for r in rx.received] == [500, 500, 200]
    assert all(r.verified for r in rx.received)
    assert len({r.body["nonce"] for r in rx.received} | {r.body["timestamp"] for r in rx.received}) >= 2
    expected = [(t0, 500), (t0 + 5_000, 500), (t0 + 35_000, 200)]
    listing = control_deliveries(client, job_id)
    assert listing["count"] == 1
    assert listing["pending"] == 0
    [logged] = listing["deliveries"]
    assert logged["state"] == "delivered"
    assert logged["next_attempt_at"] is None
    assert [(a["at"], a["http_status"]) for a in logged["attempts"]] == expected
    assert akool.webhooks.for_job(job_id) == listing["deliveries"]
    assert [d for d in akool.webhooks.deliveries if d["job_id"] == job_id] == listing["deliveries"]
    assert [r.at_ms for r in rx.received] == [t for t, _ in expected]


def test_retry_delays_follow_the_schedule_and_the_last_repeats(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    rx.script = [503] * 20
    job_id = create_faceswap(client)
    t0 = akool.clock.now_ms()
    akool.jobs.advance(job_id)
    delays = [*akool.settings.webhook_retry_s, 3600.0, 3600.0]
    assert tuple(akool.settings.webhook_retry_s) == (5.0, 30.0, 120.0, 600.0, 1800.0, 3600.0)
    for delay in delays:
        akool.clock.advance(delay)
    offsets = [0]
    for delay in delays:
        offsets.append(offsets[-1] + int(delay * 1000))
    assert attempts(akool, job_id) == [[(t0 + offset, 503) for offset in offsets]]


def test_a_long_clock_jump_makes_every_retry_that_fell_due_inside_it(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    rx.script = [503] * 20
    job_id = create_faceswap(client)
    t0 = akool.clock.now_ms()
    akool.jobs.advance(job_id)  # first try at 0, refused
    akool.clock.advance(3600)  # tries were due at 5, 35, 155, 755 and 2555 s: all made now
    made = attempts(akool, job_id)[0]
    assert len(made) == 6
    assert {at for at, _ in made[1:]} == {t0 + 3_600_000}
    [delivery] = akool.webhooks.for_job(job_id)
    assert delivery["next_attempt_at"] == t0 + 6_155_000, "the schedule goes on from where it was due"


def test_a_configured_retry_schedule_is_used(rx: DocsReceiver) -> None:
    with (
        FakeAkool(manual_settings(webhook_retry_s=[1, 2]), receiver=rx) as akool,
        httpx.Client(base_url=BASE, headers={"x-api-key": akool.api_key}) as client,
    ):
        rx.bind(akool)
        rx.script = [500] * 4
        job_id = create_faceswap(client)
        t0 = akool.clock.now_ms()
        akool.jobs.advance(job_id)
        for delay in (1, 2, 2, 2):
            akool.clock.advance(delay)
        assert attempts(akool, job_id) == [
            [(t0, 500), (t0 + 1000, 500), (t0 + 3000, 500), (t0 + 5000, 500), (t0 + 7000, 200)]
        ]


@pytest.mark.parametrize("delays", [[0], [5, 0], []])
def test_retry_delays_must_be_positive(delays: list[float]) -> None:
    """send_sync repeats while anything is due: a zero delay would retry a failing receiver without end."""
    with pytest.raises(ConfigError, match="webhook_retry_s"):
        manual_settings(webhook_retry_s=delays)


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectTimeout("timed out"), httpx.ConnectError("connection refused"), TimeoutError()],
    ids=["timeout", "refused", "os-timeout"],
)
def test_a_receiver_timeout_or_connection_error_is_retried(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver, failure: BaseException
) -> None:
    rx.script = [failure]
    job_id = create_faceswap(client)
    t0 = akool.clock.now_ms()
    akool.jobs.advance(job_id)
    [delivery] = akool.webhooks.for_job(job_id)
    assert delivery["state"] == "pending"
    [first] = delivery["attempts"]
    assert first["http_status"] is None
    assert type(failure).__name__ in first["error"]
    akool.clock.advance(5)
    [delivery] = akool.webhooks.for_job(job_id)
    assert delivery["state"] == "delivered"
    assert attempts(akool, job_id) == [[(t0, None), (t0 + 5_000, 200)]]
    assert (
        rx.received[0].payload == rx.received[1].payload == {"_id": job_id, "status": 2, "type": "faceswap"}
    )


# ------------------------------------------------------------------------- outcomes and order


def test_a_failed_job_ends_with_status_4(akool: FakeAkool, client: httpx.Client, rx: DocsReceiver) -> None:
    job_id = create_faceswap(client)
    akool.jobs.fail(job_id, "no face found in the target image")
    assert rx.statuses(job_id) == [2, 4]
    assert all(r.verified for r in rx.received)
    for r in rx.received:
        assert payload_violations(r.payload) == []
        assert delivery_violations(r.body) == []
    assert "url" not in rx.received[-1].payload
    assert [d["state"] for d in akool.webhooks.for_job(job_id)] == ["delivered", "delivered"]


def test_a_failed_video_translation_carries_the_reason(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    op = CAT.operation("video_translation.create")
    body = request_body(op, HOOK)
    assert body is not None
    answer = call(client, op, body)
    assert answer["code"] == 1000, answer
    [job] = akool.jobs.all(operation=op.id)
    akool.jobs.fail(job.id, "Video processing error")
    final = rx.received[-1].payload
    assert final is not None
    assert payload_violations(final) == []
    assert final["status"] == final["video_status"] == 4
    assert final["type"] == "video translate"
    assert final["error_reason"] == "Video processing error"


def test_each_status_is_delivered_on_its_own_by_default(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    """A receiver that refuses intermediate statuses still gets the completion (no head-of-line blocking)."""
    refused: list[int] = []

    def only_final(url: str, body: dict[str, Any]) -> int:
        status = rx(url, body)
        payload = rx.received[-1].payload or {}
        if payload.get("status") == 2:
            refused.append(2)
            return 500
        return status

    akool.webhooks.receiver = only_final
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)  # status 2: refused
    akool.jobs.complete(job_id)  # status 3: goes out at once, whatever became of status 2
    assert rx.statuses(job_id) == [2, 3]
    status2, status3 = akool.webhooks.for_job(job_id)
    assert (status2["state"], status3["state"]) == ("pending", "delivered")
    akool.clock.advance(5)  # status 2 has its own retries
    assert rx.statuses(job_id) == [2, 3, 2]
    assert [a["http_status"] for a in akool.webhooks.for_job(job_id)[0]["attempts"]] == [500, 500]
    assert refused == [2, 2]


def test_each_status_has_its_own_retry_schedule(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    rx.script = [500, 500]
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)  # status 2 refused at t=0
    akool.clock.advance(3)
    akool.jobs.complete(job_id)  # status 3 refused at t=3
    status2, status3 = akool.webhooks.for_job(job_id)
    assert status2["next_attempt_at"] - status2["attempts"][0]["at"] == 5000
    assert status3["next_attempt_at"] - status3["attempts"][0]["at"] == 5000
    assert status3["next_attempt_at"] - status2["next_attempt_at"] == 3000
    akool.clock.advance(2)  # only status 2 is due again
    assert rx.statuses(job_id) == [2, 3, 2]
    akool.clock.advance(3)
    assert rx.statuses(job_id) == [2, 3, 2, 3]


def test_order_holds_while_the_first_delivery_is_retried(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, ordered=True)
    rx.script = [500, 500]
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)  # status 2: refused (500)
    akool.jobs.complete(job_id)  # status 3: must wait behind the status-2 delivery
    akool.clock.advance(5)  # second try of status 2: refused again
    assert rx.statuses(job_id) == [2, 2], "the status-3 delivery waits"
    waiting = akool.webhooks.for_job(job_id)[1]
    assert waiting["payload"]["status"] == 3
    assert waiting["attempts"] == []
    akool.clock.advance(30)  # status 2 acknowledged, then status 3 goes out in the same settle
    assert rx.statuses(job_id) == [2, 2, 2, 3]
    assert [r.answer for r in rx.received] == [500, 500, 200, 200]
    assert [d["state"] for d in akool.webhooks.for_job(job_id)] == ["delivered", "delivered"]


def test_one_advance_past_a_job_delivers_all_its_statuses(rx: DocsReceiver) -> None:
    """Default (time) lifecycle: a face swap is done after 25 s, so `advance(60)` should deliver 2 and 3."""
    with (
        FakeAkool(build_settings(clock="manual", seed=1, public_url=BASE), receiver=rx) as akool,
        httpx.Client(base_url=BASE, headers={"x-api-key": akool.api_key}) as client,
    ):
        rx.bind(akool)
        job_id = create_faceswap(client)
        akool.clock.advance(60)
        assert akool.jobs.get(job_id).status == 3
        assert rx.statuses(job_id) == [2, 3]


def test_ordered_mode_is_set_through_the_control_api(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    answer = client.post(f"/_mock/accounts/{akool.client_id}/webhook-modes", json={"ordered": True})
    assert answer.status_code == 200, answer.text
    assert answer.json()["ordered"] is True
    rx.script = [500]
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    akool.jobs.complete(job_id)
    assert rx.statuses(job_id) == [2], "status 3 waits behind the refused status 2"
    client.post(f"/_mock/accounts/{akool.client_id}/webhook-modes", json={})
    akool.clock.advance(5)
    assert sorted(rx.statuses(job_id)) == [2, 2, 3]


def test_a_waiting_delivery_goes_out_once_its_predecessor_is_acknowledged(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, ordered=True)
    rx.script = [500]
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)  # status 2 refused
    akool.jobs.complete(job_id)  # status 3 waits behind it
    akool.clock.advance(5)  # status 2 acknowledged: status 3 has been due since it was made
    assert rx.statuses(job_id) == [2, 2, 3]


# ------------------------------------------------------------------------- redelivery


def test_redeliver_sends_the_same_payload_again(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    akool.jobs.complete(job_id)
    first, second = akool.webhooks.for_job(job_id)
    assert rx.statuses(job_id) == [2, 3]
    akool.clock.advance(60)
    akool.webhooks.redeliver(second["id"])
    assert rx.statuses(job_id) == [2, 3, 3]
    assert rx.received[-1].verified
    assert rx.received[-1].body["timestamp"] == akool.clock.now_ms(), "sealed afresh at sending time"
    answer = client.post(f"/_mock/webhooks/{first['id']}/redeliver")
    assert answer.status_code == 200, answer.text
    assert answer.json()["payload"] == first["payload"]
    assert rx.statuses(job_id) == [2, 3, 3, 2]
    deliveries = akool.webhooks.for_job(job_id)
    assert len(deliveries) == 4
    assert len({d["id"] for d in deliveries}) == 4
    assert [d["state"] for d in deliveries] == ["delivered"] * 4
    assert client.post("/_mock/webhooks/wh_99999999/redeliver").status_code == 404


# ------------------------------------------------------------------------- adversarial modes


def test_mode_duplicate_sends_each_body_twice(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, duplicate=True)
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    assert len(rx.received) == 2
    assert rx.received[0].body == rx.received[1].body
    assert all(r.verified for r in rx.received)
    [delivery] = akool.webhooks.for_job(job_id)
    assert delivery["attempts"][0]["bodies"] == 2
    assert delivery["state"] == "delivered"


def test_mode_out_of_order_sends_the_final_status_first(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, out_of_order=True)
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    assert rx.received == [], "status 2 is held until the final status exists"
    akool.jobs.complete(job_id)
    assert rx.statuses(job_id) == [3, 2]
    assert all(r.verified for r in rx.received)


def test_mode_tamper_signature_is_refused_by_the_docs_receiver(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, tamper_signature=True)
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    akool.clock.advance(5)
    assert [r.verified for r in rx.received] == [False, False]
    assert [r.answer for r in rx.received] == [400, 400]
    body = rx.received[0].body
    honest = generate_msg_signature(
        akool.client_id, str(body["timestamp"]), str(body["nonce"]), body["dataEncrypt"]
    )
    assert body["signature"] != honest
    assert body["signature"][1:] == honest[1:], "only the signature was changed"
    decrypted = json.loads(generate_aes_decrypt(body["dataEncrypt"], akool.client_id, akool.api_key))
    assert decrypted["status"] == 2
    assert akool.webhooks.for_job(job_id)[0]["state"] == "pending", "still retried"


def test_mode_stale_timestamp_is_an_hour_old(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, stale_timestamp=True)
    job_id = create_faceswap(client)
    akool.clock.advance(7200)
    akool.jobs.advance(job_id)
    [r] = rx.received
    assert r.verified, "the stale timestamp is signed; only a freshness check can refuse it"
    assert r.body["timestamp"] == akool.clock.now_ms() - 3_600_000


def test_mode_replay_nonce_resends_an_earlier_body_verbatim(
    akool: FakeAkool, client: httpx.Client, rx: DocsReceiver
) -> None:
    akool.webhooks.modes(akool.client_id, replay_nonce=True)
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    [earlier] = rx.received
    akool.clock.advance(10)
    akool.jobs.complete(job_id)
    assert [r.payload["status"] for r in rx.received if r.payload] == [2, 3, 2]
    replayed = rx.received[-1]
    assert replayed.body == earlier.body, "same nonce, timestamp, signature and ciphertext"
    assert replayed.verified, "a replay verifies; only a nonce/timestamp memory can refuse it"
    assert replayed.at_ms > earlier.body["timestamp"]
    assert akool.webhooks.for_job(job_id)[1]["attempts"][0]["bodies"] == 2


def test_mode_delay_holds_the_first_attempt(akool: FakeAkool, client: httpx.Client, rx: DocsReceiver) -> None:
    answer = client.post(f"/_mock/accounts/{akool.client_id}/webhook-modes", json={"delay_s": 60})
    assert answer.status_code == 200, answer.text
    assert answer.json()["delay_s"] == 60
    job_id = create_faceswap(client)
    t0 = akool.clock.now_ms()
    akool.jobs.advance(job_id)
    assert rx.received == []
    akool.clock.advance(59.5)
    assert rx.received == []
    akool.clock.advance(0.5)
    [r] = rx.received
    assert r.verified
    assert r.at_ms == t0 + 60_000
    assert attempts(akool, job_id) == [[(t0 + 60_000, 200)]]


def test_unknown_modes_are_refused(akool: FakeAkool, client: httpx.Client) -> None:
    answer = client.post(f"/_mock/accounts/{akool.client_id}/webhook-modes", json={"reorder": True})
    assert answer.status_code == 400
    assert "unknown webhook mode 'reorder'" in answer.json()["error"]


# ------------------------------------------------------------------------- the allowlist


@pytest.fixture
def guarded(rx: DocsReceiver) -> Iterator[tuple[FakeAkool, httpx.Client]]:
    settings = build_settings(
        {"webhook_allowlist": ["hooks.example.com"]}, clock="manual", seed=1, public_url=BASE
    )
    with (
        FakeAkool(settings, receiver=rx) as akool,
        httpx.Client(base_url=BASE, headers={"x-api-key": akool.api_key}) as client,
    ):
        rx.bind(akool)
        yield akool, client


def test_the_allowlist_refuses_other_hosts(guarded: tuple[FakeAkool, httpx.Client], rx: DocsReceiver) -> None:
    akool, client = guarded
    allowed = create_faceswap(client, "https://hooks.example.com/ok")
    refused = [
        create_faceswap(client, url) for url in ("https://evil.example.net/hook", "http://169.254.169.254/")
    ]
    akool.clock.advance(60)
    assert {r.url for r in rx.received} == {"https://hooks.example.com/ok"}
    assert rx.statuses(allowed) == [2, 3]
    for job_id in refused:
        deliveries = akool.webhooks.for_job(job_id)
        assert [d["state"] for d in deliveries] == ["refused", "refused"]
        for d in deliveries:
            [attempt] = d["attempts"]
            assert "allowlist" in attempt["error"]
            assert attempt["http_status"] is None
    assert control_deliveries(client)["pending"] == 0


def test_redeliver_does_not_bypass_the_allowlist(
    guarded: tuple[FakeAkool, httpx.Client], rx: DocsReceiver
) -> None:
    akool, client = guarded
    job_id = create_faceswap(client, "https://evil.example.net/hook")
    akool.jobs.fail(job_id, "x")
    refused = akool.webhooks.for_job(job_id)[0]
    assert refused["state"] == "refused"
    client.post(f"/_mock/webhooks/{refused['id']}/redeliver")
    assert rx.received == []
    assert akool.webhooks.for_job(job_id)[-1]["state"] == "refused"


# ------------------------------------------------------------------------- what the fake sends


def test_the_nonce_is_a_string_of_digits(akool: FakeAkool, client: httpx.Client, rx: DocsReceiver) -> None:
    job_id = create_faceswap(client)
    akool.jobs.advance(job_id)
    nonce = rx.received[0].body["nonce"]
    assert isinstance(nonce, str)
    assert nonce.isdigit()
