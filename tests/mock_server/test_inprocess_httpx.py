"""FakeAkool with httpx (the SDK and plain clients), and beside a test's own respx routes in either order."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AkoolClient
from akool_mock.sdk.types.faceswap import FaceImage
from akool_mock.sdk.webhooks import verify_and_decrypt
from tests.support.servers import receiver

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"
OTHER = "https://api.example.com/users/1"
FACE = FaceImage(path="https://example.com/me.png", opts="262,175:363,175:313,215:272,279")


def test_the_sdk_waits_a_job_to_completion_and_webhooks_reach_a_python_receiver() -> None:
    events: list[tuple[str, int]] = []

    def app(url: str, body: dict[str, Any]) -> None:
        secret = akool.api_key
        event = verify_and_decrypt(body, client_id=akool.client_id, client_secret=secret, tolerance=None)
        events.append((url, event.status))

    with FakeAkool(receiver=app) as akool:
        client = AkoolClient(api_key=akool.api_key, sleep=akool.clock.advance, timeout=5)
        job = client.faceswap.create_image(
            source_image=[FACE],
            target_image=[FACE],
            modify_image=FACE["path"],
            webhook_url="https://a.example/h",
        )
        result = client.wait(job)
        assert result.url is not None
        assert result.url.endswith(f"{job.id}.png")
        assert events == [("https://a.example/h", 2), ("https://a.example/h", 3)]


def test_other_hosts_pass_through_to_the_network() -> None:
    with receiver() as hook, FakeAkool() as akool:
        assert httpx.post(hook.url, json={"ping": 1}).status_code == 200
        assert hook.wait_for(1) == [{"ping": 1}]
        assert akool.journal == []


def test_a_respx_router_started_first_answers_its_own_routes() -> None:
    with respx.mock(assert_all_called=True) as router, FakeAkool() as akool:
        router.get(OTHER).respond(json={"id": 1})
        assert httpx.get(OTHER).json() == {"id": 1}
        assert httpx.get(QUOTA, headers={"x-api-key": akool.api_key}).json()["code"] == 1000


def test_a_respx_router_started_inside_answers_its_own_routes() -> None:
    with FakeAkool() as akool, respx.mock(assert_all_called=True) as router:
        router.get(OTHER).respond(json={"id": 1})
        assert httpx.get(OTHER).json() == {"id": 1}
        assert httpx.get(QUOTA, headers={"x-api-key": akool.api_key}).json()["code"] == 1000


def test_a_respx_router_that_mocks_everything_still_refuses_unknown_hosts() -> None:
    with FakeAkool(), respx.mock(), pytest.raises(respx.models.AllMockedAssertionError):
        httpx.get("https://unmocked.example.com/")


def test_the_respx_mock_fixture_and_the_akool_fixture(respx_mock: respx.MockRouter, akool: FakeAkool) -> None:
    respx_mock.get(OTHER).respond(json={"id": 2})
    assert httpx.get(OTHER).json() == {"id": 2}
    assert httpx.get(QUOTA, headers={"x-api-key": akool.api_key}).json()["code"] == 1000


def test_the_akool_fixture_before_the_respx_mock_fixture(
    akool: FakeAkool, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(OTHER).respond(json={"id": 3})
    assert httpx.get(OTHER).json() == {"id": 3}
    assert httpx.get(QUOTA, headers={"x-api-key": akool.api_key}).json()["code"] == 1000
