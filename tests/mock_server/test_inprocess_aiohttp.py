"""FakeAkool with aiohttp, written as async services and LiveKit agents write it: one ClientSession with
the API key and a timeout, a job polled until it finishes, webhooks to a Python receiver, a retry loop."""

from __future__ import annotations

import importlib.util
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk.webhooks import verify_and_decrypt
from tests.support.servers import receiver

pytestmark = pytest.mark.anyio

BASE = "https://openapi.akool.com"
QUOTA = f"{BASE}/api/open/v3/faceswap/quota/info"
CREATE = f"{BASE}/api/open/v3/faceswap/highquality/specifyimage"
POLL = f"{BASE}/api/open/v3/faceswap/result/listbyids"
LEGACY = "https://sg3.akool.com/detect"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
BODY = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def session_for(akool: FakeAkool, timeout: float = 10) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        headers={"x-api-key": akool.api_key}, timeout=aiohttp.ClientTimeout(total=timeout)
    )


async def get_json(session: aiohttp.ClientSession, url: str, **kwargs: Any) -> Any:
    async with session.get(url, **kwargs) as answer:
        answer.raise_for_status()
        return await answer.json()


async def test_a_job_created_polled_to_completion_and_its_webhooks_reach_a_python_receiver() -> None:
    events: list[tuple[int, str]] = []

    def app(_url: str, body: dict[str, Any]) -> int:
        secret = akool.api_key
        event = verify_and_decrypt(body, client_id=akool.client_id, client_secret=secret, tolerance=None)
        events.append((event.status, event.id))
        return 200

    with FakeAkool(receiver=app) as akool:
        async with session_for(akool) as session:
            body = {**BODY, "webhookUrl": "https://agent.example.com/hook"}
            async with session.post(CREATE, json=body) as created:
                job_id = (await created.json())["data"]["_id"]
            for _ in range(30):
                answer = await get_json(session, POLL, params={"_ids": job_id})
                item = answer["data"]["result"][0]
                if item["faceswap_status"] in (3, 4):
                    break
                akool.clock.advance(5)  # stands in for `await asyncio.sleep(5)`
        assert item["faceswap_status"] == 3
        assert events == [(2, job_id), (3, job_id)]


async def test_the_legacy_host_bytes_and_text_bodies() -> None:
    with FakeAkool() as akool:
        async with session_for(akool) as session:
            detect = {"single_face": True, "image_url": "https://e.com/a.png"}
            async with session.post(LEGACY, json=detect) as answer:
                assert (await answer.json())["error_code"] == 0
            async with session.post(CREATE, data=b"{") as answer:
                assert (await answer.json())["code"] == 1003
            async with session.post(CREATE, data="[]") as answer:
                assert (await answer.json())["code"] == 1003
        assert akool.journal[0]["path"] == "/detect"


async def test_a_retry_loop_rides_over_injected_503s() -> None:
    with FakeAkool() as akool:
        akool.faults.add(operation="faceswap.get_quota", http_status=503, count=2)
        async with session_for(akool) as session:
            statuses = []
            for _ in range(3):
                async with session.get(QUOTA) as answer:
                    statuses.append(answer.status)
                    if answer.status == 200:
                        assert (await answer.json())["code"] == 1000
                        break
        assert statuses == [503, 503, 200]


async def test_faults_reach_aiohttp_as_its_own_exceptions() -> None:
    with FakeAkool() as akool:
        async with session_for(akool) as session:
            akool.faults.add(delay_s=5, count=1)
            with pytest.raises(aiohttp.ServerTimeoutError):
                await get_json(session, QUOTA, timeout=aiohttp.ClientTimeout(sock_read=0.5))
            akool.faults.add(drop=True, count=1)
            with pytest.raises(aiohttp.ServerDisconnectedError):
                await get_json(session, QUOTA)
            assert (await get_json(session, QUOTA))["code"] == 1000


async def test_raise_for_status_on_the_session_is_kept() -> None:
    with FakeAkool() as akool:
        akool.faults.add(http_status=500, count=1)
        async with aiohttp.ClientSession(raise_for_status=True) as session:
            with pytest.raises(aiohttp.ClientResponseError):
                await get_json(session, QUOTA, headers={"x-api-key": akool.api_key})


async def test_other_hosts_pass_through_to_the_network() -> None:
    with receiver() as hook, FakeAkool() as akool:
        async with aiohttp.ClientSession() as session, session.post(hook.url, json={"ping": 1}) as answer:
            assert answer.status == 200
        assert hook.wait_for(1) == [{"ping": 1}]
        assert akool.journal == []


async def test_an_aioresponses_mock_started_first_answers_its_own_hosts() -> None:
    """Fixture order: the test's own `aioresponses` first, then FakeAkool (whose pass-through reaches it)."""
    with aioresponses() as mocked, FakeAkool() as akool:
        mocked.get("https://api.example.com/users/1", payload={"id": 1})
        async with aiohttp.ClientSession() as session:
            assert await get_json(session, "https://api.example.com/users/1") == {"id": 1}
            assert (await get_json(session, QUOTA, headers={"x-api-key": akool.api_key}))["code"] == 1000


async def test_an_aioresponses_mock_started_inside_sees_every_call_first() -> None:
    """Started after FakeAkool, a test's own aioresponses answers first; with `passthrough_unmatched` the
    calls it does not know (the Akool ones) reach the fake, never the network."""
    with FakeAkool() as akool, aioresponses(passthrough_unmatched=True) as mocked:
        mocked.get("https://api.example.com/users/1", payload={"id": 1})
        async with aiohttp.ClientSession() as session:
            assert await get_json(session, "https://api.example.com/users/1") == {"id": 1}
            assert (await get_json(session, QUOTA, headers={"x-api-key": akool.api_key}))["code"] == 1000


async def test_without_aioresponses_installed_akool_calls_are_refused_not_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "aioresponses" else real(name)
    )
    with FakeAkool() as akool:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientConnectionError, match=r"akool-mock\[aiohttp\]"):
                await get_json(session, QUOTA, headers={"x-api-key": akool.api_key})
