"""Parity: one scenario suite, run against the in-process FakeAkool and against `akool-mock serve`.

Both start from the same seed on a manual clock, so the two transcripts (every code, status, id and
message, with the base URL normalised) must be identical, webhooks included.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from akool_mock.mock_server.crypto import decrypt, signature
from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from tests.support.scenarios import job_operations, walk_to_completion, walk_to_failure
from tests.support.servers import Receiver, receiver, serve
from tests.support.targets import HttpApi

QUOTA = "faceswap.get_quota"


def scenario(api: HttpApi, hook: Receiver) -> list[Any]:
    """Auth, every job kind end to end, errors, webhooks: what a client would observe."""
    api.control("POST", "/_mock/reset")
    transcript: list[Any] = []
    for headers in ({}, {"x-api-key": "wrong"}):
        saved, api.headers = api.headers, headers
        transcript.append(("auth", headers.keys(), api.call(QUOTA)))
        api.headers = saved
    token = api.call("auth.get_token", body={"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY})
    saved, api.headers = api.headers, {"authorization": f"Bearer {token['token']}"}
    transcript.append(("bearer", api.call(QUOTA)))
    api.headers = saved
    for op in job_operations():
        transcript += walk_to_completion(api, op)
        transcript += walk_to_failure(api, op)
    transcript.append(("invalid", api.call("faceswap.create_image", body={"sourceImage": [{}]})))
    transcript.append(("quota", api.call(QUOTA)))
    transcript += webhooks(api, hook)
    return transcript


def webhooks(api: HttpApi, hook: Receiver) -> list[Any]:
    face = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
    body = {"sourceImage": [face], "targetImage": [face], "face_enhance": 0, "modifyImage": face["path"]}
    hook.bodies.clear()
    job = api.call("faceswap.create_image", body={**body, "webhookUrl": hook.url})["data"]["_id"]
    api.advance(600)
    received = hook.wait_for(2)
    payloads = []
    for delivery in received:
        expected = signature(
            DEFAULT_CLIENT_ID, delivery["timestamp"], delivery["nonce"], delivery["dataEncrypt"]
        )
        assert delivery["signature"] == expected
        payloads.append(decrypt(delivery["dataEncrypt"], DEFAULT_CLIENT_ID, DEFAULT_API_KEY))
    log = settled(api, job)
    # Each status is its own delivery, sent concurrently by the served fake: they may arrive in any order.
    return [("webhooks", sorted(payloads), [(d["payload"]["status"], d["state"]) for d in log])]


def settled(api: HttpApi, job: str) -> list[dict[str, Any]]:
    """The job's deliveries once the fake has recorded every receiver answer (served: a moment later)."""
    deadline = time.monotonic() + 10
    while True:
        log: list[dict[str, Any]] = api.control("GET", f"/_mock/webhooks?job={job}")["deliveries"]
        if all(d["state"] == "delivered" for d in log) or time.monotonic() > deadline:
            return log
        time.sleep(0.02)


@contextmanager
def inprocess() -> Iterator[tuple[HttpApi, str]]:
    with FakeAkool(seed=0, send_webhooks=True) as akool, httpx.Client() as client:
        hosts = {"openapi.akool.com": "https://openapi.akool.com", "sg3.akool.com": "https://sg3.akool.com"}
        yield HttpApi(client, hosts, akool.api_key), "https://openapi.akool.com"


@contextmanager
def served() -> Iterator[tuple[HttpApi, str]]:
    with serve("--clock", "manual", "--seed", "0") as server, httpx.Client(timeout=30) as client:
        hosts = {"openapi.akool.com": server.base_url, "sg3.akool.com": server.base_url}
        yield HttpApi(client, hosts, DEFAULT_API_KEY), server.base_url


def run(target: Callable[[], Any], hook: Receiver) -> str:
    with target() as (api, base_url):
        return repr(scenario(api, hook)).replace(base_url, "<base>")


def test_inprocess_and_served_fakes_answer_the_same() -> None:
    with receiver() as hook:
        local = run(inprocess, hook)
        remote = run(served, hook)
    assert "webhooks" in local
    assert local == remote
